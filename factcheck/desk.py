"""A reviewer's desk: the page's work on one article, kept apart from the page itself.

Checking an article (or reopening its saved review), re-checking an edited, added or merged
claim, recording a verdict or a note: each step changes the report and saves it at once, so a
reload or a server restart loses nothing. Several page sessions share one checker (one loaded
model, one index connection), so model work and index writes take turns under one lock.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .corpus import IndexError_
from .corpus.uploads import read_reference_upload
from .pipeline import Checker
from .report.reviews import (ReviewStore, add_claim, article_key, carry_reviews, drop_claim, edit_claim,
                             merge_claims, set_review)
from .text import InputError
from .types import ClaimCheck, Report


@dataclass
class Opened:
    """What checking an article gave: the report, its review key, and what happened."""

    report: Report
    key: str
    reopened: bool = False  # a saved review was opened; no model ran
    kept: int = 0  # reviews carried over from the saved review onto a fresh check
    seconds: float = 0.0
    warning: str | None = None  # the saved review could not be read (it was moved aside)
    base: dict | None = None  # the saved review as it was read (Report.to_dict()), or None: none was

    @property
    def message(self) -> str:
        n = len(self.report.checks)
        if self.reopened:
            return (f"Reopened your saved review of this article ({n} claims). "
                    "Use 'Re-check from scratch' to check it again.")
        kept = f"; kept your review of {plural(self.kept, 'claim')}." if self.kept else "."
        return f"Checked {n} claims in {self.seconds:.1f} s{kept}"


@dataclass
class Added:
    """What adding reference files gave: documents added, and one message per file that failed."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return f"Added {plural(self.documents, 'document')} to the reference index; they count from the next check."


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class ReviewDesk:
    """One article's check and review, saved after every change.

    Args:
        checker: the (shared) checker that runs the models.
        store: where reviewed reports are kept.
        lock: taken around every model call and index write; share it between sessions that
            share ``checker``.
    """

    checker: Checker
    store: ReviewStore = field(default_factory=ReviewStore)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, text: str, title: str, fresh: bool = False, date: dt.date | None = None) -> Opened:
        """Reopen the saved review of ``text``, or (``fresh``, or none saved) check it and save.

        A fresh check keeps the reviewer's verdicts and notes for claims whose wording did not
        change. ``date`` is the article's date when the reviewer gives it. Raises InputError for an
        article the checker cannot use.
        """
        key = article_key(text)
        warning = None
        try:
            saved = self.store.load(key)
        except InputError as e:
            saved, warning = None, str(e)
        base = saved.to_dict() if saved is not None else None
        if saved is not None and not fresh:
            return Opened(saved, key, reopened=True, base=base)
        t0 = time.perf_counter()
        with self.lock:
            report = self.checker.check(text, title=title, date=date)
        kept = carry_reviews(saved, report) if saved is not None else 0
        return Opened(report, key, kept=kept, seconds=time.perf_counter() - t0, warning=warning, base=base)

    def reopen(self, key: str) -> Report | None:
        """The saved review under ``key`` (None if there is none); InputError if it is damaged."""
        return self.store.load(key)

    def save(self, report: Report, base: dict | None = None) -> str | None:
        """Write the report (merged with what another session saved since ``base``, see
        :meth:`ReviewStore.save`); the reason it could not be written, or None."""
        try:
            self.store.save(report, base)
            return None
        except OSError as e:
            return f"The review could not be saved ({e.strerror or e}); your changes are kept in this tab only."

    def review(self, report: Report, claim_id: str, override: str | None, note: str) -> ClaimCheck:
        return set_review(report, claim_id, override, note)

    def edit(self, report: Report, claim_id: str, text: str) -> ClaimCheck:
        """Reword one claim and re-check only it."""
        with self.lock:
            return edit_claim(report, claim_id, text, self.checker)

    def add(self, report: Report, text: str) -> ClaimCheck:
        with self.lock:
            return add_claim(report, text, self.checker)

    def merge(self, report: Report, first_id: str, second_id: str) -> ClaimCheck:
        with self.lock:
            return merge_claims(report, first_id, second_id, self.checker)

    def drop(self, report: Report, claim_id: str) -> ClaimCheck:
        return drop_claim(report, claim_id)

    def add_files(self, files: list[tuple[str, bytes]],
                  progress: Callable[[int, str], None] | None = None) -> Added:
        """Add uploaded reference files (name, content) to the shared index, file by file.

        A file that cannot be read or indexed is listed in ``failed``; the others still go in.
        ``progress(i, name)`` is called before file ``i`` is read.
        """
        added = Added()
        for i, (name, data) in enumerate(files):
            if progress:
                progress(i, name)
            try:
                docs = read_reference_upload(name, data)
                with self.lock:
                    added.documents += self.checker.index.add_documents(docs).documents
            except (InputError, IndexError_) as e:
                added.failed.append(f"Not added: {e}")
        return added


