"""Claim decomposition by an LLM (optional): the article's story sentences in, atomic claims out.

The rules still decide what is the story (``split_story`` drops and lists the furniture) and the
article's date; the LLM only rewrites numbered sentences into atomic, self-contained claims, as
structured output (:class:`Decomposition`). Each claim keeps the span of the sentence it names, so
the page highlights it as any other. Output that names no real sentence is malformed: an
:class:`~factcheck.llm.LLMError`, and the pipeline falls back to the rule-based extractor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..llm import LLMError, ask
from ..types import Claim
from .boilerplate import split_story
from .claims import Extraction
from .when import article_date

SYSTEM = """You split news articles into atomic factual claims for fact-checkers.
For each numbered sentence, write every checkable fact it states as a short claim that reads on its own:
replace pronouns and relative dates ("he", "last week") with what they refer to when the article says it,
one fact per claim, no commentary. Give the speaker when the sentence reports what someone said.
Mark opinions as "opinion" and forecasts as "prediction". Sentences with no checkable fact get no claim."""


class AtomicClaim(BaseModel):
    """One atomic claim and the sentence it comes from."""

    sentence: int = Field(description="number of the sentence the claim comes from")
    text: str = Field(description="the claim: one checkable fact that reads on its own")
    speaker: str | None = Field(default=None, description="who said it, when the sentence reports speech")
    kind: Literal["statement", "opinion", "prediction"] = "statement"


class Decomposition(BaseModel):
    """The claims of an article, in reading order."""

    claims: list[AtomicClaim]


@dataclass
class LLMExtractor:
    """A ``ClaimExtractor`` that asks a LangChain chat model (see :func:`factcheck.llm.chat_model`)."""

    model: Any

    def extract(self, text: str, date: dt.date | None = None) -> Extraction:
        story, dropped = split_story(text)
        when = date or article_date(text)
        if not story:
            return Extraction(claims=[], dropped=dropped, date=when)
        numbered = "\n".join(f"{n}. {s.text}" for n, s in enumerate(story, 1))
        context = f"The article is dated {when.isoformat()}.\n" if when else ""
        out = ask(self.model, Decomposition, SYSTEM, f"{context}Sentences:\n{numbered}", "claim decomposition")
        claims = []
        for c in out.claims:
            if not 1 <= c.sentence <= len(story):
                raise LLMError(f"claim decomposition: the LLM's claim {c.text[:60]!r} names sentence {c.sentence}, "
                               f"but the article has {len(story)}")
            if not c.text.strip():
                continue
            s = story[c.sentence - 1]
            claims.append(Claim(id=f"c{len(claims) + 1}", text=c.text.strip(), sentence=s.text, start=s.start,
                                end=s.end, speaker=(c.speaker or "").strip() or None, kind=c.kind,
                                notes=["decomposed by the LLM"]))
        return Extraction(claims=claims, dropped=dropped, date=when)
