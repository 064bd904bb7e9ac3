"""LangChain out: the project's retrieval as a LangChain retriever, and its encoder as LangChain embeddings.

``FactcheckRetriever`` wraps any :class:`~factcheck.retrieve.base.Retriever` (the hybrid one by
default) as a ``langchain_core`` ``BaseRetriever``, so ``retriever.invoke(claim)`` and every
chain that takes a retriever get the project's evidence: one ``Document`` per passage, whose
metadata carries the passage id, its source (document id, title, url, publisher, date) and the
fused, dense and lexical scores. ``EncoderEmbeddings`` lets a LangChain vector store embed with
the same model the index was built with.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from ..types import Evidence, Passage
from .base import Encoder, Retriever, SearchableStore
from .hybrid import HybridRetriever


def passage_metadata(passage: Passage) -> dict[str, Any]:
    """A passage's id, offsets and source as flat metadata (``source`` is the url, else the document id)."""
    s = passage.source
    return {"passage_id": passage.id, "doc_id": s.doc_id, "title": s.title, "url": s.url,
            "publisher": s.publisher, "date": s.date, "start": passage.start, "end": passage.end,
            "source": s.url or s.doc_id}


def to_document(evidence: Evidence) -> LCDocument:
    """One piece of evidence as a LangChain ``Document`` (id = the passage id)."""
    return LCDocument(page_content=evidence.passage.text, id=str(evidence.passage.id),
                      metadata={**passage_metadata(evidence.passage), "score": evidence.score,
                                "dense_score": evidence.dense_score, "lexical_score": evidence.lexical_score})


class FactcheckRetriever(BaseRetriever):
    """A LangChain retriever over a factcheck retriever.

    Args:
        retriever: any object with ``retrieve(queries, k) -> list[list[Evidence]]``.
        k: passages returned per query.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any = Field(description="a factcheck Retriever")
    k: int = Field(default=5, ge=1)

    @classmethod
    def from_store(cls, store: SearchableStore, k: int = 5, **hybrid: Any) -> FactcheckRetriever:
        """The hybrid retriever over ``store`` (an index folder's Index, a PostgresStore, ...)."""
        return cls(retriever=HybridRetriever(store, **hybrid), k=k)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        retriever: Retriever = self.retriever
        return [to_document(e) for e in retriever.retrieve([query], self.k)[0]]


class EncoderEmbeddings(Embeddings):
    """LangChain embeddings from a factcheck encoder (the index's embedding model)."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encoder.encode(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self.encoder.encode([text])[0].tolist()
