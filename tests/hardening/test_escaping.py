"""Escaping as a property: for any article, claim, passage, title, URL, publisher, note and
speaker text (strategies biased toward markup: tags, attributes, entities, ``javascript:`` URLs,
Markdown links and images, ``</style>``, ``]]>``, formula starts, control characters):

- the HTML export and every HTML fragment the page shows with ``st.html`` (article highlights,
  claim and evidence cards, verdict badges; ``factcheck/report/export.py``) hold exactly the tags
  and attributes the template makes: the output is parsed with ``html.parser`` and compared, tag
  by tag, with the same report whose text is replaced by ``x``s (same lengths, so the same spans);
  attribute values the template owns (style, class, ...) are equal; an ``href`` is only ever the
  input's own http(s) URL; the article's and passages' text reads back exactly;
- the Markdown export, rendered by markdown-it (CommonMark with raw HTML on), makes the same
  tags as the x'd report and links only http(s) URLs; ``md_escape`` (what the page's Markdown
  labels and messages use) renders as one paragraph of the text itself;
- CSV: no cell a spreadsheet would run (``= + - @`` tab, CR at the start, after parsing with the
  csv module; plain numbers aside), and every row has every column;
- ClaimReview JSON-LD parses, has ``"@context": "https://schema.org"`` and the expected
  ``@type``s, text where schema.org expects text, and only http(s) URLs.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from factcheck.report import export
from factcheck.types import Report

from .fuzzkit import strategies

TEXT, URLS, REPORTS = strategies()
# Attributes whose values come from the template alone (an input's text may only be in title,
# id, data-claims, data-verdict's verdict names and href).
TEMPLATE_VALUES = {"style", "class", "target", "rel", "charset", "name", "content", "lang", "data-verdict"}
WEB = re.compile(r"https?://", re.I)


class Shape(HTMLParser):
    """The tags of a document in order (attribute names, and the values the template owns), the
    hrefs, anything that is not a tag or text, and the text inside elements of given classes."""

    def __init__(self, collect: tuple[str, ...] = ()):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.hrefs: list[str] = []
        self.other: list[str] = []
        self.collect = collect
        self.stack: list[str | None] = []
        self.texts: dict[str, list[str]] = {c: [] for c in collect}

    def handle_starttag(self, tag, attrs):
        self.events.append((tag, tuple((k, v if k in TEMPLATE_VALUES else None) for k, v in attrs)))
        self.hrefs += [v for k, v in attrs if k in ("href", "src", "action", "formaction", "xlink:href")]
        if tag != "meta":
            cls = dict(attrs).get("class")
            self.stack.append(cls if cls in self.collect else None)
            if cls in self.collect:
                self.texts[cls].append("")

    def handle_startendtag(self, tag, attrs):
        self.events.append((tag + "/", tuple(k for k, _ in attrs)))

    def handle_endtag(self, tag):
        self.events.append(("/" + tag,))
        if tag != "meta" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for cls in {c for c in self.stack if c}:
            self.texts[cls][-1] += data

    def handle_comment(self, data):
        self.other.append("comment")

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.other.append("decl " + decl)

    def handle_pi(self, data):
        self.other.append("pi")

    def unknown_decl(self, data):
        self.other.append("unknown " + data)


def shape(html: str, collect: tuple[str, ...] = ()) -> Shape:
    p = Shape(collect)
    p.feed(html)
    p.close()
    return p


def x_out(s: str) -> str:
    """Same length and the same whitespace, no markup: spans and emptiness stay as they were."""
    return "".join(ch if ch.isspace() else "x" for ch in s)


def neutral(report: Report, linked=export._safe_url) -> Report:
    """The report with every piece of free text x'd out; verdicts (from a fixed set), known
    stances and numbers kept; a URL becomes a plain web link if the export links it (``linked``),
    else x's."""
    def walk(v, key=None):
        if isinstance(v, dict):
            return {k: walk(x, k) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x, key) for x in v]
        if not isinstance(v, str):
            return v
        if key == "url":
            return "https://example.org/" if linked(v) else x_out(v)
        if key in ("verdict", "override") or (key == "stance" and v in export.STANCE_COLOURS):
            return v
        return x_out(v)
    return Report.from_dict(walk(report.to_dict()))


def assert_same_markup(real: str, plain: str, hrefs_from: set[str], collect: tuple[str, ...] = ()) -> Shape:
    a, b = shape(real, collect), shape(plain, collect)
    assert a.events == b.events, _first_difference(a.events, b.events)
    assert not a.other and not b.other, a.other
    for href in a.hrefs:  # only the input's own web links, never javascript:, data:, ...
        assert WEB.match(href) and href in hrefs_from, href
    return a


def _first_difference(x: list, y: list) -> str:
    for i, (p, q) in enumerate(zip(x, y)):
        if p != q:
            return f"at tag {i}: {p} != {q}"
    return f"lengths {len(x)} != {len(y)}"


def web_urls(report: Report, normalise=lambda u: u) -> set[str]:
    return {normalise(export._safe_url(e.passage.source.url)) for c in report.checks for e in c.evidence
            if export._safe_url(e.passage.source.url)}


@given(report=REPORTS(), min_cw=st.sampled_from([0.0, 0.5]))
def test_html_export_holds_no_markup_from_its_input(report, min_cw):
    real = export.to_html(report, min_cw)
    got = assert_same_markup(real, export.to_html(neutral(report), min_cw), web_urls(report),
                             collect=("fc-article", "fc-passage"))
    assert got.texts["fc-article"] == [report.text]  # the article reads back exactly
    passages = [e.passage.text for c in report.checks if c.claim.checkworthiness >= min_cw for e in c.evidence]
    assert got.texts["fc-passage"] == passages
    assert "<script" not in real.lower() or "&lt;script" in real.lower()
    assert not re.search(r"<script\b", real, re.I)  # the file carries no script at all


@given(report=REPORTS())
def test_page_fragments_hold_no_markup_from_their_input(report):
    """What app.py hands to st.html: the article, and per claim the claim line and evidence cards."""
    plain = neutral(report)
    got = assert_same_markup(export.article_html(report), export.article_html(plain), set(), collect=("fc-article",))
    assert got.texts["fc-article"] == [report.text]
    urls = web_urls(report)
    for real, x in zip(report.checks, plain.checks):
        fragment = lambda c: export.claim_html(c) + "".join(export.evidence_html(e, n) for n, e in enumerate(c.evidence, 1))  # noqa: E731
        got = assert_same_markup(fragment(real), fragment(x), urls, collect=("fc-passage",))
        assert got.texts["fc-passage"] == [e.passage.text for e in real.evidence]
        badge = export.badge_html(real.verdict, real.confidence, bool(real.override))
        assert_same_markup(badge, export.badge_html(x.verdict, x.confidence, bool(x.override)), set())


@given(text=TEXT, spans=st.lists(st.tuples(st.integers(-2, 60), st.integers(-2, 60),
                                           st.sampled_from(["difference", "match"])), max_size=4))
@example(text="<b>x</b>", spans=[(0, 3, "difference")])
def test_marked_text_holds_no_markup(text, spans):
    got = assert_same_markup(f'<div class="t">{export.marked_html(text, spans)}</div>',
                             f'<div class="t">{export.marked_html(x_out(text), spans)}</div>', set(), collect=("t",))
    assert got.texts["t"] == [text]


MD = MarkdownIt("commonmark", {"html": True})  # raw HTML on: anything that leaked would render


@given(report=REPORTS(), min_cw=st.sampled_from([0.0, 0.5]))
def test_markdown_export_holds_no_markup_from_its_input(report, min_cw):
    real = MD.render(export.to_markdown(report, min_cw))
    plain = MD.render(export.to_markdown(neutral(report, linked=lambda u: export._MD_URL.fullmatch(u)), min_cw))
    got = assert_same_markup(real, plain, web_urls(report, MD.normalizeLink))  # markdown-it %-encodes links
    assert all(WEB.match(h) for h in got.hrefs)


@given(text=TEXT)
@example(text="- a list")
@example(text="1. one")
@example(text="&lt;script&gt; &amp; $x^2$")
@example(text="[x](javascript:alert(1)) ![i](https://e.example/i.png) <b>b</b>")
def test_md_escape_renders_as_the_text_itself(text):
    """The page's Markdown strings (expander labels, titles, notes, messages) escape with md_escape."""
    got = shape(MD.render(export.md_escape(text)))
    expected = " ".join(text.split()).replace("\x00", "\ufffd")
    assert got.events in ([], [("p", ()), ("/p",)]), got.events
    rendered = re.sub(r"</?p>\n?", "", MD.render(export.md_escape(text)))
    import html as _html
    assert _html.unescape(rendered).rstrip("\n") == expected


FORMULA = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?(e-?\d+)?")


@given(report=REPORTS(), min_cw=st.sampled_from([0.0, 0.5]))
@example(report=Report(title="", text="", checks=[]), min_cw=0.0)
def test_csv_has_no_formula_cells_and_whole_rows(report, min_cw):
    rows = list(csv.reader(io.StringIO(export.to_csv(report, min_cw), newline="")))
    assert rows[0] == export.CSV_FIELDS
    assert len(rows) - 1 == sum(c.claim.checkworthiness >= min_cw for c in report.checks)
    for row in rows[1:]:
        assert len(row) == len(export.CSV_FIELDS)
        for cell in row:
            assert not cell.startswith(FORMULA) or NUMBER.fullmatch(cell), cell
    summary = io.StringIO()
    w = csv.DictWriter(summary, fieldnames=export.SUMMARY_FIELDS)
    w.writerow({k: export.csv_cell(v) for k, v in export.summary_row("a.txt", report).items()})
    for cell in next(csv.reader(io.StringIO(summary.getvalue(), newline=""))):
        assert not cell.startswith(FORMULA) or NUMBER.fullmatch(cell), cell


@given(report=REPORTS(), author=TEXT, url=URLS, article_url=URLS)
@example(report=Report(title="T", text="t", checks=[]), author="", url="javascript:alert(1)", article_url="data:x")
def test_claimreview_is_schema_org_with_text_fields_and_web_urls(report, author, url, article_url):
    data = next(d for d in export.downloads(report, 0.0, author=author, url=url, article_url=article_url)
                if d.fmt == "claimreview").data
    reviews = json.loads(data)
    judged = [c for c in report.checks if export.verdict_of(c)]
    assert len(reviews) == len(judged)
    for r, c in zip(reviews, judged):
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert isinstance(r["claimReviewed"], str) and r["claimReviewed"] == c.claim.text
        assert r["author"]["@type"] == "Organization" and isinstance(r["author"]["name"], str) and r["author"]["name"]
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str)
        assert all(isinstance(rating[k], int) for k in ("bestRating", "worstRating") if k in rating)
        item = r["itemReviewed"]
        assert item["@type"] == "Claim"
        if "author" in item:
            assert item["author"]["@type"] in ("Person", "Organization") and isinstance(item["author"]["name"], str)
        if "appearance" in item:
            assert item["appearance"]["@type"] == "CreativeWork"
            assert isinstance(item["appearance"].get("headline", ""), str)
            assert WEB.match(item["appearance"].get("url", "https://")), item["appearance"]
        assert isinstance(r.get("datePublished", ""), str)
        if "url" in r:
            assert WEB.match(r["url"]) and export._safe_url(url), r["url"]
        for value in _strings(r):
            assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I) or value in (
                c.claim.text, report.title, author, c.claim.speaker), value


def _strings(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from _strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from _strings(x)
    elif isinstance(v, str):
        yield v
