"""Choosing the retriever's settings on TRAIN data only (never eval/).

    .venv/bin/python -m factcheck.bench.tune_retrieval --train ../shared/data/train --out runs/tune-retrieval.json

Builds a real factcheck index for each train-derived retrieval set (SciFact train claims against
the SciFact corpus, Check-COVID train claims against its corpus, and a Climate-FEVER-like pool of
FEVER evidence sentences), fetches each query's dense and lexical passage candidates once, and
scores fusion variants on them offline (documents ranked at their best passage, nDCG@10). The
variant with the best mean nDCG@10 over the sets is what ``HybridRetriever`` ships with; the
whole table is written to ``--out`` and summarised in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .ir_metrics import evaluate
from .retrieval import BM25System, DenseSystem, RetrievalSet, _fresh_embedder, load

Hits = list[tuple[int, float]]

TRAIN_SETS = (("scifact", "scifact"), ("check-covid", "check-covid"), ("fever", "fever-pairs"),
              ("citation-integrity", "citation-integrity"))
# Sets whose claims the stance model was trained on (a reranker built on it looks too good there);
# citation-integrity's dev claims are unseen by it, so a reranker is judged there.
STANCE_SEEN = {"scifact", "check-covid", "fever"}


def rrf(dense: Hits, lexical: Hits, weight: float = 0.5, k: int = 60) -> list[int]:
    scores: dict[int, float] = {}
    for w, hits in ((weight, dense), (1 - weight, lexical)):
        for rank, (pid, _) in enumerate(hits):
            scores[pid] = scores.get(pid, 0.0) + w / (k + rank + 1)
    return sorted(scores, key=lambda p: -scores[p])


def _minmax(hits: Hits) -> dict[int, float]:
    if not hits:
        return {}
    vals = np.array([s for _, s in hits])
    lo, hi = float(vals.min()), float(vals.max())
    return {pid: (s - lo) / (hi - lo) if hi > lo else 1.0 for pid, s in hits}


def convex(dense: Hits, lexical: Hits, alpha: float = 0.5) -> list[int]:
    """alpha * min-max(dense) + (1 - alpha) * min-max(bm25); a side that missed a passage gives 0."""
    d, l = _minmax(dense), _minmax(lexical)
    scores = {pid: alpha * d.get(pid, 0.0) + (1 - alpha) * l.get(pid, 0.0) for pid in set(d) | set(l)}
    return sorted(scores, key=lambda p: -scores[p])


def _variants() -> dict[str, Callable[[Hits, Hits], list[int]]]:
    out: dict[str, Callable[[Hits, Hits], list[int]]] = {"dense-only": lambda d, l: [p for p, _ in d],
                                                         "lexical-only": lambda d, l: [p for p, _ in l]}
    for w in (0.3, 0.4, 0.5, 0.6, 0.7):
        for k in (10, 30, 60):
            out[f"rrf w={w} k={k}"] = lambda d, l, w=w, k=k: rrf(d, l, w, k)
    for a in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        out[f"convex a={a}"] = lambda d, l, a=a: convex(d, l, a)
    return out


def candidates(rs: RetrievalSet, folder: Path, depth: int = 100):
    """(index, dense hits, lexical hits) per query from a real factcheck index of ``rs``."""
    from ..corpus.index import build
    from ..corpus.ingest import Document

    embedder = _fresh_embedder()
    docs = [Document(doc_id=d, text=rs.doc_text(i), title=t) for i, (d, t, _) in enumerate(rs.docs)]
    index = build(folder / rs.name, [docs], embedder)
    queries = [q for q, _ in rs.queries]
    dense = index.search_dense(embedder.encode(queries), depth)
    lexical = index.search_lexical(queries, depth)
    return index, dense, lexical


def score_variants(rs: RetrievalSet, index, dense: list[Hits], lexical: list[Hits],
                   candidates_n: tuple[int, ...] = (20, 50, 100)) -> dict[str, float]:
    pid_doc = {pid: p.source.doc_id for pid, p in index.passages(
        {pid for hits in dense + lexical for pid, _ in hits}).items()}
    qrels = [r for _, r in rs.queries]
    out = {}
    for n in candidates_n:
        for name, fuse in _variants().items():
            ranked = [list(dict.fromkeys(pid_doc[p] for p in fuse(d[:n], l[:n]) if p in pid_doc))
                      for d, l in zip(dense, lexical)]
            out[f"{name} cand={n}"] = evaluate(ranked, qrels)["ndcg@10"]
    return out


def rerank_variants(rs: RetrievalSet, index, dense: list[Hits], lexical: list[Hits], depth: int = 20,
                    base: Callable[[Hits, Hits], list[int]] | None = None, n: int = 50) -> dict[str, float]:
    """Rerank the fused top ``depth`` passages with the stance cross-encoder's evidence score
    (P(support) + P(refute)), alone and mixed with the fused rank, and score each variant."""
    from ..verify.stance import CrossEncoderStance

    base = base or (lambda d, l: rrf(d, l, 0.5, 60))
    fused = [base(d[:n], l[:n]) for d, l in zip(dense, lexical)]
    top = [f[:depth] for f in fused]
    texts = index.passages({p for t in top for p in t})
    pid_doc = {pid: p.source.doc_id for pid, p in index.passages({p for f in fused for p in f}).items()}
    pairs = [(qi, p) for qi, t in enumerate(top) for p in t]
    model = CrossEncoderStance()
    t0 = time.time()
    probs = model.score([rs.queries[qi][0] for qi, _ in pairs], [texts[p].text for _, p in pairs])
    seconds = time.time() - t0
    evid: dict[tuple[int, int], float] = {(qi, p): float(1 - row[2]) for (qi, p), row in zip(pairs, probs)}
    qrels = [r for _, r in rs.queries]

    def score(order_fn) -> float:
        ranked = []
        for qi, f in enumerate(fused):
            head = order_fn(qi, f[:depth])
            ranked.append(list(dict.fromkeys(pid_doc[p] for p in head + f[depth:] if p in pid_doc)))
        return evaluate(ranked, qrels)["ndcg@10"]

    out = {"fused (no rerank)": score(lambda qi, h: h)}
    out["rerank only"] = score(lambda qi, h: sorted(h, key=lambda p: -evid[(qi, p)]))
    for lam in (0.5, 1, 2, 4, 8):
        # fused position as a score in (0, 1]: 1 / (1 + rank / 5)
        out[f"mix lambda={lam}"] = score(lambda qi, h, lam=lam: sorted(
            h, key=lambda p: -(1 / (1 + h.index(p) / 5) + lam * evid[(qi, p)])))
    for k in (5, 10, 30):
        out[f"rrf(fused, rerank) k={k}"] = score(lambda qi, h, k=k: sorted(
            h, key=lambda p: -(1 / (k + h.index(p) + 1) + 1 / (k + sorted(h, key=lambda x: -evid[(qi, x)]).index(p) + 1))))
    out["pairs_per_s"] = len(pairs) / max(seconds, 1e-9)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, required=True, help="the train/ folder of ../shared/data")
    ap.add_argument("--out", type=Path, default=Path("runs/tune-retrieval.json"))
    ap.add_argument("--sets", default=",".join(n for n, _ in TRAIN_SETS))
    ap.add_argument("--rerank", action="store_true", help="also score stance-model reranking variants")
    ap.add_argument("--rerank-depth", type=int, default=20)
    args = ap.parse_args(argv)
    if "eval" in args.train.resolve().parts:
        raise SystemExit("error: settings are chosen on train/ data only")
    wanted = set(args.sets.split(","))
    table: dict[str, dict[str, float]] = {}
    baselines: dict[str, dict[str, float]] = {}
    reranked: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-tune-") as tmp:
        for name, sub in TRAIN_SETS:
            if name not in wanted:
                continue
            t = time.time()
            rs = load(name, args.train / sub, split="train" if name in ("scifact", "check-covid") else None)
            bm = BM25System(rs)
            qs = [q for q, _ in rs.queries]
            qrels = [r for _, r in rs.queries]
            index, dense, lexical = candidates(rs, Path(tmp))
            dn = DenseSystem(rs, _fresh_embedder(index.embedder))
            baselines[name] = {"bm25": evaluate(bm.search(qs, 100), qrels)["ndcg@10"],
                               "dense": evaluate(dn.search(qs, 100), qrels)["ndcg@10"]}
            table[name] = score_variants(rs, index, dense, lexical)
            if args.rerank:
                reranked[name] = rerank_variants(rs, index, dense, lexical, args.rerank_depth)
                print(json.dumps({"set": name, "rerank": reranked[name]}), flush=True)
            index.close()
            print(json.dumps({"set": name, "queries": len(qs), "docs": len(rs.docs), "seconds": round(time.time() - t),
                              "baselines": baselines[name],
                              "best": sorted(table[name].items(), key=lambda kv: -kv[1])[:5]}), flush=True)
    names = list(next(iter(table.values())))
    mean = {v: float(np.mean([table[s][v] for s in table])) for v in names}
    margin = {v: float(np.mean([table[s][v] - max(baselines[s].values()) for s in table])) for v in names}
    best = sorted(mean, key=lambda v: -mean[v])
    result = {"sets": list(table), "baselines": baselines, "best_by_mean_ndcg": [(v, mean[v], margin[v]) for v in best[:15]],
              "table": table, "rerank": reranked, "stance_seen": sorted(STANCE_SEEN & set(table))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(json.dumps(result["best_by_mean_ndcg"], indent=1))


if __name__ == "__main__":
    main()
