"""Article text in, atomic claims that read on their own out, each with its sentence's span.

Steps: the story's sentences, web furniture dropped and listed (``boilerplate``); each sentence
parsed once (``factcheck.nlp``); reported speech split into speaker and what was said
(``attribution``); clauses split where the parse makes it safe (``compound``); pronouns and
relative times resolved against the article (``resolve``, ``when``); each claim given its kind
(``kinds``). The claim keeps its original sentence and span; its text is the rewritten one that is
retrieved and verified, and its notes say what was rewritten and what could not be.
Check-worthiness is scored later, in the pipeline, on the embeddings retrieval uses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..nlp import by_surname, headline, parse
from ..text import Span
from ..types import Claim
from .attribution import Report, content_tokens, find_reports
from .boilerplate import Dropped, split_story
from .compound import Clause, carried_facts, split_clause, titled_people
from .kinds import kind_of
from .resolve import (Discourse, Mention, mention_kind, named_things, people_named, resolve_descriptions,
                      resolve_pronouns, sexes)
from .tokens import phrase, render, subtree, tidy, trim
from .when import Anchor, article_date, resolve_times

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

_MIN_WORDS = 3
# What an "it" or "them" does not stand for: times and amounts ("voted in favour of the bill on
# Friday ... against it" is against the bill).
_NOT_REFERENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}


@dataclass
class Extraction:
    """What the extractor made of an article: its claims, the lines it left out, its date."""

    claims: list[Claim]
    dropped: list[Dropped] = field(default_factory=list)
    date: dt.date | None = None


class ClaimExtractor(Protocol):
    """The extraction seam: article text (and its date, when the caller knows it) in, claims in
    reading order out (check-worthiness 0.0)."""

    def extract(self, text: str, date: dt.date | None = None) -> Extraction: ...


class RuleExtractor:
    """The default extractor: the parse-based rules of this package."""

    def extract(self, text: str, date: dt.date | None = None) -> Extraction:
        return extract(text, date)


def extract_claims(text: str, date: dt.date | None = None) -> list[Claim]:
    """Atomic claims of an article, in reading order, check-worthiness not yet scored (0.0)."""
    return extract(text, date).claims


def extract(text: str, date: dt.date | None = None) -> Extraction:
    """Claims, dropped lines and date of an article; ``date`` overrides the article's date line."""
    story, dropped = split_story(text)
    when = date or article_date(text)
    reader = _Reader(Anchor(when))
    for sent, doc in zip(story, by_surname(parse([s.text for s in story]))):
        reader.read(sent, doc)
    claims = _dedupe(reader.claims)
    for n, c in enumerate(claims, 1):
        c.id = f"c{n}"
    return Extraction(claims=claims, dropped=dropped, date=when)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in claims:
        key = (c.text.lower(), c.kind)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _people(doc: Doc) -> list[tuple[int, str]]:
    """(start, name) of the people the sentence names."""
    return [(e.start, e.text) for e in people_named(doc)]


def _mentions(doc: Doc) -> list[tuple[int, Mention, str]]:
    """(index, mention, role) of the sentence's noun subjects and objects (of a verb or a preposition)."""
    out = []
    for t in doc:
        bare = t.pos_ == "NOUN" and t.tag_ == "NN" and not t.ent_type_ and \
            not any(c.dep_ in ("det", "poss", "compound") for c in t.children)  # "take part", not "Northwind said"
        # (a noun the parser made the root, its verb hung from it: "The Key Bridge, which ..., opened in 1977")
        root_noun = t.dep_ == "ROOT" and any(c.dep_ == "acl" and c.pos_ == "VERB" for c in t.children)
        # (nor "any spacecraft" or "no member": such a phrase picks out no one thing a pronoun can mean)
        quantified = any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in t.children)
        # (nor a post the subject holds or leaves: "quit as home secretary, saying she ...", "resigning as party leader")
        if t.dep_ == "pobj" and t.head.lower_ == "as" and t.pos_ == "NOUN":
            continue
        if (t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or root_noun) and t.pos_ in ("PROPN", "NOUN") and not bare \
                and t.ent_type_ not in _NOT_REFERENTS and not quantified:  # not "take part", not "on Thursday"
            role = "subject" if t.dep_ in ("nsubj", "nsubjpass") or root_noun else "object"
            main = role == "subject" and (t.head.dep_ == "ROOT" or root_noun)
            out.append((t.i, Mention(render(phrase(t, _when_told(t)), finish=False), mention_kind(t), main, prep=t.dep_ == "pobj",
                                     aside=role == "subject" and t.head.dep_ == "advcl",
                                     name=t.ent_type_ if t.pos_ == "PROPN" or t.ent_type_ else "-"), role))
    return out


class _Reader:
    """Reads story sentences in order, keeping what pronouns and relative times refer to."""

    def __init__(self, anchor: Anchor) -> None:
        self.anchor = anchor
        self.discourse = Discourse()
        self.claims: list[Claim] = []

    def read(self, sent: Span, doc: Doc) -> None:
        self.discourse.sex |= sexes(doc)
        subjects = _mentions(doc)
        # (a headline's capitals are no names: "Faulty CrowdStrike update crashes ..." names no "update")
        self.discourse.here = [] if headline(doc) else named_things(list(doc))
        found = find_reports(doc)
        reports = [r for r in found if not _inside_other(r, found)]
        speakers: dict[int, tuple[str, list[str]]] = {}  # report -> (speaker, notes on resolving it)
        for r in reports:
            speakers[id(r)] = self._speaker(r, doc, subjects)
        made: list[tuple[Clause, tuple[str, list[str]] | None, str | None]] = []  # clause, speaker, verb
        for r in reports:
            for root in r.contents:
                for clause in split_clause(root, content_tokens(r, root)):
                    made.append((clause, speakers[id(r)], r.lemma))
            made.extend((c, None, None) for c in carried_facts(r.speaker))
        for root in _main_clauses(doc, reports):
            made.extend((c, None, None) for c in split_clause(root, _outside_reports(root, reports)))
        if not reports:
            for root in (s.root for s in doc.sents):
                made.extend((c, None, None) for c in split_clause(root, {t.i for t in root.subtree}))
        made.extend((c, None, None) for c in titled_people(doc))
        for clause, speaker, verb in sorted(made, key=lambda m: m[0].extra):
            self._add(sent, doc, clause, speaker, verb, subjects)
        if reports:
            whole = Clause({t.i for t in doc})
            self._add(sent, doc, whole, None, None, subjects, kind="attribution")
        self._remember(doc, reports, speakers, subjects)
        self.anchor.see(doc)

    def _speaker(self, r: Report, doc: Doc, subjects: list[tuple[int, Mention, str]]) -> tuple[str, list[str]]:
        tokens = {t.i for t in r.speaker}
        subs, notes = resolve_pronouns(tokens, list(doc), self.discourse, _people(doc), subjects)
        return tidy(render(r.speaker, subs, finish=False)), [f"speaker {n}" for n in notes]

    def _add(self, sent: Span, doc: Doc, clause: Clause, said: tuple[str, list[str]] | None, verb: str | None,
             subjects: list[tuple[int, Mention, str]], kind: str | None = None) -> None:
        speaker, speaker_notes = said or (None, [])
        clause = Clause(trim(doc, clause.tokens), clause.lead, clause.extra, clause.link)
        tokens = clause.tokens | set(clause.lead)
        if not clause.tokens:
            return
        subs, notes = resolve_pronouns(tokens, list(doc), self.discourse, _people(doc), subjects)
        subs.update(resolve_descriptions(tokens, list(doc), self.discourse))
        times, time_notes = resolve_times(doc, tokens, self.anchor)
        subs.update(times)
        first = doc[min(clause.tokens)]
        if clause.lead and first.i == 0 and first.tag_ == "VBN" and first.i not in subs:
            subs[first.i] = first.lower_  # "Founded in 1998, the company ..." -> "The company was founded in 1998"
        lead = render((doc[i] for i in clause.lead), subs, finish=False)
        body = render((doc[i] for i in clause.tokens), subs, finish=False)
        text = tidy(" ".join(p for p in (lead, clause.link, body) if p))
        if len(text.split()) < _MIN_WORDS:
            return
        rewrites = [f"'{doc[i].text}' read as '{s}'" for i, s in sorted(subs.items()) if s and s != doc[i].text]
        self.claims.append(Claim(id="", text=text, sentence=sent.text, start=sent.start, end=sent.end,
                                 speaker=speaker, kind=kind or kind_of(doc, clause.tokens, verb),
                                 notes=rewrites + notes + time_notes + speaker_notes))

    def _remember(self, doc: Doc, reports: list[Report], speakers: dict[int, str],
                  subjects: list[tuple[int, Mention, str]]) -> None:
        people = [name for _, name in _people(doc)]
        for r in reports:
            head = max(r.speaker, key=lambda t: t.dep_ == "nsubj" or t.head.i not in {x.i for x in r.speaker})
            if mention_kind(head) == "person" or (head.pos_ == "PROPN" and not any(t.dep_ == "det" for t in r.speaker)):
                named = [p for _, p in _people(doc) if p in speakers[id(r)][0]]
                self.discourse.speaker = named[-1] if named else speakers[id(r)][0]
                people.append(self.discourse.speaker)
        self.discourse.named(people, list(doc))
        self.discourse.side_verbs = {t.lemma_ for t in doc if t.pos_ == "VERB" and t.dep_ in ("relcl", "advcl", "acl")}
        self.discourse.things.append([(n, p) for _, n, p in self.discourse.here])
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        self.discourse.pronoun_topic = root is not None and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she") for c in root.children)
        self.discourse.end_sentence(subjects)


_TIME_PREPS = {"in", "on", "at", "during", "since", "until"}


def _when_told(noun: Token) -> set[int]:
    """The phrases on a noun that tell when it was so, which a pronoun for the noun does not carry:
    "It won 48 of them in 2019" are of "Scotland's 59 seats at Westminster", not of the seats "in
    the general election of 2015"."""
    return {i for c in noun.children if c.dep_ == "prep" and c.i > noun.i and c.lower_ in _TIME_PREPS
            and any(x.ent_type_ in ("DATE", "TIME") for x in c.subtree) for i in subtree(c)}



def _main_clauses(doc: Doc, reports: list[Report]) -> list[Token]:
    """Sentence roots that a report hangs from without being it or what it says: "Karamanlis resigned
    on Wednesday, saying he did so out of respect ..." also states that he resigned on Wednesday,
    and "The aircraft was 15 years old and had joined the fleet in 2019, according to ..." its age."""
    reported = {t.i for r in reports for t in [r.verb, *r.contents] if t is not None}
    taken = reported | {i for r in reports for i in r.frame}
    return [s.root for s in doc.sents if s.root.i not in taken and reported & subtree(s.root)]


def _outside_reports(root: Token, reports: list[Report]) -> set[int]:
    """The tokens of ``root``'s clause that are no part of a report: its verb and what was said, and
    its speaker where the speaker is the report's own (not the subject it shares with "..., saying")."""
    out = subtree(root)
    for r in reports:
        out -= subtree(r.verb) if r.verb is not None else r.frame
        for c in r.contents:
            out -= subtree(c)
    return out


def _inside_other(r: Report, reports: list[Report]) -> bool:
    """A report inside what another report says is part of that claim, not a claim of its own."""
    return any(o is not r and r.verb is not None and any(r.verb.i in {t.i for t in root.subtree} for root in o.contents)
               for o in reports)
