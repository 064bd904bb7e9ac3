"""Calibration of the verification stage: the fitted relevance gate and claim-level thresholds."""

from __future__ import annotations

import json

from factcheck.training.verdict import calibrate, threshold_for
from factcheck.types import Evidence, Passage, Source
from factcheck.verify.judge import WEIGHTS, RelevanceModel
from factcheck.verify.verdict import RelevantVerdict


def _evidence(stance: str, p: float, relevant: bool = True) -> Evidence:
    probs = {"support": p if stance == "support" else 0.0, "refute": p if stance == "refute" else 0.0}
    probs["neutral"] = 1 - max(probs.values())
    return Evidence(Passage(1, "A passage.", 0, 10, Source("d1", title="Doc one")), 1.0, stance=stance,
                    probs=probs, relevant=relevant, relevance=1.0)


def test_the_shipped_relevance_gate_was_fitted_on_train_pairs_and_says_how_well_it_does():
    doc = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert doc["data"]["train_folder"] == "train" and doc["data"]["pairs"] > 1000
    assert len(doc["weights"]) == len(doc["features"]) and 0 < doc["threshold"] < 1
    assert doc["held_out"]["roc_auc"] > 0.6  # measured on claims it was not fitted on
    model = RelevanceModel.load()
    assert model.weights == tuple(doc["weights"]) and model.threshold == doc["threshold"]


def test_threshold_for_is_the_lowest_confidence_reaching_the_precision():
    pairs = [(0.95, True), (0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False)]
    assert threshold_for(pairs, 0.9) == 0.8  # 3/3 right from 0.8 up; from 0.7 up only 3/4
    assert threshold_for(pairs, 0.6) == 0.5  # 4/6 overall
    assert threshold_for([(0.9, False)], 0.9) is None


def test_calibration_fits_on_one_half_of_the_groups_and_measures_on_the_other():
    claims = [{"gold": "supported" if i % 3 else "refuted", "group": f"g{i // 2}"} for i in range(40)]
    verdicts = [("supported", 0.9) if c["gold"] == "supported" else ("supported", 0.4) for c in claims]
    out = calibrate(claims, verdicts, 0.9)
    assert out["labels"]["supported"]["threshold"] == 0.9  # the wrong ones sit at 0.4
    held = out["labels"]["supported"]["held_out"]
    assert held["claims"] == 20 and held["precision"] == 1.0
    assert out["labels"]["refuted"]["threshold"] is None and out["labels"]["refuted"]["held_out"]["kept"] == 0


def test_a_verdict_below_its_calibrated_confidence_is_not_enough_evidence():
    ev = [_evidence("support", 0.7)]
    assert RelevantVerdict(calibration=None)(ev)[0] == "supported"
    assert RelevantVerdict(calibration={"supported": 0.6, "refuted": 0.9})(ev)[0] == "supported"
    verdict, _, reason = RelevantVerdict(calibration={"supported": 0.8, "refuted": 0.9})(ev)
    assert verdict == "not_enough_evidence" and "needs confidence 0.80" in reason and "Doc one" in reason
    verdict, _, reason = RelevantVerdict(calibration={"supported": None})(ev)
    assert verdict == "not_enough_evidence" and "never given" in reason


def test_only_relevant_passages_vote():
    verdict, _, reason = RelevantVerdict(calibration=None)([_evidence("refute", 0.99, relevant=False)])
    assert verdict == "not_enough_evidence" and reason == "No passage in the index is about this claim."


def _slot(kind: str, claim: str, passage: str) -> dict:
    return {"slot": kind, "claim": {"text": claim}, "passage": {"text": passage}}


def test_another_participant_beside_a_support_naming_the_claims_person_is_no_contradiction():
    support = _evidence("support", 0.9)
    support.matches = [_slot("event", "vote", "vote"), _slot("person", "Keir Starmer", "Keir Starmer")]
    other = _evidence("refute", 0.8)
    other.differences = [_slot("person", "Keir Starmer", "Kemi Badenoch")]
    assert RelevantVerdict(calibration=None)([support, other])[0] == "supported"
    # with no passage naming the claim's person, someone else in that place is a contradiction
    support.matches = [_slot("event", "vote", "vote")]
    assert RelevantVerdict(calibration=None)([support, other])[0] == "conflicting"
    assert RelevantVerdict(calibration=None)([other])[0] == "refuted"


def test_a_passage_written_before_the_claimed_year_beside_a_support_tells_of_an_earlier_time():
    support = _evidence("support", 0.9)
    support.matches = [_slot("event", "raise", "rise")]
    old = _evidence("refute", 0.9)
    old.passage.source.date = "2020-10-05"
    old.differences = [_slot("year", "2023", "2020")]
    assert RelevantVerdict(calibration=None)([support, old])[0] == "supported"
    # a passage of the claimed year or after does contradict, and alone an old one still refutes
    old.passage.source.date = "2023-10-05"
    assert RelevantVerdict(calibration=None)([support, old])[0] == "conflicting"
    old.passage.source.date = "2020-10-05"
    assert RelevantVerdict(calibration=None)([old])[0] == "refuted"


def test_a_support_stating_the_very_value_another_passage_gives_otherwise_is_no_lesser_voice():
    # the support tells the figure and the place with another verb ("won with 59.131 points" at Bercy Arena /
    # "scored 59.131 points at Bercy Arena"); the refuting passage gives its own figure there ("The United States
    # won the team final at Bercy Arena with 171.296 points")
    support = _evidence("support", 0.6)
    support.matches = [_slot("number", "59.131", "59.131"), _slot("place", "Bercy Arena", "Bercy Arena")]
    other = _evidence("refute", 0.9)
    other.differences = [_slot("number", "59.131", "171.296")]
    other.matches = [_slot("event", "score", "score"), _slot("place", "Bercy Arena", "Bercy Arena")]
    assert RelevantVerdict(calibration=None)([support, other])[0] == "conflicting"
    # a support that shares only that value tells no more of the claim than the passage that denies it: it may be
    # the near miss a wrong value came from ("Previous conclaves, in 2005 and 2013, had 115 electors each")
    support.matches = [_slot("number", "59.131", "59.131")]
    assert RelevantVerdict(calibration=None)([support, other])[0] == "refuted"
    # nor does one that states neither the value nor the event stand against a passage giving another value
    support.matches = [_slot("place", "Bercy Arena", "Bercy Arena")]
    assert RelevantVerdict(calibration=None)([support, other])[0] == "refuted"
