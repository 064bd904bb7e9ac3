"""Reference documents in, passages out.

Parsing is left to well-kept libraries: trafilatura for the main text of web pages (drops
scripts, navigation and footers), pypdf for PDF, python-docx for Word, the csv/json modules
for tabular corpora. Passages are sentence windows that keep their character offsets in the
document's text and carry the document's metadata.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..text import MAX_TEXT_BYTES, InputError, decode_text, parse_jsonl, read_bytes, sentences

SUPPORTED = {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".jsonl", ".csv"}
META_FIELDS = ("title", "url", "publisher", "date")
TEXT_FIELDS = ("text", "content", "body", "passage")

# Limits on what a file may unpack to, checked before the parser sees it (a file itself may be
# at most MAX_TEXT_BYTES, checked before it is read). A .docx is a zip: its parts' declared sizes
# are checked first, then the parts are inflated no further than declared (see _unzipped).
MAX_DOCX_UNZIPPED = 100 * 1024 * 1024   # all members of a .docx together
MAX_DOCX_MEMBERS = 10_000
MAX_ZIP_RATIO = 100                     # a member over 1 MB may not inflate more than 100-fold
# pypdf's own decompression limits, lowered: one stream, and all pages' content together.
MAX_PDF_STREAM = 16 * 1024 * 1024
MAX_PDF_CONTENT = 64 * 1024 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    data = read_bytes(path, MAX_TEXT_BYTES)
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
        why = " ".join(str(e).split())  # one line: lxml and pypdf messages may hold line breaks
        why = why if len(why) <= 200 else why[:199] + "…"
        raise InputError(f"{path}: could not parse {suffix} file ({type(e).__name__}: {why})") from None
    for d in docs:  # a JSON "\ud800" escape or a PDF's broken font map gives a lone surrogate: it has
        # no UTF-8, so SQLite and the tokenizer would refuse it; it becomes U+FFFD as a bad byte would
        for f in ("doc_id", "text", *META_FIELDS):
            setattr(d, f, _SURROGATE.sub("\ufffd", getattr(d, f)))
        d.extra = {_SURROGATE.sub("\ufffd", k): _SURROGATE.sub("\ufffd", v) for k, v in d.extra.items()}
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

    from pypdf import apply_configuration

    limits = {f"{kind}_maximum_output_length": MAX_PDF_STREAM
              for kind in ("zlib", "lzw", "run_length", "jbig2", "brotli", "array_based_stream")}
    with apply_configuration(maximum_declared_stream_length=MAX_PDF_STREAM, **limits):
        reader = PdfReader(io.BytesIO(data))
        pages, content = [], 0
        for page in reader.pages:
            stream = page.get_contents()  # decoded within the limits above, then kept for extract_text
            content += len(stream.get_data()) if stream is not None else 0
            if content > MAX_PDF_CONTENT:
                raise InputError(f"{path}: its pages unpack to over {MAX_PDF_CONTENT // (1024 * 1024)} MB of "
                                 "content; split the file")
            pages.append((page.extract_text() or "").strip())
        meta = reader.metadata or {}
    return Document(doc_id=path.stem, text="\n\n".join(pages), title=str(meta.get("/Title") or path.stem),
                    path=str(path))


def _unzipped(data: bytes, path: Path) -> bytes:
    """A .docx's parts copied into a fresh (stored) zip for python-docx, refusing a zip bomb.

    The archive's directory is checked first (part count, declared sizes, inflation ratio), before
    anything is inflated. A directory can lie, and ``ZipFile.read`` inflates a part's whole
    compressed data before cutting it to the declared size (a part declared 60 kB inflated 1 GB),
    so the parts are then copied in 1 MB reads, which stop at the declared size: what python-docx
    gets is at most what the directory declared.
    """
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = src.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{path}: could not parse .docx file (not a zip archive, or a damaged one)") from None
    mb = 1024 * 1024
    if len(members) > MAX_DOCX_MEMBERS:
        raise InputError(f"{path}: holds {len(members)} parts, over the {MAX_DOCX_MEMBERS} limit")
    if sum(m.file_size for m in members) > MAX_DOCX_UNZIPPED:
        raise InputError(f"{path}: unpacks to {sum(m.file_size for m in members) / mb:.0f} MB, over the "
                         f"{MAX_DOCX_UNZIPPED // mb} MB limit")
    for m in members:
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):  # bzip2/lzma inflate unbounded
            raise InputError(f"{path}: could not parse .docx file (part {m.filename[:80]!r} uses an unusual compression)")
        if m.file_size > mb and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            raise InputError(f"{path}: part {m.filename[:80]!r} would unpack {m.file_size // max(m.compress_size, 1)}-fold "
                             f"(over {MAX_ZIP_RATIO}): refused as a zip bomb")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for m in members:
            with src.open(m) as part, dst.open(zipfile.ZipInfo(m.filename, m.date_time), "w") as copy:
                while piece := part.read(mb):
                    copy.write(piece)
    return out.getvalue()


def _docx(data: bytes, path: Path) -> Document:
    import docx

    d = docx.Document(io.BytesIO(_unzipped(data, path)))
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
