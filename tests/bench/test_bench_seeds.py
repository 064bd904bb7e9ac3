"""The example-set scoreboard on hand-made reports: a planted error whose sentence became an opinion
(never judged, no stance scores) or found no passage is a miss, not a crash."""

from __future__ import annotations

from factcheck.bench.seeds import doctored_scoreboard
from factcheck.types import Claim, ClaimCheck, Evidence, Passage, Report, Source

SENTENCE = "Thirty-one Republicans voted against the bill."
PLANTED = [{"kind": "wrong number", "original": "Seventy-one Republicans voted against the bill.", "doctored": SENTENCE, "false_claim": SENTENCE, "refuted_by": ["p1"]}]


def _report(kind: str, evidence: list[Evidence], verdict: str | None, reason: str = "") -> Report:
    claim = Claim(id="c1", text=SENTENCE.rstrip("."), sentence=SENTENCE, start=0, end=len(SENTENCE), kind=kind)
    return Report(title="t", text=SENTENCE, checks=[ClaimCheck(claim=claim, evidence=evidence, verdict=verdict,
                                                               reason=reason)])


def _evidence(probs: dict[str, float] | None) -> Evidence:
    source = Source(doc_id="p1", title="House vote")
    return Evidence(passage=Passage(id=1, text="Seventy-one Republicans voted against it.", start=0, end=40,
                                    source=source), score=1.0, probs=probs)


def test_an_unjudged_or_unevidenced_planted_error_is_a_miss():
    for report in (_report("opinion", [_evidence(None)], None), _report("statement", [], "not_enough_evidence")):
        (ok, line), = doctored_scoreboard(report, PLANTED, [])["planted"]
        assert not ok and "deciding none" in line


def test_a_refuted_planted_error_names_its_deciding_passage():
    report = _report("statement", [_evidence({"support": 0.1, "refute": 0.8, "neutral": 0.1})], "refuted",
                     'Says 31; "House vote" says 71 (number).')
    (ok, line), = doctored_scoreboard(report, PLANTED, [])["planted"]
    assert ok and "deciding p1" in line
