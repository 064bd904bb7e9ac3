"""Claim extraction: boilerplate, attribution, compound splitting, spans (no model needed)."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, SHARED_SEED

from factcheck.extract import decontextualise, extract_claims, is_boilerplate, split_attribution, split_compound


def texts(claims):
    return [c.text for c in claims]


def test_spans_point_at_the_sentence_in_the_article():
    article = ARTICLE.read_text(encoding="utf-8")
    claims = extract_claims(article)
    assert len(claims) >= 20
    for c in claims:
        assert article[c.start:c.end] == c.sentence


def test_appeal_byline_and_credit_lines_are_dropped():
    article = ARTICLE.read_text(encoding="utf-8")
    joined = " ".join(c.sentence for c in extract_claims(article)).lower()
    for phrase in ("donat", "subscribe", "read more", "helen marsh", "contributed to this report"):
        assert phrase not in joined


@pytest.mark.parametrize("line", ["Your donation keeps our reporters in the field.", "Read more",
                                  "Support Now", "By Jane Doe, Staff Reporter",
                                  "Reuters staff in Kyiv contributed to this report.",
                                  "We never put the news behind a paywall, so every contribution counts."])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["Russia annexed Crimea in 2014.",
                                  "The charity said donations fell by 12% in 2023.",
                                  "Lavrov said the talks would start on Thursday."])
def test_story_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("sentence,speaker,content", [
    ("The embassy official said Ukraine will not be on the agenda.", "The embassy official",
     "Ukraine will not be on the agenda."),
    ("Diplomats will meet in Istanbul on Thursday, Russia's Foreign Minister Sergey Lavrov said Wednesday.",
     "Russia's Foreign Minister Sergey Lavrov", "Diplomats will meet in Istanbul on Thursday"),
    ("According to the ministry, 40 diplomats were expelled in 2018.", "the ministry",
     "40 diplomats were expelled in 2018."),
    ("Lavrov told reporters in Qatar that the talks would deal with embassy staffing.", "Lavrov",
     "the talks would deal with embassy staffing."),
    ("Oncu Keceli, the spokesman for Turkey's Foreign Ministry, said a meeting was scheduled for Thursday.",
     "Oncu Keceli, the spokesman for Turkey's Foreign Ministry", "a meeting was scheduled for Thursday."),
])
def test_attribution_is_split_off(sentence, speaker, content):
    a = split_attribution(sentence)
    assert (a.speaker, a.content) == (speaker, content)


def test_no_speaker_for_plain_statements_and_noun_phrases():
    assert split_attribution("No Ukrainian officials were present at last week's talks.").speaker is None
    assert split_attribution("Keceli also reiterated Turkey's offer to host future talks.").speaker is None


def test_attributed_sentence_gives_the_claim_and_the_fact_it_was_said():
    claims = extract_claims("The embassy official said Ukraine will not be on the agenda.")
    statement = [c for c in claims if c.kind == "statement"]
    attribution = [c for c in claims if c.kind == "attribution"]
    assert texts(statement) == ["Ukraine will not be on the agenda"]
    assert statement[0].speaker == "The embassy official"
    assert attribution and "said" in attribution[0].text


def test_compound_verb_phrase_gets_its_subject():
    parts = split_compound("Ties fell to Cold War lows after Russia illegally annexed Crimea in 2014 "
                           "and invaded Ukraine in 2022")
    assert parts[-1] == "Russia invaded Ukraine in 2022"
    assert len(parts) == 2


def test_compound_clauses_with_their_own_subjects():
    assert split_compound("Lavrov arrived in Doha on Wednesday, and the talks began on Thursday") == [
        "Lavrov arrived in Doha on Wednesday", "the talks began on Thursday"]


def test_unambiguous_noun_coordination_is_not_split():
    assert split_compound("Diplomats from Russia and the United States met in Istanbul") == [
        "Diplomats from Russia and the United States met in Istanbul"]


def test_pronoun_speaker_resolves_to_last_named_speaker():
    claims = extract_claims("Oncu Keceli, the spokesman for Turkey's Foreign Ministry, said a meeting was set "
                            "for Thursday.\n\nHe added that Turkey was ready to host further talks.")
    added = [c for c in claims if "host further talks" in c.text and c.kind == "statement"]
    assert added and added[0].speaker == "Oncu Keceli"
    assert "Oncu Keceli is the spokesman for Turkey's Foreign Ministry" in texts(claims)


def test_bare_event_reference_names_the_event():
    assert decontextualise("The talks would not cover Ukraine",
                           ["An official confirmed the Istanbul talks on Thursday."]) == \
        "The Istanbul talks would not cover Ukraine"
    assert decontextualise("The talks ended", ["Nothing named here."]) == "The talks ended"


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the seed article lives in ../shared, absent in a fresh clone")
def test_seed_article_claims():
    claims = extract_claims(SHARED_SEED.read_text(encoding="utf-8"))
    by_text = {c.text: c for c in claims}
    assert "No Ukrainian officials were present at last week's talks" in by_text
    agenda = by_text["Ukraine will not be on the agenda"]
    assert agenda.speaker == "The embassy official"
    assert not any("donation" in c.sentence.lower() or "support" in c.sentence.lower()[:60] for c in claims)
