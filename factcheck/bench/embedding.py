"""Embedding benchmark: sentences/s per backend, and whether retrieval quality holds.

Backends (``factcheck/corpus/embed.py``): ``torch`` (sentence-transformers), ``onnx`` (the transformer
exported locally to ONNX from the packaged weights, run by ONNX Runtime) and ``onnx-int8``
(the same, dynamically quantised to int8). Speed: one ``encode`` call over generated news
sentences of about 25 words (``sentences``), after a warm-up call; cache off.

Quality: each backend embeds a retrieval set from ``train/`` (never ``eval/``): Check-COVID train
claims against its 347-abstract corpus, dense search only (exact inner product), nDCG@10; plus the
mean cosine between each backend's vectors and torch's for the same texts. A backend may become
the default only if it is faster and its nDCG@10 is within ``MAX_NDCG_LOSS`` (1 point) of torch's.
"""

from __future__ import annotations

import datetime as _dt
import os
import random
from pathlib import Path
from typing import Any

import numpy as np

from .common import rounded, stopwatch

MAX_NDCG_LOSS = 0.01


def sentences(n: int, words: int = 25, seed: int = 0) -> list[str]:
    """``n`` generated news sentences trimmed or extended to about ``words`` words."""
    from .speed import _sentence

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        ws: list[str] = []
        while len(ws) < words:
            ws.extend(_sentence(rng).split())
        out.append(" ".join(ws[:words]).rstrip(",;") + ".")
    return out


def _quality(embedder, rs) -> tuple[float, np.ndarray]:
    import faiss

    from .ir_metrics import evaluate

    docs = embedder.encode([rs.doc_text(i) for i in range(len(rs.docs))])
    queries = embedder.encode([q for q, _ in rs.queries])
    index = faiss.IndexFlatIP(docs.shape[1])
    index.add(docs)
    _, ids = index.search(queries, 10)
    ranked = [[rs.docs[int(i)][0] for i in row if i >= 0] for row in ids]
    return evaluate(ranked, [r for _, r in rs.queries])["ndcg@10"], np.concatenate([docs, queries])


def run(n: int = 2000, backends: tuple[str, ...] = ("torch", "onnx", "onnx-int8"), quality_data: Path | None = None,
        batch_size: int = 64) -> dict[str, Any]:
    """Time each backend on ``n`` generated sentences; measure retrieval quality on ``quality_data``
    (a ``train/check-covid`` folder) when given."""
    from ..corpus.embed import DEFAULT_BACKEND, Embedder

    texts = sentences(n)
    rs = None
    if quality_data is not None:
        from .retrieval import load

        rs = load("check-covid", quality_data)
    out: dict[str, Any] = {}
    reference = None
    for backend in backends:
        e = Embedder(backend=backend, batch_size=batch_size, cache_size=0)
        e.encode(texts[:batch_size])  # load (and export) outside the timing
        e._cache.clear()
        with stopwatch() as sw:
            e.encode(texts)
        row: dict[str, Any] = {"sentences_per_s": sw.rate(len(texts)), "seconds": sw.seconds}
        if rs is not None:
            e._cache.clear()
            ndcg, vecs = _quality(e, rs)
            row["ndcg@10"] = ndcg
            if backend == "torch":
                reference = vecs
            if reference is not None:
                row["mean_cos_to_torch"] = float((vecs * reference).sum(axis=1).mean())
        out[backend] = row
    torch_row = out.get("torch")
    for backend, row in out.items():
        if torch_row and backend != "torch":
            row["speedup"] = row["sentences_per_s"] / torch_row["sentences_per_s"]
            if "ndcg@10" in row:
                row["quality_holds"] = row["ndcg@10"] >= torch_row["ndcg@10"] - MAX_NDCG_LOSS
    return {
        "sentences": len(texts),
        "mean_words": float(np.mean([len(t.split()) for t in texts])),
        "batch_size": batch_size,
        "backends": {k: rounded(v) for k, v in out.items()},
        "default_backend": DEFAULT_BACKEND,
        "threads": {"torch": _torch_threads(), "cpus": os.cpu_count()},
        "quality_data": str(quality_data) if quality_data else None,
        "date": _dt.date.today().isoformat(),
        "notes": {
            "speed": "one encode call over all sentences after a warm-up batch (model load and ONNX export excluded)",
            "quality": "train/check-covid claims vs its corpus, dense exact search, nDCG@10; mean_cos_to_torch over "
                       "the same texts" if rs else "not measured (no --quality-data)",
            "rule": f"a backend may be the default if faster and nDCG@10 >= torch's - {MAX_NDCG_LOSS}",
        },
    }


def _torch_threads() -> int | None:
    try:
        import torch
    except ImportError:  # pragma: no cover
        return None
    return torch.get_num_threads()
