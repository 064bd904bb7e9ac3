"""A claim's frame against a passage's: what lines up, what differs, and whether it is the same story.

Two frames in (``slots.frame``), an :class:`Alignment` out:

- ``coverage``: the share of the claim's content words (lemmas, name stems) the passage has;
- ``same_event``: the passage has a clause whose verb or predicate is the claim's;
- ``other_subject``: the passage's clause for that event is about another named thing of the
  same kind ("the Riyadh talks" for "the Istanbul talks"), or another one of the same noun ("the
  men's team" for "the women's team"): same topic, not the same subject;
- ``matches`` and ``differences``: per slot, the claim's words and the passage's. A difference
  needs the passage to state *another value of the same slot* (another place after "in", another
  year, another count of the same noun, the event denied); a value the passage does not mention
  is not a difference, only not covered. A date or number whose phrase names another place or
  ordinal than the claim's ("the talks in Istanbul on 27 February" against "the talks in Saudi
  Arabia on 18 February") is about another thing, not another value.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from .slots import DURATIONS, LIGHT_VERBS, WEEKDAYS, Clause, Frame, Post, Sayer, Slot, abbreviates, acronym, \
    another_time, context_conflict, date_text, fold_accents, name_key, norm_name, number_value, of_saying, other_phase, \
    FIRST, QUANTIFIERS, UNDER_HALF
from .places import is_country, nested, within

PARAPHRASE = 0.75
# Subjects that name nothing by themselves: a shared "it" is no shared subject.
_NO_REFERENT = {"", "it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those", "which", "who",
                "there", "one", "what"}
_PRONOUNS = {"it", "they", "he", "she", "this", "these", "those"}
# a subject that is a share of a group it does not name ("41 percent voted against it"): a part of whoever
# the passage says voted, not a subject of its own
_SHARES = {"percent", "%", "half", "majority", "minority", "most", "share", "proportion", "third", "quarter",
           "fifth", "two-thirds", "three-quarters", "fraction", "rest"}
_DATE_PARTS = ("year", "month", "day", "weekday")
NAME_SLOTS = {"person", "org", "place"}
ALL = QUANTIFIERS["all"]  # the quantifier of "all", "every", "both"
FEW, MOST = QUANTIFIERS["few"], QUANTIFIERS["most"]  # of "few" and of "most" ("almost all"): both cannot hold
_Q_WORDS = {FEW: "few", MOST: "most", UNDER_HALF: "under half"}
_AT_ODDS = ({FEW, MOST}, {UNDER_HALF, MOST})  # shares short of all that cannot both hold
Sentence = tuple[int, int] | None  # a sentence's characters in the passage
When = tuple[int | None, int | None, int | None, int | None]  # (year, month, day, weekday), as a date slot's value
# a date after these words bounds a span ("since August 2023"), it dates no occasion
_SPAN_WORDS = {"since", "from", "after", "before", "until", "till", "through"}
_UNTIL = {"until", "till", "through"}
# a date of the thing a deed came after or before: "after the early election of 30 September 2023"
_AFTER_THE = re.compile(r"\b(?:after|before)\s+(?:[^\s,;.()]+\s+){1,4}(?:of|in)\s+$", re.I)


def _bound(word: str) -> str:
    """Which bound of a span a word sets: a start ("since", "from"), an end ("until"), or a day something
    came before or after ("after Sunday's clashes" is no "from Tuesday 6 August" of a moved march)."""
    return "start" if word in ("since", "from") else "end" if word in _UNTIL else word if word in _SPAN_WORDS else ""


_SPAN_PHRASE = re.compile(r"\b(since|until|till)\s+(?:[^\s,;.()]+\s+){1,5}(?:in|of)\s+$", re.I)


def _span_word(text: str, slot: Slot) -> str:
    """The word a date bounds a span after: the word before it ("since August 2023"), or the "since" of the
    phrase it ends ("since independence from France in 1960"); "" for a date of an occasion."""
    word = _word_before(text, slot)
    if word in _SPAN_WORDS:
        return word
    m = _SPAN_PHRASE.search(text[:slot.start])
    return m.group(1).lower() if m else ""


_BY = {"by"}  # "by 7am": a time of day something was done by, no time it was done at


@dataclass(frozen=True)
class Dates:
    """The days outside the texts that date them: the article's (a claim that names no time is about
    that day or earlier, never a later one) and the passage's publication (the day of a passage that
    names none)."""

    article: When | None = None
    published: When | None = None


@dataclass
class Alignment:
    coverage: float = 0.0
    names_covered: bool = False  # every name of the claim is in the passage
    same_event: bool = False
    same_subject: bool = False
    named_other_doer: bool = False  # the passage's clause of the claim's verb has another named subject
    # the passage reports the claim's own verb of the claim's own subject (or doer and done-to), and
    # names all the claim names: about the claim by its structure, whatever the learned score says
    about: bool = False
    other_subject: bool = False
    # the passage's clause of the claim's subject has the other polarity, though not as a denial of the
    # claim ("can declare" / "has not declared", a verb done to another thing): no contradiction, no support
    opposed: bool = False
    matches: list[dict[str, Any]] = field(default_factory=list)
    differences: list[dict[str, Any]] = field(default_factory=list)

    other_occurrence: bool = False  # a date or figure of the passage is of another round, place or vote
    long_before: bool = False  # the claim names no time and the passage's are all long before its article
    old_report: bool = False  # the claim names no time and the passage was published long before its article
    stale: bool = False  # the claim tells of a state now and the passage was written years before the article
    unknown_subject: bool = False  # the claim's subject is a pronoun the article left unresolved ("It also destroyed ...")
    unknown_thing: bool = False  # ... and not a person's: "It did not arrive" (a denial of what?)
    expletive: bool = False  # that pronoun is an "it" that stands for nothing: "It was not the first time ..."
    unknown_person: bool = False  # a person of the claim is a pronoun left unresolved ("awarded him the prize in 2002")
    unstated: list[str] = field(default_factory=list)  # claim dates and figures the passage gives no equal of, though it gives others
    figures_stated: bool = False  # the claim gives a figure, and the passage states each of its figures and dates
    names_missing: set[str] = field(default_factory=set)  # claim name stems the passage lacks
    claim_names: int = 0  # how many names the claim has
    subject_name: str = ""  # the name stem of the claim's subject, where its subject is a place named
    # the claim is what a person said, and the passage gives its words to another person it names, never
    # naming the claim's: "Lavrov said the decision was Putin's" / "Peskov said the decision was Putin's"
    other_speaker: bool = False

    @property
    def polarity_flip(self) -> bool:
        return any(d["slot"] == "polarity" for d in self.differences)

    @property
    def differing_kinds(self) -> set[str]:
        """The kinds of slot that differ, a date's parts counted as one ("date")."""
        return {"date" if d["slot"] in _DATE_PARTS else d["slot"] for d in self.differences}

    @property
    def one_change(self) -> bool:
        """One kind of slot differs and the passage names most of what the claim names (more than
        half, the changed value aside): the same story with one fact changed. Several kinds
        differing (another person, place and year), or another cast of names, is another event on
        the same topic, not a contradiction."""
        missing = self.names_missing - {name_key(d["claim"]["text"]) for d in self.differences}
        # (nor is a passage without the claim's subject about it: "Seoul keeps its ban on seafood from eight
        # prefectures" / "Hong Kong ... would ban imports ... from 10 Japanese prefectures")
        return len(self.differing_kinds) == 1 and (not missing or len(missing) * 2 < self.claim_names) \
            and self.subject_name not in missing


def _pair(kind: str, claim: Slot | str, passage: Slot | str) -> dict[str, Any]:
    """One matched or differing slot, with the spans of both sides where they have one."""
    def side(s: Slot | str) -> dict[str, Any]:
        return {"text": s.text, "start": s.start, "end": s.end} if isinstance(s, Slot) else {"text": s}
    return {"slot": kind, "claim": side(claim), "passage": side(passage)}


# Verbs news writes for one deed ("The Senate approved the bill" / "The Senate passed the bill"): each lemma
# stands for its group's first word too. Only words of one sense in news reports are grouped: "fire" (a
# missile or a minister) and "strike" (a storm or a walkout) are not.
_SAME_DEED = [("approve", "pass", "adopt"), ("end", "finish", "conclude", "close"), ("close", "complete"),
              ("beat", "defeat"), ("resign", "quit"), ("arrest", "detain"), ("injure", "wound", "hurt"),
              ("ban", "prohibit", "bar", "outlaw", "forbid"), ("acquire", "buy", "purchase"),
              ("dismiss", "sack", "oust"), ("cut", "lower", "reduce"), ("raise", "hike"),
              ("rise", "climb", "increase", "grow"), ("fall", "drop", "decline", "decrease"),
              ("postpone", "delay"), ("cancel", "scrap"), ("found", "establish"), ("open", "inaugurate"),
              ("sentence", "jail", "imprison"), ("win", "clinch")]
_DEED_OF: dict[str, set[str]] = {}
for _group in _SAME_DEED:
    for _word in _group:
        _DEED_OF.setdefault(_word, set()).add("=" + _group[0])


def _written(clause: Clause) -> set[str]:
    """The clause's event words as written, light verbs left out where it has others."""
    return clause.event - LIGHT_VERBS or clause.event


def _events(clause: Clause) -> set[str]:
    """The clause's event words, and the deed each stands for ("=approve" of "pass")."""
    own = _written(clause)
    return own | {d for w in own if not clause.particle for d in _DEED_OF.get(w, ())}


def _said(events: set[str]) -> str:
    """The event words as written, without the deeds they stand for."""
    return " ".join(sorted(w for w in events if not w.startswith("=")))


def _best_clause(claim: Clause, passage: Frame) -> Clause | None:
    """The passage clause that reports the claim's event (verb or predicate lemma in common)."""
    wanted = _events(claim)
    hits = [c for c in passage.clauses if wanted & _events(c) and not c.restrictive]
    if not hits:
        return None
    # (and of those, the one done to the claim's thing: "No party won a majority" / "Move Forward won the most
    # seats. ... No party won a majority on its own")
    # (or the vote the same way: "voted in favour; no member voted against")
    return max(hits, key=lambda c: (c.head == claim.head, bool(claim.patient) and c.patient == claim.patient,
                                    c.side == claim.side, len(claim.subject_names & c.subject_names)))


# A beginning is a day of its own: a day the thing went on is not the day it began ("The demonstrations began
# on 18 June" / "demonstrations took place in 19 counties on 20 June").
_BEGINS = {"begin", "start", "commence"}


def align(claim: Frame, passage: Frame, similarity: float = 0.0, dates: Dates = Dates(),
          article: Frame | None = None, paragraph: Frame | None = None, speaker: Sayer | None = None) -> Alignment:
    """``similarity`` (embedding cosine of the two texts) stands in for a shared verb: at
    ``PARAPHRASE`` or above the two report the same event in other words ("were present" / "attended").
    ``dates`` place an undated claim and an undated passage in time; ``article`` (the frame of the
    claim's article, when known) tells whose story a claim that names no one is, ``paragraph``
    (of the paragraph the claim is from) what else the figures beside the claim's are of, and
    ``speaker`` who the article says said the claim, where it says so."""
    out = Alignment()
    found = passage.names | passage.content
    # "Turkey's" / "Turkish": a name is found when a passage name starts with its first four letters
    out.names_missing = {n for n in claim.names - found if len(n) < 5 or not any(m[:4] == n[:4] for m in found)}
    out.names_missing -= _described_alike(claim, passage, out.names_missing)
    out.names_missing |= _unplaced(claim, passage)
    out.names_missing = {n for n in out.names_missing if not _inside(claim.places.get(n, ""), passage)
                         and claim.initials.get(n) not in passage.initials.values()}  # "FAA" / "Federal Aviation Administration"
    if article is not None:
        out.names_missing |= _namesakes_unsure(claim, passage, article)
    out.claim_names = len(claim.names)
    out.names_covered = not out.names_missing
    main = claim.clauses[0] if claim.clauses else Clause()
    # (a place as the doer: "Seoul keeps its ban", where a capital stands for its government; a person or
    # a body the passage lacks is weighed as a name of its own)
    out.subject_name = name_key(main.head) if name_key(main.head) in claim.places else ""
    clause = _best_clause(main, passage)
    same_verb = clause is not None
    told = [c for c in passage.clauses if not other_phase(main.event, c.event) and not c.restrictive]  # (not the start for the end)
    if clause is None and similarity >= PARAPHRASE and told:
        clause = max(told, key=lambda c: (c.head == main.head, len(main.subject_names & c.subject_names)))
    out.same_event = clause is not None
    out.unknown_subject = main.head in _PRONOUNS
    out.unknown_thing = main.head in _PRONOUNS - {"he", "she"}
    out.expletive = re.match(r"\s*it\s+(?:is|was|has been|had been|will be|would be)\b", claim.text, re.I) is not None
    out.unknown_person = claim.someone
    # ("Macron took communion" / "President Emmanuel Macron sat in the front row. ... the president would not
    # take communion": the passage's president is its Macron)
    titled = clause is not None and _titled(main, clause, passage)
    out.same_subject = clause is not None and (_same_doer(main, clause, bare_heads=True) or titled)
    # "Trump visited East Palestine on Wednesday, a day before Buttigieg": the visit on Wednesday is Trump's
    out.named_other_doer = same_verb and main.head != clause.head \
        and (main.head_named or name_key(main.head) in claim.names or _named_in(article, main)) \
        and (clause.head_named or name_key(clause.head) in passage.names) and name_key(clause.head) not in claim.names \
        and clause.head not in claim.text.lower() \
        and not _initials_of(main.head, clause.head, claim, passage)  # (not the claim's object as a passive's subject)
    # (a country or a city as the doer too: "South Africa won the World Cup" / "New Zealand have won it three times")
    out.named_other_doer |= same_verb and bool(main.doer_name and clause.doer_name) \
        and main.doer_name != clause.doer_name and not _same_roles(main, clause) \
        and not _initials_of(main.doer_name, clause.doer_name, claim, passage) \
        and not _inside(claim.places.get(main.doer_name, ""), passage) \
        and not _inside(passage.places.get(clause.doer_name, ""), claim)
    out.about = same_verb and out.names_covered and (_same_doer(main, clause, bare_heads=False) or titled)
    if clause is not None and main.subject_names and clause.subject_names and main.head == clause.head:
        unnamed = {n for n in main.subject_names - passage.names if not _inside(claim.places.get(n, ""), passage)}
        out.other_subject = not (main.subject_names & clause.subject_names) and bool(unnamed)  # ("in Texas" / "in Houston")
    if clause is not None and main.topic and not main.topic & passage.content and main.head == clause.head:
        out.other_subject = True  # "the emergency over mpox" / "the emergency over COVID-19": another emergency
    if clause is not None and main.head == clause.head and context_conflict(main.subject_kind, clause.subject_kind):
        out.other_subject = True  # "the women's team" / "the men's team": another one of the same kind
    if clause is not None and main.owner and main.owner == clause.owner and main.owned != clause.owned \
            and main.owned_noun and clause.owned_noun:  # ("Luis de la Fuente's Spain" is his side)
        out.other_subject = True  # "England's men" / "England's women": another group of the same owner
    if clause is not None and _another_kind(main, passage):
        out.other_subject = True  # "the economics prize" / "the Nobel Prize in Physiology or Medicine. The prize ..."
    if article is not None and _another_story(claim, main, passage, article):
        out.other_subject = True
    if paragraph is not None and _named_apart(claim, main, passage, paragraph):
        out.other_subject = True  # "The index rose 836.52 points" (of the Nikkei) / "The broader Topix index finished"
    if clause is not None and not claim.names and not out.same_subject and clause.owner_names \
            and main.head not in _NO_REFERENT and main.head not in _SHARES:
        # a claim that names nothing is about its own subject, not a named one's: "The market closed on
        # Wednesday" / "Nvidia shares closed on Thursday"
        out.other_subject = True
    if clause is not None:
        out.matches.append(_pair("event", _said(_events(main)), _said(_events(clause))))
        if out.same_subject:
            # denial is of a verb: "would not cover Ukraine" is no opposite of "dealt only with
            # embassies", however alike the two sentences; only the same verb can be denied
            # and "did not come out for the second half" denies nothing of what "came in the second half"
            # nor is "declared three days of mourning" any opposite of "has not declared a national emergency"
            # nor is "was not in the city" any opposite of "was out of the country", nor "was in the city"
            # the same as it: being elsewhere neither denies nor states being here
            elsewhere = bool(main.where and clause.where and not main.where & clause.where)
            out.opposed |= elsewhere
            # (nor is "no member voted against" any opposite of "every member voted in favour")
            _polarity(main, clause, out, compare=same_verb and main.particle == clause.particle and not elsewhere
                      and not (main.side and clause.side and main.side != clause.side)
                      and not _other_patient(main, clause, claim, passage)
                      and not _done_long_before(clause, claim, passage, dates)
                      and main.spanned == clause.spanned  # ("did not score" / "scored 52 goals in his first season")
                      and not _doer_on_one_side(main, clause)
                      and not _before_the_bound(main, clause, claim, passage)
                      # (nor is what other named people did an opposite of what the claim's did: "Roberts did not
                      # join the majority" / "Gorsuch, Kavanaugh and Barrett joined it")
                      and not (main.head_named and main.subject_names and clause.subject_names
                               and not main.subject_names & clause.subject_names)
                      # (and a "he" read as the claim's person denies only the same deed done to the same thing:
                      # "Scalise won the party's nomination" / "He could not win over enough holdouts")
                      and not (clause.referent and clause.patient != main.patient))
            _told_beside(claim, passage, out)
    _quantities(claim, passage, out)
    out.opposed |= _denied_of_another(main, passage)
    # the words values hang from: the events, light verbs included ("held talks on 27 February")
    event = _stems(main.event | (clause.event if clause is not None else set()))
    event |= {w for c in (main, clause) if c is not None for w in _hung_from(c) if ":" in w}
    _names(claim, passage, event, out, dates)
    _posts(claim, passage, out, article)
    if main.patient and any(n.role == main.patient for n in claim.of("number")):
        # "Kelce caught nine passes" / "Hardman caught the winning score": a deed done by the count is
        # one many may do; another doer of it is no other value of the claim's
        out.differences = [d for d in out.differences if d["slot"] != "person"]
    if same_verb and _one_office(main.office, clause.office) and _near(dates) \
            and any(d["slot"] == "person" for d in out.differences):
        out.about = True  # "NASA administrator X congratulated" / "NASA administrator Y congratulated": one post, another holder
    # a vote's tally, stated alike in both, says which vote they are of, whatever else the phrase says
    # ("the last time the Commons voted ..., MPs rejected a bill by 330 votes to 118")
    # (not a score against a side the passage does not name: "lost the final 1-0 to Germany" / "beat Brazil 1-0")
    tally = next((p for c in claim.of("tally") for p in passage.of("tally") if _same_value(c.value, p.value)
                  and not (c.against and c.against not in passage.names | passage.content)), None)
    pinned = passage.sentence_of(tally) if tally is not None else None
    told = claim.names | claim.content | article.names | article.content if article is not None else None
    stated = _numbers(claim, passage, event, out, pinned, dates, paragraph, told)
    # the claim's date is compared with the dates of the occasion its figure is stated for ("2.2% in June"
    # / "2.2% in the 12 months to July 2024, up from 2.0% in June": July, not June)
    # the date of doing one thing is not the date of doing another with the same verb ("set sentencing
    # for 28 March 2024" / "set a trial date for October 2023")
    # (a verb the passage writes otherwise, "completed its takeover" / "closed its purchase", may write its thing
    # otherwise too: only one verb written alike tells two things apart)
    written_alike = same_verb and bool(_written(main) & _written(clause))
    done_to_another = _stems(main.event) if written_alike and _other_patient(main, clause, claim, passage) else set()
    _dates(claim, passage, event - done_to_another, out, pinned, dates,
           [(mine, _dated_by(passage, theirs)) for mine, theirs in stated], done_to_another)
    if _kind_dated(claim, main, passage):
        # "The physics prize will be announced on Tuesday" / "... announced: medicine on Monday 2 October, physics
        # on Tuesday 3 October, ...": the day the passage gives the claim's kind of thing is the one to compare,
        # and it is stated; the other days are the other kinds'
        out.differences = [d for d in out.differences if d["slot"] not in _DATE_PARTS]
    if any("first" in o for *_, o in claim.ordinals):
        # "first declared ... on 23 July 2022" / "declared ... for the second time ... 14 August 2024": the date
        # of a later occurrence is no other date of the first
        out.differences = [d for d in out.differences if not (d["slot"] in _DATE_PARTS and _of_a_later_one(passage, event))]
    series = claim.series
    if article is not None:  # "the game" of an article on Super Bowl LVIII is that one
        series = {**article.series, **claim.series}
    # a claim is of the article's day or earlier: a passage all of whose occasions come later is of another
    # (a passage that names no date may tell, when published later, of what was so before: not by that day)
    out.other_occurrence |= _later(_occasions(passage), dates.article) and not any(
        _due((_year_of(c, dates.article, claim) or c[0], *c[1:]), p, dates.article)
        for c in _occasions(claim) for p in _occasions(passage))
    # a claim of the article's own days against a passage, written long before, all of whose occasions lie long
    # before, that tells no same event of the same subject: another year's ("the fifth of this year's Nobel
    # awards (2023)" / "The 2021 Nobel Peace Prize was awarded ... announced on Friday, 8 October 2021")
    current = [w for w in _occasions(claim) if w[0] is not None]
    out.other_occurrence |= bool(current) and not any(_long_before([w], dates.article) for w in current) \
        and _long_before(_occasions(passage), dates.article) and dates.published is not None \
        and _long_before([dates.published], dates.article) and not (out.same_event and out.same_subject)
    # "Super Bowl LIV" for "Super Bowl LVIII", "Chandrayaan-1" for "Chandrayaan-3": another of the series
    out.other_occurrence |= any(not members & passage.series[stem]
                                for stem, members in series.items() if stem in passage.series)
    # "the opening game" for "game 14": another numbered occasion (the claim's own, not any its article names)
    out.other_occurrence |= any(not members & passage.rounds[stem]
                                for stem, members in claim.rounds.items() if stem in passage.rounds)
    # nor does a passage all of whose occasions lie long before it contradict a claim that names no time
    out.long_before = not _occasions(claim) and _long_before(_occasions(passage), dates.article)
    if out.long_before and clause is not None and {d["slot"] for d in out.differences} == {"polarity"}:
        # a denial is as old as its own verb's dates: "was never certified ... argued in a 2019 blog post"; an
        # undated verb is as old as the report ("Boric called for a new constitutional process", written 2022)
        own = _dates_of(clause, passage, undated=True) or ([dates.published] if dates.published else [])
        out.long_before = _long_before(own, dates.article)
    # (but a deed done once has one place and day, however long ago it was told: "Carney was born in Edmonton" /
    # "was born on 16 March 1965 in Fort Smith")
    out.long_before &= not _stems(main.event) & _stems(_ONCE)
    out.old_report = not _occasions(claim) and dates.published is not None and _long_before([dates.published], dates.article)
    # a report of years before cannot tell that a state still holds: "The new pope is 76" / "The new pope, Jorge
    # Mario Bergoglio, ... was 76 years old" (2013), "CrowdStrike is based in Sunnyvale" / a report of 2021
    out.stale = out.old_report and main.now and _long_before([dates.published], dates.article, days=365)
    if _picked_out_otherwise(main, clause, claim, out):
        out.differences = []
    out.differences = [d for d in out.differences
                       if not _of_one_picked_out(claim, d) and not _picks_out(claim, main, d)]
    if any(d["slot"] in _DATE_PARTS for d in out.differences) and (
            _another_figure(claim, passage, event) or _figure_dated_alike(claim, passage)):
        # (or the passage gives the claim's figure on the claim's day, its other day another figure's: "rose 2.0
        # percent in January" / "rose 2.8% in February 2024 ..., up from 2.0% in January")
        # "in 2021 alone, Google paid $26.3 billion" / "Google paid Apple $20 billion in 2022": another
        # year and another sum, another payment; one year for the other is no error of this one
        out.differences = [d for d in out.differences if d["slot"] not in _DATE_PARTS]
    if _apart(claim, out.differences):
        # two of the claim's days both told otherwise ("warned ... on 26 May that the money would run out
        # by 5 June" / "on 1 May ... as early as 1 June"): the passage tells of another occasion
        out.differences, out.other_occurrence = [], True
    if out.named_other_doer:
        # "Peña Nieto won the presidency in 2012" gives the year of another's win, not of the claim's man's
        out.differences = [d for d in out.differences if d["slot"] in ("person", "org", "place")]
    unreal = clause.unreal if clause is not None else any(c.unreal for c in passage.clauses)
    if main.unreal != unreal:
        out.differences = []  # what would have happened is not contradicted by what did, nor the reverse
    # a name each text also writes as the other does is no other name: "the Basilica of" / "Basilica", one
    # basilica the entity tagger cut two ways
    out.differences = [d for d in out.differences if not (d["slot"] in NAME_SLOTS and _writes(passage.text, d["claim"]["text"])
                                                          and _writes(claim.text, d["passage"]["text"]))]
    if article is not None:
        # "the RN's president" / "the National Rally": an acronym the article gives in brackets after a name is that name
        out.differences = [d for d in out.differences if not (d["slot"] in NAME_SLOTS and _defined_as(
            article.text, d["claim"]["text"], d["passage"]["text"]))]
    # another doer with other figures is another's story told alike, not the claim's with its doer changed ("The
    # Japan Innovation Party fell to 38 seats from 44" / "the Japanese Communist Party ... fell to eight seats
    # from 10"): a swapped doer is told with the claim's own figures
    figures = [n for n in claim.of("number") if n.role != "age"]
    if out.differences and figures and all(d["slot"] in ("person", "org") for d in out.differences) \
            and not any(t.role == n.role and _states(n, t) for n in figures for t in passage.of("number")):
        out.differences = []
    # an undated claim's event is its article's: a passage that dates its own telling of that event otherwise
    # than the article does tells of another, and what differs is that one's ("41 percent voted against the
    # deal" of an article whose vote was on Monday / "voted on Wednesday, 23 October 2024, to reject a proposal
    # ... About 64 percent voted against")
    out.other_occurrence |= bool(out.differences) and article is not None \
        and (_dated_otherwise(claim, main, clause, passage, article, dates.article)
             or _told_before_it(claim, main, article, dates))
    # a passage published long before the article's own days, which the claim gives its event, cannot tell of
    # that event: it tells of an earlier one ("was freed on Tuesday (6 August 2024)" / "was released from prison
    # on 25 March 2020"), unless the event happens once ("died on 2 January 2025" / "died on 29 December 2024").
    # (Of a claim dated years back the passage may tell the one time it happened: "hit in October 2013 by
    # Hurricane Pauline" / Pauline's 1997.)
    out.other_occurrence |= bool(out.differences) and _told_before(claim, dates) \
        and not _stems(main.event) & _stems(_ONCE)
    if not out.same_event and not _stems(claim.verbs - LIGHT_VERBS) & _stems(passage.verbs):
        # a date is the day of a deed: a passage that tells none of the claim's deeds gives the days of its own,
        # unless the two dates are of one deed or thing (see _one_deed_dated): "parliament approved it ... on 23
        # January" / "Erdoğan signed ... on 25 January 2024, two days after parliament voted 287 to 55"
        out.differences = [d for d in out.differences if d["slot"] not in _DATE_PARTS
                           or _one_deed_dated(d, claim, passage, tally, pinned, bool(claim.names) and out.names_covered)]
    if clause is not None and clause.state != main.state:
        # a state holds over days: "voting places are open from 9am until 7pm" on election day gives no other day
        # for "advance voting opened on 2 October"
        out.differences = [d for d in out.differences if d["slot"] not in _DATE_PARTS]
    if main.event & _BEGINS and not passage.verbs & _BEGINS:
        out.differences = [d for d in out.differences if d["slot"] not in _DATE_PARTS]
    _ordinals(claim, passage, out, dates)
    if out.differences and out.differing_kinds <= {"number", "quantifier", "tally"} and _earlier_point(claim, passage, dates):
        # a count told as it stood by a day is that day's: "By last Saturday (24 September 2022), DeSantis had
        # declared a state of emergency in all 67 counties" / "declared ... for 24 of Florida's 67 counties on
        # Friday, 23 September 2022" tells how far it had got a day before, no other count
        out.other_occurrence = True
    out.unstated = _unstated(claim, passage)
    out.coverage = _coverage(claim, passage, out.matches)
    out.figures_stated = _figures_stated(claim, passage, out.matches)
    if speaker is not None and clause is not None and _said_by_another(speaker, clause, passage):
        out.other_speaker = True
        start, end = clause.sayer_span
        out.differences.append({"slot": "speaker", "claim": {"text": speaker.text},
                                "passage": {"text": passage.text[start:end], "start": start, "end": end}})
    return out


def _initials_of(mine: str, theirs: str, claim: Frame, passage: Frame) -> bool:
    """One doer is written as the initials of the other's name: "the BDP" / "the Botswana Democratic Party"."""
    return bool(mine and theirs) and (passage.initials.get(name_key(theirs), "").lower() == norm_name(mine)
                                      or claim.initials.get(name_key(mine), "").lower() == norm_name(theirs)
                                      or abbreviates(mine, theirs) or abbreviates(theirs, mine))


def _said_by_another(speaker: Sayer, clause: Clause, passage: Frame) -> bool:
    """The passage's clause is what people it names said, none of them the claim's speaker, who is
    named nowhere in the passage: the words may be true, but the passage does not say that the
    claim's speaker said them (a quote given to the wrong person is an error of its own)."""
    if not speaker.people or not clause.sayers or speaker.people & clause.sayers:
        return False
    text = norm_name(passage.text)
    return not speaker.people & (passage.names | passage.content) and not any(p in text for p in speaker.people)


def _figures_stated(claim: Frame, passage: Frame, matches: list[dict[str, Any]]) -> bool:
    """The claim gives a figure, and the passage states each of its figures (the same value, not one
    its bound allows: "almost 79 percent" is not stated by "77.7%") and each of its dates."""
    figures = claim.of("number") + claim.of("tally")
    theirs = {s.start: s for s in passage.of("number") + passage.of("tally")}
    def same(m: dict[str, Any]) -> bool:
        if m["slot"] in _DATE_PARTS:
            return True
        mine = next((s for s in figures if s.start == m["claim"].get("start")), None)
        other = theirs.get(m["passage"].get("start"))
        return mine is not None and other is not None and mine.bound == other.bound \
            and _same_value(mine.value, other.value, mine.role, mine.decimals)
    stated = {m["claim"].get("start") for m in matches if m["slot"] in ("number", "tally", *_DATE_PARTS) and same(m)}
    return bool(figures) and all(s.start in stated for s in figures + claim.of("date"))


_ONCE = {"die", "bear", "born", "found", "kill", "bury", "assassinate", "murder", "execute", "invent", "establish"}


def _told_before(claim: Frame, dates: Dates) -> bool:
    """Every day the claim gives its event is of its article's own days (within a month of it: "ends on 29
    September" of an article of the 20th is as much this season's as "began on Sunday"), and the passage was
    published more than a month before each."""
    whens = [(_year_of(c, dates.article, claim) or c[0], *c[1:]) for c in _occasions(claim)]
    whens = [w for w in whens if w[0] is not None]
    return dates.published is not None and dates.article is not None and bool(whens) and all(
        _long_before([dates.published], (w[0], w[1] or 1, w[2] or 1, None)) and not _long_before([w], dates.article)
        and not _long_before([dates.article], (w[0], w[1] or 1, w[2] or 1, None)) for w in whens)


def _dated_otherwise(claim: Frame, main: Clause, clause: Clause | None, passage: Frame, article: Frame,
                     day: When | None) -> bool:
    """The claim names no time, its article dates the claim's event in its own days (``day``, the
    article's; not "the last time the Commons voted on assisted dying, in 2011"), in a sentence that
    names what the claim names ("Otis came ashore ... on 25 October" dates no "Lidia came ashore"), and
    every date the passage gives its own telling of that event disagrees with every such date."""
    told = _article_days(claim, main, article, day)
    # the passage's dates of its telling of the event ("voted on Wednesday, 23 October 2024, to reject")
    own = _hung_from(clause) | (_stems({clause.patient}) if clause.patient else set()) if clause is not None else set()
    theirs = [d.value for d in passage.of("date") if _stems(d.anchors) & own]
    return bool(told and theirs) and not any(_agree(a, b) for a in told for b in theirs)


_DEFINED = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for|de|du)\s+)*)*[A-Z][\w'’.-]*)\s+\(([A-Z][A-Za-z]{1,7})\)")


def _defined_as(article: str, a: str, b: str) -> bool:
    """One of two names is an acronym the article defines in brackets after the other: "National Rally (RN)"."""
    pairs = {(m.group(2).lower(), norm_name(m.group(1))) for m in _DEFINED.finditer(article)}
    a, b = norm_name(a), norm_name(b)
    return any(acr in (a, b) and (full.endswith(b) or full.endswith(a)) and {a, b} - {acr} for acr, full in pairs)


def _article_days(claim: Frame, main: Clause, article: Frame, day: When | None, every: bool = True) -> list[When]:
    """The days the article gives the event of a claim that names no time: dates of the article's own days
    hung from the claim's verb, in a sentence naming what the claim names (``every`` name, else any)."""
    if _occasions(claim):
        return []
    def of_claim(d: Slot) -> bool:
        start, end = article.sentence_of(d)
        named = [n in article.text[start:end].lower() for n in claim.names]
        return all(named) if every else any(named)
    def current(d: Slot) -> bool:  # (not a month alone)
        return (d.value[0] is not None or d.value[2] is not None or d.value[3] is not None) and not _long_before(
            [d.value], day)
    return [d.value for d in article.of("date") if _stems(d.anchors) & _stems(main.event) and current(d) and of_claim(d)]


def _told_before_it(claim: Frame, main: Clause, article: Frame, dates: Dates) -> bool:
    """The passage was published before every day its article gives the claim's event ("approved on Wednesday"
    of an article of Friday 12 January / a passage of Tuesday 9 January: "had not approved"): it tells of the
    time before, not of the event."""
    if dates.published is None or dates.article is None or None in dates.published[:3] or None in dates.article[:3]:
        return False
    published, today = dt.date(*dates.published[:3]), dt.date(*dates.article[:3])
    days = []
    for w in _article_days(claim, main, article, dates.article, every=False):
        if None not in w[:3]:
            days.append(dt.date(*w[:3]))
        elif w[0] is None and w[1] is None and w[2] is None and w[3] is not None:  # a weekday: the last before the article
            days.append(today - dt.timedelta(days=(today.weekday() - w[3]) % 7))
    return bool(days) and all(published < d for d in days)


def _namesakes_unsure(claim: Frame, passage: Frame, article: Frame) -> set[str]:
    """Name stems of the claim's people whose surname the article gives to another person too, where
    the passage writes that surname without the claim's person's first name: the passage's "Carter"
    is the article's most named Carter (Jimmy), not the claim's Rosalynn Carter."""
    def full(frame: Frame) -> dict[str, Counter[str]]:  # surname stem -> first names written with it
        out: dict[str, Counter[str]] = {}
        for s in frame.of("person"):
            words = norm_name(s.text).split()
            out.setdefault(name_key(s.text), Counter()).update(words[:1] if len(words) > 1 else [])
        return out
    told, mine, theirs = full(article), full(claim), full(passage)
    return {key for key, first in mine.items() if first and len(told.get(key, Counter()) | first) > 1
            and key in theirs and not first.keys() & theirs[key].keys()
            and (told.get(key) or first).most_common(1)[0][0] not in first}


def _writes(text: str, name: str) -> bool:
    """The text writes the name, word for word (a leading "the" aside)."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.I) is not None


def _doer_on_one_side(mine: Clause, theirs: Clause) -> bool:
    """One clause says who did it and the other does not: "Iowa Democrats held no caucus that night"
    denies only the Democrats' caucus, not that "The caucuses were held" (by someone)."""
    return (mine.agent == "") != (theirs.agent == "") and mine.head != theirs.head  # ("it" is a doer, unnamed)


def _done_long_before(clause: Clause, claim: Frame, passage: Frame, dates: Dates) -> bool:
    """The passage dates its clause's verb long before a claim that names no time: "The
    Conservatives, who had won 14 Welsh seats in 2019" tells of another election than "The
    Conservatives won none of the seats in Wales" of 2024."""
    return not _occasions(claim) and _long_before(_dates_of(clause, passage), dates.article)


def _before_the_bound(mine: Clause, theirs: Clause, claim: Frame, passage: Frame) -> bool:
    """A denial bounded by "since" says nothing of the deed done at or before its bound: "No American man has
    won one of the four majors since Roddick took the US Open title in 2003" / "The last American man to win
    ... is still Andy Roddick, who won the US Open in 2003"."""
    since = re.search(r"\bsince\b", claim.text)
    if not (mine.negated or mine.quantifier == 0) or theirs.negated or since is None:
        return False
    bounds = [d.value[0] for d in claim.of("date") if d.start > since.start() and d.value[0] is not None]
    told = [w[0] for w in _dates_of(theirs, passage)]
    return bool(bounds and told) and None not in told and max(told) <= max(bounds)


def _dates_of(clause: Clause, passage: Frame, undated: bool = False) -> list[When]:
    """The passage's dates that hang from the clause's event (and, with ``undated``, those that hang
    from nothing)."""
    return [d.value for d in passage.of("date") if undated and not d.anchors or _stems(d.anchors) & _hung_from(clause)]


def _hung_from(clause: Clause) -> set[str]:
    """The anchors a value of the clause's event hangs from: its verbs' stems, and a light verb with
    its object whole ("hold:games")."""
    return _stems(clause.event) | {f"{v}:{clause.patient}" for v in clause.event & LIGHT_VERBS if clause.patient}


def _told_beside(claim: Frame, passage: Frame, out: Alignment) -> None:
    """What the claim says beside its main event is claimed too: "wished the government luck in a
    message that mentioned Milei by name" is denied by "in a message that did not mention Milei".
    Only a clause of the same verb said of the same named or described one is compared."""
    for mine in claim.clauses[1:]:
        if mine.head in _NO_REFERENT:
            continue
        theirs = next((c for c in passage.clauses if _events(mine) & _events(c) and c.head == mine.head
                       and c.restrictive == mine.restrictive
                       and c.particle == mine.particle and not _other_patient(mine, c, claim, passage)), None)
        if theirs is not None and not any(d["slot"] in ("polarity", "quantifier") for d in out.differences):
            found = Alignment()
            _polarity(mine, theirs, found)
            out.differences += [d for d in found.differences if d["slot"] == "polarity"]


def _another_story(claim: Frame, main: Clause, passage: Frame, article: Frame) -> bool:
    """A claim that names no one and speaks of a thing the reader knows of is about its article's
    cast: "The walkout began on 15 September" of an article on the UAW strike is not the Writers
    Guild's walkout of a passage that names nothing the article names."""
    if claim.names or main.head_named or not main.definite or not passage.names:
        return False  # (what "Craters that never see sunlight" do is no one story's)
    kinds = {k.split(":", 1)[1] for k in main.subject_kind}
    if kinds and kinds <= passage.content:
        return False  # the passage's is the claim's kind: "The physics prize has now been awarded" / "the Nobel Prize in Physics"
    told = article.names | article.content
    return not any(n in told or len(n) >= 4 and any(m[:4] == n[:4] for m in told) for n in passage.names)


def _named_apart(claim: Frame, main: Clause, passage: Frame, paragraph: Frame) -> bool:
    """A claim that names nothing and speaks of "the index" is of the one its paragraph names as the subject
    of a thing ("Japan's Nikkei 225 stock average closed ..."); a passage whose index is picked out by a name
    the paragraph never uses ("the broader Topix index"), and which names nothing the paragraph does, is of
    another. (A paragraph that names no such subject leaves the claim's open.)"""
    if claim.names or main.head_named or not main.definite or not main.head or main.head in _NO_REFERENT:
        return False
    if not any(c.subject_names and not c.head_named for c in paragraph.clauses):
        return False
    named = [c for c in passage.clauses if c.head == main.head and c.subject_names]
    return bool(named) and not any(c.subject_names & paragraph.names for c in named) \
        and not passage.names & paragraph.names


def _another_kind(main: Clause, passage: Frame) -> bool:
    """The claim says which one its subject is by a word the passage never uses, and the passage says
    which one it speaks of by others: "The economics prize will be announced" / "awarded the 2023
    Nobel Prize in Physiology or Medicine ... The prize was announced"."""
    mine = {k.split(":", 1)[1] for k in main.subject_kind}
    theirs = passage.kinds.get(main.head, set())
    return bool(mine and theirs) and not mine & (passage.content | theirs)


def _picked_out_otherwise(main: Clause, clause: Clause | None, claim: Frame, out: Alignment) -> bool:
    """The claim's subject is one the passage's clause may not be, so no value of the passage's is
    another value of the claim's. "A flood in October 1957 killed 81 people in the city": which flood,
    its own details say; a passage's other flood with other details is another one. Nor is "Gaming
    revenue fell 38%" contradicted by "AMD's gaming revenue fell 65%": it may be another's (the same
    value still tells for it). And "a full federal appeals court ruled 7-0 in 2001" is not "US District
    Judge Jackson ruled in 2000": the passage's doer is named, and is no such one. (A name that holds the
    claim's word of kind is no other one: "The literature prize" / "the Nobel Prize in Literature".)"""
    kinds = {name_key(k.split(":", 1)[1]) for k in main.subject_kind}
    if clause is not None and kinds and kinds <= clause.owner_names | clause.subject_names:
        return False
    if not claim.names and not main.head_named and (
            main.indefinite or clause is not None and clause.head == main.head and clause.owner_names
            and not main.subject_names):
        return True
    return main.indefinite and clause is not None and clause.head_named and not out.same_subject \
        and main.head not in clause.office


def _of_one_picked_out(claim: Frame, difference: dict[str, Any]) -> bool:
    """The claim's value is told of one its own relative clause introduces: "a magnitude 6.5 quake that
    struck Suzu in May 2023" is picked out by its details, and a passage's quake of another month is
    another quake, not another month of this one."""
    start = difference["claim"].get("start")
    slot = next((s for s in claim.slots if s.start == start and start is not None), None)
    if slot is None or not claim.clauses:
        return False
    own = _stems(slot.anchors)
    return not own & _stems(claim.clauses[0].event) and any(
        c.indefinite and not c.head_named and own & _stems(c.event) for c in claim.clauses[1:])


def _picks_out(claim: Frame, main: Clause, difference: dict[str, Any]) -> bool:
    """The claim's date differing stands in a relative clause that says which things the claim is of,
    not in what it reports: "All four other parties that won seats in May ended up
    with fewer" / a party that "won eight seats on 25 June" is one of another vote's winners."""
    if difference["slot"] not in _DATE_PARTS:
        return False
    date = next((s for s in claim.of("date") if s.start == difference["claim"].get("start")), None)
    picking = set().union(*(_stems(c.event) for c in claim.clauses if c.restrictive))
    return date is not None and bool(_stems(date.anchors) & picking) and not _stems(date.anchors) & _stems(main.event)


def _another_figure(claim: Frame, passage: Frame, event: set[str]) -> bool:
    """The passage gives a figure of the kind of one of the claim's (money, % or a count of the same
    noun; or, for figures of no noun, one the event reached: "rose above 20,000" / "passed 5,000") and
    none equal to it."""
    def alike(m: Slot, t: Slot) -> bool:
        return t.role == m.role and bool(m.role or _stems(m.anchors) & event and _stems(t.anchors) & event)
    def apart(m: Slot, t: Slot) -> bool:  # two bounds of one direction far apart are two counts ("more than 8,400"
        # in a year / "more than 1,100" in a month), though each is consistent with the other
        return bool(m.bound) and m.bound == t.bound and isinstance(m.value, (int, float)) and isinstance(
            t.value, (int, float)) and min(abs(m.value), abs(t.value)) * 1.5 < max(abs(m.value), abs(t.value))
    return any((same_kind := [t for t in passage.of("number") if alike(m, t)])
               and not any(_states(m, t) or _consistent(m, t) and not apart(m, t) for t in same_kind)
               for m in claim.of("number"))


def _figure_dated_alike(claim: Frame, passage: Frame) -> bool:
    """The passage writes one of the claim's figures (of its noun) with a date right after it ("2.0% in
    January") that agrees with a date of the claim that names its month."""
    for m in claim.of("number"):
        for t in passage.of("number"):
            if t.role != m.role or not _states(m, t):
                continue
            after = next((d for d in passage.of("date") if d.start >= t.end), None)
            if after is not None and re.fullmatch(r"[\s,]*(?:in|on|for)?\s*", passage.text[t.end:after.start]) and any(
                    c.value[1] is not None and _agree(c.value, after.value) for c in claim.of("date")):
                return True
    return False


def _other_patient(mine: Clause, theirs: Clause, claim: Frame, passage: Frame) -> bool:
    """The two clauses do their verb to different things, both described or both named, and neither text
    has the other's: "set sentencing" / "set a trial date", "had beaten Alcaraz in Friday's semi-final" /
    "beat Casper Ruud in the final"; or offer, agree or plan to do different things: "offered to go
    ahead on the original terms" / "offered to buy Twitter"."""
    if mine.intent and theirs.intent and mine.intent != theirs.intent:
        return True
    a, b = mine.patient, theirs.patient
    if a and not b and mine.negated and a not in _PRONOUNS and a not in passage.content and name_key(a) not in passage.names:
        return True  # "did not drop a set" / "dropped to his knees": the verb done to nothing the claim denies it of
    if not (a and b) or a == b or a in _PRONOUNS or b in _PRONOUNS:
        return False
    named = a in claim.proper or name_key(a) in claim.names, b in passage.proper or name_key(b) in passage.names
    if named[0] != named[1]:
        return False  # a named one may be the one the other describes: "won the trophy" / "won the World Cup"
    # (or each text has both, telling them apart: "won 215 of the 465 seats, short of the 233 needed for a
    # majority" / "Seats won: ... No party won a majority")
    told_apart = a in passage.content and b in claim.content
    return told_apart or a not in passage.content and name_key(a) not in passage.names and b not in claim.content \
        and name_key(b) not in claim.names


def _coverage(claim: Frame, passage: Frame, matches: list[dict[str, Any]]) -> float:
    """The share of the claim's content words the passage has; the words of a value it states in
    other words count as had ("100 votes to 11" / "100 in favour, 11 against")."""
    if not claim.content:
        return 0.0
    said = {w.lower().rstrip("s") for m in matches if m["slot"] in ("tally", "number")
            for w in re.findall(r"[A-Za-z]+", m["claim"]["text"])}
    said |= {a.lower() for a in passage.initials.values()}  # "BDP" / "Botswana Democratic Party"
    return len({c for c in claim.content if c in passage.content or c.rstrip("s") in said}) / len(claim.content)


def _unstated(claim: Frame, passage: Frame) -> list[str]:
    """The claim's dates, figures and tallies for which the passage states no equal value while it
    does state values of that kind: such a passage does not say what the claim says ("held on
    Tuesday" against "on Friday, 29 November"), even where it cannot be tied to the same event."""
    out = []
    for kind in ("date", "number", "tally"):
        theirs = passage.of(kind)
        for mine in claim.of(kind):
            equal = [s for s in theirs if _compatible(mine, s)]
            # another's value ("Labour won 23.7%" / "The Conservatives took 23.7%") or the value before a
            # change ("turnout was 67.3%" / "59.7%, down from 67.3%") does not state the claim's
            # (a margin, "by 630 votes", is the contest's: "lost to Labour by 630" / "Labour won by 630")
            own = [s for s in equal if (not _other_doer(mine, s) or _word_before(claim.text, mine) == "by")
                   and not (kind == "date" and _another_ones_day(mine, s)) and (_was(claim, mine) or not _was(passage, s))]
            # nor does a date that bounds a span ("moved the start forward from 1 December") state the day
            # of an occasion ("to be sworn in on 1 December")
            own = [s for s in own if kind != "date" or not _span_word(passage.text, s)
                   or bool(_span_word(claim.text, mine))]
            if kind in ("number", "date") and equal and not own:
                out.append(mine.text)
            elif theirs and not equal and mine.text not in passage.text:
                out.append(mine.text)
    figures = [s.value for s in passage.of("number")]
    for mine in claim.of("tally"):  # "The Ayes numbered 330" gives one side of "330 to 257"
        if any(_same_value(mine.value, s.value) for s in passage.of("tally")):
            continue  # stated in full ("by a majority of 5-4 ... to 5%": the 5 of 5% is no side)
        sides = [any(_same_value(v, f) for f in figures) for v in mine.value]
        if any(sides) and not all(sides) and mine.text not in out:
            out.append(mine.text)
    return out


def _compatible(mine: Slot, theirs: Slot) -> bool:
    if mine.kind != "date":
        return _states(mine, theirs)
    known = [(a, b) for a, b in zip(mine.value, theirs.value) if a is not None and b is not None]
    return bool(known) and all(a == b for a, b in known)


def _same_doer(claim: Clause, passage: Clause, bare_heads: bool) -> bool:
    """The two clauses are about the same subject: the same head noun (with ``bare_heads``, even a
    pronoun or none), a name in both subjects, or the same doer and done-to."""
    heads = claim.head == passage.head and (bare_heads or claim.head not in _NO_REFERENT)
    # ("Bazoum has resigned" / "President Mohamed Bazoum ... was still being held. He has not resigned")
    referred = bool(passage.referent) and passage.referent in {name_key(claim.head)} | claim.subject_names
    return heads or referred or bool(claim.subject_names & passage.subject_names) or _same_roles(claim, passage)


def _named_in(story: Frame | None, main: Clause) -> bool:
    """The claim's subject is a word its article writes with a capital inside a sentence, not before
    another name: a name, whatever the tagger took it for ("Holiday won a title with Milwaukee" of "and
    Holiday, who won a title with Milwaukee in 2021,"; not "President" of "said President Biden")."""
    word = main.head
    return story is not None and not main.definite and word.isalpha() and re.search(
        rf"(?<=[a-z,;] ){re.escape(word.capitalize())}\b(?! [A-Z])", story.text) is not None


def _titled(claim: Clause, passage: Clause, text: Frame) -> bool:
    """The passage's subject is "the" title its one holder of that title has, and that holder is the
    claim's named subject."""
    if not claim.head_named or not passage.definite or passage.head_named or passage.head in _NO_REFERENT:
        return False
    holders = {p.holder.value for p in text.posts if passage.head in p.role}
    return holders == {name_key(claim.head)}


def _same_roles(claim: Clause, passage: Clause) -> bool:
    """The same doer and done-to, whichever is the grammatical subject: "No diplomats were expelled
    by either country" and "Both countries expelled dozens of diplomats"."""
    known = [(a, b) for a, b in ((claim.agent, passage.agent), (claim.patient, passage.patient))
             if a not in _NO_REFERENT and b not in _NO_REFERENT]
    return bool(known) and all(a == b for a, b in known)


def _described_alike(claim: Frame, passage: Frame, missing: set[str]) -> set[str]:
    """Claim names the passage speaks of by description: "the Terminally Ill Adults (End of Life)
    Bill" is "the assisted dying bill" of a passage that names no other bill."""
    named = set(passage.name_heads.values())
    return {n for n in missing if claim.name_heads.get(n) in passage.described - named}


def _stems(words: set[str] | frozenset[str]) -> set[str]:
    """Word stems for matching an event named as a verb or a noun ("annexed" / "annexation"); a light
    verb's event is matched with its object whole ("hold:rate")."""
    return {w if ":" in w else w[:5] for w in words}


def _rivals(mine: Slot, theirs: list[Slot], event: set[str]) -> list[Slot]:
    """Passage slots that say something about the same thing as the claim's slot: they hang from
    the same word as it (the same event, "annexation ... in 2014"), or from the matched event."""
    own = _stems(mine.anchors)
    return [s for s in theirs if _stems(s.anchors) & (own or event) or (_stems(s.anchors) & event and own & event)]


def _polarity(claim: Clause, passage: Clause, out: Alignment, compare: bool = True) -> None:
    """Polarity matches or differs; without ``compare`` (the passage reports the event in other
    words) a match still counts, a difference is not claimed."""
    words = {True: "denied", False: "affirmed"}
    if claim.conditional or passage.conditional:
        return  # a rule ("if the statute was silent, the court deferred") says nothing of what happened
    if claim.partly or passage.partly:
        return  # "not fully contained" is no opposite of "85% contained"
    same = claim.negated == passage.negated and (claim.quantifier == 0) == (passage.quantifier == 0)
    if claim.possible != passage.possible:
        out.opposed = not same
        return  # "can declare an emergency" tells what may be done: no opposite of "has not declared one"
    if passage.ever and not passage.negated and not claim.ever:
        return  # "only one motion has ever passed" (in 1962) is no opposite of "Neither motion passed" (today)
    if not compare:
        if same:
            out.matches.append(_pair("polarity", words[claim.negated], words[passage.negated]))
        else:
            out.opposed = True
        return
    if claim.quantifier is not None and passage.quantifier is not None and (claim.quantifier == 0) != (
            passage.quantifier == 0):
        out.differences.append(_pair("polarity", "none" if claim.quantifier == 0 else "some",
                                     "none" if passage.quantifier == 0 else "some"))
    elif claim.quantifier is not None and passage.quantifier is not None and claim.negated == passage.negated \
            and (claim.quantifier == ALL) != (passage.quantifier == ALL) and min(claim.quantifier, passage.quantifier):
        # "Most of the 177 people on board survived" / "All 177 people on board survived": "most" says not all
        out.differences.append(_pair("quantifier", "all" if claim.quantifier == ALL else "not all",
                                     "all" if passage.quantifier == ALL else "not all"))
    elif claim.quantifier is not None and passage.quantifier is not None and claim.negated == passage.negated \
            and {claim.quantifier, passage.quantifier} in _AT_ODDS:
        # "reversed few of the tax cuts" / "reversed almost all of the tax measures": few is not most
        out.differences.append(_pair("quantifier", _Q_WORDS[claim.quantifier], _Q_WORDS[passage.quantifier]))
    elif claim.negated != passage.negated:
        out.differences.append(_pair("polarity", words[claim.negated], words[passage.negated]))
    else:
        out.matches.append(_pair("polarity", words[claim.negated], words[passage.negated]))


def _denied_of_another(main: Clause, passage: Frame) -> bool:
    """The passage tells the claim's deed, done to the claim's thing, with the other polarity, of a
    subject the claim does not name ("The asteroid pair poses a threat to Earth" / "Neither body poses
    a threat to Earth"): whoever its subject is, such a passage does not state the claim."""
    if not main.patient or main.conditional or main.possible:
        return False
    return any(c.patient == main.patient and _stems(c.event) & _stems(main.event) and not (c.conditional or c.possible)
               and (c.negated or c.quantifier == 0) != (main.negated or main.quantifier == 0) for c in passage.clauses)


def _quantities(claim: Frame, passage: Frame, out: Alignment) -> None:
    """How many of a thing a verb is said of, wherever the noun stands ("lowered to half-mast on some
    public buildings" / "with flags lowered to half-mast on all public buildings", "Most of the five
    people aboard were killed" / "killed all five people aboard"): the same noun with the same verb.
    None differs from some, all from any other share, few from most (as a clause's quantifiers do)."""
    if any(d["slot"] in ("polarity", "quantifier") for d in out.differences) or \
            any(m["slot"] == "quantifier" for m in out.matches):
        return  # told of the clause already
    for mine in claim.quantified:
        for theirs in passage.quantified:
            # (a light verb's deed is told by its object: "had the support of" / "had the backing of")
            light = ":" in mine.verb + theirs.verb and mine.verb != theirs.verb
            if theirs.noun != mine.noun or theirs.denied != mine.denied or not _one_deed(mine.verb, theirs.verb) \
                    or mine.verb in LIGHT_VERBS or mine.side != theirs.side or light:
                continue  # ("Most of the cases have been in Congo" / "all cases sequenced were", "for" / "against")
            values = {mine.value, theirs.value}
            if (mine.value == 0) != (theirs.value == 0):
                out.differences.append(_pair("polarity", "none" if mine.value == 0 else "some",
                                             "none" if theirs.value == 0 else "some"))
            elif ALL in values and len(values) == 2 or values in _AT_ODDS:
                out.differences.append(_pair("quantifier", mine.text, theirs.text))
            elif mine.value == theirs.value:
                out.matches.append(_pair("quantifier", mine.text, theirs.text))
            else:
                continue
            return


def _one_deed(a: str, b: str) -> bool:
    """Two verbs, written alike or standing for one deed ("beat" / "defeat")."""
    return a[:5] == b[:5] or bool(_DEED_OF.get(a, set()) & _DEED_OF.get(b, set()))


def _names(claim: Frame, passage: Frame, event: set[str], out: Alignment, dates: Dates = Dates()) -> None:
    """Names match anywhere in the passage; a rival must hang from the same word or event. (Not the
    one doer of a passage that tells the event in other words: "introduced by Kim Leadbeater" and
    "criticised by Wes Streeting" are within a hair of the embedding's "same event".)"""
    for kind in ("person", "org", "place"):
        theirs = passage.of(kind)
        for mine in claim.of(kind):
            if kind == "place" and _town(mine):
                _region(mine, passage, out)
                continue
            same = [s for s in theirs if _same_name(kind, mine.value, s.value) or kind == "person" and _one_person(mine, s)]
            same += [s for s in theirs if kind == "place" and not same and within(s.text, mine.text, surely=True)]
            same += [s for s in theirs if not same and _one_named_twice(kind, mine.text, s.text)]
            if (same or (kind != "org" and name_key(mine.text) in passage.names)) and not (
                    kind == "place" and (rival := _placed_otherwise(mine, theirs))):
                out.matches.append(_pair(kind, mine, same[0] if same else mine.text))
                continue
            if kind == "place" and (same or name_key(mine.text) in passage.names):
                out.differences.append(_pair(kind, mine, rival))
                continue
            # a passage value the claim itself states elsewhere ("Moscow and Washington") is no rival
            others = [s for s in _rivals(mine, theirs, event)
                      if not any(_same_name(kind, c.value, s.value) for c in claim.of(kind)) and s.value not in claim.names
                      and (kind != "person" or name_key(s.text) not in claim.names)]  # (a person the tagger took for a body)
            # (who is what is said of the same what: "Qasim Ibrahim is Jumhooree Party leader" has no rival in "Ibrahim
            # Mohamed Solih ... is a politician of the Maldivian Democratic Party")
            others = [s for s in others if not (kind == "person" and mine.anchors <= {"be"} and not out.same_event)]
            rival = _rival(kind, mine, others)
            # "in December 2019, Boris Johnson led ..." against a sentence of 2024: another occasion's leader
            if rival is not None and not _another_when(claim, passage, rival, dates):
                out.differences.append(_pair(kind, mine, rival))


_PLACE_KINDS = {"ocean", "sea", "river", "lake", "bay", "gulf", "island", "islands", "peninsula", "mountains",
                "desert", "strait", "channel", "city", "county", "province", "region", "state", "prefecture",
                "district", "governorate", "oblast", "territory", "emirate", "canton", "municipality", "borough"}
_OWNER = re.compile(r"^(?:the\s+)?(\S+)['’]s?\s+(?=\S)")


def _one_named_twice(kind: str, a: str, b: str) -> bool:
    """One place with and without the word for its kind ("the Pacific" / "the Pacific Ocean"), or one
    body owned by a name and by a description of it ("Harvard's Board of Overseers" / "the
    university's Board of Overseers"): the same one, not a rival."""
    if kind == "place":
        bare = [[w for w in norm_name(x).split() if w not in _PLACE_KINDS] for x in (a, b)]
        return bool(bare[0]) and bare[0] == bare[1]
    if kind != "org":
        return False
    owners = [_OWNER.match(x) for x in (a, b)]
    if not all(owners) or not any(m.group(1)[:1].islower() for m in owners):
        return False
    return norm_name(a[owners[0].end():]) == norm_name(b[owners[1].end():])


def _posts(claim: Frame, passage: Frame, out: Alignment, article: Frame | None = None) -> None:
    """Who holds a post: the claim's holder against the passage's holders of the same post ("Jack
    Dorsey is the chief executive" / "Musk fired Parag Agrawal, the chief executive"). Compared only
    for one post (the same words, of the same body), said of one holder ("the", not "a"), and, where
    no body is said, a post of more than one word ("chief executive", not "president"). ``article``:
    the claim's article, where known, for the names it writes in full."""
    written = [_folded(f.text) for f in (claim, passage, article) if f is not None]
    for mine in claim.posts:
        # a post the passage says its holder left is no post they hold now ("Jack Dorsey is the chief executive" /
        # "Dorsey stepped down as its chief executive"): no support, whatever else is alike
        out.opposed |= any(holder == mine.holder.value and role == mine.role for holder, role in passage.left)
        if mine.one_of or not mine.org and len(mine.role) < 2:
            continue
        # the claim's holder in that post of another body: "D'Angelo is the chief executive of Facebook" /
        # "D'Angelo, chief executive of Quora" (a holder may hold the post of one body only)
        # (a nationality is not compared so: "Finnish" is Finland's, which no spelling tells)
        held = [p for p in passage.posts if p.role == mine.role and p.holder.value == mine.holder.value and p.body
                and not p.nationality]
        if mine.body is not None and not mine.nationality and held and not any(
                _one_body(p, mine) or _held_at_once(p, mine) or _named_together(p.body.text, mine.body.text, written)
                for p in held):
            out.differences.append(_pair("org", mine.body, held[0].body))
            continue
        theirs = [p for p in passage.posts if p.role == mine.role and _one_body(p, mine) and not p.one_of]
        same = next((p for p in theirs if p.holder.value == mine.holder.value), None)
        if same is not None:
            out.matches.append(_pair("person", mine.holder, same.holder))
        elif theirs and not any(d["slot"] == "person" and d["claim"].get("start") == mine.holder.start
                                for d in out.differences):
            out.differences.append(_pair("person", mine.holder, theirs[0].holder))


def _one_body(a: Post, b: Post) -> bool:
    """Two posts of one body, or both of none said: "Federal Reserve" and "Federal Reserve Board" are
    one, written at two lengths."""
    if a.body is None or b.body is None:
        return a.body is b.body
    words = sorted((set(norm_name(a.body.text).split()), set(norm_name(b.body.text).split())), key=len)
    # ("CMA" / "Competition and Markets Authority", "PP" / "People's Party": of one post, two letters are enough)
    initials = {acronym(a.body.text, least=2), acronym(b.body.text, least=2)} - {""}
    # ("Swedish" / "Sweden": a nationality and its country, found by their first four letters as names are)
    one_word = len(words[0]) == 1 and next(iter(words[0]))[:4] in {w[:4] for w in words[1]}
    return a.org == b.org or one_word or bool(words[0]) and words[0] <= words[1] or bool(initials & {a.body.text, b.body.text})


def _named_together(a: str, b: str, texts: list[str]) -> bool:
    """A city and its side, or any two names a text writes as one ("Philadelphia" / "the Eagles", where
    the article writes "the Philadelphia Eagles"): the same body, named by either part. ``texts`` are
    lower case, accents folded (see ``_folded``)."""
    x, y = norm_name(a), norm_name(b)
    return x != y and any(f"{x} {y}" in t or f"{y} {x}" in t for t in texts)


def _folded(text: str) -> str:
    """Lower case, accents folded and spaces made one, punctuation kept ("Pogačar's" -> "pogacar's")."""
    return re.sub(r"\s+", " ", fold_accents(text).lower())


def _held_at_once(a: Post, b: Post) -> bool:
    """A post for a country and the same post for a body are held at once: "the England midfielder"
    plays for Real Madrid too, as a minister of a country sits for a party."""
    bodies = [p.body for p in (a, b) if p.body is not None]
    return len(bodies) == 2 and sum(is_country(x.text) for x in bodies) == 1 and any(x.label == "ORG" for x in bodies)


def _one_person(a: Slot, b: Slot) -> bool:
    """One name written at two lengths, whichever word the shorter keeps: "Tsai" of "Tsai Ing-wen",
    "Biden" of "Joe Biden"."""
    short, long = sorted((set(norm_name(a.text).split()), set(norm_name(b.text).split())), key=len)
    return bool(short) and short <= long


def _placed_otherwise(mine: Slot, theirs: list[Slot]) -> Slot | None:
    """The passage's place for what the claim's place is said of, where the passage has the claim's
    place only for something else: "built ... at its plant in Renton" / "builds the fuselages ... at its
    plant in Wichita, Kansas. The fuselages are shipped ... to Boeing's factory in Renton"."""
    # (compared only where both say where a thing is: the verbs places hang from are too loosely read
    # for it, "the booster made a splashdown in the Gulf" / "the booster came down in the Gulf")
    here = [s for s in theirs if mine.holder and s.holder == mine.holder]
    found = [s for s in theirs if _same_name("place", mine.value, s.value)]
    if not found or not all(s.holder and s.holder != mine.holder for s in found):
        return None  # the passage has the claim's place for nothing it says, or for the same thing
    if not here or any(_same_name("place", mine.value, s.value) or within(s.text, mine.text, surely=True)
                       or within(mine.text, s.text, surely=True) for s in here):
        return None
    return _rival("place", mine, here)


def _town(slot: Slot) -> str:
    """The place a region is written after ("East Palestine, Pennsylvania": East Palestine's key)."""
    return next((c[3:] for c in slot.context if c.startswith("in:")), "")


def _region(mine: Slot, passage: Frame, out: Alignment) -> None:
    """A region the claim writes after a town ("in East Palestine, Pennsylvania") is compared with the
    region the passage writes after that town ("in East Palestine, Ohio"). Written after another town
    ("to Conway, Pennsylvania") it says nothing of the claim's (see :func:`_unplaced`)."""
    said = [s for s in passage.of("place") if _town(s) == _town(mine)]
    if same := next((s for s in said if s.value == mine.value or nested(s.text, mine.text)), None):
        out.matches.append(_pair("place", mine, same))
    elif said:
        out.differences.append(_pair("place", mine, said[0]))


def _unplaced(claim: Frame, passage: Frame) -> set[str]:
    """Name keys of regions the claim writes after a town that the passage names only after other
    towns: "derailed in East Palestine, Pennsylvania" is not stated by "in East Palestine as the train
    carried freight to Conway, Pennsylvania"."""
    out = set()
    for mine in claim.of("place"):
        if _town(mine) and (theirs := [s for s in passage.of("place") if s.value == mine.value]) \
                and all(_town(s) and _town(s) != _town(mine) for s in theirs):
            out.add(name_key(mine.text))
    return out


# Posts one person holds at a time; a minister or secretary with a portfolio ("Foreign Minister") and
# a chief ("chief executive", "Chief Justice") are single too, a bare "minister" or "justice" is one of many.
_SINGLE_POSTS = {"president", "chancellor", "governor", "administrator", "mayor", "speaker", "premier", "chairman",
                 "chairwoman", "leader", "captain", "manager", "king", "queen", "pope", "commissioner"}
_NOT_THE_HOLDER = {"former", "deputy", "vice", "acting", "ex", "assistant", "late"}


def _one_office(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two titles name one post that one person holds at a time: the same head word, a post of
    one holder, and no qualifier that tells them apart ("NASA administrator" / "administrator", not
    "Labour leader" / "Conservative leader", nor "former president")."""
    if not a or not b or a[-1] != b[-1] or (set(a) | set(b)) & _NOT_THE_HOLDER:
        return False
    qualifiers = set(a[:-1]), set(b[:-1])
    single = a[-1] in _SINGLE_POSTS or a[-1] in ("minister", "secretary") and all(qualifiers) or \
        a[-1] in ("executive", "justice", "economist") and all("chief" in q for q in qualifiers)
    return single and (qualifiers[0] <= qualifiers[1] or qualifiers[1] <= qualifiers[0])


def _near(dates: Dates) -> bool:
    """The passage was published within half a year of the claim's article (or either day is
    unknown): a post's holder then is its holder at the claim's time."""
    if dates.article is None or dates.published is None:
        return True
    day = lambda w: dt.date(*w[:3])  # noqa: E731
    return abs((day(dates.article) - day(dates.published)).days) <= 183


def _inside(place: str, passage: Frame) -> bool:
    """The passage names a place in the claim's country or state: "in Riyadh" names Saudi Arabia."""
    return bool(place) and any(within(p, place, surely=True) for p in passage.places.values())


def _same_name(kind: str, a: str, b: str) -> bool:
    """Equal, or for organisations one name inside the other ("Foreign Ministry" in "Turkish
    Foreign Ministry"): a shorter mention of the same body is not another body."""
    if a == b or abbreviates(a, b) or abbreviates(b, a):
        return True  # "BDP" / "Botswana Democratic Party"
    if len(a.split()) == len(b.split()) and all(x == y or _spelt_otherwise(x, y) for x, y in zip(a.split(), b.split())):
        return True  # "Labour Party" / "Labor Party", "Zelensky" / "Zelenskyy"
    wa, wb = set(a.split()), set(b.split())
    return kind == "org" and bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _spelt_otherwise(a: str, b: str) -> bool:
    """One letter more or less in a word of four letters or more: a spelling of the same name, not
    another name (a changed letter is: "Iran" / "Iraq", "Gambia" / "Zambia"; so is a letter before
    the name, which spelling does not add: "Omsk" / "Tomsk")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and len(long) == len(short) + 1 and \
        any(long[:i] + long[i + 1:] == short for i in range(1, len(long)))


def _rival(kind: str, mine: Slot, theirs: list[Slot]) -> Slot | None:
    """A passage value in the same role as the claim's: the subject person, the place of the
    event (a place of the same kind), an organisation with the same head noun ("Defence Ministry" /
    "Foreign Ministry")."""
    if kind == "person":
        return next((s for s in theirs if mine.role in ("nsubj", "nsubjpass") and s.role == mine.role), None)
    if kind == "org":
        return next((s for s in theirs if s.role and s.role == mine.role and not _other_part(mine, s)), None)
    # a building is no rival to a city or country it may stand in ("at the US Embassy" / "in Saudi
    # Arabia"), nor a city to its country ("in Riyadh" / "in Saudi Arabia")
    return next((s for s in theirs if s.role in ("in", "at") and mine.role in ("in", "at") and s.label == mine.label
                 and not nested(mine.text, s.text)), None)


def _dates(claim: Frame, passage: Frame, event: set[str], out: Alignment, pinned: Sentence = None,
           dates: Dates = Dates(), of_figures: Sequence[tuple[Slot, list[Slot]]] = (),
           done_to_another: frozenset[str] | set[str] = frozenset()) -> None:
    """Dates compared part by part (year, month, day, weekday); not those of the passage's verb where
    it is done to another thing (``done_to_another``: that verb's stems). A claim date that dates one of
    its figures stated in the passage (``of_figures``: each such figure with the passage's dates of it)
    is compared with that figure's dates only; not one that dates another verb ("unveiled in January
    2007 and which went on sale that June priced from $499": January is not the price's day)."""
    subject = {c.head for c in claim.clauses[:1]} - {""}  # the thing the claim is of ("Zuma's ... sentence")
    for mine in claim.of("date"):
        figures = [d for figure, days in of_figures if _dates_figure(mine, figure) for d in days]
        if _of_count(mine, claim) and not any(_dates_figure(mine, figure) and not figure.bound
                                               for figure, _ in of_figures):
            continue  # "more than 200 deaths this year" / "425 deaths in 2022": another year's count, not another year
        span = bool(_span_word(claim.text, mine))
        if span and not out.same_subject and _word_before(claim.text, mine) in _SPAN_WORDS:
            continue  # "its best result since 1923" is the Liberal Democrats', not the SNP's "since 2010"
            # (while "since Apollo 17 in December 1968" dates Apollo 17, whoever the claim is of)
        # and a span's bound is compared with a bound of its kind only, not with the day of the 72 seats it qualifies
        # (and a day something lasted until is not the day it happened: "continued every day through 30 July")
        theirs = [s for s in _rivals(mine, passage.of("date"), event)
                  if _bound(_span_word(passage.text, s)) == _bound(_span_word(claim.text, mine))] \
            if span else figures or [s for s in _rivals(mine, passage.of("date"), event)
                                     # (nor a record's bound: "the deadliest since the hurricane of 1935")
                                     if _word_before(passage.text, s) not in _UNTIL
                                     and _span_word(passage.text, s) != "since"
                                     # (nor the day of what a deed came after: "to return to power after the
                                     # early election of 30 September 2023")
                                     and not (_AFTER_THE.search(passage.text[:s.start])
                                              and not _AFTER_THE.search(claim.text[:mine.start]))]
        # a day of saying is the sayer's ("On 8 July, Musk said" / "Twitter said on 25 April"), and a day of a
        # place's thing is that place's where the claim's is another's ("California's ban ... approved in 1996"
        # / "Michigan's ban was approved in 2006")
        owners = {k for k, place in claim.places.items() if re.search(rf"\b{re.escape(place)}['’]s?\s", claim.text)}
        # and one name's own day is not another's ("Francis died on 21 April" / "Leo XIII, who died on 20 July 1903")
        theirs = [s for s in theirs if not (of_saying(mine) and of_saying(s) and _other_doer(mine, s))
                  and not _another_ones_day(mine, s) and not (
            s.doer and not of_saying(s) and owners and name_key(s.doer) not in owners)]
        # a passage date of a verb the claim tells apart from this date's is that verb's: "went down on 15 April
        # 1912, hours after striking an iceberg" / "struck an iceberg late on 14 April 1912"; so is one of a deed
        # the claim's subject names by a noun ("The death toll from the collision ... rose to 57 on Thursday" /
        # "collided head-on on 28 February")
        own = _stems(mine.anchors)
        named = claim.clauses[0].subject_nouns if claim.clauses else frozenset()
        told_apart = (_stems(claim.verbs) | _stems(named) & _stems(passage.verbs)) - own
        theirs = [s for s in theirs if not (own and _stems(s.anchors) & told_apart and not _stems(s.anchors) & own)]
        # and one that gives the claim's date to a deed the claim tells undated may tell the dated deed in other
        # words: "the Ballon d'Or, which he received in 1995" / "won the award again in 1994 and 1995" (unless it
        # dates the claim's own deed otherwise: "annexed the peninsula in 2022" / "annexed Crimea in 2014")
        undated = told_apart - {a for c in claim.of("date") if c is not mine for a in _stems(c.anchors)}
        if any(_gives(s, mine) and _stems(s.anchors) & undated for s in passage.of("date")) and not any(
                own and _stems(s.anchors) <= own and not _gives(s, mine) for s in passage.of("date")):
            continue
        if pinned is not None and len(claim.of("date")) == 1:  # the one date of the claim's vote, and the
            # dates of the passage's sentence with that vote's tally ("in 2011, MPs rejected a bill by 330
            # votes to 118" / "On Friday, 11 September 2015, the Commons rejected ... by 330 votes to 118")
            theirs += [s for s in passage.of("date") if _within(s, pinned) and s not in theirs]
        # a passage date of another of the claim's dates is that one's, not a rival ("pushed out in 1985 and
        # came back ... in 1997" / "became interim chief executive in September 1997")
        others = [c.value for c in claim.of("date") if c is not mine and not _agree(c.value, mine.value)]
        # (one written without its year too: "reported remarks Al Jaber made last month (November 2023)" / "said
        # at an online event on 21 November")
        theirs = [s for s in theirs if s.value not in others and not any(
                      o[0] is not None and o[0] == s.value[0] != mine.value[0] and _agree(o, s.value)
                      or s.value[0] is None and _agree(o, s.value) and not _agree(mine.value, s.value) for o in others)
                  and not (done_to_another and _stems(s.anchors) <= done_to_another)]
        # "taking effect on 12 June" in an article of June 2024 is of 2024: "took effect on 20 September
        # 2023" is another occasion, not another day of this one
        year = _year_of(mine.value, dates.article, claim)
        theirs = [s for s in theirs if year is None or s.value[0] is None or s.value[0] == year]
        # and a passage's day written without its year is of the passage's own time: "won the June election" in a
        # report of July 2006 is no month of "last September's election" (2023)
        told = dates.published[0] if dates.published is not None else None
        theirs = [s for s in theirs if year is None or s.value[0] is not None or told is None or abs(told - year) <= 1]
        # the day a thing was due is no day it happened: "ran a day past its scheduled close on Tuesday" / "closed
        # ... on Wednesday, 13 December"
        theirs = [s for s in theirs if _planned(claim.text, mine) == _planned(passage.text, s)]
        # a deed told again on another day happened on both: "lost to Buhari in 2019, and again in 2023" does not
        # deny "lost to Buhari in 2019" (it denies "in 2015")
        again = [s for s in theirs if _AGAIN.search(passage.text[:s.start])]
        if any(_agree(mine.value, d.value) for s in again for d in passage.of("date")
               if passage.sentence_of(d) == passage.sentence_of(s)):
            out.other_occurrence = True
            continue
        # a day years before the article is history: a passage date of the article's own days, of another deed or
        # subject, tells the news, not that ("losing the run-off held on 26 December 2017" / "Boakai defeated Weah
        # in the presidential run-off held on Tuesday, 14 November 2023")
        # (the news's own deed and subject dated years back is an error of the news: "Faye won ... in 2019")
        history = _of_history(mine.value[0] or year, dates.article) and not (out.same_event and out.same_subject)
        news = [s for s in theirs if history and s.value[0] is not None and not _long_before([s.value], dates.article)]
        theirs = _same_occurrence(mine, [s for s in theirs if s not in news], out, pinned, dates.article)
        # the first time is stated by any passage giving its day, but denied only by one telling of the first time:
        # "first awarded in 1901" / "The 2021 Nobel Peace Prize was awarded"
        firsts = [s for s in theirs if FIRST not in mine.context or FIRST in s.context]
        out.other_occurrence |= len(firsts) < len(theirs)
        # after the article: another occasion, but for the one the claim says is due then ("are due to be sworn in
        # on May 20" / "was sworn in on Monday, 20 May 2024")
        due = (year or mine.value[0], *mine.value[1:])
        later = [s for s in theirs if _later([s.value], dates.article) and not _due(due, s.value, dates.article)]
        out.other_occurrence |= bool(later)
        theirs = [s for s in theirs if s not in later]
        # the passage gives the claim's date of the thing the claim is of: stated, whatever day
        # its own verb has ("was imposed in 2021" / "ruled on 20 May 2024 that ... his 15-month prison sentence
        # for contempt of court in 2021 exceeded ...")
        if mine.value[0] is not None and any(all(a is None or a == b for a, b in zip(mine.value, s.value))
                                             and _stems(s.anchors) & _stems(subject) - event
                                             for s in passage.of("date")):
            continue
        # a passage that dates the start of what the claim's day began (to the month at least) does not deny that day:
        # "first declared ... on 23 July 2022" / "declared on 11 May 2023 that the outbreak no longer constituted an
        # emergency ... in place since July 2022" (any date of its own may be another deed's: "a pandemic on 11 March")
        undenied = mine.value[0] is not None and mine.value[1] is not None and any(
            s.value[0] is not None and s.value[1] is not None and _agree(mine.value, s.value)
            and _word_before(passage.text, s) in ("since", "from") for s in passage.of("date"))
        # nor does one that gives the claim's date to the named one's thing the claim's date is of: "upholding a
        # decision by the Court of Appeal in June" / "upheld a Court of Appeal ruling from June"
        undenied = undenied or _dated_by_name(mine, claim, passage)
        if _READ_WEEKDAY.search(claim.text[:mine.start]):
            # "declared Monday (19 June 2023) a non-working day": which Monday is the reading's guess, not
            # what the article says; that Monday a week on is no other day
            theirs = [s for s in theirs if not _week_apart(mine.value, s.value)]
        for i, part in enumerate(_DATE_PARTS):
            if mine.value[i] is None:
                continue
            known = [s for s in theirs if s.value[i] is not None]
            if not known:
                continue
            same = next((s for s in known if s.value[i] == mine.value[i]), None)
            if same is not None:
                out.matches.append(_pair(part, _part_slot(mine, part), _part_slot(same, part)))
            # (a day of doing one thing is no day of doing another: "a video message released by Kensington Palace
            # at 6pm on Friday" / "Kensington Palace released a photograph ... on Sunday, 10 March 2024"; such a day
            # may still state the claim's, above)
            elif not undenied and (rival := _rival_value(mine, [s for s in known if s in firsts and not
                                                                _done_to_another(mine, s, claim, passage)],
                                                          claim, passage, out, pinned)) \
                    and not _listed_among(mine, rival, i, claim, passage):
                out.differences.append(_pair(part, _part_slot(mine, part), _part_slot(rival, part)))


def _gives(theirs: Slot, mine: Slot) -> bool:
    """The passage's date is the claim's, or lists it: "1994 and 1995" gives 1995."""
    year_only = mine.value[0] is not None and mine.value[1:] == (None, None, None)
    return theirs.value == mine.value or year_only and re.search(rf"\b{mine.value[0]}\b", theirs.text) is not None


_AGAIN = re.compile(r"\bagain,?\s+(?:in|on|at|during|last|this)?\s*$", re.I)


def _done_to_another(mine: Slot, theirs: Slot, claim: Frame, passage: Frame) -> bool:
    """The two dates' verbs are done to different things: two names ("co-founded DeepMind in 2010" / "Isomorphic
    Labs, an Alphabet company founded in 2021"), or two things neither text has the other's word for."""
    a, b = mine.done_to, theirs.done_to
    if not (a and b) or a == b or a.split(":")[0] != b.split(":")[0]:
        return False
    if a.startswith("name:"):
        return _other_names(a[5:], b[5:])
    return a[5:] not in passage.content and b[5:] not in claim.content


_PLANNED = re.compile(r"\b(?:scheduled|planned|original|originally|due|expected|intended|set)\b(?:\s+[^\s,;.()]+){0,3}"
                      r"\s+(?:on|in|for|at)\s+$", re.I)
# the words before a figure that is the whole a share is of: "53.7 percent of the 30.5 million votes cast"
_SHARE_OF = re.compile(r"(?:percent|per cent|%|half|third|quarter|share)\s+of\s+(?:the|all|all\s+the)?\s*"
                       r"(?:[\w-]+['’]s?\s+)?"
                       r"(?:(?:about|around|roughly|some|nearly|almost|over)\s+)*$", re.I)
_MARGIN = re.compile(r"\b(?:margin|lead|gap|majority|difference)\s+of\s+(?:(?:about|around|roughly|some|nearly|almost|"
                     r"just|over|under|more|less|than)\s+)*$", re.I)


def _margin(text: str, slot: Slot) -> bool:
    """The figure is a margin between two others ("a margin of about 2.8 million votes"), not a count of its own."""
    return _MARGIN.search(text[:slot.start]) is not None


def _dated_by_name(mine: Slot, claim: Frame, passage: Frame) -> bool:
    """The claim's date is of a thing it ties to a name by a noun (not by one of its verbs: "a decision by the
    Court of Appeal in June"), and the passage gives that same date beside that name."""
    nouns = _stems(mine.anchors) - _stems(claim.verbs)
    mine_names = {name_key(o.text) for o in claim.slots if o.kind in NAME_SLOTS and _stems(o.anchors) & nouns}
    if not mine_names:
        return False
    return any(all(a is None or a == b for a, b in zip(mine.value, s.value)) and mine_names & {
        name_key(o.text) for o in passage.slots if o.kind in NAME_SLOTS and _stems(o.anchors) & _stems(s.anchors)}
        for s in passage.of("date"))


def _planned(text: str, slot: Slot) -> bool:
    """The date is one a thing was planned for: "its scheduled close on Tuesday", "originally set for 2023"."""
    return _PLANNED.search(_READ_WEEKDAY.sub("", text[:slot.start])) is not None


def _one_deed_dated(difference: dict[str, Any], claim: Frame, passage: Frame, tally: Slot | None,
                    pinned: Sentence, named: bool) -> bool:
    """The two dates of a date difference are of one deed or thing: the claim's hangs from a verb the passage
    has, or both hang from one word ("the 1978 ruling" / "the 2003 ruling"), or the passage's is the day of a
    tally stated alike ("lost the final 1-0 to Germany in 2015" / "Germany beat Argentina 1-0 ... on 13 July
    2014")."""
    mine = next((s for s in claim.of("date") if s.start == difference["claim"].get("start")), None)
    theirs = next((s for s in passage.of("date") if s.start == difference["passage"].get("start")), None)
    if mine is None or theirs is None:
        return True
    own = _stems(mine.anchors)
    # (one word both hang from picks one thing where the claim names what the passage does: "Grutter v. Bollinger
    # is the 1978 ruling" / "Grutter v. Bollinger, the 2003 ruling"; "last year's chemistry prize" is no "1935
    # prize" of another laureate)
    return bool(own & _stems(passage.verbs) or own & _stems(theirs.anchors) and named) or tally is not None \
        and _within(theirs, pinned) and bool(_stems(theirs.anchors) & _stems(tally.anchors))


def _listed_among(mine: Slot, rival: Slot, part: int, claim: Frame, passage: Frame) -> bool:
    """The rival's sentence lists a series of values of this part, the claim's among them, each after its own
    name, and the rival after a name the claim does not give: "Jose Canseco (..., 1988), Barry Bonds (..., 1996)
    ... and Ronald Acuña Jr. (41, 73, 2023)" / "Acuña stole 73 bases in 2023"."""
    sentence = passage.sentence_of(rival)
    values = {s.value[part] for s in passage.of("date") if passage.sentence_of(s) == sentence}
    name = _name_before(passage, rival)
    if mine.value[part] not in values or len(values) < SERIES or name is None:
        return False
    return not any(_writes(norm_name(claim.text), word) for word in norm_name(name.text).split()[-1:])


_READ_WEEKDAY = re.compile(rf"\b(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})\s*\($")  # a weekday the claim's date reads


def _week_apart(a: When, b: When) -> bool:
    """Two days exactly a week apart (one written without its year taken to be in the other's)."""
    b = (b[0] or a[0], *b[1:])
    if None in a[:3] or None in b[:3]:
        return False
    return abs((dt.date(*a[:3]) - dt.date(*b[:3])).days) == 7


def _apart(claim: Frame, differences: list[dict[str, Any]]) -> bool:
    """Differences in two claim dates that are not one day ("in 1985" and "in 1997", not "Monday" and
    "(31 July 2023)")."""
    starts = {d["claim"].get("start") for d in differences if d["slot"] in _DATE_PARTS}
    told = [s.value for s in claim.of("date") if s.start in starts]
    return any(not _agree(a, b) for i, a in enumerate(told) for b in told[i + 1:])


def _due(claimed: When, told: When, article: When | None) -> bool:
    """The claim's day is after its article's, and the passage's falls in its month: the passage may tell
    of the occasion the claim said was due."""
    return _later([claimed], article) and None not in (claimed[0], claimed[1]) and claimed[:2] == told[:2]


def _of_count(date: Slot, claim: Frame) -> bool:
    """The date says which period a count of the claim is of: it hangs from the counted noun ("more
    than 200 deaths this year"). Such a date is compared only where the count is stated."""
    counted = {n.role for n in claim.of("number") if n.role}
    return bool(date.anchors) and date.anchors <= counted


def _dates_figure(date: Slot, figure: Slot) -> bool:
    """The date hangs from the figure's word ("2.2% in June", "began trading on Wednesday, opening at $47")
    or from the verb its counted noun is done by or to ("recorded 339 deaths in 2022"), or either hangs from
    none (not "unveiled in January 2007 and which went on sale that June priced from $499")."""
    words = _stems(figure.anchors | ({figure.deed} if figure.deed else set()))
    return not date.anchors or not figure.anchors or bool(_stems(date.anchors) & words)


def _year_of(when: When, article: When | None, claim: Frame | None = None) -> int | None:
    """The year a date written without one falls in: the one year the claim itself gives ("The 1999
    quake struck ... on 21 September"), else the one that puts it nearest the article's day ("on 12
    June" in an article of 6 June 2024, "on 20 December" in one of 3 January 2024: 2023). None for a
    date that has its year, or no month, or no year to take."""
    if when[0] is not None or when[1] is None:
        return None
    if claim is not None and len(years := {d.value[0] for d in claim.of("date") if d.value[0] is not None}) == 1:
        return years.pop()
    if article is None or None in article[:3]:
        return None
    day = dt.date(*article[:3])
    return min((day.year - 1, day.year, day.year + 1),
               key=lambda y: abs((dt.date(y, when[1], min(when[2] or 15, 28)) - day).days))


def _part_slot(s: Slot, part: str) -> Slot:
    """The slot shown as the part compared ("Thursday" of "Thursday, 27 February 2025"), same span."""
    words = date_text(s.value, part)
    return Slot(s.kind, words if words and words.lower() in s.text.lower() else s.text, s.value, s.start, s.end)


def _numbers(claim: Frame, passage: Frame, event: set[str], out: Alignment, pinned: Sentence = None,
             dates: Dates = Dates(), paragraph: Frame | None = None, told: set[str] | None = None
             ) -> list[tuple[Slot, Slot]]:
    """Figures and tallies compared; returns the claim's stated in the passage, each with the passage's
    figure that states it. ``told``: what the claim and its article name, where the article is known
    (a score against a side neither names is another match's: "won the shootout 4-2" of the final
    against France / "beat the Netherlands 4-3 on penalties"); nor is one against another side than the
    claim's ("beat Iowa 87-75" / "beat NC State 78-59")."""
    beside = paragraph.of("number") if paragraph is not None else []
    said = set(re.findall(r"[\w'-]+", claim.text.lower()))  # the claim's words, for a kind of count it names too
    stated: list[tuple[Slot, Slot]] = []
    for kind in ("number", "tally"):
        for mine in claim.of(kind):
            # a tally is the outcome of the same vote only if it hangs from the same word or event ("approved
            # ... by 330 votes to 275" / "voted by 15 to 7 to remove clause 12" is another vote); another
            # number must also count the same thing ("cost up to $170" / "cost up to $710"), not be any
            # figure of the passage ("44 percent of cases" / "95% CI")
            theirs = [s for s in _in_series(mine, claim, passage, _rivals(mine, passage.of(kind), event))
                      if not _other_motion(mine, s) and not (told is not None and s.against and s.against not in told)
                      and not _other_contest(mine, s, passage) and _game_point_of(mine) == _game_point_of(s)] \
                if kind == "tally" else \
                _ages(mine, claim, passage, dates) if mine.role == "age" else \
                [s for s in _rivals(mine, passage.of(kind), event) if mine.role and s.role == mine.role
                 and not _part_of(mine, s) and not _part_of(s, mine) and not _joint(s, mine) and not _other_doer(mine, s)
                 and not _listed_after_another(mine, s, passage)
                 # (a time of a deed the passage does not tell is of its own: "released the capsule at 6.42am" /
                 # "The capsule entered Earth's atmosphere at 10:42 a.m.")
                 and not (_time_of_another_deed(mine, s) and not _stems(mine.anchors) & _stems(passage.verbs))
                 and not _other_deed(mine, s, out, claim, passage)]
            if kind == "tally" and (own := claim.ordinals_at(mine)):
                # "by 330 votes to 257 at its second reading" / "The Ayes numbered 330 and the Noes 275, so
                # the bill was read a second time": a tally in a sentence about that one vote and no other
                theirs += [s for s in passage.of(kind) if passage.ordinals_at(s) == own and s not in theirs]
            comparable = theirs if mine.role == "age" else _same_occurrence(mine, theirs, out, pinned)
            # a figure dated after the article is of another occasion; so is another figure dated otherwise
            # than the claim ("in June, when it voted 7-2" against "at its meeting ending on 31 July, ...
            # voted 5-4"), while the same figure dated otherwise leaves the dates to differ ("in March 2019
            # ... to 0.1%" / "on 19 March 2020 ... to 0.1%"). Such a figure is neither stated nor contradicted,
            # and what else the passage says still counts ("the first cut since March 2020").
            # A claim's undated figure is the article's news: a passage figure dated over a month before
            # the article is of another occasion ("The Liberal Democrats won 72 seats" / "... won 11 in 2019").
            comparable = [s for s in comparable if mine.role == "age" or _within(s, pinned)
                          or not _elsewhen(claim, passage, mine, s, dates)]
            same = next((s for s in comparable if _states(mine, s)), None)
            if same is None and (parts := _parts_adding_up(mine, comparable, passage)):
                out.matches.append(_pair(kind, mine, " + ".join(p.text for p in parts)))
                continue
            if same is not None and _was(passage, same) and not _was(claim, mine):
                continue  # "down from 67.3%" is the value before a change: the claim's neither stated nor denied
            # "at least one symptom" and "three symptoms", "about 1,000" and "987": no other value; nor is
            # a figure the claim itself gives for another thing ("valued at $68.7bn, more than double the
            # $26.2bn paid for LinkedIn" / "LinkedIn ... valued at $26.2 billion")
            # (one that says not what it counts says it of the passage's: "278 votes, nine short of the 287" / "by nine votes")
            others = [s for s in comparable if not _consistent(mine, s) and not (kind == "number" and any(
                c.role in (s.role, "") and _states(c, s) for c in claim.of(kind) if c is not mine))]
            # nor is the value before a change ("rose to 2.9% from 2.7% in April") a value of the claim's now, nor
            # the reverse ("has grown from 338 seats" / "the 12 seats needed for official party status"), nor a
            # forecast ("prices are seen rising by 2.5% in 2024") or an aim ("pledges to raise the minimum wage to 950
            # euros") a value of what was measured or reached
            others = [s for s in others if _was(claim, mine) == _was(passage, s) and (mine.forecast or not s.forecast)
                      and (mine.aimed or not s.aimed) and (s.claimed or not mine.claimed)]
            # nor is a count of the first or last few ("his first two major titles") one of all ("four major titles
            # in all"): it is compared with a count picked out alike
            others = [s for s in others if _picked(claim, mine) == _picked(passage, s)]
            # and a figure the article gives beside the claim's, in its paragraph, is of another thing ("prices
            # rising 2.6% ... Core inflation picked up to 2.9%" / "inflation excluding energy ... rose to 2.9%")
            others = [s for s in others if kind != "number" or not any(
                t.role == s.role and not t.bound and _same_value(t.value, s.value, t.role, t.decimals) for t in beside)]
            # a running count given "as of 2 p.m." is that moment's: it may state the claim's, not deny it,
            # nor deny another moment's ("more than 99% ... by 7am" / "92.09% ... by 05:00")
            others = [s for s in others if mine.role == "clock" or not _clocked(passage, s) or _clocked(claim, mine)
                      and not _other_moment(_clocks(claim, mine), _clocks(passage, s))]
            # nor is a running figure told at another point of its story: "$7.6 billion after five weeks" / "as
            # the strike entered its second month, ... nearly $5 billion"
            others = [s for s in others if not _other_point(_elapsed(claim, mine), _elapsed(passage, s))]
            # a count the passage splits into kinds is one of them where one kind can be the claim's ("more than
            # 14,000 cases" / "2,863 confirmed cases, more than 17,000 suspected cases")
            others = [s for s in others if kind != "number" or not any(
                t is not s and t.role == s.role and passage.sentence_of(t) == passage.sentence_of(s)
                and _consistent(mine, t) for t in comparable)]
            # a running count ("so far this year") told on another day is that day's: "524 deaths so far this
            # year" (15 August) / "511 deaths since the start of the year" (7 August)
            others = [s for s in others if not (_running(claim, mine) and _running(passage, s)
                                                 and _days_apart(dates) > RUNNING_DAYS)]
            # a time of day is of one day: a passage's of a day days away from the claim's is another day's ("The
            # capsule touched down at 2.07pm" of an article of 26 June / "the lander touched down at 6:23 a.m. ...
            # on Sunday, 2 June 2024")
            others = [s for s in others if mine.role != "clock" or not _clock_of_another_day(claim, passage, s, dates)]
            # nor is a total said to be mostly the claim's doer's a value of that doer's ("524 deaths" of the DRC /
            # "12 African countries ... 517 deaths, most of them in the Democratic Republic of the Congo")
            others = [s for s in others if not _whole_of(mine, s, passage)]
            # nor is the time a thing was due the time it happened ("scheduled to close at 6pm" / "closed at midnight")
            others = [s for s in others
                      if mine.role != "clock" or _planned(claim.text, mine) == _planned(passage.text, s)]
            # a margin is compared with a margin only: "a margin of about 2.8 million votes" / "won 16.4 million votes"
            others = [s for s in others if _margin(claim.text, mine) == _margin(passage.text, s)]
            # and the whole a share is of ("53.7 percent of the 30.5 million votes cast") is no one's count: a named
            # doer's ("Pezeshkian won about 16.4 million votes") is a part of it
            # ("more than half of the chamber's 733 members" / "207 members voted for the chancellor": those who did it)
            others = [s for s in others if not (_SHARE_OF.search(claim.text[:mine.start]) and (s.doer or s.doers))]
            # a count of a narrower kind is of other things: "almost 1.3 million votes" / "66,036 blank votes" (a kind
            # is a common word; a name or a participle says whose or in what state: "three senior OpenAI researchers",
            # "five derailed tank cars")
            # (told of the claim's own subject and deed, a word before the noun describes the same things: "Wagner
            # fighters shot down six military helicopters")
            others = [s for s in others if kind != "number" or out.same_subject or not _kinds(passage.text, s) - said]
            # a total over a stretch of occasions is no value of one occasion's, nor the reverse: "seven wickets for
            # 57 in that match" / "24 wickets in seven matches", "36 goals" / "52 goals in all competitions"
            # (so is an average over them, and a rate of a day or a month is no total: "could now give emergency
            # assistance to only 3 million people a month" / "forced to drop 10 million people this year")
            others = [s for s in others if _counted_over(mine) == _counted_over(s)]
            # a count told at a stage of counting is that stage's: "with half of the reports processed it stood at
            # 56.5 per cent" / "after 98.33% of reports had been processed, Yes stood at 50.03%" (a figure told at no
            # stage is the final count's: "with all ballots counted")
            stage, bar = _count_stage(claim, mine), _needed(claim.text, mine)
            others = [s for s in others if stage == _count_stage(passage, s)]
            # a figure needed is a bar, not an outcome: "the one-third of registered voters required" / "turnout was
            # 50.69%", "elected chancellor with 395 votes" / "He needed 367 votes to win"
            others = [s for s in others if bar == _needed(passage.text, s)
                      and not _other_bar(claim.text, mine, passage.text, s)]
            # and a time something was done by bounds it: no other time of its doing ("by 7am" / "by 05:00")
            others = [s for s in others if mine.role != "clock" or not (
                _word_before(claim.text, mine) in _BY or _word_before(passage.text, s) in _BY)]
            if same is not None:
                stated.append((mine, same))
                out.matches.append(_pair(kind, mine, same))
            elif others and not _stated_elsewhere(mine, passage) and mine.value not in passage.name_numbers and \
                    (rival := _rival_value(mine, others, claim, passage, out, pinned)) and \
                    (not rival.doer or not mine.doer and _told(rival.doer, claim) or mine.doer
                     or _beside_another(mine, rival, claim, passage)):
                # a figure the claim says of no one ("Revenue for the quarter was $7.19 billion", "172 seats are
                # needed for a majority") is no other value of a named doer's figure the claim never names
                # ("Intel made a net loss of $2.8 billion", "The New Democratic Party was reduced to seven
                # seats"), unless another of its figures stands beside that one
                out.differences.append(_pair(kind, mine, rival))
    return stated


SERIES = 3  # tallies in one sentence from which they are a series: a match's set scores, a run of results


def _series(text: Frame, slot: Slot) -> list[Slot]:
    """The tallies of the sentence ``slot`` stands in, in reading order."""
    sentence = text.sentence_of(slot)
    return [t for t in text.of("tally") if _within(t, sentence)]


def _in_series(mine: Slot, claim: Frame, passage: Frame, theirs: list[Slot]) -> list[Slot]:
    """Tallies given as a series ("won 1-6, 7-6 (8-6), 6-1, 3-6, 6-4") are compared place by place
    with a series of the same length; a series of another length is another contest's ("beat de
    Minaur 6-4, 6-4"), and no one score of it is another value of one of the claim's."""
    series = _series(claim, mine)
    if len(series) < SERIES:
        return [t for t in theirs if len(_series(passage, t)) < SERIES]
    at = series.index(mine)
    return [t for t in theirs if len(run := _series(passage, t)) == len(series) and run.index(t) == at]


def _parts_adding_up(mine: Slot, theirs: list[Slot], passage: Frame) -> list[Slot]:
    """Counts of the claim's noun that one passage sentence gives part by part and that add up to
    the claim's ("seven counts" / "two counts of wire fraud and five counts of conspiracy"): the
    whole stated in parts, not another value of it. [] if there are none."""
    if mine.kind != "number" or not mine.role or mine.role == "clock" or mine.role.startswith("%"):
        return []
    for s in theirs:
        sentence = passage.sentence_of(s)
        parts = [p for p in theirs if p.role == mine.role and _within(p, sentence) and not p.bound]
        if len(parts) >= 2 and _same_value(mine.value, sum(p.value for p in parts), mine.role, mine.decimals):
            return parts
    return []


def _told(doer: str, claim: Frame) -> bool:
    """The claim names the doer (a figure's doer is written as its name: "new democratic party"), or
    writes its name's word as a common one ("the literature prize" / "the Nobel Prize in Literature")."""
    key = name_key(doer)
    return key in claim.names | claim.content or any(name_key(w) == key for w in claim.content)


def _stated_elsewhere(mine: Slot, passage: Frame) -> bool:
    """The passage gives the claim's figure for the same counted thing, of no other doer, though not
    in the phrase compared: "Maui's 80 sirens" beside "about 400 sirens" in all Hawaii. It does not
    deny what it states. Nor does one that writes the claim's figure of ten or more with its noun left
    to be understood: "three short of the 172 needed for a majority" for "172 seats are needed"."""
    if mine.kind == "number" and mine.role and not mine.bound and abs(mine.value) >= 10 and any(
            (not s.role or _exact(mine)) and not s.bound and s.value == mine.value for s in passage.of("number")):
        return True  # (or one told so exactly it is the same figure by another noun: "30.5 million votes cast" /
        # "a total of 30.5 million ballots")
    return mine.kind == "number" and bool(mine.role) and any(
        (s.role == mine.role or not s.role and mine.doer and mine.doer == s.doer)  # ("210 points ... and 337 from
        and (_states(mine, s) or _rounded_alike(mine, s)) and not _other_doer(mine, s)  # the televote")
        and not _part_of(mine, s) and not _part_of(s, mine) and not _time_of_another_deed(mine, s)
        for s in passage.of("number"))


def _exact(slot: Slot) -> bool:
    """A count of a thousand or more given to three figures or more ("30.5 million", "1,350"): no other count
    of that size is likely to share it."""
    if slot.role == "clock" or not isinstance(slot.value, (int, float)) or abs(slot.value) < 1000 \
            or abs(slot.value) != int(abs(slot.value)):
        return False
    return len(str(int(abs(slot.value))).rstrip("0")) >= 3


def _clock_of_another_day(claim: Frame, passage: Frame, theirs: Slot, dates: Dates) -> bool:
    """The passage's time of day stands in a sentence dated only days away from every day of the claim (its
    own dates, else its article's)."""
    days = [w for w in _occasions(claim) or ([dates.article] if dates.article else []) if None not in w[:3]]
    dated = _sentence_dates(passage, theirs)
    _, end = passage.sentence_of(theirs)
    if not dated and end - theirs.end <= 1:  # (the parser may end a sentence at "a.m.": "6:23 a.m. Beijing time on ...")
        dated = [d for d in passage.of("date") if d.start >= end and _within(d, passage.sentence_of(d))
                 and passage.sentence_of(d)[0] <= end + 1]
    told = [d.value for d in dated if None not in d.value[:3]]
    return bool(days and told) and all(abs((dt.date(*a[:3]) - dt.date(*b[:3])).days) > 2 for a in days for b in told)


_WHOLE = re.compile(r"\b(?:most|many|much|half|the bulk|the majority|nearly all|almost all)\s+of\s+(?:them|which|those|these|it)\b",
                    re.I)


def _whole_of(mine: Slot, theirs: Slot, passage: Frame) -> bool:
    """The passage's figure is of a whole its sentence says is mostly the claim's doer's: "517 deaths, most
    of them in the Democratic Republic of the Congo" for "The DRC has reported 524 deaths"."""
    if not mine.doer:
        return False
    _, end = passage.sentence_of(theirs)
    m = _WHOLE.search(passage.text, theirs.end, end)
    if m is None:
        return False
    named = passage.text[m.end():end]
    acronym = mine.doer.replace(".", "").upper()
    return any(name_key(w) == name_key(mine.doer) for w in re.findall(r"[\w'’-]+", named)) or any(
        v.upper() == acronym and k[:4] in norm_name(named) for k, v in passage.initials.items())


def _time_of_another_deed(mine: Slot, theirs: Slot) -> bool:
    """A time of day is the time of one deed: "voting there ends at 8pm" states no "closed at 8pm"."""
    return mine.role == "clock" and bool(mine.anchors and theirs.anchors) \
        and not _stems(mine.anchors) & _stems(theirs.anchors)


def _other_part(mine: Slot, theirs: Slot) -> bool:
    """One organisation does the deed and the other is what it is done from, to or with: "borrow from the
    Swiss National Bank" / "The Saudi National Bank agreed to invest" (the lender is no rival of the
    investor). The subject and the object, or an "of", are one part told two ways ("X closed Y" / "Y
    was closed", "X chairs Y" / "chair of Y")."""
    parts = {mine.part, theirs.part}
    return bool(parts & {"nsubj", "nsubjpass"}) and any(p.startswith("pobj:") and p != "pobj:of" for p in parts)


def _other_motion(mine: Slot, theirs: Slot) -> bool:
    """Two votes to do different things to different things are two votes: "voted 234 to 56 to impeach
    her" / "voted 190-0 to overturn the decree". ("to back the bill" / "to approve the bill" is one.)"""
    if not (mine.deed and theirs.deed):
        return False
    (verb, obj), (their_verb, their_obj) = mine.deed.split(":", 1), theirs.deed.split(":", 1)
    return verb != their_verb and obj != their_obj and bool(obj and their_obj)


def _other_deed(mine: Slot, theirs: Slot, out: Alignment, claim: Frame, passage: Frame) -> bool:
    """Two counts of one noun that did different things count different groups: "eight members of a
    road crew were filling potholes" / "six members of a road crew were presumed dead". Not when the
    two texts report the same event (then it may be the same group told in other words: "marched" /
    "took part"; not where the passage's sentence tells the claim's deed beside the other: "4,521 people
    had been injured" / "thousands had been injured, and ... more than 8.5 million people had been
    directly affected"), the count hangs from more than its noun, or another figure of the claim stands
    beside the passage's."""
    deeds = {mine.deed, theirs.deed}
    if any(d.startswith("hold:") for d in deeds) and len(deeds) > 1:
        # "stole two bases" / "began the game with 49 stolen bases": a total held at a point of the story is no
        # count of what was done in it
        return True
    if theirs.deed == "have" and mine.doers:
        return False  # those who did it may be those a thing had: "The 115 electors made" / "with 133 electors"
    if theirs.deed == "have" and mine.deed and mine.deed != "have" and not mine.deed.startswith("hold:"):
        return True  # "stole two bases" / "the first player with 50 home runs and 50 stolen bases": what one has
    start, end = passage.sentence_of(theirs)
    elsewhere = any(re.search(rf"\b{re.escape(stem)}", passage.text[start:end].lower())
                    for stem in _stems({mine.deed}) if mine.deed)
    had = "have" in (mine.deed, theirs.deed)  # (what a thing has is no count of a deed, told in whatever words)
    # the count hangs from its noun alone (what a thing has hangs from that thing too)
    alone = mine.deed == "have" or not _stems(mine.anchors) - {mine.role[:5]}
    return bool(mine.deed and theirs.deed and mine.deed != theirs.deed and (not out.same_event or elsewhere or had)
                and alone and not _beside_another(mine, theirs, claim, passage))


def _beside_another(mine: Slot, theirs: Slot, claim: Frame, passage: Frame) -> bool:
    """Another figure of the claim is stated in the passage sentence of ``theirs``: "carrying 4,700
    containers of hazardous materials, weighing 764 tons" / "identified 56 containers of hazardous
    materials ..., amounting to 764 tons" count the same containers."""
    sentence = passage.sentence_of(theirs)
    # (a bound is no sign of the same group: "more than 50 fewer" is met by any count over 50)
    return any(_states(c, p) for c in claim.of("number") if c is not mine and not c.bound
               for p in passage.of("number") if _within(p, sentence) and p.role == c.role)


def _ordinals(claim: Frame, passage: Frame, out: Alignment, dates: Dates) -> None:
    """Which one of a series, compared where the passage's is of the claim's day: "the sixth flight
    test" against "the fifth flight test, launched on 13 October 2024", for a claim of that day (its
    own date, else its article's). Otherwise an ordinal only tells which occurrence a passage is of
    ("at third reading", months after "the second reading"). A passage naming several members of
    the series ("the second set ... the fourth set") states the claim's among them or does not say
    which; another member there is no other value of the claim's. ("First" is not counted on either
    side: it mostly tells a record, "the first flight on which a booster was caught", "the first pope
    born in the United States", not a place in the series.)"""
    days = [d for d in _occasions(claim) or [dates.article] if d is not None and None not in d[:3]]
    for mine in claim.of("ordinal") if days else []:
        theirs = [s for s in passage.of("ordinal")
                  if any(None not in w[:3] and _agree(d, w) for d in days for w in _when(passage, s, dates))
                  and {w[:4] for w in mine.role.split()} & {w[:4] for w in s.role.split()}  # "meet" / "meeting"
                  and not _other_doer(mine, s)  # "Alcaraz won the second set" / "Djokovic took the fourth set"
                  # (nor is one the claim itself gives of another thing: "the 20th country to use the euro and the
                  # 27th member of the Schengen area" / "the 27th member")
                  and not any(c is not mine and c.value == s.value for c in claim.of("ordinal"))
                  # (nor one of a narrower series: "the second female president" / "the seventh president")
                  and _qualifiers(claim.text, mine) == _qualifiers(passage.text, s)]
        if same := next((s for s in theirs if s.value == mine.value), None):
            out.matches.append(_pair("ordinal", mine, same))
        elif mine.value != 1 and len({s.value for s in theirs if s.value != 1}) == 1:
            out.differences.append(_pair("ordinal", mine, next(s for s in theirs if s.value != 1)))


# words between a figure and its noun that say no kind of it: "1.3 million more votes", "about 40 of the seats"
_NO_KIND = {"more", "fewer", "less", "than", "of", "the", "a", "an", "and", "or", "some", "about", "over", "other",
            "thousand", "million", "billion", "trillion", "per", "cent", "percent", "its", "their", "his", "her"}


def _kinds(text: str, slot: Slot) -> set[str]:
    """The words between a figure and its noun that name a kind of it: "blank" of "66,036 blank votes"."""
    written = set(re.findall(r"[\w'-]+", text[slot.end:slot.end + 80]))
    return {w for w in _qualifiers(text, slot) if w.isalpha() and w not in _NO_KIND and not w.endswith("ed")
            and w in written}  # (as written in lower case: not a name)


def _qualifiers(text: str, slot: Slot) -> set[str]:
    """The words between an ordinal or a figure and the noun it counts ("second female president":
    female; "66,036 blank votes": blank), which narrow the series or the things counted."""
    words = re.findall(r"[\w'-]+", text[slot.end:slot.end + 80].lower())
    head = slot.role.split()[0][:4] if slot.role else ""
    at = next((i for i, w in enumerate(words[:5]) if head and w.startswith(head)), None)
    return set(words[:at]) if at is not None else set()


def _of_a_later_one(passage: Frame, event: set[str]) -> bool:
    """The passage tells of an occurrence after the first ("for the second time", "the second such
    declaration") and of no first one."""
    later = any(o.value and o.value > 1 and (o.role == "time" or _stems({o.role}) & event) for o in passage.of("ordinal"))
    return later and not any("first" in o for *_, o in passage.ordinals)


def _elsewhen(claim: Frame, passage: Frame, mine: Slot, theirs: Slot, dates: Dates) -> bool:
    """The passage figure is of another occasion than the claim's (see :func:`_numbers`)."""
    when = _when(passage, theirs, dates)
    return _later(when, dates.article) or not _occasions(claim) and _long_before(when, dates.article) or \
        not _states(mine, theirs) and _another_when(claim, passage, theirs, dates)


def _other_doer(a: Slot, b: Slot) -> bool:
    """Two figures said of two named things ("The Conservatives fell to 121 seats" / "Labour won 411
    seats"), or of two things two names describe ("a Korean Air jumbo jet crashed ..., killing 228 people"
    / "The crash of Jeju Air Flight 2216 killed 179 people"): two counts, not two values of one. A bare
    description ("the party") may be either, nor is a described thing weighed against a named one ("The
    Inter Milan striker" / "Lautaro Martinez"), and a name at two lengths ("Yamal" / "Lamine Yamal") is one."""
    if a.doer or b.doer:
        return _other_names(a.doer, b.doer)
    return _other_names(a.described, b.described)


def _other_contest(mine: Slot, theirs: Slot, passage: Frame) -> bool:
    """A score against another side than the claim's, whose clause does not name the claim's: "South
    Carolina beat NC State 78-59 and Iowa edged UConn" for "beat Iowa 87-75" (not "London won ..., beating
    Paris by 54 votes to 50" for Paris's "lost to London by 54 votes to 18": one contest, seen from each side)."""
    if not (mine.against and theirs.against and mine.against != theirs.against) \
            or _one_side(mine.against_name, theirs.against_name):
        return False
    start, _ = passage.sentence_of(theirs)
    before = re.findall(r"[\w'’-]+", passage.text[start:theirs.start])
    return not any(name_key(w) == mine.against.split(":")[-1] for w in before)


def _game_point_of(tally: Slot) -> frozenset[str]:
    """The point of its game a score was told at ("at:half"); none for the final score."""
    return frozenset(c for c in tally.context if c.startswith("at:"))


def _one_side(a: str, b: str) -> bool:
    """One side named in full and by a part of its name: "the Philadelphia Eagles" / "Philadelphia"."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _listed_after_another(mine: Slot, theirs: Slot, passage: Frame) -> bool:
    """A figure the passage gives nobody's, standing after another name than the claim's doer in its
    sentence: a list of results ("Law and Justice won 43.59% and 235 seats, ... and Confederation 6.81%
    and 11") gives each name's figures after it."""
    if not mine.doer or theirs.doer:
        return False
    start, end = passage.sentence_of(theirs)
    if sum(1 for s in passage.of("number") if s.role == theirs.role and start <= s.start < end) < 2:
        return False  # (one figure of its kind is no list: "Musk ... planned to cut 75% of the company's 7,500 workers")
    name = _name_before(passage, theirs)
    return name is not None and _other_names(mine.doer, norm_name(name.text))


def _name_before(passage: Frame, slot: Slot) -> Slot | None:
    """The person or organisation named last before ``slot`` in its sentence (the one a list gives it to)."""
    start, _ = passage.sentence_of(slot)
    names = [n for n in passage.slots if n.kind in ("person", "org") and start <= n.start and n.end <= slot.start]
    return max(names, key=lambda n: n.start) if names else None


def _other_names(a: str, b: str) -> bool:
    """Two names given, neither the other at another length ("Yamal" / "Lamine Yamal" are one, and so are
    initials and the name they shorten)."""
    mine, theirs = set(a.split()), set(b.split())
    return bool(mine and theirs) and not (mine <= theirs or theirs <= mine) \
        and not (abbreviates(a, b) or abbreviates(b, a))  # ("BDP" / "Botswana Democratic Party")


def _long_before(whens: list[When], day: When | None, days: int = 31) -> bool:
    """Every date given with its year ends more than a month (or ``days``) before ``day`` ("2019",
    "March 2024" for an article of July 2024; not "31 July 2024" for one of 1 August)."""
    whens = [w for w in whens if w[0] is not None]
    if day is None or not whens:
        return False
    article = dt.date(*day[:3])
    def end(w: When) -> dt.date:
        year, month, d = w[0], w[1] or 12, w[2]
        return dt.date(year, month, d or calendar.monthrange(year, month)[1])
    return all(end(w) < article - dt.timedelta(days=days) for w in whens)


def _part_of(one: Slot, whole: Slot) -> bool:
    """A figure said of one of the things another is said of together: the booster's 71 metres is
    not the height of "the booster and the ship" stacked, nor "the Socialists' 122 seats" what "the
    Socialists and Sumar hold" together."""
    return bool(whole.together) and not one.together and (
        one.subject in whole.together or bool(one.doer) and name_key(one.doer) in {name_key(t) for t in whole.together})


def _counted_over(figure: Slot) -> frozenset[str]:
    """What a figure is counted over: a stretch of occasions, an average of them, a day or a month."""
    return frozenset(c for c in figure.context if c.startswith(("over:", "per:")))


def _joint(whole: Slot, mine: Slot) -> bool:
    """A passage figure said of several together is no value of the claim's one named doer's, whichever
    they are ("The LDP took 191 seats" / "The Liberal Democratic Party and its coalition partner Komeito
    won a combined 215 seats")."""
    return bool(whole.together) and not mine.together and bool(mine.doer)


def _occasions(text: Frame) -> list[When]:
    """The dates of a text's occasions (not those that bound a span: "since August 2023"); a weekday
    the text also gives with its day ("on Saturday, 11 January 2020") is that day, not another."""
    whens = [d.value for d in text.of("date") if not _span_word(text.text, d)]
    return [w for w in whens if not (w[:3] == (None, None, None) and w[3] is not None and any(
        o[2] is not None and o[3] == w[3] for o in whens))]


def _text_dates(passage: Frame, dates: Dates) -> list[When]:
    """The passage's occasions, or the day it was published if it names none."""
    return _occasions(passage) or ([dates.published] if dates.published else [])


def _dated_by(passage: Frame, slot: Slot) -> list[Slot]:
    """The dates of the occasion a passage value is of: those of its sentence that hang from its
    word, else its sentence's others, but for those of another verb or of a saying.

    A date that hangs from another verb of the sentence dates that verb ("The bridge, which opened in
    1977, carried about 30,000 vehicles a day" does not count 1977's traffic), one that hangs from a
    verb of saying dates the saying ("Tedros said on 5 May that in the previous week ..."); a date of
    the figure's doer still dates it ("a 1960 tsunami that killed 61 people")."""
    here = _sentence_dates(passage, slot)
    own = [d for d in here if _stems(d.anchors) & _stems(slot.anchors)]
    deed = _stems({slot.deed, slot.subject})
    return own or [d for d in here if (not slot.deed or not d.anchors or _stems(d.anchors) & deed)
                   and not of_saying(d)]


def _sentence_dates(passage: Frame, slot: Slot) -> list[Slot]:
    """The dates in the passage sentence of ``slot``, but for those that bound a span ("since 2010")."""
    return [d for d in passage.of("date") if not _span_word(passage.text, d)
            and _within(d, passage.sentence_of(slot))]


def _when(passage: Frame, slot: Slot, dates: Dates) -> list[When]:
    """:func:`_dated_by`'s dates; else, where its sentence's dates are other verbs', the passage's
    publication day; else the passage's dates, else its publication day."""
    if own := _dated_by(passage, slot):
        return [d.value for d in own]
    if _sentence_dates(passage, slot):
        return [dates.published] if dates.published is not None else []
    return _text_dates(passage, dates)


def _another_when(claim: Frame, passage: Frame, slot: Slot, dates: Dates) -> bool:
    """No date of the claim agrees with any of the passage value's that it can be compared with
    ("March 2020" with "1 August 2024", not with "Thursday")."""
    mine = [(_year_of(a, dates.article, claim) or a[0], *a[1:]) for a in _occasions(claim)]  # "in October": this year's
    pairs = [(a, b) for a in mine for b in _when(passage, slot, dates)
             if any(x is not None and y is not None for x, y in zip(a, b))]
    return bool(pairs) and not any(_agree(a, b) for a, b in pairs)


def _kind_dated(claim: Frame, main: Clause, passage: Frame) -> bool:
    """The passage dates a thing by the word that says which of its kind the claim's subject is ("physics"
    of "the physics prize": "physics on Tuesday 3 October"), with a day the claim's date can be."""
    kinds = _stems({k.split(":", 1)[1] for k in main.subject_kind})
    own = [s for s in passage.of("date") if _stems(s.anchors) & kinds] if kinds else []
    return any(_agree(c.value, s.value) for c in claim.of("date") for s in own)


def _agree(a: When, b: When) -> bool:
    """Two dates can be of one day: every part both give is the same."""
    return all(x == y for x, y in zip(a, b) if x is not None and y is not None)


def _later(whens: list[When], day: When | None) -> bool:
    """Every date given with its year comes after ``day`` (at the precision it is written: "November
    2024" after 1 August 2024, "2024" not); a weekday alone places nothing."""
    whens = [w for w in whens if w[0] is not None]
    if day is None or not whens:
        return False
    def after(w: When) -> bool:
        for mine, theirs in zip(w[:3], day[:3]):
            if mine is None or theirs is None or mine != theirs:
                return mine is not None and theirs is not None and mine > theirs
        return False
    return all(after(w) for w in whens)


def _same_occurrence(mine: Slot, theirs: list[Slot], out: Alignment, pinned: Sentence = None,
                     article: When | None = None) -> list[Slot]:
    """The passage values about the same occurrence as the claim's; any about another one (its
    phrase names another place or ordinal, or places it earlier or later, unless it stands in the
    sentence whose tally, stated alike in both, ``pinned`` the occurrence) mark the passage as telling of another occurrence."""
    # (two times of day in two zones are not compared, but tell of no other occurrence: "7:25am local time" /
    # "7:25 a.m. Central time")
    zoned = [s for s in theirs if not context_conflict(_zones(mine.context), _zones(s.context))]
    same = [s for s in zoned if not context_conflict(mine.context - _zones(mine.context), s.context - _zones(s.context))
            and not _news_against_earlier(mine, s, article)
            and (_within(s, pinned) or not another_time(mine.context, s.context))]
    out.other_occurrence |= len(same) < len(zoned)
    return same


HISTORY_YEARS = 2  # a claim's year this many years or more before its article's is history, not the news


def _of_history(year: int | None, article: When | None) -> bool:
    return year is not None and article is not None and year <= article[0] - HISTORY_YEARS


_EARLIER = {"previous", "prior", "former", "last"}  # (not "earlier": "Earlier on Thursday" is the news's own day)


def _news_against_earlier(mine: Slot, theirs: Slot, article: When | None) -> bool:
    """The claim places its date before another occasion ("when the two sides last met, in November
    2019") and the passage's date is of the article's own days (the final of 31 July 2022 in an article
    of 1 August): a score stated alike does not make the news that earlier meeting. (A passage date
    long before the article may well be it: "The last time the Commons voted ..., in 2015" / 11
    September 2015.)"""
    return mine.kind == "date" and theirs.kind == "date" and article is not None \
        and any(c.startswith(("time:", "deed:")) and c.split(":", 1)[1] in _EARLIER for c in mine.context) \
        and theirs.value[0] is not None and not _long_before([theirs.value], article)


def _zones(context: frozenset[str]) -> frozenset[str]:
    return frozenset(c for c in context if c.startswith("zone:"))


def _rival_value(mine: Slot, theirs: list[Slot], claim: Frame, passage: Frame, out: Alignment,
                 pinned: Sentence = None) -> Slot | None:
    """The passage value that states another value for the claim's, or None. A value in a passage
    sentence that names an ordinal occurrence the claim does not name ("passed at third reading
    ..., a majority of 23" for "a majority of 55") may be of another occurrence: it can match the
    claim's value, but it does not contradict it, unless it stands in the sentence ``pinned`` by a
    tally stated alike in both."""
    own = claim.ordinals_at(mine)
    # (a value dated the claim's own day is of the claim's occasion, whatever ordinal its sentence
    # names: "beat England 2-1 on Sunday 14 July 2024 to become champions for a record fourth time")
    # (an age is its person's, whatever occurrence its sentence tells)
    rivals = [s for s in theirs if mine.role == "age" or _within(s, pinned) or not (passage.ordinals_at(s) - own)
              or _same_day(claim, passage, s)]
    out.other_occurrence |= not rivals
    # shown against the value in the same place of its phrase: "to 4.75%" against "to 5%", not "from 5.25%"
    if not rivals:
        return None
    # and against the value hanging from most of the words the claim's does: "drove in 10 runs", not "three home runs"
    own = _stems(mine.anchors)
    best = max(len(_stems(s.anchors) & own) for s in rivals)
    rivals = [s for s in rivals if len(_stems(s.anchors) & own) == best]
    # and the count of those the claim's verb is done to: "had been injured" against "182 people had been
    # injured", not "had killed 139 people"
    rivals = [s for s in rivals if mine.deed and s.deed == mine.deed] or rivals
    before = _word_before(claim.text, mine)
    return next((s for s in rivals if _word_before(passage.text, s) == before), rivals[0])


def _same_day(claim: Frame, passage: Frame, slot: Slot) -> bool:
    """A full date of the claim agrees with a full date of the passage value's occasion."""
    days = [d.value for d in _dated_by(passage, slot)]
    return any(None not in a[:3] and None not in b[:3] and _agree(a, b) for a in _occasions(claim) for b in days)


_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
_ELAPSED = re.compile(r"\b(?:after|within)\s+(?P<n>[\w-]+)\s+(?P<u>hour|day|week|month|year)s?\b"
                      r"|\b(?P<n2>[\w-]+)\s+(?P<u2>hour|day|week|month|year)s?\s+(?:into|after)\b"
                      r"|\b(?:entered|entering|enters|in)\s+its\s+(?P<nth>[\w-]+)\s+(?P<u3>day|week|month|year)\b",
                      re.I)


def _elapsed(text: Frame, slot: Slot) -> float | None:
    """How long into its story the figure's sentence places it, in days: "after five weeks" 35, "two weeks
    into the strike" 14, "as the strike entered its second month" 30; None where it says nothing of it."""
    start, end = text.sentence_of(slot)
    # (not the figure itself: "reopened five and a half years after the fire" gives a length, no point)
    m = next((m for m in _ELAPSED.finditer(text.text, start, end)
              if m.end() <= slot.start or m.start() >= slot.end), None)
    if m is None:
        return None
    if m.group("nth"):
        n = number_value(m.group("nth"))
        return (n - 1) * _UNIT_DAYS[m.group("u3").lower()] if n else None
    word, unit = (m.group("n"), m.group("u")) if m.group("n") else (m.group("n2"), m.group("u2"))
    n = 1.0 if word.lower() in ("a", "an") else number_value(word)
    return n * _UNIT_DAYS[unit.lower()] if n else None


_RUNNING = re.compile(r"\b(?:so far|to date|since the (?:start|beginning) of|as of|(?:this|the) year so far|"
                      r"year to date|thus far|up to now|"
                      # a count since a day of the year: "1,136 people had died since 14 June", "since mid-June"
                      r"since\b[^.;]{0,40}?\b(?:January|February|March|April|May|June|July|August|September|October|"
                      r"November|December))\b", re.I)
RUNNING_DAYS = 1  # a running count told more days than this from the article's is another day's


def _running(text: Frame, slot: Slot) -> bool:
    """The figure's sentence gives it as a running count: "so far this year", "to date", "as of"."""
    start, end = text.sentence_of(slot)
    return _RUNNING.search(text.text, start, end) is not None


def _days_apart(dates: Dates) -> int:
    """Days between the article and the passage's publication (0 where either is unknown)."""
    a, p = dates.article, dates.published
    if a is None or p is None or None in a[:3] or None in p[:3]:
        return 0
    return abs((dt.date(*a[:3]) - dt.date(*p[:3])).days)


def _other_point(a: float | None, b: float | None) -> bool:
    """Two points of a story more than a day apart."""
    return a is not None and b is not None and abs(a - b) > 1


_STAGE = re.compile(r"\b(?:with|after|once)\s+(?P<share>all|half|most|nearly all|almost all|[\w.,%-]+(?:\s+(?:per cent|percent))?)"
                    r"\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}(?:had\s+been\s+|have\s+been\s+|were\s+|was\s+)?"
                    r"(?:counted|processed|tallied|reported)\b", re.I)


def _count_stage(text: Frame, slot: Slot) -> str:
    """How much of a count the figure's sentence says was in when it was told ("with half of the polling
    station reports processed": "half"); "all" for a final count, or where the sentence names no stage."""
    start, end = text.sentence_of(slot)
    m = _STAGE.search(text.text, start, end)
    share = m.group("share").lower() if m else "all"
    return "all" if share.rstrip("%").strip() in ("all", "100", "100 per cent", "100 percent") else share


_NEED = r"\b(?:need|needs|needed|needing|require|requires|required|requiring|threshold|minimum)\b"
# "needed 367 votes", "needed an absolute majority of 367", "needed a majority of its 733 members, that is 367 votes"
_NEEDED_BEFORE = re.compile(_NEED + r"(?:(?:\s+(?:of|an?|the|absolute|simple|at least|more than|over|just))*\s*"
                            r"(?:majority\s+of\s+)?|[^.;:]{0,80}?,\s*(?:that is|i\.e\.,?)\s*)$", re.I)
_NEEDED_AFTER = re.compile(r"^(?:\s+[\w'’-]+){0,3}?\s+(?:are\s+|is\s+|was\s+|were\s+)?(?:needed|required|necessary)\b"
                           r"(?P<purpose>[^.;,]*)", re.I)
_PURPOSE_WORDS = {"for", "to", "a", "an", "the", "of", "in", "on", "be", "it", "its", "their", "his", "her"}


def _needed(text: str, slot: Slot) -> bool:
    """The figure is one needed or required ("He needed 367 votes", "the 50 per cent needed to win", "the
    one-third of registered voters required"): a bar to reach, not a count of what came."""
    return _NEEDED_BEFORE.search(text[:slot.start]) is not None or _NEEDED_AFTER.match(text[slot.end:slot.end + 60]) is not None


def _purpose(text: str, slot: Slot) -> set[str]:
    """What a needed figure is needed for, where the words after it say ("needed for official party status":
    {"official", "party", "status"}); empty where they do not."""
    m = _NEEDED_AFTER.match(text[slot.end:slot.end + 80])
    return set(re.findall(r"[a-z]+", m.group("purpose").lower())) - _PURPOSE_WORDS if m else set()


def _other_bar(claim: str, mine: Slot, passage: str, theirs: Slot) -> bool:
    """Two bars set for other ends: "172 seats are needed for a majority" / "the 12 seats needed for official
    party status"."""
    a, b = _purpose(claim, mine), _purpose(passage, theirs)
    return bool(a and b and not a & b)


def _clocked(text: Frame, slot: Slot) -> bool:
    """The figure's sentence gives the moment it was counted at: a time of day ("As of 2 p.m. on 3
    April, 77 people were trapped") or a day it is "as of" ("as of 8 February, it estimated the spill
    had killed about 3,500 fish")."""
    sentence = text.sentence_of(slot)
    return any(t.label == "TIME" and t is not slot and re.search(r"\d", t.text) and _within(t, sentence)
               for t in text.of("number")) or \
        any(_within(t, sentence) and re.search(r"\bas of\s*$", text.text[:t.start], re.I) for t in text.of("date"))


_AT_AGE = re.compile(r"\b(?:at|aged)\s+$", re.I)


def _ages(mine: Slot, claim: Frame, passage: Frame, dates: Dates) -> list[Slot]:
    """The passage's ages of the claim's named person, given of the same time: an age is the person's,
    whatever verb it hangs from ("Sunak, 42, took office" / "At 43, Sunak is the youngest"), and
    changes by the year ("elected in 2005 at the age of 78" is no age of 2025)."""
    def years(text: Frame, slot: Slot, fallback: When | None) -> set[int]:
        sentence = text.sentence_of(slot)
        told = {d.value[0] for d in text.of("date") if d.value[0] is not None and _within(d, sentence)
                and not _span_word(text.text, d)}  # ("has led the party since 2022": not the age's year)
        return told or ({fallback[0]} if fallback is not None and fallback[0] is not None else set())
    mine_years = years(claim, mine, dates.article)
    # an age at a deed the claim does not date is of that deed's unknown year: only an age at the same deed
    # is another value of it ("learned chess at the age of seven" / "Gukesh, 18, is the youngest")
    # ("At 43, Sunak is the youngest" is his age now)
    deed = _stems(mine.anchors - LIGHT_VERBS) if _AT_AGE.search(claim.text[:mine.start]) and not years(claim, mine, None) \
        else set()
    return [s for s in passage.of("number") if s.role == "age" and mine.doer and s.doer
            and not (deed and not deed & _stems(s.anchors))
            and name_key(mine.doer) == name_key(s.doer)
            and not (mine_years and (theirs := years(passage, s, dates.published))
                     and all(abs(a - b) > 1 for a in mine_years for b in theirs))]


def _another_ones_day(mine: Slot, theirs: Slot) -> bool:
    """Two dates each of another name's own deed ("Francis died on 21 April" / "Leo XIII, who died on
    20 July 1903"); one name at two lengths ("Joe Biden" / "Joseph R. Biden Jr.") is one."""
    return _other_names(mine.subject, theirs.subject) and name_key(mine.subject) != name_key(theirs.subject)


def _clocks(text: Frame, slot: Slot) -> set[float]:
    """The times of day the figure's sentence gives, as minutes after midnight."""
    sentence = text.sentence_of(slot)
    return {t.value for t in text.of("number") if t.role == "clock" and t is not slot and _within(t, sentence)}


def _other_moment(mine: set[float], theirs: set[float]) -> bool:
    """Both give times of day, and none in common."""
    return bool(mine and theirs) and not mine & theirs


# words that pick a few out of more ("the other nine candidates" are the rest, not all)
_PICKS = {"first", "last", "top", "final", "opening", "next", "other", "remaining"}


def _picked(text: Frame, slot: Slot) -> str:
    """The word that picks a figure's few out of more: "first" of "his first two titles", "" for none."""
    word = _word_before(text.text, slot)
    return word if word in _PICKS else ""


def _was(text: Frame, slot: Slot) -> bool:
    """A figure given as the value before a change: "down from 67.3%", "cut from 5.25% to 5%"."""
    return _word_before(text.text, slot) == "from"


def _earlier_point(claim: Frame, passage: Frame, dates: Dates) -> bool:
    """The claim tells how things stood by a day ("By last Saturday (24 September 2022)"), and every day
    the passage names is before it."""
    if not any(_word_before(claim.text, d) in _BY for d in claim.of("date")):
        return False
    full = [d.value[:3] for d in claim.of("date") if None not in d.value[:3]]
    year = dates.published[0] if dates.published else None
    theirs = [(w[0] or year, w[1], w[2]) for w in _occasions(passage) if w[1] is not None and w[2] is not None]
    return bool(full) and bool(theirs) and None not in {w[0] for w in theirs} and all(w < max(full) for w in theirs)


def _word_before(text: str, slot: Slot) -> str:
    """The word before a value; before the weekday a date in brackets reads ("after Sunday (4 August
    2024)'s clashes": "after")."""
    words = _READ_WEEKDAY.sub("", text[:slot.start]).split()
    return words[-1].lower() if words else ""


def _states(mine: Slot, theirs: Slot) -> bool:
    """The passage's value says what the claim's does: the same value at the claim's precision ("16.2%"
    states "16%", "16%" does not state "16.2%", though it does not contradict it either), or one within
    the claim's bound or estimate ("three" states "at least one"). A bound states only the same bound."""
    if mine.kind != "number" or not (mine.bound or theirs.bound):
        return _same_value(mine.value, theirs.value, mine.role, mine.decimals)
    if theirs.bound:
        return theirs.bound == mine.bound and _same_value(mine.value, theirs.value, mine.role, mine.decimals) \
            and _same_value(mine.high, theirs.high, mine.role, mine.decimals)
    if mine.bound == "<=":  # a cap ("up to $30 billion") is stated by that cap, not by any figure under it
        return _same_value(mine.value, theirs.value, mine.role, mine.decimals)
    lo, hi = mine.interval()
    return lo <= theirs.value <= hi


def _consistent(mine: Slot, theirs: Slot) -> bool:
    """The two values can both be true: equal, or bounds and estimates that overlap ("more than
    300" and "about 350"); only values that cannot both hold are another value."""
    if mine.kind != "number" or not (mine.bound or theirs.bound):
        return _same_value(mine.value, theirs.value, mine.role, min(mine.decimals, theirs.decimals)) \
            or mine.kind == "number" and _rounded_alike(mine, theirs)
    if mine.bound == theirs.bound == "<=":
        return _same_value(mine.value, theirs.value, mine.role, min(mine.decimals, theirs.decimals))  # two caps
    (a, b), (c, d) = mine.interval(), theirs.interval()
    return a <= d and c <= b


_SCALED = re.compile(r"(\d+)(?:\.(\d+))?\s*(?:bn|bln|billion|m|mn|million|tn|trn|trillion|k|thousand)\b", re.I)


def _rounded_alike(mine: Slot, theirs: Slot) -> bool:
    """One figure is the other written to fewer places: "$119.6bn" and "$119.58 billion" (rounded to
    the last digit written), "$499" and "$499.99" (a price in whole units drops its cents)."""
    if mine.role.startswith("%") or theirs.role.startswith("%"):
        return False
    for a, b in ((mine, theirs), (theirs, mine)):
        if m := _SCALED.search(a.text):
            step = a.value / float(m.group(1) + ("." + m.group(2) if m.group(2) else "")) * 10 ** -len(m.group(2) or "")
            if abs(a.value - b.value) <= 0.5 * step + 1e-9 * abs(a.value):
                return True
        elif a.role in ("money", *DURATIONS) and a.value == int(a.value) and "." not in a.text \
                and 0 <= b.value - a.value < 1:
            return True  # (and a length of time in whole units drops the part: "five years" / "five and a half years")
        elif _rounds_to(b, a):
            return True
    return False


def _rounds_to(precise: Slot, written: Slot) -> bool:
    """A figure of three or more digits written whole, the other one with places that round to it ("414
    millimetres" / "414.1 mm"). (A small figure is not: "4%" is no rounding of "3.75%".)"""
    digits = re.sub(r"\D", "", written.text)
    return "." not in written.text and len(digits) >= 3 and written.value == int(written.value) \
        and "." in precise.text and round(precise.value) == written.value


def _within(slot: Slot, sentence: Sentence) -> bool:
    """The slot stands in the sentence (the one a tally stated alike pinned), if there is one."""
    return sentence is not None and sentence[0] <= slot.start < sentence[1]


def _same_value(a: Any, b: Any, role: str = "", decimals: int = 0) -> bool:
    if isinstance(a, tuple):
        return sorted(a) == sorted(b)
    if role.startswith("%"):  # "a third" is 33 per cent, "two-thirds" 67: a share is compared rounded to
        # ``decimals`` (see _states and _consistent: "3.5%" and "3.25%" differ, "2.0%" and "2.2%" too)
        return abs(a - b) <= 0.5 * 10 ** -decimals + 1e-9
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)
