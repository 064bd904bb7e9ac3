"""What kind of claim a clause is, and so whether evidence can settle it.

- ``statement``: a fact the article reports ("No Ukrainian officials were present").
- ``attribution``: that someone said it ("The embassy official said ...").
- ``opinion``: a judgement or characterisation ("The law is unfair", "Third place was a
  disappointment", "we should act now"), or
  what a speaker believes or argues.
- ``prediction``: what will become clear, what may happen, what someone expects ("it will be
  clear how quickly we can move forward"). A scheduled event with its time ("Diplomats will meet
  on Thursday") or a plan stated as fact ("Ukraine will not be on the agenda") stays a statement.
- ``quote``: a speaker's feeling ("I'm so proud of these players").

Opinions, predictions and quotes are listed but never supported or refuted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import OPINION_VERBS, PREDICTION_VERBS

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc

UNCHECKABLE = {"opinion": "An opinion, not a checkable fact",
               "prediction": "A prediction: what has not happened yet cannot be checked",
               "quote": "A speaker's feeling, not a checkable fact"}
_SPECULATIVE = {"may", "might", "could"}
_FUTURE = {"will", "would", "shall", "'ll", "wo"}
_DEONTIC = {"should", "ought", "must"}
_WH = {"how", "whether", "what", "if", "when", "which", "who"}
_EPISTEMIC = set("""clear known evident obvious apparent certain possible impossible likely unlikely difficult easy
better worse necessary""".split())
_EVALUATIVE = set("""important crucial vital essential wrong right good bad great terrible awful unfair fair
unacceptable acceptable ridiculous absurd shameful outrageous disgraceful disastrous dangerous reckless
wonderful brilliant excellent amazing historic remarkable extraordinary appalling horrible fantastic
irresponsible foolish wise unjust just""".split())
# nouns that judge what they are said of: "third place was a disappointment", "the launch was a triumph"
_JUDGEMENTS = set("""disappointment triumph success failure disaster fiasco setback blow embarrassment humiliation
shame scandal mistake tragedy letdown catastrophe masterpiece coup""".split())
_FEELINGS = set("""proud happy delighted thrilled sad disappointed honoured honored grateful excited pleased
glad sorry devastated heartbroken relieved angry frustrated upset love hate enjoy feel""".split())


def kind_of(doc: Doc, tokens: set[int], verb_lemma: str | None) -> str:
    """The kind of the clause made of ``tokens``; ``verb_lemma`` is the speech verb it was reported
    with (None when it is the article's own statement)."""
    if verb_lemma in OPINION_VERBS:
        return "opinion"
    if verb_lemma in PREDICTION_VERBS:
        return "prediction"
    roots = [doc[i] for i in sorted(tokens) if doc[i].head.i not in tokens or doc[i].head.i == i]
    own = [c for r in roots for c in r.children if c.i in tokens] + roots  # the clause's own words
    first_person = any(t.lower_ in ("i", "we") and t.dep_ in ("nsubj", "nsubjpass") for t in own)
    feeling = any(t.lemma_.lower() in _FEELINGS for t in own) or \
        any(c.lemma_.lower() in _FEELINGS for t in own if t.dep_ == "acomp" for c in t.subtree)
    if first_person and feeling:
        return "quote"
    if any(t.lower_ in _DEONTIC and t.dep_ == "aux" for t in own):
        return "opinion"
    predicate_adjs = {t.lower_ for t in own if t.dep_ in ("acomp", "attr", "oprd") and t.pos_ == "ADJ"}
    if predicate_adjs & _EVALUATIVE or any(t.dep_ == "attr" and t.lemma_.lower() in _JUDGEMENTS for t in own):
        return "opinion"
    if any(t.lower_ in _SPECULATIVE and t.dep_ == "aux" for t in own):
        return "prediction"
    future = any(t.lower_ in _FUTURE and t.dep_ == "aux" for t in own)
    open_question = any(c.dep_ in ("ccomp", "xcomp") and any(w.lower_ in _WH and w.i < c.i for w in c.subtree)
                        for r in roots for c in r.children if c.i in tokens)
    if future and (predicate_adjs & _EPISTEMIC or first_person or open_question):
        return "prediction"  # "it will be clear how ...", "the meeting will show whether ..."
    if any(t.lemma_ == "expect" and t.tag_ == "VBN" for t in roots) or \
            any(t.lower_ in ("likely", "unlikely") and t.dep_ in ("acomp", "advmod") for t in own):
        return "prediction"
    return "statement"
