"""The verdict bench: gold mapping, the best-pair rule, and the bench end to end (real index, real
models) on tiny data sets written here in each data set's format (never on the real eval data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from factcheck.bench.verdict import CLASSES, best_pair_label, load, run, scifact_gold
from factcheck.text import InputError
from factcheck.types import Claim, ClaimCheck, Evidence, Passage, Source

SYSTEMS = {"majority", "best-pair", "factcheck"}
# both tiny sets: 2 supported, 1 refuted, 1 not_enough_evidence, 1 conflicting (in this order)
COUNTS = {"supported": 2, "refuted": 1, "not_enough_evidence": 1, "conflicting": 1}


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ev(eid: str, article: str, text: str, label: str = "NOT_ENOUGH_INFO") -> dict:
    return {"evidence_id": eid, "evidence_label": label, "article": article, "evidence": text,
            "entropy": 0.0, "votes": [label, None, None, None, None]}


SEA_ICE = _ev("Arctic sea ice decline:3", "Arctic sea ice decline",
              "Satellite records show that Arctic sea ice extent has declined steadily since 1979.", "SUPPORTS")


def make_climate_fever(root: Path) -> Path:
    rows = [
        ("0", "Arctic sea ice has been shrinking since 1979.", "SUPPORTS", [
            SEA_ICE, _ev("Polar bear:12", "Polar bear", "Polar bears hunt seals from the sea ice.")]),
        ("1", "Sea levels are rising as the oceans warm.", "SUPPORTS", [
            _ev("Sea level rise:1", "Sea level rise", "Global mean sea level has risen about 20 cm since 1900, "
                "mostly because warming water expands and glaciers melt.", "SUPPORTS"),
            SEA_ICE]),  # the same evidence_id under a second claim: pooled once
        ("2", "Carbon dioxide does not trap heat in the atmosphere.", "REFUTES", [
            _ev("Greenhouse gas:7", "Greenhouse gas", "Carbon dioxide is a greenhouse gas that absorbs and "
                "emits infrared radiation, trapping heat in the atmosphere.", "REFUTES")]),
        ("3", "Coral reefs are home to a quarter of all marine species.", "NOT_ENOUGH_INFO", [
            _ev("Coral reef:4", "Coral reef", "Coral reefs are built by colonies of tiny animals.")]),
        ("4", "The Sun is the main driver of recent warming.", "DISPUTED", [
            _ev("Solar activity and climate:9", "Solar activity and climate", "Solar output has been flat since "
                "the 1980s while temperatures kept rising.", "REFUTES"),
            _ev("Solar activity and climate:2", "Solar activity and climate", "Changes in solar activity drove "
                "climate swings over past millennia.", "SUPPORTS")]),
    ]
    return _jsonl(root / "climate-fever" / "climate-fever.jsonl", [
        {"claim_id": cid, "claim": claim, "claim_label": label, "evidences": evs} for cid, claim, label, evs in rows])


def make_scifact(root: Path) -> Path:
    folder = root / "scifact"
    abstracts = {
        11: ("Vitamin B12 and homocysteine", ["Vitamin B12 deficiency raises plasma homocysteine levels.",
                                              "Supplementation lowered homocysteine in a randomised trial."]),
        22: ("Aspirin and bleeding", ["Daily aspirin increased the risk of major bleeding in older adults."]),
        33: ("Statins in the elderly", ["Statins reduced cardiovascular events in patients over 75.",
                                        "The effect was similar to that in younger patients."]),
        44: ("Statins and muscle pain", ["In blinded trials, muscle pain was as frequent with placebo as "
                                         "with statins."]),
        55: ("Zinc and colds", ["Zinc lozenges did not shorten the common cold in this trial."]),
    }
    _jsonl(folder / "corpus.jsonl", [{"doc_id": d, "title": t, "abstract": s, "structured": False}
                                     for d, (t, s) in abstracts.items()])
    sup = [{"sentences": [0], "label": "SUPPORT"}]
    con = [{"sentences": [0], "label": "CONTRADICT"}]
    _jsonl(folder / "claims_dev.jsonl", [
        {"id": 1, "claim": "Vitamin B12 deficiency increases homocysteine.", "evidence": {"11": sup},
         "cited_doc_ids": [11]},
        {"id": 2, "claim": "Statins prevent heart attacks in people over 75.", "evidence": {"33": sup},
         "cited_doc_ids": [33]},
        {"id": 3, "claim": "Aspirin lowers the risk of bleeding.", "evidence": {"22": con}, "cited_doc_ids": [22]},
        {"id": 4, "claim": "Zinc cures the flu.", "evidence": {}, "cited_doc_ids": [55]},
        {"id": 5, "claim": "Statins are safe for the elderly.", "evidence": {"33": sup, "44": con},
         "cited_doc_ids": [33, 44]},
    ])
    return folder


MAKERS = {"climate-fever": make_climate_fever, "scifact": make_scifact}
DOCS = {"climate-fever": 7, "scifact": 5}  # climate-fever: 8 evidence sentences, one id twice


def test_gold_mapping(tmp_path):
    assert scifact_gold({}) == "not_enough_evidence"
    assert scifact_gold({"1": [{"label": "SUPPORT"}], "2": [{"label": "SUPPORT"}]}) == "supported"
    assert scifact_gold({"1": [{"label": "CONTRADICT"}]}) == scifact_gold({"1": [{"label": "REFUTE"}]}) == "refuted"
    assert scifact_gold({"1": [{"label": "SUPPORT"}], "2": [{"label": "CONTRADICT"}]}) == "conflicting"
    assert scifact_gold({"1": [{"label": "MAYBE"}]}) is None
    for dataset, make in MAKERS.items():
        vs = load(dataset, make(tmp_path / dataset))
        assert [g for _, _, g in vs.claims] == ["supported", "supported", "refuted", "not_enough_evidence",
                                                "conflicting"]
        assert len(vs.docs) == DOCS[dataset]
    cf = load("climate-fever", tmp_path / "climate-fever" / "climate-fever" / "climate-fever.jsonl")
    assert cf.docs[0].doc_id == "Arctic sea ice decline:3" and cf.docs[0].title == "Arctic sea ice decline"
    assert cf.docs[0].text.startswith("Satellite records")
    sf = load("scifact", tmp_path / "scifact" / "scifact")
    assert sf.docs[0].title == "Vitamin B12 and homocysteine" and sf.docs[0].text.startswith("Vitamin B12 and "
                                                                                             "homocysteine\nVitamin")
    assert len(load("climate-fever", tmp_path / "climate-fever" / "climate-fever", limit=2).claims) == 2
    with pytest.raises(InputError, match="unknown dataset"):
        load("fever", tmp_path)


def _evidence(score: float, support: float, refute: float, neutral: float) -> Evidence:
    passage = Passage(id=int(score * 100), text="p", start=0, end=1, source=Source(doc_id="d"))
    return Evidence(passage=passage, score=score, probs={"support": support, "refute": refute, "neutral": neutral})


def test_best_pair_reads_the_top_scored_passage():
    claim = Claim(id="c", text="t", sentence="t", start=0, end=1)
    check = ClaimCheck(claim=claim, evidence=[_evidence(0.01, 0.9, 0.05, 0.05), _evidence(0.03, 0.1, 0.7, 0.2),
                                              _evidence(0.02, 0.1, 0.1, 0.8)])
    assert best_pair_label(check) == "refuted"  # not the first passage, the highest score
    check.evidence[1] = _evidence(0.03, 0.2, 0.1, 0.7)
    assert best_pair_label(check) == "not_enough_evidence"
    check.evidence[1] = _evidence(0.03, 0.5, 0.1, 0.4)
    assert best_pair_label(check) == "supported"
    assert best_pair_label(ClaimCheck(claim=claim)) == "not_enough_evidence"


@pytest.mark.parametrize("dataset", sorted(MAKERS))
def test_bench_on_tiny_data(dataset, tmp_path, embedder):
    path = MAKERS[dataset](tmp_path)
    seen = []
    result = run(dataset, path, embedder=embedder, batch_size=2, progress=lambda *a: seen.append(a))
    n = sum(COUNTS.values())
    assert result["dataset"] == dataset and result["data"] == str(path) and result["claims"] == n
    assert result["label_counts"] == COUNTS and list(result["label_counts"]) == list(CLASSES)
    assert result["corpus"]["documents"] == DOCS[dataset] and result["corpus"]["passages"] >= DOCS[dataset]
    assert result["seconds"] >= result["index_s"] > 0 and result["check_s"] > 0 and result["date"]
    assert {"data", "gold", "majority", "best-pair", "factcheck", "metrics"} <= set(result["notes"])
    assert ("check", 2, n) in seen and ("check", n, n) in seen and seen[-1] == ("check", n, n)
    assert set(result["systems"]) == SYSTEMS
    for name, m in result["systems"].items():
        assert 0 <= m["macro_f1"] <= 1 and 0 <= m["accuracy"] <= 1 and m["claims_per_s"] > 0, name
        for label in ("supported", "refuted"):
            pr = m[label]
            assert pr["gold"] == COUNTS[label] and 0 <= pr["predicted"] <= n
            assert (pr["precision"] is None) == (pr["predicted"] == 0)
            assert pr["precision"] is None or 0 <= pr["precision"] <= 1
            assert 0 <= pr["recall"] <= 1
        assert sum(m["predicted"].values()) == n
        assert sum(sum(row.values()) for row in m["confusion"].values()) == n
        assert {g: sum(row.values()) for g, row in m["confusion"].items()} == COUNTS
    assert result["systems"]["best-pair"]["predicted"]["conflicting"] == 0  # the old rule cannot say it
    assert result["systems"]["factcheck"]["no_verdict"] == 0 and result["systems"]["factcheck"]["k"] == 5

    # majority: always "supported" (2 of 5): accuracy 2/5, F1(supported) = 2*2 / (2 + 5) = 4/7, the other
    # three present classes 0 -> macro-F1 4/7 / 4; supported P 2/5 R 1; refuted never predicted: P None, R 0
    maj = result["systems"]["majority"]
    assert maj["label"] == "supported"
    assert maj["accuracy"] == pytest.approx(2 / 5, abs=1e-4)
    assert maj["macro_f1"] == pytest.approx(4 / 7 / 4, abs=1e-4)
    assert maj["f1_per_class"] == pytest.approx({"supported": 4 / 7, "refuted": 0.0, "not_enough_evidence": 0.0,
                                                 "conflicting": 0.0}, abs=1e-4)
    assert maj["supported"] == {"precision": pytest.approx(0.4), "recall": 1.0, "predicted": 5, "gold": 2}
    assert maj["refuted"] == {"precision": None, "recall": 0.0, "predicted": 0, "gold": 1}
    assert maj["confusion"]["refuted"] == {"supported": 1, "refuted": 0, "not_enough_evidence": 0, "conflicting": 0}


def test_command_limit_and_bad_paths(tmp_path):
    path = make_climate_fever(tmp_path)
    proc = run_cli("bench", "verdict", "--dataset", "climate-fever", "--data", str(path), "--limit", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)  # stdout is exactly one JSON object; progress went to stderr
    assert b"Checking: 2/2 claims" in proc.stderr
    assert result["claims"] == 2 and result["label_counts"] == {"supported": 2, "refuted": 0,
                                                                "not_enough_evidence": 0, "conflicting": 0}
    assert result["corpus"]["documents"] == DOCS["climate-fever"]  # the corpus is still the whole pool
    assert "first 2 claims only" in result["notes"]["data"]
    assert set(result["systems"]) == SYSTEMS and result["systems"]["majority"]["accuracy"] == 1.0

    for dataset, data in (("climate-fever", tmp_path / "none.jsonl"), ("scifact", tmp_path / "climate-fever"),
                          ("nope", path)):
        bad = run_cli("bench", "verdict", "--dataset", dataset, "--data", str(data), "--json")
        lines = bad.stderr.decode().strip().splitlines()
        assert bad.returncode == 2 and len(lines) == 1 and lines[0].startswith("error:"), (dataset, bad.stderr)
        assert bad.stdout == b""
