"""Which store an index lives in, chosen by how it is named: a folder, or a PostgreSQL URL.

One small function each for opening and building, used by the command line, the pipeline and the
page alike, so ``--index FOLDER``, ``--store postgresql+psycopg://...`` and ``FACTCHECK_STORE``
all mean the same thing everywhere. The SQLite + FAISS folder is the default.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Union

from .embed import Embedder
from .index import Index, IndexError_, build as build_folder
from .postgres import PostgresStore, build as build_postgres, is_postgres_url

Store = Union[Index, PostgresStore]


def describe(spec: str | Path) -> str:
    """The store's name for messages (a URL's password masked)."""
    from .postgres import redact

    return redact(spec) if is_postgres_url(spec) else str(spec)


def _check(spec: str | Path) -> None:
    if "://" in str(spec) and not is_postgres_url(spec):
        raise IndexError_(f"unsupported store {describe(str(spec))}: give a PostgreSQL URL "
                          "(postgresql+psycopg://USER:PASSWORD@HOST/DB) or an index folder")


def open_store(spec: str | Path, model: str | None = None, embedder: Embedder | None = None) -> Store:
    """Open the index named by ``spec``: a PostgreSQL URL, else an index folder."""
    _check(spec)
    if is_postgres_url(spec):
        return PostgresStore.open(str(spec), model=model, embedder=embedder)
    return Index.open(Path(spec), model=model, embedder=embedder)


def build_store(spec: str | Path, docs_iter: Iterable[list], embedder: Embedder | None = None) -> Store:
    """Build a fresh index at ``spec`` (URL or folder); an old one there is replaced only once the new one is complete."""
    _check(spec)
    if is_postgres_url(spec):
        return build_postgres(str(spec), docs_iter, embedder)
    return build_folder(Path(spec), docs_iter, embedder)
