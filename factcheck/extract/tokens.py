"""Token sets of a parsed sentence and their text: the claims of a sentence are sets of its
tokens (a clause, minus what was split off, plus a copied subject), rendered back to text with
some tokens rewritten (a pronoun replaced by its referent, a weekday given its date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

_QUOTES = str.maketrans("", "", "“”\"‘")
_EDGE = " ,;:—–-'’"


def subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def render(tokens: Iterable[Token], subs: dict[int, str] | None = None, finish: bool = True) -> str:
    """The text of ``tokens`` in sentence order; ``subs`` rewrites tokens by index.

    Words that were next to each other keep their spacing; a gap (a clause taken out) becomes
    one space. With ``finish``, quote marks go (a claim is what was said, not how it was
    typeset), edges are trimmed of punctuation and the first letter is upper-cased.
    """
    subs = subs or {}
    toks = sorted(tokens, key=lambda t: t.i)
    parts: list[str] = []
    for n, t in enumerate(toks):
        parts.append(subs.get(t.i, t.text))
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if nxt is not None:
            parts.append(t.whitespace_ if nxt.i == t.i + 1 else " ")
    return tidy("".join(parts)) if finish else "".join(parts)


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = text.strip(_EDGE)
    text = re.sub(r"[.!]+$", "", text).strip(_EDGE)
    return text[:1].upper() + text[1:] if text else text


def trim(doc, ids: set[int]) -> set[int]:
    """``ids`` without the joining words and punctuation left at either edge ("... in May and")."""
    ordered = sorted(ids)
    while ordered and (doc[ordered[-1]].dep_ in ("cc", "punct", "mark") or doc[ordered[-1]].is_space) \
            and not _closes([doc[i] for i in ordered]):
        ordered.pop()
    while ordered and (doc[ordered[0]].dep_ in ("cc", "punct") or doc[ordered[0]].is_space):
        ordered.pop(0)
    return set(ordered)


def _closes(toks: list[Token]) -> bool:
    """The last token closes a bracket the phrase opened: "(OPEC)" keeps its ")"."""
    texts = [t.text for t in toks]
    return texts[-1] == ")" and texts.count("(") >= texts.count(")")


def _hyphened(token: Token, child: Token) -> bool:
    """The child is the word after a hyphen in one written word: "general" of "secretary-general"."""
    doc = token.doc
    return child.i == token.i + 2 and doc[token.i + 1].text == "-" and not token.whitespace_ \
        and not doc[token.i + 1].whitespace_


def phrase(token: Token, drop: set[int] | None = None) -> list[Token]:
    """A noun phrase: ``token``'s subtree without relative clauses, appositives, participles set off
    by a comma and trailing punctuation (for "embassies, which were hit hard" the phrase is "embassies")."""
    drop = set(drop or ())
    for child in token.children:
        set_off = child.dep_ == "acl" and child.left_edge.i > 0 and token.doc[child.left_edge.i - 1].text == ","
        if (child.dep_ in ("relcl", "appos") or set_off) and child.i > token.i and not _hyphened(token, child):
            gone = subtree(child)
            # with the brackets it stood in: "Telugu Desam Party (TDP)" is "Telugu Desam Party"
            edges = (min(gone) - 1, max(gone) + 1)
            if edges[0] >= 0 and edges[1] < len(token.doc) and (token.doc[edges[0]].text, token.doc[edges[1]].text) == ("(", ")"):
                gone |= set(edges)
            drop |= gone
    toks = [t for t in token.subtree if t.i not in drop]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc") and not _closes(toks):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return toks
