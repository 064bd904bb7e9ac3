"""Scale benchmark of the PostgreSQL store: pgvector's HNSW index at N passages.

The same synthetic vectors as ``bench scale`` (:func:`factcheck.bench.scale.structured_vectors`:
a low-rank Gaussian mixture calibrated to real all-MiniLM-L6-v2 embeddings) go into a real store
(:class:`~factcheck.corpus.postgres.PostgresStore`, schema ``factcheck_scale``) with one binary
COPY, then the store builds its HNSW index as ``index build`` does. Measured: load and index
build time, the store's size on the server, single-query latency through the store's own
``search_dense`` (one round trip per query, as the retriever searches) and recall@10 against
exact inner-product search over the same float32 vectors; then the same for a few ``ef_search``
values, the knob that trades latency for recall (the shipped value was chosen on this data).
"""

from __future__ import annotations

import datetime as _dt
import time
from contextlib import ExitStack
from typing import Any

import numpy as np

from ..text import InputError
from .common import rounded
from .scale import structured_vectors

SWEEP = (40, 64, 100, 200)


class SyntheticVectors:
    """Names the synthetic vectors in the store's manifest (no model embeds anything here)."""

    model_name = "synthetic-structured-vectors"

    def __init__(self, dimension: int):
        self.dimension = dimension

    def encode(self, texts: list[str]) -> np.ndarray:
        raise InputError("the scale benchmark's store holds synthetic vectors; nothing can be embedded into it")


def _scale_url(url: str) -> str:
    from .retrieval import _bench_schema

    return _bench_schema(url).replace("schema=factcheck_bench", "schema=factcheck_scale")


def _measure(store, qs: np.ndarray, exact: np.ndarray) -> dict[str, float]:
    lat, found = [], []
    for q in qs:
        t = time.perf_counter()
        hits = store.search_dense(q[None, :], 10)[0]
        lat.append((time.perf_counter() - t) * 1000)
        found.append([pid for pid, _ in hits])
    recall = float(np.mean([len(set(f) & set(e)) / 10 for f, e in zip(found, exact)]))
    return {"search_p50_ms": float(np.percentile(lat, 50)), "search_p95_ms": float(np.percentile(lat, 95)),
            "recall@10": recall}


def run(store: str, passages: int = 100_000, queries: int = 200, dimension: int = 384, seed: int = 0,
        ef_search: int | None = None) -> dict[str, Any]:
    """Load ``passages`` synthetic vectors into a PostgreSQL store (``store``: a URL, or ``postgres``
    for a temporary embedded server) and measure build, size, latency and recall@10."""
    from psycopg import sql

    from ..corpus.pgserver import EmbeddedServer
    from ..corpus.postgres import (HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M, PostgresStore,
                                   _connect_with_extension, _q, is_postgres_url)

    if store != "postgres" and not is_postgres_url(store):
        raise InputError(f"--store {store!r}: give a PostgreSQL URL (postgresql+psycopg://...) or 'postgres'")
    data, qs = structured_vectors(passages, queries, dimension, seed)
    with ExitStack() as stack:
        server = None
        if store == "postgres":
            server = stack.enter_context(EmbeddedServer(settings={"shared_buffers": "1GB"}))
        url = _scale_url(server.url if server else store)
        schema = "factcheck_scale"
        db = _connect_with_extension(url)
        db.execute(_q(schema, "DROP SCHEMA IF EXISTS {s} CASCADE"))
        db.close()
        pg = PostgresStore.create(url, SyntheticVectors(dimension), vector_index=False)
        stack.callback(pg.close)

        t = time.perf_counter()
        with pg._write():
            pg.db.execute(pg._sql("INSERT INTO {s}.documents(doc_id, title) VALUES ('synthetic', 'synthetic vectors')"))
            copy_sql = pg._sql('COPY {s}.passages (id, doc_id, start, "end", text, vector) FROM STDIN WITH (FORMAT BINARY)')
            with pg.db.cursor() as cur, cur.copy(copy_sql) as copy:
                copy.set_types(["int8", "text", "int4", "int4", "text", "vector"])
                for i in range(passages):
                    copy.write_row((i + 1, "synthetic", 0, 0, f"p{i}", data[i]))
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        pg.create_vector_index()
        index_s = time.perf_counter() - t
        pg.db.execute(sql.SQL("ANALYZE {}.passages").format(sql.Identifier(schema)))
        disk = pg.disk_bytes()
        hnsw = int(pg.db.execute("SELECT pg_relation_size(%s::regclass)", (f"{schema}.passages_hnsw",)).fetchone()[0])

        scores = qs @ data.T  # exact inner product, float32
        exact = [list(np.argsort(-row)[:10] + 1) for row in scores]
        pg.search_dense(qs[:5], 10)  # warm the cache outside the timing
        sweep = {}
        for ef in sorted({*SWEEP, HNSW_EF_SEARCH, *([ef_search] if ef_search else [])}):
            pg.ef_search = ef
            pg._set_search_params()
            sweep[ef] = _measure(pg, qs, exact)
        chosen = ef_search or HNSW_EF_SEARCH
        main = sweep[chosen]
        t_exact = []
        for q in qs[:50]:
            t = time.perf_counter()
            np.argsort(-(data @ q))[:10]
            t_exact.append((time.perf_counter() - t) * 1000)
        server_version = pg.db.execute("SHOW server_version").fetchone()[0]
        pgvector = pg.db.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()[0]
    return rounded({
        "store": "postgres (embedded server)" if store == "postgres" else "postgres (given URL)",
        "passages": passages, "dimension": dimension,
        "structure": f"pgvector {pgvector} hnsw (vector_ip_ops, m={HNSW_M}, ef_construction={HNSW_EF_CONSTRUCTION})",
        "ef_search": chosen,
        "build_s": load_s + index_s, "load_s": load_s, "hnsw_build_s": index_s,
        "disk_mb": disk / 1e6, "hnsw_index_mb": hnsw / 1e6, "vectors_mb": data.nbytes / 1e6,
        **main,
        "exact_numpy_p50_ms": float(np.percentile(t_exact, 50)),
        "ef_search_sweep": {str(k): v for k, v in sweep.items()},
        "goals": {"p50_under_20ms": main["search_p50_ms"] < 20, "recall_at_least_0.95": main["recall@10"] >= 0.95},
        "server": f"PostgreSQL {server_version}",
        "date": _dt.date.today().isoformat(),
        "notes": {
            "data": f"bench scale's synthetic set: {passages} stored vectors and {queries} fresh query draws (seed {seed})",
            "build": "one binary COPY into the passages table, then CREATE INDEX ... USING hnsw (maintenance_work_mem "
                     "1GB, PostgreSQL's default parallel maintenance workers), as index build does after its bulk load",
            "disk": "pg_total_relation_size of the schema's tables: heap, TOAST, the HNSW index, the postings "
                    "(one short text per synthetic passage) and the b-tree indexes",
            "latency": "PostgresStore.search_dense with one query: one SQL round trip over the unix socket, "
                       "result rows included",
            "recall@10": "share of the exact top 10 (float32 inner product in numpy) found by the store",
        },
    })
