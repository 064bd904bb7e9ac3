"""Text helpers shared by ingestion and claim extraction: safe decoding and sentence spans.

Every span is a (start, end) pair of character offsets into the original string, so a claim or
passage can always be traced back to, and highlighted in, the text it came from.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

MAX_TEXT_BYTES = 20 * 1024 * 1024  # an article or reference document larger than this is refused


class InputError(ValueError):
    """Input the tool cannot use; the message is one line a user can act on."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode bytes as text, refusing binary data and undeclared non-UTF-8 encodings.

    Guessing an encoding silently turns names and quotes into mojibake that then gets
    fact-checked, so a wrong encoding is an error unless the caller names one.
    """
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{name}: file is {len(data) / 1e6:.1f} MB, over the "
                         f"{MAX_TEXT_BYTES // (1024 * 1024)} MB limit")
    if b"\x00" in data:  # anywhere: a NUL mid-file is no text either, and would reach the index
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not valid {encoding or 'UTF-8'} text (byte 0x{data[e.start]:02x} "
                         f"at offset {e.start}); re-save it as UTF-8 or pass --encoding") from None
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A file's bytes, refused before they are read when the file is over ``limit`` (and never
    read past it: a pipe has no size), so an oversized file costs no memory."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = b"" if size > limit else f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if size > limit or len(data) > limit:
        raise InputError(f"{path}: file is {max(size, len(data)) / 1e6:.1f}{'' if size > limit else '+'} MB, "
                         f"over the {limit // (1024 * 1024)} MB limit")
    return data


def read_text(path: Path, encoding: str | None = None) -> str:
    """Read a text file with the checks of :func:`decode_text`."""
    return decode_text(read_bytes(path), str(path), encoding)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def parse_jsonl(text: str, name: str) -> list[dict]:
    """The JSON objects of JSON-lines text (blank lines skipped); a bad line is an InputError
    naming the line."""
    rows = []
    # Lines end at "\n" only: a JSON string may hold U+2028 or U+0085, which splitlines() would cut.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{name}: line {n} is not valid JSON ({e.msg})") from None
        except RecursionError:
            raise InputError(f"{name}: line {n} nests too deeply to be read") from None
        if not isinstance(row, dict):
            raise InputError(f"{name}: line {n} is not a JSON object")
        rows.append(row)
    return rows


def paragraphs(text: str) -> list[Span]:
    """Blank-line separated blocks, stripped, with their offsets."""
    spans, pos = [], 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        spans.extend(_strip_span(text, pos, end))
        pos = m.end() if m else len(text)
    return spans


_local = threading.local()


def _segmenter():
    """pysbd's segmenter, one per thread: ``segment`` keeps the text it works on in an attribute
    (``original_text``) while it locates the sentences, so page sessions sharing one segmenter
    found each other's sentences (tests/hardening/test_concurrency.py)."""
    segmenter = getattr(_local, "segmenter", None)
    if segmenter is None:
        import pysbd

        segmenter = _local.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return segmenter


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` (a rule-based splitter that knows "U.S." and "Dr.").

    Fragments with no letters or digits (a closing quote left alone) join the sentence before.
    """
    end = len(text) if end is None else end
    out: list[Span] = []
    for block in paragraphs(text[start:end]):
        b0 = start + block.start
        for p0, p1 in _pieces(block.text):
            for s in _segmenter().segment(_unwrap(block.text[p0:p1])):
                for span in _strip_span(text, b0 + p0 + s.start, b0 + p0 + s.end):
                    if out and not any(ch.isalnum() for ch in span.text) and out[-1].end >= b0:
                        prev = out.pop()
                        out.append(Span(prev.start, span.end, text[prev.start:span.end]))
                    else:
                        out.append(span)
    return out


# The splitter's abbreviation pass rescans its whole input once per abbreviation, so its time grows
# with the square of a paragraph's length (a 100 kB paragraph took 20 s, a 15 MB line would take
# days). A paragraph longer than this is handed over in pieces cut after a sentence end.
MAX_SPLIT_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def _pieces(block: str) -> list[tuple[int, int]]:
    """(start, end) pieces of ``block`` of at most MAX_SPLIT_CHARS characters, each cut after the
    last sentence end in its second half, else at a space, else where the limit falls."""
    out, pos = [], 0
    while len(block) - pos > MAX_SPLIT_CHARS:
        lo, hi = pos + MAX_SPLIT_CHARS // 2, pos + MAX_SPLIT_CHARS
        cut = max((m.end() for m in _SENTENCE_END.finditer(block, lo, hi)), default=0)
        if not cut:
            space = block.rfind(" ", lo, hi)
            cut = space + 1 if space >= 0 else hi
        out.append((pos, cut))
        pos = cut
    out.append((pos, len(block)))
    return out


_WRAPPED = re.compile(r"(?<=[^\s.!?:;\"”’)])\n(?=[^\n])")


def _unwrap(block: str) -> str:
    """A hard-wrapped paragraph as one line (same length, so offsets hold): a line break after a
    line of 40 characters or more that does not end a sentence is a wrap, not a boundary."""
    out, pos = [], 0
    for m in _WRAPPED.finditer(block):
        line_start = block.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start >= 40:
            out.append(block[pos:m.start()] + " ")
            pos = m.end()
    return "".join(out) + block[pos:]


def _strip_span(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end, text[start:end])] if end > start else []


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
