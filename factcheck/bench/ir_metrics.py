"""Ranking metrics with binary relevance, as BEIR / pytrec_eval compute them.

``ranking`` is a list of document ids, best first (duplicates after the first are ignored);
``relevant`` is the set of ids judged relevant. A query with no relevant ids is not scored
(callers drop it), since every metric below would be undefined or trivially 0 for it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence


def _dedup(ranking: Iterable[Hashable], k: int) -> list:
    seen: set = set()
    out = []
    for d in ranking:
        if d not in seen:
            seen.add(d)
            out.append(d)
            if len(out) == k:
                break
    return out


def ndcg_at_k(ranking: Sequence[Hashable], relevant: set, k: int = 10) -> float:
    """DCG@k / ideal DCG@k with gains 1 for relevant ids, discount log2(rank + 1)."""
    if not relevant:
        raise ValueError("no relevant documents: nDCG is undefined")
    top = _dedup(ranking, k)
    dcg = sum(1.0 / math.log2(i + 2) for i, d in enumerate(top) if d in relevant)
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / idcg


def recall_at_k(ranking: Sequence[Hashable], relevant: set, k: int) -> float:
    """Share of the relevant ids found in the top k."""
    if not relevant:
        raise ValueError("no relevant documents: recall is undefined")
    return len(set(_dedup(ranking, k)) & relevant) / len(relevant)


def mrr_at_k(ranking: Sequence[Hashable], relevant: set, k: int = 10) -> float:
    """1 / rank of the first relevant id in the top k, else 0."""
    for i, d in enumerate(_dedup(ranking, k)):
        if d in relevant:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(rankings: Sequence[Sequence[Hashable]], qrels: Sequence[set]) -> dict[str, float]:
    """Mean ndcg@10, recall@5, recall@10 and mrr@10 over queries (each with >= 1 relevant id)."""
    if len(rankings) != len(qrels):
        raise ValueError(f"{len(rankings)} rankings but {len(qrels)} relevance sets")
    if not rankings:
        raise ValueError("no queries")
    n = len(rankings)
    return {
        "ndcg@10": sum(ndcg_at_k(r, q, 10) for r, q in zip(rankings, qrels)) / n,
        "recall@5": sum(recall_at_k(r, q, 5) for r, q in zip(rankings, qrels)) / n,
        "recall@10": sum(recall_at_k(r, q, 10) for r, q in zip(rankings, qrels)) / n,
        "mrr@10": sum(mrr_at_k(r, q, 10) for r, q in zip(rankings, qrels)) / n,
    }
