"""Verification by an LLM (optional): a claim and its passages in, a judged stance per passage out.

It fits the ``PairJudge`` seam. The offline judge runs first (relevance, aligned slots, the stance
model's judgement); then the LLM reads the claim with its numbered passages and returns, as
structured output (:class:`PassageVerdicts`), whether each passage is about the claim and whether
it supports or refutes it. Its answers replace the offline stance and the relevant/not-relevant
call (the relevance score and the slots stay the offline ones); the verdict policy then counts
them as usual, so its confidence still weighs the stance model's probabilities. All claims are asked before anything is
changed, so output that does not fit (a passage it was not given, one left out) raises
:class:`~factcheck.llm.LLMError` with the offline judgement intact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..llm import LLMError, ask
from ..types import Evidence
from .judge import Judge, PairJudge

SYSTEM = """You verify a claim against numbered evidence passages for fact-checkers.
For every passage say whether it is about the same subject and event as the claim (relevant), and if so
whether it supports the claim, refutes it (it states something incompatible: another place, date, number,
person, or the opposite), or neither (neutral). Judge only from the passage's text. Give one short reason."""


class PassageVerdict(BaseModel):
    passage: int = Field(description="the passage's number")
    relevant: bool = Field(description="the passage is about the claim's subject and event")
    stance: Literal["support", "refute", "neutral"]
    reason: str = Field(default="", description="one short sentence")


class PassageVerdicts(BaseModel):
    """One verdict per passage given."""

    passages: list[PassageVerdict]


@dataclass
class LLMJudge:
    """A ``PairJudge``: the offline judge, then a LangChain chat model's structured judgement per claim."""

    model: Any
    offline: PairJudge = field(default_factory=Judge)

    def judge(self, claims: list[str], evidence: list[list[Evidence]], similarity: list[list[float]],
              dates: list[str] | None = None, articles: list[str] | None = None,
              paragraphs: list[str] | None = None, speakers: list[str] | None = None) -> None:
        self.offline.judge(claims, evidence, similarity, dates, articles, paragraphs, speakers)
        answers = [self._ask(c, ev) if ev else None for c, ev in zip(claims, evidence)]
        for ev, answer in zip(evidence, answers):
            for e, v in zip(ev, answer or []):
                e.relevant = v.relevant
                e.stance = v.stance if v.relevant else "neutral"

    def _ask(self, claim: str, evidence: list[Evidence]) -> list[PassageVerdict]:
        numbered = "\n".join(f"{n}. {e.passage.text}" for n, e in enumerate(evidence, 1))
        out = ask(self.model, PassageVerdicts, SYSTEM, f"Claim: {claim}\nPassages:\n{numbered}", "verification")
        by_number = {v.passage: v for v in out.passages}
        if set(by_number) != set(range(1, len(evidence) + 1)):
            raise LLMError(f"verification: the LLM judged passages {sorted(by_number)} of claim {claim[:60]!r}, "
                           f"but was given 1-{len(evidence)}")
        return [by_number[n] for n in range(1, len(evidence) + 1)]
