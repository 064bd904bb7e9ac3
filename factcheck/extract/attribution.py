"""Reported speech in a parsed sentence: who said it, and the clauses of what was said.

A speech verb (a verb of saying, confirming, denying, finding ...) with a subject gives the
speaker, and its clausal complement the claim: "The embassy official said Ukraine will not be on
the agenda", "Ukraine will not be on the agenda, the official said", "“We lost,” he told
reporters". "According to X, ..." gives X as the speaker of the clause it is attached to.
"X and Y argued that A and that B" gives the speaker "X and Y" and two claims. What the speaker
did besides ("..., but did not provide details") is not part of what was said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .tokens import phrase, render, subtree

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

SPEECH = frozenset("""say tell confirm insist add state announce claim note warn reiterate argue deny explain
write report stress emphasise emphasize acknowledge assert allege declare maintain predict promise suggest
believe contend think expect hope estimate reply respond admit concede caution observe indicate find show
conclude reveal tweet post disclose agree vow pledge forecast anticipate estimate fear doubt testify
recall""".split())
OPINION_VERBS = frozenset("believe think argue contend feel consider doubt".split())
PREDICTION_VERBS = frozenset("predict expect forecast anticipate hope fear project".split())
_SPEAKER_HEADS = {"PROPN", "NOUN", "PRON"}
# "... confirmed the meeting, but did not provide details": what the speaker did, not what was said
_SPEAKER_ACTS = frozenset("""provide give elaborate comment specify answer respond disclose decline refuse name
identify explain offer say add share reveal""".split())


@dataclass
class Report:
    """One report in a sentence: its speaker's tokens, its verb, the roots of what was said and
    the tokens that belong to the report itself (never part of a claim)."""

    speaker: list[Token]
    verb: Token | None
    contents: list[Token]
    frame: set[int] = field(default_factory=set)

    @property
    def speaker_text(self) -> str:
        return render(self.speaker)

    @property
    def lemma(self) -> str:
        return self.verb.lemma_.lower() if self.verb is not None else "according"


def _content_roots(verb: Token) -> list[Token]:
    # (what is said has a subject of its own: "Provisional results announced late on Wednesday gave him 54.28 per
    # cent" is results that gave, misparsed, not results announcing "gave him ...")
    roots = [c for c in verb.children if c.dep_ in ("ccomp",) and c.pos_ in ("VERB", "AUX")
             and any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)]
    for root in list(roots):  # "that A and that B": B is a conjunct of A
        roots += [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                  and any(g.dep_ in ("mark", "nsubj", "nsubjpass") for g in c.children)]
    return roots


def _speaker(verb: Token) -> list[Token]:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "X confirmed the talks, saying ..."
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in _SPEAKER_HEADS:
        return []
    return phrase(subj)


def find_reports(doc: Doc) -> list[Report]:
    """The reports of a parsed sentence, outermost first."""
    reports: list[Report] = []
    for token in doc:
        if token.lemma_.lower() in SPEECH and token.pos_ == "VERB" and token.dep_ not in ("amod", "relcl", "acl"):
            speaker = _speaker(token)
            if not speaker:
                continue
            roots = _content_roots(token)
            if not roots and token.dep_ == "parataxis" and token.i > token.head.i and token.head.pos_ in ("VERB", "AUX"):
                roots = [token.head]  # "Diplomats will meet on Thursday, he said."
            if roots:
                frame = {t.i for t in speaker} | {token.i}
                reports.append(Report(speaker=speaker, verb=token, contents=roots, frame=frame))
        elif token.lower_ == "according" and token.head.pos_ in ("VERB", "AUX"):
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                reports.append(Report(speaker=phrase(obj), verb=None, contents=[token.head], frame=subtree(token)))
    return reports


def content_tokens(report: Report, root: Token) -> set[int]:
    """The token indices of one thing said: ``root``'s clause without the report's own words,
    the other things said, a leading "that" and the speaker's other doings."""
    keep = subtree(root)
    if report.verb is not None and report.verb.i in keep:  # trailing "..., he said": the head is the content
        keep -= subtree(report.verb)
    keep -= report.frame
    for other in report.contents:
        if other.i != root.i and other.i in keep:
            keep -= subtree(other)
    for t in root.children:
        if t.dep_ == "conj" and t.i > root.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                and t.lemma_.lower() in _SPEAKER_ACTS:
            keep -= subtree(t)
            keep -= {c.i for c in root.children if c.dep_ in ("cc", "punct") and root.i < c.i < t.i}
        if t.dep_ == "mark" and t.lower_ in ("that", "whether") and t.i < root.i:
            keep.discard(t.i)
        if t.dep_ == "cc" and any(o.i > t.i and o.head.i == root.i for o in report.contents if o.i != root.i):
            keep.discard(t.i)
    return keep
