"""Parsing reference documents: formats, metadata, offsets, and parse failures."""

from __future__ import annotations

import json

import pytest

from factcheck.corpus.ingest import chunk, load_documents, read_article
from factcheck.text import InputError, sentences


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text, written by hand so the test needs no PDF writer."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_html_keeps_main_text_and_drops_scripts_and_navigation(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Talks in Istanbul</title><script>var tracker = 1;</script></head>
      <body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
      <article><h1>Talks in Istanbul</h1><p>Russian and American diplomats met in Istanbul on Thursday to
      discuss how their embassies operate in each other's capitals.</p><p>A U.S. official said Ukraine was
      not on the agenda of the meeting, which lasted about six hours.</p></article>
      <footer>Subscribe to our newsletter</footer><script>alert('x')</script></body></html>""")
    doc = load_documents(page)[0]
    assert "diplomats met in Istanbul" in doc.text and "six hours" in doc.text
    for junk in ("tracker", "alert", "Sport", "newsletter"):
        assert junk not in doc.text
    assert doc.title == "Talks in Istanbul"


def test_docx(tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "Embassy expulsions"
    d.add_paragraph("In 2018 the United States expelled 60 Russian diplomats.")
    d.add_paragraph("Russia closed the US consulate in St Petersburg in response.")
    d.save(tmp_path / "expulsions.docx")
    doc = load_documents(tmp_path / "expulsions.docx")[0]
    assert doc.title == "Embassy expulsions"
    assert "expelled 60 Russian diplomats" in doc.text and "St Petersburg" in doc.text


def test_pdf(tmp_path):
    (tmp_path / "note.pdf").write_bytes(minimal_pdf("Crimea was annexed by Russia in 2014."))
    assert "annexed by Russia in 2014" in load_documents(tmp_path / "note.pdf")[0].text


def test_jsonl_and_csv_rows_carry_metadata(tmp_path):
    rows = [{"id": "a1", "text": "Ankara is the capital of Turkey.", "title": "Ankara", "url": "https://x.org/a",
             "publisher": "Atlas", "date": "2020-01-01", "topic": "geo"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "c.csv").write_text("text,title,url,source,date\n\"Doha is the capital of Qatar.\",Doha,,Atlas,2021\n")
    j = load_documents(tmp_path / "c.jsonl")[0]
    assert (j.doc_id, j.title, j.url, j.publisher, j.date, j.extra) == (
        "a1", "Ankara", "https://x.org/a", "Atlas", "2020-01-01", {"topic": "geo"})
    c = load_documents(tmp_path / "c.csv")[0]
    assert (c.doc_id, c.title, c.publisher, c.text) == ("c:1", "Doha", "Atlas", "Doha is the capital of Qatar.")


@pytest.mark.parametrize("name,data,message", [
    ("broken.jsonl", b'{"text": "fine"}\n{not json\n', "line 2 is not valid JSON"),
    ("notext.csv", b"title,url\nA,B\n", "no text column"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "could not parse .pdf"),
    ("broken.docx", b"PK\x03\x04 not a zip", "could not parse .docx"),
    ("latin1.txt", "caf\xe9 in Istanbul".encode("latin-1"), "not valid UTF-8"),
    ("binary.txt", b"\x00\x01\x02" * 100, "binary"),
    ("empty.txt", b"   \n", "no text found"),
    ("table.xlsx", b"whatever", "unsupported file type"),
])
def test_bad_documents_give_one_line_errors(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError) as e:
        load_documents(tmp_path / name)
    assert message in str(e.value) and "\n" not in str(e.value)


def test_chunks_keep_offsets_and_respect_paragraphs():
    text = ("First fact here. Second fact here. Third fact here. Fourth fact here.\n\n"
            "A new paragraph starts. It goes on.")
    chunks = chunk(text, max_sentences=3)
    assert [c.text for c in chunks] == ["First fact here. Second fact here. Third fact here.", "Fourth fact here.",
                                       "A new paragraph starts. It goes on."]
    for c in chunks:
        assert text[c.start:c.end] == c.text


def test_sentences_handle_abbreviations_and_lone_quotes():
    text = 'A U.S. official spoke. Lavrov said "it will be clear soon."\n\n”\n\nNext one.'
    assert [s.text for s in sentences(text)][:2] == ["A U.S. official spoke.", 'Lavrov said "it will be clear soon."']


def test_read_article_refuses_empty(tmp_path):
    (tmp_path / "a.txt").write_text(" \n\t\n")
    with pytest.raises(InputError, match="empty"):
        read_article(tmp_path / "a.txt")
