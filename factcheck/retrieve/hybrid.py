"""Hybrid retrieval: dense (FAISS) and lexical (FTS5 BM25) candidates fused by reciprocal rank.

Dense search finds paraphrases; BM25 finds the exact names, numbers and dates a claim turns
on. Reciprocal-rank fusion needs no score calibration between the two, which is why it is
the default here. All queries of a batch share one embedding call and one FAISS call.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

from ..types import Evidence
from .base import SearchableStore

RRF_K = 60


@dataclass
class HybridRetriever:
    """Dense + lexical search over a store (the corpus index), fused with reciprocal-rank fusion.

    Args:
        index: the store to search (a :class:`factcheck.corpus.Index` or any ``SearchableStore``).
        candidates: how many hits each side contributes before fusion.
        dense_weight: weight of the dense ranking in the fusion (lexical gets 1 - this).
    """

    index: SearchableStore
    candidates: int = 50
    dense_weight: float = 0.5

    def retrieve(self, queries: list[str], k: int = 5) -> list[list[Evidence]]:
        if not queries:
            return []
        vectors = self.index.embedder.encode(queries)
        # One consistent view of a store that offers it (the folder index): both searches and the
        # passages are from before another process's write or from after it, never half of each.
        reading = getattr(self.index, "reading", None)
        with reading() if reading is not None else nullcontext():
            dense = self.index.search_dense(vectors, self.candidates)
            lexical = self.index.search_lexical(queries, self.candidates)
            fused = [self._fuse(d, l)[:k] for d, l in zip(dense, lexical)]
            passages = self.index.passages(pid for hits in fused for pid, *_ in hits)
        return [[Evidence(passage=passages[pid], score=score, dense_score=ds, lexical_score=ls)
                 for pid, score, ds, ls in hits if pid in passages] for hits in fused]

    def _fuse(self, dense: list[tuple[int, float]], lexical: list[tuple[int, float]]):
        scores: dict[int, float] = {}
        dense_s = dict(dense)
        lex_s = dict(lexical)
        for weight, hits in ((self.dense_weight, dense), (1 - self.dense_weight, lexical)):
            for rank, (pid, _) in enumerate(hits):
                scores[pid] = scores.get(pid, 0.0) + weight * 2 / (RRF_K + rank + 1)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -dense_s.get(kv[0], -1.0)))
        # Scaled so a passage ranked first by both sides scores 1.0.
        top = 2 / (RRF_K + 1)
        return [(pid, s / top, dense_s.get(pid), lex_s.get(pid)) for pid, s in ranked]
