"""A reviewer's work on one article: claim edits, verdict overrides and notes, kept on disk.

The whole reviewed report is stored (edited, added and merged claims with their evidence), not
just the overrides, so a page reload or a server restart loses nothing and re-opening a review
needs no model call. Files are keyed by the SHA-256 of the article text: the same article
pasted again finds its review, a changed article starts a new one. Writes are atomic (temp file,
then rename), so a crash mid-save leaves the previous version intact.

Several sessions (page tabs, reviewers) may work on one article at once. A save that knows what
the session last read or wrote (``base``) merges, claim by claim, with what was saved meanwhile,
under a lock on the review folder (see :func:`merge_reports`), so neither session's work is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from .export import VERDICT_LABELS
from ..files import atomic_write
from ..text import InputError, sentences
from ..types import Claim, ClaimCheck, Report

ROOT = Path(__file__).resolve().parent.parent
FORMAT_VERSION = 1
_KEY = re.compile(r"^[0-9a-f]{64}$")
LOCK_TIMEOUT_S = 10.0  # a save waits this long for another session's save (each takes milliseconds)


def reviews_dir() -> Path:
    """``$FACTCHECK_REVIEWS`` if set, else ``reviews/`` in the project folder (gitignored)."""
    return Path(os.environ.get("FACTCHECK_REVIEWS") or ROOT / "reviews")


def article_key(text: str) -> str:
    """The review key of an article: SHA-256 of its exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SavedReview:
    """One line of the store's listing."""

    key: str
    title: str
    saved: str
    claims: int
    reviewed: int


class ReviewStore:
    """Reviewed reports as one JSON file per article in a folder."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else reviews_dir()
        self.skipped: list[str] = []  # files the last list() could not read, one line each

    def path(self, key: str) -> Path:
        if not _KEY.match(key or ""):  # the key may come from a URL: never let it name another path
            raise InputError(f"not a review key: {key[:80]!r}")
        return self.folder / f"{key}.json"

    def save(self, report: Report, base: dict | None = None) -> str:
        """Write the report atomically; returns its key.

        Without ``base`` the whole report is written as it is. With ``base`` (the report as this
        session last read or wrote it, ``Report.to_dict()``), what another session saved since is
        merged in, claim by claim (:func:`merge_reports`), and ``report`` is updated in place to the
        merged result, which is what is written. Saves of one folder take turns (a lock on it).
        """
        key = article_key(report.text)
        self.folder.mkdir(parents=True, exist_ok=True)
        with _folder_lock(self.folder):
            if base is not None:
                try:
                    theirs = self.load(key)
                except InputError:  # damaged (moved aside) or another article's text: nothing to keep
                    theirs = None
                if theirs is not None:
                    merged = merge_reports(base, report, theirs)
                    for f in fields(Report):
                        setattr(report, f.name, getattr(merged, f.name))
            doc = {"format_version": FORMAT_VERSION, "key": key,
                   "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"), "report": report.to_dict()}
            _keep_unless_ours(self.path(key), key)
            atomic_write(self.path(key), json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
        return key

    def load(self, key: str) -> Report | None:
        """The saved report for ``key``, or None if there is none.

        A damaged file is moved aside (kept, never overwritten) and reported as an InputError.
        """
        path = self.path(key)
        try:
            report = _read(path)
        except FileNotFoundError:
            return None
        except OSError as e:
            raise InputError(f"the saved review {path.name} cannot be read ({e.strerror or e})") from None
        except _DAMAGED as e:
            aside = _keep_aside(path)
            kept = f"it was kept as {aside}" if aside else "another session moved it aside"
            raise InputError(f"the saved review {path.name} is damaged ({type(e).__name__}); "
                             f"{kept} and the article is checked afresh") from None
        if article_key(report.text) != key:
            raise InputError(f"the saved review {path.name} holds another article's text; it was not used")
        return report

    def list(self) -> list[SavedReview]:
        """Saved reviews, newest first. Unreadable files are left out and named in ``self.skipped``
        (one line each); ``load`` moves a damaged one aside when it is opened."""
        out, self.skipped = [], []
        for p in self.folder.glob("*.json") if self.folder.is_dir() else []:
            if not _KEY.match(p.stem):
                continue
            try:
                doc = json.loads(p.read_text(encoding="utf-8"))
                claims = doc["report"].get("claims", [])
                out.append(SavedReview(key=p.stem, title=str(doc["report"].get("title") or "article"),
                                       saved=str(doc.get("saved", "")), claims=len(claims),
                                       reviewed=sum(bool(c.get("override") or c.get("note")) for c in claims)))
            except (OSError, *_DAMAGED) as e:
                self.skipped.append(f"{p.name} cannot be read ({type(e).__name__})")
        return sorted(out, key=lambda r: r.saved, reverse=True)


# What a damaged review file raises on reading: bad UTF-8 or JSON (ValueError), a missing key, a
# value of the wrong type or shape, JSON nested past the parser's recursion limit, a huge number.
_DAMAGED = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OverflowError)


def _read(path: Path) -> Report:
    """The report in a review file, checked to hold what the page and the exports show."""
    data = path.read_bytes()
    doc = json.loads(data.decode("utf-8"))
    json.dumps(doc, ensure_ascii=False).encode("utf-8")  # a "\ud800" escape: text no page or file can hold
    report = Report.from_dict(doc["report"])
    _check_shape(report)
    return report


def _need(ok: bool, where: str) -> None:
    if not ok:
        raise TypeError(f"{where} has the wrong type")


def _check_shape(report: Report) -> None:
    """Raise TypeError for a field whose type the page or the exports cannot show (``from_dict``
    takes JSON values as they come: a number for a title, a string for a list of notes)."""
    text, num, opt_num = (str,), (int, float), (int, float, type(None))
    _need(all(isinstance(v, str) for v in (report.title, report.text, report.created, report.date)), "report")
    _need(isinstance(report.index, dict) and all(isinstance(n, str) for n in report.notes), "report index/notes")
    _need(all(isinstance(d, dict) for d in report.dropped), "report dropped")
    for c in report.checks:
        k = c.claim
        _need(all(isinstance(v, text) for v in (k.id, k.text, k.sentence, k.kind, c.note)), "claim")
        _need(isinstance(k.speaker, (str, type(None))) and isinstance(c.reason, (str, type(None))), "claim speaker/reason")
        _need(all(isinstance(n, str) for n in k.notes) and isinstance(c.confidence, opt_num), "claim notes/confidence")
        _need(c.verdict in VERDICT_LABELS and c.override in VERDICT_LABELS, "claim verdict")
        for e in c.evidence:
            src = e.passage.source
            _need(isinstance(e.passage.text, str) and all(isinstance(v, str) for v in (
                src.doc_id, src.title, src.url, src.publisher, src.date)), "evidence passage")
            _need(all(isinstance(v, opt_num) for v in (e.dense_score, e.lexical_score, e.relevance)), "evidence scores")
            _need(isinstance(e.stance, (str, type(None))) and isinstance(e.relevant, (bool, type(None))), "evidence stance")
            _need(e.probs is None or isinstance(e.probs, dict) and all(isinstance(v, num) for v in e.probs.values()),
                  "evidence probs")
            for d in (*e.differences, *e.matches):
                _need(isinstance(d, dict) and "slot" in d and all(isinstance(d.get(side), dict) and isinstance(d[side].get("text"), str)
                                                  and all(isinstance(d[side].get(i, 0), int) for i in ("start", "end"))
                                                  for side in ("claim", "passage")), "evidence slots")


def _keep_aside(path: Path) -> str | None:
    """Move a damaged review out of the way under a name of its own (never over an earlier one);
    the new name, or None if it is gone already (another session moved it)."""
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    for n in range(1000):
        aside = path.with_name(f"{path.stem}.damaged-{stamp}{f'-{n}' if n else ''}.json")
        if not aside.exists():
            try:
                os.replace(path, aside)
            except FileNotFoundError:
                return None
            return aside.name
    raise InputError(f"the saved review {path.name} is damaged and too many copies are kept beside it")


def _keep_unless_ours(path: Path, key: str) -> None:
    """Before a save replaces ``path``: a file there that is not a readable review of this article
    (damaged, or another article's text put under this name) is moved aside, not overwritten."""
    try:
        ours = article_key(_read(path).text) == key
    except FileNotFoundError:
        return
    except (OSError, *_DAMAGED):
        ours = False
    if not ours:
        _keep_aside(path)


@contextmanager
def _folder_lock(folder: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """An exclusive lock on the review folder itself (no lock file beside the reviews), across
    processes and threads; TimeoutError (an OSError) if another save holds it for ``timeout``."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: saves are still atomic, just not merged under a lock
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another session kept the review folder {folder} locked") from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # releases the lock


def merge_reports(base: dict, mine: Report, theirs: Report) -> Report:
    """Three-way merge of one article's review, claim by claim (by claim id).

    ``base`` is the report as this session last read or wrote it; ``mine`` is the session's report
    now; ``theirs`` is what is saved now (another session may have saved since ``base``).

    What "neither is lost" means: a claim this session changed since ``base`` (its verdict, note,
    wording or evidence; or added, merged or dropped it) is taken from ``mine``; every other claim is
    taken from ``theirs``, with what the other session changed, added or dropped. So two sessions
    reviewing different claims both keep their work. If both changed the same claim, the later save
    wins for that claim (all of it: verdict, note and wording come from one session, never mixed).
    The report's own fields (title, date, notes, ...) follow the same rule. Claims keep ``mine``'s
    order; a claim only ``theirs`` has goes after the claim it follows there.
    """
    was = {c["id"]: c for c in base.get("claims", [])}
    now = {c.claim.id: c for c in mine.checks}
    saved = {c.claim.id: c for c in theirs.checks}

    def changed(cid: str) -> bool:
        return (cid in was) != (cid in now) or (cid in now and now[cid].to_dict() != was[cid])

    keep = {cid: now[cid] if changed(cid) else saved[cid]
            for cid in [*now, *saved] if (cid in now if changed(cid) else cid in saved)}
    order = [cid for cid in now if cid in keep]
    for i, cid in enumerate(saved):
        if cid in keep and cid not in order:
            before = [p for p in list(saved)[:i] if p in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, cid)
    mine_fields, base_fields = mine.to_dict(), {k: v for k, v in base.items() if k != "claims"}
    out = {k: mine_fields[k] if k in base_fields and mine_fields[k] != base_fields[k] else theirs_v
           for k, theirs_v in theirs.to_dict().items() if k not in ("claims", "text")}
    return Report.from_dict({**out, "text": mine.text, "claims": [keep[cid].to_dict() for cid in order]})


# ---- the reviewer's changes to a report ----------------------------------------------------

class ClaimChecker(Protocol):
    """What re-checking needs: :meth:`factcheck.pipeline.Checker.check_claims`."""

    def check_claims(self, claims: list[Claim]) -> list[ClaimCheck]: ...


def _find(report: Report, claim_id: str) -> int:
    for i, c in enumerate(report.checks):
        if c.claim.id == claim_id:
            return i
    raise InputError(f"no claim {claim_id!r} in this report")


def _checked(checker: ClaimChecker, claim: Claim, old: ClaimCheck | None) -> ClaimCheck:
    """Re-check one claim, keeping the reviewer's override and note from the claim it replaces."""
    new = checker.check_claims([claim])[0]
    if old is not None:
        new.override, new.note = old.override, old.note
    return new


def _clean(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InputError("a claim cannot be empty")
    return text


def set_review(report: Report, claim_id: str, override: str | None, note: str) -> ClaimCheck:
    """Record the reviewer's verdict (None: keep the suggested one) and note on a claim."""
    if override is not None and override not in VERDICT_LABELS:
        raise InputError(f"unknown verdict {override!r}")
    check = report.checks[_find(report, claim_id)]
    check.override, check.note = override or None, note or ""
    return check


def edit_claim(report: Report, claim_id: str, text: str, checker: ClaimChecker) -> ClaimCheck:
    """Reword a claim and re-check only it; its sentence and span in the article stay."""
    i = _find(report, claim_id)
    old = report.checks[i]
    report.checks[i] = _checked(checker, replace(old.claim, text=_clean(text)), old)
    return report.checks[i]


def drop_claim(report: Report, claim_id: str) -> ClaimCheck:
    """Remove a claim from the report (the article itself is untouched)."""
    return report.checks.pop(_find(report, claim_id))


def add_claim(report: Report, text: str, checker: ClaimChecker) -> ClaimCheck:
    """Add a claim the extractor missed; if its words appear in the article, it gets that sentence."""
    text = _clean(text)
    taken = {c.claim.id for c in report.checks}
    n = 1
    while f"a{n}" in taken:
        n += 1
    start = end = 0
    sentence = ""
    at = report.text.find(text.rstrip("."))
    if at >= 0:
        for s in sentences(report.text):
            if s.start <= at < s.end:
                start, end, sentence = s.start, s.end, s.text
                break
    claim = Claim(id=f"a{n}", text=text, sentence=sentence, start=start, end=end, date=report.date,
                  context=report.text)
    check = _checked(checker, claim, None)
    report.checks.append(check)
    return check


def merge_claims(report: Report, first_id: str, second_id: str, checker: ClaimChecker,
                 text: str | None = None) -> ClaimCheck:
    """Join two claims into one (in the first one's place) and re-check only the result.

    The text defaults to both wordings joined; the span covers both sentences; notes are kept.
    """
    if first_id == second_id:
        raise InputError("pick two different claims to merge")
    i, j = _find(report, first_id), _find(report, second_id)
    a, b = report.checks[i], report.checks[j]
    joined = text or f"{a.claim.text.rstrip('. ')}; {b.claim.text[:1].lower() + b.claim.text[1:]}"
    spans = [c.claim for c in (a, b) if c.claim.end > c.claim.start]
    start = min((c.start for c in spans), default=0)
    end = max((c.end for c in spans), default=0)
    claim = Claim(id=f"{a.claim.id}+{b.claim.id}", text=_clean(joined),
                  sentence=report.text[start:end] if end > start else "", start=start, end=end,
                  speaker=a.claim.speaker or b.claim.speaker, kind="statement", date=a.claim.date,
                  context=report.text)
    merged = _checked(checker, claim, None)
    merged.override = a.override if a.override == b.override else None
    merged.note = " / ".join(n for n in (a.note, b.note) if n)
    report.checks[i] = merged
    del report.checks[j]
    return merged


def carry_reviews(old: Report, new: Report) -> int:
    """Copy overrides and notes onto a fresh check of the same article, matched by claim text.

    Re-checking from scratch (new settings, new reference documents) must not throw away what
    the reviewer already decided. Returns how many claims got their review back.
    """
    by_text = {c.claim.text: c for c in old.checks if c.override or c.note}
    n = 0
    for c in new.checks:
        prev = by_text.get(c.claim.text)
        if prev is not None:
            c.override, c.note = prev.override, prev.note
            n += 1
    return n
