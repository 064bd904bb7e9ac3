"""Reference documents in, passages out.

Parsing is left to well-kept libraries: trafilatura for the main text of web pages (drops
scripts, navigation and footers), pypdf for PDF, python-docx for Word, the csv/json modules
for tabular corpora. Passages are sentence windows that keep their character offsets in the
document's text and carry the document's metadata.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..text import InputError, decode_text, parse_jsonl, sentences

SUPPORTED = {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".jsonl", ".csv"}
META_FIELDS = ("title", "url", "publisher", "date")
TEXT_FIELDS = ("text", "content", "body", "passage")


@dataclass
class Document:
    """A parsed reference document: its plain text and public-record metadata."""

    doc_id: str
    text: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    date: str = ""
    path: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    text: str


def find_sources(paths: list[Path]) -> list[Path]:
    """Expand folders into the supported files below them, sorted, so batches are repeatable."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def load_documents(path: Path) -> list[Document]:
    """Parse one file into documents (one per file, or one per row for .jsonl/.csv).

    Raises InputError with a one-line reason when the file cannot be used.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'}; "
                         f"use one of {', '.join(sorted(SUPPORTED))}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    try:
        if suffix == ".pdf":
            docs = [_pdf(data, path)]
        elif suffix == ".docx":
            docs = [_docx(data, path)]
        elif suffix in (".html", ".htm"):
            docs = [_html(decode_text(data, str(path)), path)]
        elif suffix == ".jsonl":
            docs = _rows(parse_jsonl(decode_text(data, str(path)), str(path)), path)
        elif suffix == ".csv":
            docs = _rows(list(csv.DictReader(io.StringIO(decode_text(data, str(path))))), path)
        else:
            text = decode_text(data, str(path))
            docs = [Document(doc_id=path.stem, text=text, title=_first_line(text) or path.stem, path=str(path))]
    except InputError:
        raise
    except Exception as e:  # parsers raise many types on corrupt input; report, do not crash the batch
        raise InputError(f"{path}: could not parse {suffix} file ({type(e).__name__}: {e})") from None
    docs = [d for d in docs if d.text.strip()]
    if not docs:
        raise InputError(f"{path}: no text found")
    return docs


def chunk(text: str, max_words: int = 80, max_sentences: int = 3) -> list[Chunk]:
    """Group consecutive sentences of one paragraph into passages of bounded length.

    Windows never cross a paragraph break: a passage should read as one piece of evidence.
    """
    chunks: list[Chunk] = []
    cur: list = []
    words = 0

    def flush() -> None:
        if cur:
            chunks.append(Chunk(cur[0].start, cur[-1].end, text[cur[0].start:cur[-1].end]))
            cur.clear()

    for s in sentences(text):
        n = len(s.text.split())
        new_paragraph = bool(cur) and "\n\n" in text[cur[-1].end:s.start].replace("\r", "")
        if cur and (new_paragraph or words + n > max_words or len(cur) >= max_sentences):
            flush()
            words = 0
        cur.append(s)
        words += n
    flush()
    return chunks


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:200]
    return ""


def _pdf(data: bytes, path: Path) -> Document:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings would interleave with ours

    reader = PdfReader(io.BytesIO(data))
    text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    meta = reader.metadata or {}
    return Document(doc_id=path.stem, text=text, title=str(meta.get("/Title") or path.stem), path=str(path))


def _docx(data: bytes, path: Path) -> Document:
    import docx

    d = docx.Document(io.BytesIO(data))
    text = "\n\n".join(p.text.strip() for p in d.paragraphs if p.text.strip())
    props = d.core_properties
    date = props.created.date().isoformat() if props.created else ""
    return Document(doc_id=path.stem, text=text, title=props.title or _first_line(text) or path.stem,
                    publisher=props.author or "", date=date, path=str(path))


def html_main_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text of a web page (no scripts, menus, footers) and its title/url/date/site name."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True) or ""
    from htmldate import find_date

    meta = trafilatura.extract_metadata(html)
    # Only a date the page declares (meta tags, structured data), never one guessed from its text.
    date = find_date(html, extensive_search=False, original_date=True) or ""
    info = {"title": (meta.title if meta else "") or "", "url": (meta.url if meta else "") or "",
            "date": date, "publisher": (meta.sitename if meta else "") or ""}
    return text.replace("\n", "\n\n"), info


def _html(html: str, path: Path) -> Document:
    text, info = html_main_text(html)
    return Document(doc_id=path.stem, text=text, path=str(path), **{**info, "title": info["title"] or path.stem})



def _rows(rows: list[dict], path: Path) -> list[Document]:
    """One document per row: a text column plus optional id/title/url/publisher/date columns."""
    if not rows:
        return []
    keys = {k.lower(): k for k in rows[0]}
    text_key = next((keys[k] for k in TEXT_FIELDS if k in keys), None)
    if text_key is None:
        raise InputError(f"{path}: no text column (expected one of {', '.join(TEXT_FIELDS)})")
    docs = []
    for n, row in enumerate(rows, 1):
        low = {str(k).lower(): ("" if v is None else str(v)) for k, v in row.items()}
        doc_id = low.get("id") or f"{path.stem}:{n}"
        meta = {f: low.get(f, "") for f in META_FIELDS}
        if not meta["publisher"]:
            meta["publisher"] = low.get("source", "")
        extra = {k: v for k, v in low.items() if k not in {*META_FIELDS, "id", "source", text_key.lower()}}
        docs.append(Document(doc_id=doc_id, text=str(row.get(text_key) or ""), path=str(path), extra=extra, **meta))
    return docs


def read_article(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(title, text) of an article file; web pages, PDF and Word files keep only their text."""
    from ..text import read_text

    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".pdf", ".docx"):
        docs = load_documents(path)
        return docs[0].title, "\n\n".join(d.text for d in docs)
    text = read_text(path, encoding)
    if not text.strip():
        raise InputError(f"{path}: the article is empty")
    return path.stem, text
