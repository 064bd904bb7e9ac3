"""Plain data passed between the stages; every other module speaks these types.

Each type round-trips through ``to_dict``/``from_dict`` so reports can be written as JSON
and read back (reviews, resumable batches) without pickle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Source:
    """Where a passage comes from: one indexed document and its public-record metadata."""

    doc_id: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(**{k: d.get(k, "") or "" for k in ("doc_id", "title", "url", "publisher", "date")})


@dataclass
class Passage:
    """A sentence window of a source document, with its character offsets in that document."""

    id: int
    text: str
    start: int
    end: int
    source: Source

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "source": self.source.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Passage:
        return cls(id=int(d["id"]), text=d["text"], start=int(d["start"]), end=int(d["end"]),
                   source=Source.from_dict(d["source"]))


@dataclass
class Claim:
    """An atomic claim found in an article.

    ``start``/``end`` are the character span of the sentence it came from, so a page can
    highlight it; ``speaker`` holds attribution apart from the claim text. ``kind`` is
    ``"statement"`` for the fact itself, ``"attribution"`` for the fact that someone said it, and
    ``"opinion"``, ``"prediction"`` or ``"quote"`` for what evidence cannot settle. ``text`` reads on
    its own (pronouns and relative times resolved); ``notes`` say what was rewritten and what
    could not be. ``date`` is the article's date (ISO, "" when unknown): a claim that names no time
    is about the article's day or earlier, never a later one. ``context`` is the article's text (""
    when unknown): a claim's "the walkout" or "the game" is its article's, not one its article never
    names; it is not written out with the claim (a report holds the text once).
    """

    id: str
    text: str
    sentence: str
    start: int
    end: int
    speaker: str | None = None
    checkworthiness: float = 0.0
    kind: str = "statement"
    notes: list[str] = field(default_factory=list)
    date: str = ""
    context: str = field(default="", repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        del d["context"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(id=d["id"], text=d["text"], sentence=d["sentence"], start=int(d["start"]),
                   end=int(d["end"]), speaker=d.get("speaker"),
                   checkworthiness=float(d.get("checkworthiness", 0.0)),
                   kind=d.get("kind", "statement"), notes=list(d.get("notes") or []), date=d.get("date") or "")


@dataclass
class Evidence:
    """A retrieved passage for one claim: fused rank score, the scores behind it, and its judgement.

    ``relevant``/``relevance``: whether (and how surely) the passage is about the claim's subject
    and event; only relevant passages vote. ``stance`` is the judged stance (the stance model's
    ``probs`` weighed with the alignment); ``differences`` and ``matches`` are the aligned slots:
    ``{"slot", "claim": {"text", "start", "end"}, "passage": {...}}``, spans in the claim's text
    and in the passage's.
    """

    passage: Passage
    score: float
    dense_score: float | None = None
    lexical_score: float | None = None
    stance: str | None = None
    probs: dict[str, float] | None = None
    relevant: bool | None = None
    relevance: float | None = None
    differences: list[dict[str, Any]] = field(default_factory=list)
    matches: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        src = self.passage.source
        return {
            "passage_id": self.passage.id,
            "text": self.passage.text,
            "score": round(self.score, 6),
            "dense_score": None if self.dense_score is None else round(self.dense_score, 6),
            "lexical_score": None if self.lexical_score is None else round(self.lexical_score, 6),
            "source": {"doc_id": src.doc_id, "title": src.title, "url": src.url,
                       "publisher": src.publisher, "date": src.date},
            "start": self.passage.start,
            "end": self.passage.end,
            "stance": self.stance,
            "probs": self.probs,
            "relevant": self.relevant,
            "relevance": None if self.relevance is None else round(self.relevance, 4),
            "differences": self.differences,
            "matches": self.matches,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        passage = Passage(id=int(d["passage_id"]), text=d["text"], start=int(d.get("start", 0)),
                          end=int(d.get("end", 0)), source=Source.from_dict(d["source"]))
        return cls(passage=passage, score=float(d["score"]), dense_score=d.get("dense_score"),
                   lexical_score=d.get("lexical_score"), stance=d.get("stance"), probs=d.get("probs"),
                   relevant=d.get("relevant"), relevance=d.get("relevance"),
                   differences=list(d.get("differences") or []), matches=list(d.get("matches") or []))


@dataclass
class ClaimCheck:
    """One claim with its evidence, the suggested verdict, and the reviewer's word on it."""

    claim: Claim
    evidence: list[Evidence] = field(default_factory=list)
    verdict: str | None = None
    confidence: float | None = None
    reason: str | None = None
    override: str | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Flat shape: the claim's own fields at top level, then evidence and verdict."""
        return {**self.claim.to_dict(),
                "evidence": [e.to_dict() for e in self.evidence],
                "verdict": self.verdict, "confidence": self.confidence, "reason": self.reason,
                "override": self.override, "note": self.note}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClaimCheck:
        return cls(claim=Claim.from_dict(d), evidence=[Evidence.from_dict(e) for e in d.get("evidence", [])],
                   verdict=d.get("verdict"), confidence=d.get("confidence"), reason=d.get("reason"),
                   override=d.get("override"), note=d.get("note", ""))


@dataclass
class Report:
    """The result of checking one article."""

    title: str
    text: str
    checks: list[ClaimCheck]
    index: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    notes: list[str] = field(default_factory=list)
    dropped: list[dict[str, Any]] = field(default_factory=list)  # {text, start, end, why}: not the story
    date: str = ""  # the article's date (ISO), from its date line or the caller

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "created": self.created, "date": self.date, "index": self.index,
                "notes": self.notes, "claims": [c.to_dict() for c in self.checks], "dropped": self.dropped,
                "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        report = cls(title=d.get("title", ""), text=d.get("text", ""),
                     checks=[ClaimCheck.from_dict(c) for c in d.get("claims", [])],
                     index=d.get("index", {}), created=d.get("created", ""), notes=d.get("notes", []),
                     dropped=list(d.get("dropped") or []), date=d.get("date", "") or "")
        for c in report.checks:  # each claim comes from the report's article
            c.claim.context = report.text
        return report
