"""Real crashes: `factcheck index add` and `factcheck report` killed with SIGKILL at random moments.

Each command runs as a user runs it (``python -m factcheck``, a subprocess that loads its models).
A normal run is timed first (with the moments its files change), then runs are killed at a delay
drawn at random across that duration, across its write path only, or just after one of its writes
began (the SQLite commit, the vector file's or the manifest's temp file, a report file), so the
kills land while it loads, embeds, commits and replaces files. After every kill:

* ``index add``: the batch is wholly present (every document with all its passages, vectors and
  full-text rows) or wholly absent, the documents there before are untouched, and the index passes
  ``index check`` either at once ("clean") or after the normal open rebuilt a stale vector file and
  manifest from the database ("self-healed": the kill came after the commit and before both files
  were replaced; nothing but derived files may be wrong then). The outcomes and the kill moments are
  printed (``pytest -s``) and named on failure.
* ``report``: every report on disk is whole and matches its article, and the rerun resumes: the
  articles already done are skipped, each report exists exactly once, summary.csv has one row per
  article, and no half-written file is left under a report's name.

Kills: 4 + 2 in the default run (about a minute), 24 + 8 at full strength (``make test-hardening``).
The seed is ``$FACTCHECK_CRASH_SEED`` if set, else drawn and printed; a failure names it and every
kill moment.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conftest import FULL_STRENGTH, ROOT

from factcheck.corpus.check import check_index
from factcheck.corpus.index import DB, MANIFEST, VECTORS, Index
from factcheck.corpus.ingest import chunk, load_documents, read_article

ADD_KILLS = 24 if FULL_STRENGTH else 4
REPORT_KILLS = 8 if FULL_STRENGTH else 2
SEED = int(os.environ.get("FACTCHECK_CRASH_SEED") or random.SystemRandom().randrange(1 << 30))
POLL_S = 0.0005
TIMEOUT_S = 240
WORDS = "amber basalt cobalt delta ember fjord garnet harbor indigo jasper kelp lagoon meadow nickel".split()


@dataclass
class Kill:
    """One run and where it was killed: for the failure message and the test's log."""

    n: int
    mode: str
    target: str
    killed_at: float | None = None
    events: dict = field(default_factory=dict)
    outcome: str = ""

    def __str__(self) -> str:
        at = f"killed at {self.killed_at:.3f}s" if self.killed_at is not None else "finished before the kill"
        seen = ", ".join(f"{k} {v:.3f}s" for k, v in sorted(self.events.items(), key=lambda kv: kv[1]))
        return f"#{self.n} {self.mode} ({self.target}): {at}; seen: {seen or 'nothing'}; {self.outcome}"


class Log:
    def __init__(self, name: str):
        self.name, self.kills = name, []
        self.rng = random.Random(f"{SEED}-{name}")
        print(f"{name}: seed {SEED} (FACTCHECK_CRASH_SEED={SEED} replays the draws)")

    def context(self) -> str:
        return f"seed {SEED}; kills so far:\n  " + "\n  ".join(map(str, self.kills))


def _files(folder: Path) -> dict[str, int]:
    """The folder's files by name, with their inode (a file replaced by a rename gets a new one)."""
    out = {}
    for name in os.listdir(folder):
        try:
            out[name] = os.stat(folder / name).st_ino
        except FileNotFoundError:
            pass
    return out


def _events(folder: Path, watch: dict[str, Callable], seen: dict, t: float, before: dict[str, int]) -> None:
    """Note the first moment each watched write was seen: ``watch`` tests the names of the files that
    are new or replaced since the run began."""
    fresh = {name for name, inode in _files(folder).items() if before.get(name) != inode}
    for event, test in watch.items():
        if event not in seen and test(folder, fresh):
            seen[event] = t


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def run_killed(args: list[str], watch_dir: Path, watch: dict, delay: float, event: str | None, record: Kill) -> bool:
    """Run the command; SIGKILL it ``delay`` s after its start (``event`` None) or after ``event`` was
    first seen; True when it was killed, False when it finished first."""
    before = _files(watch_dir)
    with open(watch_dir.parent / f"stderr-{record.n}.txt", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=err)
        start = time.monotonic()
        try:
            while proc.poll() is None:
                now = time.monotonic() - start
                _events(watch_dir, watch, record.events, now, before)
                due = delay if event is None else (record.events[event] + delay if event in record.events else None)
                if due is not None and now >= due:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait()
                    if proc.returncode == -signal.SIGKILL:
                        record.killed_at = now
                        return True
                    break
                if now > TIMEOUT_S:
                    raise AssertionError(f"{args[0]} ran over {TIMEOUT_S} s")
                time.sleep(POLL_S)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode in (0, 1), (watch_dir.parent / f"stderr-{record.n}.txt").read_text()
    return False


def timed_run(args: list[str], watch_dir: Path, watch: dict, record: Kill) -> float:
    """A normal run: its duration, with the moments of its writes in ``record.events``."""
    start = time.monotonic()
    assert not run_killed(args, watch_dir, watch, float("inf"), None, record)
    record.outcome = "finished"
    return time.monotonic() - start


def draw(log: Log, i: int, duration: float, events: dict, write_path) -> tuple[str, float, str | None]:
    """The i-th kill moment (delay, and the event it counts from, None: the start): across the whole
    run, across its write path (``write_path(rng)``), or within a millisecond of one of its writes."""
    mode = ("whole run", "write path", "event")[i % 3]
    if mode == "whole run":
        return mode, log.rng.uniform(0.2, duration), None
    if mode == "write path":
        return (mode, *write_path(log.rng))
    return mode, log.rng.uniform(0.0, 0.001), log.rng.choice(sorted(events))


# ---- index add ---------------------------------------------------------------------------------

def _write_batch(folder: Path, rng: random.Random) -> dict[str, list[str]]:
    """A handful of small documents, each with a word of its own; their expected passages by id."""
    folder.mkdir()
    for i in range(6):
        words = rng.sample(WORDS, 6)
        paragraphs = [f"Report {i} on the {words[0]} works. The quorvex{i} site holds {rng.randint(10, 999)} "
                      f"{words[1]} crates. It opened in {rng.randint(1950, 2024)}.",
                      f"Inspectors counted {rng.randint(2, 90)} {words[2]} pallets near the {words[3]} gate. "
                      f"The {words[4]} line was closed for repairs."]
        if i % 2:
            paragraphs.append(f"A third note mentions the {words[5]} yard and quorvex{i} again.")
        (folder / f"gen-{i}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return {d.doc_id: [c.text for c in chunk(d.text)]
            for f in sorted(folder.iterdir()) for d in load_documents(f)}


def _stored(path: Path) -> tuple[dict, dict]:
    """(documents, passages by document) as stored, read-only: {doc_id: row}, {doc_id: [(id, start,
    end, text, vector)]}."""
    db = sqlite3.connect((path / DB).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        docs = {r[0]: r for r in db.execute("SELECT doc_id, title, url, publisher, date, path, extra, added "
                                            "FROM documents")}
        passages: dict[str, list] = {}
        for row in db.execute("SELECT doc_id, id, start, end, text, vector FROM passages ORDER BY id"):
            passages.setdefault(row[0], []).append(row[1:])
        return docs, passages
    finally:
        db.close()


def _verify_add(path: Path, batch: dict[str, list[str]], before: tuple[dict, dict], embedder) -> str:
    """The invariants after a killed `index add`; returns what was found ("absent/present, clean/self-healed")."""
    docs, passages = _stored(path)
    present = {d for d in batch if d in docs}
    for doc_id in present:
        rows = passages.get(doc_id, [])
        assert [r[3] for r in rows] == batch[doc_id], f"{doc_id}: partial or wrong passages"
        assert all(len(r[4]) == 384 * 4 for r in rows), f"{doc_id}: a vector of the wrong size"
    assert not {d for d in batch if d not in docs and d in passages}, "passages of an absent document"
    assert present in (set(), set(batch)), f"half a batch stored (one transaction): {sorted(present)}"
    old_docs, old_passages = before
    assert {d: docs.get(d) for d in old_docs} == old_docs, "a document there before was changed"
    assert {d: passages.get(d) for d in old_passages} == old_passages, "a passage there before was changed"

    found = check_index(path)
    state = "present" if present else "absent"
    if found.ok:
        outcome = f"batch {state}, check clean"
    else:
        assert {p.part for p in found.problems} <= {VECTORS, MANIFEST}, [str(p) for p in found.problems]
        index = Index.open(path, embedder=embedder)  # the normal open: rebuilds the stale vector file
        index.search_dense(embedder.encode(["quorvex"]), 1)
        index.close()
        healed = check_index(path)
        assert healed.ok, [str(p) for p in healed.problems]
        outcome = f"batch {state}, self-healed ({'; '.join(str(p) for p in found.problems)})"
    index = Index.open(path, embedder=embedder)
    try:  # what a reader sees agrees: each document's own word finds its passages iff it is stored
        for i, doc_id in enumerate(sorted(batch)):
            hits = {index.passages([pid])[pid].source.doc_id
                    for pid, _ in index.search_lexical([f"quorvex{doc_id.split('-')[1]}"], 10)[0]}
            assert hits == ({doc_id} if present else set()), (doc_id, hits)
        dense = index.search_dense(embedder.encode([batch["gen-0"][0]]), 1)[0]
        top = index.passages([dense[0][0]])[dense[0][0]]
        assert (top.source.doc_id == "gen-0") == bool(present)
    finally:
        index.close()
    return outcome


def test_index_add_killed_at_random_moments(small_index, embedder, tmp_path):
    log = Log("index add")
    small_index.close()
    pristine = small_index.path
    batch = _write_batch(tmp_path / "batch", log.rng)
    before = _stored(pristine)
    watch = {"commit": lambda p, names: _size(p / f"{DB}-wal") > 0,  # no reader writes to the WAL
             "vectors temp": lambda p, names: any(n.startswith(f".{VECTORS}.") for n in names),
             "manifest temp": lambda p, names: any(n.startswith(f".{MANIFEST}.") for n in names)}

    def copy(n: int) -> Path:
        target = tmp_path / f"run{n}" / "index"
        shutil.copytree(pristine, target)
        return target

    calibration = Kill(0, "normal run", "all")
    path = copy(0)
    duration = timed_run(["index", "add", str(tmp_path / "batch"), "--index", str(path)], path, watch, calibration)
    log.kills.append(calibration)
    assert set(batch) <= set(_stored(path)[0]) and check_index(path).ok
    # the write path: the end of loading and the embedding (~1.5 s before the commit), the commit,
    # the vector file and the manifest
    write_from = max(0.0, calibration.events["commit"] - 1.5)
    write_to = max(calibration.events.values()) + 0.05
    print(f"normal run {duration:.2f}s, writes at {calibration.events}")

    kills = attempts = 0
    outcomes: dict[str, int] = {}
    while kills < ADD_KILLS:
        attempts += 1
        assert attempts <= ADD_KILLS * 3, "too many runs finished before their kill\n" + log.context()
        mode, delay, event = draw(log, attempts, duration, calibration.events,
                                  lambda rng: (rng.uniform(write_from, write_to), None))
        record = Kill(attempts, mode, event or f"{delay:.3f}s after start")
        log.kills.append(record)
        path = copy(attempts)
        killed = run_killed(["index", "add", str(tmp_path / "batch"), "--index", str(path)], path, watch, delay,
                            event, record)
        try:
            record.outcome = _verify_add(path, batch, before, embedder)
        except AssertionError as e:
            raise AssertionError(f"{e}\nafter {record}\n{log.context()}") from None
        if killed:
            kills += 1
            key = record.outcome.split(" (")[0]
            outcomes[key] = outcomes.get(key, 0) + 1
        shutil.rmtree(path.parent)
    print(f"index add: {kills} kills in {attempts} runs; outcomes {outcomes}")
    print(log.context())


# ---- report ------------------------------------------------------------------------------------

ARTICLE_TEXT = ("Town council news\n\nThe town of {name} has {people} inhabitants, the mayor said on Monday. "
                "Russia annexed Crimea in March 2014. The talks in Istanbul lasted about six hours.\n")


def _articles(folder: Path, rng: random.Random, n: int = 3) -> dict[str, str]:
    """A few short articles; the sha256 a report records for each (of the text as the command reads it)."""
    folder.mkdir()
    digests = {}
    for i in range(n):
        name = f"article-{i}"
        text = ARTICLE_TEXT.format(name=rng.choice(WORDS).title() + "ton", people=rng.randint(100, 99999))
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        digests[name] = hashlib.sha256(read_article(folder / f"{name}.txt")[1].encode()).hexdigest()
    return digests


def _verify_reports(out: Path, digests: dict[str, str], final: bool, unfinished: frozenset = frozenset()
                    ) -> dict[str, int]:
    """Every report on disk is whole and matches its article (and, when ``final``, every article has
    exactly one); returns the finished reports' modification times, to tell a skipped article from a
    redone one. ``unfinished``: articles whose JSON the test left without its Markdown."""
    names = set(digests)
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    expected = {f"{n}.{ext}" for n in names for ext in ("json", "md")} | {"summary.csv"}
    assert set(visible) <= expected, f"unexpected files: {sorted(set(visible) - expected)}"
    for hidden in (p.name for p in out.iterdir() if p.name.startswith(".")):
        stem = hidden[1:].rsplit(".", 1)[0]  # an atomic write's temp file: .NAME.json.XXXXXXXX
        assert stem in expected and not hidden.endswith((".json", ".md", ".csv")), f"stray file {hidden}"
    times = {}
    for name in names:
        json_path, md_path = out / f"{name}.json", out / f"{name}.md"
        if json_path.exists():
            report = json.loads(json_path.read_text(encoding="utf-8"))
            assert report["sha256"] == digests[name], f"{name}.json is the report of another text"
            if md_path.exists():
                times[name] = json_path.stat().st_mtime_ns
            else:
                assert name in unfinished, f"{name}.json is there without {name}.md"
        if md_path.exists():
            assert md_path.read_text(encoding="utf-8").startswith("#"), f"{name}.md is not a whole report"
        if final:
            assert json_path.exists() and md_path.exists(), f"{name}: no report after the resumed run"
    summary = out / "summary.csv"
    if summary.exists():
        rows = list(csv.DictReader(summary.open(encoding="utf-8")))
        articles = [Path(r["article"]).stem for r in rows]
        assert len(articles) == len(set(articles)), f"summary.csv repeats an article: {articles}"
        if final:
            assert sorted(articles) == sorted(names) and not any(r["error"] for r in rows), rows
    else:
        assert not final, "no summary.csv after the resumed run"
    return times


def test_report_killed_then_resumed(small_index, tmp_path):
    log = Log("report")
    small_index.close()
    digests = _articles(tmp_path / "articles", log.rng)
    names = sorted(digests)
    watch = {f"{what} {n}": (lambda p, names, f=f"{n}.{ext}": f in names) if what.startswith("wrote")
             else (lambda p, names, f=f".{n}.{ext}.": any(x.startswith(f) for x in names))
             for n in names for ext in ("json", "md") for what in (f"writing {ext} of", f"wrote {ext} of")}
    watch["summary"] = lambda p, names: "summary.csv" in names
    watch["first report write"] = lambda p, names: any(n.startswith(".") and not n.startswith(".summary")
                                                       for n in names)  # whichever article is redone first

    def args(out: Path) -> list[str]:
        return ["report", str(tmp_path / "articles"), "--out", str(out), "--index", str(small_index.path)]

    calibration = Kill(0, "normal run", "all")
    first_out = tmp_path / "calibration"
    first_out.mkdir()
    duration = timed_run(args(first_out), first_out, watch, calibration)
    log.kills.append(calibration)
    kept = _verify_reports(first_out, digests, final=True)

    # The first chain starts from these reports with the two states a kill between an article's two
    # files leaves (each file itself is replaced in one rename): its Markdown without its JSON, and
    # its JSON without its Markdown (the order before the fix). That window is well under a
    # millisecond, too short to hit by polling, so both are made here: the resumed runs must redo
    # those two articles and skip the third.
    (first_out / f"{names[1]}.md").unlink()
    (first_out / f"{names[2]}.json").unlink()
    starts = [(first_out, {names[0]: kept[names[0]]}, {names[1]})]
    first = "first report write"  # the reports are written in a burst at the end
    span = max(calibration.events.values()) - calibration.events[first] + 0.05
    print(f"normal run {duration:.2f}s, writes at {calibration.events}")

    kills = runs = chains = skipped = 0

    def one_run(out: Path, record: Kill, done: dict[str, int], unfinished: set, delay: float,
                event: str | None) -> tuple:
        log.kills.append(record)
        killed = run_killed(args(out), out, watch, delay, event, record)
        try:
            times = _verify_reports(out, digests, final=not killed, unfinished=frozenset(unfinished))
            unfinished.difference_update(times)
            assert all(times.get(n) == t for n, t in done.items()), "a report finished before the kill was redone"
        except AssertionError as e:
            raise AssertionError(f"{e}\nafter {record}\n{log.context()}") from None
        record.outcome = f"{len(times)} of {len(names)} reports on disk ({len(done)} kept from before)"
        return killed, times

    while kills < REPORT_KILLS:  # a chain: killed, resumed and killed again, then resumed to the end
        chains += 1
        if starts:
            out, done, unfinished = starts.pop()
        else:
            out, done, unfinished = tmp_path / f"chain{chains}", {}, set()
            out.mkdir()
        finished = False
        for _ in range(2):
            if kills >= REPORT_KILLS:
                break
            runs += 1
            assert runs <= REPORT_KILLS * 4, "too many runs finished before their kill\n" + log.context()
            mode, delay, event = draw(log, runs, duration, calibration.events,
                                      lambda rng: (rng.uniform(0.0, span), first))
            killed, times = one_run(out, Kill(runs, mode, event or f"{delay:.3f}s after start"), done, unfinished,
                                    delay, event)
            skipped += len(done)
            done = times
            if not killed:
                finished = True
                break
            kills += 1
        if not finished:
            runs += 1
            killed, _ = one_run(out, Kill(runs, "resume", "to the end"), done, unfinished, float("inf"), None)
            assert not killed
            skipped += len(done)
    print(f"report: {kills} kills in {runs} runs ({chains} chains); {skipped} finished reports skipped on resume")
    print(log.context())
