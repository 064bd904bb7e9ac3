"""Pronouns and bare definite descriptions in claims replaced by their referent, when the
article leaves one candidate.

No coreference model runs offline here, so this is a small rule-based resolver over the parse:
"he" / "she" is the person the sentence or the last report named (when only one person is in
view); "it" is the last singular thing or organisation that was a subject; "they" the last plural
subject. An expletive "it" ("it will be clear how ...") refers to nothing and stays, and so does a
pronoun whose referent is in the claim itself ("Moscow and Washington agreed to improve their
ties"). A pronoun with two candidates stays as written, with a note.

A definite description with no name of its own ("the bill", "the private member's bill", "the
talks") is read as the thing the article named with a phrase of the same head noun ("the Terminally
Ill Adults (End of Life) Bill", "the Istanbul talks"): the one named in this sentence or the
nearest of the last three that names one, else the only one the article has named so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Span, Token

PERSONAL = {"he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
            "it": "thing", "its": "thing", "they": "plural", "them": "plural", "their": "plural"}
_POSSESSIVE = {"his", "its", "their"}
_PEOPLE = set("""official officials spokesman spokeswoman spokesperson minister president leader diplomat man woman
manager coach player captain chief secretary director ambassador senator governor mayor judge justice lawyer
researcher scientist author reporter king queen prince chancellor premier commander officer""".split())
_PERSON_ENTS = {"PERSON"}
# nouns that describe an organisation: a named organisation in the sentence may be what they describe
_BODIES = set("""party company firm bank agency group government ministry department union club team board
committee council institute administration airline carrier court network organisation organization squad side
crew""".split())
_THING_ENTS = {"ORG", "GPE", "NORP", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LOC"}


def called_a_body(name: Token) -> bool:
    """A name its apposition calls a body, whatever label the tagger gave it: "Forza Italia, a party
    named after a football chant" is no person a "he" may stand for."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in _BODIES for c in name.children)


def people_named(doc: Doc) -> list[Span]:
    """The people a sentence names: its PERSON entities, less those it calls a body."""
    return [e for e in doc.ents if e.label_ == "PERSON" and not called_a_body(e.root)]


# words that say a named person is a woman or a man: "his wife Rosalynn", "Rosalynn Carter, his wife", "Mrs May"
_FEMALE = set("""wife widow mother daughter sister queen princess woman girl mrs ms miss lady grandmother aunt niece
duchess""".split())
_MALE = set("""husband widower father son brother king prince man boy mr sir lord grandfather uncle nephew duke""".split())
_SHE = {"she", "her", "hers", "herself"}
_HE = {"he", "him", "his", "himself"}


def sexes(doc: Doc) -> dict[str, str]:
    """First names ("f" or "m") the sentence marks as a woman's or a man's by a word set beside the
    name: a pronoun is then not read as a person of the other sex ("The Carter Center, the charity he
    founded with his wife Rosalynn, announced his death": not Rosalynn's)."""
    out = {}
    people = people_named(doc)
    for e in people:
        words = {doc[e.start - 1].lower_.rstrip(".")} if e.start else set()
        words.add(e[0].lower_.rstrip("."))  # (a title inside the name: "King Charles III", "Sir Graham Brady")
        words |= {c.lemma_.lower() for c in e.root.children if c.dep_ == "appos"}
        if e.root.dep_ in ("appos", "compound"):
            words.add(e.root.head.lemma_.lower())
        female, male = bool(words & _FEMALE), bool(words & _MALE)
        if female != male:
            out[e.text.split()[0]] = "f" if female else "m"
    # and the one person a sentence names, where every pronoun after the name is of one sex: "Liz Truss announced
    # her resignation"
    for sent in doc.sents:
        named = {e.text.split()[0] for e in people if sent.start <= e.start < sent.end}
        if len(named) != 1 or (first := next(iter(named))) in out:
            continue
        start = min(e.end for e in people if sent.start <= e.start < sent.end and e.text.split()[0] == first)
        said = {t.lower_ for t in doc[start:sent.end]} & (_SHE | _HE)
        if said and (said <= _SHE or said <= _HE):
            out[first] = "f" if said <= _SHE else "m"
    return out


def _other_sex(pronoun: Token, name: str, marked: dict[str, str]) -> bool:
    sex = marked.get(name.split()[0]) if name.split() else None
    return sex == "f" and pronoun.lower_ in _HE or sex == "m" and pronoun.lower_ in _SHE


@dataclass
class Mention:
    text: str
    kind: str  # person / thing / plural
    main: bool = False  # the subject of its sentence's main clause
    prep: bool = False  # the object of a preposition ("in favour of the bill"), not of a verb
    aside: bool = False  # the subject of an adverbial clause ("as the pandemic took hold"), not the topic
    name: str = "-"  # a proper name's entity label ("PERSON", "GPE"; "" if untagged); "-" for a common noun


@dataclass
class Discourse:
    """What pronouns can refer to: the people the last sentence naming people named, the last
    speaker, the last sentence's subjects and the last objects (newest last)."""

    people: list[str] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    speaker: str | None = None
    topic: Mention | None = None  # the last sentence's main subject
    recent: list[Mention] = field(default_factory=list)  # the last sentence's subjects, pronouns resolved
    resolved: list[Mention] = field(default_factory=list)  # this sentence's subject pronouns, resolved
    things: list[list[tuple[str, str]]] = field(default_factory=list)  # per sentence: (head noun, name)
    here: list[tuple[int, str, str]] = field(default_factory=list)  # this sentence's named things (``named_things``)
    crowded: bool = False  # the last sentence naming people also spoke of someone it did not name
    sex: dict[str, str] = field(default_factory=dict)  # first names marked as a woman's or a man's (``sexes``)
    side_verbs: set[str] = field(default_factory=set)  # the last sentence's verbs outside its main clause
    sentence: int = 0  # sentences read so far
    pronoun_topic: bool = False  # the last sentence's main subject was "he" or "she"
    # per surname: how often the article has named that person, and the sentence that last did
    times_named: dict[str, int] = field(default_factory=dict)
    last_named: dict[str, int] = field(default_factory=dict)

    def named(self, people: list[str], doc_tokens: list[Token] | None = None) -> None:
        self.sentence += 1
        if people:
            before = self.people
            self.people = list(dict.fromkeys(people))
            self.crowded = bool(doc_tokens) and _another_in_view(doc_tokens, before, self.people)
        for p in dict.fromkeys(p.split()[-1] for p in people if p.split()):
            self.times_named[p] = self.times_named.get(p, 0) + 1
            self.last_named[p] = self.sentence

    def rival_of(self, person: str) -> bool:
        """Someone the article has named more often than ``person`` was named in the last five
        sentences too: "Prosecutors argued that Bankman-Fried ... Judge Kaplan set sentencing ... his
        closest former colleagues" may be either man's."""
        me = person.split()[-1] if person.split() else person
        return any(p != me and n > self.times_named.get(me, 0) and self.sentence - self.last_named[p] < 5
                   for p, n in self.times_named.items())

    def end_sentence(self, mentions: list[tuple[int, Mention, str]]) -> None:
        """Keep a finished sentence's noun phrases ((index, mention, "subject" or "object")) for the
        next sentence's pronouns, with the subject pronouns resolved in it."""
        self.objects = (self.objects + [m for _, m, role in mentions if role == "object"])[-6:]
        self.topic = next((m for _, m, _ in mentions if m.main), None)
        self.recent = [m for _, m, role in mentions if role == "subject"] + self.resolved
        self.resolved = []


def mention_kind(head: Token) -> str:
    """person / thing / plural for the head of a noun phrase."""
    if head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children):
        return "plural"
    if head.ent_type_ in _PERSON_ENTS and not called_a_body(head) or head.lower_ in _PEOPLE or \
            (head.pos_ == "PROPN" and any(c.dep_ == "compound" and c.lower_ in _PEOPLE for c in head.children)):
        return "person"  # "Oncu Keceli", "the spokesman", "Justice Jackson"
    if any(c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "whom") for g in c.children)
           for c in head.children):
        return "person"  # "The new pope, who is 69, ...": "who" is said of a person
    return "thing"


_REACHED = {"to", "through", "across", "past", "back", "onto", "over", "out", "home"}


def _expletive(token: Token) -> bool:
    """"it will be clear how ...", "it is expected that ...": an "it" that stands for a clause; and
    the "it" of "made it down to the water", "made it through the Commons": reaching, not a thing."""
    if token.dep_ == "expl":
        return True
    head = token.head
    if token.lower_ == "it" and head.lemma_ == "make" and any(
            c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ in _REACHED for c in head.children if c.i > token.i):
        return True
    if token.lower_ == "it" and head.pos_ == "ADJ" and any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in head.children):
        return True  # "made it clear that ...", "found it hard to ..."
    if token.lower_ == "it" and token.dep_ == "nsubj" and head.lemma_ == "be" and any(
            c.dep_ == "attr" and (c.lemma_ == "time" or any(x.ent_type_ == "ORDINAL" for x in c.subtree))
            for c in head.children):
        return True  # "it was the first time ...", "it was a second successive defeat": the occasion itself
    if token.lower_ != "it" or head.lemma_ not in ("be", "seem", "appear", "become", "remain", "take", "make"):
        return head.lemma_ in ("rain", "snow")
    return any(c.dep_ in ("ccomp", "xcomp", "csubj", "acomp", "advcl") for c in head.children) and \
        any(c.dep_ in ("ccomp", "xcomp", "csubj") or c.dep_ == "acomp" for c in head.children)


def _in_claim(token: Token, tokens: set[int], kind: str) -> bool:
    """Whether the claim itself names the referent of a possessive before it: its own subject
    ("Moscow and Washington agreed to improve their ties") or a name of the same kind in the
    clause ("efforts to isolate Russia over its war"): the claim already reads on its own."""
    for i in sorted(tokens):
        if i >= token.i:
            return False
        t = token.doc[i]
        if t.pos_ in ("PROPN", "NOUN") and mention_kind(t) == kind and \
                (t.dep_ in ("nsubj", "nsubjpass") or (t.pos_ == "PROPN" and t.head.i in tokens)):
            return True
        if token.lower_ in ("his", "her") and t.tag_ == "NNP" and t.dep_ in ("nsubj", "nsubjpass") \
                and t.ent_type_ not in ("ORG", "NORP"):
            return True  # "Haaland scored 52 goals in his first season": a named subject, whatever its tag
    return False


def resolve_pronouns(tokens: set[int], doc_tokens: list[Token], discourse: Discourse,
                     sentence_people: list[tuple[int, str]], mentions: list[tuple[int, Mention, str]]) -> tuple[dict[int, str], list[str]]:
    """Rewrites (token index -> text) for the pronouns of a claim, and notes on those left alone.

    ``sentence_people`` are (token index, name) of the people this sentence names; ``mentions``
    (token index, mention, "subject" or "object") the noun phrases of the same sentence. A
    subject pronoun looks for a subject, an object pronoun for an object (the parallel reading).
    """
    subs: dict[int, str] = {}
    notes: list[str] = []
    for t in (doc_tokens[i] for i in sorted(tokens)):
        kind = PERSONAL.get(t.lower_)
        if kind is None or t.pos_ != "PRON" or (kind == "thing" and _expletive(t)) or \
                (t.lower_ in _POSSESSIVE and _in_claim(t, tokens, kind)):
            continue
        inside = [(i, m, r) for i, m, r in mentions if i in tokens]
        if t.dep_ in ("nsubj", "nsubjpass") and any(i < t.i and m.kind == kind and m.main for i, m, _ in inside):
            continue  # the claim names the referent itself: "Jackson stepped aside because she ..."
        referent = _referent(t, kind, discourse, [(i, name) for i, name in sentence_people if i < t.i], mentions)
        if referent is None:
            notes.append(f"'{t.text}' is not resolved: the article leaves no single referent")
            continue
        if t.dep_ in ("nsubj", "nsubjpass"):  # "It had coasted ... It then exploded": a chain of one topic
            discourse.resolved.append(Mention(referent, kind, t.head.dep_ == "ROOT"))
        text = referent if t.i == min(tokens) else _lower_article(referent)
        subs[t.i] = text + ("'s" if t.lower_ in _POSSESSIVE or (t.lower_ == "her" and t.dep_ == "poss") else "")
    return subs, notes


_HIS = {"his", "him", "her"}
_PERSONS = {"he", "she", "him", "her"}


def _another_in_view(doc_tokens: list[Token], before: list[str], people: list[str], upto: int | None = None) -> bool:
    """A sentence that names a new person and says "his" or "him" of someone (not "his own") may
    mean the person the article spoke of before: "Judge Kaplan revoked his bail ... He has been held
    since" is not the judge. Two people are then in view, and a later "he" has no single referent."""
    named = {p.split()[-1] for p in people}
    joined = {n.text for t in doc_tokens[:upto] if t.lower_ in _PERSONS
              for n in ([t.head] if t.dep_ == "conj" else []) + [c for c in t.children if c.dep_ == "conj"]
              if n.ent_type_ == "PERSON"}
    if joined and not named - joined:
        return True  # "he and Rosalynn built homes": the name is one of two people, the "he" another unnamed here
        # (not "Haley said ... between her and Trump": her is Haley)
    gone = [p for p in before if p.split()[-1] not in named]
    # (not "his own", nor a "his" in what someone says: "Kerrigan said his side had switched off")
    return bool(gone) and any(t.lower_ in _HIS and t.dep_ not in ("nsubj", "nsubjpass") and (upto is None or t.i < upto)
                              and not (t.i + 1 < len(doc_tokens) and doc_tokens[t.i + 1].lower_ == "own")
                              and not any(a.dep_ == "ccomp" for a in t.ancestors) for t in doc_tokens)


_QUOTES = {'"', "\u201c", "\u201d"}


def _quoted(doc: Doc) -> dict[int, bool]:
    """Per token index: whether it stands inside quotation marks."""
    inside, out = False, {}
    for tok in doc:
        if tok.text in _QUOTES:
            inside = not inside if tok.text == '"' else tok.text == "\u201c"
            continue
        out[tok.i] = inside
    return out


def _within_another(t: Token, topic: str, people: list[tuple[int, str]]) -> bool:
    """A pronoun inside a relative clause of another person named: "Yesilgoz said the initiative lay
    with Wilders, who would have to see whether he could form a majority" may mean either of them."""
    for a in t.ancestors:
        if a.dep_ == "relcl":
            noun = a.head
            return any(i == noun.i and p.split()[-1] not in topic.split() for i, p in people)
    return False


def _own_subject(t: Token) -> set[int]:
    """The tokens of the subject of an object pronoun's own verb: "Zubimendi replaced him" is not
    Zubimendi replacing himself."""
    if t.dep_ not in ("dobj", "dative", "pobj") or t.lower_ not in ("him", "her", "them", "it"):
        return set()
    verb = t.head.head if t.dep_ == "pobj" else t.head
    subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = {x.i for c in subject for x in c.subtree}
    if verb.dep_ == "relcl" and any(c.lower_ in ("who", "that", "which") for c in subject):
        # "Truss, who beat him by 81,326 votes": "who" is Truss, and Truss did not beat herself
        clause = {x.i for x in verb.subtree}
        own |= {x.i for x in verb.head.subtree if x.i not in clause}
    return own


# a phrase that sets its object against the clause's subject: the "she" of "Unlike Rutte, she had not
# ruled out ..." is someone other than Rutte
_SET_AGAINST = {"unlike", "like", "besides", "alongside", "beside", "instead", "rather", "than", "except",
                "versus", "against"}


def _set_against(t: Token) -> set[int]:
    """The tokens of phrases of a subject pronoun's own verb that contrast their object with it."""
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    return {x.i for p in t.head.children if p.dep_ == "prep" and p.lower_ in _SET_AGAINST for x in p.subtree}


def _referent(t: Token, kind: str, discourse: Discourse, people: list[tuple[int, str]],
              mentions: list[tuple[int, Mention, str]]) -> str | None:
    if kind == "person":
        against = _set_against(t)
        people = [(i, p) for i, p in people if i not in against]
        mentions = [(i, m, r) for i, m, r in mentions if i not in against]
        # a name inside a quotation is what was said, not who said it: the "he" of '"Last week, COVID-19
        # claimed a life every three minutes," he said' is not COVID-19
        quoted = _quoted(t.doc)
        quoted = {} if quoted.get(t.i) else quoted  # (a pronoun inside the quote may mean a name inside it)
        people = [(i, p) for i, p in people if not quoted.get(i)]
        mentions = [(i, m, r) for i, m, r in mentions if not quoted.get(i)]
        people = [(i, p) for i, p in people if not _other_sex(t, p, discourse.sex)]
        mentions = [(i, m, r) for i, m, r in mentions if not _other_sex(t, m.text, discourse.sex)]
        main = [m for i, m, _ in mentions if i < t.i and m.kind == "person" and m.main]
        if main and t.dep_ in ("nsubj", "nsubjpass"):  # "Jackson stepped aside because she ...": the topic
            if _within_another(t, main[-1].text, people):
                return None
            here = [main[-1].text] + [p for _, p in people]
            return None if _another_in_view(list(t.doc), discourse.people, here, t.i) else main[-1].text
        own = _own_subject(t)
        named = {p.split()[-1]: p for i, p in people if i not in own}
        for i, m, _ in mentions:
            # a person, or for an object pronoun also the sentence's subject if a name the tagger may
            # not call a person ("Rodri did not return, and Zubimendi replaced him")
            if i < t.i and i not in own and m.text.strip() and m.text.split()[-1] not in named and \
                    (m.kind == "person" or own and m.main and m.name not in ("-", "ORG", "NORP")):
                named[m.text.split()[-1]] = m.text
        if named:  # named earlier in the same sentence
            return next(iter(named.values())) if len(named) == 1 else None
        topic = discourse.topic
        if t.dep_ in ("nsubj", "nsubjpass") and topic is not None and topic.kind == "person" and topic.name == "-" \
                and max(discourse.last_named.values(), default=0) < discourse.sentence:
            # "The new pope, who is 69, paid tribute to his predecessor. He did not address the crowd in
            # English": the last sentence named no one, and its subject is the person meant, not one named before
            return topic.text
        if len(discourse.people) == 1 and _other_sex(t, discourse.people[0], discourse.sex):
            return None  # "his wife Rosalynn ... his death": not hers
        if t.dep_ in ("nsubj", "nsubjpass") and discourse.pronoun_topic:
            # "he lost in the semi-finals to Alexander Zverev, who went on to take the gold. He then lost the
            # bronze-medal match": the last sentence's "he", whoever he was, not the man he lost to
            chain = next((m for m in discourse.recent if m.main and m.kind == "person"), None)
            return chain.text if chain is not None and not _other_sex(t, chain.text, discourse.sex) else None
        if len(discourse.people) == 1 and not discourse.crowded and not discourse.rival_of(discourse.people[0]):
            person = discourse.people[0]
            # "Rodri did not return, and Zubimendi replaced him. He was named ...": the last sentence's
            # subject, a name the tagger may not call a person, is a second candidate
            topic = discourse.topic
            if topic is not None and topic.name not in ("-", "ORG", "NORP") and topic.text.strip() and \
                    topic.text.split()[-1] not in person.split() and t.dep_ in ("nsubj", "nsubjpass"):
                return None
            return person
        return discourse.speaker if discourse.speaker in discourse.people and not discourse.crowded \
            and not _other_sex(t, discourse.speaker, discourse.sex) else None
    # "eight members of a crew were filling potholes ..., and only two of them were pulled out": a part
    # of one of two groups named before it in its sentence has no single referent
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.like_num and any(
            i < t.i and m.kind == "plural" and re.search(r"\d", m.text) for i, m, _ in mentions):
        # "scored 52 goals in his first season, 12 of them in the Champions League": a count of the counted group
        # its sentence names before it, which reads on its own (not "the club" of the sentence)
        return None
    partitive = t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ in ("nsubj", "nsubjpass")
    if partitive and len({m.text for i, m, _ in mentions if i < t.i and m.kind == kind}) > 1:
        return None
    near = [m for i, m, _ in mentions if i < t.i and m.kind == kind and not _pronominal(m)]
    if t.dep_ == "pobj" and t.head.lower_ == "among" and near:
        # "in which nearly 100 people were killed, among them more than a dozen police officers": the group
        # a part is picked out of is the nearest one its sentence names, whatever its role
        return near[-1].text
    role = "subject" if t.dep_ in ("nsubj", "nsubjpass") or t.lower_ in _POSSESSIVE else "object"
    own = _own_subject(t)  # "its 194 seats in the Sejm leave it short": not the Sejm, but whoever "its" is
    if any(t.doc[i].lower_ == "its" for i in own):
        role = "subject"
    mentions = [(i, m, r) for i, m, r in mentions if i not in own]
    # a verb's object pronoun looks for a verb's object first ("added a tracer to the fluid and found it")
    parallel = (lambda m: not m.prep) if t.dep_ == "dobj" else (lambda m: True)
    # (an adverbial clause of a relative clause; not the relative clause's own subject: "samples, which they excluded")
    rel = t.head.head if t.head.dep_ == "advcl" and t.head.head.dep_ == "relcl" else None
    antecedent = next((m for i, m, _ in mentions if rel is not None and i == rel.head.i and m.kind == kind), None)
    if role == "subject" and antecedent is not None:
        return antecedent.text  # "the Camp Fire, which killed 85 people when it destroyed Paradise": the Camp Fire
    # a group named earlier in the sentence may be "they" ("Spain's squad is young, and they will be the team
    # to beat"): it is the sentence's own candidate, nearer than any plural of the sentences before
    # (not a phrase that itself opens with a pronoun: "Its revenue rose ..., and its net loss narrowed")
    before = [m for i, m, r in mentions if i < t.i and r == role and not _pronominal(m) and (
              m.kind == kind or kind == "plural" and m.kind == "thing" and m.text.split()
              and m.text.split()[-1].lower() in _BODIES)]
    before = [m for m in before if parallel(m)] or before
    # "wrote to its members urging them to reject": the group nearest before "them" is one told by a pronoun
    # of its own, which leaves no name to put for it (not a body named further back)
    nearest = [m for i, m, r in mentions if i < t.i and r == role and m.kind == kind == "plural"]
    if role == "object" and nearest and _pronominal(nearest[-1]):
        return None
    if before:
        return ([m for m in before if m.main] or before)[-1].text
    if role == "subject" and any(i < t.i and r == "subject" and m.name != "-" for i, m, r in mentions):
        return None  # "SpaceX said it would ...": a name nearer than any earlier subject, whatever its tag or clause
    own_clause = {x.i for x in t.head.subtree}
    if role == "subject" and t.head.dep_ != "ROOT" and any(i < t.i and m.kind == kind and i not in own_clause
                                                           for i, m, r in mentions if r == "object"):
        return None  # "filling potholes on the bridge when it fell": nearer than the last sentence's subject
        # (not "Before the collapse it carried ...": a phrase of its own clause)
    # a subject pronoun's referent is a subject of the last sentence, and not one of its asides ("...
    # as the pandemic took hold. From 2021 it raised rates" is not the pandemic)
    if role == "subject" and t.head.lemma_ in discourse.side_verbs:
        return None  # "... the Camp Fire, which killed 85 people when it destroyed Paradise. It also destroyed ...": either
    earlier = [m for m in discourse.recent if not m.aside] if role == "subject" else discourse.objects[-3:]
    same = [m for m in earlier if m.kind == kind and not _pronominal(m)]
    same = [m for m in same if parallel(m)] or same
    main = [m for m in same if m.main]  # the last sentence's main subject is the likeliest topic
    return (main or same)[-1].text if same else None


def _pronominal(m: Mention) -> bool:
    """A phrase that itself opens with a pronoun ("their previous titles") names nothing on its own
    once its sentence is past."""
    return m.text.split()[0].lower() in PERSONAL if m.text.split() else True


_RESTRICTIVE = {"prep", "relcl", "acl", "appos", "nummod", "npadvmod"}
# words that set a description apart from the thing named before ("the other's diplomats", "the next bill")
_ANOTHER = set("other another same first second third last next previous earlier later former latter new".split())


_FIGURES = {"MONEY", "CARDINAL", "PERCENT", "QUANTITY"}


def named_things(doc_tokens: list[Token]) -> list[tuple[int, str, str]]:
    """(head index, head noun, phrase) of the things a sentence names with a phrase whose head is
    a noun: "the Terminally Ill Adults (End of Life) Bill" (bill), "the Istanbul talks" (talks),
    "Turkey's Foreign Ministry" (ministry). People are left to the pronoun rules."""
    out = []
    for t in doc_tokens:
        if t.pos_ not in ("NOUN", "PROPN") or not t.is_alpha or t.lower_ in _PEOPLE or \
                t.dep_ in ("compound", "nmod", "amod"):  # part of a longer name
            continue
        left = [x for x in t.subtree if x.i <= t.i]
        if all(x.ent_type_ == "PERSON" for x in left if x.pos_ == "PROPN"):
            continue  # a person's name
        if len(left) != t.i - left[0].i + 1 or any(x.is_punct and x.text not in "()'" or x.dep_ == "cc" for x in left):
            continue  # not one stretch of words, or a group ("Russian and US diplomats")
        if not any(x.pos_ == "PROPN" and x.i != t.i and x.dep_ in ("compound", "nmod", "amod", "poss") or
                   x.pos_ == "PROPN" and x.head.i != t.i and x.i != t.i for x in left):
            continue
        if t.pos_ == "PROPN" and not any(x.dep_ in ("compound", "nmod") and x.text[:1].isupper() for x in t.children):
            continue
        # (its figures are another sentence's facts: "the $69bn Activision Blizzard takeover" names the takeover)
        left = [x for x in left if x.ent_type_ not in _FIGURES and x.tag_ != "$"]
        if not left:  # the whole phrase was read as a figure ("about half of First Republic's deposits")
            continue
        text = "".join(x.text_with_ws for x in left).strip()
        first = left[0]
        if first.lower_ in ("the", "a", "an") and first.dep_ == "det":  # "a Norfolk Southern train": "the" when named again
            text = "the" + text[len(first.text):]
        elif first.dep_ != "poss":
            text = "the " + text
        out.append((t.i, t.lower_, text))
    return out


def resolve_descriptions(tokens: set[int], doc_tokens: list[Token], discourse: Discourse) -> dict[int, str]:
    """Rewrites (token index -> text) that name what a claim's bare definite descriptions refer to
    (``discourse.here`` holds the sentence's own named things, found once per sentence)."""
    here = discourse.here
    subs: dict[int, str] = {}
    for t in (doc_tokens[i] for i in sorted(tokens)):
        if t.pos_ != "NOUN" or t.ent_type_:
            continue
        left = [x for x in t.subtree if x.i <= t.i]
        if left[0].lower_ != "the" or left[0].dep_ != "det":
            continue
        if any(x.i not in tokens or x.pos_ in ("PROPN", "NUM", "PRON") or x.ent_type_ or x.lower_ in _ANOTHER or
               x.i != t.i and x.text[:1].isupper() and x.lower_ != "the" for x in left) or \
                any(c.dep_ in _RESTRICTIVE for c in t.children if c.i > t.i):
            continue
        before = [(n, p) for i, n, p in here if i < t.i]
        if not any(n == t.lower_ for n, _ in before) and _organisation_before(t):
            continue  # "Labour's 411 seats ..., still the party's best result": Labour's, not a party named earlier
        name = _thing(t.lower_, before, discourse)
        if name is None or any(doc_tokens[i].lower_ == t.lower_ and doc_tokens[i].pos_ == "PROPN" for i in tokens):
            continue
        if not _of_its_kind(left, name):
            continue  # "The literature prize" is not the Nobel Peace Prize named before it
        for x in left:
            subs[x.i] = ""
        subs[t.i] = name[:1].upper() + name[1:] if left[0].i == min(tokens) else name
    return subs


def _of_its_kind(words: list[Token], name: str) -> bool:
    """A description's nouns of kind ("literature" of "the literature prize") are in the name it is read
    as, each by its first five letters ("economics" / "the Prize in Economic Sciences")."""
    return all(w.lower_[:5] in name.lower() for w in words if w.dep_ == "compound" and w.pos_ == "NOUN")


def _organisation_before(noun: Token) -> bool:
    """The sentence names an organisation before ``noun`` that it may describe ("Labour" may be the
    party; "the Bank" is no committee), so one named in an earlier sentence is not the only candidate."""
    if noun.lower_ not in _BODIES:
        return False
    return any(e.label_ == "ORG" and e.end <= noun.i and not {w.lower_ for w in e} & (_BODIES - {noun.lower_})
               for e in noun.sent.ents)


def _thing(noun: str, here: list[tuple[str, str]], discourse: Discourse) -> str | None:
    """The one name of that head noun in the nearest sentence that has any (this one, then the last
    three), else the only one named in the article; None when two are in view."""
    for sentence in [here, *reversed(discourse.things[-3:])]:
        names = {p.lower(): p for n, p in sentence if n == noun}
        if names:
            return next(iter(names.values())) if len(names) == 1 else None
    names = {p.lower(): p for sentence in discourse.things for n, p in sentence if n == noun}
    return next(iter(names.values())) if len(names) == 1 else None


def _lower_article(text: str) -> str:
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else text
