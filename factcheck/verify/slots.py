"""The comparable parts of a sentence: who, where, when, how many, and whether it is denied.

A parsed claim or passage in, typed slots out, each with its character span in the text:

- ``person``, ``org``: names (PERSON, ORG entities), compared by their last word and head word;
- ``place``: where something happened (a place entity after "in", "at", "near" ...);
- ``date``: year, month, day and weekday, normalised with ``dateparser`` (a full date also gives
  its weekday, so "Thursday" can be checked against "27 February 2025");
- ``number``: cardinals, quantities, money and percentages as values (words read with
  ``text2num``; "half", "a third", "1.2 million"), with the noun they count and whether they are a
  bound, an estimate or a range ("at least one", "about 1,000", "between 10,000 and 12,000"); a span
  of time is no value;
- ``tally``: vote tallies ("330 to 275", "7-2", "seven votes to two", "the Ayes numbered 330 and
  the Noes 275");
- ``polarity``: the main event denied ("not", "never", "no officials") or quantified ("several");
- posts: who holds which post of which body ("Stockton Rush, chief executive of OceanGate").

The sentence's main ``event`` (its verb, or the predicate of "was present") and ``subject`` (the
head noun of its subject with its names) say what a sentence is about.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..nlp import named_beside

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Span, Token

PLACES = ("GPE", "LOC", "FAC")
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
# a price of one of many: "3.82 francs each", "$34 a share"; "values each of them at 0.76 francs"
_EACH_AFTER = re.compile(r"\s*(?:each|apiece|a share|per share|a piece|per unit)\b", re.I)
_EACH_BEFORE = re.compile(r"\beach\b(?:(?!\.\s)[^;:]){0,40}?\bat\s*$", re.I)
# a margin over another: "44 more than Croatia", "13 points ahead of"
_MARGIN = re.compile(r"\s*(?:\w+\s+)?(?:more|fewer|less|higher|lower)\s+than\b|\s*(?:\w+\s+)?(?:ahead of|behind)\b", re.I)
_PART_OF = re.compile(r"\b(?:(?P<n>a|one|two|three)\s+)?(?P<part>quarter|third|half)s?\s+of\s+an?\s+"
                      r"(?P<scale>million|billion|trillion)\b", re.I)
_PARTS = {"quarter": 0.25, "third": 1 / 3, "half": 0.5}
# a grade on a named scale: "Category 5", "Level 3", "Stage 4", "EF4" is left to the numbers
_GRADE = re.compile(r"\b(?P<scale>Category|Level|Stage|Grade|Class)\s+(?P<n>\d{1,2})\b")
# a name ending in a numeral, Arabic or Roman: one member of a series ("Super Bowl LVIII", "Chandrayaan-3",
# "Apollo 11", "World War II"); a year after a name ("Euro 2024") is compared as a date instead
_SERIES = re.compile(r"\b(?P<stem>(?:[A-Z][A-Za-z]+[ -])+)(?P<n>\d{1,3}|[IVXL]+)\b(?![-–/:.,]\s?\d)")  # not "England 4-0"
# (or glued to a name written in two capitals: "AlphaFold2" is AlphaFold 2)
_GLUED_SERIES = re.compile(r"\b(?P<stem>[A-Z][a-z]+[A-Z][A-Za-z]*)(?P<n>\d{1,2})\b")
# the numbered occasions of one contest ("game 14", "stage 12"), and the first of them named as such
_NUMBERED = re.compile(r"\b(?P<stem>game|stage|leg|race|heat)\s+(?P<n>\d{1,2})\b(?![-–/:.,]\s?\d)", re.I)
_OPENING = re.compile(r"\b(?:opening|first)\s+(?P<stem>game|stage|leg|race|heat)\b", re.I)
# a company's or government's fiscal year names a period, as a series member does: "Nvidia's 2024
# financial year", "fiscal 2023", "FY24"
_FISCAL = re.compile(r"\b(?:fiscal|financial)(?:\s+year)?\s+(\d{4})\b|\b(\d{4})\s+(?:fiscal|financial)\s+year\b"
                     r"|\bFY\s?'?(\d{2}(?:\d{2})?)\b", re.IGNORECASE)
_PLACE_NOUNS = {"state", "province", "city", "town", "village", "county", "region", "island", "district",
                "prefecture", "republic", "kingdom", "territory", "municipality", "port"}
_BEARINGS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "from", "to", "into", "across"}
NEGATIONS = {"not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor", "without"}
QUANTIFIERS = {"no": 0, "none": 0, "zero": 0, "neither": 0, "few": 1, "several": 2, "some": 2, "many": 3, "most": 4,
               "all": 5, "every": 5, "both": 5}
WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
DURATIONS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
# a time of day: "9am", "7:14 p.m.", "21:45", "00.14" (hours and minutes, or an hour with am/pm)
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<half>[ap]\.?\s?m\b\.?)?", re.I)
# time zones as news writes them, to one name per zone ("EDT" and "Eastern time" are one)
_ZONES = {"et": "eastern", "edt": "eastern", "est": "eastern", "eastern": "eastern", "ct": "central",
          "cdt": "central", "cst": "central", "central": "central", "mt": "mountain", "mdt": "mountain",
          "mst": "mountain", "mountain": "mountain", "pt": "pacific", "pdt": "pacific", "pst": "pacific",
          "pacific": "pacific", "gmt": "utc", "utc": "utc", "bst": "bst", "cet": "cet", "cest": "cest",
          "jst": "japan", "japan": "japan", "hst": "hawaii", "hawaii": "hawaii"}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# (a match of half points is a tally too: "won by 7.5 points to 6.5", "7½-6½")
_TALLY = re.compile(r"\b(\d{1,4}(?:\.5|½)?)\s*(?:(?:votes?|points?)\s+)?(?:to|-|–|—|against)\s*(\d{1,4}(?:\.5\b|½)?)\b"
                    r"(?!\s*(?:per\s?cent|%|years?|months?|days?|hours?|minutes?|p\.?m|a\.?m|o'clock|:|\.\d))")
# "with 100 states in favour, 11 against", "100 in favour and 11 against", "60 for and 30 against"
_FOR_AGAINST = re.compile(r"\b(\d{1,4})\s+(?:[a-z]+\s+)?(?:in\s+favou?r|for)(?:\s+of\s+[a-z]+)?\s*,?\s*(?:and\s+|with\s+)?"
                          r"(\d{1,4})\s+(?:[a-z]+\s+)?against\b")
# a division's two lobbies: "The Ayes numbered 330 and the Noes 275", "52 yeas to 48 nays"
_AYES_NOES = re.compile(r"\b(?:ayes|yeas)\b[^.;\d]{0,20}?(\d{1,4})\b[^.;\d]{0,30}?\b(?:noes|nays)\b[^.;\d]{0,20}?(\d{1,4})\b"
                        r"|\b(\d{1,4})\s+(?:ayes|yeas)\b[^.;\d]{0,30}?\b(\d{1,4})\s+(?:noes|nays)\b", re.IGNORECASE)
_RANGE = re.compile(r"(?:\b[Bb]etween\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?(?P<lo>\d+(?:[.,]\d+)*)"
                    r"\s*(?:%|per\s?cent|percent)?\s*(?:and|to|-|–)\s*(?:about\s+)?(?P<hi>\d+(?:[.,]\d+)*))"
                    r"|(?:\b(?P<lo2>\d+(?:[.,]\d+)*)\s*(?:%|per\s?cent|percent)?\s*(?:to|-|–)\s*(?P<hi2>\d+(?:[.,]\d+)*)"
                    r"\s*(?:%|per\s?cent\b|percent\b))")
_MONTH = rf"(?:{'|'.join(calendar.month_abbr[1:])}|Sept)[a-z]*\.?"
_FULL_DATE = re.compile(rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?\b|\b{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?\b")
_DATE_END = rf"(?:(?:{_DAY}\s+)?{_MONTH}(?:\s+{_DAY})?(?:,?\s+\d{{4}})?|\d{{4}}|{_DAY})"
# "from March through May", "between 2014 and 2016", "March 1-May 31, 2020", "26-28 February"
_DATE_RANGE = re.compile(rf"\b(?:[Ff]rom|[Bb]etween)\s+{_DATE_END}\s*(?:-|–|—|to|through|thru|until|till|and)\s*{_DATE_END}"
                         rf"|\b{_DATE_END}\s*[-–—]\s*{_DATE_END}")
# what a count is done within, not a whole it is a share of ("in 43 overs", "in 10 minutes")
_STRETCHES = {*DURATIONS, "over", "game", "match", "inning", "race", "round", "lap", "start", "season"}
_OUT_OF = re.compile(r"\b(\d+)\s+(?:out\s+of|in)\s+(\d+)\b(?!\s*(?:%|per\s?cent|percent|[:.,]\d))")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)")
_FRACTION = re.compile(r"\b(?:(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
                       r"(?P<frac>half|halves|thirds?|quarters?|fifths?|tenths?)\s+of\b")
_DIVIDED = {"split", "divide"}  # what a vote does to a body: its tally is the vote's
_CONTEST = set("""vote ballot rule ruling pass approve reject adopt defeat back majority favour favor against win beat
lose draw score decision verdict confirm elect side uphold overturn strike""".split())
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")
SPEECH = {"say", "tell", "confirm", "announce", "add", "state", "claim", "insist", "note", "report", "warn",
           "stress", "argue", "explain", "write"}


@dataclass(frozen=True)
class Slot:
    """One comparable part of a text: its kind, the words as written, a normalised value, a span."""

    kind: str
    text: str
    value: Any
    start: int
    end: int
    role: str = ""  # for numbers: the noun counted; for names: the head of the phrase they name
    anchors: frozenset[str] = frozenset()  # lemmas of the words it hangs from (its verb, its event noun)
    context: frozenset[str] = frozenset()  # places and ordinals of the phrase it hangs from ("place:istanbul")
    label: str = ""  # the entity label: a place is a GPE (city, country), a LOC or a FAC (a building)
    # for numbers: ">=" at least, ">" more than, "<=" up to, "<" fewer than, "~" about, "range" from
    # ``value`` to ``high`` ("between 10,000 and 12,000 people")
    bound: str = ""
    # for shares: the decimals written, or more where the sentence writes a share finer ("from 5.25% to
    # 5%": the 5% is to two decimals too); a share stands for the values that round to it
    decimals: int = 0
    # for numbers: the subject of the verb the figure is said with, and the things a coordinated
    # subject joins ("the booster and the ship stand 121 metres": {"booster", "ship"}); for dates, the
    # name whose own day it is ("leo xiii" of "Leo XIII, who died on 20 July 1903", see ``_day_of``)
    subject: str = ""
    together: frozenset[str] = frozenset()
    doer: str = ""  # the subject's name, when it is one ("Labour won 411 seats": "labou")
    deed: str = ""  # the verb whose subject or object the counted noun is ("six members were presumed dead": "presume")
    forecast: bool = False  # for numbers: said as what is expected ("seen rising by 2.5% in 2024"), not measured
    aimed: bool = False  # for numbers: said as what is aimed at ("pledged to raise it to 950 euros"), not reached
    claimed: bool = False  # for numbers: what someone said or claimed ("saying that the PTI was winning 170 seats")
    holder: str = ""  # for places: the thing it says where of ("plant" of "its plant in Renton"), "" for an event's
    # for organisations: the part it plays ("nsubj", "dobj", "pobj:from"): "borrow from the Swiss National
    # Bank" and "The Saudi National Bank agreed to invest" name banks in two parts
    part: str = ""
    high: float = 0.0  # a range's upper end (``bound`` "range")
    against: str = ""  # for tallies: the name key of the side beaten or played ("beat the Netherlands 4-3")
    against_name: str = ""  # ... and that side's whole name as written, normalised ("philadelphia eagles")
    doers: bool = False  # for numbers: the count is of those who did the deed ("The 115 cardinal electors made ...")
    # for numbers: the name the subject is a described thing of ("the crash of Jeju Air Flight 2216 killed 179")
    described: str = ""
    done_to: str = ""  # for dates: what the dated verb is done to, "noun:<lemma>" or "name:<key>" (see _done_to)

    def interval(self) -> tuple[float, float]:
        """The values a number allows: "at least 1" is 1 and up, "about 1,000" is 900 to 1,100."""
        v, tiny = self.value, 1e-9 * max(abs(self.value), 1.0)
        return {">=": (v, math.inf), ">": (v + tiny, math.inf), "<=": (-math.inf, v), "<": (-math.inf, v - tiny),
                "range": (v, self.high),
                "~": (min(0.9 * v, 1.1 * v), max(0.9 * v, 1.1 * v))}.get(self.bound, (v, v))

    def to_dict(self) -> dict[str, Any]:
        return {"slot": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Post:
    """A person said to hold a post: "Stockton Rush, chief executive of OceanGate", "Finance Minister
    Choi Sang-mok", "Dorsey is the chief executive". ``role`` is the post's words ("chief executive"),
    ``org`` the name stem of whose post it is ("" if not said), ``holder`` the person (a slot valued
    by the name's stem);
    ``one_of`` a post said with "a" ("a hydrologist at ..."), which others may hold too."""

    role: frozenset[str]
    org: str
    holder: Slot
    one_of: bool = False
    body: Slot | None = None  # the words of ``org`` as written
    nationality: bool = False  # ``body`` is a nationality said before the post ("Swedish Prime Minister")


@dataclass
class Clause:
    """One sentence's main event: its verb (and predicate) lemmas, its subject, its polarity."""

    event: set[str] = field(default_factory=set)
    head: str = ""  # the subject's head noun
    head_named: bool = False  # that head is a name, not a place's ("López Obrador", which the entity tagger may miss)
    subject_names: set[str] = field(default_factory=set)  # names inside the subject ("Riyadh" talks)
    # the organisations and people among them not in a clause on it: whose the subject is ("Nvidia
    # shares"), not what is told of it ("the counts on which Bankman-Fried was convicted") nor which of a
    # kind it is ("Russian and US delegations")
    owner_names: set[str] = field(default_factory=set)
    subject_kind: frozenset[str] = frozenset()  # nouns that say which one the subject is ("women's" team)
    subject_nouns: frozenset[str] = frozenset()  # the nouns in the subject's words ("toll", "collision", "train")
    agent: str = ""  # who does it, whatever the voice: "Both countries expelled" / "expelled by either country"
    patient: str = ""  # what it is done to: "expelled dozens of diplomats" / "No diplomats were expelled"
    negated: bool = False
    quantifier: float | None = None
    conditional: bool = False  # "If the statute was silent, the court deferred": a rule, not a report
    unreal: bool = False  # "Had the checks failed, it would have been steered to the sea": what did not happen
    possible: bool = False  # "can declare an emergency", "must win over 50%": what may or must be done, not what was
    ever: bool = False  # "only one motion has ever passed": told over all time, not of one occasion
    state: bool = False  # "voting places are open": a state that holds over days, not the deed of opening
    indefinite: bool = False  # "A flood in October 1957 killed ...": a subject its own details pick out
    # "The walkout began ...", "It was ...": a subject the reader already knows of (not "Craters ... hold ice")
    definite: bool = False
    owner: str = ""  # the name that owns the subject: "engla" of "England's men", "spain" of "both of Spain's goals"
    owned: str = ""  # what of the owner's the subject is: "man", "goal", "rodri" ("Spain's midfielder Rodri")
    owned_noun: bool = False  # that is a common noun, not a name ("Luis de la Fuente's Spain")
    particle: str = ""  # the verb's particle: "come out" is another verb than "come"
    intent: str = ""  # the verb an "offer", "agree" or "plan" is to do: "go" of "offered to go ahead"
    partly: bool = False  # denied only in degree: "not fully contained" is not "not contained"
    topic: frozenset[str] = frozenset()  # what the subject is over or about: "mpox" of "the emergency over mpox"
    office: tuple[str, ...] = ()  # a named subject's title, lower case: ("nasa", "administrator"), ("president",)
    # a relative clause that says which one its noun is ("the earthquake that struck on Friday"): it
    # picks out, it does not report; only a clause that says the same of the same noun meets it
    restrictive: bool = False
    # where a "be" with no predicate word says its subject is: "city" of "was not in the city"
    where: frozenset[str] = frozenset()
    side: str = ""  # which way a vote went: "for" ("voted in favour") or "against"
    # told over a stretch of occasions ("scored 52 goals in his first season"), not of one
    spanned: bool = False
    # who a "he" or "she" subject is: the person a sentence before had as its subject ("Niger's President
    # Mohamed Bazoum ... was still being held. He has not resigned"), as a name key; "" if not told
    referent: str = ""
    doer_name: str = ""  # the place the subject names, as a doer: "south africa" of "South Africa won"
    now: bool = False  # told in the present tense ("is the finance minister", "is based in"): so on the day told
    # the people the sentence names as saying it ("Kremlin spokesman Dmitry Peskov said the decision ..."),
    # as name keys, and where their names stand in the text
    sayers: frozenset[str] = frozenset()
    sayer_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Quantified:
    """A noun said with a quantifier, and the verb it hangs from: "on all public buildings" (lowered),
    "most of the five people aboard" (killed), "none of its payloads" (made it)."""

    noun: str  # the quantified noun's lemma
    verb: str  # the lemma of the verb it hangs from
    value: float  # as in QUANTIFIERS, or UNDER_HALF
    denied: bool  # that verb is denied ("did not reach")
    text: str
    side: str = ""  # which way, where the verb is a vote ("voted against")


@dataclass
class Frame:
    """What a text says: its slots, one clause per sentence, its content words and names."""

    text: str
    slots: list[Slot] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    content: set[str] = field(default_factory=set)  # content lemmas and name stems, for coverage
    verbs: set[str] = field(default_factory=set)  # the lemmas of its verbs, finite or not ("striking": "strike")
    proper: set[str] = field(default_factory=set)  # the lemmas of its proper nouns, tagged as names or not
    names: set[str] = field(default_factory=set)  # name stems of every entity
    places: dict[str, str] = field(default_factory=dict)  # name stem -> the place's name as written
    initials: dict[str, str] = field(default_factory=dict)  # name stem -> its acronym ("faa" / "administration" -> "FAA")
    # the common noun a name is a name of ("adult" -> "bill" in "the Terminally Ill Adults (End of
    # Life) Bill"), and the things the text speaks of by a description alone ("the assisted dying bill")
    name_heads: dict[str, str] = field(default_factory=dict)
    described: set[str] = field(default_factory=set)
    # per sentence: (start, end, its ordinals) -- "third reading" says which occurrence the sentence is of
    ordinals: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)

    imperative: bool = False  # "Sign up for our newsletter": addressed to the reader, states nothing
    # a person done to it names by a pronoun only, no one named before it ("awarded him the prize"):
    # one its article did not resolve
    someone: bool = False
    # numerals that are part of names ("Boeing 737"): a claim's "737 MAX 9 jets" names the model the
    # passage names, it counts no jets
    name_numbers: set[int] = field(default_factory=set)
    posts: list[Post] = field(default_factory=list)  # who holds which post, where the text says so
    # (holder's name key, the post's words) of posts the text says were left: "Dorsey stepped down as its chief
    # executive", "succeeding Lorenzo Córdova" (as president), "Maurer, who had been finance minister"
    left: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    series: dict[str, set[str]] = field(default_factory=dict)  # "super bowl" -> {"LVIII"}: members named
    # "game" -> {"14"}: the numbered occasions of one contest the text names ("game 14", "the opening game": 1)
    rounds: dict[str, set[str]] = field(default_factory=dict)
    # noun -> the words that say which one it is, wherever the text names one ("prize" -> {"nobel",
    # "physiology", "medicine"} of "the Nobel Prize in Physiology or Medicine")
    kinds: dict[str, set[str]] = field(default_factory=dict)
    quantified: list[Quantified] = field(default_factory=list)

    def _sentence(self, slot: Slot) -> tuple[int, int, frozenset[str]]:
        """The sentence a slot stands in: its characters and its ordinals."""
        return next((s for s in self.ordinals if s[0] <= slot.start < s[1]), (slot.start, slot.end, frozenset()))

    def ordinals_at(self, slot: Slot) -> frozenset[str]:
        """The ordinals of the sentence a slot stands in."""
        return self._sentence(slot)[2]

    def sentence_of(self, slot: Slot) -> tuple[int, int]:
        """The character span of the sentence a slot stands in."""
        return self._sentence(slot)[:2]

    def of(self, kind: str) -> list[Slot]:
        return [s for s in self.slots if s.kind == kind]


# The few names news writes in several ways; anything else is compared as written.
ALIASES = {"united states": "us", "usa": "us", "america": "us", "american": "us", "united states of america": "us",
           "united kingdom": "uk", "britain": "uk", "great britain": "uk", "british": "uk",
           "european union": "eu"}


def fold_accents(text: str) -> str:
    """"Pogačar" -> "Pogacar": one name with and without its accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def norm_name(text: str) -> str:
    text = re.sub(r"['’]s$", "", fold_accents(text).strip().lower())
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w\s-]", "", text).strip()
    text = re.sub(r"\s+(?:jr|sr|ii|iii|iv)$", "", text)  # "Joseph R. Biden Jr." is Biden, not "Jr"
    text = _ARTICLE.sub("", text)  # "Bashar al-Assad" is the Assad of "Assad fled", "el-Sisi" Sisi
    return ALIASES.get(text, text)


_ARTICLE = re.compile(r"\b(?:al|el|ad|ud|ul|ash|ar|an|az)-(?=\w)")  # the article joined to an Arabic name

_MINOR = {"of", "and", "for", "the", "on", "in", "&"}


def acronym(name: str, least: int = 3) -> str:
    """The letters a name is shortened to: "FAA" of "FAA" and of "the Federal Aviation Administration",
    "TSMC" of "Taiwan Semiconductor Manufacturing Co"; "" for a name of fewer than three letters or
    fewer than ``least`` words (two are enough where little else could match: "PP" of "People's Party")."""
    words = [w for w in re.sub(r"['’]s\b", "", name).split() if w.lower() not in _MINOR]
    if len(words) == 1 and words[0].isalpha() and words[0].isupper() and 3 <= len(words[0]) <= 6:
        return words[0]
    caps = [w for w in words if w[:1].isupper()]
    return "".join(w[0] for w in caps) if len(caps) == len(words) >= least else ""


def abbreviates(short: str, long: str) -> bool:
    """One word that is the initials of a name of two words or more ("bdp" / "botswana democratic
    party", "U.S." / "United States"): the same name at two lengths, not two names."""
    letters = re.sub(r"[.\s]", "", short)
    return len(short.split()) == 1 and 2 <= len(letters) <= 6 and letters.isalpha() \
        and letters.upper() == acronym(long.title(), least=2)


def name_key(text: str) -> str:
    """A name's comparable stem: "Ukrainian" and "Ukraine", "Turkish" and "Turkey" share one. A
    leading bearing or "New" stays in it: "North Korea" and "South Korea", "New Mexico" and
    "Mexico" are other places, "Northern Ireland" is not Ireland."""
    words = norm_name(text).split()
    word = words[-1] if words else ""
    key = word[:5] if len(word) > 5 else word
    return f"{words[0][0]}:{key}" if len(words) > 1 and words[0] in _QUALIFYING else key


_QUALIFYING = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "new"}


# ---- numbers and dates --------------------------------------------------------------------

@lru_cache(maxsize=4096)
def number_value(text: str) -> float | None:
    """The value of a number written in digits or words ("1.2 million", "fifty-five", "half")."""
    from text_to_num import alpha2digit

    words = text.lower().replace(",", "")
    for word, value in FRACTIONS.items():
        if m := re.search(rf"\b(a|one|an)\s+{word}\b|^{word}\b", words):
            # "five and a half years" is 5.5, "half a point" 0.5
            whole = re.match(r"(.+?)\s+and\s*$", words[:m.start()]) if m.group(1) in ("a", "an") else None
            base = number_value(whole.group(1)) if whole else None
            scale = next((v for w, v in SCALES.items() if re.search(rf"\b{w}\b", words[m.end():])), 1)
            if base is None:
                return value * scale if m.group(1) is None else value  # "half a million"; not "a half"
            return (base + value) * scale  # "two and a half million"
    digits = alpha2digit(words, "en", threshold=0)
    m = _NUMBER.search(digits)
    if not m:
        return None
    try:
        value = float(m.group().replace(",", ""))
    except ValueError:  # "1.2.10": a version or section number, not a quantity
        return None
    for word, scale in SCALES.items():
        if (re.search(rf"\b{word}\b", words) or re.search(_ABBREVIATED[word], words)) and value < scale:
            value *= scale  # "$26.2bn" is "$26.2 billion", and "£3m" is three million pounds
    return value


_SCALE_AFTER = re.compile(r"(?:m|mn|bn|bln|k|tn)\b")  # a scale written onto a sum the tagger cut short ("$968m")
# scales as news abbreviates them after a figure; "m" and "k" only after a currency sign ("100m" may be metres)
_ABBREVIATED = {"thousand": r"[$£€¥]\s?[\d.]+\s?k\b", "million": r"[$£€¥]\s?[\d.]+\s?(?:m|mn)\b",
                "billion": r"\d\s?(?:bn|bln)\b", "trillion": r"\d\s?(?:tn|trn)\b"}


@lru_cache(maxsize=4096)
def date_parts(text: str) -> tuple[int | None, int | None, int | None, int | None]:
    """(year, month, day, weekday 0=Monday) of a date phrase; unknown parts are None.

    ``dateparser`` reads the phrase; only the parts written in it are kept (it would fill a missing
    year or day from today). A full date gives its weekday too.
    """
    low = text.lower()
    year = int(m.group()) if (m := _YEAR.search(low)) else None
    # a month's name or its short form ("Dec", "Sept."), not a word that starts like one ("a decade")
    month = next((i for name, i in MONTHS.items()
                  if re.search(rf"\b(?:{name}|{name[:3]}{'|sept' if name == 'september' else ''})\b", low)), None)
    weekday = next((i for i, d in enumerate(WEEKDAYS) if d in low), None)
    day = None
    if month is not None:
        import dateparser

        parsed = dateparser.parse(re.sub(r"\b(on|the|of)\b", " ", text), languages=["en"],
                                  settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]})
        if parsed is not None and re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", low.replace(str(year or ""), "")):
            day = parsed.day
    if year and month and day and weekday is None:
        import datetime

        try:
            weekday = datetime.date(year, month, day).weekday()
        except ValueError:
            pass
    return year, month, day, weekday


def date_text(parts: tuple[int | None, ...], which: str) -> str:
    year, month, day, weekday = parts
    if which == "weekday":
        return calendar.day_name[weekday] if weekday is not None else ""
    if which == "year":
        return str(year)
    if which == "month":
        return calendar.month_name[month] if month else ""
    return f"{day} {calendar.month_name[month]}" if day and month else ""


# ---- the frame of a sentence --------------------------------------------------------------

def _main_verb(sent: "Span") -> "Token":
    """The verb of what the sentence reports: past a speech verb to its clause ("said Ukraine will ...")."""
    root = sent.root
    if root.lemma_ in SPEECH:
        clause = next((c for c in root.children if _said_clause(c)), None)
        if clause is not None:
            return clause
    return root


def _said_clause(token: "Token") -> bool:
    """``token`` heads what its speech verb says: its clausal complement, or a clause marked "that"
    the parser hung on it otherwise ("said on Monday, 9 December 2024, that the decision had been taken")."""
    return token.dep_ in ("ccomp", "xcomp") or token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _negated(verb: "Token") -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in verb.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
           for c in verb.children):
        return True  # "the Senate no longer takes part"
    if verb.lemma_ != "be" and any(c.dep_ in ("acomp", "oprd") and any(g.dep_ == "neg" for g in c.children)
                                   for c in verb.children):
        return True  # "pleaded not guilty": the plea denied
    if _shares_denial(verb):
        return True  # "was never classed or certified": neither
    if verb.dep_ != "relcl" and (verb.head.lower_ == "without"
                                 or verb.head.head.lower_ == "without" and verb.head.dep_ in ("pcomp", "pobj")):
        return True  # "ended without any agreement being signed"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
    # the determiner of the subject or object itself: "No Ukrainian officials", not the "No" of
    # "the Assisted Dying (No 2) Bill"
    return any(d.lower_ in ("no", "none", "nobody", "nothing", "neither") for s in subjects for d in (s, *s.children)
               if d.dep_ in ("det", "preconj") or d.i == s.i)  # ("Neither Atiku nor Obi had conceded")


def _shares_denial(verb: "Token") -> bool:
    """A verb joined by "or"/"nor" to a denied verb, with no auxiliary or subject of its own, is denied
    with it: "was never classed or certified", "did not attend or send a deputy". ("did not join the
    family and flew back" has a finite verb of its own: that one happened.)"""
    if verb.dep_ != "conj" or verb.tag_ not in ("VB", "VBN", "VBG"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    joined = {c.lower_ for c in verb.head.children if c.dep_ == "cc"} | {c.lower_ for c in verb.children if c.dep_ == "preconj"}
    return bool(joined & {"or", "nor"}) and _negated(verb.head)


_CONDITIONS = {"if", "unless", "whenever", "provided", "providing"}


def _conditional(verb: "Token") -> bool:
    """Whether the verb's event holds only under a condition ("if ...", "unless ...", "as long as
    ..."): such a clause states a rule, so it neither affirms nor denies that the event happened."""
    for c in verb.children:
        marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
        if c.dep_ == "advcl" and (marks & _CONDITIONS or _inverted(c)):
            return True
        if c.lower_ == "long" and c.dep_ == "advmod" and any(a.lower_ == "as" for a in c.children):
            return True  # "as long as it was a permissible construction"
    return False


def _inverted(clause: "Token") -> bool:
    """A condition written by inversion: "Had the checks failed", "Were the vote lost"."""
    first = clause.doc[clause.left_edge.i]
    return first.lower_ in ("had", "were", "should") and first.dep_ in ("aux", "auxpass") and first.head.i == clause.i


def _unreal(verb: "Token") -> bool:
    """What would have happened under a condition that did not hold: "would have been steered" with
    "had the checks failed" or "if ... had". ("The 2015 bill would have let ..." has no condition: it
    tells what the bill said.)"""
    aux = {a.lower_ for a in verb.children if a.dep_ == "aux"}
    return "have" in aux and bool(aux & {"would", "could", "might"}) and verb.tag_ == "VBN" and _conditional(verb)


def _quantifier(verb: "Token") -> float | None:
    """How many of its subject (or object) the verb is said of, where a quantifier says so: "All 177
    people survived", "Most of the passengers survived", "none of the deputies backed it"."""
    for s in verb.children:
        if s.dep_ in ("nsubj", "nsubjpass", "dobj"):
            value = _hedged(s) if s.lower_ in QUANTIFIERS else _share_noun(s)
            if value is not None and any(c.dep_ == "prep" and c.lower_ == "of" for c in s.children):
                return value
            # ("All 177 people": "all" is on the number)
            for d in [*s.children, *(g for c in s.children if c.dep_ == "nummod" for g in c.children)]:
                if d.lower_ in QUANTIFIERS and d.dep_ in ("det", "amod", "nummod", "quantmod"):
                    return _hedged(d)
            if (share := _share_of_whole(s)) is not None:
                return share
    return None


_ALMOST = {"almost", "nearly", "virtually", "practically"}
_FEW_WORDS = {"handful": QUANTIFIERS["few"]}  # "only a handful of the games"
UNDER_HALF = 1.5  # "fewer than half", "a minority": more than a few may be, but not most
_SHARE_NOUNS = {"majority": QUANTIFIERS["most"], "minority": UNDER_HALF}


def _share_noun(word: "Token") -> float | None:
    """The quantifier a noun of share stands for: "a majority of" and "more than half of" say most,
    "a minority of" and "fewer (less) than half of" under half; None for any other word."""
    if word.lower_ == "half" and word.pos_ == "NOUN" and any(c.lower_ == "than" for c in word.children):
        bound = next((c.lower_ for c in word.children if c.dep_ in ("amod", "advmod")), "")
        return QUANTIFIERS["most"] if bound == "more" else UNDER_HALF if bound in ("fewer", "less") else None
    return _SHARE_NOUNS.get(word.lower_) if word.pos_ == "NOUN" else None


def _of_what(word: "Token") -> "Token | None":
    """The noun of ``word``'s "of": "people" of "most of the five people"."""
    return next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"), None)


def _quantified(word: "Token") -> Quantified | None:
    """The noun ``word`` quantifies, if it is a quantifier: "all public buildings", "most of the five
    people", "a handful of games", "seven of the nine governorships" (a share of a counted whole)."""
    value = _hedged(word) if word.lower_ in QUANTIFIERS else _FEW_WORDS.get(word.lower_) or _share_noun(word)
    if value is not None and word.dep_ in ("det", "amod", "nummod", "quantmod", "predet"):
        # ("All 177 people", "every one of the 12 seats")
        noun = (_of_what(word.head) or word.head.head) if word.head.pos_ == "NUM" else word.head
    elif word.pos_ == "NUM":
        if any(c.lower_ in QUANTIFIERS for c in word.children):
            return None  # "every one of": the quantifier says how many
        noun, value = _of_what(word), _share_of_whole(word)  # "seven of the nine governorships"
    elif value is not None:
        noun = _of_what(word)  # "most of the five people", "none of its payloads"
    else:
        return None
    if noun is None or value is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    verb, below = word, word
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb, below = verb.head, verb
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    denied = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
    start = min(word.left_edge.i, noun.i)  # ("fewer than half of ...")
    deed = verb.lemma_.lower()
    if deed in LIGHT_VERBS and below.dep_ == "dobj" and below.pos_ == "NOUN" and below is not word:
        deed += ":" + below.lemma_.lower()  # "had the support of all the parties": the deed is having support
    return Quantified(noun.lemma_.lower(), deed, value, denied, word.doc[start:max(word.i, noun.i) + 1].text,
                      _side(verb))


def _hedged(word: "Token") -> int:
    """A quantifier's value; "almost all" is most, not all (nor "nearly every")."""
    value = QUANTIFIERS[word.lower_]
    if value == QUANTIFIERS["all"] and any(c.lower_ in _ALMOST for c in word.children):
        return QUANTIFIERS["most"]
    # "all or nearly all abortions": the lesser of the two it allows
    after = word.doc[word.i + 1:word.i + 4]
    if value == QUANTIFIERS["all"] and len(after) == 3 and after[0].lower_ == "or" and after[1].lower_ in _ALMOST:
        return QUANTIFIERS["most"]
    return value


_WHO = {"that", "which", "who"}  # relative pronouns


def _share_of_whole(noun: "Token") -> int | None:
    """How many of a counted whole a count says, as a quantifier would (all, most, some, none): "98 of
    Iowa's 99 counties" is most, not all; "seven of the nine governorships" most; "9 of 9" all."""
    if noun.pos_ != "NUM":
        return None
    whole = _of_what(noun)
    total = next((c for c in whole.children if c.dep_ == "nummod"), None) if whole is not None else None
    part, of = number_value(noun.text), number_value(total.text) if total is not None else None
    if part is None or not of or part > of:
        return None
    if part == of:
        return QUANTIFIERS["all"]
    return 0 if part == 0 else QUANTIFIERS["most"] if part > of / 2 else QUANTIFIERS["some"]


def _clauses(sent: "Span") -> list[Clause]:
    """A sentence's clauses, its main one first: the verb it reports, the verbs coordinated with
    that verb ("annexed Crimea and invaded Ukraine"), a clause set off by a semicolon, what it says
    did not happen ("ended without any agreement being signed"), what its relative clauses say of
    the nouns they describe, and its participles ("..., announcing the decision at noon")."""
    main = _main_verb(sent)
    verbs = [main] + [c for c in main.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    # a clause set off by a semicolon stands on its own: "All 177 people survived; a few were hurt"
    beside = [c for c in sent.root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")
              and sent.root.lemma_ not in SPEECH and any(p.text in (";", ":") and min(c.i, p.head.i) < p.i < max(c.i, p.head.i)
                                                       for p in sent.root.children if p.dep_ == "punct")]
    verbs += [v for c in beside for v in (c, *(g for g in c.children if g.dep_ == "conj" and g.pos_ in ("VERB", "AUX")))
              if v not in verbs]
    verbs += [t for t in sent if t.pos_ == "VERB" and t not in verbs and _negated(t)
              and (t.head.lower_ == "without" or t.head.head.lower_ == "without")]
    # what a relative clause says of the one it describes: "Donald Trump, who did not take part in any
    # of the debates, held a town hall" says Trump did not take part
    verbs += [t for t in sent if t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX") and t not in verbs
              and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _WHO for c in t.children)]
    # and what a participle adds of the main verb's subject: "lowered rates on Thursday, announcing the
    # decision at noon" says the Bank announced it
    verbs += [t for t in main.children if t.dep_ == "advcl" and t.tag_ == "VBG" and t not in verbs
              and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children)]
    out = [_clause(v) for v in verbs]
    for clause, verb in zip(out, verbs):
        clause.restrictive = verb.dep_ == "relcl" and verb.doc[verb.left_edge.i - 1].text != ","
    return out


_SPEAKER = {"he", "she", "it", "they"}


def _subject_of(verb: "Token") -> "Token | None":
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in _WHO and verb.dep_ == "relcl":
        # "a 1960 tsunami that killed 61 people": the tsunami; "his wife, Meghan, who stayed": Meghan
        return named_beside(verb.head, verb.i) or verb.head
    if subj is not None and subj.lower_ in _SPEAKER and verb.dep_ == "ccomp" and verb.head.lemma_ in SPEECH:
        # "McCarthy said he would not run again": the one who said it
        speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ in ("PROPN", "NOUN"):
            return speaker
    if subj is None and (verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        # "Russia annexed Crimea and invaded Ukraine"; "lowered rates, announcing the decision at noon"
        return _subject_of(verb.head)
    if subj is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "without any agreement being signed": the agreement
    if subj is None and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject_of(verb.head.head)  # "Djokovic levelled by taking the fourth set": Djokovic took it
    return subj


# An event's beginning and its end: a clause of one is no paraphrase of the other ("the run began on 30 June" /
# "the run came to an end on 31 July").
_STARTS = {"begin", "start", "open", "launch", "commence"}
_ENDS = {"end", "finish", "close", "stop", "conclude", "cease", "expire", "halt"}
PHASES = _STARTS | _ENDS


def other_phase(a: set[str], b: set[str]) -> bool:
    """One set of events names a beginning and the other an end."""
    return bool(a & _STARTS and b & _ENDS or a & _ENDS and b & _STARTS)


# Verbs whose event is named by their object: "take part", "have a position", "hold talks".
LIGHT_VERBS = {"be", "have", "do", "make", "take", "get", "go", "say", "hold", "give", "reach"}
_AMOUNTS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "number",
            "lot", "lots", "handful", "scores", "couple", "many", "some", "most", "all", "none", "each", "neither",
            "both", "either"}


def _roles(verb: "Token", subj: "Token | None") -> tuple[str, str]:
    """(agent, patient) lemmas: the doer and the done-to, the same in the active and the passive."""
    def noun(t: "Token | None") -> str:
        if t is not None and (t.lower_ in _AMOUNTS or t.pos_ == "NUM"):  # "dozens of diplomats"
            t = _of_what(t) or next((c for c in t.children if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN")), t)
            # ("Resolution 68/262" is a resolution)
        if t is not None and t.ent_type_ == "PERSON":  # "Justices Clarence Thomas, ..." are justices
            title = [c for c in t.children if c.dep_ == "compound" and not c.ent_type_ and c.text[:1].isupper()]
            if title:
                word = title[-1].lemma_.lower()
                return word[:-1] if title[-1].pos_ == "PROPN" and word.endswith("s") and len(word) > 4 else word
        return t.lemma_.lower() if t is not None else ""
    by = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    # (a relative clause's subject is the noun it describes, whose own part is in the other clause: "The prize,
    # which is worth ..., was awarded" does nothing to the prize by "is"; the clause's own words say its voice:
    # "the bill, which was passed", not "the writers, who have been on strike")
    relative = subj is not None and subj == verb.head
    if subj is not None and (subj.dep_ == "nsubjpass" and not relative
                             or relative and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)):
        return noun(by), noun(subj)
    return noun(subj), noun(obj)


_TOPIC_PREPS = {"over", "about", "into"}
# words that point at what the reader already knows of: "this", "its", "it"
_KNOWN = {"this", "that", "these", "those", "its", "their", "his", "her", "our", "it", "they", "he", "she"}
_MAY = {"can", "could", "may", "might", "must", "should"}  # what may, or must, be done: no report of what was
_DEGREE = {"fully", "completely", "entirely", "totally", "wholly", "quite", "altogether", "yet"}


def _share_word(word: "Token") -> str:
    """A predicate word's lemma, a share's written out or not as one: "was 70.4 per cent" and "was
    70.40%" say the same thing of their subject."""
    if word.lower_ == "percent" or word.lower_ == "cent" and word.i > 0 and word.nbor(-1).lower_ == "per":
        return "%"
    return word.lemma_.lower()


def _referent(subj: "Token") -> str:
    """The person a "he"/"she" subject stands for: the last subject of an earlier sentence that is a
    person, where no person is named in the pronoun's own sentence before it (then it may be either)."""
    if subj.lower_ not in ("he", "she") or any(t.ent_type_ == "PERSON" for t in subj.sent if t.i < subj.i):
        return ""
    earlier = [t for t in subj.doc[:subj.sent.start] if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "PERSON"]
    if not earlier:
        return ""
    name = next((e for e in subj.doc.ents if e.start <= earlier[-1].i < e.end), None)
    return name_key(name.text) if name is not None else ""


def _clause(verb: "Token") -> Clause:
    predicate = {_share_word(c) for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")
                 and c.pos_ in ("ADJ", "NOUN")} if verb.lemma_ in ("be", "become", "remain") else set()
    out = Clause(event={verb.lemma_.lower()} | predicate, negated=_negated(verb),
        quantifier=_quantifier(verb), conditional=_conditional(verb), unreal=_unreal(verb))
    out.possible = not out.negated and any(c.dep_ == "aux" and c.lower_ in _MAY for c in verb.children)
    out.ever = any(c.dep_ == "advmod" and c.lower_ == "ever" for c in verb.children)
    out.state = verb.lemma_ in ("be", "remain") and any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in verb.children)
    out.now = verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
                                                  and c.lemma_ == "be" for c in verb.children)
    if verb.lemma_ == "be" and not predicate:
        out.where = frozenset(t.lemma_.lower() for c in verb.children if c.dep_ in ("prep", "advmod")
                              for t in c.subtree if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME"))
    subj = _subject_of(verb)
    out.indefinite = subj is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children)
    out.definite = subj is not None and (subj.lower_ in _KNOWN or any(  # ("the city's all-time high")
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _KNOWN | {"the"} for c in subj.children))
    out.agent, out.patient = _roles(verb, subj)
    out.particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    out.side = _side(verb)
    out.spanned = _over_a_span(verb)
    out.intent = next((c.lemma_.lower() for c in verb.children if c.pos_ == "VERB" and (c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))), "")  # ("offered on Thursday to buy")
    out.partly = out.negated and any(c.dep_ == "advmod" and c.lower_ in _DEGREE for c in verb.children)
    if verb.lemma_.lower() in LIGHT_VERBS and out.patient:
        out.event.add(out.patient)  # "took a position" / "has no position", "held talks" / "the talks were held"
    out.event |= {g.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                  for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in PHASES}  # "came to an end": ended
    if subj is not None:
        out.head = subj.lemma_.lower()
        out.referent = _referent(subj)
        # (a capital stands for its government: "Moscow and Washington agreed" is "Russia and the US agreed")
        out.head_named = (subj.pos_ == "PROPN" or subj.ent_type_ in NAME_LABELS) and subj.ent_type_ not in PLACES \
            and subj.text.istitle()  # ("MPs" is no one's name)
        out.subject_names = {name_key(c.text) for c in subj.subtree if c.ent_type_ in NAME_LABELS and c.i != subj.i}
        if not any(c.dep_ == "conj" for c in subj.children):  # (one doer: "Moscow and Washington agreed" are two)
            out.doer_name = next((name_key(e.text) for e in subj.doc.ents if e.start <= subj.i < e.end
                                  and e.label_ in PLACES), "")
        told = {x.i for c in subj.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX") for x in c.subtree}
        told |= {x.i for e in subj.doc.ents if e.start <= subj.i < e.end for x in e}  # ("Donald" of "Donald Trump")
        out.owner_names = {name_key(c.text) for c in subj.subtree if c.ent_type_ in ("ORG", "PERSON") and c.i != subj.i
                           and c.i not in told}
        out.subject_nouns = frozenset(t.lemma_.lower() for t in subj.subtree if t.pos_ == "NOUN")
        out.subject_kind = frozenset("kind:" + c.lemma_.lower() for c in subj.children
                                     if c.dep_ in ("poss", "compound") and c.pos_ == "NOUN" and not c.ent_type_)
        out.owner, out.owned, out.owned_noun = _owner(subj)
        out.topic = frozenset(g.lemma_.lower() for c in subj.children if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS
                              for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
                              and g.ent_type_ not in ("DATE", "TIME"))
        out.office = _office(subj)
    out.sayers, out.sayer_span = _sayers(verb)
    return out


def _sayers(verb: "Token") -> tuple[frozenset[str], tuple[int, int] | None]:
    """The people named as saying what ``verb`` tells: the subject of the speech verb it is the
    clause of ("Peskov said the decision had been taken", "'...,' Peskov said"), or of "according
    to" on it. Name keys, and the character span of their names; nothing where no person is named."""
    said = verb.head if _said_clause(verb) and verb.dep_ != "xcomp" and verb.head.lemma_ in SPEECH else None
    who = next((c for c in said.children if c.dep_ == "nsubj"), None) if said is not None else None
    if who is None:
        who = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "according"
                    for t in c.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj"), None)
    words = {t.i for t in who.subtree} if who is not None else set()
    people = [e for e in verb.doc.ents if e.label_ == "PERSON" and e.start in words]
    if not people:
        return frozenset(), None
    return frozenset(name_key(e.text) for e in people), (people[0].start_char, people[-1].end_char)


@dataclass(frozen=True)
class Sayer:
    """Whom a claim is reported as said by: as the article wrote it, and the people it names (name keys)."""

    text: str
    people: frozenset[str]


def sayer(doc: "Doc") -> Sayer:
    """The parsed words of a claim's speaker ("Foreign Minister Sergei Lavrov") as a :class:`Sayer`."""
    return Sayer(doc.text, frozenset(name_key(e.text) for e in doc.ents if e.label_ == "PERSON"))


# what a deed or a count may be told over, many occasions in one: "in his first season", "in all competitions"
_SPANS = {"season", "career", "campaign", "tenure", "tournament", "competition", "series"}
_OVER = {"in", "during", "over", "across", "throughout"}


def _over_a_span(*words: "Token | None") -> bool:
    """A deed or a count told over a stretch of occasions, by a phrase on its verb or its noun: "in
    his first season", "in all competitions", "with 24 wickets in seven matches". Such a total is no
    value of one occasion's, nor is doing it then any opposite of not doing it on one day."""
    for word in (w for w in words if w is not None):
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in _OVER):
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                # (many occasions, not a length of time: "in three hours" is one stretch)
                counted = noun.tag_ == "NNS" and noun.lemma_.lower() not in DURATIONS and any(
                    n.dep_ == "nummod" and number_value(n.text) not in (None, 1.0) for n in noun.children)
                if noun.lemma_.lower() in _SPANS or counted:
                    return True
    return False


_PER_OCCASION = re.compile(r"^(?:[\w'’-]+\s+){0,3}?(?:on average|(?:a|per) (?:game|match|night|race|start|outing))\b")


def _averaged(ent: "Span", verb: "Token | None") -> bool:
    """The figure is an average ("averaged 5.4 rebounds", "an average of 29.2 points", "30 points a game"):
    no one occasion's value, nor a total's."""
    if verb is not None and verb.lemma_.lower() == "average":
        return True
    before = ent.doc[max(0, ent.start - 3):ent.start]
    return any(t.lower_ == "average" for t in before) or bool(_PER_OCCASION.search(ent.doc[ent.end:ent.end + 6].text.lower()))


def _side(verb: "Token") -> str:
    """Which way a vote went: "voted in favour" / "voted for" is "for", "voted against" is "against"."""
    if verb.lemma_.lower() != "vote":
        return ""
    for c in verb.children:
        if c.lower_ == "against":
            return "against"
        if c.lower_ == "for" or c.lower_ == "in" and any(g.lemma_.lower() in ("favour", "favor") for g in c.children):
            return "for"
    return ""


def _kind_words(noun: "Token") -> set[str]:
    """The nouns that say which one a noun is: its compounds ("economics prize") and what it is in or for
    ("Prize in Physiology or Medicine")."""
    words = {c for c in noun.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")}
    objects = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "for")
               for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.ent_type_ not in PLACES]
    words |= set(objects) | {c for g in objects for c in g.conjuncts}
    return {w.lemma_.lower() for w in words}


def _office(subj: "Token") -> tuple[str, ...]:
    """The title a named person subject is given, its words in order: "NASA administrator Bill
    Nelson", "The NASA administrator, Bill Nelson," and "Bill Nelson, the NASA administrator," all
    give ("nasa", "administrator"); () for a subject that is no titled person."""
    if subj.ent_type_ == "PERSON":
        title = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        words = list(title.subtree) if title is not None else [t for c in subj.lefts for t in c.subtree]
    elif subj.pos_ == "NOUN" and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subj.children):
        words = [t for c in subj.lefts for t in c.subtree] + [subj]
    else:
        return ()
    words = [t for t in words if t.ent_type_ != "PERSON" and t.pos_ in ("NOUN", "PROPN", "ADJ")]
    return tuple(t.lower_ for t in words)


def _owner(subj: "Token") -> tuple[str, str, bool]:
    """(the owner's name stem, the subject's own lemma, whether that is a common noun) for a subject
    a name owns: "England's men", "both of Spain's goals", "Spain's midfielder Rodri"; ("", "",
    False) for any other subject."""
    noun = subj
    if subj.lower_ in _AMOUNTS or subj.pos_ == "NUM":  # "both of Spain's goals": the goals
        noun = _of_what(subj) or subj
    holders = [noun] + [c for c in noun.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]
    owner = next((name_key(c.text) for h in holders for c in h.children if c.dep_ == "poss" and c.ent_type_), "")
    return (owner, noun.lemma_.lower(), noun.pos_ == "NOUN" and not noun.ent_type_) if owner else ("", "", False)


_SOMEONE = {"him", "her", "them"}


def frame(doc: "Doc") -> Frame:
    """The slots, clauses and content of a parsed text (a claim, or a passage of a few sentences)."""
    out = Frame(text=doc.text, clauses=[c for s in doc.sents if len(s) for c in _clauses(s)])
    first = next(iter(doc.sents), None)
    out.imperative = (first is not None and first.root.tag_ == "VB" and first.root.i == first.start
                      and first.root.text[1:].islower()  # not an acronym misread as a verb ("MPs back ...")
                      and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.root.children))
    out.someone = any(t.lower_ in _SOMEONE and t.dep_ in ("dobj", "dative", "pobj")
                      and not any(e.label_ == "PERSON" and e.end <= t.i for e in doc.ents) for t in doc)
    out.content = {t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
                   and not t.is_stop and t.lemma_.lower() not in SPEECH and len(t.text) > 1
                   and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")}  # compared as slots
    out.verbs = {t.lemma_.lower() for t in doc if t.pos_ == "VERB"}
    out.proper = {t.lemma_.lower() for t in doc if t.pos_ == "PROPN"}
    out.content |= {name_key(e.text) for e in doc.ents if e.label_ in ("GPE", "NORP", "LOC")}
    out.places = {name_key(e.text): e.text for e in doc.ents if e.label_ in ("GPE", "LOC")}
    out.initials = {name_key(e.text): a for e in doc.ents if e.label_ in NAME_LABELS and (a := acronym(e.text))}
    out.initials |= {name_key(t.text): t.text for t in doc if t.pos_ == "PROPN" and acronym(t.text) == t.text}
    out.content |= {name_key(t.text) for t in doc if t.pos_ == "PROPN"}  # names the entity tagger missed
    grades = list(_GRADE.finditer(doc.text))
    for ent in doc.ents:
        if any(ent.start_char < m.end() and m.start() < ent.end_char for m in grades):
            continue  # "Category 4" is a grade, compared below, not a name or a count
        if ent.label_ == "PERSON" and ent.text.islower():
            continue  # "litres per square metre": a person's name is written with capitals
        if ent.end < len(doc) and doc[ent.end].lower_ == "time" and ent.label_ in ("GPE", "NORP", "LOC"):
            continue  # "6:04pm India time": a clock's zone, not a place anything happened in
        if ent.label_ in NAME_LABELS:
            out.names.add(name_key(ent.text))
            out.name_heads[name_key(ent.text)] = _name_head(ent)
        out.slots.extend(_entity_slots(ent))
    # a subject named that the entity tagger missed ("Milei is due to be sworn in"): a name all the same
    tagged = {t.i for e in doc.ents for t in e}
    out.names |= {name_key(t.text) for t in doc if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
                  and t.i not in tagged and len(t.text) > 2 and t.text[0].isupper() and t.text[1:].islower()}
    # a day the entity tagger missed ("as early as 1 June"): read as the day it is
    for m in _DAY_MONTH.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), label="DATE")
        # (nor one read into a longer phrase whose day is lost: "On 8 July Musk said")
        if span is None or date_parts(m.group())[2] is None or any(
                e.start_char < m.end() and m.start() < e.end_char and e.label_ != "CARDINAL"
                and not (e.label_ == "DATE" and date_parts(e.text)[2] is None) for e in doc.ents):
            continue
        out.slots = [s for s in out.slots if not (s.start < m.end() and m.start() < s.end)] + _entity_slots(span)
    for m in grades:  # "a Category 4 storm": a grade on a scale, compared with grades only
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out.slots.append(Slot("number", m.group(), float(m.group("n")), m.start(), m.end(),
                                  role=f"grade:{m.group('scale').lower()}", anchors=_anchors(span.root)))
    out.described = {t.lower_ for t in doc if t.pos_ == "NOUN" and _described(t)}
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN") and (words := _kind_words(t)):
            out.kinds.setdefault(t.lemma_.lower(), set()).update(words)
    out.name_numbers = {int(t.text) for t in doc if _in_a_name(t)}
    out.posts = [p for t in doc if t.pos_ in ("NOUN", "PROPN") and (p := _post(t)) is not None]
    out.quantified = [q for t in doc if (q := _quantified(t)) is not None]
    out.left = [left for t in doc if t.pos_ == "NOUN" and (left := _left_post(t)) is not None]
    for m in _FISCAL.finditer(doc.text):
        year = next(g for g in m.groups() if g)
        out.series.setdefault("fiscal year", set()).add(year if len(year) == 4 else "20" + year)
    for m in _SERIES.finditer(doc.text):
        stem = m.group("stem")[:-1].lower()
        words = doc.char_span(m.start("stem"), m.end("stem") - 1, alignment_mode="expand")
        named = words is not None and all(t.is_punct or t.pos_ in ("PROPN", "NOUN") and not t.is_stop for t in words)
        if named and stem.split()[-1] not in MONTHS and stem.split()[-1] not in WEEKDAYS and not _GRADE.match(m.group()):
            out.series.setdefault(stem, set()).add(m.group("n"))  # (not "About 50 cars", "Updated 23 November")
    for m in _GLUED_SERIES.finditer(doc.text):
        out.series.setdefault(m.group("stem").lower(), set()).add(m.group("n"))
    for m in _NUMBERED.finditer(doc.text):  # "game 14", "stage 12": numbered occasions of one contest
        out.rounds.setdefault(m.group("stem").lower(), set()).add(m.group("n"))
    for m in _OPENING.finditer(doc.text):  # "the opening game" is game 1
        out.rounds.setdefault(m.group("stem").lower(), set()).add("1")
    out.ordinals = [(sent.start_char, sent.end_char, frozenset(e.text.lower() for e in sent.ents
                                                               if e.label_ == "ORDINAL" and not _record(e)))
                    for sent in doc.sents]
    text = _digits(doc.text)
    for m in [*_TALLY.finditer(text), *_FOR_AGAINST.finditer(text), *_AYES_NOES.finditer(text)]:
        a, b = (_points(g) for g in m.groups() if g is not None)
        token = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if a < 1000 and b < 1000 and not _YEAR.fullmatch(str(a)) and _contest(doc, token, m.group()):
            anchors = _anchors(token.root) | {token.root.lemma_.lower()}
            if anchors & _DIVIDED:
                anchors |= {"vote"}  # "the committee was split 5-4" reports the vote
            end = max(m.end(), token.end_char)  # "five votes to four": the digits' "4" ends before "four" does
            out.slots.append(Slot("tally", doc.text[m.start():end], (a, b), m.start(), end, "", anchors,
                                  _context(token.root, token) | _game_point(token.root), deed=_motion(token.root),
                                  against=name_key(side) if (side := _against(token.root)) else "",
                                  against_name=side))
    tallied = {n for s in out.of("tally") for n in s.value}
    out.slots = [s for s in out.slots if not (s.kind == "number" and s.value in tallied)]
    shares = _shares(doc, text)
    out.slots = [s for s in out.slots if not (s.kind == "number" and any(s.start < h.end and h.start < s.end
                                                                           for h in shares))] + shares
    # "a quarter of a million people" is 250,000 people, not a million and a quarter of them
    for m in _PART_OF.finditer(doc.text):
        parts = [s for s in out.slots if s.kind == "number" and s.start < m.end() and m.start() < s.end]
        whole = next((s for s in parts if s.text.lower().endswith(m.group("scale").lower())), None)
        if whole is not None:
            count = {"": 1, "a": 1, "one": 1, "two": 2, "three": 3}[(m.group("n") or "").lower()]
            value = count * _PARTS[m.group("part").lower()] * whole.value  # (the "million" read as its value)
            out.slots = [s for s in out.slots if s not in parts] + [
                replace(whole, text=m.group(), value=value, start=m.start(), end=m.end())]
    # a range is no single value: "between 10 and 20 percent" is neither 10 nor 20, and 16.2 is in it
    bounds = [(m.span(), number_value(m.group("lo") or m.group("lo2")), number_value(m.group("hi") or m.group("hi2")))
              for m in _RANGE.finditer(text)]
    for (b, e), lo, hi in bounds:
        if lo is None or hi is None or not lo < hi:
            continue
        inside = [s for s in out.slots if s.kind == "number" and s.start < e and b < s.end]
        out.slots = [s for s in out.slots if s not in inside]
        # kept as one figure that allows the values between, when both ends count one thing
        # (the unit is written once, after the second: "between 26.6 and 28.6 per cent"; "rose from 5% to
        # 6%" is a change, no range)
        ends = [s for s in inside if not s.bound] if text[:b].split()[-1:] != ["from"] else []
        if ends and len({s.role for s in ends if s.role}) <= 1:
            last = next((s for s in reversed(ends) if s.role), ends[-1])
            # ("between 5 and 6 million": the scale word is read into the figure, not into the range)
            scale = 1000.0 ** round(math.log(last.value / hi, 1000)) if hi and last.value > hi else 1.0
            end = max(e, last.end)
            out.slots.append(replace(last, text=doc.text[b:end], value=lo * scale, high=hi * scale, start=b,
                                     end=end, bound="range"))
    # nor is a span of time one date: "from March through May" is neither March nor May
    spans = [m.span() for m in _DATE_RANGE.finditer(doc.text) if re.search(rf"{_MONTH}|\d{{4}}", m.group())]
    out.slots = [s for s in out.slots if not (s.kind == "date" and any(s.start < e and b < s.end for b, e in spans))]
    out.slots = [replace(s, doer=_age_holder(doc, s)) if s.role == "age"
                 else replace(s, deed=_deed(doc, s), doers=_counts_doers(doc, s), described=_described_by(doc, s),
                              **dict(zip(("subject", "together", "doer"), _said_of(doc, s))))
                 if s.kind in ("number", "ordinal")
                 # whose day it is: "On 8 July Musk said" / "Twitter said on 25 April", "Michigan's ban was
                 # approved in 2006"
                 else replace(s, doer=_dated_of(doc, s, out.places), subject=_day_of(doc, s)) if s.kind == "date"
                 else s for s in out.slots]
    out.slots = [replace(s, forecast=_forecast(doc, s), aimed=_aimed(doc, s), claimed=_claimed(doc, s))
                 if s.kind == "number" else s for s in out.slots]
    out.slots = [s for s in out.slots if s.kind not in ("number", "tally") or not _in_rule(doc, s)]
    out.slots = _elided_counts(_ones_counted(out.slots, doc), doc)
    out.slots = [_of_the_earlier_value(_glossing(s, out.slots, doc.text), out.slots, doc.text) for s in out.slots]
    return out


def _in_rule(doc: "Doc", slot: Slot) -> bool:
    """A figure of a condition ("if ...", "unless ...", or "when" in the present: "When a prize is shared
    by two laureates, each receives half") is a case of a rule, no count of anything that happened."""
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    token = span.root if span is not None else None
    while token is not None and token.head.i != token.i:
        if token.dep_ == "advcl":
            words = {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod")}
            present = token.tag_ in ("VBZ", "VBP") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in token.children)
            return bool(words & _CONDITIONS) or "when" in words and present
        token = token.head
    return False


def _of_the_earlier_value(slot: Slot, slots: list[Slot], text: str) -> Slot:
    """A date written right after the value a change started from ("narrowed to $90.8 million from
    $158.6 million in 2022") is that value's date, not the change's, whatever the parser hung it from."""
    if slot.kind != "date":
        return slot
    before = re.sub(r"\b(?:in|for|during)\s*$", "", text[:slot.start]).rstrip()
    if before == text[:slot.start].rstrip():
        return slot
    figure = next((s for s in slots if s.kind == "number" and s.end == len(before)), None)
    if figure is None or not text[:figure.start].rstrip().lower().endswith("from"):
        return slot
    return replace(slot, anchors=frozenset({"from"}))


def _glossing(slot: Slot, slots: list[Slot], text: str) -> Slot:
    """A date in brackets right after a date says which day that one is ("late on Tuesday (3
    December 2024)"): it hangs from what the first hangs from, whatever the parser attached it to."""
    if slot.kind != "date" or not text[:slot.start].rstrip().endswith("("):
        return slot
    before = text[:slot.start].rstrip()[:-1].rstrip()
    first = next((s for s in slots if s.kind == "date" and s.end == len(before)), None)
    return replace(slot, anchors=first.anchors) if first is not None else slot


_FORECAST_VERBS = {"expect", "forecast", "project", "predict"}
# what is aimed at is no more measured than what is expected: "has pledged to raise the minimum wage to 950 euros"
_INTENT = {"pledge", "promise", "vow", "plan", "aim", "propose", "proposal", "offer", "intend", "target", "goal",
           "try", "seek"}


def _motion(token: "Token") -> str:
    """What a vote was to do, as "verb:object" ("voted 234 to 56 to impeach her": "impeach:her"); ""
    where the vote's verb says no purpose."""
    verb = next((a for a in (token, *token.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    purpose = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None) if verb is not None else None
    if purpose is None:
        return ""
    obj = next((c.lemma_.lower() for c in purpose.children if c.dep_ in ("dobj", "nsubjpass")), "")
    return f"{purpose.lemma_.lower()}:{obj}"


# a point of a game a score is told at: "trailed 24-14 at halftime", "led 2-0 at the break", "went into
# halftime leading 24-14", "after the third quarter"
_GAME_POINT = re.compile(r"(?:at|into|after|by)\s+(?:the\s+)?(?:end\s+of\s+the\s+)?(?P<point>(?:first|second|third|"
                         r"fourth|1st|2nd|3rd|4th)\s+(?:quarter|period|half|innings|set)|half\s*-?\s*time|half|break|"
                         r"interval)\b")


def _game_point(token: "Token") -> frozenset[str]:
    """The point of a game a score was told at, as a context ("at:half"), from a phrase on the verb it
    hangs from or on the verb a participle of it goes with: a score at half-time is that point's, no
    other value of the final score."""
    verb = next((a for a in (token, *token.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    verbs = [verb] if verb is not None else []
    if verb is not None and verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG":
        verbs.append(verb.head)  # "went into halftime leading 24-14"
    for v in verbs:
        for c in v.children:
            if c.dep_ == "prep" and (m := _GAME_POINT.match(" ".join(t.lower_ for t in c.subtree))):
                point = re.sub(r"\s|-", "", m.group("point"))
                return frozenset({"at:" + ("half" if point in ("halftime", "half") else point)})
    return frozenset()


def _against(token: "Token") -> str:
    """The named side a score was won or played against, its whole name normalised: "netherlands" of
    "beat the Netherlands 4-3 on penalties", "germany" of "lost 1-0 to Germany" ("" where none is named)."""
    verb = next((a for a in (token, *token.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return ""
    sides = [c for c in verb.children if c.dep_ == "dobj"]
    sides += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("against", "to", "over")
              for g in c.children if g.dep_ == "pobj"]
    named = next((c for c in sides if c.ent_type_ in NAME_LABELS or c.pos_ == "PROPN"), None)
    return _full_name(named) if named is not None else ""


# words that say a post is no longer or not yet held, or held for now: such a post is not compared
_KIN = {"brother", "sister", "son", "daughter", "wife", "husband", "father", "mother", "twin", "partner", "cousin",
        "uncle", "aunt", "nephew", "niece", "friend", "widow", "child", "grandson", "granddaughter"}
_NOT_NOW = {"former", "ex", "then", "late", "previous", "outgoing", "incoming", "future", "acting", "interim"}


def _post(noun: "Token") -> Post | None:
    """The post ``noun`` names and the person said to hold it, by apposition ("Rush, chief executive
    of OceanGate"; "chief executive Parag Agrawal"), a title before the name ("Finance Minister Choi")
    or a copula ("Dorsey is the chief executive"); None where no person is tied to it so."""
    if noun.ent_type_ == "PERSON" or not noun.text[:1].isalpha():
        return None
    if noun.lemma_.lower() in _KIN:
        return None  # a relation, not a post: many are someone's brother
    if any(e.start <= noun.i < e.end and e.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC") for e in noun.doc.ents):
        return None  # a word of a body's name ("the Green Party"), not a post
    first = noun  # ("Massa, economy minister and the candidate of ...": the second post is his too)
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    if first is not noun and any(t.ent_type_ == "PERSON" for t in noun.doc[first.i:noun.i]):
        first = noun  # not "Agrawal, the chief executive, and Segal, the chief financial officer": Segal's
    person = None
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "B":
        person = after  # a title right before a name: "chief financial officer Ned Segal", whatever the parse
    elif first.dep_ == "appos" and first.head.ent_type_ == "PERSON":
        person = first.head
    elif noun.dep_ == "compound" and noun.head.ent_type_ == "PERSON" and noun.i < noun.head.i:
        person = noun.head  # ("Finance Minister Choi Sang-mok": the title before the name)
    elif first.dep_ == "attr" and first.head.lemma_ == "be":
        person = next((c for c in first.head.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"), None)
    else:
        person = next((c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if person is None:
        return None
    ent = next((e for e in noun.doc.ents if e.start <= person.i < e.end), None)
    if ent is None or noun.i in range(ent.start, ent.end):
        return None
    words = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i and not c.ent_type_]
    if {w.lower_ for w in words} & _NOT_NOW:
        return None
    role = frozenset([noun.lemma_.lower()] + [w.lemma_.lower() for w in words])
    # (a nationality is whose post it is: "Swedish Prime Minister Ulf Kristersson" holds Sweden's)
    owners = [c for c in noun.children if c.dep_ == "poss" or c.dep_ in ("compound", "amod") and c.ent_type_ in ("ORG", "GPE", "NORP")]
    owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "at") for g in c.children
               if g.dep_ == "pobj"]
    # (a body named after the noun that describes it: "of the governing coalition Juntos")
    owners += [c for o in owners if o.pos_ == "NOUN" for c in o.children if c.dep_ in ("appos", "compound")
               and c.pos_ == "PROPN" and c.i > o.i]
    owner = next((o for o in owners if o.ent_type_ in ("ORG", "GPE", "NORP") or o.pos_ == "PROPN"
                  or o.text[:1].isupper() and o.i > o.sent.start), None)  # (a name the tagger took for a noun)
    body = None
    if owner is not None:
        outside = {noun.i, *range(ent.start, ent.end)}
        run = owner.doc[owner.i:owner.i + 1] if owner.dep_ == "amod" else _owner_name(owner, outside) or _name_run(owner, outside)
        body = Slot("org", run.text, name_key(run.text), run.start_char, run.end_char, label=run.root.ent_type_)
    one_of = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    return Post(role, body.value if body is not None else "", Slot("person", ent.text, name_key(ent.text),
                                                                    ent.start_char, ent.end_char), one_of, body,
                owner is not None and owner.dep_ == "amod")


_LEAVE = {"step", "resign", "quit", "retire", "leave"}


def _left_post(noun: "Token") -> tuple[str, frozenset[str]] | None:
    """(holder, post) where ``noun`` is a post its holder is said to have left: "stepped down as its chief
    executive", "resigned as prime minister", "was sworn in as president, succeeding Lorenzo Córdova",
    "Maurer, who had been finance minister"."""
    verb, person = noun.head, None
    if noun.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head
        if verb.lemma_.lower() in _LEAVE:
            person = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        else:  # "sworn in as president, succeeding Córdova": the one succeeded left it
            person = next((g for c in verb.children if c.lemma_.lower() == "succeed" and c.pos_ == "VERB"
                           for g in c.children if g.dep_ == "dobj"), None)
    elif noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.lower_ == "had" for c in verb.children):
        person = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if person is not None and person.lower_ in ("who", "that") and verb.dep_ == "relcl":
            person = verb.head
    if person is None or person.ent_type_ != "PERSON":
        return None
    ent = _entity_of(person)
    words = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i and not c.ent_type_]
    return name_key(ent.text if ent is not None else person.text), frozenset(
        [noun.lemma_.lower()] + [w.lemma_.lower() for w in words])


def _owner_name(owner: "Token", outside: set[int]) -> "Span | None":
    """The whole name of the body that owns a post, where the tagger read one: "the People's Party
    leader" is the People's Party's, not "People"'s (the capitalised run stops at the "'s")."""
    ent = _entity_of(owner)
    if ent is None or ent.label_ != "ORG" or outside & set(range(ent.start, ent.end)):
        return None
    return ent[1:] if ent[0].lower_ == "the" else ent


_LINKS = {"por", "la", "de", "del", "of", "the", "for", "and", "y", "di"}  # words inside a name ("Unión por la Patria")


def _name_run(token: "Token", outside: set[int]) -> "Span":
    """The capitalised words around ``token`` that make one name, whatever the parser made of them
    ("Unión por la Patria", read as a compound, an appositive and a noun); not the words of
    ``outside`` (the post and its holder: "Treasury Secretary Janet Yellen" is the Treasury's)."""
    doc, sent = token.doc, token.sent
    def named(i: int, step: int) -> bool:  # a capital here, or name words up to one
        while sent.start < i < sent.end and doc[i].lower_ in _LINKS:
            i += step
        # (a sentence's first word is capitalised whatever it is: a name only if tagged one, "Princeton
        # University President ...")
        first = i == sent.start and (doc[i].pos_ == "PROPN" or doc[i].ent_type_)
        return (sent.start < i or first) and i < sent.end and doc[i].text[:1].isupper() and i not in outside
    start = end = token.i
    while named(start - 1, -1):
        start -= 1
    while named(end + 1, 1):
        end += 1
    return doc[start:end + 1]


def _ones_counted(slots: list[Slot], doc: "Doc") -> list[Slot]:
    """A figure of "ones" counts what the figure before it in its sentence counts: "three helium leaks:
    the one known before launch and two new ones" gives one leak and two leaks."""
    out: list[Slot] = []
    for s in slots:
        if s.kind == "number" and s.role == "one":
            sent = doc.char_span(s.start, s.end, alignment_mode="expand")
            before = [t for t in out if t.kind == "number" and t.role and t.role != "one" and t.start < s.start
                      and sent is not None and t.start >= sent.sent.start_char]
            if before:
                s = replace(s, role=max(before, key=lambda t: t.start).role)
        out.append(s)
    return out


def _elided_counts(slots: list[Slot], doc: "Doc") -> list[Slot]:
    """A bare number joined after a figure, its noun left out, counts what that figure counts: "two charges of
    conspiring to collude ... and one of conspiring to publish" gives two charges and one charge."""
    added = []
    for t in doc:
        if t.pos_ != "NUM" or t.dep_ != "conj" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "of" \
                or any(s.start <= t.idx < s.end for s in slots) or (value := number_value(t.text)) is None:
            continue
        before = [s for s in slots if s.kind == "number" and s.role and s.start < t.idx
                  and s.start >= t.sent.start_char and not s.role.startswith("%")]
        if before:
            figure = max(before, key=lambda s: s.start)
            added.append(replace(figure, text=t.text, value=value, start=t.idx, end=t.idx + len(t.text), bound=""))
    return sorted(slots + added, key=lambda s: s.start) if added else slots


def _forecast(doc: "Doc", slot: Slot) -> bool:
    """The figure is said as what is expected ("prices are now seen rising by 2.5% in 2024", "expect
    inflation to average 2.5%"), not as what was measured."""
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    if span is None:
        return False
    for verb in (a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")):
        if verb.lemma_.lower() in _FORECAST_VERBS or verb.lemma_.lower() == "see" and any(
                c.dep_ == "auxpass" for c in verb.children):
            return True
    return False


def _aimed(doc: "Doc", slot: Slot) -> bool:
    """The figure is said as what is aimed at ("pledged to raise the minimum wage to 950 euros", "a
    target of 2%", "would try to raise $1.25bn"), or of a plan or proposal ("The opening proposals had
    been worth about $429m"), not as what was reached or agreed."""
    span, verb = _said_with(doc, slot)
    if span is None:
        return False
    # (an intent noun between the figure and its verb, "a target of 2%"; or the verb itself, or one it is the
    # "to" of, "planned to raise": not a verb of another clause, "offered to mediate because he had known him
    # for 30 years")
    if any(a.lemma_.lower() in _INTENT and a.pos_ == "NOUN" for a in span.root.ancestors
           if verb is None or verb in a.ancestors):
        return True
    deed = verb
    while deed is not None:
        if deed.lemma_.lower() in _INTENT:
            return True
        deed = deed.head if deed.dep_ == "xcomp" else None
    subject = _subject_of(verb) if verb is not None else None
    if subject is not None and subject.lemma_.lower() in _INTENT:
        return True
    # (a "to" figure of a sentence that pledges, however the parser hung it: "pledges to raise the minimum wage
    # to 950 euros and the average wage to 1,500 euros")
    before = doc[span.start - 1] if span.start else None
    return before is not None and before.lower_ == "to" and any(t.lemma_.lower() in _INTENT for t in span.sent)


# verbs whose clause is what someone asserts, not what a record shows ("results showed", "announced" report)
_CLAIMING = {"say", "claim", "insist", "allege", "boast", "assert", "argue"}


def _claimed(doc: "Doc", slot: Slot) -> bool:
    """The figure is inside what someone said or claimed ("saying that, by his party's count, the PTI was
    winning more than 170 seats"): a claim that it was said, which the count itself neither states nor denies."""
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    if span is None:
        return False
    return any(a.dep_ == "ccomp" and a.head.lemma_.lower() in _CLAIMING for a in span.root.ancestors)


def _said_with(doc: "Doc", slot: Slot) -> tuple["Span | None", "Token | None"]:
    """A slot's words and the verb they are said with (the nearest verb above them), None where none."""
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    verb = next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None) if span is not None else None
    return span, verb


def _said_of(doc: "Doc", slot: Slot) -> tuple[str, frozenset[str], str]:
    """What a figure is said of: the head of its verb's subject, the heads a coordinated subject
    joins (empty for one thing), and the subject's name if it is a name ("" for "the party")."""
    span, verb = _said_with(doc, slot)
    subj = _subject_of(verb) if verb is not None else None
    noun = span.root.head if span is not None and span.root.dep_ in ("nummod", "quantmod") else None
    own = _possessor(noun) if noun is not None else None
    if own is not None:  # "Reform UK's five seats ... were records": Reform UK's, whatever the verb's subject
        return noun.lemma_.lower(), frozenset(), _full_name(own)
    sized = noun.head if noun is not None and noun.dep_ in ("compound", "amod") and noun.head.pos_ == "PROPN" else None
    if sized is not None:  # "the 460-member Sejm": the Sejm's size, whatever the verb's subject
        return noun.lemma_.lower(), frozenset(), _full_name(sized)
    measured = span.root.head if span is not None and span.root.dep_ in ("nmod", "compound", "amod") \
        and span.root.head.pos_ == "NOUN" else noun
    beneficiary = next((g for c in measured.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                        if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in NAME_LABELS)), None) \
        if measured is not None else None
    if beneficiary is not None:  # "a 72% first-day jump for chipmaker Astera Labs": Astera Labs's jump
        return measured.lemma_.lower(), frozenset(), _full_name(beneficiary)
    after = doc[span.end] if span is not None and span.end < len(doc) else None
    voted = next((g for g in after.children if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in NAME_LABELS)),
                 None) if after is not None and after.lower_ == "for" and slot.role.startswith("%") else None
    if voted is not None:  # "against 47.3% for Rodolfo Hernández", however the "for" is hung: Hernández's share
        return "", frozenset(), _full_name(voted)
    if subj is None:
        return "", frozenset(), ""
    joined = [subj] + [c for c in subj.conjuncts if c.i != subj.i]
    owner = _possessor(subj)
    # a name owns a described subject ("Labour's share"); a named subject is its own ("Ed Davey's Liberal Democrats")
    named = subj if subj.pos_ == "PROPN" or subj.ent_type_ in NAME_LABELS else owner
    return (subj.lemma_.lower(), frozenset(t.lemma_.lower() for t in joined) if len(joined) > 1 else frozenset(),
            _full_name(named) if named is not None and len(joined) == 1 else "")


def of_saying(date: Slot) -> bool:
    """The date hangs from verbs of saying only ("said on 25 April"): the day something was said."""
    return bool(date.anchors) and date.anchors <= SPEECH


def _dated_of(doc: "Doc", date: Slot, places: dict[str, str]) -> str:
    """Whose day a date is, where that is told: the sayer's for a day of saying, a place's for a day
    said of a thing of that place ("Michigan's ban was approved in 2006"); "" otherwise."""
    subject, _, doer = _said_of(doc, date)
    if of_saying(date):
        return doer
    return doer if name_key(doer) in places and name_key(subject) != name_key(doer) else ""  # (not "Spain beat")


def _day_of(doc: "Doc", date: Slot) -> str:
    """Whose own day a date is, where a name did it: a named person, or a name that did it to no one
    else ("Leo XIII, who died on 20 July 1903"); "" otherwise (not "Spain beat England on 14 July":
    England's day too)."""
    _, verb = _said_with(doc, date)
    subj = _subject_of(verb) if verb is not None else None
    own = subj is not None and (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN" and not any(
        c.dep_ in ("dobj", "dative") or c.dep_ == "prep" and c.lower_ in ("against", "with", "to") for c in verb.children))
    return norm_name(" ".join(t.text for t in subj.subtree if t.dep_ == "compound" or t == subj)) if own else ""


def _counts_doers(doc: "Doc", slot: Slot) -> bool:
    """The counted noun is the active subject of its verb: "The 115 cardinal electors made this the largest
    conclave" counts who did it, not what was done."""
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nummod", "quantmod") and span.root.head.dep_ == "nsubj"


_HOLDING = {"begin": "start", "start": "start", "enter": "start", "open": "start", "finish": "end", "end": "end",
            "close": "end", "conclude": "end"}


def _record(ordinal: "Span") -> bool:
    """A "first" said of what the subject became or is ("Ohtani became the first player in Major League
    history to ..."): a record the subject set, not which occurrence of a series the sentence tells."""
    noun = ordinal.root.head
    return ordinal.text.lower() == "first" and noun.dep_ == "attr"


def _deed(doc: "Doc", slot: Slot) -> str:
    """The lemma of the verb the counted noun is the subject or object of ("" if none): what the
    ones counted did or had done to them, not what a relative clause adds ("who were working")."""
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    if span is None or span.root.dep_ not in ("nummod", "quantmod"):
        return ""
    noun = span.root.head
    first = noun  # ("with 48 home runs and 49 stolen bases": the "with" of the first of the list)
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    owner = first.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and (owner.pos_ in ("NOUN", "PROPN") or owner.ent_type_
                                                               or owner.text[:1].isupper()):
        return "have"  # "Mandalay, with about 1.7 million people": what a place or thing has, no one's deed
    if first.dep_ == "pobj" and first.head.lower_ == "with" and owner.lemma_.lower() in ("be", "become", "remain"):
        return "have"  # "became the first player ... with 50 home runs and 50 stolen bases": what the subject has
    if first.dep_ == "pobj" and first.head.lower_ == "with" and owner.pos_ == "VERB" and owner.lemma_.lower() in _HOLDING:
        # "began the game with 49 stolen bases": a total held at a point of the story, no deed of it; the point
        # its start or its end ("finished the season with 54 home runs")
        return "hold:" + _HOLDING[owner.lemma_.lower()]
    if noun.dep_ in ("compound", "amod") and noun.i > 0 and noun.doc[noun.i - 1].text == "-" \
            and noun.head.pos_ in ("NOUN", "PROPN"):
        return "have"  # "the 465-seat House": its size, no count of seats won
    ok = noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX")
    return noun.head.lemma_.lower() if ok else ""


def _points(digits: str) -> int | float:
    """A side's count in a tally, whole or with a half ("7.5", "7½")."""
    value = float(digits.replace("½", ".5"))
    return int(value) if value.is_integer() else value


def _described_by(doc: "Doc", slot: Slot) -> str:
    """The name a figure's described subject is of ("a Korean Air jumbo jet crashed ..., killing 228 people":
    "korean air"); "" where the subject is no described thing of a name."""
    verb = _said_with(doc, slot)[1]
    subj = _subject_of(verb) if verb is not None else None
    if subj is None or subj.pos_ == "PROPN" or subj.ent_type_ in NAME_LABELS:
        return ""
    named = _named_in(subj)
    return _full_name(named) if named is not None else ""


def _named_in(noun: "Token") -> "Token | None":
    """The name a described thing is of, written before it or after "of": "a Korean Air jumbo jet", "the crash
    of Jeju Air Flight 2216"."""
    def name(t: "Token") -> bool:
        return t.pos_ == "PROPN" and t.ent_type_ in NAME_LABELS
    before = next((c for c in noun.children if c.dep_ == "compound" and name(c)), None)
    common = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
    before = before or (_named_in(common) if common is not None else None)  # (through "jumbo" of "Korean Air jumbo jet")
    return before or next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj" and name(g)), None)


def _possessor(noun: "Token") -> "Token | None":
    """The name a noun is said to be of: "Labour" of "Labour's share"."""
    return next((c for c in noun.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_)), None)


def _entity_of(token: "Token") -> "Span | None":
    """The entity ``token`` is a word of, None if none."""
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _full_name(token: "Token") -> str:
    """The whole name a token is the head of ("reform uk", "green party", "labour"), normalised."""
    ent = _entity_of(token)
    words = ent.text if ent is not None else " ".join(t.text for t in token.subtree if t.dep_ == "compound" or t == token)
    return norm_name(words)


def _contest(doc: "Doc", span: "Span | None", text: str) -> bool:
    """Whether "7-2" is the outcome of a vote or a contest: written with "votes", or in a sentence
    that votes, rules, wins or passes something. Elsewhere "19-28" is a range ("95% CI 19-28")."""
    if span is None:
        return False
    if re.search(r"vote|\b(?:ayes|yeas|noes|nays)\b", text.lower()):
        return True
    return any(t.lemma_.lower() in _CONTEST for t in span.sent)


def _shares(doc: "Doc", text: str) -> list[Slot]:
    """Shares as percentages, whichever way they are written: "40%", "forty per cent", "two-thirds
    of voters" (66.7), "half of the staff" (50), "nine out of 10 infections" (90). A fraction counts as a share only before "of":
    "half a percentage point" is a quantity, not a share. ``text`` is the doc's text with number
    words written as digits, offsets kept (``_digits``)."""
    out = []
    found = [(m.start(), m.end(), float(m.group(1)), len(m.group(1).partition(".")[2])) for m in _PERCENT.finditer(text)]
    for m in _FRACTION.finditer(doc.text.lower()):
        count = m.group("count")
        if count is None and doc.text[:m.start()].lower().split()[-1:] in (["the"], ["its"], ["their"], ["this"]):
            continue  # "the fifth of this year's awards" is one of a series, no share
        n = 1 if count in (None, "a", "an", "one") else number_value(count)
        if n is not None:
            found.append((m.start(), m.end("frac"), 100 * n * FRACTIONS[m.group("frac").rstrip("s").replace("halve", "half")], 0))
    for m in _OUT_OF.finditer(text):  # "nine out of 10 infections", "one in five adults"
        part, whole = float(m.group(1)), float(m.group(2))
        # (not a count done within a stretch of time or play: "241 for 4 in 43 overs", "2 in 5 minutes")
        after = (text[m.end():].split(maxsplit=1) or [""])[0].lower().rstrip(".,;")
        stretch = " in " in m.group() and (after[:-2] if after.endswith("ches") else after.rstrip("s")) in _STRETCHES
        if 0 < part <= whole and not _YEAR.fullmatch(m.group(2)) and not stretch:
            found.append((m.start(), m.end(), 100 * part / whole, 0))
    finest = {sent.start_char: max((d for s, _, _, d in found if sent.start_char <= s < sent.end_char), default=0)
              for sent in doc.sents}
    for start, end, value, decimals in found:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        role = "%" + _share_of(doc, span.end)
        after = doc[span.end] if span.end < len(doc) else None
        if role == "%" and _OUT_OF.fullmatch(text[start:end]) and after is not None and after.pos_ == "NOUN":
            role += ":" + after.lemma_.lower()  # "nine out of 10 infections" is a share of infections
        end = max(end, span.end_char)  # a number word the digits stand in for ("One in five") ends later
        # (a share of one round is no share of another: "won the first round with 40.3 per cent" / "won 50.4%
        # ... in the run-off")
        out.append(Slot("number", doc.text[start:end], value, start, end, role, _anchors(span.root),
                        _context(span.root, span) | _round(span.root), bound=_bound(doc, span.start, span.end),
                        decimals=max(decimals, finest.get(span.sent.start_char, 0))))
    return out


# Words that make a figure a bound or an estimate, before it ("at least 300") or after ("300 or more").
_BOUND_BEFORE = [(re.compile(rf"\b(?:{words})\s*$"), sign) for words, sign in (
    ("at least|no fewer than|no less than|a minimum of|not less than", ">="),
    ("more than|over|above|upwards of|in excess of|exceeding|greater than|higher than", ">"),
    ("at most|up to|no more than|a maximum of|not more than|as many as|as much as", "<="),
    ("fewer than|less than|under|below|lower than", "<"),
    ("about|around|roughly|approximately|some|nearly|almost|close to|an estimated|estimated|circa|approx"
     "|just over|just under|more or less|or so", "~"))]
_BOUND_AFTER = [(re.compile(r"^\s*(?:[a-z]+\s+)?or (?:more|above|over|higher|greater)\b"), ">="),
                (re.compile(r"^\s*(?:[a-z]+\s+)?or (?:fewer|less|below|under|lower)\b"), "<="),
                (re.compile(r"^\s*or so\b"), "~")]


_PERIOD = re.compile(r"^(?:[\w'’-]+\s+){0,3}?(?:(?:a|an|per|each|every)\s+(day|week|month|year|hour|minute|second)\b"
                     r"|(daily|weekly|monthly|annually|yearly|hourly)\b)")
_PERIODS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year", "hourly": "hour",
            "annual": "year"}


def _scope(ent: "Span") -> frozenset[str]:
    """The name of what holds the things a figure counts, as a context ("scope:hawai" of "Hawaii's
    network of about 400 sirens", "scope:maui" of "the Maui network has 80 sirens"): counts of two
    holders are two figures, even where one place lies inside the other."""
    noun = ent.root.head if ent.root.dep_ in ("nummod", "quantmod") else None
    # the body the counted are of: "the 250 members of the Senate" / "the 500 members of the House"
    bodies = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj" and g.ent_type_ == "ORG"] if noun is not None and noun.pos_ == "NOUN" else []
    if bodies:
        return frozenset({"scope:" + name_key((_entity_of(bodies[0]) or bodies[0]).text)})
    holder = None
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in ("of", "with") and noun.head.head.pos_ == "NOUN":
        holder = noun.head.head
    elif noun is not None and noun.dep_ == "dobj" and noun.head.lemma_ == "have":
        holder = _subject_of(noun.head)
    if holder is None:
        return frozenset()
    return frozenset("scope:" + name_key(c.text) for c in holder.children
                     if c.dep_ in ("poss", "compound") and (c.ent_type_ in PLACES or c.ent_type_ == "ORG"))


def _period(ent: "Span", verb: "Token | None") -> frozenset[str]:
    """The period a figure is counted over, as a context ("per:day" of "30,000 vehicles a day"): a
    count a day and a count a year are figures of two kinds, neither the other's value. Written
    after the figure, or on what it measures ("raise the net monthly minimum wage to 1,600 euros");
    ``verb`` is the figure's nearest verb, whose object or subject may be what it measures."""
    m = _PERIOD.search(ent.doc[ent.end:ent.end + 6].text.lower())
    if m:
        return frozenset({"per:" + (m.group(1) or _PERIODS[m.group(2)])})
    noun = ent.root.head if ent.root.dep_ in ("nummod", "quantmod") else None
    measured = [noun] if noun is not None else []
    measured += [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")] if verb is not None else []
    found = {_PERIODS[a.lower_] for n in measured for a in n.children if a.dep_ == "amod" and a.lower_ in _PERIODS}
    return frozenset({"per:" + found.pop()}) if len(found) == 1 else frozenset()


def _bound(doc: "Doc", start: int, end: int) -> str:
    """Whether the figure of tokens ``start:end`` is a bound or an estimate (see ``Slot.bound``):
    from the words before it, its own first words ("more than 300" is often one entity), or after it."""
    lead = []
    for t in doc[start:end]:
        if t.like_num or t.lower_ in ("a", "an") or t.lower_.rstrip("s").replace("halve", "half") in FRACTIONS:
            break
        if not t.is_currency:  # "nearly $940 billion": the bound word stands before the sign
            lead.append(t.lower_)
    before = " ".join([doc[max(0, start - 4):start].text.lower(), *lead])
    after = doc[end:end + 3].text.lower()
    for pattern, sign in _BOUND_BEFORE:
        if pattern.search(before.strip()):
            return "" if sign == "<=" and _moved_up(doc, start) else sign
    return next((sign for pattern, sign in _BOUND_AFTER if pattern.search(after)), "")


# verbs of change whose "up" goes with them: "picked up to 2.9%" is where inflation went, no bound
_UP_VERBS = {"pick", "go", "move", "edge", "tick", "creep", "shoot", "push", "jump", "climb", "rise", "step", "ramp",
             "revise", "round", "mark", "bump", "ratchet", "inch", "drift", "trend", "head", "spike", "surge", "shift"}


def _moved_up(doc: "Doc", start: int) -> bool:
    """"up to" before the figure at ``start`` follows a verb of change ("picked up to 2.9%")."""
    return start >= 3 and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ == "up" \
        and doc[start - 3].lemma_.lower() in _UP_VERBS


def _share_of(doc: "Doc", end: int) -> str:
    """What a share is of: ":patient" for "a third of hospitalized patients", "" when unsaid. Two
    shares of different groups are not two values of one figure."""
    if end < len(doc) and doc[end].lower_ == "of":
        noun = next((t for t in doc[end].subtree if t.dep_ == "pobj"), None)
        if noun is not None:
            return ":" + noun.lemma_.lower()
    return ""


def _anchor(token: "Token") -> "Token | None":
    """The word a phrase hangs from: "met in Istanbul" -> met; "embassies in Moscow" -> embassies
    (past prepositions and the names and numbers of an apposition, "Thursday, 27 February")."""
    for a in token.ancestors:
        if a.pos_ in ("ADP", "PROPN", "NUM", "DET", "PUNCT") or a.ent_type_:
            continue
        return a
    return None


def _anchors(token: "Token") -> frozenset[str]:
    """The lemma of the word a phrase hangs from, and of the verb that word hangs from through a
    preposition: "By a 6-3 vote on 28 June, the court overturned ..." dates the overturning too, as
    a date after a verb's object dates the verb's event ("heard arguments ... on 1 May 2023")."""
    a = _anchor(token)
    if a is None:
        return frozenset()
    out = {_named(a)}
    if a.pos_ == "NOUN" and a.dep_ == "pobj" and a.head.pos_ == "ADP" and a.head.head.pos_ == "VERB":
        out.add(_named(a.head.head))
    if a.pos_ == "NOUN" and a.dep_ == "dobj" and token.ent_type_ in ("DATE", "TIME") and token.dep_ != "poss":
        out.add(_named(a.head))  # "heard arguments ... on 1 May 2023": the hearing's date
        # (but "Wednesday's election" is the election's day: "conceded Wednesday's election" on Friday)
    if a.lemma_ == "be" and token.ent_type_ in ("DATE", "TIME"):
        # "is to be announced in Oslo on Friday, and the economics prize on Monday": the second day, hung on "is"
        # where the parse gaps the verb, is the announcing's
        out |= {_named(c) for c in a.children if c.dep_ == "xcomp" and c.pos_ == "VERB"}
    if a.pos_ in ("VERB", "AUX"):
        # a participle clause happens when its verb does: "reached 108F on Monday, ending a streak" ends it
        # Monday, "began trading on Wednesday, opening at $47" opened then
        verbs = [a, a.head] if a.dep_ == "xcomp" else [a]
        out |= {_named(c) for v in verbs for c in v.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > token.i}
    return frozenset(out)


def _done_to(token: "Token") -> str:
    """What the verb a date hangs from is done to, as "noun:<lemma>" or "name:<key>" ("" if nothing): its object, or the
    noun its participle describes ("a video message released ... on Friday": the message; "Isomorphic Labs, an
    Alphabet company founded in 2021": Isomorphic Labs). A day of doing a thing is that thing's."""
    verb = _anchor(token)
    if verb is None or verb.pos_ != "VERB":
        return ""
    thing = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if thing is not None and thing.dep_ == "appos" and thing.head.pos_ == "PROPN":
        thing = thing.head
    if thing is None or thing.pos_ not in ("NOUN", "PROPN") or any(c.isdigit() for c in thing.text):
        return ""  # (not a score: "beating France 2-1 ... on Wednesday")
    if thing.pos_ == "PROPN" or thing.ent_type_ in NAME_LABELS:
        name = _full_name(thing)
        return "" if re.search(r"\d", name) else "name:" + name_key(name)
    # a thing a name picks out is that name's: "joined the Schengen area" is not "joined the EU"
    proper = [c.text for c in thing.children if c.dep_ == "compound" and c.pos_ == "PROPN" and not c.like_num]
    if proper:
        return "name:" + name_key(norm_name(" ".join(proper)))
    return "noun:" + thing.lemma_.lower()


def _named(word: "Token") -> str:
    """A word's event as an anchor: its lemma, and for a light verb its object too ("hold:rate" of
    "held rates", "hold:conference" of "the press conference, held in London"): what is held, had or
    taken names the event, not the verb."""
    lemma = word.lemma_.lower()
    if lemma not in LIGHT_VERBS or word.pos_ not in ("VERB", "AUX"):
        return lemma
    done = next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if done is None and word.dep_ == "acl":
        done = word.head  # "the conference held at the Bank"
    return f"{lemma}:{done.lemma_.lower()}" if done is not None else lemma


def _context(token: "Token", own: "Span | None" = None) -> frozenset[str]:
    """What tells apart the thing a value is about: the places in the noun phrase it hangs from,
    the ordinals of its phrase and the words that place it in time ("earlier"), its own words aside. "talks in Saudi Arabia on 18 February" and
    "talks in Istanbul on 27 February" date two meetings; "second reading by 330 to 275" and "third
    reading by 314 to 291" count two votes."""
    a = _anchor(token)
    # a subtree is a contiguous run of tokens; no anchor in a broken parse: the sentence
    first, last = (a.left_edge.i, a.right_edge.i) if a is not None else (token.sent.start, token.sent.end - 1)
    mine = range(own.start, own.end) if own is not None else range(0)
    # the place of a verb's event is a slot of that event (compared as such), the place in a noun's
    # phrase says which thing the noun is ("the talks in Istanbul")
    named = a is not None and a.pos_ in ("NOUN", "PROPN")
    out = set()
    for e in token.doc.ents:
        if first <= e.root.i <= last and e.root.i not in mine:
            if e.label_ in PLACES and named:
                out.add("place:" + norm_name(e.text))
            elif e.label_ == "ORDINAL":
                out.add("ordinal:" + e.text.lower())
    out |= {"time:" + t.lower_ for t in token.doc[first:last + 1]
            if t.lower_ in _RELATIVE and t.dep_ == "amod" and not t.ent_type_ and t.i not in mine
            and not _of_person(t.head)}
    # (a deed placed before another of its kind, "when the two sides last met": which one, the news or an earlier
    # one, is told by the dates, see align's _news_against_earlier)
    out |= {"deed:" + t.lower_ for t in token.doc[first:last + 1]
            if t.lower_ in _RELATIVE and not t.ent_type_ and t.i not in mine and _of_the_deed(t)}
    if a is not None and a.pos_ in ("VERB", "AUX") and _first_time(a):
        out.add(FIRST)  # "it was first awarded in 1901": the first of many, not any one of them
    return frozenset(out)


def _of_the_deed(t: "Token") -> bool:
    """An adverb before its verb that places the deed before or after another of its kind: "when the two
    sides last met", "later won" (not "at last"); two such values placed otherwise are two occasions."""
    return t.dep_ == "advmod" and t.head.pos_ in ("VERB", "AUX") and t.i < t.head.i and t.lower_ != "next"


_ROUNDS = {"round", "ballot", "leg"}
_ORDINAL_WORDS = {"first", "second", "third", "fourth", "final"}


def _round(token: "Token") -> frozenset[str]:
    """The round of a contest a figure's clause tells ("round:first" of "led the first round with
    10.4 million votes", "round:second" of "won the run-off with 16.4 million"): the counts of two
    rounds are two figures. Nothing where the clause names no round, or more than one."""
    verb = token if token.pos_ in ("VERB", "AUX") else next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return frozenset()
    found = set()
    for t in (t for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "prep", "npadvmod") for t in c.subtree):
        if t.lower_ in ("runoff", "run-off") or t.lower_ == "off" and t.i >= 2 and t.nbor(-1).text == "-" \
                and t.nbor(-2).lower_ == "run":
            found.add("second")
        elif t.lemma_.lower() in _ROUNDS and t.pos_ == "NOUN":
            found |= {c.lower_ for c in t.children if c.dep_ == "amod" and c.lower_ in _ORDINAL_WORDS}
    return frozenset({"round:" + found.pop()}) if len(found) == 1 else frozenset()


def _of_person(noun: "Token") -> bool:
    """A noun that names or titles a person: "former" in "Former prime minister Khaleda Zia was freed on
    Tuesday" places her office in time, not the day she was freed."""
    head = noun
    while head.dep_ == "compound":
        head = head.head
    return any(t.ent_type_ == "PERSON" for t in (noun, head)) or any(
        c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in head.children)


_FIRST = {"first", "originally", "initially", "inaugural"}
FIRST = "time:first"  # the context mark of a value of the first time


def _first_time(verb: "Token") -> bool:
    """The verb tells the first time it happened: "was first awarded", "the inaugural race was held",
    "the first prizes were awarded"."""
    return any(c.dep_ == "advmod" and c.lower_ in _FIRST for c in verb.children) or any(
        g.lower_ in _FIRST and g.dep_ == "amod" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
        for g in c.children) or any(  # "overtook Intel for the first time"
        w.lower_ == "first" for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children if g.lemma_ == "time" for w in g.children)


# Words that place an occurrence before or after the one a story is about ("an earlier ballot", "the
# previous vote"): a value in such a phrase is of another occurrence than one without.
_RELATIVE = {"earlier", "previous", "prior", "former", "later", "subsequent", "next", "last"}


def another_time(a: frozenset[str], b: frozenset[str]) -> bool:
    """One value's phrase places it before or after the story ("an earlier ballot") and the other's
    does not, or not the same way."""
    return {x for x in a if x.startswith("time:")} - {FIRST} != {x for x in b if x.startswith("time:")} - {FIRST}


def context_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two values hang from phrases that name different things of one kind: each has a place (or an
    ordinal) the other lacks. One naming more than the other is no conflict, and a place is not
    another than a place inside it or a longer name of it ("Taroko" / "Taroko National Park",
    "Hualien" / "Taiwan")."""
    kinds = {x.split(":", 1)[0] for x in a | b}
    for k in kinds:
        mine = {x.split(":", 1)[1] for x in a - b if x.startswith(k + ":")}
        theirs = {x.split(":", 1)[1] for x in b - a if x.startswith(k + ":")}
        if k == "place":  # a place named at two lengths, or one inside the other, is one place
            mine, theirs = ({m for m in mine if not any(_one_place(m, t) for t in theirs)},
                            {t for t in theirs if not any(_one_place(t, m) for m in mine)})
        if mine and theirs:
            return True
    return False


def _one_place(a: str, b: str) -> bool:
    """The same place named at two lengths, or one inside the other."""
    from .places import nested  # here, not at the top: places reads this module's aliases

    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa or nested(a, b)


def _name_head(ent: "Span") -> str:
    """The noun a name ends in, past what the tagger left out of it: "Bill" of "the Terminally Ill
    Adults (End of Life) Bill", "talks" of "the Istanbul talks", "Ministry" of "Foreign Ministry"."""
    doc, i, last = ent.doc, ent.end, ent[-1]
    while i < len(doc):
        if doc[i].text == "(":
            close = next((j for j in range(i + 1, min(i + 8, len(doc))) if doc[j].text == ")"), None)
            if close is None:
                break
            i = close + 1
        elif doc[i].is_alpha and doc[i].text[:1].isupper():
            last, i = doc[i], i + 1
        else:
            break
    if last is ent[-1] and ent.root.dep_ in ("compound", "nmod") and ent.root.head.pos_ == "NOUN":
        last = ent.root.head
    return last.lower_


def _described(token: "Token") -> bool:
    """A definite noun phrase that names nothing: "the assisted dying bill", not "the Istanbul talks"."""
    left = [t for t in token.subtree if t.i <= token.i]
    return left[0].lower_ == "the" and not any(t.ent_type_ or t.pos_ == "PROPN" for t in left)


# a country's posts abroad, one in each capital: a place on one says which it is, not where a deed was done
_POSTS_ABROAD = {"embassy", "consulate"}


def _entity_slots(ent: "Span") -> list[Slot]:
    slots = _entity_slot(ent)
    if not slots:
        return []
    governor = _governor(ent)
    kind = slots[0].kind
    if kind == "place" and (governor.head.head.ent_type_ in ("FAC", "ORG", "GPE", "LOC")
                            or governor.head.head.lemma_.lower() in _POSTS_ABROAD):
        # "the US Embassy in Ankara", "an official at the US embassy in Ankara" say which embassy, not where
        # anything happened
        anchors = frozenset()
    else:
        anchors = _anchors(governor)
    if kind == "date" and (day := _apposed_day(ent)) is not None:
        anchors = _anchors(_governor(day))  # "said on Tuesday morning, 29 April 2025, that ...": the day of saying
    context = _context(governor, ent) if kind in ("date", "number") else frozenset()
    if kind == "place" and (town := _town_of(ent)):
        context = frozenset({f"in:{town}"})
    if kind == "number":
        verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        context |= _period(ent, verb) | _scope(ent) | _round(governor) | (_zone(ent) if slots[0].role == "clock" else frozenset())
        if _over_a_span(verb, ent.root.head if ent.root.dep_ == "nummod" else None):
            context |= {"over:span"}
        if _averaged(ent, verb):
            context |= {"over:average"}
    bound = _bound(ent.doc, ent.start, ent.end) if kind == "number" else ""
    anchor = _anchor(governor) if kind == "place" else None
    holder = anchor.lemma_.lower() if anchor is not None and anchor.pos_ == "NOUN" else ""
    # (a time of day keeps the window it was written with: "shortly after 4 p.m.")
    done_to = _done_to(governor) if kind == "date" else ""
    return [Slot(s.kind, s.text, s.value, s.start, s.end, s.role, anchors, context, s.label or ent.label_,
                 s.bound or bound, holder=holder, part=s.part, high=s.high, done_to=done_to) for s in slots]


def _apposed_day(ent: "Span") -> "Span | None":
    """The day a date is set beside, after a comma, as the same day written otherwise ("on Tuesday
    morning, 29 April 2025,"): the parser hangs such a date anywhere; it dates what its day dates."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return None
    i = ent.start - 2
    while i >= 0 and doc[i].ent_type_ in ("DATE", "TIME"):
        i -= 1
    return next((e for e in doc.ents if e.label_ == "DATE" and i < e.start and e.end <= ent.start - 1
                 and date_parts(e.text)[3] is not None), None)


def _town_of(ent: "Span") -> str:
    """The place a region is written after ("East Palestine, Pennsylvania": East Palestine's key),
    "" for a place written on its own or in a list ("Ohio, Pennsylvania and Virginia"). Read from
    the words, not the parse, which attaches such a region now as an apposition, now as a conjunct."""
    doc = ent.doc
    places = [e for e in doc.ents if e.label_ in PLACES]
    town = next((e for e in places if e.end == ent.start - 1), None)
    if town is None or doc[ent.start - 1].text != "," or \
            any(e.end == town.start - 1 and doc[town.start - 1].text == "," for e in places):
        return ""
    after = [t.lower_ for t in doc[ent.end:ent.end + 2]]
    listed = after[:1] in (["and"], ["or"]) or after[:1] == [","] and (
        after[1:] in (["and"], ["or"]) or any(e.start == ent.end + 1 for e in places))
    return "" if listed else name_key(town.text)


def _governor(ent: "Span") -> "Token":
    """The token an entity's phrase hangs from, past coordination ("in England and Wales": Wales
    hangs, like England, from "in") and a place's apposition ("in Riyadh, Saudi Arabia")."""
    token = ent.root
    while token.head is not token and (token.dep_ == "conj" or token.dep_ == "appos" and ent.label_ in PLACES
                                       and token.head.ent_type_ in PLACES):  # "in Riyadh, Saudi Arabia"
        token = token.head
    return token


def _role(token: "Token") -> str:
    """The grammatical role of a name, with the doer of a passive ("introduced by X") as a subject,
    and a name set beside its title as the title's ("by Labour MP Rob Marris": the doer)."""
    if token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN") and token.head is not token:
        return _role(token.head)
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return "nsubj"
    return token.dep_


_PAIRED = {"neither", "either", "both"}  # ("Neither Atiku Abubakar nor Peter Obi": a person all the same)


def _entity_slot(ent: "Span") -> list[Slot]:
    label, root = ent.label_, _governor(ent)
    if label not in ("DATE", "TIME") and _FULL_DATE.fullmatch(ent.text):
        label = "DATE"  # "opened on 9 September 2024", tagged an event: a date whatever the tagger said
    if label == "TIME" and clock_minutes(ent.text) is None and set(ent.text.lower().split()) & set(WEEKDAYS):
        label = "DATE"  # "late on Monday night": Monday, whatever the hour
    head = root.head
    if label in ("PERSON", "ORG", "GPE", "LOC") and root.dep_ == "pobj" and head.lower_ == "of" \
            and head.head.lemma_.lower() in _PLACE_NOUNS:
        label = "GPE"  # "the state of Guerrero" is a place, whatever the tagger took the name for
    span = (ent.start_char, ent.end_char)
    if label == "PERSON":
        before = ent.doc[ent.start - 1] if ent.start else None
        if any(c.dep_ == "det" and c.lower_ not in _PAIRED for c in root.children) or \
                before is not None and (before.text == ")" or before.ent_type_ in ("ORG", "LAW", "WORK_OF_ART")):
            return []  # the end of a title, not a person: "the Terminally Ill Adults (End of Life) Bill"
        return [Slot("person", ent.text, norm_name(ent.text).split()[-1] if norm_name(ent.text) else "", *span,
                     role=_role(root))]
    if label == "ORG":
        words = norm_name(ent.text).split()
        part = _role(root)
        if part == "pobj" and root.head.dep_ != "agent":
            part = f"pobj:{root.head.lower_}"
        return [Slot("org", ent.text, norm_name(ent.text), *span, role=words[-1] if words else "", part=part)]
    if label in PLACES and root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_NOUNS \
            and head.head.dep_ == "pobj" and head.head.head.lower_ in PLACE_PREPS:
        head = head.head.head  # "in the southern state of Guerrero": in Guerrero
    if label in PLACES and root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        words = ent.text.split()
        if len(words) > 1 and words[-1].lower() in _BEARINGS:  # "the Indian Ocean west (of Australia)"
            text = ent.text[:ent.text.rindex(words[-1])].rstrip()
            return [Slot("place", text, name_key(text), span[0], span[0] + len(text), role=head.lower_, label=label)]
        return [Slot("place", ent.text, name_key(ent.text), *span, role=head.lower_, label=label)]
    if label == "DATE" and root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "PROPN" \
            and re.fullmatch(r"\d{4}", ent.text):
        return []  # a year that ends a name dates nothing: "the Fiscal Responsibility Act of 2023"
    if label == "DATE" and (m := _AGE.fullmatch(ent.text.strip())) and (age := number_value(m.group("n") or m.group("m"))) is not None:
        return [Slot("number", ent.text, age, *span, role="age")]  # "at the age of 88", "aged 100", "94 years old"
    if label == "DATE" and ent.start and ent.doc[ent.start - 1].lower_ == "aged" and re.match(r"[0-9]+ years?$", ent.text):
        return [Slot("number", ent.text, float(ent.text.split()[0]), *span, role="age")]  # "aged 100 years and 89 days"
    if label in ("CARDINAL", "DATE") and _an_age(ent):
        return [Slot("number", ent.text, float(ent.text), *span, role="age")]  # "Rishi Sunak, 42,", "At 42, he is"
    if label == "DATE":
        before = ent.doc[ent.start - 1] if ent.start else None
        if before is not None and before.is_digit and 1 <= int(before.text) <= 31 and ent[0].lower_ in MONTHS:
            span = (before.idx, ent.end_char)  # "29 November 2024" that the tagger read as "November 2024"
        text = ent.doc.text[span[0]:span[1]]
        parts = date_parts(text)
        if any(p is not None for p in parts):
            return [Slot("date", text, parts, *span)]
        value = number_value(ent.text)  # a duration: "six years", "five hours"
        if re.search(r"\d(?:st|nd|rd|th)\b", _digits(ent.text)):
            return []  # not "the fifth of this year's awards": one of a series, no length of time
        unit = next((w for w in DURATIONS if re.search(rf"\b{w}s?\b", ent.text.lower())), "")
        return [Slot("number", ent.text, value, *span, role=unit)] if value is not None and unit else []
    if label == "ORDINAL" and (m := re.match(r"(\d+)(?:st|nd|rd|th)\b", _digits(ent.text).strip())):
        # "the sixth flight test": which one of a series; its role is the series' nouns
        noun = _anchor(ent.root)
        nouns = {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"} \
            if noun is not None and noun.pos_ == "NOUN" else set()
        verb = _anchor(noun) if noun is not None and noun.lemma_.lower() == "time" else None
        if verb is not None and verb.pos_ == "VERB":
            nouns.add(verb.lemma_.lower())  # "met for the 14th time": the 14th meeting
        return [Slot("ordinal", ent.text, int(m.group(1)), *span, role=" ".join(sorted(nouns)))] if nouns else []
    # (a time the tagger took for a quantity: "6.23am Beijing")
    clock = label == "TIME" or label in ("QUANTITY", "CARDINAL") and re.search(r"\d\s*[ap]\.?m\b", ent.text, re.I)
    if clock and (minutes := clock_minutes(ent.text)) is not None:
        low, bound, high = _clock_bound(ent, minutes)
        return [Slot("number", ent.text, low, *span, role="clock", bound=bound, high=high)]
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"):
        written = ent.text
        if label == "MONEY" and (scale := _SCALE_AFTER.match(ent.doc.text[ent.end_char:])):
            # "$968m": the tagger leaves the sign and the scale out of the sum ("968")
            sign = ent.doc.text[max(0, ent.start_char - 1):ent.start_char].strip()
            written = sign + ent.text + scale.group()
            span = (ent.start_char - len(sign), ent.end_char + scale.end())
        value = number_value(written)
        if value is None and label == "QUANTITY" and re.match(r"(?:an?|one)\s+[a-z]+$", ent.text.lower()):
            value = 1.0  # "within a mile of the crash site" is within one mile
        if value is None or label == "CARDINAL" and len(ent) == 1 and _in_a_name(ent.root):
            return []
        unit = {"PERCENT": "%", "MONEY": "money"}.get(label) or _counted(ent)
        prefix = "of:" if unit and _a_whole(ent) else "other:" if unit and _beside_others(ent) else ""
        if unit and re.search(r"\d(?:st|nd|rd|th)\b", _digits(ent.text)):
            prefix = "nth:"  # "in the 46th minute" is which minute, compared with another such, not a length of minutes
        if _MARGIN.match(ent.doc.text[ent.end_char:]):
            prefix = "by:"  # "591 points, 44 more than Croatia": a margin over another, not a score
        if label == "MONEY" and (_EACH_AFTER.match(ent.doc.text[ent.end_char:])
                                 or _EACH_BEFORE.search(ent.doc.text[max(0, ent.start_char - 60):ent.start_char])):
            prefix = "each:"  # "shares at 3.82 francs each": the price of one, not a sum
        return [Slot("number", written, value, *span, role=prefix + unit)]
    return []


# a person's age as news writes it: "the age of 88", "aged 100 years and 89 days", "94 years old", "a 69-year-old"
_AGE = re.compile(r"(?:(?:the\s+)?age\s+of\s+|aged\s+)(?P<n>[\w-]+?)(?:\s+years?\b.*)?|(?P<m>[\w-]+?)[-\s]years?[-\s]old",
                  re.I)


def _an_age(ent: "Span") -> bool:
    """A bare number that gives a person's age: set beside a name ("Rishi Sunak, 42,"), or said of a
    person named, at the head of the sentence ("At 42, Sunak is ...") or as what they are ("Milei is 53")."""
    if len(ent) != 1 or not re.fullmatch(r"[0-9]{1,3}", ent[0].text) or not 1 <= int(ent[0].text) <= 125:
        return False
    t = ent[0]
    if t.dep_ == "appos" and (t.head.ent_type_ == "PERSON" or t.head.pos_ == "PROPN"):
        return True
    verb = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "at" and t.head.i == t.sent.start else t.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    said = t.dep_ == "pobj" and verb is not t.head or t.dep_ in ("attr", "acomp") and verb.lemma_ == "be"
    return said and subject is not None and subject.ent_type_ == "PERSON"


def _age_holder(doc: "Doc", age: Slot) -> str:
    """Whose age it is, where a name says: the name it is set beside or written before ("Rishi Sunak,
    42,", "a 69-year-old Augustinian" of Robert Prevost), else the named subject of its verb
    ("died at his home, aged 100", "At 42, Sunak is ..."); "" for one of a person not named."""
    span = doc.char_span(age.start, age.end, alignment_mode="expand")
    if span is None:
        return ""
    token = span.root
    def name(t: "Token") -> bool:  # (not "Spaniard": a nationality is no name)
        return t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE", "LOC", "DATE")
    token = span.root
    while token.dep_ in ("appos", "amod", "nummod", "npadvmod") and token.head.pos_ in ("NOUN", "PROPN", "NUM") \
            and token.head is not token and not name(token.head):
        token = token.head  # "a 69-year-old Augustinian": the Augustinian
    if token.dep_ in ("appos", "amod", "compound") and name(token.head):
        return _full_name(token.head)
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX") and a.lower_ != "aged"), None)
    subj = _subject_of(verb) if verb is not None else None
    # (what the subject is said to be is its own: "Montenegro is a 46-year-old lawyer", whatever the tagger
    # makes of a name that is also a country's)
    said = token.dep_ == "attr" and subj is not None and subj.pos_ == "PROPN"
    return _full_name(subj) if subj is not None and (name(subj) or said) else ""


def clock_minutes(text: str) -> int | None:
    """A time of day as minutes after midnight ("9 p.m." 1260, "7:14pm" 1154, "noon" 720); None for
    what is no time of day ("four hours", "42 minutes"). A time of day is no count: "9am" and "9 p.m."
    are twelve hours apart, not both nine."""
    low = text.lower()
    if re.search(r"\bnoon\b|\bmidday\b", low):
        return 720
    if re.search(r"\bmidnight\b", low):
        return 0
    m = _CLOCK.search(text)
    if m is None or not (m.group("m") or m.group("half")) or re.search(rf"\b(?:{'|'.join(DURATIONS)})s?\b", low):
        return None
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    if hour > 24 or minute > 59:
        return None
    if half := (m.group("half") or "").lower()[:1]:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour % 24 * 60 + minute


def _clock_bound(ent: "Span", minutes: int) -> tuple[float, str, float]:
    """A time of day written as a window, as (from, bound, to): "shortly after 4 p.m." is 4:00 to 5:00,
    "shortly before 9am" 8:00 to 9:00, "about 9:51am" 9:36 to 10:06; "after 6:30" any time later, "before
    noon" any time earlier."""
    if re.search(r"\bmidday\b|\bmid-day\b", ent.text, re.I):
        return minutes - 60, "range", minutes + 60.0  # "midday" is the middle of the day, not twelve o'clock sharp
    # (the words before the time, in the entity or before it: "shortly before midnight" is one entity)
    own = re.split(r"\d|\b(?:midnight|noon)\b", ent.text, maxsplit=1, flags=re.I)[0]
    lead = (ent.doc[max(0, ent.start - 3):ent.start].text + " " + own).lower().strip()
    soon = r"\b(?:shortly|just|soon|right|moments|minutes)"
    # (within the hour: "shortly before midnight" is how news tells a collision at 11.21pm)
    if re.search(soon + r" after$", lead):
        return minutes, "range", minutes + 60.0
    if re.search(soon + r" before$", lead):
        minutes = minutes or 24 * 60  # (before midnight is before the day's end, not its start)
        return minutes - 60, "range", float(minutes)
    if re.search(r"\bafter$", lead):
        return minutes, ">", 0.0
    if re.search(r"\bbefore$", lead):
        return minutes, "<", 0.0
    if re.search(r"\b(?:about|around|approximately|roughly|circa)$", lead):
        return minutes - 15, "range", minutes + 15.0  # (a quarter of an hour either side)
    return minutes, "", 0.0


def _zone(ent: "Span") -> frozenset[str]:
    """The time zone written in or right after a time of day ("7:14 p.m. EDT", "7.14pm Eastern time"),
    as context: two times of day in different zones are not two values of one moment."""
    words = [t.lower_.strip(".") for t in ent] + [t.lower_.strip(".") for t in ent.doc[ent.end:ent.end + 3]]
    zone = next((_ZONES[w] for w in words if w in _ZONES), None)
    if zone is None and "time" in words[1:]:
        # "1.20pm Thai time", "12:50 local time", "6.23am Beijing time": the zone is named by the word before
        # (not a standard/daylight qualifier: "Myanmar Standard Time" is Myanmar's)
        at = words.index("time", 1)
        named = [w for w in words[:at] if w.isalpha() and w not in ("am", "pm", "a", "p", "m", "standard", "daylight")]
        zone = named[-1] if named else None
    return frozenset({f"zone:{zone}"}) if zone else frozenset()


def _in_a_name(token: "Token") -> bool:
    """The numeral is part of a name, not a count: "Boeing 737", "Flight 1282", "Apollo 11", "MAX 9":
    digits right after a name word. (A numeral before a name may be either, "737 MAX 9 jets" or "65 MAX
    9 jets": see ``Frame.name_numbers``.)"""
    before = token.doc[token.i - 1] if token.i else None
    return token.text.isascii() and token.text.isdigit() and before is not None and before.pos_ == "PROPN" and before.whitespace_ != "" \
        and before.lower_ not in MONTHS and before.ent_type_ != "DATE"


def _a_whole(ent: "Span") -> bool:
    """The figure is the whole some part is counted out of: "411 of the 650 seats", "none of the 32
    seats", "Of Scotland's 57 seats, the SNP won nine". A whole is compared with wholes only."""
    noun = ent.root.head if ent.root.dep_ in ("nummod", "quantmod", "compound") else None
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    owner = noun.head.head
    if owner.pos_ in ("VERB", "AUX"):  # "Of Scotland's 57 seats, the SNP won nine", not "convicted of two counts"
        return noun.head.i < owner.i
    return owner.pos_ in ("NUM", "PRON", "DET") or owner.lower_ in _AMOUNTS


_BESIDES = {"other", "more", "further", "additional", "extra"}


def _beside_others(ent: "Span") -> bool:
    """The figure counts others beside someone: "shared the award with five other players" is six
    players in all, so it is compared only with counts of others."""
    noun = ent.root.head if ent.root.dep_ in ("nummod", "quantmod", "compound") else ent.root
    after = [t for t in ent if t.i > min((x.i for x in ent if x.like_num), default=ent.end)]  # not "more than 300"
    return any(c.dep_ == "amod" and c.lower_ in _BESIDES and c.i > ent.start for c in noun.children) or \
        any(t.lower_ in _BESIDES for t in after)


def _counted(ent: "Span") -> str:
    """The noun a number counts: "330 votes" -> vote; "six hours" -> hour; "a majority of 55" -> majority;
    "10 times more infections" -> times (a multiple, not a count of infections)."""
    if ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("times", "fold"):
        return "times"
    if ent.root.pos_ == "NOUN":  # the unit inside the entity: "about six hours"
        return ent.root.lemma_.lower()
    head = ent.root.head if ent.root.dep_ in ("nummod", "quantmod", "compound") else None
    if head is not None and head.pos_ == "NOUN" and head.dep_ == "poss" and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower()  # "two workers' bodies" counts bodies found, not all the workers
    if head is not None and head.pos_ == "NOUN":
        return head.lemma_.lower()
    if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of" and ent.root.head.head.pos_ == "NOUN":
        return ent.root.head.head.lemma_.lower()
    measured = next((c for c in ent.root.head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None) \
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "at" and ent.root.head.head.pos_ == "VERB" else None
    if measured is not None:  # "put its magnitude at 7.2", "estimated the cost at 40": what is measured
        return measured.lemma_.lower()
    part_of = next((g for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    if part_of is not None:  # "411 of the 650 seats" counts seats
        return part_of.lemma_.lower()
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after.lemma_.lower() if after is not None and after.pos_ == "NOUN" else ""


def _digits(text: str) -> str:
    """Number words as digits, keeping every character offset (so spans stay true)."""
    from text_to_num import alpha2digit

    out = []
    for piece in re.split(r"(\s+)", text):
        if piece and not piece.isspace() and not any(ch.isdigit() for ch in piece):
            converted = alpha2digit(piece, "en", threshold=0)
            if converted != piece and len(converted) <= len(piece):
                piece = converted.ljust(len(piece))
        out.append(piece)
    joined = "".join(out)
    return joined if len(joined) == len(text) else text

