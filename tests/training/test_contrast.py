"""Contrast sets for stance training: which changed detail flips the label, and which does not."""

from __future__ import annotations

import random

from factcheck.training.contrast import (coarsen_dates, drop_neutrals, echo_sentences, join_related,
                                      keep_supports, mirror_negations, pad_passages, swap_refutes)
from factcheck.training.stance import NEUTRAL, REFUTE, SUPPORT, Pair, with_contrast_sets

TALKS = Pair(
    "The Istanbul talks were held on Thursday",
    "Russian and US delegations met in Istanbul on Thursday, 27 February 2025, for talks led by Sonata Coulter.",
    SUPPORT, "news", "g1",
)
BORN = Pair("Lalla Ward is an actress", "Lalla Ward (born 28 June 1959) is an English actress and author.",
            SUPPORT, "fever", "g2")
TWO_SENTENCES = Pair(
    "Halsey signed a recording contract with Astralwerks",
    "Halsey was born in Edison, New Jersey. She signed a recording contract with Astralwerks and released an EP.",
    SUPPORT, "fever", "g3",
)


def test_swap_changes_a_detail_the_passage_states_into_a_refute():
    out = swap_refutes([TALKS], 1.0, random.Random(0), REFUTE, SUPPORT)
    assert len(out) == 1 and out[0].label == REFUTE and out[0].kind.startswith("swap-")
    assert out[0].claim != TALKS.claim and out[0].passage == TALKS.passage


def test_keep_changes_only_passage_details_the_claim_does_not_mention():
    for seed in range(20):
        [kept] = keep_supports([TALKS], 1.0, random.Random(seed), SUPPORT)
        assert kept.label == SUPPORT and kept.claim == TALKS.claim and kept.passage != TALKS.passage
        # the claim names Istanbul and Thursday: those stay, so the claim is still supported
        assert "Istanbul" in kept.passage and "Thursday" in kept.passage
    [kept] = keep_supports([BORN], 1.0, random.Random(1), SUPPORT)
    assert "Lalla Ward" in kept.passage


def test_keep_skips_refutes_and_pairs_with_nothing_to_change():
    refute = Pair("Paris is in Spain", "Paris is in France", REFUTE, "x", "g")
    plain = Pair("the sky is blue", "the sky is blue today", SUPPORT, "x", "g")
    assert keep_supports([refute, plain], 1.0, random.Random(0), SUPPORT) == []


def test_drop_removes_the_claims_year_or_weekday_and_makes_a_neutral():
    weekday = Pair(TALKS.claim, "Delegations met in Istanbul on Thursday for talks.", SUPPORT, "news", "g1")
    [dropped] = drop_neutrals([weekday], 1.0, random.Random(0), (SUPPORT, REFUTE), NEUTRAL)
    assert dropped.label == NEUTRAL and dropped.kind == "drop-detail"
    assert "Thursday" not in dropped.passage and "Istanbul" in dropped.passage
    year = Pair("Halsey signed in 2014", "In 2014, Halsey signed (2014) with Astralwerks.", SUPPORT, "fever", "g")
    [dropped] = drop_neutrals([year], 1.0, random.Random(0), (SUPPORT, REFUTE), NEUTRAL)
    assert "2014" not in dropped.passage and "()" not in dropped.passage
    assert not dropped.passage.lower().startswith("in,")


def test_drop_sentence_only_for_minimal_evidence_sources_and_support_pairs():
    sources = frozenset({"fever"})
    [dropped] = drop_neutrals([TWO_SENTENCES], 1.0, random.Random(0), (SUPPORT, REFUTE), NEUTRAL, sources)
    assert dropped.kind == "drop-sentence" and dropped.passage == "Halsey was born in Edison, New Jersey."
    other_source = Pair(TWO_SENTENCES.claim, TWO_SENTENCES.passage, SUPPORT, "citation-integrity", "g3")
    refuting = Pair(TWO_SENTENCES.claim, TWO_SENTENCES.passage, REFUTE, "fever", "g3")
    assert drop_neutrals([other_source, refuting], 1.0, random.Random(0), (SUPPORT, REFUTE), NEUTRAL, sources) == []


def test_pad_appends_another_groups_sentence_and_keeps_the_label():
    pairs = [TALKS, BORN, TWO_SENTENCES, Pair("a cat", "A cat sleeps", NEUTRAL, "fever", "g4")]
    out = pad_passages(pairs, 1.0, random.Random(3))
    assert out
    by_group = {p.group: p for p in pairs}
    for p in out:
        original = by_group[p.group]
        assert p.label == original.label and p.claim == original.claim
        assert original.passage in p.passage and len(p.passage) > len(original.passage)
        assert p.kind == "pad-gold"


def test_contrast_sets_draw_validation_pairs_from_validation_only():
    train = [TALKS, Pair("Halsey signed in 2014", "Halsey signed with Astralwerks in 2014.", SUPPORT, "fever", "g8")]
    val = [TWO_SENTENCES]
    new_train, new_val = with_contrast_sets(train, val, 13, 1.0)
    assert new_train[:2] == train and len(new_train) > 2
    assert {p.group for p in new_val} == {"g3"}
    assert all(p.source.startswith("syn-") for p in new_val[1:])
    assert {p.kind.split("-")[0] for p in new_train[2:]} >= {"swap", "keep", "drop"}


def test_extend_claims_supported_half_plus_unrelated_half_is_neutral_refuted_stays_refuted():
    from factcheck.training.contrast import extend_claims

    refuted = Pair("The talks were held in Geneva.", TALKS.passage, REFUTE, "news", "g5")
    other = Pair("The museum opened in 1990.", "The museum opened its doors in 1990.", SUPPORT, "news", "g6")
    out = extend_claims([TALKS, refuted, other], 1.0, random.Random(4), (SUPPORT, REFUTE, NEUTRAL))
    assert out and all(p.kind == "ext-claim" for p in out)
    for p in out:
        original = {q.group: q for q in (TALKS, refuted, other)}[p.group]
        assert original.claim.rstrip(".").lower() in p.claim.lower() and ", and " in p.claim and p.passage == original.passage
        assert p.label == (NEUTRAL if original.label == SUPPORT else REFUTE)


def test_drop_keeps_no_other_date_behind():
    """A passage that still dates the event another way would refute the claim, not leave it open."""
    two_years = Pair("Russia invaded Ukraine in 2022", "Russia invaded Ukraine in 2022; the war began in 2014.",
                     SUPPORT, "fever", "g7")
    assert drop_neutrals([two_years], 1.0, random.Random(0), (SUPPORT, REFUTE), NEUTRAL) == []


PREMISE = "A man in a red shirt is playing a guitar on a busy street."
HYPOTHESES = [Pair("A man is playing music outside", PREMISE, SUPPORT, "snli", PREMISE),
              Pair("The man is a famous musician", PREMISE, NEUTRAL, "snli", PREMISE),
              Pair("The man is asleep at home", PREMISE, REFUTE, "snli", PREMISE)]


def test_join_related_adds_an_on_topic_half_about_the_same_premise():
    out = join_related(HYPOTHESES, 1.0, random.Random(0), (SUPPORT, REFUTE, NEUTRAL))
    assert out and all(p.passage == PREMISE and p.kind == "ext-related" for p in out)
    supported_plus_unverified = [p for p in out if "playing music" in p.claim and "famous" in p.claim]
    assert supported_plus_unverified and all(p.label == NEUTRAL for p in supported_plus_unverified)
    # any half the premise contradicts makes the whole claim refuted
    assert all(p.label == REFUTE for p in out if "asleep" in p.claim)
    # a lone hypothesis (nothing else about its premise) is never joined
    other = Pair("A dog runs", "A dog runs on the beach.", SUPPORT, "snli", "g9")
    assert join_related([other], 1.0, random.Random(0), (SUPPORT, REFUTE, NEUTRAL)) == []


def test_coarsen_dates_day_dropped_from_passage_is_neutral_from_claim_is_support():
    pair = Pair("Donald Trump began his second term on 20 January 2025",
                "Donald Trump was inaugurated on 20 January 2025, beginning his second term.", SUPPORT, "fever", "g4")
    kinds = {}
    for seed in range(10):
        for p in coarsen_dates([pair], random.Random(seed), (SUPPORT, NEUTRAL)):
            kinds[p.kind] = p
    drop, keep = kinds["drop-day"], kinds["keep-day"]
    assert drop.label == NEUTRAL and "in January 2025" in drop.passage and "20 January" not in drop.passage
    assert drop.claim == pair.claim
    assert keep.label == SUPPORT and keep.claim == "Donald Trump began his second term in January 2025"
    us = Pair("Lost first aired on September 22, 2004", "Lost premiered on September 22, 2004, on ABC.",
              SUPPORT, "fever", "g5")
    [p] = coarsen_dates([us], random.Random(0), (SUPPORT, NEUTRAL))
    assert "September 2004" in (p.passage if p.kind == "drop-day" else p.claim)
    # a date the claim does not share is left alone
    assert coarsen_dates([BORN], random.Random(0), (SUPPORT, NEUTRAL)) == []


def test_related_joins_are_opt_in_and_leave_the_other_contrast_pairs_as_they_were():
    train = [TALKS, *HYPOTHESES]
    plain, _ = with_contrast_sets(train, [TWO_SENTENCES], 13, 1.0)
    more, _ = with_contrast_sets(train, [TWO_SENTENCES], 13, 1.0, related=True)
    assert more[:len(plain)] == plain
    assert {p.kind for p in more[len(plain):]} == {"ext-related"}
    assert not any(p.kind == "ext-related" for p in plain)


def test_mirror_negations_keeps_neutrals_neutral_and_turns_refutes_into_supports():
    refuted = Pair("Lalla Ward is a singer", BORN.passage, REFUTE, "fever", "g5")
    unsaid = Pair("The delegations did not meet in Ankara", TALKS.passage, NEUTRAL, "news", "g6", kind="hard-neutral")
    embedded = Pair("The man who is tall was not sleeping", "A man sleeps.", NEUTRAL, "snli", "g7")
    out = mirror_negations([BORN, refuted, unsaid, embedded], 1.0, random.Random(0), (SUPPORT, REFUTE, NEUTRAL))
    got = {p.claim: p.label for p in out}
    # supports are left to the swaps; a verb inside a relative clause is not the claim's negation
    assert got == {"Lalla Ward is not a singer": SUPPORT, "The delegations did meet in Ankara": NEUTRAL}
    assert all(p.kind == "mirror-negation" for p in out)


def test_negation_mirror_is_opt_in_and_leaves_the_other_contrast_pairs_as_they_were():
    refuted = [Pair(f"Lalla Ward is a singer from {city}", BORN.passage, REFUTE, "fever", f"r{i}")
               for i, city in enumerate(["Leeds", "York", "Bath", "Hull", "Ely", "Ripon"])]
    plain, _ = with_contrast_sets([TALKS, *refuted], [TWO_SENTENCES], 13, 1.0)
    more, _ = with_contrast_sets([TALKS, *refuted], [TWO_SENTENCES], 13, 1.0, mirror=True)
    assert more[:len(plain)] == plain and {p.kind for p in more[len(plain):]} == {"mirror-negation"}


ABSENT = Pair(
    "Ukraine was left out of the talks",
    "Senior Russian and US officials met in Riyadh on 18 February 2025. "
    "No Ukrainian officials attended the talks in Riyadh on 18 February 2025.",
    SUPPORT, "news", "g8",
)


def test_echo_takes_a_negated_passage_sentence_as_a_supported_claim_and_flips_it_into_a_refute():
    claims = set()
    for seed in range(12):
        out = echo_sentences([ABSENT], 0.0, random.Random(seed), (SUPPORT, REFUTE))
        got = {p.claim: (p.label, p.kind) for p in out}
        # the sentence with "no" is always chosen, with or without its date; its flip is a refute
        said = [c for c, (label, kind) in got.items() if kind == "echo"]
        assert len(said) == 1 and said[0].startswith("No Ukrainian officials attended the talks in Riyadh")
        assert got[said[0]][0] == SUPPORT
        [flipped] = [c for c, (label, kind) in got.items() if kind == "echo-flip"]
        assert got[flipped][0] == REFUTE and flipped.split()[0] in ("Some", "Several")
        assert all(p.passage == ABSENT.passage for p in out)
        claims.add(said[0])
    assert claims == {"No Ukrainian officials attended the talks in Riyadh on 18 February 2025.",
                      "No Ukrainian officials attended the talks in Riyadh."}


def test_echo_samples_positive_sentences_and_skips_built_pairs():
    built = Pair(TALKS.claim, TALKS.passage, REFUTE, "news", "g9", kind="swap-year")
    assert echo_sentences([built], 1.0, random.Random(0), (SUPPORT, REFUTE)) == []
    assert echo_sentences([TALKS], 0.0, random.Random(0), (SUPPORT, REFUTE)) == []
    out = echo_sentences([BORN], 1.0, random.Random(0), (SUPPORT, REFUTE), flip_positive=1.0)
    assert [(p.label, p.kind) for p in out] == [(SUPPORT, "echo"), (REFUTE, "echo-flip")]
    assert out[0].claim == BORN.passage and out[1].claim == BORN.passage.replace(" is ", " is not ")
    # with no auxiliary to negate ("met"), the sentence is echoed but not flipped
    [said] = echo_sentences([TALKS], 1.0, random.Random(0), (SUPPORT, REFUTE), flip_positive=1.0)
    assert said.kind == "echo" and said.claim.startswith("Russian and US delegations met in Istanbul")


def test_echo_is_opt_in_and_leaves_the_other_contrast_pairs_as_they_were():
    plain, plain_val = with_contrast_sets([TALKS, ABSENT], [TWO_SENTENCES], 13, 1.0)
    more, more_val = with_contrast_sets([TALKS, ABSENT], [TWO_SENTENCES], 13, 1.0, echo=True)
    assert more[:len(plain)] == plain and {p.kind for p in more[len(plain):]} == {"echo", "echo-flip"}
    assert more_val[:len(plain_val)] == plain_val
