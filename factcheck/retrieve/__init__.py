"""Stage 2, retrieve: claims in, ranked evidence passages out (one list per claim).

``base`` holds the seams (the ``Retriever`` a pipeline calls, the ``SearchableStore`` a
retriever searches); ``hybrid`` is the default retriever, dense and lexical candidates fused by
reciprocal rank. ``langchain`` wraps a retriever as a LangChain retriever (``FactcheckRetriever``)
and ``vectorstore`` takes any LangChain vector store as the dense side; both import LangChain, so
they are imported by name, not here.
"""

from .base import Encoder, Retriever, SearchableStore
from .hybrid import RRF_K, HybridRetriever

__all__ = ["Encoder", "HybridRetriever", "RRF_K", "Retriever", "SearchableStore"]
