"""The page's per-tab state rules, on plain dicts: no browser, no Streamlit, no model."""

from __future__ import annotations

from factcheck.desk import ReviewDesk
from factcheck.report.reviews import ReviewStore, article_key
from factcheck.session import MISSING_REVIEW, PageState
from factcheck.types import Claim, ClaimCheck, Report


def _report(text: str = "Russia annexed Crimea in 2014.") -> Report:
    claim = Claim(id="c1", text=text.rstrip("."), sentence=text, start=0, end=len(text))
    return Report(title="crimea", text=text, checks=[ClaimCheck(claim=claim, verdict="supported")])


def _desk(tmp_path) -> ReviewDesk:
    return ReviewDesk(checker=None, store=ReviewStore(tmp_path / "reviews"))  # these steps run no model


def test_showing_a_report_clears_the_last_ones_widgets_and_puts_its_key_in_the_address():
    state, params = {"override_c9": "refuted", "note_c9": "old", "edit_c9": "x", "k": 5}, {}
    page = PageState(state, params)
    page.show(_report(), "abc")
    assert page.report.title == "crimea" and params == {"review": "abc"}
    assert set(state) == {"k", "report"}
    assert page.pending_review() is None  # a report is open: nothing to reopen


def test_messages_wait_for_the_next_run_and_are_shown_once():
    page = PageState({}, {})
    page.flash("success", "Saved.")
    page.flash("error", "Not saved.")
    assert page.take_flashes() == [("success", "Saved."), ("error", "Not saved.")]
    assert page.take_flashes() == []


def test_a_reload_reopens_the_saved_review_named_in_the_address(tmp_path):
    desk = _desk(tmp_path)
    report = _report()
    desk.save(report)
    key = article_key(report.text)
    state, params = {}, {"review": key}
    page = PageState(state, params)
    assert page.pending_review() == key
    assert page.reopen(desk, key) is None
    assert page.report.text == report.text and state["article_text"] == report.text
    assert state["article_title"] == "crimea"


def test_a_review_that_is_not_saved_or_a_bad_key_is_a_message(tmp_path):
    page = PageState({}, {})
    assert page.reopen(_desk(tmp_path), "0" * 64) == MISSING_REVIEW
    assert "not a review key" in page.reopen(_desk(tmp_path), "../../etc/passwd")
    assert page.report is None


def test_a_verdict_and_a_note_are_saved_at_once(tmp_path):
    desk = _desk(tmp_path)
    state = {"override_c1": "refuted", "note_c1": "Checked with the ministry."}
    page = PageState(state, {})
    page.show(_report(), "k")
    state.update({"override_c1": "refuted", "note_c1": "Checked with the ministry."})
    page.apply_review(desk, "c1")
    saved = desk.reopen(article_key(page.report.text))
    assert (saved.checks[0].override, saved.checks[0].note) == ("refuted", "Checked with the ministry.")
    assert page.take_flashes() == [("success", "Saved your review of c1.")]
    state["override_c1"] = "made-up"
    page.apply_review(desk, "c1")
    assert page.take_flashes()[0][0] == "error"


def test_an_upload_that_cannot_be_read_keeps_the_reason_and_the_text_box():
    state = {"article_text": "kept"}
    page = PageState(state, {})
    page.load_upload(("notes.txt", b"\x00\x01binary\x00" * 10))
    assert "binary" in state["upload_error"] and state["article_text"] == "kept"
    page.load_upload(("story.md", b"# Story\n\nRussia annexed Crimea in 2014.\n"))
    assert "upload_error" not in state and "annexed Crimea" in state["article_text"]
