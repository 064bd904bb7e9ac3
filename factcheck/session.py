"""One reader's page state: the open report, its address, pending messages, the article box.

The page keeps everything per browser tab in a mapping (Streamlit's ``session_state``) and the
review key in the address (its ``query_params``); this class is the only code that reads or
writes them, so the rules (a new report clears the old one's widgets, a reload reopens the
review named in the address, messages survive the rerun that follows an action) live in one
place and are tested without a browser.

Two tabs (or two reviewers) may have the same article open. Each tab keeps the review as it last
read or wrote it (``review_base``); a save merges, claim by claim, with what the other tab saved
since (:func:`factcheck.report.reviews.merge_reports`), and the tab then shows the merged review.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from .corpus.uploads import read_upload
from .desk import Added, Opened, ReviewDesk
from .text import InputError
from .types import Report

CLAIM_WIDGETS = ("override_", "note_", "edit_")  # per-claim widget keys: "override_c3" etc.
BASE = "review_base"  # the open review as this tab last read or wrote it (Report.to_dict())
MISSING_REVIEW = "The review named in this page's address is not saved here; check the article again."


class PageState:
    """The per-tab state of the page, over any mutable mappings.

    Args:
        state: the tab's values (``st.session_state``; a dict in tests).
        params: the page address's query parameters (``st.query_params``).
    """

    def __init__(self, state: MutableMapping[str, Any], params: MutableMapping[str, str]):
        self.state, self.params = state, params

    @property
    def report(self) -> Report | None:
        return self.state.get("report")

    def setting(self, key: str, default: float) -> float:
        return type(default)(self.state.get(key, default))

    def flash(self, kind: str, message: str) -> None:
        """A message (``kind``: success, info, warning, error) shown at the top of the next run."""
        self.state.setdefault("flash", []).append((kind, message))

    def take_flashes(self) -> list[tuple[str, str]]:
        return self.state.pop("flash", [])

    def show(self, report: Report, key: str, base: dict | None = None) -> None:
        """Make ``report`` the open one; its key goes into the address, so a reload reopens it.
        ``base`` is the saved review it came from (None: nothing saved yet)."""
        for k in [k for k in self.state if str(k).startswith(CLAIM_WIDGETS)]:
            del self.state[k]  # widgets of the previous report must not leak their values
        self.state["report"] = report
        if base is None:
            self.state.pop(BASE, None)
        else:
            self.state[BASE] = base
        self.params["review"] = key

    def fill(self, title: str, text: str) -> None:
        """Put an article into the article box (only before the box is drawn in a run)."""
        self.state["article_title"], self.state["article_text"] = title, text

    def reopen(self, desk: ReviewDesk, key: str) -> str | None:
        """Open the saved review ``key`` into the page; why it could not be opened, or None."""
        try:
            report = desk.reopen(key)
        except InputError as e:
            return str(e)
        if report is None:
            return MISSING_REVIEW
        self.show(report, key, report.to_dict())
        self.fill(report.title, report.text)
        return None

    def pending_review(self) -> str | None:
        """The review key in the address when no report is open: a reload or a server restart."""
        return None if self.report is not None else self.params.get("review") or None

    def load_example(self, folder: Path, name: str | None, paste: str) -> None:
        """Fill the article box from example file ``name`` (``paste`` is the "none" choice)."""
        if name and name != paste:
            self.fill(Path(name).stem, (folder / name).read_text(encoding="utf-8"))
        else:
            self.state["article_title"] = ""

    def load_upload(self, upload: tuple[str, bytes] | None) -> None:
        """Fill the article box from an uploaded (name, content), or keep why it cannot be used."""
        self.state.pop("upload_error", None)
        if upload is None:
            return
        try:
            self.fill(*read_upload(*upload))
        except InputError as e:
            self.state["upload_error"] = str(e)

    def saved(self, desk: ReviewDesk, report: Report, success: str | None = None) -> None:
        """Save the report after a change, merged with what another tab saved since this one last
        read or wrote it; claims the merge changed get fresh widgets. The outcome is a message for
        the next run."""
        before = {c.claim.id: c.to_dict() for c in report.checks}
        problem = desk.save(report, self.state.get(BASE))
        if not problem:
            self.state[BASE] = report.to_dict()
            for c in report.checks:
                if before.get(c.claim.id) != c.to_dict():  # another tab's change came in
                    for k in CLAIM_WIDGETS:
                        self.state.pop(f"{k}{c.claim.id}", None)
        if problem or success:
            self.flash("error" if problem else "success", problem or success)

    def opened(self, desk: ReviewDesk, done: Opened) -> None:
        """Show what a check gave; a fresh check is saved at once (a reopened review already is)."""
        if done.warning:
            self.flash("warning", done.warning)
        self.show(done.report, done.key, done.base)
        if done.reopened:
            self.flash("info", done.message)
        else:
            self.saved(desk, done.report, done.message)

    def added(self, added: Added) -> None:
        for kind, message in [("success", added.message)] * bool(added.documents) + [
                ("error", m) for m in added.failed]:
            self.flash(kind, message)

    def apply_review(self, desk: ReviewDesk, claim_id: str) -> None:
        """Record the claim's verdict and note widgets on the open report and save it at once."""
        report = self.report
        if report is None:
            return
        self.state["open_claim"] = claim_id
        try:
            desk.review(report, claim_id, self.state.get(f"override_{claim_id}") or None,
                        self.state.get(f"note_{claim_id}", ""))
        except InputError as e:
            self.flash("error", str(e))
            return
        self.saved(desk, report, f"Saved your review of {claim_id}.")
