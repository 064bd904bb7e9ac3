"""Properties of extraction that must hold for any text, found by generating texts (hypothesis).

For any input: extraction never raises, every claim's span points at its sentence in the article
(``article[start:end] == sentence``), spans lie inside the article, and every dropped line's span
points at its text. Texts are drawn both as arbitrary Unicode and as article-like prose built from
news words, names, numbers, quotes, dates and furniture lines, so the parse-based rules are reached.
The example count stays modest in ``make test``; ``make test-hardening`` runs the full-strength
profile (both are set in ``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract import extract

WORDS = ["the", "a", "minister", "said", "talks", "will", "not", "be", "held", "in", "on", "Thursday", "last",
         "week", "Istanbul", "Russia", "and", "he", "she", "it", "they", "according", "to", "agency", "which",
         "who", "was", "were", "no", "officials", "present", "Mr.", "Dr.", "U.S.", "that", "after", "annexed",
         "Crimea", "2014", "7-2", "half", "percent", "$5m", "told", "reporters", "but", "did", "provide", "details",
         "Keceli", "spokesman", "for", "Foreign", "Ministry", "yesterday", "next", "month", "I", "think", "should",
         "may", "expects", "clear", "how", "quickly", "Read", "more", "Subscribe", "Photo:", "Related:", "By"]
PUNCT = [" ", " ", " ", ", ", ". ", "? ", "! ", "; ", " — ", ": ", "\n", "\n\n", " “", "” ", ' "', '" ', " (", ") "]
FURNITURE = ["Sign up for our newsletter", "Read more", "Photo: Jane Doe / AP", "Related: Five things to know",
             "By Jane Doe, Staff Reporter", "Updated 3 March 2024, 08:15 GMT", "Share on Facebook | Email",
             "date 2025-02-27", "ISTANBUL (AP) —"]


@st.composite
def prose(draw) -> str:
    """Article-like text: sentences of news words and punctuation, furniture lines among them."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()) and draw(st.booleans()):
            parts.append(draw(st.sampled_from(FURNITURE)) + "\n")
            continue
        n = draw(st.integers(1, 14))
        words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
        seps = draw(st.lists(st.sampled_from(PUNCT), min_size=n, max_size=n))
        parts.append("".join(w + s for w, s in zip(words, seps)).capitalize())
    return "".join(parts)


ANY_TEXT = st.one_of(st.text(max_size=400), prose())
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


def check_spans(article: str, date: dt.date | None) -> None:
    result = extract(article, date)
    for c in result.claims:
        assert 0 <= c.start <= c.end <= len(article), (c.start, c.end, len(article))
        assert article[c.start:c.end] == c.sentence
        assert c.text.strip()
        assert c.kind in ("statement", "attribution", "opinion", "prediction", "quote")
    for d in result.dropped:
        assert 0 <= d.start <= d.end <= len(article)
        assert article[d.start:d.end] == d.text
        assert d.why


@given(article=ANY_TEXT, date=DATES)
def test_extraction_never_raises_and_spans_point_at_their_sentence(article, date):
    check_spans(article, date)


@given(article=prose(), prefix=st.text(max_size=30), suffix=st.text(max_size=30))
def test_spans_hold_inside_arbitrary_surroundings(article, prefix, suffix):
    """Odd characters around prose (control characters, other scripts, stray quotes) move no span."""
    check_spans(prefix + article + suffix, None)
