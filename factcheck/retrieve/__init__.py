"""Stage 2, retrieve: claims in, ranked evidence passages out (one list per claim).

``base`` holds the seams (the ``Retriever`` a pipeline calls, the ``SearchableStore`` a
retriever searches); ``hybrid`` is the default retriever, dense and lexical candidates fused by
reciprocal rank.
"""

from .base import Encoder, Retriever, SearchableStore
from .hybrid import RRF_K, HybridRetriever

__all__ = ["Encoder", "HybridRetriever", "RRF_K", "Retriever", "SearchableStore"]
