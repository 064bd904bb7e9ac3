"""Article text in, atomic claims out, each with the span of its sentence in the article.

Steps: story sentences (``boilerplate``), attribution split off (``attribution``; a pronoun
speaker resolved to the last named one), compound sentences split (``compound``), a bare
"the talks" named from the sentences before. Check-worthiness is scored later, in the pipeline,
on the same embeddings retrieval uses (``checkworthy``).

The rules are deliberately conservative: an unsplit sentence is still a checkable claim,
while a wrong split invents one.
"""

from __future__ import annotations

import re
from typing import Protocol

from ..text import Span, normalize_space
from ..types import Claim
from .attribution import PRONOUNS, SAY_VERBS, split_attribution
from .boilerplate import story_sentences
from .compound import split_compound


class ClaimExtractor(Protocol):
    """The extraction seam: article text in, claims in reading order out (check-worthiness 0.0)."""

    def extract(self, text: str) -> list[Claim]: ...


class RuleExtractor:
    """The default extractor: the rules of this package."""

    def extract(self, text: str) -> list[Claim]:
        return extract_claims(text)


_QUOTES = str.maketrans("", "", "“”\"")


def _tidy(text: str) -> str:
    text = normalize_space(text.translate(_QUOTES)).strip(" ,;:")
    text = re.sub(r"[.!]+$", "", text).strip()
    return text[:1].upper() + text[1:] if text else text


_APPOSITION_CLAIM = re.compile(r"^(?P<name>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}),\s+(?P<role>(?:the|a|an)\s+[^,]{3,80}),$")
_PRONOUN_SUBJECT = re.compile(r"^(?:He|She)\b|^It(?=\s+(?:" + SAY_VERBS + r"|described|called)\b)")


_EVENT_NOUNS = r"talks|meeting|meetings|summit|visit|deal|agreement|negotiations|conference|election|vote|war|invasion"
_BARE_EVENT = re.compile(rf"^(?:The|the)\s+(?P<noun>{_EVENT_NOUNS})\b")


def decontextualise(claim: str, context: list[str]) -> str:
    """Make a bare "The talks ..." say which talks, from the nearest preceding mention.

    "The talks would not cover Ukraine", after "... confirmed the Istanbul talks", becomes
    "The Istanbul talks would not cover Ukraine": a claim must stand on its own, for the
    reviewer and for retrieval alike.
    """
    m = _BARE_EVENT.match(claim)
    if not m:
        return claim
    named = re.compile(rf"\b((?:[A-Z][\w\-]+\s+){{1,2}}){m.group('noun')}\b")
    for earlier in reversed(context):
        hits = [h for h in named.findall(earlier) if h.split()[0] not in {"The", "A", "An", "At", "In", "On"}]
        if hits:
            return f"The {hits[-1].strip()} {m.group('noun')}{claim[m.end():]}"
    return claim


def _speaker_name(speaker: str) -> str:
    """"Oncu Keceli, the spokesman for ..." -> "Oncu Keceli" (for pronouns that refer back to it)."""
    return speaker.split(",")[0].strip()


def extract_claims(text: str) -> list[Claim]:
    """Atomic claims of an article, in reading order, check-worthiness not yet scored (0.0)."""
    claims: list[Claim] = []
    last_speaker: str | None = None
    context: list[str] = []

    def add(text_: str, sent: Span, speaker: str | None, kind: str) -> None:
        claim_text = decontextualise(_tidy(text_), context[-3:])
        if len(claim_text.split()) >= 3:
            claims.append(Claim(id="", text=claim_text, sentence=sent.text, start=sent.start, end=sent.end,
                                speaker=speaker, kind=kind))

    for sent in story_sentences(text):
        sentence = normalize_space(sent.text)
        if last_speaker and _PRONOUN_SUBJECT.match(sentence):  # "He added ..." -> "Keceli added ..."
            sentence = _PRONOUN_SUBJECT.sub(_speaker_name(last_speaker), sentence, count=1)
        attr = split_attribution(sentence)
        speaker = attr.speaker
        if speaker and speaker.lower() in PRONOUNS:
            speaker = last_speaker or speaker
        elif speaker:
            last_speaker = speaker
        for part in split_compound(attr.content):
            add(part, sent, speaker and _speaker_name(speaker), "statement")
        if speaker:
            if m := _APPOSITION_CLAIM.match(speaker + ","):
                add(f"{m.group('name')} is {m.group('role')}", sent, None, "statement")
            add(sentence, sent, None, "attribution")
        context.append(sentence)
    for n, c in enumerate(claims, 1):
        c.id = f"c{n}"
    return claims
