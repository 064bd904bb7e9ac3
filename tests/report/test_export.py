"""Exports: HTML, CSV, ClaimReview JSON-LD, Markdown; hostile corpus and article text stays literal."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from factcheck.report.export import (article_html, evidence_html, to_claimreview, to_csv, to_html, to_json, to_markdown,
                              verdict_counts, verdict_of)
from factcheck.types import Claim, ClaimCheck, Evidence, Passage, Report, Source

HOSTILE = ("Officials said <script>alert('pwned')</script> the vote passed. "
           "[Read more](https://evil.example/phish) and <img src=x onerror=alert(1)> **bold**")
ARTICLE = "Russia annexed Crimea in 2011. The talks were in Geneva. " + HOSTILE


def _evidence(text: str, stance: str | None, url: str = "https://example.org/crimea") -> Evidence:
    src = Source(doc_id="ref-035", title="Annexation <of> Crimea", url=url, publisher="Encyclopedia",
                 date="2014-03-18")
    probs = None if stance is None else {"support": 0.05, "refute": 0.9, "neutral": 0.05}
    return Evidence(passage=Passage(id=7, text=text, start=0, end=len(text), source=src), score=0.0312,
                    dense_score=0.7, lexical_score=3.1, stance=stance, probs=probs)


@pytest.fixture
def report() -> Report:
    s1 = "Russia annexed Crimea in 2011."
    s2 = "The talks were in Geneva."
    i3 = ARTICLE.index(HOSTILE)
    checks = [
        ClaimCheck(Claim("c1", s1, s1, 0, len(s1), checkworthiness=0.9),
                   [_evidence("Russia annexed Crimea in March 2014. " + HOSTILE, "refute")],
                   verdict="refuted", confidence=0.9, reason="Contradicted by \"Annexation <of> Crimea\"."),
        ClaimCheck(Claim("c2", s2, s2, len(s1) + 1, len(s1) + 1 + len(s2), speaker="The Kremlin",
                         checkworthiness=0.6),
                   [_evidence("The talks took place in Istanbul.", "support", url="javascript:alert(1)")],
                   verdict="supported", confidence=0.7, reason="r", override="refuted",
                   note="=HYPERLINK(\"http://evil\") wrong city <b>"),
        ClaimCheck(Claim("c3", HOSTILE, HOSTILE, i3, len(ARTICLE), speaker="Dmitry Peskov", checkworthiness=0.4),
                   [], verdict="not_enough_evidence", confidence=1.0, reason="No passage."),
        ClaimCheck(Claim("c4", "Unjudged claim", "", 0, 0, checkworthiness=0.1)),
    ]
    return Report(title="Doctored <b>talks</b>", text=ARTICLE, checks=checks,
                  index={"documents": 80, "passages": 400, "embedding_model": "all-MiniLM-L6-v2"},
                  created="2025-03-01T10:00:00+00:00")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


def test_html_escapes_article_and_corpus_text(report):
    html = to_html(report)
    tags = _parse(html)
    assert "script" not in tags.tags and "img" not in tags.tags and "b" not in tags.tags
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html
    assert "[Read more](https://evil.example/phish)" in html  # shows literally, not as a link
    assert "https://evil.example/phish" not in tags.hrefs
    assert all(h.startswith("https://") for h in tags.hrefs)  # the javascript: source URL is text only
    assert "javascript:alert(1)" in html
    assert "Doctored &lt;b&gt;talks&lt;/b&gt;" in html
    assert "Annexation &lt;of&gt; Crimea" in html


def test_html_shows_verdicts_reviews_and_the_highlighted_article(report):
    html = to_html(report)
    assert html.startswith("<!DOCTYPE html>") and html.count("<section") == 4
    assert "Refuted (reviewer)" in html and "Supported 70%" in html  # override, and the suggestion behind it
    assert "Reviewer note: =HYPERLINK(&quot;http://evil&quot;) wrong city &lt;b&gt;" in html
    assert 'data-verdict="refuted"' in html and "P(refute) 0.90" in html
    assert "ranked by relevance only" not in html
    assert "<section" not in to_html(report, min_checkworthiness=0.95)


def test_article_html_highlights_each_claim_sentence_by_verdict(report):
    out = article_html(report)
    marks = _parse(out).tags.count("mark")
    assert marks == 3  # c4 has no span in the article
    assert 'data-claims="c1" data-verdict="refuted"' in out
    assert 'data-claims="c2" data-verdict="refuted"' in out  # the reviewer's verdict colours it
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    # The text between the marks is the article, unchanged once unescaped.
    import html as h
    import re
    assert h.unescape(re.sub(r"<[^>]+>", "", out)) == ARTICLE


def test_overlapping_spans_take_the_most_severe_verdict():
    text = "A is B. C is D."
    checks = [ClaimCheck(Claim("c1", "A is B", "A is B.", 0, 7), verdict="supported"),
              ClaimCheck(Claim("c1+c2", "A is B; C is D", text, 0, len(text)), verdict="refuted")]
    out = article_html(Report("t", text, checks))
    assert 'data-claims="c1 c1+c2" data-verdict="refuted"' in out
    assert 'data-claims="c1+c2" data-verdict="refuted"' in out


def test_relevance_only_reports_say_so(report):
    for c in report.checks:
        c.verdict = c.override = None
        for e in c.evidence:
            e.stance = e.probs = None
    assert "ranked by relevance only" in to_html(report)
    assert "relevance only" in evidence_html(report.checks[0].evidence[0])
    assert "ranked by relevance only" in to_markdown(report)
    assert to_claimreview(report) == []  # nothing judged, nothing to publish
    assert verdict_counts(report)["unverified"] == 4


def test_markdown_escapes_links_and_html(report):
    md = to_markdown(report)
    assert "<script>" not in md and "\\<script\\>" in md
    assert "[Read more](https://evil.example/phish)" not in md
    assert "\\[Read more\\]\\(https://evil.example/phish\\)" in md
    assert "\\*\\*bold\\*\\*" in md


def test_csv_one_row_per_claim_with_final_verdict(report):
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "c4"]
    assert rows[1]["verdict"] == "refuted" and rows[1]["suggested_verdict"] == "supported"
    assert rows[1]["override"] == "refuted" and rows[1]["note"].startswith("'=HYPERLINK")  # no formula
    assert rows[0]["top_source"] == "Annexation <of> Crimea" and rows[0]["top_stance"] == "refute"
    assert "<script>" in rows[0]["top_passage"]  # CSV is data: kept as written
    assert rows[3]["verdict"] == "" and rows[3]["evidence"] == "0"
    assert [r["id"] for r in csv.DictReader(io.StringIO(to_csv(report, 0.5)))] == ["c1", "c2"]


def test_claimreview_uses_the_reviewers_verdict(report):
    reviews = to_claimreview(report, author="Newsroom Checks", url="https://checks.example/r/1",
                             article_url="https://news.example/story")
    assert len(reviews) == 3  # c4 has no verdict
    json.dumps(reviews)
    r1, r2, r3 = reviews
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["author"] == {"@type": "Organization", "name": "Newsroom Checks"}
        assert r["datePublished"] == "2025-03-01"
        assert r["reviewRating"]["@type"] == "Rating"
        assert r["reviewRating"]["bestRating"] == 5 and r["reviewRating"]["worstRating"] == 1
        assert r["itemReviewed"]["@type"] == "Claim"
        assert r["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "url": "https://news.example/story",
                                                   "headline": "Doctored <b>talks</b>"}
    assert r1["claimReviewed"] == "Russia annexed Crimea in 2011."
    assert r1["reviewRating"]["alternateName"] == "Refuted" and r1["reviewRating"]["ratingValue"] == 1
    assert r1["url"] == "https://checks.example/r/1#c1"
    assert r2["reviewRating"]["alternateName"] == "Refuted"  # override beats the suggested "supported"
    assert r2["itemReviewed"]["author"] == {"@type": "Organization", "name": "The Kremlin"}
    assert r3["reviewRating"]["alternateName"] == "Not enough evidence" and "ratingValue" not in r3["reviewRating"]
    assert r3["itemReviewed"]["author"] == {"@type": "Person", "name": "Dmitry Peskov"}


def test_claimreview_without_urls_leaves_them_out(report):
    r = to_claimreview(report, date="2025-04-02")[0]
    assert "url" not in r and r["datePublished"] == "2025-04-02"
    assert r["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "headline": "Doctored <b>talks</b>"}


def test_json_round_trips_the_review(report):
    back = Report.from_dict(json.loads(to_json(report)))
    assert back.checks[1].override == "refuted" and back.checks[1].note == report.checks[1].note
    assert verdict_of(back.checks[1]) == "refuted"


def test_differing_spans_are_marked_and_escaped():
    from factcheck.report.export import claim_html, evidence_html, marked_html

    assert marked_html("<b>Geneva</b> talks", [(3, 9, "difference")]) == (
        '&lt;b&gt;<mark class="fc-difference" style="background:#ffcdd2;border-bottom:2px solid #c62828;'
        'padding:0 1px">Geneva</mark>&lt;/b&gt; talks')
    passage = Passage(3, "Delegations met in <i>Istanbul</i>.", 0, 30, Source("ref-1", title="T"))
    diff = {"slot": "place", "claim": {"text": "Geneva", "start": 23, "end": 29},
            "passage": {"text": "Istanbul", "start": 22, "end": 30}}
    e = Evidence(passage, 1.0, stance="refute", probs={"support": 0.1, "refute": 0.8, "neutral": 0.1},
                 relevant=True, relevance=0.9, differences=[diff])
    card = evidence_html(e)
    assert '<mark class="fc-difference"' in card and "Istanbul</mark>" in card and "<i>" not in card
    assert "differs: place: claim Geneva · passage Istanbul" in card
    check = ClaimCheck(Claim(id="c1", text="The delegations met in Geneva.", sentence="", start=0, end=0), [e])
    assert "Geneva</mark>" in claim_html(check)
    e.relevant = False
    grey = evidence_html(e)
    assert "not about this claim" in grey and "<mark" not in grey and "opacity" in grey
