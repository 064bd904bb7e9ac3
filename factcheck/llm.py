"""The optional LLM path's shared part: load a LangChain chat model by name, ask it for structured output.

Any provider LangChain knows (``init_chat_model("provider:model")``: ``openai:gpt-4o-mini``,
``ollama:llama3.1``, ...) can decompose claims (``extract/llm.py``) and judge passages
(``verify/llm.py``). The default path never imports this. Every failure — the ``langchain``
package or the provider's package missing, a refused call, output that does not fit the schema —
is an :class:`LLMError` with one line a user can act on; the pipeline then shows the offline
result beside it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from .text import InputError

T = TypeVar("T", bound=BaseModel)


class LLMError(InputError):
    """The LLM could not be used, or what it returned does not fit; one line."""


def _line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def chat_model(name: str) -> Any:
    """A LangChain chat model from ``provider:model`` (the provider's package and key must be set up)."""
    try:
        from langchain.chat_models import init_chat_model
    except ImportError:
        raise LLMError("--llm needs the 'langchain' package and the provider's (e.g. pip install langchain "
                       "langchain-openai)") from None
    try:
        return init_chat_model(name)
    except Exception as e:  # providers raise their own types for a missing package, key or model
        raise LLMError(f"--llm {name!r} could not be loaded ({type(e).__name__}: {_line(e)})") from None


def model_name(model: Any) -> str:
    for attr in ("model_name", "model", "model_id"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__


def ask(model: Any, schema: type[T], system: str, user: str, what: str) -> T:
    """One structured-output call: ``schema`` filled in by ``model``, or LLMError saying what went wrong."""
    try:
        runnable = model.with_structured_output(schema)
    except NotImplementedError:
        raise LLMError(f"{model_name(model)} cannot give structured output, which {what} needs") from None
    try:
        out = runnable.invoke([("system", system), ("human", user)])
    except Exception as e:  # the provider's errors, or a parse/validation error of its output
        raise LLMError(f"{what}: the LLM ({model_name(model)}) failed or returned malformed output "
                       f"({type(e).__name__}: {_line(e)})") from None
    if isinstance(out, dict):
        try:
            out = schema.model_validate(out)
        except ValueError as e:
            raise LLMError(f"{what}: the LLM ({model_name(model)}) returned malformed output ({_line(e)})") from None
    if not isinstance(out, schema):
        raise LLMError(f"{what}: the LLM ({model_name(model)}) returned no {schema.__name__}")
    return out
