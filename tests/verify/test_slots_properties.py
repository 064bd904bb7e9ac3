"""Properties of the verification stage's reading of any text, found by generating texts (hypothesis).

For any claim and passage: reading their slots never raises, every slot's span points at its
words in the text, and aligning the two never raises. Texts mix figures, dates, shares, tallies,
ranges, bounds, spans of time, divisions, version numbers and names, the forms the slot readers
parse ("1.2.10" once crashed the number reader on a scientific abstract).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.nlp import parse
from factcheck.verify.align import align
from factcheck.verify.slots import clock_minutes, frame

PIECES = ["The court", "MPs", "Russia", "the talks in Istanbul", "voted", "ruled", "met", "were held", "on",
          "in", "by", "of", "not", "no", "several", "7-2", "330 votes to 275", "19-28", "1.2.10", "3.5 million",
          "two-thirds of voters", "a third", "40 per cent", "95%", "$1.2bn", "half a percentage point",
          "Thursday", "27 February 2025", "last week", "2014", "1,200", "second", "third reading", "about six hours",
          "fifty-five", "Geneva", "the US Embassy in Ankara", "Keir Starmer", "(", ")", ",", ".", ";", "—",
          "at least", "more than", "about", "up to", "or more", "nine out of 10", "one in five", "10 times",
          "from March through May", "March 1-May 31, 2020", "between 2014 and 2016", "26-28 February",
          "The Ayes numbered 330 and the Noes 275", "52 yeas to 48 nays", "29 November 2024", "(No 2) Bill",
          "if", "as long as", "Justices Clarence Thomas", "President"]


@st.composite
def text(draw) -> str:
    words = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
    return " ".join(words)


ANY = st.one_of(text(), st.text(max_size=200))


@given(claim=ANY, passage=ANY, similarity=st.floats(-1.0, 1.0))
def test_slots_and_alignment_never_raise_and_spans_hold(claim, passage, similarity):
    c, p = parse([claim, passage])
    fc, fp = frame(c), frame(p)
    for f, t in ((fc, claim), (fp, passage)):
        for s in f.slots:
            assert 0 <= s.start <= s.end <= len(t) and t[s.start:s.end] == s.text
    a = align(fc, fp, similarity)
    assert 0.0 <= a.coverage <= 1.0


@pytest.mark.parametrize("text, minutes", [("9am", 540), ("9 p.m.", 1260), ("7:14pm", 1154), ("12:25 a.m.", 25),
                                           ("21:45", 1305), ("noon", 720), ("four hours", None), ("42 minutes", None)])
def test_a_time_of_day_is_minutes_after_midnight(text, minutes):
    assert clock_minutes(text) == minutes
