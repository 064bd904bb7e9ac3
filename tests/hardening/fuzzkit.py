"""Helpers shared by the fuzz tests: small valid files of every supported kind, written here so the
tests need no fixtures on disk, a zip writer that can lie about sizes, and a subprocess probe that
measures a parse's time and peak memory growth."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = ("Russian and American diplomats met in Istanbul on Thursday to discuss embassy operations. "
           "A U.S. official said Ukraine was not on the agenda. The talks lasted about six hours.")


def pdf(pages: list[bytes], flate: bool = False, title: str = "Talks") -> bytes:
    """A PDF with one content stream per page, written by hand (optionally FlateDecode'd)."""
    n = len(pages)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n)) + b"] /Count %d >>" % n,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Title (" + title.encode("latin-1") + b") >>"]
    for i, content in enumerate(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>" % (6 + 2 * i))
        body = zlib.compress(content) if flate else content
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(body), b" /Filter /FlateDecode" if flate else b"")
                    + body + b"\nendstream")
    return _pdf_file(objs)


def _pdf_file(objs: list[bytes]) -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def pdf_text_page(text: str) -> bytes:
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 12 Tf 72 720 Td (" + safe.encode("latin-1", "replace") + b") Tj ET"


def pdf_flate_bomb(pages: int, mb_per_page: int) -> bytes:
    """Pages whose content streams each inflate to ``mb_per_page`` MB of zeros (about 1 kB each
    packed; PDF whitespace), made without writing the megabytes (see :func:`zeros_deflate`)."""
    raw, _ = zeros_deflate(mb_per_page)
    adler = 1
    for _ in range(mb_per_page):
        adler = zlib.adler32(bytes(1 << 20), adler)
    body = b"\x78\xda" + raw + adler.to_bytes(4, "big")  # a zlib stream: header, deflate data, Adler-32
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(pages)) + b"] /Count %d >>" % pages,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", b"<< >>"]
    for i in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>" % (6 + 2 * i))
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream")
    return _pdf_file(objs)


@cache
def docx_bytes() -> bytes:
    """A real .docx written by python-docx."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Istanbul talks"
    d.core_properties.author = "Wire"
    for sentence in ARTICLE.split(". "):
        d.add_paragraph(sentence)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_members() -> list[tuple[str, bytes]]:
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    return [(i.filename, z.read(i)) for i in z.infolist()]


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@cache
def zeros_deflate(mb: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``mb`` MB of zeros, made from one packed MB repeated (about 1 kB per
    MB), and its CRC: a zip member that inflates to ``mb`` MB without this test writing them."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(1 << 20)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, no back-references past it
    crc = 0
    for _ in range(mb):
        crc = zlib.crc32(zeros, crc)
    return block * mb + b"\x03\x00", crc  # an empty final block ends the stream


def zip_file(members: list[tuple[str, bytes, int, int] | tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand from (name, deflated data, crc, size[, declared size]) members, so a
    test can declare a size other than the real one."""
    out, central = bytearray(), bytearray()
    for name, comp, crc, size, *declared in members:
        size = declared[0] if declared else size
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), size, len(n), 0) + n + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(comp), size, len(n),
                               0, 0, 0, 0, 0, offset) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def docx_with(replace: dict[str, tuple[bytes, int, int] | tuple[bytes, int, int, int]] | None = None,
              extra: dict[str, tuple] | None = None) -> bytes:
    """The real .docx re-zipped by hand, with members replaced or added as (deflated, crc, size[, declared])."""
    members = []
    for name, data in docx_members():
        if replace and name in replace:
            members.append((name, *replace[name]))
        else:
            members.append((name, deflate(data), zlib.crc32(data), len(data)))
    members += [(name, *m) for name, m in (extra or {}).items()]
    return zip_file(members)


def docx_with_xml(xml: bytes) -> bytes:
    """The real .docx with ``word/document.xml`` swapped for ``xml`` (a well-formed zip)."""
    return docx_with({"word/document.xml": (deflate(xml), zlib.crc32(xml), len(xml))})


HTML = ("<!DOCTYPE html><html><head><title>Talks in Istanbul</title><meta name=\"date\" content=\"2025-02-27\">"
        "<script>var t = 1;</script></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Talks in Istanbul"
        f"</h1><p>{ARTICLE}</p><p>The next round is due in the spring, officials said.</p></article>"
        "<footer>Subscribe</footer></body></html>")


@cache
def valid_files() -> dict[str, bytes]:
    """One small valid file per supported suffix."""
    row = {"id": "r1", "text": ARTICLE, "title": "Talks", "url": "https://example.org/t", "publisher": "Wire",
           "date": "2025-02-27"}
    return {
        ".txt": ARTICLE.encode(), ".md": ("# Talks\n\n" + ARTICLE).encode(), ".html": HTML.encode(),
        ".htm": HTML.encode(), ".pdf": pdf([pdf_text_page(ARTICLE)]), ".docx": docx_bytes(),
        ".jsonl": (json.dumps(row) + "\n" + json.dumps({**row, "id": "r2"}) + "\n").encode(),
        ".csv": ("id,text,title,url,source,date\nr1,\"" + ARTICLE + "\",Talks,https://example.org/t,Wire,2025\n").encode(),
    }


PROBE = r"""
import gc, json, re, sys, time
from pathlib import Path
import docx, pypdf, trafilatura, htmldate  # imported first: their import is not the files' cost
from factcheck.corpus.ingest import chunk, load_documents
from factcheck.text import InputError

def status(field):
    return int(re.search(field + r":\s+(\d+)", Path("/proc/self/status").read_text())[1]) / 1024

chunked, files, warm = sys.argv[1] == "chunk", json.loads(sys.argv[2]), json.loads(sys.argv[3])
for w in warm:  # warm the parsers on small valid files of the same kinds
    load_documents(Path(w))
for f in files:
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
    before = status("VmRSS")
    t0 = time.perf_counter()
    try:
        docs = load_documents(Path(f))
        if chunked:
            for d in docs:
                chunk(d.text)
        result = "ok: %d documents, %d characters" % (len(docs), sum(len(d.text) for d in docs))
    except InputError as e:
        result = "InputError: " + str(e)
    seconds = time.perf_counter() - t0
    print(json.dumps({"file": f, "result": result, "seconds": seconds, "rss_growth_mb": status("VmHWM") - before}))
"""


def probe(paths: list[Path], chunked: bool = False, timeout: float = 600) -> list[dict]:
    """Parse each file (as `index add` does; then ``chunk`` it if ``chunked``) in one fresh
    interpreter: per file its result line, seconds and peak RSS growth in MB (the peak, VmHWM,
    reset before each file through /proc/self/clear_refs, minus the RSS then; the parsers already
    imported and warmed on small valid files). Linux only, as the project is."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="probe-warm-") as tmp:
        warm = []
        for suffix in sorted({p.suffix.lower() for p in paths}):
            (Path(tmp) / f"warm{suffix}").write_bytes(valid_files()[suffix])
            warm.append(str(Path(tmp) / f"warm{suffix}"))
        proc = subprocess.run([sys.executable, "-c", PROBE, "chunk" if chunked else "-",
                               json.dumps([str(p) for p in paths]), json.dumps(warm)],
                              capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [json.loads(line) for line in proc.stdout.strip().splitlines()[-len(paths):]]


# ---- reports made of hostile text (exports, escaping, review files) ------------------------

def _strategies():
    from hypothesis import strategies as st

    from factcheck.report.export import VERDICT_LABELS
    from factcheck.types import Claim, ClaimCheck, Evidence, Passage, Report, Source

    nasty = st.sampled_from([
        "<script>alert(1)</script>", "</script>", "]]>", "<![CDATA[x]]>", '"', "'", "`", "=cmd|' /C calc'!A0",
        "+1+1", "-2-2", "@SUM(A1)", "\t=1", "\r=1", "\n", "\r\n", "\x00", "\x1b[31m", "\u2028", "\u202e", "\ufeff",
        "<!--", "-->", "</style>", "<style>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
        "[link](javascript:alert(1))", "![img](https://evil.example/x.png)", "<https://evil.example>",
        "javascript:alert(1)", "&amp;", "&lt;script&gt;", "&#x3c;", "&#60;", "&", "<", ">", "\\", "*bold*", "_it_",
        "# head", "|a|b|", "1. ", "- ", "> ", "    code", "{{x}}", "${x}", "$x^2$", "</textarea>",
        "<svg/onload=alert(1)>", " onmouseover=alert(1) ", "style=\"x\"", "<mark>", "</div>", "<p>", "&nbsp;",
        "\\u003cscript\\u003e"])
    text = st.lists(st.one_of(st.text(max_size=20), nasty), max_size=6).map("".join)
    urls = st.one_of(text, st.sampled_from([
        "https://example.org/a?b=1&c=<x>", "http://example.org/\"onmouseover=\"alert(1)", "javascript:alert(1)",
        "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>x</script>",
        "vbscript:msgbox", "//evil.example", "https://a> [x](javascript:y)", "http://ok.example/a path", "",
        "HTTPS://EXAMPLE.ORG/X", "https://example.org/#frag'\"<>"]), text.map(lambda s: "https://example.org/" + s))
    stance = st.sampled_from([None, "support", "refute", "neutral"]) | text
    verdicts = st.sampled_from(list(VERDICT_LABELS))
    unit = st.floats(0, 1)

    @st.composite
    def slot(draw, claim_text: str, passage_text: str) -> dict:
        def side(t: str) -> dict:
            a = draw(st.integers(-1, len(t) + 1))
            b = draw(st.integers(-1, len(t) + 1))
            return {"text": draw(text), "start": a, "end": b}
        return {"slot": draw(st.sampled_from(["place", "date", "number", "person", "polarity"]) | text),
                "claim": side(claim_text), "passage": side(passage_text)}

    @st.composite
    def evidence(draw, claim_text: str) -> Evidence:
        ptext = draw(text)
        src = Source(doc_id=draw(text), title=draw(text), url=draw(urls), publisher=draw(text), date=draw(text))
        return Evidence(passage=Passage(id=draw(st.integers(0, 10 ** 6)), text=ptext, start=0, end=len(ptext), source=src),
                        score=draw(unit), dense_score=draw(st.none() | unit), lexical_score=draw(st.none() | unit),
                        stance=draw(stance), probs=draw(st.none() | st.fixed_dictionaries(
                            {"support": unit, "refute": unit, "neutral": unit})),
                        relevant=draw(st.sampled_from([None, True, False])), relevance=draw(st.none() | unit),
                        differences=draw(st.lists(slot(claim_text, ptext), max_size=2)),
                        matches=draw(st.lists(slot(claim_text, ptext), max_size=2)))

    @st.composite
    def reports(draw) -> Report:
        article = draw(text)
        checks = []
        for i in range(draw(st.integers(0, 3))):
            ctext = draw(text)
            a, b = draw(st.integers(-2, len(article) + 2)), draw(st.integers(-2, len(article) + 2))
            claim = Claim(id=draw(st.sampled_from([f"c{i + 1}", f"a{i + 1}", f"c{i + 1}+c9"]) | text), text=ctext,
                          sentence=draw(text), start=a, end=b, speaker=draw(st.none() | text),
                          checkworthiness=draw(unit), kind=draw(st.sampled_from(
                              ["statement", "attribution", "opinion", "prediction", "quote"]) | text),
                          notes=draw(st.lists(text, max_size=2)))
            checks.append(ClaimCheck(claim=claim, evidence=draw(st.lists(evidence(ctext), max_size=2)),
                                     verdict=draw(verdicts), confidence=draw(st.none() | unit),
                                     reason=draw(st.none() | text), override=draw(verdicts), note=draw(text)))
        return Report(title=draw(text), text=article, checks=checks,
                      index={"passages": draw(st.integers(0, 10 ** 6)), "documents": draw(st.integers(0, 10 ** 4)),
                             "embedding_model": draw(text)},
                      created=draw(text), notes=draw(st.lists(text, max_size=2)),
                      dropped=draw(st.lists(st.fixed_dictionaries({"text": text, "why": text}), max_size=2)),
                      date=draw(text))

    return text, urls, reports


@cache
def strategies():
    """(markup-heavy text, URLs good and bad, whole reports) as hypothesis strategies."""
    return _strategies()
