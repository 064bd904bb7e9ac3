"""Lines that are not part of the story: an article's text in, its story sentences out.

Donation and subscription appeals, bylines, "contributed to this report" lines and "Read more"
links address the reader or the site; they are dropped before any claim is made.
"""

from __future__ import annotations

import re

from ..text import Span, paragraphs, sentences

_APPEAL = re.compile(
    r"\b(donat\w*|subscri\w*|paywalls?|newsletters?|sign up|support (us|now|our|independent)|your support|"
    r"read more|click here|advertisement|all rights reserved|copyright|follow us|share this|"
    r"journalism|cookies?|log ?in|membership|become a member)\b", re.I)
_READER = re.compile(r"\b(you|your|we|our|us)\b", re.I)
_STANDALONE = re.compile(r"^\W*(read more|support now|subscribe( now)?|sign up|donate( now)?|advertisement|"
                         r"share|comments?|related( articles?)?|most read|listen to (this )?article)\W*$", re.I)
_CONTRIBUTED = re.compile(r"\bcontributed( to)?( this)?( (report|story|article))?( from \w+)?\W*$"
                          r"|\bcontributed reporting\b|^(reporting|writing|editing|additional reporting) by\b", re.I)
_BYLINE = re.compile(r"^(by|written by)\s+[A-Z][\w.'\- ]{1,60}(,[\w .'\-]{1,60})?$|"
                     r"^(date|updated|published|posted)\b[\s:]*[\w ,:.\-]{0,40}$", re.I)


def is_boilerplate(sentence: str) -> bool:
    """True for lines that address the reader or the site rather than report the story."""
    s = sentence.strip()
    if _STANDALONE.match(s) or _CONTRIBUTED.search(s) or _BYLINE.match(s):
        return True
    return bool(_APPEAL.search(s)) and bool(_READER.search(s))


def story_sentences(text: str) -> list[Span]:
    """Sentences of the story, without appeals, bylines and credit lines.

    A paragraph where at least half of the sentences are boilerplate is dropped whole: the
    sentences of an appeal that carry no cue word ("At such a critical moment, we need
    reporters on the ground") go with it.
    """
    out: list[Span] = []
    for para in paragraphs(text):
        sents = sentences(text, para.start, para.end)
        flags = [is_boilerplate(s.text) for s in sents]
        if sents and sum(flags) * 2 >= len(sents) and len(sents) > 1:
            continue
        out.extend(s for s, bad in zip(sents, flags) if not bad)
    return out
