"""The retrieval seams: what a retriever gives the pipeline, and what it needs from a store.

A store is anything that embeds queries, searches its vectors and its words, and returns
passages by id; the SQLite + FAISS index of ``factcheck.corpus`` is one. Retrievers depend on
this shape only, so another store plugs in without touching them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import numpy as np

from ..types import Evidence, Passage


class Retriever(Protocol):
    """Anything that returns ranked evidence for a batch of claims, one list per claim."""

    def retrieve(self, queries: list[str], k: int = 5) -> list[list[Evidence]]: ...


class Encoder(Protocol):
    """Texts in, one unit-length vector per text out (rows in input order)."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


class SearchableStore(Protocol):
    """A passage store searchable by vector and by words, with passages fetched by id.

    Each search returns, per query, up to ``k`` (passage id, score) pairs, best first.
    """

    @property
    def embedder(self) -> Encoder: ...

    def search_dense(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]: ...

    def search_lexical(self, queries: list[str], k: int) -> list[list[tuple[int, float]]]: ...

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]: ...
