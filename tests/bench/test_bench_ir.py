"""Retrieval, extraction, speed, scale and embedding benches: metrics on known answers, the index's
size-based vector structure, and every command on tiny generated data in the real formats (never
on ../shared/data)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from conftest import run_cli

from factcheck.bench.extraction import load_factcheck_bench, match, token_f1
from factcheck.bench.ir_metrics import evaluate, mrr_at_k, ndcg_at_k, recall_at_k
from factcheck.bench.retrieval import load
from factcheck.text import InputError

# --------------------------------------------------------------------------- metrics, known answers


def test_ndcg_known_answers():
    # relevant at ranks 1 and 3 of 2 relevant: (1 + 1/log2(4)) / (1 + 1/log2(3))
    assert ndcg_at_k(["a", "x", "b"], {"a", "b"}) == pytest.approx(1.5 / (1 + 1 / math.log2(3)))
    assert ndcg_at_k(["x", "a"], {"a"}) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k(["a", "b"], {"a", "b"}) == 1.0
    assert ndcg_at_k(["x"] * 3, {"a"}) == 0.0
    # relevant only at rank 11: outside the cut-off
    assert ndcg_at_k([f"x{i}" for i in range(10)] + ["a"], {"a"}) == 0.0
    # more relevant than k: the ideal DCG stops at k
    assert ndcg_at_k(list("abcdefghij"), set("abcdefghijkl")) == 1.0
    # a duplicate does not count twice
    assert ndcg_at_k(["a", "a", "b"], {"a", "b"}) == 1.0
    with pytest.raises(ValueError):
        ndcg_at_k(["a"], set())


def test_recall_and_mrr_known_answers():
    ranking = ["x", "a", "y", "z", "w", "b"]
    assert recall_at_k(ranking, {"a", "b"}, 5) == 0.5
    assert recall_at_k(ranking, {"a", "b"}, 10) == 1.0
    assert mrr_at_k(ranking, {"a", "b"}) == 0.5
    assert mrr_at_k(ranking, {"q"}) == 0.0
    m = evaluate([["a", "x"], ["x", "a"]], [{"a"}, {"a"}])
    assert m["ndcg@10"] == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert m["mrr@10"] == pytest.approx(0.75)
    assert m["recall@5"] == 1.0 and m["recall@10"] == 1.0
    with pytest.raises(ValueError):
        evaluate([["a"]], [])


def test_token_f1_and_one_to_one_matching():
    assert token_f1("Obama was born in Hawaii.", "obama was born in hawaii") == 1.0
    # 3 shared tokens of 4 and 6: P = 3/4, R = 3/6 -> F1 = 0.6
    assert token_f1("a b c d", "a b c x y z") == pytest.approx(0.6)
    assert token_f1("", "a") == 0.0
    gold = ["Barack Obama was born in Honolulu.", "Barack Obama's mother was from Kansas."]
    pred = ["Obama was born in Honolulu, Hawaii.", "Obama was born in Honolulu.", "The sky is blue."]
    m = match(pred, gold)
    # one-to-one: only one of the two "born" claims may take the first gold claim
    assert len(m) == 1 and m[0][1] == 0
    assert match([], gold) == [] and match(pred, []) == []


# --------------------------------------------------------------------------- tiny data sets, real formats

TOPICS = [
    ("polar", "Polar bears depend on Arctic sea ice to hunt seals.", "Polar bears need sea ice to hunt seals."),
    ("coral", "Coral reefs bleach when ocean water becomes too warm.", "Warm oceans cause coral reef bleaching."),
    ("glacier", "Alpine glaciers have lost much of their mass since 1900.", "Alpine glaciers have shrunk since 1900."),
    ("vaccine", "The measles vaccine gives lasting immunity after two doses.", "Two doses of measles vaccine give lasting immunity."),
    ("mask", "Surgical masks reduce the spread of respiratory droplets.", "Masks cut the spread of droplets."),
    ("saliva", "Saliva tests detect the virus as well as nasal swabs.", "Saliva samples detect the virus like swabs do."),
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def make_climate_fever(root: Path) -> Path:
    rows = []
    for i, (name, passage, claim) in enumerate(TOPICS):
        other = TOPICS[(i + 1) % len(TOPICS)]
        rows.append({"claim_id": str(i), "claim": claim, "claim_label": "SUPPORTS", "evidences": [
            {"evidence_id": f"{name}:1", "evidence_label": "SUPPORTS", "article": name, "evidence": passage},
            {"evidence_id": f"{other[0]}:1", "evidence_label": "NOT_ENOUGH_INFO", "article": other[0],
             "evidence": other[1]}]})
    rows.append({"claim_id": "99", "claim": "No labelled evidence here.", "claim_label": "NOT_ENOUGH_INFO",
                 "evidences": [{"evidence_id": "x:1", "evidence_label": "NOT_ENOUGH_INFO", "article": "x",
                                "evidence": "An unrelated sentence about trains."}]})
    return _jsonl(root / "climate-fever.jsonl", rows)


def make_scifact(root: Path) -> Path:
    _jsonl(root / "corpus.jsonl", [{"doc_id": 100 + i, "title": name.title(), "abstract": [passage, "More detail follows."],
                                    "structured": False} for i, (name, passage, _) in enumerate(TOPICS)])
    _jsonl(root / "claims_dev.jsonl", [{"id": i, "claim": claim, "evidence": {}, "cited_doc_ids": [100 + i]}
                                       for i, (_, _, claim) in enumerate(TOPICS)])
    return root


def make_check_covid(root: Path) -> Path:
    _jsonl(root / "corpus.json", [{"cord_id": f"c{i}", "title": name.title(), "abstract": [passage]}
                                  for i, (name, passage, _) in enumerate(TOPICS)])
    rows = [{"id": f"r{i}", "claim": claim, "cord_id": f"c{i}", "label": "SUPPORT",
             "evidence_set": [{"sent_index": 0, "type": "PRIMARY"}], "is_auth": False}
            for i, (_, _, claim) in enumerate(TOPICS)]
    _jsonl(root / "test" / "covidCheck_test_composed.json", rows[:4])
    _jsonl(root / "test" / "covidCheck_test_extracted.json", rows[4:])
    return root


def make_factcheck_bench(root: Path) -> Path:
    rows = [{"prompt": "Who?", "response": "...", "sentences": {
        "sentence1": {"text": "Barack Obama was born in Honolulu, Hawaii, and his mother was from Kansas.",
                      "claims": ["Barack Obama was born in Honolulu, Hawaii.", "Barack Obama's mother was from Kansas."]},
        "sentence2": {"text": "Is there anything else?", "claims": []}}},
            {"prompt": "When?", "response": "...", "sentences": {
                "sentence1": {"text": "The Eiffel Tower was completed in 1889.",
                              "claims": ["The Eiffel Tower was completed in 1889."]}}}]
    return _jsonl(root / "factcheck-GPT-benchmark.jsonl", rows)


def test_loaders_read_the_published_formats(tmp_path):
    cf = load("climate-fever", make_climate_fever(tmp_path / "cf"))
    assert len(cf.queries) == len(TOPICS)  # the claim without SUPPORTS/REFUTES evidence is left out
    assert len(cf.docs) == len(TOPICS) + 1 and cf.queries[0][1] == {"polar:1"}
    sf = load("scifact", make_scifact(tmp_path / "sf"))
    assert len(sf.docs) == len(TOPICS) and sf.queries[0][1] == {"100"} and sf.doc_text(0).startswith("Polar\n")
    cc = load("check-covid", make_check_covid(tmp_path / "cc"))
    assert len(cc.queries) == len(TOPICS) and cc.queries[-1][1] == {"c5"}
    fb = load_factcheck_bench(make_factcheck_bench(tmp_path / "fb"))
    assert [len(r["claims"]) for r in fb] == [2, 1] and len(fb[0]["sentences"]) == 2
    with pytest.raises(InputError):
        load("nope", tmp_path)
    with pytest.raises(InputError):
        load("scifact", tmp_path / "missing")


def test_retrieval_bench_on_a_tiny_set(tmp_path):
    from factcheck.bench.retrieval import run

    out = run("scifact", make_scifact(tmp_path / "sf"))
    assert out["queries"] == len(TOPICS) and out["corpus"] == len(TOPICS)
    assert set(out["systems"]) == {"bm25", "dense", "factcheck"}
    for m in out["systems"].values():
        assert {"ndcg@10", "recall@5", "recall@10", "mrr@10", "queries_per_s"} <= set(m)
        assert 0 <= m["ndcg@10"] <= 1 and m["queries_per_s"] > 0
    # each claim paraphrases exactly one abstract: every system ranks it first
    assert out["systems"]["dense"]["ndcg@10"] == 1.0
    assert out["systems"]["factcheck"]["ndcg@10"] == 1.0


def test_retrieval_command_json(tmp_path):
    r = run_cli("bench", "retrieval", "--dataset", "climate-fever", "--data", str(make_climate_fever(tmp_path)), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["dataset"] == "climate-fever" and out["queries"] == len(TOPICS) and out["corpus"] == len(TOPICS) + 1
    assert set(out["systems"]) == {"bm25", "dense", "factcheck"}
    assert out["systems"]["factcheck"]["recall@10"] == 1.0
    bad = run_cli("bench", "retrieval", "--dataset", "climate-fever", "--data", str(tmp_path / "none"), "--json")
    assert bad.returncode == 2 and bad.stderr.startswith(b"error:")


def test_extraction_command_json(tmp_path):
    r = run_cli("bench", "extraction", "--dataset", "factcheck-bench", "--data", str(make_factcheck_bench(tmp_path)), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["responses"] == 2 and out["sentences"] == 3 and out["human_claims"] == 3
    base = out["systems"]["sentence"]
    # baseline: 3 sentences; the Eiffel sentence matches its claim exactly, the Obama sentence matches one
    # of its two claims (token F1 >= 0.5), the question none -> P = 2/3, R = 2/3
    assert base["claims"] == 3 and base["matched"] == 2
    assert base["precision"] == pytest.approx(2 / 3, abs=1e-4) and base["recall"] == pytest.approx(2 / 3, abs=1e-4)
    own = out["systems"]["factcheck"]
    assert {"precision", "recall", "f1", "claims", "matched"} <= set(own) and 0 <= own["f1"] <= 1


# --------------------------------------------------------------------------- scale and the index's structure


def test_scale_bench_flat_and_ivf():
    from factcheck.bench.scale import run

    flat = run(passages=3000, queries=20, threshold=10_000, latency_queries=20)
    assert flat["structure"] == "flat-ip" and flat["recall@10"] == 1.0
    ivf = run(passages=3000, queries=50, threshold=1000, latency_queries=20)
    assert ivf["structure"].startswith("ivf") and ivf["recall@10"] >= 0.8
    for key in ("build_s", "disk_mb", "ram_mb", "search_p50_ms", "recall@10", "exact", "calibration", "goals"):
        assert key in ivf
    # structured, not uniform: a query's nearest neighbour is far closer than a random pair
    assert ivf["calibration"]["query_nn1_cos"] > 0.3 > ivf["calibration"]["random_pair_cos"]


def test_scale_command_json():
    r = run_cli("bench", "scale", "--passages", "2000", "--queries", "20", "--threshold", "1000", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["passages"] == 2000 and out["structure"].startswith("ivf")


def test_index_switches_to_ivf_by_size_and_still_deletes(tmp_path, embedder, monkeypatch):
    import factcheck.corpus.index as fi
    from factcheck.corpus.ingest import Document

    monkeypatch.setattr(fi, "ANN_THRESHOLD", 60)
    docs = [Document(f"d{i}", f"Report {i}: the harbour of town {i} handled {i * 7} ships in {1990 + i}.")
            for i in range(50)]
    index = fi.build(tmp_path / "ix", [docs], embedder)
    assert index.info()["vector_index"] == "flat-ip"
    index.add_documents([Document(f"e{i}", f"Bulletin {i}: rainfall in valley {i} reached {i + 3} millimetres.")
                         for i in range(20)])
    assert index.info()["vector_index"].startswith("ivf")
    manifest = json.loads((tmp_path / "ix" / "manifest.json").read_text())
    assert manifest["vector_index"].startswith("ivf") and manifest["ivf_trained_on"] == 70
    assert b"pickle" not in (tmp_path / "ix" / "vectors.faiss").read_bytes()[:64]
    query = embedder.encode(["Bulletin 7: rainfall in valley 7 reached 10 millimetres."])
    top = index.search_dense(query, 1)[0][0][0]
    assert index.passages([top])[top].source.doc_id == "e7"
    index.remove(["e7"])
    assert all(index.passages([p])[p].source.doc_id != "e7" for p, _ in index.search_dense(query, 5)[0])
    index.close()
    reopened = fi.Index.open(tmp_path / "ix", embedder=embedder)
    assert reopened.search_dense(query, 3)[0] and reopened.info()["vector_index"].startswith("ivf")
    reopened.remove([f"d{i}" for i in range(40)])  # 29 left: under half the threshold -> exact again
    assert reopened.info()["vector_index"] == "flat-ip" and reopened._vectors().ntotal == 29


# --------------------------------------------------------------------------- speed and embedding


def test_speed_command_json():
    r = run_cli("bench", "speed", "--articles", "2", "--documents", "8", "--naive-articles", "1",
                "--naive-documents", "3", "--no-stance", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["report"]["articles"] == 2 and out["report"]["claims"] > 0
    for key in ("batched", "per_article", "naive"):
        assert out["report"][key]["claims_per_s"] > 0
    assert out["index_build"]["passages_per_s"] > 0 and out["index_build"]["naive"]["passages_per_s"] > 0
    assert out["retrieval"]["single"]["p50_ms"] > 0 and out["peak_rss_mb"] > 0
    assert out["report"]["speedup"] > 0


def test_verification_rate_times_the_judge_on_fresh_parses(small_index):
    from factcheck.bench.speed import _verification_rate
    from factcheck.pipeline import Checker

    checker = Checker(small_index, k=2)
    report = checker.check("Russian and US diplomats met in Istanbul on 27 February 2025.")
    out = _verification_rate(checker, [report])
    assert out["pairs"] == sum(len(c.evidence) for c in report.checks) > 0 and out["pairs_per_s"] > 0


def test_embedding_backends_agree(tmp_path, monkeypatch):
    from factcheck.bench.embedding import run, sentences
    from factcheck.corpus.embed import Embedder

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    texts = sentences(6)
    assert all(20 <= len(t.split()) <= 26 for t in texts)
    ref = Embedder(backend="torch").encode(texts)
    onnx = Embedder(backend="onnx").encode(texts)
    assert onnx.shape == ref.shape and np.allclose((ref * onnx).sum(axis=1), 1.0, atol=1e-4)
    out = run(n=16, backends=("torch", "onnx"))
    assert set(out["backends"]) == {"torch", "onnx"} and out["backends"]["onnx"]["sentences_per_s"] > 0
    assert "speedup" in out["backends"]["onnx"]
    with pytest.raises(Exception):
        Embedder(backend="tpu")


def test_embedding_command_json():
    r = run_cli("bench", "embedding", "--sentences", "10", "--backends", "torch", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["sentences"] == 10 and out["backends"]["torch"]["sentences_per_s"] > 0
    bad = run_cli("bench", "embedding", "--backends", "gpu", "--json")
    assert bad.returncode == 2 and b"error:" in bad.stderr
