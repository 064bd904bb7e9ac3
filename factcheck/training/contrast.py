"""Contrastive training pairs: which changed detail matters, and which does not.

NLI data teaches "same topic, same words" too often means "supports": a claim naming the wrong
city, person, year or weekday reads as supported by a passage about the right one. Trained on
that fix alone, the model learns the opposite shortcut: any passage about the same event with
another date or name "refutes". So from sampled gold pairs this makes a contrast set:

- ``swap_refutes``: one detail of the claim that the passage states is changed (a year, number,
  weekday, month, name, "no" <-> "some", or a flipped negation): refute.
- ``keep_supports``: one detail of the passage that the claim does not mention is changed: the
  claim is still supported. Another date elsewhere in the passage is not a contradiction.
- ``drop_neutrals``: a supporting passage loses the detail the claim states (its year or
  weekday, when no other date is left), or the sentence that states the claim: what is left is
  about the same event but neither supports nor refutes it.
- ``pad_passages``: a sentence from another passage is appended: the label is unchanged.
- ``extend_claims``: the claim gains a second half the passage does not speak to: a supported
  claim becomes neutral (saying less is not contradicting), a refuted one stays refuted.
- ``join_related``: the same, but the second half is another hypothesis about the *same*
  passage (NLI premises come with a supported, an unverified and a contradicted one), so the
  added half is on topic: "S because N" is neutral, "S, and R" is refute.
- ``coarsen_dates``: a day-month date the claim and passage share loses its day in the passage
  (the passage no longer settles the claim: neutral), or in the claim (still supported).
- ``mirror_negations``: the claim of a neutral or refuted pair is negated. A passage that
  neither confirms nor denies a claim neither confirms nor denies its negation (neutral stays
  neutral), and a passage that denies a claim confirms its negation (refute becomes support).
  Without these, "not" in a claim is a shortcut to "refute": swaps only ever negate supports.
- ``echo_sentences``: a sentence of the passage becomes the claim (support), at times without
  its date phrase (saying less is still supported), and the same claim with its negation or
  "no"/"some" flipped (refute). Every passage with a negated sentence gives one, so a
  passage that says "no officials attended" supports the claim that says so.

Each function maps pairs of one split to new pairs of that split, so validation pairs are built
only from validation pairs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

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


def _names_in(text: str) -> list[re.Match]:
    """Capitalised names, not the sentence's first word and not a weekday, month or pronoun."""
    return [m for m in _NAME.finditer(text) if m.start() > 0 and m.group(1) not in _COMMON_CAPS]


def _claim_names(pairs: list) -> list[str]:
    """Every name seen in the claims: the pool a swapped or changed name is drawn from."""
    return sorted({m.group(1) for p in pairs for m in _names_in(p.claim)})


def _grouped(pairs: list, key: Callable[[Any], Any]) -> dict[Any, list]:
    """Pairs grouped by ``key`` (source, passage, label), in input order."""
    groups: dict[Any, list] = {}
    for p in pairs:
        groups.setdefault(key(p), []).append(p)
    return groups


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
        hits = [m for m in _names_in(claim) if m.group(1) in passage]
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
    names = _claim_names(pairs)
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


_PREPOSITION = r"(?:(?:in|on|of|since|by|from|during|until)\s+)?"
# A sentence end, not an initial ("George R. R. Martin") or a title ("Jr.", "Dr.").
_SENTENCE_BREAK = re.compile(r"(?<![ .][A-Z]\.)(?<!Jr\.)(?<!Sr\.)(?<!Dr\.)(?<!Mr\.)(?<!Ms\.)(?<!St\.)(?<!vs\.)"
                             r"(?<=[.!?])\s+(?=[A-Z\"(])")


def _details(text: str) -> dict[str, list[re.Match]]:
    """Year, number, weekday, month and name mentions, by kind."""
    return {
        "year": list(_YEAR.finditer(text)),
        "number": [m for m in _NUMBER.finditer(text) if not _YEAR.fullmatch(m.group(1))],
        "weekday": list(re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", text)),
        "month": list(re.finditer(r"\b(" + "|".join(MONTHS) + r")\b", text)),
        "name": _names_in(text),
    }


def _changed(kind: str, value: str, names: list[str], rng: random.Random) -> str | None:
    if kind == "year":
        return str(int(value) + rng.choice([-1, 1]) * rng.randint(1, 12))
    if kind == "number":
        n = int(value.replace(",", ""))
        return f"{n + rng.randint(1, 9) * rng.choice([-1, 1]) if n > 9 else n + rng.randint(1, 5):,}"
    if kind in ("weekday", "month"):
        words = WEEKDAYS if kind == "weekday" else MONTHS
        return rng.choice([w for w in words if w != value])
    pool = [n for n in names if len(n.split()) == len(value.split()) and n != value]
    return rng.choice(pool) if pool else None


def keep_supports(pairs: list, share: float, rng: random.Random, support_label: int) -> list:
    """Support pairs whose passage has one detail changed that the claim never mentions.

    Only a kind of detail the claim has none of is changed (no year in the claim: a passage year
    may change), so the claim's support cannot hinge on it.
    """
    names = _claim_names(pairs)
    out = []
    for p in pairs:
        if p.label != support_label or p.kind != "gold" or rng.random() >= share:
            continue
        in_claim = _details(p.claim)
        claim_words = set(p.claim.lower().split())
        options = [(kind, m) for kind, ms in _details(p.passage).items() if not in_claim[kind] for m in ms
                   if kind != "name" or not claim_words & set(m.group(1).lower().split())]
        for kind, m in rng.sample(options, len(options)):
            if (new := _changed(kind, m.group(1), names, rng)) and new != m.group(1):
                passage = p.passage[:m.start()] + new + p.passage[m.end():]
                out.append(replace(p, passage=passage, kind=f"keep-{kind}"))
                break
    return out


def drop_neutrals(pairs: list, share: float, rng: random.Random, labels: tuple[int, int],
                  neutral_label: int, sentence_sources: frozenset[str] = frozenset()) -> list:
    """Neutral pairs: the passage without the claim's year/weekday, or without its closest sentence.

    ``labels`` are the gold labels (support, refute); only support pairs are used, since the
    rest of a refuting passage often still refutes. Sentence drops are only made for
    ``sentence_sources``, whose passages are minimal evidence (FEVER, SciFact rationales), so the
    sentences left do not state the claim on their own.
    """
    out = []
    for p in pairs:
        if p.label != labels[0] or p.kind != "gold" or rng.random() >= share:
            continue
        stated = [m.group(1) for kind in ("year", "weekday") for m in _details(p.claim)[kind]
                  if m.group(1) in p.passage]
        if stated and p.label == labels[0]:
            value = rng.choice(stated)
            passage = re.sub(r"\s*,?\s*" + _PREPOSITION + r"(?<![\w-])" + value + r"(?![\w-])", "", p.passage,
                             flags=re.IGNORECASE)
            passage = re.sub(r"\s*\(\s*\)", "", passage)
            # only when no other year/weekday is left: a passage that dates the event otherwise refutes
            left = _details(passage)
            if value not in passage and not left["year"] and not left["weekday"]:
                out.append(replace(p, passage=passage.strip(), label=neutral_label, kind="drop-detail"))
                continue
        sents = _SENTENCE_BREAK.split(p.passage)
        # only from support pairs: a refuting passage's other sentences often still refute
        if p.label == labels[0] and p.source in sentence_sources and len(sents) >= 2:
            words = set(re.findall(r"[a-z0-9]+", p.claim.lower()))
            closest = max(range(len(sents)), key=lambda i: len(words & set(re.findall(r"[a-z0-9]+", sents[i].lower()))))
            rest = " ".join(s for i, s in enumerate(sents) if i != closest)
            if len(rest.split()) >= 6:
                out.append(replace(p, passage=rest, label=neutral_label, kind="drop-sentence"))
    return out


def pad_passages(pairs: list, share: float, rng: random.Random, max_words: int = 90) -> list:
    """The same pair with one sentence of another group's passage appended: label unchanged."""
    by_source = _grouped(pairs, lambda p: p.source)
    out = []
    for p in pairs:
        if rng.random() >= share:
            continue
        other = rng.choice(by_source[p.source])
        if other.group == p.group:
            continue
        extra = rng.choice(_SENTENCE_BREAK.split(other.passage))
        if len(p.passage.split()) + len(extra.split()) <= max_words:
            first, second = (extra, p.passage) if rng.random() < 0.5 else (p.passage, extra)
            passage = first.rstrip() + ("" if first.rstrip()[-1:] in ".!?" else ".") + " " + second
            out.append(replace(p, passage=passage, kind=f"pad-{p.kind}"))
    return out


_LOWER_FIRST = {"The", "A", "An", "This", "That", "These", "Those", "It", "There", "Some", "Many", "Most", "All", "No"}


def _join(first: str, second: str, connective: str = ", and ") -> str:
    head, word = first.rstrip(" .!?"), second.split(" ", 1)[0]
    tail = second[0].lower() + second[1:] if word in _LOWER_FIRST else second
    return f"{head}{connective}{tail.rstrip(' .!?')}."


def extend_claims(pairs: list, share: float, rng: random.Random, labels: tuple[int, int, int],
                  max_words: int = 30) -> list:
    """A claim joined with another group's claim of the same source: the passage bears on one half.

    Supported half + a half the passage does not speak to: neutral (not refute: saying less is not
    contradicting). Refuted half + anything: still refute. ``labels`` = (support, refute, neutral).
    """
    support, refute, neutral = labels
    by_source = _grouped(pairs, lambda p: p.source)
    out = []
    for p in pairs:
        if p.label not in (support, refute) or p.kind != "gold" or rng.random() >= share:
            continue
        other = rng.choice(by_source[p.source])
        if other.group == p.group or len(p.claim.split()) + len(other.claim.split()) > max_words:
            continue
        claim = _join(p.claim, other.claim) if rng.random() < 0.5 else _join(other.claim, p.claim)
        out.append(replace(p, claim=claim, label=neutral if p.label == support else refute, kind="ext-claim"))
    return out


_CONNECTIVES = (", and ", " because ", " while ", ", so ", " after ")


def join_related(pairs: list, share: float, rng: random.Random, labels: tuple[int, int, int],
                 max_words: int = 30) -> list:
    """Claims joined with another hypothesis about the same passage: an on-topic second half.

    Each supported hypothesis + an unverified one = neutral (from ``share`` of them); a supported
    or unverified one + a contradicted one = refute (a sixth as many: swaps already make many
    refutes). Only gold pairs that share one passage word for word (NLI premises with their
    three hypotheses). ``labels`` = (support, refute, neutral).
    """
    support, refute, neutral = labels
    out = []
    for same_passage in _grouped([p for p in pairs if p.kind == "gold"], lambda p: p.passage).values():
        by_label = _grouped(same_passage, lambda p: p.label)
        combos = [(a, neutral, neutral, share) for a in by_label.get(support, [])]
        combos += [(a, refute, refute, share / 6) for lab in (support, neutral) for a in by_label.get(lab, [])]
        for a, other_label, label, rate in combos:
            if other_label not in by_label or rng.random() >= rate:
                continue
            b = rng.choice(by_label[other_label])
            if len(a.claim.split()) + len(b.claim.split()) > max_words:
                continue
            first, second = (a, b) if rng.random() < 0.5 else (b, a)
            claim = _join(first.claim, second.claim, rng.choice(_CONNECTIVES))
            out.append(replace(a, claim=claim, label=label, kind="ext-related"))
    return out


_DAY_MONTH = re.compile(r"\b(?:(\d{1,2}) (" + "|".join(MONTHS) + r")\b|(" + "|".join(MONTHS)
                        + r") (\d{1,2})(?:st|nd|rd|th)?\b,?)")


def _without_day(text: str, m: re.Match) -> str:
    month = m.group(2) or m.group(3)
    head = text[:m.start()]
    # "on 20 January 2025" -> "in January 2025"
    head = re.sub(r"\bon\s+$", "in ", head)
    return head + month + text[m.end():].replace(" ,", ",")


def coarsen_dates(pairs: list, rng: random.Random, labels: tuple[int, int]) -> list:
    """Support pairs whose shared day-month date loses its day: in the passage, neutral; in the claim, support.

    A passage that says "in January 2025" neither confirms nor contradicts "on 20 January 2025";
    a claim that says "in January 2025" is still supported by a passage giving the day.
    ``labels`` = (support, neutral).
    """
    support, neutral = labels
    out = []
    for p in pairs:
        if p.label != support or p.kind != "gold":
            continue
        shared = [(m, n) for m in _DAY_MONTH.finditer(p.claim) for n in _DAY_MONTH.finditer(p.passage)
                  if m.group(0).rstrip(",") == n.group(0).rstrip(",")]
        if not shared:
            continue
        m, n = rng.choice(shared)
        if rng.random() < 0.5:
            out.append(replace(p, passage=_without_day(p.passage, n), label=neutral, kind="drop-day"))
        else:
            out.append(replace(p, claim=_without_day(p.claim, m), kind="keep-day"))
    return out


# A relative or subordinate clause before the verb: negating it would not negate the claim.
_EMBEDDED = re.compile(r"\b(who|which|that|whose|whom|when|where|while|because|if|although|after|before|since)\b",
                       re.IGNORECASE)


def _negate_whole(claim: str, rng: random.Random) -> str | None:
    """The claim with its first auxiliary flipped, or None when there is none or a clause opens
    before it (flipping a verb inside "who ..." or "because ..." does not negate the claim)."""
    verb = _NEGATED.search(claim) or _NEGATABLE.search(claim)
    if verb is None or _EMBEDDED.search(claim[:verb.start()]):
        return None
    return _negate(claim, claim, rng)


def mirror_negations(pairs: list, share: float, rng: random.Random, labels: tuple[int, int, int],
                     max_words: int = 30) -> list:
    """Negated claims of neutral pairs (still neutral) and refuted pairs (now support).

    Only the claim's first auxiliary is flipped ("was" -> "was not", "did not" -> "did"), and only
    when no clause opens before it, so the flip negates the whole claim. ``labels`` = (support,
    refute, neutral); sampled from ``share`` of the real (not built) neutral and refute pairs.
    """
    support, refute, neutral = labels
    out = []
    for p in pairs:
        if p.label not in (refute, neutral) or p.kind not in ("gold", "hard-neutral") or rng.random() >= share:
            continue
        if len(p.claim.split()) > max_words:
            continue
        new = _negate_whole(p.claim, rng)
        if new and new != p.claim:
            out.append(replace(p, claim=new, label=neutral if p.label == neutral else support,
                               kind="mirror-negation"))
    return out


_DATE_PHRASE = re.compile(
    r",? \b(?:on|in) (?:(?:" + "|".join(WEEKDAYS) + r"),? )?(?:\d{1,2} )?(?:" + "|".join(MONTHS)
    + r")(?: \d{1,2})?(?:,? (?:1[89]|20)\d\d)?\b|,? \bin (?:1[89]|20)\d\d\b")


def echo_sentences(pairs: list, share: float, rng: random.Random, labels: tuple[int, int],
                   min_words: int = 6, max_words: int = 30, flip_positive: float = 0.3) -> list:
    """A sentence of the passage as the claim (support) and the same claim negated (refute).

    ``labels`` = (support, refute). Every real pair whose passage has a sentence with a negation
    or "no" gives that sentence (support) and its positive flip (refute): those are what teach
    that a negated claim can be supported. Other pairs are sampled at ``share`` and only
    ``flip_positive`` of them are negated, so "not" in a claim does not become a sign of refute.
    A flip is only made when it negates the whole sentence (no clause opens before the verb).
    """
    support, refute = labels
    out, seen = [], set()
    for p in pairs:
        if p.kind not in ("gold", "hard-neutral", "random-neutral"):
            continue
        sentences = [t.strip() for t in _SENTENCE_BREAK.split(p.passage) if min_words <= len(t.split()) <= max_words]
        negative = [t for t in sentences if _NEGATED.search(t) or _NONE.search(t)]
        if negative:
            claim, flip = rng.choice(negative), 1.0
        elif sentences and rng.random() < share:
            claim, flip = rng.choice(sentences), flip_positive
        else:
            continue
        if (m := _DATE_PHRASE.search(claim)) and rng.random() < 0.5:
            claim = claim[:m.start()] + claim[m.end():]
        claim = claim.rstrip(" .;:") + "."
        if claim in seen:
            continue
        seen.add(claim)
        out.append(replace(p, claim=claim, label=support, kind="echo"))
        if rng.random() >= flip:
            continue
        if _NONE.search(claim) or _SOME.search(claim):
            flipped = _swap_quantifier(claim, p.passage, rng)
        else:
            flipped = _negate_whole(claim, rng)
        if flipped and flipped != claim:
            out.append(replace(p, claim=flipped, label=refute, kind="echo-flip"))
    return out
