"""Relative time in claims: "Thursday", "last week", "the following year" resolved to a date.

A claim must say when on its own: "Diplomats will meet in Istanbul on Thursday" is checkable only
once "Thursday" is known to be 27 February 2025. The article's date comes from its date line
("Updated 17 May 2025", "date 2025-02-27"; dates parsed by ``dateparser``) or from the caller;
"the following year" counts from the last year the article named. A weekday takes the tense of its
verb (past: the last one on or before the article's date; future: the next one on or after).
Weeks and months resolve to their month, never to a day the article did not name, so a claim
is never given a precision that a passage could then contradict. What cannot be resolved is left
as written and noted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

WEEKDAYS = [d.lower() for d in calendar.day_name]
_DATE_KEY = re.compile(r"^\W*(?:date|dated|updated|published|posted|last updated|last modified|first published|"
                       r"modified)\b[\s:]*(?P<rest>\S.{5,80})", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’\-]{2,}(?:,\s*[A-Z][\w .'’\-]+)?\s*[—–\-]+\s*(?P<rest>\S.{5,60})$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {m.lower(): n for n, m in enumerate(calendar.month_name) if m} | \
          {m.lower(): n for n, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
# what follows a weekday that already dates it: "Monday 26 September", "Thursday, Feb. 27", "Friday 3rd"
_DATED = re.compile(r"^,?\s*(?:\d{1,2}(?:st|nd|rd|th)?|" + "|".join(_MONTHS) + r")\b")
# what precedes a weekday that its date gives: "On 19 July, a Wednesday", "July 19 (Wednesday)"
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATED_BEFORE = re.compile(rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_WORDS})|\b(?:{_MONTH_WORDS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)"
                           r"(?:\s*,?\s*\d{4})?\s*[,(]?\s*(?:a|an|the)?\s*$")


@lru_cache(maxsize=256)
def parse_date(text: str) -> dt.date | None:
    """A full date from text such as "17 May 2025, 19:47" or "2025-02-27" (None if not a full date)."""
    import dateparser

    text = text.strip(" ,.")
    if not _YEAR.search(text):
        return None
    found = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return found.date() if found else None


def article_date(text: str) -> dt.date | None:
    """The article's own date, from its first date line ("Updated ...", "Published ...", "date ...")
    or dateline ("ISTANBUL, Turkey — 27 February 2025")."""
    for line in text[:5000].splitlines():
        if not (m := _DATE_KEY.match(line) or _DATELINE.match(line)):
            continue
        words = m.group("rest").replace(",", " ,").split()
        for n in range(min(len(words), 8), 0, -1):  # the longest prefix that is a date
            if found := parse_date(" ".join(words[:n]).replace(" ,", ",")):
                return found
    return None


def _fmt(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _month(year: int, month: int) -> str:
    return f"{calendar.month_name[month]} {year}"


def _tense(token: Token) -> str:
    """"past", "future" or "" for the verb that governs ``token``."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")] + [verb.lower_]
    if verb.tag_ == "VBG" and len(aux) == 1 and verb.head.i != verb.i:
        return _tense(verb.head)  # "reached the final by beating France on Tuesday": the tense of "reached"
    if any(a in ("will", "'ll", "shall", "would", "going") for a in aux):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a in ("was", "were", "had", "did") for a in aux):
        return "past"
    return ""


@dataclass
class Anchor:
    """What relative times count from: the article's date, and the last year and month it named."""

    today: dt.date | None
    year: int | None = None
    month: int | None = None
    notes: list[str] = field(default_factory=list)

    def see(self, doc: Doc) -> None:
        """Remember the last year (and month) a sentence names, for "the following year"."""
        for ent in doc.ents:
            if ent.label_ == "DATE" and (y := _YEAR.search(ent.text)):
                self.year = int(y.group(1))
                self.month = _month_named(ent.text)


def _month_named(text: str) -> int | None:
    """The number of the month a date's words name ("June 2020": 6), None if none."""
    return next((n for w, n in _MONTHS.items() if re.search(rf"\b{w}\b", text.lower())), None)


def _named_before(doc: Doc, t: "Token") -> tuple[int, int | None] | None:
    """The last year (and month) named earlier in ``t``'s own sentence: "In June 2020, after the mass protests of
    the previous year" counts from 2020, not from a year a sentence before named."""
    ents = [e for e in t.sent.ents if e.label_ == "DATE" and e.end <= t.i and _YEAR.search(e.text)]
    if not ents:
        return None
    text = ents[-1].text
    return int(_YEAR.search(text).group(1)), _month_named(text)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + by
    return n // 12, n % 12 + 1


def resolve_times(doc: Doc, tokens: set[int], anchor: Anchor) -> tuple[dict[int, str], list[str]]:
    """Rewrites (token index -> text) giving relative times in ``tokens`` their date, and notes on
    what could not be resolved."""
    subs: dict[int, str] = {}
    notes: list[str] = []
    today = anchor.today
    for i in sorted(tokens):
        t = doc[i]
        low = t.lower_
        prev = doc[i - 1].lower_ if i > 0 else ""
        nxt = " ".join(x.lower_ for x in doc[i + 1:i + 4])
        if low in WEEKDAYS:
            if _DATED.match(nxt) or _DATED_BEFORE.search(" ".join(x.lower_ for x in doc[max(0, i - 6):i])):
                continue  # "Thursday, Feb. 27", "On 19 July, a Wednesday": already dated
            if today is None:
                notes.append(f"'{t.text}' is not resolved: the article's date is unknown")
                continue
            wanted = WEEKDAYS.index(low)
            tense = "past" if prev == "last" else "future" if prev == "next" else _tense(t)
            back = (today.weekday() - wanted) % 7
            ahead = (wanted - today.weekday()) % 7
            if tense == "past":
                day = today - dt.timedelta(days=back + (7 if prev == "last" and back == 0 else 0))
            elif tense == "future":
                day = today + dt.timedelta(days=ahead + (7 if prev == "next" and ahead == 0 else 0))
            else:
                day = today - dt.timedelta(days=back) if back <= ahead else today + dt.timedelta(days=ahead)
            subs[i] = f"{t.text} ({_fmt(day)})"
        elif low in ("yesterday", "today", "tomorrow", "tonight"):
            if t.text[0].isupper() and t.i > t.sent.start and (prev in ("'s", "\u2019s", "the") or t.dep_ == "compound"):
                continue  # a name, not a day: "NBC's Today show"
            if today is None:
                notes.append(f"'{t.text}' is not resolved: the article's date is unknown")
                continue
            day = today + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(low, 0))
            subs[i] = f"{t.text} ({_fmt(day)})"
        elif low in ("week", "month", "year") and prev in ("last", "this", "next") and i - 1 in tokens \
                and not (i >= 2 and doc[i - 2].lower_ == "the"):
            if today is None:
                notes.append(f"'{prev} {low}' is not resolved: the article's date is unknown")
                continue
            by = {"last": -1, "this": 0, "next": 1}[prev]
            if low == "year":
                text = str(today.year + by)
            elif low == "month":
                text = _month(*_shift_month(today.year, today.month, by))
            else:
                monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=by)
                sunday = monday + dt.timedelta(days=6)
                text = _month(monday.year, monday.month) if monday.month == sunday.month else str(sunday.year)
            end = i + 2 if i + 1 < len(doc) and doc[i + 1].tag_ == "POS" else i
            if end != i and doc[i].head.i > i:  # "last week's talks": the date goes after "talks"
                end = doc[i].head.i
            subs[end] = f"{subs.get(end, doc[end].text)} ({text})"
        elif low in ("year", "month") and prev in ("following", "next", "previous") and i >= 2 \
                and doc[i - 2].lower_ == "the" and i - 1 in tokens:
            by = -1 if prev == "previous" else 1
            year, month = _named_before(doc, t) or (anchor.year, anchor.month)
            if low == "year" and year:
                subs[i] = f"{t.text} ({year + by})"
            elif low == "month" and year and month:
                subs[i] = f"{t.text} ({_month(*_shift_month(year, month, by))})"
            else:
                notes.append(f"'the {prev} {low}' is not resolved: the article names no {low} before it")
    return subs, notes
