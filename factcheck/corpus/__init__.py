"""The reference corpus: files in, documents and passages out, stored and searchable on disk.

``ingest`` reads files (.txt .md .html .pdf .docx, .jsonl/.csv rows) into documents and cuts
them into passages, ``uploads`` does the same for files from the page, ``embed`` turns texts
into vectors, ``index`` keeps documents, passages, vectors and the lexical table in one folder
(SQLite + FAISS) and searches them. ``postgres`` is the same index on a PostgreSQL server
(pgvector, full-text search), ``store`` picks one by name (a folder or a URL), ``loaders`` takes
LangChain documents in, and ``pgserver`` starts a throwaway local PostgreSQL for tests and benches.
"""

from .embed import DEFAULT_MODEL, Embedder
from .index import Index, IndexCorrupt, IndexError_, IndexLocked, IndexMismatch, IndexMissing, build
from .ingest import Document, chunk, find_sources, load_documents, read_article

__all__ = ["DEFAULT_MODEL", "Document", "Embedder", "Index", "IndexCorrupt", "IndexError_", "IndexLocked",
           "IndexMismatch", "IndexMissing", "build", "chunk", "find_sources", "load_documents", "read_article"]
