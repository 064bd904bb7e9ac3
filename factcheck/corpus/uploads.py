"""Files and pasted text from the page, turned into articles or reference documents.

The ingest functions read paths, and their parsers pick the format by suffix, so an upload is
written to a private temp folder under its own (sanitised) name; error messages then name the
file the user chose, not a temp path. Size is checked before anything is parsed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .ingest import Document, load_documents, read_article
from ..text import InputError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_REFERENCE_BYTES = 20 * 1024 * 1024
ARTICLE_TYPES = ["txt", "md", "html", "htm", "pdf", "docx"]
REFERENCE_TYPES = ["txt", "md", "html", "htm", "pdf", "docx", "jsonl", "csv"]


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(f"{name} is {_mb(size)}, over the {limit // (1024 * 1024)} MB limit; "
                         "split it or check a shorter excerpt")


def validate_article(text: str, limit: int = MAX_ARTICLE_BYTES) -> str:
    """Pasted text as an article: refuses empty and oversized text."""
    if not text or not text.strip():
        raise InputError("The article is empty: paste some text, upload a file or pick an example.")
    check_size("The article", len(text.encode("utf-8")), limit)
    return text


def _shown(name: str) -> str:
    """The file's name as messages show it: one line, no control characters, bounded."""
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in Path(name or "").name).split())
    return (shown if len(shown) <= 120 else shown[:119] + "…") or "upload"


def _safe_name(name: str) -> str:
    base = Path(name or "upload").name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "upload"
    suffix = re.sub(r"[^\w.]+", "_", suffix)[:16]  # the parser goes by it; a NUL or a long one breaks the write
    stem = stem[:80].encode("utf-8")[:200].decode("utf-8", "ignore")  # names are limited in bytes, not characters
    return f"{stem}{suffix}"


def _with_temp(name: str, data: bytes, fn):
    with tempfile.TemporaryDirectory(prefix="factcheck-upload-") as tmp:
        path = Path(tmp) / _safe_name(name)
        try:
            path.write_bytes(data)
        except OSError as e:
            raise InputError(f"{_shown(name)}: could not be stored for reading ({e.strerror})") from None
        try:
            return fn(path)
        except InputError as e:
            raise InputError(str(e).replace(str(path), _shown(name))) from None


def read_upload(name: str, data: bytes, limit: int = MAX_ARTICLE_BYTES) -> tuple[str, str]:
    """(title, text) of an uploaded article (.txt .md .html .pdf .docx); InputError if unusable."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in ARTICLE_TYPES:
        raise InputError(f"{_shown(name)}: unsupported file type; use one of .{', .'.join(ARTICLE_TYPES)}")
    check_size(_shown(name), len(data), limit)
    title, text = _with_temp(name, data, read_article)
    if not text.strip():
        raise InputError(f"{_shown(name)}: no text found in the file")
    return title, text


def read_reference_upload(name: str, data: bytes, limit: int = MAX_REFERENCE_BYTES) -> list[Document]:
    """Documents of an uploaded reference file, with a document id taken from the file name."""
    check_size(_shown(name), len(data), limit)
    docs = _with_temp(name, data, load_documents)
    for d in docs:
        d.path = Path(name).name
    return docs
