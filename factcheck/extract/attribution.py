"""Reported speech in, (speaker, what was said) out.

"The embassy official said Ukraine will not be on the agenda" gives the speaker "The embassy
official" and the content "Ukraine will not be on the agenda"; a sentence nobody is quoted in
keeps its whole text as content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import normalize_space
from .compound import CLAUSE_WORDS, first_verb, looks_verb

SAY_VERBS = (r"said|says|say|told|tells|confirmed|confirms|insisted|insists|added|adds|stated|announced|"
        r"announces|claimed|noted|warned|warns|reiterated|argued|argues|denied|denies|explained|explains|"
        r"wrote|writes|reported|stressed|emphasi[sz]ed|acknowledged|asserted|alleged|declared|maintained|"
        r"predicted|promised|suggested|believes|contended")
_WHEN = (r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
         r"last\s+week|this\s+week|earlier|later|in\s+a\s+statement|reporters|journalists|the\s+\w+\s+agency))*")
_SPEAKER = r"(?:[A-Z][\w.’'\-]*|[Tt]he|[Aa]n?)(?:\s+[\w.’'\-]+){0,8}?"
PRONOUNS = {"he", "she", "they", "it", "we", "i"}

_APPOSITIVE = r"(?:,\s+(?:the|a|an)\s+[^,]{3,80},)?"
# Verbs that take a bare clause ("said Ukraine will..."); the others need "that" to be reported speech.
_BARE = r"said|says|say|added|adds|insisted|insists|warned|warns|argued|argues|stressed|claimed|noted|believes"
_LEADING = re.compile(rf"^(?:(?P<pre>[^,]{{3,90}}),\s+)?(?P<speaker>{_SPEAKER}{_APPOSITIVE})\s+(?:also\s+|had\s+|has\s+|have\s+)?"
                      rf"(?:(?P<verb>{_BARE}){_WHEN}\s+(?:that\s+)?|(?:{SAY_VERBS}|told(?:\s+[\w.’'\-]+){{1,5}}?){_WHEN}\s+that\s+)"
                      rf"(?P<content>\S.+)$")
_SAYING = re.compile(rf"^(?P<speaker>{_SPEAKER}{_APPOSITIVE})\s+(?:also\s+)?\w+ed\b[^,]*,\s+(?:saying|adding)\s+(?:that\s+)?(?P<content>\S.+)$")
_TRAILING = re.compile(rf"^(?P<content>.{{15,}}?),?\s+(?P<speaker>{_SPEAKER})\s+(?P<verb>{SAY_VERBS}){_WHEN}\W*$")
_INVERTED = re.compile(rf"^(?P<content>.{{15,}}?),\s+(?P<verb>{SAY_VERBS})\s+(?P<speaker>{_SPEAKER})(?:,[^,]+)?\W*$")
_ACCORDING_LEAD = re.compile(r"^According to (?P<speaker>[^,]{2,80}),\s+(?P<content>\S.+)$", re.I)
_ACCORDING_TRAIL = re.compile(r"^(?P<content>.{15,}?),\s+according to (?P<speaker>[^,]{2,80})\W*$", re.I)
# "..., but did not provide details": about the speaker, not part of what was said.
_SPEAKER_TAIL = re.compile(r",?\s+(?:but|and)\s+(?:did not|didn't|declined to|would not|gave no|refused to)\b.*$", re.I)


@dataclass
class Attribution:
    speaker: str | None
    content: str


def split_attribution(sentence: str) -> Attribution:
    """Separate who said it from what was said; ``speaker`` is None when nobody is quoted."""
    s = normalize_space(sentence)
    for pattern in (_ACCORDING_LEAD, _ACCORDING_TRAIL, _TRAILING, _INVERTED, _SAYING, _LEADING):
        m = pattern.match(s)
        if not m:
            continue
        speaker = m.group("speaker").strip(" ,")
        content = m.group("content").strip()
        if pattern in (_LEADING, _SAYING) and not _plausible_speaker(speaker.split(",")[0]):
            continue
        if len(speaker.split(",")[0].split()) > 10 or len(content.split()) < 3 or first_verb(content.split()) is None:
            continue  # "reiterated Turkey's offer to help": a noun phrase, not reported speech
        return Attribution(speaker=speaker, content=_SPEAKER_TAIL.sub("", content))
    return Attribution(speaker=None, content=s)


def _plausible_speaker(speaker: str) -> bool:
    words = speaker.split()
    return not any(w.lower() in CLAUSE_WORDS for w in words[1:]) and not looks_verb(words[-1])
