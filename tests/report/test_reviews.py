"""The review store and the reviewer's claim edits, without a page; and page uploads."""

from __future__ import annotations

import json

import pytest

from factcheck.report.reviews import (ReviewStore, add_claim, article_key, carry_reviews, drop_claim, edit_claim,
                               merge_claims, reviews_dir, set_review)
from factcheck.text import InputError
from factcheck.types import Claim, ClaimCheck, Report
from factcheck.corpus.uploads import read_upload, validate_article

TEXT = "Russia annexed Crimea in 2011. The talks were in Geneva. Lavrov spoke in Qatar."


class FakeChecker:
    """Records what it is asked to check; returns one plain ClaimCheck per claim."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def check_claims(self, claims):
        self.calls.append([c.text for c in claims])
        return [ClaimCheck(claim=c, verdict="supported", confidence=0.8, reason="fake") for c in claims]


def _report() -> Report:
    spans = [(0, 30), (31, 56), (57, 79)]
    checks = [ClaimCheck(Claim(f"c{i}", TEXT[s:e].rstrip("."), TEXT[s:e], s, e), verdict="refuted", confidence=0.9)
              for i, (s, e) in enumerate(spans, 1)]
    return Report(title="t", text=TEXT, checks=checks, created="2025-03-01T00:00:00+00:00")


def test_store_round_trip_and_listing(tmp_path):
    store = ReviewStore(tmp_path / "r")
    report = _report()
    set_review(report, "c2", "supported", "checked by phone")
    key = store.save(report)
    assert key == article_key(TEXT) and (tmp_path / "r" / f"{key}.json").exists()
    back = store.load(key)
    assert back.to_dict() == report.to_dict()
    [listed] = store.list()
    assert listed.key == key and listed.claims == 3 and listed.reviewed == 1
    assert store.load(article_key("another article")) is None
    assert not [p for p in (tmp_path / "r").iterdir() if p.name.startswith(".")]  # no temp files left


def test_store_folder_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(tmp_path / "x"))
    assert reviews_dir() == tmp_path / "x" and ReviewStore().folder == tmp_path / "x"


def test_store_refuses_keys_that_are_paths(tmp_path):
    with pytest.raises(InputError):
        ReviewStore(tmp_path).load("../../etc/passwd")


def test_damaged_review_is_kept_aside_not_lost(tmp_path):
    store = ReviewStore(tmp_path)
    key = store.save(_report())
    (tmp_path / f"{key}.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="damaged"):
        store.load(key)
    assert [p.read_text() for p in tmp_path.glob(f"{key}.damaged-*.json")] == ["{not json"]
    assert store.load(key) is None


def test_edit_rechecks_only_that_claim_and_keeps_the_review():
    report, ck = _report(), FakeChecker()
    set_review(report, "c2", "refuted", "wrong city")
    edit_claim(report, "c2", "  The talks were   in Istanbul ", ck)
    assert ck.calls == [["The talks were in Istanbul"]]
    c2 = report.checks[1]
    assert (c2.claim.id, c2.claim.start, c2.verdict, c2.override, c2.note) == ("c2", 31, "supported", "refuted",
                                                                              "wrong city")
    assert [c.verdict for c in report.checks] == ["refuted", "supported", "refuted"]
    with pytest.raises(InputError):
        edit_claim(report, "c2", "   ", ck)
    with pytest.raises(InputError):
        set_review(report, "c2", "mostly true", "")


def test_add_finds_the_sentence_and_merge_joins_spans():
    report, ck = _report(), FakeChecker()
    report.date = "2025-02-27"
    for c in report.checks:
        c.claim.date = report.date
    added = add_claim(report, "Lavrov spoke in Qatar", ck)
    assert (added.claim.id, added.claim.start, added.claim.end) == ("a1", 57, 79)
    assert added.claim.date == "2025-02-27"  # an added claim is of the article's day, as extracted ones are
    outside = add_claim(report, "Something not in the article.", ck)
    assert (outside.claim.id, outside.claim.start, outside.claim.end, outside.claim.sentence) == ("a2", 0, 0, "")
    set_review(report, "c1", None, "note one")
    set_review(report, "c3", None, "note three")
    merged = merge_claims(report, "c1", "c3", ck)
    assert merged.claim.id == "c1+c3" and (merged.claim.start, merged.claim.end) == (0, 79)
    assert merged.claim.text == "Russia annexed Crimea in 2011; lavrov spoke in Qatar"
    assert merged.note == "note one / note three" and merged.claim.date == "2025-02-27"
    assert [c.claim.id for c in report.checks] == ["c1+c3", "c2", "a1", "a2"]
    assert len(ck.calls) == 3 and all(len(c) == 1 for c in ck.calls)
    with pytest.raises(InputError):
        merge_claims(report, "c2", "c2", ck)
    drop_claim(report, "a2")
    assert [c.claim.id for c in report.checks] == ["c1+c3", "c2", "a1"]


def test_carry_reviews_onto_a_fresh_check():
    old, new = _report(), _report()
    set_review(old, "c3", "supported", "ok")
    assert carry_reviews(old, new) == 1 and new.checks[2].override == "supported" and new.checks[2].note == "ok"


def test_uploads(tmp_path):
    assert read_upload("story.txt", "Café in Zürich.".encode()) == ("story", "Café in Zürich.")
    title, text = read_upload("page.html", b"<html><head><title>T</title><script>x()</script></head><body><article>"
                              + b"<p>Russia annexed Crimea from Ukraine in March 2014 after a referendum.</p>" * 3
                              + b"</article></body></html>")
    assert "annexed Crimea" in text and "x()" not in text
    for name, data, msg in [("a.exe", b"MZ", "unsupported"), ("e.txt", b"  \n", "empty"),
                            ("b.pdf", b"%PDF-", "could not parse"), ("big.md", b"x" * (5 * 2**20 + 1), "5 MB")]:
        with pytest.raises(InputError, match=msg) as e:
            read_upload(name, data)
        assert name in str(e.value) and "factcheck-upload" not in str(e.value)
    with pytest.raises(InputError, match="empty"):
        validate_article(" \n\t")
    assert json.dumps(validate_article("ok"))
