"""A claim's evidence in, a verdict out: supported / refuted / conflicting / not_enough_evidence.

Each passage votes with its stance probabilities. The strongest support and the strongest
refutation decide; a claim with no passage that clearly supports or refutes it is
``not_enough_evidence``, never ``supported``. When strong passages disagree, the claim is
``conflicting`` and the reviewer sees both. The reason names the passage that decided.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..types import Evidence
from .slots import date_parts

VERDICTS = ("supported", "refuted", "conflicting", "not_enough_evidence")


class VerdictPolicy(Protocol):
    """The verdict seam: one claim's judged evidence in, (verdict, confidence, reason) out."""

    def __call__(self, evidence: list[Evidence]) -> tuple[str, float, str]: ...


@dataclass(frozen=True)
class VerdictRule:
    """Thresholds on passage stance probabilities.

    Args:
        support: a passage supports the claim when P(support) reaches this.
        refute: a passage refutes the claim when P(refute) reaches this.
        conflict: both the best support and the best refutation reach this: conflicting.
    """

    support: float = 0.5
    refute: float = 0.5
    conflict: float = 0.8

    @classmethod
    def for_own_model(cls, model_dir: Path | None = None) -> VerdictRule:
        """Thresholds calibrated on the model's validation split (its config), else the defaults."""
        from .stance_model import read_stance_config

        try:
            t = read_stance_config(model_dir).get("verdict_thresholds") or {}
        except (OSError, ValueError):
            return cls()
        if not t:
            return cls()
        s, r = t.get("support", {}).get("threshold", cls.support), t.get("refute", {}).get("threshold", cls.refute)
        return cls(support=s, refute=r, conflict=max(s, r))

    def __call__(self, evidence: list[Evidence]) -> tuple[str, float, str]:
        """(verdict, confidence, one-line reason) for one claim's evidence."""
        judged = [e for e in evidence if e.probs]
        if not judged:
            return "not_enough_evidence", 1.0, "No passage in the index bears on this claim."
        best_s = max(judged, key=lambda e: e.probs["support"])
        best_r = max(judged, key=lambda e: e.probs["refute"])
        s, r = best_s.probs["support"], best_r.probs["refute"]
        if s >= self.conflict and r >= self.conflict:
            return ("conflicting", round(min(s, r), 4),
                    f"Supported by {_cite(best_s)} but contradicted by {_cite(best_r)}.")
        if r >= self.refute and r >= s:
            return "refuted", round(r, 4), f"Contradicted by {_cite(best_r)} (P(refute) {r:.2f})."
        if s >= self.support:
            return "supported", round(s, 4), f"Supported by {_cite(best_s)} (P(support) {s:.2f})."
        top = max(s, r)
        return ("not_enough_evidence", round(1 - top, 4),
                f"No passage clearly supports or contradicts it (best: {_cite(best_s if s >= r else best_r)}).")


def _cite(e: Evidence) -> str:
    src = e.passage.source
    parts = [p for p in (src.publisher, src.date) if p]
    return f"\"{src.title or src.doc_id}\"" + (f" ({', '.join(parts)})" if parts else "")


CALIBRATION = Path(__file__).with_name("verdict.json")


def load_calibration(path: Path = CALIBRATION) -> dict[str, float | None] | None:
    """Per verdict, the confidence it needs (None: never given), from ``verdict.json``; None if absent."""
    if not path.is_file():
        return None
    labels = json.loads(path.read_text(encoding="utf-8"))["labels"]
    return {label: v["threshold"] for label, v in labels.items()}


@dataclass(frozen=True)
class RelevantVerdict:
    """The verdict from the passages that are about the claim, each judged by :mod:`.judge`.

    A passage that is not about the claim never votes. Refuted needs a refuting passage and no
    supporting one, supported the reverse; both is conflicting; neither is not enough evidence.
    Confidence is the deciding passage's stance probability weighed by how surely it is relevant.
    With a ``calibration`` (from ``verdict.json``, fitted on train claims for precision), a
    supported or refuted verdict below its calibrated confidence is not enough evidence.
    """

    calibration: dict[str, float | None] | None = field(default_factory=load_calibration)

    def __call__(self, evidence: list[Evidence]) -> tuple[str, float, str]:
        verdict, confidence, reason = self._raw(evidence)
        if self.calibration is None or verdict not in self.calibration:
            return verdict, confidence, reason
        need = self.calibration[verdict]
        if need is not None and confidence >= need:
            return verdict, confidence, reason
        bar = "is never given on this evidence alone" if need is None else f"needs confidence {need:.2f}"
        return ("not_enough_evidence", round(1 - confidence, 4),
                f"Leaning {verdict} ({confidence:.2f}), but {verdict} {bar}: {reason}")

    def _raw(self, evidence: list[Evidence]) -> tuple[str, float, str]:
        about = [e for e in evidence if e.relevant]
        if not about:
            return "not_enough_evidence", 1.0, "No passage in the index is about this claim."
        supports = [e for e in about if e.stance == "support"]
        refutes = [e for e in about if e.stance == "refute"]
        best_s = max(supports, key=_strength("support"), default=None)
        best_r = max(refutes, key=_strength("refute"), default=None)
        if best_s and best_r and not _same_event(best_s) and best_r.differences \
                and not _states_what_differs(best_s, best_r):
            best_s = None  # a passage stating another value beats one that does not report this event
        if best_s and best_r and _other_occurrence(best_r, best_s):
            best_r = None
        if best_s and best_r:
            return ("conflicting", round(min(_strength("support")(best_s), _strength("refute")(best_r)), 4),
                    f"Supported by {_cite(best_s)} but contradicted by {_cite(best_r)}.")
        if best_r:
            return "refuted", round(_strength("refute")(best_r), 4), _refute_reason(best_r)
        if best_s:
            return "supported", round(_strength("support")(best_s), 4), f"Supported by {_cite(best_s)}."
        top = max(about, key=lambda e: e.relevance or 0.0)
        confidence = round(1 - max(top.probs.values()) if top.probs else 1.0, 4)
        said = next(((e, d) for e in sorted(about, key=lambda e: -(e.relevance or 0.0)) for d in e.differences
                     if d["slot"] == "speaker"), None)
        if said is not None:
            e, d = said
            return ("not_enough_evidence", confidence, f"Passages are about this claim but none settles it: "
                    f"{_cite(e)} gives these words to {d['passage']['text']}, not {d['claim']['text']}.")
        return ("not_enough_evidence", confidence,
                f"Passages are about this claim but none settles it (closest: {_cite(top)}).")


_TIME_SLOTS = {"date", "year", "month", "day", "weekday"}


def _other_occurrence(refute: Evidence, support: Evidence) -> bool:
    """A passage that differs from the claim only in its date, while another passage supports the
    claim on the claim's own date, reports another occurrence (a second round of talks), not an
    error in the claim. Likewise a passage that differs only in the person, while another supports
    the claim naming the claim's person, reports another participant ("Badenoch voted against" next
    to "Starmer voted for"), not someone else in the claim's person's place."""
    if not refute.differences:
        return False
    if all(d["slot"] in _TIME_SLOTS for d in refute.differences):
        return any(m["slot"] in _TIME_SLOTS for m in support.matches) or _written_before(refute)
    people = {d["claim"]["text"] for d in refute.differences if d["slot"] == "person"}
    return all(d["slot"] == "person" for d in refute.differences) and \
        people <= {m["claim"]["text"] for m in support.matches if m["slot"] == "person"}


def _written_before(e: Evidence) -> bool:
    """The passage was published in a year before every year the claim gives in what differs: it could
    not tell of the claim's time ("raised the amount by 10 percent last year (2023)" / "raised the
    amount for 2020", published in 2020), only of an earlier one."""
    published = (e.passage.source.date or "")[:4]
    years = [date_parts(d["claim"]["text"])[0] for d in e.differences]
    return published.isdigit() and bool(years) and all(y is not None and y > int(published) for y in years)


def _states_what_differs(support: Evidence, refute: Evidence) -> bool:
    """The supporting passage states the very value the refuting one gives otherwise, and more of the
    claim besides than the refuting one does ("59.131 points at Bercy Arena" / the team's "171.296
    points" there): two passages at odds on it, whatever verb the support tells it with. (A passage
    that shares only that value is as likely the near miss a wrong value was taken from.)"""
    differing = {(d["slot"], d["claim"]["text"]) for d in refute.differences}
    if not any((m["slot"], m["claim"]["text"]) in differing for m in support.matches):
        return False
    return _slots_told(support) > max(_slots_told(refute), 1)


def _slots_told(e: Evidence) -> int:
    """How many of the claim's values (not its event or polarity) the passage states alike."""
    return len({(m["slot"], m["claim"]["text"]) for m in e.matches if m["slot"] not in ("event", "polarity")})


def _same_event(e: Evidence) -> bool:
    return any(m["slot"] == "event" for m in e.matches)


def _strength(label: str):
    def strength(e: Evidence) -> float:
        p = (e.probs or {}).get(label, 0.0)
        if label == "refute" and e.differences:
            p = max(p, 0.5 + 0.5 * (1 - (e.probs or {}).get("support", 0.0)))
        return p * (e.relevance or 0.0) ** 0.5
    return strength


def _refute_reason(e: Evidence) -> str:
    d = next(iter(e.differences), None)
    if d is None:
        p = (e.probs or {}).get("refute", 0.0)
        return f"Contradicted by {_cite(e)} (P(refute) {p:.2f})."
    if d["slot"] == "polarity":
        return f"Says it was {d['claim']['text']}; {_cite(e)} says {d['passage']['text']}."
    return f"Says {d['claim']['text']}; {_cite(e)} says {d['passage']['text']} ({d['slot']})."
