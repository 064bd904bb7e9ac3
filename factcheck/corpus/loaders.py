"""LangChain documents in: the output of any LangChain document loader becomes reference documents.

A LangChain ``Document`` is text plus a free-form metadata dict; loaders put different things in
it (``source`` is a path or a URL, PDF loaders add ``page``, web loaders ``title``). The usual
keys are read into the index's own fields (id, title, url, publisher, date) and everything else
is kept in ``extra``, so a document from a loader is stored and shown as one from a file is.
Duck-typed (anything with ``page_content`` and ``metadata``): importing this needs no LangChain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import PurePath

from ..text import InputError
from .ingest import Document

ID_KEYS = ("doc_id", "id")
TITLE_KEYS = ("title",)
URL_KEYS = ("url", "link", "source_url")
PUBLISHER_KEYS = ("publisher", "site_name", "author")
DATE_KEYS = ("date", "published", "publication_date", "creationdate", "created")
PART_KEYS = ("page", "start_index", "row", "seq_num")  # what tells several documents of one source apart


def _first(meta: dict, keys: tuple[str, ...]) -> str:
    return next((str(meta[k]).strip() for k in keys if meta.get(k) not in (None, "")), "")


def from_langchain(doc, n: int = 0) -> Document:
    """One LangChain ``Document`` as a reference :class:`Document`.

    The id is, in order: ``doc.id``, metadata ``doc_id`` or ``id``, the ``source`` plus its page or
    offset (``report.pdf#page=3``), or a hash of the text (so re-adding the same text replaces it).
    """
    text = getattr(doc, "page_content", None)
    if not isinstance(text, str):
        raise InputError(f"document {n}: not a LangChain Document (no page_content text)")
    meta = dict(getattr(doc, "metadata", None) or {})
    source = str(meta.get("source") or "").strip()
    part = next((f"{k}={meta[k]}" for k in PART_KEYS if meta.get(k) not in (None, "")), "")
    doc_id = (str(getattr(doc, "id", None) or "") or _first(meta, ID_KEYS)
              or (f"{source}#{part}" if source and part else source)
              or "lc-" + hashlib.sha256(text.encode()).hexdigest()[:16])
    url = _first(meta, URL_KEYS) or (source if source.startswith(("http://", "https://")) else "")
    title = _first(meta, TITLE_KEYS) or (PurePath(source).name if source and not url else source) or doc_id
    used = {*ID_KEYS, *TITLE_KEYS, *URL_KEYS, *PUBLISHER_KEYS, *DATE_KEYS}
    extra = {k: v if isinstance(v, str) else json.dumps(v, default=str) for k, v in meta.items() if k not in used}
    return Document(doc_id=doc_id, text=text, title=title, url=url, publisher=_first(meta, PUBLISHER_KEYS),
                    date=_first(meta, DATE_KEYS)[:10], path=source if source and not url else "", extra=extra)


def as_documents(items: Iterable) -> list[Document]:
    """Reference documents from :class:`Document`\\ s, LangChain ``Document``\\ s, or a mix."""
    return [d if isinstance(d, Document) else from_langchain(d, n) for n, d in enumerate(items, 1)]
