"""Contrastive training pairs: a supported claim with one detail changed is refuted.

NLI data teaches "same topic, same words" too often means "supports": a claim naming the wrong
city, person, year or weekday reads as supported by a passage about the right one. From each
sampled *support* pair of the training split this makes a *refute* pair by changing one detail
of the claim that the passage states: a year, a number, a weekday, a month, a name (swapped
for another name seen in the training claims), a quantifier ("no" <-> "some"), or a flipped
negation. Only training pairs are
used, never validation or eval data.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"\b(?<![\d.,])(\d{1,3}(?:,\d{3})*|\d+)(?![\d.,]\d)\b")
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\b")
_NEGATABLE = re.compile(r"\b(is|are|was|were|has|have|had|did|does|do|will|can|could|would)\b(?! not)")
_NEGATED = re.compile(r"\b(is|are|was|were|has|have|had|did|does|do|will|can|could|would) not\b")
_COMMON_CAPS = set(WEEKDAYS) | set(MONTHS) | {"The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "This",
                                              "There", "That", "These", "Those", "His", "Her", "Its", "Their"}


class _Pair(Protocol):
    claim: str
    passage: str
    label: int
    kind: str


def _swap_year(claim: str, passage: str, rng: random.Random) -> str | None:
    years = [m for m in _YEAR.finditer(claim) if m.group(1) in passage]
    if not years:
        return None
    m = rng.choice(years)
    new = int(m.group(1)) + rng.choice([-1, 1]) * rng.randint(1, 12)
    return claim[:m.start()] + str(new) + claim[m.end():]


def _swap_number(claim: str, passage: str, rng: random.Random) -> str | None:
    nums = [m for m in _NUMBER.finditer(claim) if not _YEAR.fullmatch(m.group(1)) and m.group(1) in passage]
    if not nums:
        return None
    m = rng.choice(nums)
    value = int(m.group(1).replace(",", ""))
    new = rng.choice([value * 10, max(0, value - rng.randint(1, 9)), value + rng.randint(1, 9), value // 2 + 1])
    if new == value:
        new = value + 1
    return claim[:m.start()] + f"{new:,}" + claim[m.end():]


def _swap_from_list(words: list[str]) -> Callable[[str, str, random.Random], str | None]:
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b")

    def swap(claim: str, passage: str, rng: random.Random) -> str | None:
        hits = [m for m in pattern.finditer(claim) if m.group(1) in passage]
        if not hits:
            return None
        m = rng.choice(hits)
        return claim[:m.start()] + rng.choice([w for w in words if w != m.group(1)]) + claim[m.end():]

    return swap


def _negate(claim: str, passage: str, rng: random.Random) -> str | None:
    if m := _NEGATED.search(claim):
        return claim[:m.start()] + m.group(1) + claim[m.end():]
    if m := _NEGATABLE.search(claim):
        return claim[:m.end()] + " not" + claim[m.end():]
    return None


_NONE = re.compile(r"\b([Nn]o)\b(?= (?!one\b|longer\b|more\b|less\b)[A-Za-z])")
_SOME = re.compile(r"\b([Ss]ome|[Ss]everal|[Mm]any)\b(?= (?!of\b)[A-Za-z])")


def _swap_quantifier(claim: str, passage: str, rng: random.Random) -> str | None:
    """"no officials" <-> "several officials": the quantifier is the fact."""
    if m := _NONE.search(claim):
        new = rng.choice(["some", "several"])
    elif m := _SOME.search(claim):
        new = "no"
    else:
        return None
    if m.start() == 0 or claim[m.start() - 2:m.start()].strip() in (".", ""):
        new = new.capitalize()
    return claim[:m.start()] + new + claim[m.end():]


def _name_swapper(names: list[str]) -> Callable[[str, str, random.Random], str | None]:
    def swap(claim: str, passage: str, rng: random.Random) -> str | None:
        hits = [m for m in _NAME.finditer(claim) if m.start() > 0 and m.group(1) not in _COMMON_CAPS
                and m.group(1) in passage]
        if not hits or not names:
            return None
        m = rng.choice(hits)
        n_words = len(m.group(1).split())
        pool = [n for n in names if len(n.split()) == n_words and n != m.group(1) and n not in passage]
        if not pool:
            return None
        return claim[:m.start()] + rng.choice(pool) + claim[m.end():]

    return swap


def swap_refutes(pairs: list, share: float, rng: random.Random, refute_label: int, support_label: int,
                 negation_share: float = 0.35) -> list:
    """New refute pairs made from ``share`` of the support pairs, one changed detail each.

    A detail the passage states (year, number, weekday, month, name) is changed first; only when
    the claim has none is its negation flipped, and then only for ``negation_share`` of them
    (NLI data already holds many negation contradictions).
    """
    names = sorted({m.group(1) for p in pairs for m in _NAME.finditer(p.claim)
                    if m.start() > 0 and m.group(1) not in _COMMON_CAPS})
    swappers = {"year": _swap_year, "number": _swap_number, "weekday": _swap_from_list(WEEKDAYS),
                "month": _swap_from_list(MONTHS), "name": _name_swapper(names),
                 "quantifier": _swap_quantifier}
    out = []
    for p in pairs:
        if p.label != support_label or p.kind != "gold" or rng.random() >= share:
            continue
        for kind in rng.sample(list(swappers), len(swappers)):
            new = swappers[kind](p.claim, p.passage, rng)
            if new and new != p.claim:
                out.append(replace(p, claim=new, label=refute_label, kind=f"swap-{kind}"))
                break
        else:
            if rng.random() < negation_share and (new := _negate(p.claim, p.passage, rng)):
                out.append(replace(p, claim=new, label=refute_label, kind="swap-negation"))
    return out
