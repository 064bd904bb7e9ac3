"""End to end on the doctored example: every planted error refuted by the passage that contradicts
it, every true statement the corpus covers supported."""

from __future__ import annotations

import json
import re

import pytest
from conftest import DOCTORED, SEEDS

from factcheck.pipeline import Checker
from factcheck.stance import has_own_model

pytestmark = pytest.mark.skipif(not has_own_model(), reason="no trained stance model committed yet")
PLANTED = json.loads((SEEDS / "articles" / "istanbul-embassy-talks-doctored.planted.json").read_text())
GOLD = json.loads((SEEDS / "articles" / "istanbul-embassy-talks.claims.json").read_text())
DOCTORED_SENTENCES = {p["original"] for p in PLANTED}


def _overlap(a: str, b: str) -> float:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(ta & tb) / len(ta | tb)


@pytest.fixture(scope="module")
def report(sample_index):
    return Checker(sample_index, k=5).check(DOCTORED.read_text(encoding="utf-8"))


def _best(report, sentence: str, target: str):
    checks = [c for c in report.checks if c.claim.sentence == sentence]
    assert checks, f"no claim from: {sentence}"
    return max(checks, key=lambda c: (c.claim.kind == "statement", _overlap(c.claim.text, target)))


@pytest.mark.parametrize("planted", PLANTED, ids=[p["kind"] for p in PLANTED])
def test_planted_error_is_refuted_by_the_contradicting_passage(report, planted):
    check = _best(report, planted["doctored"], planted["false_claim"])
    deciding = max(check.evidence, key=lambda e: e.probs["refute"])
    assert check.verdict == "refuted", (check.claim.text, check.verdict, check.reason)
    assert deciding.passage.source.doc_id in planted["refuted_by"], (check.claim.text, check.reason)
    assert deciding.passage.source.title in check.reason


@pytest.mark.parametrize("gold", [g for g in GOLD if g["sentence"] not in DOCTORED_SENTENCES],
                         ids=[g["claim"][:40] for g in GOLD if g["sentence"] not in DOCTORED_SENTENCES])
def test_true_statement_is_supported(report, gold):
    check = _best(report, gold["sentence"], gold["claim"])
    assert check.verdict == "supported", (check.claim.text, check.verdict, check.reason)
