"""Three questions of every (claim, passage) pair: is it about the claim, does it agree, what differs.

Claims and their evidence in (the stance model's probabilities already set, and the embedding
similarity of each pair), each :class:`~factcheck.types.Evidence` out with ``relevant``,
``relevance``, ``stance``, ``differences`` and ``matches`` set:

- **relevance**: a logistic score over the alignment (content coverage, same event, another
  subject of the same kind) and the embedding similarity, with weights fitted on ``train/`` pairs
  (``relevance.json``, ``factcheck.training.relevance``). A passage below the threshold never votes,
  unless it reports the claim's own verb of the claim's own subject and names all the claim names
  (``Alignment.about``): the learned score, fitted on scientific abstracts, hardly weighs the event.
- **agreement**, for relevant passages: *refute* when the passage tells the same story with one
  fact changed (another value of one kind of slot, or the opposite polarity, every other name of
  the claim present; unless it is a figure or date that differs and the stance model is sure it
  supports); *support* when nothing differs, the passage names what the claim names and states
  each of its dates and figures it gives values of that kind for, and the model, the passage's
  coverage of the claim, or its stating every figure of the claim's own subject and deed says so;
  *neutral* otherwise: about this, but does not settle it, and
  always for a passage about another occurrence (another round, another vote, an occasion after
  the day of the claim's article). The stance model alone never refutes: of Check-COVID's train
  and dev claims that it alone refuted (P(refute) >= 0.9, same event, every name present), only
  32 of 54 (59 %) are refuted in the gold labels, and on the project's example articles it refuted
  three true statements for three planted errors caught. ``Thresholds.refute_model`` turns that
  path back on for a stronger model.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..types import Evidence
from .align import NAME_SLOTS, Alignment, Dates, When, align
from ..nlp import parse
from .slots import frame, sayer

WEIGHTS = Path(__file__).with_name("relevance.json")


class PairJudge(Protocol):
    """The seam for judging pairs: sets ``relevant``, ``relevance``, ``stance``, ``differences``
    and ``matches`` on each claim's evidence (its stance ``probs`` already set)."""

    def judge(self, claims: list[str], evidence: list[list[Evidence]], similarity: list[list[float]],
              dates: list[str] | None = None, articles: list[str] | None = None,
              paragraphs: list[str] | None = None, speakers: list[str] | None = None) -> None: ...


@dataclass(frozen=True)
class Thresholds:
    """Decision points of the agreement rule (see ``relevance.json`` for where they come from)."""

    support: float = 0.5  # P(support) for a support with nothing differing
    coverage: float = 0.8  # share of the claim's content the passage states, for a support on coverage
    refute_model: float | None = None  # P(refute) for a refute on the model alone; None: never
    # P(support) at which a difference of figures or dates alone does not refute. Another name in
    # the same role (Istanbul / Ankara, Wales / Scotland) is what the stance model cannot see, so its
    # confidence does not hold that refute back; figures and dates come with bounds, ranges and
    # approximations the alignment may misread, and there a confident model still does.
    support_veto: float = 0.9


def features(similarity: float, a: Alignment) -> tuple[float, ...]:
    """The relevance features of a pair: (bias, similarity, coverage, names covered, same event,
    another subject), in the order of ``relevance.json``'s weights."""
    return (1.0, similarity, a.coverage, float(a.names_covered), float(a.same_event), float(a.other_subject))


@dataclass
class RelevanceModel:
    """Logistic weights over :func:`features`, fitted on ``train/`` pairs, and the threshold at
    which a passage counts as about the claim (both from ``relevance.json``)."""

    weights: tuple[float, ...] = (-4.0, 4.0, 4.0, 0.0, 1.5, -4.0)  # used only if relevance.json is missing
    threshold: float = 0.5

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> RelevanceModel:
        if not path.is_file():
            return cls()
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(d["weights"]), float(d.get("threshold", 0.5)))

    def score(self, similarity: float, a: Alignment) -> float:
        z = sum(w * v for w, v in zip(self.weights, features(similarity, a)))
        return 1.0 / (1.0 + math.exp(-z))


@dataclass
class Judge:
    """Sets relevance, judged stance, differences and matches on every evidence entry."""

    relevance: RelevanceModel | None = None
    thresholds: Thresholds = Thresholds()

    def __post_init__(self) -> None:
        self.relevance = self.relevance or RelevanceModel.load()

    def judge(self, claims: list[str], evidence: list[list[Evidence]], similarity: list[list[float]],
              dates: list[str] | None = None, articles: list[str] | None = None,
              paragraphs: list[str] | None = None, speakers: list[str] | None = None) -> None:
        """``evidence[i]`` are the passages of ``claims[i]``; ``similarity[i][j]`` their cosine;
        ``dates[i]`` the ISO date of the article ``claims[i]`` comes from, ``articles[i]`` its text,
        ``paragraphs[i]`` the paragraph of it the claim is from and ``speakers[i]`` who it says said
        the claim ("" if unknown or no one)."""
        blank = [""] * len(claims)
        articles, paragraphs, speakers = articles or blank, paragraphs or blank, speakers or blank
        texts = list(claims) + [e.passage.text for ev in evidence for e in ev]
        frames = {t: frame(d) for t, d in zip(texts, parse(texts))}
        told = sorted({a for a in articles + paragraphs if a})
        stories = {t: frame(d) for t, d in zip(told, parse(told))}
        said = sorted({s for s in speakers if s})
        sayers = {t: sayer(d) for t, d in zip(said, parse(said))}
        for claim, ev, sims, day, article, paragraph, speaker in zip(claims, evidence, similarity, dates or blank,
                                                                     articles, paragraphs, speakers):
            for e, sim in zip(ev, sims):
                a = align(frames[claim], frames[e.passage.text], sim, Dates(iso_day(day), iso_day(e.passage.source.date)),
                          stories.get(article), stories.get(paragraph), sayers.get(speaker))
                e.relevance = self.relevance.score(sim, a)
                e.relevant = ((e.relevance >= self.relevance.threshold or a.about) and not a.other_subject
                              and not frames[claim].imperative)  # an imperative claims nothing
                e.differences, e.matches = a.differences, a.matches
                e.stance = self.agreement(e, a) if e.relevant else "neutral"

    def agreement(self, e: Evidence, a: Alignment) -> str:
        t = self.thresholds
        p = e.probs or {"support": 0.0, "refute": 0.0, "neutral": 1.0}
        if a.other_occurrence:
            return "neutral"  # the first round for the second, last year's vote for this year's
        if a.other_speaker:
            return "neutral"  # another's words: not that the claim's speaker said them, nor, as a quote, any fact
        if a.differences and a.unknown_subject and a.differing_kinds <= {"number", "tally"} | NAME_SLOTS:
            # whose figure "it also destroyed nearly 19,000 structures" gives, the claim does not say, nor whose
            # committee "From 2019 to 2021 he chaired the Republican Study Committee" is (each chairs their own;
            # a date is left to differ: "He was first elected ... in 2015" of the article's one candidate)
            return "neutral"
        if a.differences and a.unknown_thing and not a.expletive and a.differing_kinds == {"polarity"}:
            return "neutral"  # nor what "it did not arrive" denies of (not "It was not the first time ...")
        if a.differences and a.unknown_person and a.differing_kinds <= {"number", "tally", "date"}:
            return "neutral"  # nor whose year "awarded him the prize in 2002" is: Obama's was 2009
        if a.differences and a.long_before and not a.differing_kinds <= {"number", "tally"}:
            # a state of years ago may still hold; what differed then is not an error now (a figure is
            # dated on its own: "The bridge, which opened in 1977, carried 30,000 vehicles a day")
            return "neutral"
        if a.differences and a.old_report and a.differing_kinds <= {"number", "tally"}:
            # but a report published long before the article gives the figures of its own time, whatever
            # dates it names: last quarter's revenue is no other value of this quarter's
            return "neutral"
        if a.differences:
            vetoed = p["support"] >= t.support_veto and not a.differing_kinds <= NAME_SLOTS
            return "refute" if a.one_change and not vetoed else "neutral"
        affirmed = a.same_event and any(m["slot"] == "polarity" for m in a.matches)
        # (or the passage states each of its figures and dates, of the claim's own subject and deed: "Turnout was
        # 70.4 per cent despite the summer holidays" / "Turnout ... was 70.40%", whatever words it adds)
        confirmed = affirmed and (a.coverage >= t.coverage or a.figures_stated and a.same_subject)
        if t.refute_model is not None and p["refute"] >= t.refute_model and a.same_event and a.names_covered \
                and not confirmed:
            return "refute"
        if a.names_covered and not a.unstated and not a.named_other_doer and not a.opposed and not a.stale \
                and (p["support"] >= t.support and p["support"] >= p["refute"] or confirmed):
            return "support"
        return "neutral"


def iso_day(text: str) -> When | None:
    """An ISO date ("2024-08-01", or the date of a timestamp) as (year, month, day, weekday); None if not one."""
    try:
        d = dt.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None
    return d.year, d.month, d.day, d.weekday()


class ModelOnlyJudge:
    """The judgement before alignment: every passage votes with the stance model's argmax.

    Kept for side-by-side comparisons (``bench speed``), with :class:`~.verdict.VerdictRule`.
    """

    def judge(self, claims: list[str], evidence: list[list[Evidence]], similarity: list[list[float]],
              dates: list[str] | None = None, articles: list[str] | None = None,
              paragraphs: list[str] | None = None, speakers: list[str] | None = None) -> None:
        for ev in evidence:
            for e in ev:
                if e.probs:
                    e.stance = max(e.probs, key=e.probs.get)
