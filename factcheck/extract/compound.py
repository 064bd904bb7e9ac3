"""A clause of a parsed sentence in, its atomic clauses out, where the parse makes the split safe.

- Coordinated verbs (``conj``): "Russia annexed Crimea in 2014 and invaded Ukraine in 2022" gives
  two clauses, the subject (and a shared auxiliary) copied into the one that lacks it.
- A non-restrictive relative clause carries its own fact: "embassies, which were hit hard by
  expulsions" also gives "Embassies were hit hard by expulsions". So does a participle set off by
  commas after a name or a definite phrase ("The Eiffel Tower, completed in 1889, ..." gives "The
  Eiffel Tower was completed in 1889"), and one that opens the sentence ("Founded in 1998, the
  company ..." gives "The company was founded in 1998"), unless it works as a preposition
  ("Compared with last year, ...").
- A clause on what a copula says its subject is, is said of that subject: "Einstein was a
  physicist who developed relativity" is "Einstein was a physicist" and "Einstein developed
  relativity"; "Google is a company founded in 1998" is "Google is a company" and "Google was
  founded in 1998". A clause on a phrase that names its referent adds a fact too ("the Russia-US talks in Saudi
  Arabia that marked a shift"); one that picks out which referent stays whole ("People who smoke
  ...", "The man who shot the senator ...").
- An appositive on a name: "Oncu Keceli, spokesman for Turkey's Foreign Ministry, ..." also gives
  "Oncu Keceli is spokesman for Turkey's Foreign Ministry"; so does a title before a person's name
  ("Turkish Foreign Ministry spokesman Oncu Keceli").
- A subordinate clause that the sentence asserts as true ("after Russia annexed Crimea") also
  stands as a claim of its own.

A wrong split invents a claim, while an unsplit clause is still checkable: every rule here needs
a finite verb and a subject on both sides, and leaves the clause whole otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..nlp import named_beside
from .tokens import phrase, subtree

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

_SUBJECTS = ("nsubj", "nsubjpass", "expl")
_FACTIVE = {"after", "before", "because", "since", "although", "though", "whereas", "while", "as"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_ROLE_WORDS = {"NOUN", "PROPN"}
_COMPLEMENTS = ("dobj", "attr", "dative", "acomp")
_EXAMPLES = {"including", "as", "like"}  # "including A and B", "such as A and B", "like A and B"
_NOT_DISTRIBUTIVE = {"or", "nor", "either", "neither", "both", "between", "among", "respectively", "together",
                     "each", "versus", "vs", "vs."}
_RELATIONAL = set("""link connect join separate compare unite merge combine mix divide split mediate broker negotiate
distinguish reconcile pit swap exchange switch match bridge balance marry alternate share confuse""".split())
# Participles that describe a lasting state, so "X is a city located in Y" gives "X is located in Y".
_STATES = {"locate", "base", "situate", "know", "call", "name", "head", "own", "make", "compose", "surround"}
# Participles that open a sentence as a preposition would ("Compared with last year, sales rose"):
# they say nothing was done to the subject.
_PREPOSITIONAL = {"compare", "give", "base", "consider", "include", "exclude", "grant", "provide", "assume",
                  "judge", "see", "take", "leave", "suppose", "allow", "adjust", "measure", "combine", "add"}


@dataclass
class Clause:
    """One atomic clause: its own tokens and the subject / auxiliary tokens copied into it."""

    tokens: set[int]
    lead: list[int] = field(default_factory=list)  # copied subject (and auxiliary), in order
    extra: bool = False  # a fact carried by a part of the sentence, not the sentence's own claim
    link: str = ""  # a copula between lead and tokens: "Oncu Keceli" "is" "spokesman for ..."


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _finite(verb: Token) -> bool:
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _verb_conjuncts(root: Token, allowed: set[int]) -> list[Token]:
    out = []
    for c in root.children:
        if c.dep_ != "conj" or c.i not in allowed or c.pos_ not in ("VERB", "AUX"):
            continue
        if _subject(c) is not None and _finite(c):
            out.append(c)
        elif _subject(root) is not None and (_finite(c) or c.tag_ == root.tag_) and c.tag_ != "VBG":
            if any(n.dep_ == "neg" for n in root.children) and not any(a.dep_ in ("aux", "neg") for a in c.children):
                continue  # "did not sign and ratify": does the "not" carry over? Leave it whole
            if _subject_left_behind(root, c):
                continue  # "raced to 47 before Head, running back, held a catch": Head held it
            out.append(c)
    return out


# words that open a clause of their own, which the parser may read as a preposition ("before Head ... held")
_SUBORDINATORS = {"before", "after", "until", "while", "as", "when", "since", "once"}


def _subject_left_behind(root: Token, conjunct: Token) -> bool:
    """The verb the parser hung on the root with commas alone has a subject of its own left behind as
    the object of a subordinating word: in "raced to 47 before Head, running back from cover, held a
    catch" Head held the catch, not the root's subject."""
    between = root.doc[root.i + 1:conjunct.i]
    if any(t.dep_ == "cc" for t in between):
        return False  # "... and held": the conjunction shares the root's subject
    return any(t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ in _SUBORDINATORS
               and not any(v.pos_ == "VERB" and v.tag_ not in ("VBG", "VBN") for v in root.doc[t.i + 1:conjunct.i])
               for t in between)


def _stranded_subject(verb: Token, allowed: set[int]) -> Token | None:
    """The subject the parser hung on the clause before: in "X slipped to fourth with 39 seats, and
    the Inkatha Freedom Party (IFP) won 17 seats" the bracketed acronym makes "Party" one more
    thing X slipped with, and "won" is left with no subject of its own. A name joined by "and"
    right before a verb that has none is that verb's subject."""
    j = verb.i - 1
    doc = verb.doc
    if j >= 0 and doc[j].text == ")":  # past the bracketed acronym the name stands with
        while j >= 0 and doc[j].text != "(":
            j -= 1
        j -= 1
    if j < 0 or j not in allowed:
        return None
    noun = doc[j]
    if noun.pos_ != "PROPN" or noun.dep_ == "compound":
        return None
    if noun.dep_ != "conj" or noun.head.pos_ not in _ROLE_WORDS or noun.head.i > noun.i:
        return None
    left = noun.left_edge.i - 1
    while left >= 0 and doc[left].is_punct:
        left -= 1
    return noun if left >= 0 and doc[left].dep_ == "cc" and doc[left].lower_ == "and" else None


def split_clause(root: Token, allowed: set[int]) -> list[Clause]:
    """The atomic clauses of the clause headed by ``root`` (its tokens limited to ``allowed``)."""
    conjuncts = _verb_conjuncts(root, allowed)
    own = set(allowed) & subtree(root)
    stranded = {c.i: s for c in conjuncts if _subject(c) is None and (s := _stranded_subject(c, allowed)) is not None}
    for c in conjuncts:
        own -= subtree(c)
    for c in conjuncts:  # the "and" / ", but" that joined them
        if c.i in stranded:
            own -= set(range(stranded[c.i].left_edge.i, c.i))
        j = min(subtree(c) | ({stranded[c.i].left_edge.i} if c.i in stranded else set())) - 1
        while j > root.i and j in own and (root.doc[j].dep_ == "cc" or root.doc[j].is_punct):
            own.discard(j)
            j -= 1
    own -= _after_aside(root, own)
    carried = _carried_facts(root.doc, own, root.i)
    clauses = [Clause(part) for part in _distribute(root, own)]
    for c in conjuncts:
        part = split_clause(c, allowed & subtree(c))
        if c.i in stranded:
            lead = [t.i for t in phrase(stranded[c.i])]
            for p in part:
                if not p.extra and not p.lead:
                    p.lead = lead
        elif _subject(c) is None:
            subj = _subject(root)
            lead = [t.i for t in phrase(subj)] if subj is not None else []
            own_aux = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
            if not own_aux:  # "has been arrested and charged": "has been" is shared
                lead += [a.i for a in root.children if a.dep_ in ("aux", "auxpass") and a.i < root.i]
            elif c.tag_ not in _FINITE and not any(a.tag_ in _FINITE for a in own_aux):
                # "would need ... and be expected to": the modal is shared, the "be" is the conjunct's own
                lead += [a.i for a in root.children if a.dep_ == "aux" and a.tag_ in _FINITE and a.i < root.i]
            for p in part:
                if not p.extra and not p.lead:
                    p.lead = lead
        clauses.extend(part)
    return clauses + carried


def _after_aside(root: Token, own: set[int]) -> set[int]:
    """A phrase set off by a comma right after a relative clause set off by commas, hung by the parser
    on the main verb: it most likely goes on describing the relative clause's noun ("Otis struck with
    more force than Hurricane Patricia, which in 2015 became the strongest hurricane on record, with
    winds of about 215mph": Patricia's winds). The main clause does not claim it."""
    doc, out = root.doc, set()
    asides = [t for t in doc if t.i in own and t.dep_ == "relcl" and t.head.i != root.i and doc[t.left_edge.i - 1].text == ","]
    for aside in asides:
        end = max(subtree(aside))
        for c in root.children:
            if c.i == end + 2 and doc[end + 1].text == "," and c.dep_ in ("prep", "npadvmod"):
                out |= subtree(c)
    return out


def _items(first: Token, own: set[int]) -> list[Token]:
    """``first`` and the words coordinated with it ("English, French and German")."""
    items, todo = [], [first]
    while todo:
        t = todo.pop()
        items.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj" and c.i in own)
    return sorted(items, key=lambda t: t.i)


def _listable(slot: Token, items: list[Token]) -> bool:
    """Nouns and names ("English, French and German" with "French" read as an adjective), or
    adjectives after a copula ("safe and effective")."""
    if slot.dep_ == "acomp":
        return all(t.pos_ == "ADJ" for t in items)
    return all(t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and slot.pos_ == "PROPN") for t in items)


def _distribute(root: Token, own: set[int]) -> list[set[int]]:
    """``own`` once per item of a coordinated complement of ``root``: "X speaks English and
    French" is "X speaks English" and "X speaks French", "The drug is safe and effective" is two
    claims. Only "and" lists of nouns and names (adjectives after a copula) are split, and only where the verb says the same of each: never under a negation, never with "or",
    "between", "both" or "respectively", never for a verb that relates its objects to each other
    ("linked France and Germany"). Subjects are never split ("Moscow and Washington agreed")."""
    doc = root.doc
    if any(c.dep_ == "neg" for c in root.children) or root.lemma_.lower() in _RELATIONAL:
        return [own]
    slots = [c for c in root.children if c.dep_ in _COMPLEMENTS and c.i in own]
    slots += [g for c in root.children if c.dep_ in ("prep", "agent") and c.i in own
              for g in c.children if g.dep_ == "pobj" and g.i in own]
    # the examples of a complement: "offers several services, including banking and insurance"
    slots += [g for c in list(slots) for p in c.children if p.dep_ == "prep" and p.lower_ in _EXAMPLES
              and p.i in own for g in p.children if g.dep_ == "pobj" and g.i in own]
    for slot in sorted(slots, key=lambda t: t.i):
        items = _items(slot, own)
        if len(items) < 2 or not _listable(slot, items):
            continue
        whole = set().union(*(subtree(t) for t in items)) & own
        words = {doc[i].lower_ for i in whole} | {slot.head.lower_}
        if words & _NOT_DISTRIBUTIVE or any(doc[i].dep_ == "cc" and doc[i].lower_ != "and" for i in whole):
            continue
        if not any(doc[i].dep_ == "cc" for i in whole):
            continue  # no "and": "in East Palestine, Pennsylvania" is a town and its state, not a list
        joins = {i for i in whole if doc[i].dep_ in ("cc", "preconj") or (doc[i].is_punct and doc[i].head in items)}
        base = own - whole
        parts = []
        for t in items:
            nested = set().union(*(subtree(c) for c in t.children if c in items)) if t is slot else \
                set().union(*(subtree(c) for c in t.children if c.dep_ == "conj"))
            parts.append(base | ((subtree(t) - nested - joins) & own))
        return parts
    return [own]


def carried_facts(tokens: list[Token]) -> list[Clause]:
    """The facts a phrase carries (a speaker's appositive: "Oncu Keceli, spokesman for ..."),
    read from the whole phrase the tokens head, which a speaker's name leaves out."""
    if not tokens:
        return []
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    return _carried_facts(tokens[0].doc, ids.union(*(subtree(h) for h in heads)), -1)


def _carried_facts(doc: Doc, own: set[int], root: int) -> list[Clause]:
    """Facts that parts of a clause carry: non-restrictive relative clauses, appositives on names,
    asserted subordinate clauses. The relative clause and appositive leave the clause they were in
    (``own`` is changed in place)."""
    out: list[Clause] = []
    for t in sorted((doc[i] for i in own), key=lambda t: t.i):
        if t.i not in own or t.i == root:
            continue
        noun = _relative_head(t)
        if noun is not None and t.pos_ in ("VERB", "AUX") and _finite(t):
            rel = _subject(t)
            comma = noun.i + 1 < len(doc) and doc[noun.i + 1].text == "," or \
                (rel is not None and rel.i > 0 and doc[rel.i - 1].text == ",")
            whose = _described(noun, own)
            if rel is None or rel.lower_ not in ("which", "who", "that") or noun.pos_ not in _ROLE_WORDS:
                continue
            if whose is not None or (comma and rel.lower_ != "that") or _named(noun, subtree(t)):
                # (of the noun alone where others are joined to it after the clause: "the TDP, which won 16
                # seats, and the Janata Dal (United)")
                after = {i for c in noun.children if c.dep_ in ("conj", "cc") and c.i > t.i for i in subtree(c)}
                # (a name set beside the noun is who it is: "his wife, Raisa, who died in 1999" is Raisa)
                name = named_beside(noun, t.i) if whose is None else None
                lead = [x.i for x in phrase(name if name is not None else whose if whose is not None else noun,
                                            drop=after)]
                out.extend(Clause(part, lead=lead, extra=True) for part in _distribute(t, subtree(t) - {rel.i}))
                own -= _set_off(doc, subtree(t))
        elif t.dep_ == "acl" and t.tag_ == "VBN" and _subject(t) is None and t.i > t.head.i:
            whose = _described(t.head, own)
            # "The Eiffel Tower, completed in 1889, ...", "The study, published in Nature, ..."
            set_off = doc[t.i - 1].text == "," and _closed(doc, subtree(t)) and _definite(t.head)
            if whose is not None or set_off:
                body = subtree(t) & own
                subject = whose if whose is not None else t.head
                lead = phrase(subject, drop=subtree(t))
                present = t.lemma_ in _STATES and t.head.head.tag_ in ("VBZ", "VBP")
                if lead:  # a broken parse can leave the phrase nothing but punctuation
                    out.append(Clause(body, lead=[x.i for x in lead], extra=True, link=_be(subject, present)))
                    own -= _set_off(doc, subtree(t))
        elif t.dep_ == "advcl" and t.tag_ == "VBN" and t.i == min(own) and _subject(t) is None \
                and t.lemma_ not in _PREPOSITIONAL and not any(c.dep_ in ("mark", "auxpass", "aux") for c in t.children):
            subj = _subject(t.head)  # "Founded in 1998, the company employs ...": the company was founded
            if subj is not None and subj.pos_ in _ROLE_WORDS and _closed(doc, subtree(t)) and subj.i in own:
                lead = phrase(subj)
                out.append(Clause(subtree(t) & own, lead=[x.i for x in lead], extra=True, link=_be(subj, False)))
                own -= _set_off(doc, subtree(t))
        elif t.dep_ == "appos" and t.head.pos_ == "PROPN" and t.pos_ in _ROLE_WORDS and t.i > t.head.i \
                and not (t.ent_type_ and t.head.ent_type_ and t.ent_type_ != t.head.ent_type_) \
                and not {t.ent_type_, t.head.ent_type_} & {"DATE", "TIME"} \
                and not (t.pos_ == "PROPN" and any(c.dep_ == "conj" for c in t.children)):
            # (nor is a run of names: "followed by Barry Bonds, Alex Rodriguez, Alfonso Soriano and Ronald
            # Acuña Jr." lists four people, it does not say Bonds is the other three)
            # (a name of another kind is no apposition: "In Tainan, the Uranus Building, ... was left
            # leaning" is the building's subject misparsed, not "Tainan is the Uranus Building"; nor is
            # a date beside a weekday: "on Monday, Sept. 26" says when, not that Monday is a date)
            role = set(x.i for x in phrase(t))
            # the appositive is on its own name, not on the names joined to it after it: "Patricia Bullrich,
            # the centre-right candidate, and Mauricio Macri" makes Bullrich the candidate
            later = {i for c in t.head.children if c.dep_ in ("conj", "cc") and c.i > t.i for i in subtree(c)}
            # (nor is a time said before the name part of it: "Last week Haitham Al Ghais, the secretary-general")
            later |= {i for c in t.head.children if c.dep_ == "npadvmod" and c.i < t.head.i for i in subtree(c)}
            if 2 <= len(role) <= 15:
                out.append(Clause(role, lead=[x.i for x in phrase(t.head, drop=subtree(t) | later)], extra=True,
                                  link="is"))
                own -= _set_off(doc, subtree(t))
        elif t.dep_ == "advcl" and t.pos_ in ("VERB", "AUX") and _finite(t) and _subject(t) is not None:
            mark = next((m for m in t.children if m.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in _FACTIVE and mark.i < t.i:
                body = (subtree(t) & own) - {mark.i}
                out.extend(Clause(c.tokens, c.lead, extra=True) for c in split_clause(t, body))
    return out


def _closed(doc: Doc, span: set[int]) -> bool:
    """A comma (or the sentence's end) right after ``span``: it is set off, not running on."""
    after = max(span) + 1
    return after >= len(doc) or doc[after].text == "," or doc[after].is_punct and after == len(doc) - 1


def _definite(noun: Token) -> bool:
    """A name, or a noun with "the", "this" or a possessive: a phrase that says which thing it is."""
    return noun.pos_ == "PROPN" or noun.pos_ == "NOUN" and any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
        for c in noun.children)


def _be(subject: Token, present: bool) -> str:
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    return ("are" if plural else "is") if present else ("were" if plural else "was")


def _relative_head(verb: Token) -> Token | None:
    """The noun a relative clause is on: its head, or, where the parser took "talks ... that
    marked a shift" for a complement of the verb before it, that verb's object (a complement's
    "that" introduces it and is never its subject; a relative "that" is)."""
    if verb.dep_ == "relcl":
        return verb.head
    rel = _subject(verb)
    if verb.dep_ == "ccomp" and rel is not None and rel.tag_ in ("WDT", "WP") and rel.i == min(subtree(verb)):
        return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return None


def _named(noun: Token, clause: set[int]) -> bool:
    """The noun's phrase names what it is ("Russia-U.S. talks in Saudi Arabia"), so a clause on it
    adds a fact instead of picking out which one ("people who smoke", "the man who shot X")."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP", "LOC", "FAC")
               for t in phrase(noun) if t.i not in clause)


def _set_off(doc: Doc, span: set[int]) -> set[int]:
    """``span`` with the commas that set it off ("Curie, who won two prizes, was born" leaves
    "Curie was born")."""
    return span | {i for i in (min(span) - 1, max(span) + 1) if 0 <= i < len(doc) and doc[i].text == ","}


def _described(noun: Token, own: set[int]) -> Token | None:
    """The subject a copula describes with ``noun`` ("Einstein" in "Einstein was a physicist who
    ..."): what a clause on ``noun`` says is then said of that subject, so "X is a Y who Z" is the
    two facts "X is a Y" and "X Z". None when ``noun`` is not such a description."""
    cop = noun.head
    if noun.dep_ != "attr" or cop.lemma_ != "be" or cop.i not in own:
        return None
    subj = next((c for c in cop.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN") or subj.i not in own:
        return None  # "It was a plan that failed": no referent to carry the fact
    return subj


def titled_people(doc: Doc) -> list[Clause]:
    """"Turkish Foreign Ministry spokesman Oncu Keceli" -> "Oncu Keceli is Turkish Foreign Ministry
    spokesman": a title of two words or more just before a person's name is a fact about them."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.root.left_edge.i >= ent.start:
            continue
        title = [t for t in doc[ent.root.left_edge.i:ent.start]]
        while title and (title[0].dep_ in ("det", "punct") or title[0].ent_type_ in ("DATE", "TIME")):
            title.pop(0)  # (a time said before the name is no title: "Last week Haitham Al Ghais")
        inside = {t.i for t in ent.root.subtree}
        if len(title) >= 2 and all(t.i in inside and not t.is_punct for t in title) \
                and title[-1].pos_ in _ROLE_WORDS and title[-1].ent_type_ != "PERSON":
            out.append(Clause({t.i for t in title}, lead=[t.i for t in ent], extra=True, link="is"))
    return out
