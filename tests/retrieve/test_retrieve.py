"""Retrieval on the bundled sample corpus: every true claim of the example article finds its passage."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ARTICLE, SEEDS

from factcheck.pipeline import Checker
from factcheck.retrieve import HybridRetriever

GOLD = json.loads((SEEDS / "articles" / "istanbul-embassy-talks.claims.json").read_text(encoding="utf-8"))


def _overlap(a: str, b: str) -> float:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(ta & tb) / len(ta | tb)


@pytest.fixture(scope="module")
def report(sample_index):
    return Checker(sample_index, k=5).check(ARTICLE.read_text(encoding="utf-8"))


def _found(report, gold) -> list[str]:
    """The passage ids retrieved for the claim made of the gold claim's sentence, best first."""
    from_sentence = [c for c in report.checks if c.claim.sentence == gold["sentence"]]
    assert from_sentence, f"no claim extracted from: {gold['sentence']}"
    best = max(from_sentence, key=lambda c: (c.claim.kind == "statement", _overlap(c.claim.text, gold["claim"])))
    return [e.passage.source.doc_id for e in best.evidence]


@pytest.mark.parametrize("gold", GOLD, ids=[g["claim"][:40] for g in GOLD])
def test_true_claim_has_a_stating_passage_among_the_judged_ones(report, gold):
    found = _found(report, gold)
    assert set(found[:5]) & set(gold["supported_by"]), f"top 5 {found}, expected {gold['supported_by']}"


def test_nearly_every_true_claim_has_a_stating_passage_in_top_3(report):
    """Ranks 3 to 5 of the fused list lie within about 0.02 of each other, and int8 embeddings move
    with the CPU's kernels and the batch a claim is embedded in (one claim of 22 moves from third
    to fourth on a VNNI machine), so the top-3 check is a share, not a rule per claim."""
    hits = [bool(set(_found(report, g)[:3]) & set(g["supported_by"])) for g in GOLD]
    assert sum(hits) >= len(GOLD) - 1, [g["claim"] for g, ok in zip(GOLD, hits) if not ok]


def test_batches_equal_single_queries(sample_index):
    retriever = HybridRetriever(sample_index)
    queries = ["Russia annexed Crimea in 2014", "Turkey offered to host peace talks", "Diriyah Palace"]
    batched = retriever.retrieve(queries, k=3)
    for q, hits in zip(queries, batched):
        assert [e.passage.id for e in retriever.retrieve([q], k=3)[0]] == [e.passage.id for e in hits]


def test_fusion_rewards_agreement(sample_index):
    hits = HybridRetriever(sample_index).retrieve(["Diriyah Palace in Riyadh hosted the talks"], k=5)[0]
    assert hits[0].dense_score is not None and hits[0].lexical_score is not None
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    assert 0 < hits[0].score <= 1.0


def test_checkworthiness_orders_facts_above_questions_and_opinion(sample_index):
    report = Checker(sample_index).check("Russia annexed Crimea in March 2014 after a referendum.\n\n"
                                         "Will the talks ever succeed?\n\nI think we should all be more hopeful.")
    by_text = {c.claim.text: c.claim.checkworthiness for c in report.checks}
    fact = by_text["Russia annexed Crimea in March 2014 after a referendum"]
    assert fact > 0.5
    assert all(fact > v for t, v in by_text.items() if t != "Russia annexed Crimea in March 2014 after a referendum")


def test_a_reported_fact_scores_as_checkworthy_as_its_sentence(sample_index):
    """A fact cut out of reported speech keeps the check-worthiness of the sentence that states it;
    the speaker's prediction in the next sentence stays below it."""
    report = Checker(sample_index).check("The embassy official said Ukraine will not be on the agenda.\n\n"
                                         "Lavrov added that it will be clear how quickly we can move forward.")
    fact = next(c.claim for c in report.checks if c.claim.text == "Ukraine will not be on the agenda")
    prediction = next(c.claim for c in report.checks if c.claim.kind == "prediction")
    assert fact.kind == "statement" and fact.checkworthiness >= 0.5
    assert prediction.checkworthiness < fact.checkworthiness
