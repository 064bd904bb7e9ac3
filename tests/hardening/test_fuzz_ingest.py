"""Fuzzing every way a file comes in: random bytes under every supported suffix, real small files
mutated (truncated, bytes flipped, inserted, cut), mixed encodings and NUL bytes, and the hostile
shapes (a zip bomb .docx, a PDF whose streams inflate to gigabytes, 100k nested <div>s, a 50 MB
line). Each input goes through the reference path (`index build/add`: ``load_documents`` then
``chunk`` as the index does; the page's reference upload) and, for article kinds, the article path
(`check FILE`: ``read_article``; the page's article upload).

Property: the input is read, or refused with :class:`InputError` whose message is one line;
never another exception. The hostile shapes are parsed in a fresh interpreter that measures time
and peak RSS growth, and must be refused (or read) within a bound set by the limits in
``factcheck/corpus/ingest.py`` and ``factcheck/text.py``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from conftest import FULL_STRENGTH, run_cli
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck.corpus.ingest import MAX_PDF_CONTENT, SUPPORTED, chunk, load_documents, read_article
from factcheck.corpus.uploads import ARTICLE_TYPES, read_reference_upload, read_upload
from factcheck.text import MAX_TEXT_BYTES, InputError, sentences

from .fuzzkit import (ARTICLE, docx_with, docx_with_xml, pdf, pdf_flate_bomb, pdf_text_page, probe, valid_files,
                      zeros_deflate)

SUFFIXES = sorted(SUPPORTED)
ARTICLE_SUFFIXES = {f".{t}" for t in ARTICLE_TYPES}


def one_line(e: InputError) -> str:
    msg = str(e)
    assert msg.strip() and "\n" not in msg and "\r" not in msg, repr(msg)
    return msg


def ingest_everywhere(name: str, data: bytes) -> list[str]:
    """Feed one file to every entry point; returns the refusals (each checked to be one line)."""
    refusals = []
    with tempfile.TemporaryDirectory(prefix="fuzz-ingest-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        calls = [lambda: [chunk(d.text) for d in load_documents(path)], lambda: read_reference_upload(name, data)]
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            calls += [lambda: read_article(path), lambda: read_upload(name, data)]
        for call in calls:
            try:
                out = call()
            except InputError as e:
                refusals.append(one_line(e))
                continue
            docs = out if isinstance(out, list) else []
            for d in (x for x in docs if hasattr(x, "text")):  # what goes on to SQLite and the tokenizer
                for value in (d.doc_id, d.text, d.title, d.url, d.publisher, d.date, *d.extra, *d.extra.values()):
                    value.encode("utf-8")  # no lone surrogates
    return refusals


# ---- generated inputs ------------------------------------------------------------------------

@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` with 1-4 edits: truncation, flipped, inserted, deleted or duplicated bytes."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate"]))
        i = draw(st.integers(0, len(buf)))
        if op == "truncate":
            del buf[i:]
        elif op == "flip" and buf:
            j = min(i, len(buf) - 1)
            buf[j] ^= draw(st.integers(1, 255))
        elif op == "insert":
            buf[i:i] = draw(st.binary(min_size=1, max_size=64) | st.sampled_from(
                [b"\x00", b"<div>", b"</p>", b"<<", b">>", b"endstream", b"obj", b"PK\x03\x04", b'"', b"\n", b"{", b"\xff\xfe"]))
        elif op == "delete":
            del buf[i:i + draw(st.integers(1, 64))]
        elif op == "duplicate":
            n = draw(st.integers(1, 256))
            buf[i:i] = buf[i:i + n]
    return bytes(buf)


def mutations_of(suffix: str):
    return mutated(valid_files()[suffix])


# Text in several encodings spliced together: UTF-8, latin-1, UTF-16 with its BOM, NULs, stray BOMs.
fragments = st.one_of(
    st.text(max_size=40).map(lambda s: s.encode("utf-8")),
    st.text(st.characters(max_codepoint=255), max_size=40).map(lambda s: s.encode("latin-1")),
    st.text(max_size=20).map(lambda s: b"\xff\xfe" + s.encode("utf-16-le")),
    st.text(max_size=20).map(lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
    st.sampled_from([b"\x00", b"\xef\xbb\xbf", b"\r\n", b"\n\n", b"\xc3", b"\xe2\x80"]),
    st.binary(max_size=8),
)
mixed_encodings = st.lists(fragments, max_size=10).map(b"".join)

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                           max_leaves=12)
row_keys = st.sampled_from(["id", "text", "title", "url", "publisher", "source", "date", "content", "body", "TEXT",
                            "passage", "extra", ""]) | st.text(max_size=10)
# JSON lines of objects with the corpus's keys (and others) holding any JSON value, "\ud800"-style
# escapes included (ensure_ascii writes lone surrogates as escapes).
jsonl_rows = st.lists(st.dictionaries(row_keys, json_values | st.text(), max_size=6), max_size=5).map(
    lambda rows: "\n".join(json.dumps(r) for r in rows).encode())
lone_surrogate_rows = st.lists(st.text(max_size=20), min_size=1, max_size=3).map(
    lambda parts: (json.dumps({"id": "s", "text": "x".join(parts)})[:-2] + '\\ud800 end."}\n').encode())
csv_cells = st.text(max_size=30).map(lambda s: '"' + s.replace('"', '""') + '"') | st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters='\n\r"'), max_size=15)
csv_files = st.lists(st.lists(csv_cells, min_size=1, max_size=5), min_size=1, max_size=5).map(
    lambda rows: "\n".join(",".join(r) for r in rows).encode())


# ---- properties ------------------------------------------------------------------------------

@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=4096))
@example(suffix=".txt", data=b"\x00")
@example(suffix=".docx", data=b"PK\x05\x06" + bytes(18))
@example(suffix=".pdf", data=b"%PDF-1.4\n")
def test_random_bytes_under_every_suffix(suffix, data):
    ingest_everywhere("doc" + suffix, data)


@given(data=st.data(), suffix=st.sampled_from(SUFFIXES))
def test_mutated_valid_files(data, suffix):
    ingest_everywhere("doc" + suffix, data.draw(mutations_of(suffix)))


@given(xml=mutated((b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas'
                    b'.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' + ARTICLE.encode()
                    + b"</w:t></w:r></w:p></w:body></w:document>")))
def test_docx_with_mutated_xml_inside_a_sound_zip(xml):
    ingest_everywhere("doc.docx", docx_with_xml(xml))


@given(content=st.binary(max_size=300) | mutated(pdf_text_page(ARTICLE)), flate=st.booleans())
def test_pdf_with_mutated_content_streams(content, flate):
    ingest_everywhere("doc.pdf", pdf([content], flate=flate))


tags = st.sampled_from(["div", "p", "article", "main", "script", "style", "title", "a", "table", "td", "br", "!--",
                        "svg", "math", "template", "iframe", "meta", "body", "html", "head", "h1"])
html_soup = st.lists(st.one_of(tags.map(lambda t: f"<{t}>"), tags.map(lambda t: f"</{t}>"),
                               st.text(max_size=40), st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&bogus;", "<![CDATA[", "]]>", "<?xml?>", "<!DOCTYPE x>"])),
                     max_size=40).map(lambda parts: "".join(parts).encode("utf-8"))


@given(suffix=st.sampled_from([".html", ".htm"]), data=html_soup | mutations_of(".html"))
def test_tag_soup_html(suffix, data):
    ingest_everywhere("page" + suffix, data)


@given(suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv"]), data=mixed_encodings)
@example(suffix=".txt", data=ARTICLE.encode() * 200 + b"\x00" + ARTICLE.encode())  # a NUL past the first 8 kB
@example(suffix=".txt", data=b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
def test_mixed_encodings_and_nul_bytes(suffix, data):
    refusals = ingest_everywhere("doc" + suffix, data)
    if b"\x00" in data:
        assert refusals, "text with a NUL byte must be refused"


@given(data=jsonl_rows | lone_surrogate_rows | mutations_of(".jsonl"))
def test_jsonl_rows_of_any_shape(data):
    ingest_everywhere("rows.jsonl", data)


@given(data=csv_files | mutations_of(".csv"))
def test_csv_rows_of_any_shape(data):
    ingest_everywhere("rows.csv", data)


def test_lone_surrogates_from_json_become_replacement_characters(tmp_path):
    (tmp_path / "s.jsonl").write_text('{"id": "s\\ud800", "text": "Bad \\udc00 escape.", "title": "T\\ud83d"}\n')
    doc = load_documents(tmp_path / "s.jsonl")[0]
    assert (doc.doc_id, doc.text, doc.title) == ("s\ufffd", "Bad \ufffd escape.", "T\ufffd")


def test_jsonl_keeps_line_separators_inside_strings(tmp_path):
    (tmp_path / "u.jsonl").write_text(json.dumps({"text": "One\u2028two\x85three."}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    assert load_documents(tmp_path / "u.jsonl")[0].text == "One\u2028two\x85three."


def test_deeply_nested_json_line_is_named(tmp_path):
    (tmp_path / "deep.jsonl").write_text('{"text": "ok"}\n' + '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    with pytest.raises(InputError, match="line 2 nests too deeply"):
        load_documents(tmp_path / "deep.jsonl")


# ---- hostile shapes, measured in a fresh interpreter ----------------------------------------

def test_docx_zip_bombs_are_refused_before_they_inflate(tmp_path):
    """Parts that inflate to 1 GB of zeros (the files are 1 MB): refused from the zip's directory,
    before anything is inflated, fast and with no memory to speak of. A directory that lies (1 GB
    declared as 60 kB) gets no further than the declared size: the copy stops there, the CRC fails."""
    bomb, crc = zeros_deflate(1024)
    cases = {"extra-part.docx": docx_with(extra={"word/media/image1.png": (bomb, crc, 1 << 30)}),
             "document-part.docx": docx_with({"word/document.xml": (bomb, crc, 1 << 30)}),
             # 60 MB in a part: under the 100 MB total, but its ratio (~1000:1) gives it away
             "ratio.docx": docx_with(extra={"word/media/image1.png": (*zeros_deflate(60), 60 << 20)}),
             "liar.docx": docx_with({"word/document.xml": (bomb, crc, 1 << 30, 60_000)})}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError):  # and through the page's upload
            read_reference_upload(name, data)
    for out in probe([tmp_path / name for name in cases]):
        msg = out["result"]
        assert msg.startswith("InputError: "), out
        if "liar" in out["file"]:
            assert "could not parse .docx" in msg and "CRC" in msg, out
            assert out["seconds"] < 2 and out["rss_growth_mb"] < 16, out
        else:
            assert "zip bomb" in msg or "over the 100 MB limit" in msg, out
            assert out["seconds"] < 0.5 and out["rss_growth_mb"] < 8, out


def test_pdf_flate_bomb_stops_at_the_stream_limit(tmp_path):
    (tmp_path / "one-stream.pdf").write_bytes(pdf_flate_bomb(1, 1024))  # 1 GB in one stream (1 MB file)
    [out] = probe([tmp_path / "one-stream.pdf"])
    assert out["result"].startswith("InputError: ") and "Limit" in out["result"], out
    assert out["seconds"] < 5 and out["rss_growth_mb"] < 64, out


def test_pdf_pages_stop_at_the_content_budget(tmp_path, monkeypatch):
    """Many pages each under the stream limit: the whole file's content budget stops them (here
    lowered to 4 MB so the default run stays fast; the full-strength run measures the real one)."""
    import factcheck.corpus.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_PDF_CONTENT", 4 * 1024 * 1024)
    (tmp_path / "pages.pdf").write_bytes(pdf_flate_bomb(5, 1))
    with pytest.raises(InputError, match="over 4 MB of content"):
        load_documents(tmp_path / "pages.pdf")


@pytest.mark.skipif(not FULL_STRENGTH, reason="parses 64 MB of page content (about 20 s); make test-hardening")
def test_pdf_pages_stop_at_the_real_content_budget_with_bounded_memory(tmp_path):
    # 12 MB per page (under the stream limit) on 8 pages: the whole-file content budget (64 MB) stops it
    (tmp_path / "pages.pdf").write_bytes(pdf_flate_bomb(8, 12))
    [out] = probe([tmp_path / "pages.pdf"])
    assert out["result"].startswith("InputError: ") and "over 64 MB of content" in out["result"], out
    assert out["seconds"] < 60 and out["rss_growth_mb"] < MAX_PDF_CONTENT / 2 ** 20 + 64, out


def test_deeply_nested_html_and_docx(tmp_path):
    """100k nested <div>s (and 100k nested Word elements): lxml's parsers stop at their depth limit
    (libxml2's 256 levels without XML_PARSE_HUGE), they do not recurse into it."""
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + ARTICLE + "</div>" * 100_000
                                        + "</body></html>")
    xml = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body>" + b"<w:p>" * 100_000 + b"</w:p>" * 100_000 + b"</w:body></w:document>")
    (tmp_path / "deep.docx").write_bytes(docx_with_xml(xml))
    html, word = probe([tmp_path / "deep.html", tmp_path / "deep.docx"], chunked=True)
    assert html["result"].startswith(("ok: ", "InputError: ")), html
    assert html["seconds"] < 20 and html["rss_growth_mb"] < 200, html
    assert word["result"].startswith("InputError: ") and word["seconds"] < 5 and word["rss_growth_mb"] < 100, word


def test_a_50_mb_line_is_refused_before_it_is_read(tmp_path):
    line = tmp_path / "line.txt"
    with open(line, "wb") as f:  # 50 MB on one line, written in pieces
        for _ in range(50):
            f.write(b"word " * ((1 << 20) // 5) + b"w" * ((1 << 20) % 5))
    paths = [line]
    for suffix in (".jsonl", ".csv", ".html", ".md"):  # the same bytes under every text kind
        paths.append(tmp_path / f"line{suffix}")
        os.link(line, paths[-1])
    for out in probe(paths):
        assert out["result"].startswith("InputError: ") and "over the 20 MB limit" in out["result"], out
        assert out["seconds"] < 0.5 and out["rss_growth_mb"] < 8, out  # not read at all
    with pytest.raises(InputError, match="over the 20 MB limit"):  # the page's reference upload
        read_reference_upload("line.txt", b"x" * (MAX_TEXT_BYTES + 1))
    with pytest.raises(InputError, match="over the 5 MB limit"):  # the page's article upload
        read_upload("line.txt", b"x" * (5 * 1024 * 1024 + 1))


def test_a_long_line_under_the_limit_is_split_in_linear_time(tmp_path):
    """One paragraph with no breaks, dense with abbreviations: the sentence splitter is fed pieces,
    so time grows with length, not its square (a 100 kB line took 20 s before; 1 MB, hours)."""
    words = ["alpha", "beta", "Gamma.", "delta,", "x", "U.S.", "Dr.", "e.g.", "No.", "vs."]
    line = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(200_000 if FULL_STRENGTH else 10_000))
    small = line[:len(line) // 10]
    t0 = time.perf_counter()
    spans = sentences(small)
    t_small = time.perf_counter() - t0
    assert all(small[s.start:s.end] == s.text for s in spans)
    (tmp_path / "line.txt").write_text(line)
    [out] = probe([tmp_path / "line.txt"], chunked=True)
    assert out["result"].startswith("ok: 1 documents"), out
    assert out["seconds"] < 25 * t_small + 2, (out, t_small)  # linear: ~10x; quadratic: ~100x
    spans = sentences(line[:30_000])
    assert all(line[s.start:s.end] == s.text for s in spans) and spans[-1].end == len(line[:30_000].rstrip())


def test_check_refuses_a_zip_bomb_in_one_line(tmp_path):
    bomb, crc = zeros_deflate(1024)
    (tmp_path / "bomb.docx").write_bytes(docx_with({"word/document.xml": (bomb, crc, 1 << 30)}))
    proc = run_cli("check", str(tmp_path / "bomb.docx"), "--index", str(tmp_path / "no-index"))
    lines = [line for line in proc.stderr.decode().splitlines() if line.strip()]
    assert proc.returncode == 2 and len(lines) == 1 and "over the 100 MB limit" in lines[0], lines


@pytest.mark.skipif(not FULL_STRENGTH, reason="loads the embedding model twice (about 20 s); make test-hardening")
def test_cli_index_add_refuses_hostile_files_one_line_each(tmp_path, small_index):
    bomb, crc = zeros_deflate(1024)
    folder = tmp_path / "in"
    folder.mkdir()
    files = {"bomb.docx": docx_with({"word/document.xml": (bomb, crc, 1 << 30)}),
             "nul.txt": ARTICLE.encode() * 100 + b"\x00", "broken.pdf": valid_files()[".pdf"][:200],
             "deep.jsonl": b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n",
             "good.txt": b"The Bosphorus strait connects the Black Sea to the Sea of Marmara."}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    proc = run_cli("index", "add", str(folder), "--index", str(small_index.path))
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err, err
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 4 and all(any(n in line for line in skipped) for n in files if n != "good.txt"), err
    assert "Added 1 documents" in err


@pytest.mark.skipif(not FULL_STRENGTH, reason="loads the embedding model; make test-hardening")
def test_hostile_documents_go_into_the_index(small_index):
    """What survives parsing is stored and searchable: control characters, replaced surrogates,
    markup, a long run without spaces."""
    from factcheck.corpus.ingest import Document

    docs = [Document("ctl", "Control \x01\x07\x1b[31m characters\u202e and \ufeff marks in a sentence."),
            Document("sur", "Surrogate \ufffd replaced.", title="T\ufffd"),
            Document("tag", "<script>alert(1)</script> ]]> =cmd|' /C calc'!A0 in a passage."),
            Document("run", "x" * 20_000)]
    result = small_index.add_documents(docs)
    assert result.documents == 4
    assert small_index.info()["documents"] == 7


def test_the_generated_valid_files_are_read(tmp_path):
    """The seeds of the mutations are real files of each kind (else the mutations test little)."""
    for suffix, data in valid_files().items():
        (tmp_path / f"v{suffix}").write_bytes(data)
        docs = load_documents(tmp_path / f"v{suffix}")
        assert "Istanbul" in " ".join(d.text for d in docs), suffix
    (tmp_path / "f.pdf").write_bytes(pdf([pdf_text_page(ARTICLE)], flate=True))
    assert load_documents(tmp_path / "f.pdf")[0].title == "Talks"
