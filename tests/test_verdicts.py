"""End to end on the doctored example: planted errors refuted by the passage that contradicts them,
true statements the corpus covers supported, claim by claim.

The full goal (every planted error refuted, every covered true statement supported) is the test
marked ``xfail`` below until a model reaches it; the shipped model's own figures are kept as floors
so a retrained model that does worse fails. Both print the claim-by-claim table.
"""

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
TRUE_IN_DOCTORED = [g for g in GOLD if g["sentence"] not in DOCTORED_SENTENCES]

# The shipped model's figures on this article (factcheck/models/stance/MODEL_CARD.md).
FLOOR_PLANTED_REFUTED = 2
FLOOR_TRUE_SUPPORTED = 7


def _overlap(a: str, b: str) -> float:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(ta & tb) / len(ta | tb)


def _best(report, sentence: str, target: str):
    checks = [c for c in report.checks if c.claim.sentence == sentence]
    assert checks, f"no claim from: {sentence}"
    return max(checks, key=lambda c: (c.claim.kind == "statement", _overlap(c.claim.text, target)))


@pytest.fixture(scope="module")
def scoreboard(sample_index) -> dict[str, list[tuple[bool, str]]]:
    """Per planted error and per true statement: (as expected?, one line for the table)."""
    report = Checker(sample_index, k=5).check(DOCTORED.read_text(encoding="utf-8"))
    planted = []
    for p in PLANTED:
        check = _best(report, p["doctored"], p["false_claim"])
        deciding = max(check.evidence, key=lambda e: e.probs["refute"])
        ok = (check.verdict == "refuted" and deciding.passage.source.doc_id in p["refuted_by"]
              and deciding.passage.source.title in check.reason)
        planted.append((ok, f"{p['kind']}: {check.verdict}, deciding {deciding.passage.source.doc_id} "
                            f"(want one of {p['refuted_by']}) | {check.claim.text}"))
    true = []
    for g in TRUE_IN_DOCTORED:
        check = _best(report, g["sentence"], g["claim"])
        true.append((check.verdict == "supported", f"{check.verdict} | {check.claim.text}"))
    board = {"planted": planted, "true": true}
    for name, rows in board.items():
        print(f"\n{name}: {sum(ok for ok, _ in rows)}/{len(rows)} as expected")
        for ok, line in rows:
            print(("  ok   " if ok else "  MISS ") + line)
    return board


def test_shipped_model_floor(scoreboard):
    planted_ok = sum(ok for ok, _ in scoreboard["planted"])
    true_ok = sum(ok for ok, _ in scoreboard["true"])
    assert planted_ok >= FLOOR_PLANTED_REFUTED, scoreboard["planted"]
    assert true_ok >= FLOOR_TRUE_SUPPORTED, scoreboard["true"]


@pytest.mark.xfail(strict=False, reason="the shipped model misses some claims (MODEL_CARD.md, known weaknesses)")
def test_every_planted_error_refuted_and_every_true_statement_supported(scoreboard):
    misses = [line for rows in scoreboard.values() for ok, line in rows if not ok]
    assert not misses, misses
