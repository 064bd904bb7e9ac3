"""The benches' PostgreSQL side on the session's real server: retrieval with --store beside the
default store on tiny generated data, and the HNSW scale bench on a small synthetic set."""

from __future__ import annotations

import json

from conftest import run_cli
from test_bench_ir import TOPICS, make_climate_fever

from factcheck.bench.scale_postgres import run as run_scale


def test_retrieval_bench_runs_both_stores_side_by_side(tmp_path, pg_server):
    proc = run_cli("bench", "retrieval", "--dataset", "climate-fever", "--data", str(make_climate_fever(tmp_path)),
                   "--store", pg_server.url, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    default, pg = out["systems"]["factcheck"], out["systems"]["factcheck-postgres"]
    assert out["queries"] == len(TOPICS) and pg["queries_per_s"] > 0
    assert abs(pg["ndcg@10"] - default["ndcg@10"]) <= 0.01 and pg["ndcg@10_minus_default"] == round(
        pg["ndcg@10"] - default["ndcg@10"], 4)
    # the benchmark's own schema, never the default one a user's index lives in
    assert "factcheck_bench" in pg_server.psql("SELECT string_agg(nspname, ' ') FROM pg_namespace")
    bad = run_cli("bench", "retrieval", "--dataset", "climate-fever", "--data", str(make_climate_fever(tmp_path)),
                  "--store", "mysql://x", "--json")
    assert bad.returncode == 2 and bad.stderr.decode().startswith("error: --store 'mysql://x'")


def test_scale_bench_on_the_server(pg_server):
    out = run_scale(pg_server.url, passages=3000, queries=40)
    assert out["passages"] == 3000 and out["structure"].startswith("pgvector 0.8")
    assert out["recall@10"] >= 0.95 and out["search_p50_ms"] > 0 and out["disk_mb"] > out["hnsw_index_mb"] > 0
    sweep = out["ef_search_sweep"]
    assert set(sweep) == {"40", "64", "100", "200"} and sweep["200"]["recall@10"] >= sweep["40"]["recall@10"]
    assert pg_server.psql("SELECT value FROM factcheck_scale.meta WHERE key = 'passages'").strip() == "3000"
