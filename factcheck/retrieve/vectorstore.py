"""Any LangChain vector store as the dense side of retrieval.

A newsroom that already runs Milvus, OpenSearch, Qdrant or pgvector through LangChain keeps its
vectors there: :class:`VectorStoreSearch` is a ``SearchableStore`` whose dense search asks the
LangChain ``VectorStore`` (by vector, with the index's own embedding model), while lexical search
and the passages' text and sources still come from the factcheck index. The hybrid retriever
runs on it unchanged. :func:`copy_to_vectorstore` fills the vector store from the index, with the
index's vectors and each passage's id and source in the metadata, which is how a hit is mapped
back to its passage.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..types import Passage
from .base import Encoder, SearchableStore
from .langchain import passage_metadata

ID_KEY = "passage_id"
_NAMESPACE = uuid.UUID("6f0c1f3e-5b1a-4c39-9b55-4f1d0c7a9e21")


class ExportableStore(Protocol):
    """A store that can hand out every passage with its vector (both factcheck stores can)."""

    def passage_vectors(self) -> Iterator[tuple[list[Passage], np.ndarray]]: ...


def vector_id(passage_id: int) -> str:
    """A stable UUID for a passage (many vector stores want UUID ids)."""
    return str(uuid.uuid5(_NAMESPACE, str(passage_id)))


def copy_to_vectorstore(store: ExportableStore, vectorstore: Any) -> int:
    """Put every passage of ``store`` into the LangChain ``vectorstore``; returns how many.

    Stores that take precomputed vectors (``add_embeddings``) get the index's own; others embed the
    text with their embedding function, which should be ``EncoderEmbeddings(index.embedder)``.
    Ids are stable, so copying again replaces rather than duplicates where the store upserts.
    """
    n = 0
    for passages, vectors in store.passage_vectors():
        texts = [p.text for p in passages]
        metadatas = [passage_metadata(p) for p in passages]
        ids = [vector_id(p.id) for p in passages]
        if hasattr(vectorstore, "add_embeddings"):
            vectorstore.add_embeddings(texts, np.asarray(vectors).tolist(), metadatas=metadatas, ids=ids)
        else:
            vectorstore.add_texts(texts, metadatas=metadatas, ids=ids)
        n += len(passages)
    return n


def _relevance(vectorstore: Any) -> Callable[[float], float]:
    """The store's own distance -> relevance (higher is better) function, or identity if it has none."""
    try:
        fn = vectorstore._select_relevance_score_fn()
    except (AttributeError, NotImplementedError):
        fn = None
    return fn or (lambda score: float(score))


@dataclass
class VectorStoreSearch:
    """Dense search in a LangChain ``VectorStore``; lexical search and passages from a factcheck store.

    Args:
        store: the factcheck index (lexical search, passages, the embedding model).
        vectorstore: a LangChain vector store holding the passages (see :func:`copy_to_vectorstore`).
        id_key: the metadata key that holds the passage id.
    """

    store: SearchableStore
    vectorstore: Any
    id_key: str = ID_KEY

    @property
    def embedder(self) -> Encoder:
        return self.store.embedder

    def search_dense(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        relevance = _relevance(self.vectorstore)
        by_score = getattr(self.vectorstore, "similarity_search_with_score_by_vector", None)
        out = []
        for v in np.asarray(vectors, dtype=np.float32):
            if by_score is not None:
                hits = [(d, relevance(s)) for d, s in by_score(v.tolist(), k=k)]
            else:  # ranked, without scores: the rank stands in for one
                hits = [(d, 1.0 - i / max(k, 1)) for i, d in enumerate(self.vectorstore.similarity_search_by_vector(v.tolist(), k=k))]
            out.append([(int(d.metadata[self.id_key]), float(s)) for d, s in hits if self.id_key in d.metadata])
        return out

    def search_lexical(self, queries: list[str], k: int) -> list[list[tuple[int, float]]]:
        return self.store.search_lexical(queries, k)

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        return self.store.passages(ids)
