"""Stance and verdicts: the model on minimal pairs, verdict rules, pluggable NLI models, the CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import ROOT, run_cli

from factcheck.verify.stance import CrossEncoderStance, has_own_model, label_of
from factcheck.types import Evidence, Passage, Source
from factcheck.verify.verdict import VerdictRule

DATA = ROOT / "tests" / "data"
# The model's floor and goal were set on the first 40 pairs; the kinds added after them (other
# subject, tallies, quantities, ...) are scored by the whole verification stage in test_judge.py.
PAIRS = [json.loads(line) for line in (DATA / "minimal_pairs.jsonl").read_text().splitlines()][:40]
needs_model = pytest.mark.skipif(not has_own_model(), reason="no trained stance model committed yet")


def ev(support: float, refute: float, title: str = "Doc") -> Evidence:
    neutral = round(1 - support - refute, 4)
    return Evidence(passage=Passage(1, "text", 0, 4, Source(doc_id=title.lower(), title=title, publisher="Wire",
                                                            date="2025-02-27")),
                    score=1.0, stance="x", probs={"support": support, "refute": refute, "neutral": neutral})


def test_verdict_rules():
    rule = VerdictRule()
    assert rule([])[0] == "not_enough_evidence"
    assert rule([ev(0.1, 0.1), ev(0.2, 0.1)])[0] == "not_enough_evidence"
    verdict, conf, reason = rule([ev(0.3, 0.1, "A"), ev(0.05, 0.9, "Refuter")])
    assert (verdict, conf) == ("refuted", 0.9) and '"Refuter" (Wire, 2025-02-27)' in reason
    assert rule([ev(0.7, 0.1, "S"), ev(0.2, 0.3)])[:2] == ("supported", 0.7)
    assert rule([ev(0.9, 0.05, "S"), ev(0.05, 0.85, "R")])[0] == "conflicting"
    assert rule([ev(0.55, 0.0), ev(0.0, 0.6)])[0] == "refuted"  # a clear refutation outweighs a weak support


# The shipped model passes 31/40 (77.5 %, MODEL_CARD.md); the floor is one pair below. The goal is 80%.
FLOOR_MINIMAL_PAIRS = 0.75
GOAL_MINIMAL_PAIRS = 0.80


@pytest.fixture(scope="module")
def minimal_pairs() -> tuple[float, list]:
    """(pass rate, misses) of the shipped model on the minimal pairs, printed by kind."""
    probs = CrossEncoderStance().score([p["claim"] for p in PAIRS], [p["passage"] for p in PAIRS])
    results = [(p, label_of(row)) for p, row in zip(PAIRS, probs)]
    passed = sum(p["label"] == got for p, got in results)
    by_kind: dict[str, list[int]] = {}
    for p, got in results:
        by_kind.setdefault(p["kind"], []).append(p["label"] == got)
    print(f"\nminimal pairs: {passed}/{len(PAIRS)} = {passed / len(PAIRS):.0%}; "
          + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())))
    return passed / len(PAIRS), [(p["claim"], p["label"], got) for p, got in results if p["label"] != got]


@needs_model
def test_minimal_pairs_floor(minimal_pairs):
    rate, misses = minimal_pairs
    assert len(PAIRS) >= 30
    assert rate >= FLOOR_MINIMAL_PAIRS, misses


@needs_model
@pytest.mark.xfail(strict=False, reason="the shipped model passes 31/40 (MODEL_CARD.md); the goal is 80%")
def test_minimal_pairs_goal(minimal_pairs):
    rate, misses = minimal_pairs
    assert rate >= GOAL_MINIMAL_PAIRS, misses


@needs_model
def test_scores_are_in_input_order_whatever_the_batch_size():
    claims, passages = [p["claim"] for p in PAIRS[:9]], [p["passage"] for p in PAIRS[:9]]
    a = CrossEncoderStance(batch_size=2).score(claims, passages)
    b = CrossEncoderStance(batch_size=32).score(claims[::-1], passages[::-1])[::-1]
    assert np.allclose(a, b, atol=1e-4) and np.allclose(a.sum(axis=1), 1.0, atol=1e-4)


def test_pluggable_nli_model_maps_its_label_order(tiny_nli):
    probs = CrossEncoderStance(str(tiny_nli)).score(["A claim."], ["A passage."])
    assert label_of(probs[0]) == "refute"
    assert probs[0][2] > probs[0][0]  # NEUTRAL (their index 1) lands in our neutral column (2)


def test_stance_command_prints_one_line_per_pair_in_order(tmp_path, tiny_nli):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps({"claim": f"Claim {i}.", "passage": "Passage."}) for i in range(3)) + "\n")
    proc = run_cli("stance", str(pairs), "--json", "--stance-model", str(tiny_nli))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(lines) == 3 and all(line["label"] == "refute" and set(line["probs"]) ==
                                   {"support", "refute", "neutral"} for line in lines)


def test_stance_command_bad_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"claim": "x"}\n')
    proc = run_cli("stance", str(bad))
    assert proc.returncode == 2 and 'needs string fields "claim" and "passage"' in proc.stderr.decode()
