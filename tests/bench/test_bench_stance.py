"""The stance bench: metric helpers on known answers, the lexical baseline, and the command on tiny
generated data sets in each supported format (never on the real eval data)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from factcheck.bench.common import (accuracy, confusion, f1_per_class, label_counts, macro_f1, majority_label,
                                    present_classes, stopwatch)
from factcheck.bench.stance import DATASETS, lexical_label, load_pairs, run
from factcheck.text import InputError

L = ("support", "refute", "neutral")


# --------------------------------------------------------------------------- metric helpers

def test_macro_f1_known_answers():
    assert macro_f1(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.5  # P = R = 0.5 for both classes
    assert macro_f1(["a", "b"], ["a", "b"]) == 1.0
    # gold s, r, n; always "support": F1(support) = 2*(1/3*1)/(4/3) = 0.5, others 0 -> 1/6
    assert macro_f1(["support", "refute", "neutral"], ["support"] * 3, L) == pytest.approx(1 / 6)
    # a class absent from gold gets no F1 term; predicting it is still an error for the true class
    assert macro_f1(["support", "support"], ["support", "neutral"], L) == pytest.approx(2 / 3)
    assert macro_f1([], []) == 0.0


def test_f1_accuracy_and_counts():
    gold = ["support", "support", "refute", "neutral", "neutral", "neutral"]
    pred = ["support", "refute", "refute", "neutral", "support", "neutral"]
    f1 = f1_per_class(gold, pred, L)
    assert f1 == {"support": pytest.approx(0.5), "refute": pytest.approx(2 / 3), "neutral": pytest.approx(0.8)}
    assert macro_f1(gold, pred, L) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    assert accuracy(gold, pred) == pytest.approx(4 / 6)
    assert label_counts(gold, L) == {"support": 2, "refute": 1, "neutral": 3}
    assert label_counts(["neutral"], L) == {"support": 0, "refute": 0, "neutral": 1}
    assert majority_label(gold, L) == "neutral"
    assert majority_label(["refute", "support"], L) == "support"  # ties: first in class order
    assert present_classes(["neutral", "support"], L) == ["support", "neutral"]
    assert confusion(gold, pred, L)["support"] == {"support": 1, "refute": 1, "neutral": 0}
    with pytest.raises(ValueError):
        accuracy(["a"], [])


def test_stopwatch_measures_time():
    with stopwatch() as sw:
        sum(range(10000))
    assert sw.seconds > 0 and sw.rate(10) == pytest.approx(10 / sw.seconds)


# --------------------------------------------------------------------------- lexical baseline

@pytest.mark.parametrize("claim, passage, label", [
    ("Arctic sea ice is shrinking.", "Satellite records show Arctic sea ice shrinking since 1979.", "support"),
    ("Arctic sea ice is not shrinking.", "Satellite records show Arctic sea ice shrinking since 1979.", "refute"),
    ("Arctic sea ice isn't shrinking.", "Satellite records show Arctic sea ice shrinking since 1979.", "refute"),
    ("Arctic sea ice is not shrinking.", "Arctic sea ice is not shrinking at all.", "support"),  # both negated
    ("Arctic sea ice is shrinking.", "Coral reefs bleach in warm water.", "neutral"),
    ("The a of the.", "Anything at all.", "neutral"),  # no content words
])
def test_lexical_baseline(claim, passage, label):
    assert lexical_label(claim, passage) == label


# --------------------------------------------------------------------------- tiny data sets, real formats

def _jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def make_climate_fever(root: Path) -> tuple[Path, dict[str, int]]:
    labels = [["SUPPORTS", "NOT_ENOUGH_INFO", "NOT_ENOUGH_INFO", "REFUTES", "NOT_ENOUGH_INFO"],
              ["SUPPORTS", "SUPPORTS", "NOT_ENOUGH_INFO", "NOT_ENOUGH_INFO", "REFUTES"]]
    rows = [{"claim_id": str(i), "claim": f"Claim number {i} about sea ice.", "claim_label": "DISPUTED",
             "evidences": [{"evidence_id": f"Ice:{j}", "evidence_label": lab, "article": "Ice",
                            "evidence": f"Sentence {j} about sea ice.", "entropy": 0.0, "votes": [lab, None]}
                           for j, lab in enumerate(labs)]} for i, labs in enumerate(labels)]
    path = root / "climate-fever" / "climate-fever.jsonl"
    _jsonl(path, rows)
    return path, {"support": 3, "refute": 2, "neutral": 5}


def make_healthver(root: Path) -> tuple[Path, dict[str, int]]:
    folder = root / "healthver"
    folder.mkdir()
    with (folder / "healthver_test.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "evidence", "claim", "label", "topic_ip", "question"])
        for i, lab in enumerate(["Supports", "Neutral", "Refutes", "Neutral", "Neutral"]):
            w.writerow([i, f" Evidence {i}, with a comma\nand a line break.", f"Claim {i}.", lab, 3, "q?"])
    return folder, {"support": 1, "refute": 1, "neutral": 3}


def make_check_covid(root: Path) -> tuple[Path, dict[str, int]]:
    folder = root / "check-covid"
    _jsonl(folder / "corpus.json", [{"cord_id": "abc", "title": "T", "abstract": ["S0.", "S1.", "S2."]}])
    row = {"cord_id": "abc", "is_auth": False}
    _jsonl(folder / "test" / "covidCheck_test_composed.json", [
        {**row, "id": "x_0", "claim": "C0.", "label": "REFUTE", "evidence_set": [{"sent_index": 2, "type": "PRIMARY"},
                                                                               {"sent_index": 0, "type": "SUPPLEMENTARY"}]},
        {**row, "id": "x_1", "claim": "C1.", "label": "SUPPORT", "evidence_set": [{"sent_index": 1, "type": "PRIMARY"}]},
        {**row, "id": "x_2", "claim": "C1.", "label": "NOTENOUGHINFO", "evidence_set": [{"sent_index": 0, "type": "PRIMARY"}]},
    ])
    _jsonl(folder / "test" / "covidCheck_test_extracted.json", [
        {**row, "id": "y_0", "claim": "C2.", "label": "REFUTE", "is_auth": True, "evidence_set": [{"sent_index": 1, "type": "PRIMARY"}]},
    ])
    return folder, {"support": 1, "refute": 2, "neutral": 1}


def make_scifact(root: Path) -> tuple[Path, dict[str, int]]:
    folder = root / "scifact"
    _jsonl(folder / "corpus.jsonl", [{"doc_id": d, "title": "T", "abstract": [f"D{d} s{i}." for i in range(5)],
                                      "structured": False} for d in (11, 22, 33)])
    _jsonl(folder / "claims_dev.jsonl", [
        {"id": 1, "claim": "No evidence claim.", "evidence": {}, "cited_doc_ids": [11, 22]},
        {"id": 2, "claim": "Supported claim.", "evidence": {"11": [{"sentences": [3, 1], "label": "SUPPORT"},
                                                                   {"sentences": [4], "label": "SUPPORT"}]},
         "cited_doc_ids": [11, 33]},  # 33 is cited but is not evidence: left out
        {"id": 3, "claim": "Refuted claim.", "evidence": {"22": [{"sentences": [0], "label": "CONTRADICT"}],
                                                          "33": [{"sentences": [2], "label": "REFUTE"}]},
         "cited_doc_ids": [22, 33]},
    ])
    return folder, {"support": 1, "refute": 2, "neutral": 2}


MAKERS = {"climate-fever": make_climate_fever, "healthver": make_healthver, "check-covid": make_check_covid,
          "scifact": make_scifact}


def test_every_dataset_has_a_tiny_fixture():
    assert set(MAKERS) == set(DATASETS)


def test_loaders_pair_as_documented(tmp_path):
    cc = load_pairs("check-covid", make_check_covid(tmp_path)[0])
    assert cc[0].passage == "S0. S2." and cc[0].label == "refute" and cc[2].label == "neutral"
    sf = load_pairs("scifact", make_scifact(tmp_path)[0])
    assert [(p.claim, p.passage, p.label) for p in sf[:3]] == [
        ("No evidence claim.", "D11 s0. D11 s1. D11 s2.", "neutral"),
        ("No evidence claim.", "D22 s0. D22 s1. D22 s2.", "neutral"),
        ("Supported claim.", "D11 s1. D11 s3. D11 s4.", "support")]
    hv = load_pairs("healthver", make_healthver(tmp_path)[0])
    assert hv[0].passage.startswith("Evidence 0, with a comma") and len(hv) == 5
    cf_path = make_climate_fever(tmp_path)[0]
    assert len(load_pairs("climate-fever", cf_path)) == 10 and len(load_pairs("climate-fever", cf_path.parent)) == 10
    assert len(load_pairs("climate-fever", cf_path, limit=4)) == 4


@pytest.mark.parametrize("dataset", sorted(MAKERS))
def test_bench_on_tiny_data(dataset, tmp_path, tiny_nli):
    path, counts = MAKERS[dataset](tmp_path)
    result = run(dataset, path, stance_model=str(tiny_nli), batch_size=4)
    n = sum(counts.values())
    assert result["dataset"] == dataset and result["pairs"] == n and result["label_counts"] == counts
    assert result["data"] == str(path) and set(result["notes"]) >= {"majority", "lexical", "pairs"}
    systems = result["systems"]
    assert set(systems) == {"majority", "lexical", "factcheck"}
    for m in systems.values():
        assert {"macro_f1", "accuracy", "pairs_per_s", "f1_per_class"} <= set(m)
        assert 0 <= m["macro_f1"] <= 1 and 0 <= m["accuracy"] <= 1 and m["pairs_per_s"] > 0
    top = max(L, key=lambda c: (counts[c], -L.index(c)))
    classes = [c for c in L if counts[c]]
    f1_top = 2 * counts[top] / (counts[top] + n)  # precision counts/n, recall 1
    assert systems["majority"]["label"] == top
    assert systems["majority"]["accuracy"] == pytest.approx(counts[top] / n, abs=1e-4)
    assert systems["majority"]["macro_f1"] == pytest.approx(f1_top / len(classes), abs=1e-4)
    # the tiny model always says CONTRADICTION -> "refute": its scores are known too
    f1_refute = 2 * counts["refute"] / (counts["refute"] + n)
    assert systems["factcheck"]["accuracy"] == pytest.approx(counts["refute"] / n, abs=1e-4)
    assert systems["factcheck"]["macro_f1"] == pytest.approx(f1_refute / len(classes), abs=1e-4)
    assert systems["factcheck"]["model"] == str(tiny_nli)


def test_bench_command_prints_one_json_object(tmp_path, tiny_nli):
    path, counts = make_healthver(tmp_path)
    proc = run_cli("bench", "stance", "--dataset", "healthver", "--data", str(path), "--stance-model", str(tiny_nli),
                   "--limit", "4", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["pairs"] == 4 and result["label_counts"] == {"support": 1, "refute": 1, "neutral": 2}
    assert result["systems"]["majority"]["accuracy"] == 0.5


def test_bench_command_bad_input(tmp_path):
    proc = run_cli("bench", "stance", "--dataset", "nope", "--data", str(tmp_path), "--json")
    assert proc.returncode == 2 and "unknown dataset 'nope'" in proc.stderr.decode()
    proc = run_cli("bench", "stance", "--dataset", "scifact", "--data", str(tmp_path), "--json")
    assert proc.returncode == 2 and "claims_dev.jsonl: no such file" in proc.stderr.decode()
    with pytest.raises(InputError, match="no labelled pairs"):
        (tmp_path / "empty.jsonl").write_text("")
        load_pairs("climate-fever", tmp_path / "empty.jsonl")


def test_bench_seeds_scores_a_given_model_on_the_projects_own_checks(sample_index, tiny_nli):
    """The tiny model always says "refute": its scores on the own checks are known in advance."""
    proc = run_cli("bench", "seeds", "--stance-model", str(tiny_nli), "--index", str(sample_index.path), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    pairs = [json.loads(line) for line in (ROOT / "tests" / "data" / "minimal_pairs.jsonl").read_text().splitlines()]
    refutes = sum(p["label"] == "refute" for p in pairs)
    assert result["minimal_pairs"]["pairs"] == len(pairs) >= 30
    assert result["minimal_pairs"]["passed"] == refutes
    assert len(result["minimal_pairs"]["misses"]) == len(pairs) - refutes
    true = result["doctored"]["true"]
    assert result["doctored"]["planted"]["of"] == 8 and true["as_expected"] + len(true["misses"]) == true["of"] > 0
    # a model that always refutes supports only what a passage states outright (alignment): a few at most
    assert true["as_expected"] < true["of"] / 2
    # the model alone never refutes: planted errors are refuted where a passage differs in one slot,
    # the true article's statements never on this model's word
    assert result["doctored"]["planted"]["as_expected"] > 0
    assert result["true_article_verdicts"].get("refuted", 0) == 0


def test_a_planted_error_whose_sentence_gives_no_claim_is_a_miss_not_a_crash():
    from types import SimpleNamespace

    from factcheck.bench.seeds import doctored_scoreboard

    planted = [{"kind": "wrong number", "doctored": "Together the charges carry 25 years.", "false_claim": "x",
                "original": "Together the charges carry 110 years.", "refuted_by": ["p1"]}]
    gold = [{"sentence": "The trial lasted a month.", "claim": "The trial lasted a month."}]
    board = doctored_scoreboard(SimpleNamespace(checks=[]), planted, gold)
    assert board == {"planted": [(False, "wrong number: no claim | Together the charges carry 25 years.")],
                     "true": [(False, "no claim | The trial lasted a month.")]}
