"""Compound sentences in, atomic clauses out, where the split is unambiguous.

"Russia annexed Crimea in 2014 and invaded Ukraine in 2022" gives two claims, the subject copied
into the verb phrase that lacks one. The word-level verb test here is shared with attribution.
"""

from __future__ import annotations

import re

_AUX = set("""is are was were be been being has have had will would can could may might must should shall
did does do said met held took made gave went came saw left led began became sent told won lost put set
got kept ran brought bought fell rose grew knew thought found spent paid built broke chose drew""".split())
_NOT_VERBS = set("""united based red bed need seed speed feed shed hundred indeed limited naked wicked
sacred kindred deed""".split())
CLAUSE_WORDS = {"that", "which", "who", "because", "after", "before", "when", "while", "although", "since", "if"}
_SUBJECT_CUT = re.compile(r"\b(?:after|before|because|when|while|although|since|that|which|who|and|but)\s+", re.I)


def looks_verb(word: str) -> bool:
    w = word.lower().strip(".,;:’'\"“”")
    return w in _AUX or (w.endswith("ed") and len(w) > 4 and w not in _NOT_VERBS and word[:1].islower())


def first_verb(words: list[str]) -> int | None:
    for i, w in enumerate(words):
        if looks_verb(w):
            return i
    return None


def _subject_before(text: str) -> str | None:
    """The subject of the last clause of ``text``: the words between a clause opener and its verb."""
    words = text.split()
    verbs = [i for i, w in enumerate(words) if looks_verb(w)]
    if not verbs:
        return None
    v = verbs[-1]
    while v > 0 and looks_verb(words[v - 1]):  # "had fallen": step back over auxiliaries
        v -= 1
    left = " ".join(words[:v])
    parts = _SUBJECT_CUT.split(left)
    subject = parts[-1] if parts else left
    subject = re.sub(r"^.*,\s*", "", subject)  # drop an introductory phrase
    subject = " ".join(w for w in subject.split() if not (w.endswith("ly") and w[:1].islower()))
    return subject if 1 <= len(subject.split()) <= 8 and subject[:1].isupper() else None


def split_compound(content: str) -> list[str]:
    """Split one statement into atomic clauses where the split is unambiguous."""
    pieces = [p.strip() for p in re.split(r";\s+", content) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        out.extend(_split_coordination(piece))
    return out


def _split_coordination(text: str) -> list[str]:
    # ", and X verb..." / ", but X verb..." with its own subject; " and verb..." sharing the subject.
    for m in re.finditer(r"(,\s+(?:and|but|while|whereas)\s+|\s+and\s+)", text):
        left, right = text[:m.start()], text[m.end():]
        lw, rw = left.split(), right.split()
        if len(lw) < 4 or len(rw) < 3 or first_verb(lw) is None:
            continue
        if looks_verb(rw[0]):
            subject = _subject_before(left)
            if subject:
                return [left, *_split_coordination(f"{subject} {right}")]
        elif m.group(1).startswith(",") and (fv := first_verb(rw[:6])) is not None and fv > 0:
            return [left, *_split_coordination(right)]
    return [text]
