"""Retrieval benchmark: claims against a corpus, three systems side by side in one process.

- ``bm25``: bm25s (Lucene BM25, k1 = 1.5, b = 0.75, English stop words, Snowball stemmer) over each
  document's title + text: the well-known lexical baseline.
- ``dense``: the project's embedding model (all-MiniLM-L6-v2) over each document's title + text,
  exact inner-product search in a FAISS flat index: the well-known dense baseline.
- ``factcheck``: the project's retriever as shipped: a real :class:`~factcheck.corpus.Index` is built
  in a temporary folder from the same documents (chunked into passages as any corpus is) and
  searched with :class:`~factcheck.retrieve.HybridRetriever`; passage hits are mapped to their
  documents, each document ranked at its best passage.

Metrics (``ir_metrics.py``): nDCG@10, recall@5, recall@10, MRR@10 with binary relevance, averaged
over queries that have at least one relevant document; ``queries_per_s`` times one batched call
over all queries (query embedding included, corpus indexing not; that is ``index_s``).

The loaders read the published formats; ``SPLITS`` says which claim file each split reads, so
the same code runs on ``train/`` (for choosing settings) and ``eval/`` (for reporting only).
"""

from __future__ import annotations

import datetime as _dt
import random
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..text import InputError
from .common import read_jsonl as _read_jsonl, rounded, stopwatch
from .ir_metrics import evaluate

DEPTH = 100  # documents ranked per query and system (metrics look at the top 10)


@dataclass
class RetrievalSet:
    """A corpus of documents and queries with their relevant document ids."""

    name: str
    docs: list[tuple[str, str, str]]  # (doc_id, title, text)
    queries: list[tuple[str, set[str]]] = field(default_factory=list)  # (query text, relevant doc ids)
    notes: str = ""

    def doc_text(self, i: int) -> str:
        _, title, text = self.docs[i]
        return f"{title}\n{text}" if title else text


# --------------------------------------------------------------------------- loaders



def load_climate_fever(path: Path, split: str | None = None) -> RetrievalSet:
    """All evidence sentences pooled (by evidence_id) as the corpus; each claim's relevant
    documents are its evidence sentences labelled SUPPORTS or REFUTES (claims with none are left out)."""
    file = path / "climate-fever.jsonl" if path.is_dir() else path
    rows = _read_jsonl(file)
    docs: dict[str, tuple[str, str, str]] = {}
    queries = []
    for r in rows:
        for e in r.get("evidences", []):
            docs.setdefault(e["evidence_id"], (e["evidence_id"], "", e["evidence"].strip()))
        rel = {e["evidence_id"] for e in r.get("evidences", []) if e.get("evidence_label") in ("SUPPORTS", "REFUTES")}
        if rel and r.get("claim", "").strip():
            queries.append((r["claim"].strip(), rel))
    return RetrievalSet("climate-fever", list(docs.values()), queries,
                        "corpus = every evidence sentence of the file pooled (by evidence_id, text only); relevant = "
                        "the claim's evidence sentences labelled SUPPORTS or REFUTES; claims with none left out")


_CITATION_MARK = re.compile(r"\s*\[?<\|[a-z_]+\|>\]?")


def load_scifact(path: Path, split: str | None = None, name: str = "scifact") -> RetrievalSet:
    """SciFact claims of ``split`` (dev in eval/, train in train/) against corpus.jsonl;
    relevant = the claim's cited_doc_ids (the BEIR SciFact protocol)."""
    folder = path if path.is_dir() else path.parent
    split = split or ("dev" if name == "citation-integrity" else
                      "train" if (folder / "claims_train.jsonl").is_file() else "dev")
    corpus = _read_jsonl(folder / "corpus.jsonl")
    docs = [(str(d["doc_id"]), d.get("title", "").strip(), " ".join(s.strip() for s in d["abstract"])) for d in corpus]
    known = {d[0] for d in docs}
    queries = []
    for r in _read_jsonl(folder / f"claims_{split}.jsonl"):
        rel = {str(d) for d in r.get("cited_doc_ids", [])} & known
        claim = _CITATION_MARK.sub("", r["claim"]).strip()
        if rel and claim:
            queries.append((claim, rel))
    return RetrievalSet(name, docs, queries,
                        f"claims_{split}.jsonl against corpus.jsonl (title + abstract); relevant = cited_doc_ids "
                        "(BEIR SciFact protocol)")


def load_citation_integrity(path: Path, split: str | None = None) -> RetrievalSet:
    """TRAIN only: citation-integrity (SciFact format; dev claims by default, which the stance model
    never saw), citation markers removed from the claims."""
    return load_scifact(path, split, name="citation-integrity")


def load_check_covid(path: Path, split: str | None = None) -> RetrievalSet:
    """Check-COVID claims of ``split`` (test in eval/, train in train/; composed + extracted)
    against corpus.json; relevant = the cord_id of every row with that claim text."""
    folder = path if path.is_dir() else path.parent
    if split is None:
        split = next((s for s in ("test", "train", "dev") if (folder / s).is_dir()), "test")
    corpus = _read_jsonl(folder / "corpus.json")
    docs = [(d["cord_id"], (d.get("title") or "").strip(), " ".join(s.strip() for s in d["abstract"])) for d in corpus]
    known = {d[0] for d in docs}
    rel: dict[str, set[str]] = {}
    for part in ("composed", "extracted"):
        for r in _read_jsonl(folder / split / f"covidCheck_{split}_{part}.json"):
            if r.get("claim", "").strip() and r.get("cord_id") in known:
                rel.setdefault(r["claim"].strip(), set()).add(r["cord_id"])
    return RetrievalSet("check-covid", docs, list(rel.items()),
                        f"{split} composed + extracted claims (unique texts) against corpus.json (title + abstract); "
                        "relevant = the cord_id of every row with that claim")


_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


def _detok(text: str) -> str:
    for k, v in _PTB.items():
        text = text.replace(k, v)
    for p in (" ,", " .", " ;", " :", " )", " ]", " 's", " n't"):
        text = text.replace(p, p[1:])
    return text.replace("( ", "(").replace("[ ", "[").strip()


def load_fever_pairs(path: Path, split: str | None = None, limit: int = 1500, seed: int = 0) -> RetrievalSet:
    """TRAIN only (a Climate-FEVER-like set for choosing settings): FEVER dev pairs, every
    evidence text pooled as the corpus, ``limit`` claims sampled with a fixed seed, relevant =
    that claim's evidence texts."""
    file = path / "fever_dev_pairs.jsonl" if path.is_dir() else path
    rows = _read_jsonl(file)
    docs: dict[str, tuple[str, str, str]] = {}
    rel: dict[str, set[str]] = {}
    for r in rows:
        text = _detok(r["evidence"])
        doc_id = docs.setdefault(text, (f"e{len(docs)}", "", text))[0]
        rel.setdefault(_detok(r["claim"]), set()).add(doc_id)
    queries = sorted(rel.items())
    random.Random(seed).shuffle(queries)
    return RetrievalSet("fever", list(docs.values()), queries[:limit],
                        f"FEVER dev pairs (train/): evidence texts pooled, {limit} claims sampled (seed {seed})")


DATASETS = {"climate-fever": load_climate_fever, "scifact": load_scifact, "check-covid": load_check_covid,
            "fever": load_fever_pairs, "citation-integrity": load_citation_integrity}


def load(dataset: str, data: Path, split: str | None = None, limit: int | None = None) -> RetrievalSet:
    if dataset not in DATASETS:
        raise InputError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    if not data.exists():
        raise InputError(f"{data}: no such file or folder")
    rs = DATASETS[dataset](data, split)
    if limit is not None:
        rs.queries = rs.queries[:limit]
    if not rs.queries or not rs.docs:
        raise InputError(f"{data}: no queries with relevant documents found for {dataset}")
    return rs


# --------------------------------------------------------------------------- systems

class BM25System:
    """bm25s with English stop words and the Snowball English stemmer (PyStemmer)."""

    name = "bm25"

    def __init__(self, rs: RetrievalSet):
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self.stemmer = Stemmer.Stemmer("english")
        self.ids = [d[0] for d in rs.docs]
        tokens = bm25s.tokenize([rs.doc_text(i) for i in range(len(rs.docs))], stopwords="en",
                                stemmer=self.stemmer, show_progress=False)
        self.model = bm25s.BM25()
        self.model.index(tokens, show_progress=False)

    def search(self, queries: list[str], k: int) -> list[list[str]]:
        tokens = self._bm25s.tokenize(queries, stopwords="en", stemmer=self.stemmer, show_progress=False)
        k = min(k, len(self.ids))
        results, scores = self.model.retrieve(tokens, k=k, show_progress=False, n_threads=1)
        # bm25s returns k documents even when fewer match; keep only those with a positive score
        return [[self.ids[int(i)] for i, s in zip(row, srow) if s > 0] for row, srow in zip(results, scores)]


class DenseSystem:
    """The embedding model over whole documents, exact inner-product search (FAISS flat)."""

    name = "dense"

    def __init__(self, rs: RetrievalSet, embedder):
        import faiss

        self.embedder = embedder
        self.ids = [d[0] for d in rs.docs]
        vecs = embedder.encode([rs.doc_text(i) for i in range(len(rs.docs))])
        self.index = faiss.IndexFlatIP(vecs.shape[1])
        self.index.add(np.ascontiguousarray(vecs, dtype=np.float32))

    def search(self, queries: list[str], k: int) -> list[list[str]]:
        vecs = self.embedder.encode(queries)
        _, ids = self.index.search(np.ascontiguousarray(vecs, dtype=np.float32), min(k, len(self.ids)))
        return [[self.ids[int(i)] for i in row if i >= 0] for row in ids]


class FactcheckSystem:
    """The project's index and :class:`HybridRetriever`, exactly as ``check`` uses them.

    ``store`` (a PostgreSQL URL) builds the index there instead of in ``folder``.
    """

    name = "factcheck"

    def __init__(self, rs: RetrievalSet, embedder, folder: Path, retriever_kwargs: dict | None = None,
                 store: str | None = None):
        from ..corpus.ingest import Document
        from ..corpus.store import build_store
        from ..retrieve import HybridRetriever

        docs = [Document(doc_id=doc_id, text=rs.doc_text(i), title=title) for i, (doc_id, title, _) in enumerate(rs.docs)]
        self.index = build_store(store or folder / "index", [docs], embedder)
        self.retriever = HybridRetriever(self.index, **(retriever_kwargs or {}))

    def search(self, queries: list[str], k: int) -> list[list[str]]:
        # Documents are ranked at their best passage: ask for enough passages to fill k documents.
        out = []
        for hits in self.retriever.retrieve(queries, k=max(k, 1) * 3):
            ranking = list(dict.fromkeys(e.passage.source.doc_id for e in hits))
            out.append(ranking[:k])
        return out


def _bench_schema(url: str) -> str:
    """The URL with ``schema=factcheck_bench``, so a benchmark never replaces a user's index."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "schema"]
    return urlunsplit(parts._replace(query=urlencode(query + [("schema", "factcheck_bench")])))


def _fresh_embedder(shared=None, cache_size: int = 4096):
    """An Embedder with its own empty cache, sharing the loaded model weights when given one."""
    from ..corpus.embed import Embedder

    e = Embedder(cache_size=cache_size)
    if shared is not None:
        e._model = shared.model
    return e


def run(dataset: str, data: Path, split: str | None = None, limit: int | None = None,
        systems: tuple[str, ...] = ("bm25", "dense", "factcheck"), store: str | None = None) -> dict[str, Any]:
    """Index the corpus with each system, run every query, return the JSON-ready result.

    ``store``: a PostgreSQL URL, or ``postgres`` for a temporary embedded server: adds the system
    ``factcheck-postgres``, the same retriever over the same documents in that store.
    """
    from contextlib import ExitStack

    from ..corpus.pgserver import EmbeddedServer
    from ..corpus.postgres import is_postgres_url

    if store is not None and store != "postgres" and not is_postgres_url(store):
        raise InputError(f"--store {store!r}: give a PostgreSQL URL (postgresql+psycopg://...) or 'postgres'")
    rs = load(dataset, data, split, limit)
    queries = [q for q, _ in rs.queries]
    qrels = [r for _, r in rs.queries]
    base = _fresh_embedder()
    # Both factcheck stores embed the same passages: the second build reuses the first one's vectors.
    passage_embedder = _fresh_embedder(base, cache_size=10_000_000)
    passage_vectors: dict = {}
    systems = tuple(systems) + (("factcheck-postgres",) if store else ())
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp, ExitStack() as stack:
        url = stack.enter_context(EmbeddedServer()).url if store == "postgres" else store
        for name in systems:
            with stopwatch() as build_sw:
                if name == "bm25":
                    system = BM25System(rs)
                elif name == "dense":
                    system = DenseSystem(rs, _fresh_embedder(base))
                elif name == "factcheck":
                    system = FactcheckSystem(rs, passage_embedder, Path(tmp))
                elif name == "factcheck-postgres":
                    passage_embedder._cache.update(passage_vectors)
                    system = FactcheckSystem(rs, passage_embedder, Path(tmp), store=_bench_schema(url))
                else:
                    raise InputError(f"unknown system {name!r}")
            system.search(queries[:1], 10)  # warm up (first-call set-up) outside the timing
            if hasattr(system, "embedder"):
                system.embedder._cache.clear()
            if name.startswith("factcheck"):
                passage_vectors = passage_vectors or dict(system.index.embedder._cache)
                system.index.embedder._cache.clear()
            with stopwatch() as sw:
                rankings = system.search(queries, DEPTH)
            out[name] = {**evaluate(rankings, qrels), "queries_per_s": sw.rate(len(queries)),
                         "index_s": build_sw.seconds}
            if name.startswith("factcheck"):
                system.index.close()
    if "factcheck-postgres" in out and "factcheck" in out:
        out["factcheck-postgres"]["ndcg@10_minus_default"] = out["factcheck-postgres"]["ndcg@10"] - out["factcheck"]["ndcg@10"]
    return {
        "dataset": dataset,
        "queries": len(queries),
        "corpus": len(rs.docs),
        "systems": {k: rounded(v) for k, v in out.items()},
        "data": str(data),
        "date": _dt.date.today().isoformat(),
        "notes": {
            "data": rs.notes + (f"; first {limit} queries only (--limit)" if limit else ""),
            "bm25": "bm25s 0.3.16 (Lucene BM25, k1=1.5, b=0.75), English stop words, Snowball stemmer, title + text",
            "dense": "all-MiniLM-L6-v2 over title + text (256 tokens max), FAISS IndexFlatIP",
            "factcheck": "factcheck Index built from the same documents (title + text, chunked into passages) and "
                         "HybridRetriever with its shipped defaults; a document ranks at its best passage",
            "metrics": "binary relevance; mean over queries with >= 1 relevant document; queries_per_s = one "
                       "batched call over all queries (query embedding included); index_s = corpus indexing",
            "tuning": "no setting was chosen on eval/ data: see docs/benchmarks.md",
            **({"factcheck-postgres": "the same documents and HybridRetriever over the PostgreSQL store (pgvector HNSW, "
                "full-text BM25) in schema factcheck_bench; its index_s excludes embedding (it reuses the "
                "passages' vectors from the factcheck build)"} if store else {}),
        },
    }
