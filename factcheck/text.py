"""Text helpers shared by ingestion and claim extraction: safe decoding and sentence spans.

Every span is a (start, end) pair of character offsets into the original string, so a claim or
passage can always be traced back to, and highlighted in, the text it came from.
"""

from __future__ import annotations

import json
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
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not valid {encoding or 'UTF-8'} text (byte 0x{data[e.start]:02x} "
                         f"at offset {e.start}); re-save it as UTF-8 or pass --encoding") from None
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None


def read_text(path: Path, encoding: str | None = None) -> str:
    """Read a text file with the checks of :func:`decode_text`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    return decode_text(data, str(path), encoding)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def parse_jsonl(text: str, name: str) -> list[dict]:
    """The JSON objects of JSON-lines text (blank lines skipped); a bad line is an InputError
    naming the line."""
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{name}: line {n} is not valid JSON ({e.msg})") from None
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
        for s in _segmenter().segment(_unwrap(block.text)):
            for span in _strip_span(text, b0 + s.start, b0 + s.end):
                if out and not any(ch.isalnum() for ch in span.text) and out[-1].end >= b0:
                    prev = out.pop()
                    out.append(Span(prev.start, span.end, text[prev.start:span.end]))
                else:
                    out.append(span)
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
