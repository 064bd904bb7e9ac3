"""Concurrency on real indexes and real models: writers at once, readers during writes, page sessions
sharing one checker in threads, and two sessions saving one article's review.

Default run: modest counts (about a minute). ``make test-hardening`` (``FULL_STRENGTH``) scales
every count up. Processes are started with ``spawn`` (no fork of a process that already runs
model threads), so each loads its own models, as separate users' commands would.

What each test holds to:

- Two writers on one index: each either waits for the lock and succeeds, or fails with the
  one-line IndexLocked message; a failed batch left nothing, a successful one is whole; the
  index is consistent afterwards (vector file ids = passage ids = full-text rows, manifest = database).
- Readers during writes: a reader never fails, every vector id it finds has its passage, and every
  result equals the result before the write or the one after it (never a mix).
- Shared models: threads checking different articles through one checker's objects get exactly
  what a run alone gets.
- Reviews: two sessions saving different claims of one article lose neither's work; on a claim
  both edit the later save wins (``factcheck.report.reviews.merge_reports``); the file is always
  valid JSON.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing as mp
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from conftest import FULL_STRENGTH, ROOT, SEEDS, SMALL_DOCS

from factcheck.corpus.index import DB, MANIFEST, VECTORS, Index, IndexLocked, build, vector_ids
from factcheck.corpus.ingest import Document, chunk, find_sources, load_documents

CTX = mp.get_context("spawn")

# Counts: default run / FULL_STRENGTH.
CLI_ROUNDS = 3 if FULL_STRENGTH else 1          # rounds of two `factcheck index add` at once
WRITERS = 4 if FULL_STRENGTH else 2             # writer processes adding at once
WRITER_ROUNDS = 10 if FULL_STRENGTH else 4      # rounds each (even: a slow holder, short waits; odd: long waits)
WRITES = 60 if FULL_STRENGTH else 15            # writes (add, replace, remove) while readers read
READERS = ("search", "checker") * (2 if FULL_STRENGTH else 1)  # reader processes
THREAD_READERS = 6 if FULL_STRENGTH else 3      # threads reading one shared Index while a thread writes
THREAD_WRITES = 60 if FULL_STRENGTH else 15
THREADS = 8 if FULL_STRENGTH else 6             # threads checking different articles at once
THREAD_ROUNDS = 3 if FULL_STRENGTH else 1
REVIEW_ROUNDS = 300 if FULL_STRENGTH else 40    # saves per session

QUERIES = ["Where were the embassy talks held?", "Russian and US diplomats met in Istanbul on 27 February 2025",
           "Who announced the meeting?", "The talks lasted about six hours", "Black Sea grain deal signed"]
MARKERS = [Document(f"marker-{i}", text, title=f"Marker {i}", publisher="Test wire", date="2025-02-28")
           for i, text in enumerate([
               "Russian and US diplomats met in Istanbul on 27 February 2025; the embassy talks lasted six hours.",
               "The Istanbul embassy talks were announced by the Russian foreign ministry on Wednesday.",
               "A Black Sea grain deal was discussed when diplomats met in Istanbul in February 2025."])]
READER_ARTICLE = ("Russian and US diplomats met in Istanbul on Thursday to discuss the work of their embassies. "
                  "The talks lasted about six hours. The meeting was announced by the Russian foreign ministry.")


# ---- helpers ---------------------------------------------------------------------------------

def sample_docs() -> list[Document]:
    return [d for f in find_sources([SEEDS / "reference"]) for d in load_documents(f)]


def index_problems(path: Path) -> list[str]:
    """What is inconsistent in the index folder at ``path`` (read-only): orphan passages, vector
    file ids vs passage ids vs full-text rows, manifest vs database, vectors of the wrong size."""
    import faiss

    db = sqlite3.connect(f"file:{path / DB}?mode=ro", uri=True)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        ids = np.array([r[0] for r in db.execute("SELECT id FROM passages ORDER BY id")], dtype=np.int64)
        fts = np.array([r[0] for r in db.execute("SELECT id FROM passages_fts_docsize ORDER BY id")], dtype=np.int64)
        docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        orphans = db.execute("SELECT COUNT(*) FROM passages p LEFT JOIN documents d ON d.doc_id = p.doc_id "
                             "WHERE d.doc_id IS NULL").fetchone()[0]
        bad_vectors = db.execute("SELECT COUNT(*) FROM passages WHERE length(vector) != ?",
                                 (int(meta["dimension"]) * 4,)).fetchone()[0]
    finally:
        db.close()
    problems = [f"{orphans} passages without their document"] * bool(orphans)
    problems += [f"{bad_vectors} vectors of the wrong size"] * bool(bad_vectors)
    if not np.array_equal(fts, ids):
        problems.append(f"full-text rows {len(fts)} != passages {len(ids)}")
    held = np.sort(vector_ids(faiss.read_index(str(path / VECTORS))))
    if not np.array_equal(held, ids):
        problems.append(f"vector file holds {len(held)} ids, not the {len(ids)} passages' ids")
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    if (manifest["generation"], manifest["documents"], manifest["passages"]) != (int(meta["generation"]), docs, len(ids)):
        problems.append(f"manifest {manifest['generation'], manifest['documents'], manifest['passages']} != "
                        f"database {int(meta['generation']), docs, len(ids)}")
    return problems


def stored(path: Path) -> dict[str, list[str]]:
    """doc_id -> its passages' texts in order, straight from the database."""
    db = sqlite3.connect(f"file:{path / DB}?mode=ro", uri=True)
    try:
        out: dict[str, list[str]] = {}
        for doc_id, text in db.execute("SELECT doc_id, text FROM passages ORDER BY id"):
            out.setdefault(doc_id, []).append(text)
        for (doc_id,) in db.execute("SELECT doc_id FROM documents"):
            out.setdefault(doc_id, [])
        return out
    finally:
        db.close()


def batch(name: str, n: int = 3) -> list[Document]:
    """``n`` distinct documents, one of them long enough for several passages."""
    docs = [Document(f"{name}-{k}", f"Batch {name} document {k}: the delegations of {name} met on day {k} "
                                    f"in Istanbul and talked for {k + 2} hours about embassy staff.",
                     title=f"{name} {k}", publisher="Wire")
            for k in range(n)]
    docs[0].text = " ".join(f"Sentence {i} of the long document of batch {name} says the talks went on for "
                            f"{i} hours and covered visas, staff numbers and property." for i in range(40))
    return docs


def assert_whole(path: Path, docs: list[Document], present: bool) -> None:
    """Each document of a batch is stored with exactly its passages (present) or not at all."""
    have = stored(path)
    for d in docs:
        if present:
            assert have.get(d.doc_id) == [c.text for c in chunk(d.text)], f"{d.doc_id} is not whole"
        else:
            assert d.doc_id not in have, f"{d.doc_id} of a refused batch was stored"


def one_line_locked(message: str) -> bool:
    lines = [line for line in message.splitlines() if line.strip()]
    return len(lines) == 1 and "another process is writing to this index" in lines[0] and "try again" in lines[0]


def result_sig(results) -> tuple:
    """A retrieval result without passage ids (they change when a document is added again)."""
    return tuple(tuple((e.passage.source.doc_id, e.passage.start, e.passage.end, round(e.score, 4)) for e in hits)
                 for hits in results)


def expected_results(path: Path, queries: list[str]) -> tuple:
    from factcheck.corpus.embed import Embedder
    from factcheck.retrieve import HybridRetriever

    index = Index.open(path, embedder=Embedder(cache_size=0))
    try:
        return result_sig(HybridRetriever(index).retrieve(queries, 5))
    finally:
        index.close()


# ---- 1. two writers at once --------------------------------------------------------------------

def test_two_cli_writers_at_once(tmp_path, embedder):
    """`factcheck index add` twice at once on one index: both finish (one waited for the other),
    or one fails with the one-line lock message; nothing half-written, the index consistent."""
    path = build(tmp_path / "index", [list(SMALL_DOCS)], embedder).path
    outcomes = []
    for r in range(CLI_ROUNDS):
        batches = [batch(f"cli{r}w{w}") for w in range(2)]
        files = []
        for w, docs in enumerate(batches):
            f = tmp_path / f"cli{r}w{w}.jsonl"
            f.write_text("".join(json.dumps({"id": d.doc_id, "title": d.title, "publisher": d.publisher,
                                             "text": d.text}) + "\n" for d in docs), encoding="utf-8")
            files.append(f)
        procs = [subprocess.Popen([sys.executable, "-m", "factcheck", "index", "add", str(f), "--index", str(path)],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files]
        for p, docs in zip(procs, batches):
            _, err = p.communicate(timeout=300)
            err = err.decode("utf-8", "replace")
            if p.returncode == 0:
                outcomes.append("ok")
                assert_whole(path, docs, present=True)
            else:
                outcomes.append("locked")
                assert p.returncode == 2 and one_line_locked(err), err
                assert_whole(path, docs, present=False)
        assert index_problems(path) == []
    assert "ok" in outcomes


def _writer_rounds(path: str, w: int, rounds: int, barrier, results) -> None:
    """Writer process: each round, add its own batch at the same moment as the other writers.
    Even rounds: waits of 0.05 s, and whoever gets the lock holds it a while (a slow batch), so the
    others are refused; odd rounds: waits of 60 s, so everyone gets through in turn."""
    index = Index.open(Path(path))
    for r in range(rounds):
        docs = batch(f"w{w}r{r}")
        index.lock_timeout = 0.05 if r % 2 == 0 else 60.0
        slow = (lambda n: time.sleep(0.3)) if r % 2 == 0 else None
        barrier.wait(timeout=120)
        try:
            res = index.add_documents(docs, progress=slow)
            results.put((w, r, "ok", f"{res.documents} documents, {res.passages} passages"))
        except IndexLocked as e:
            results.put((w, r, "locked", str(e)))
        except Exception:  # noqa: BLE001 - reported to the test, which fails on it
            results.put((w, r, "error", traceback.format_exc()))
    index.close()


def test_writer_processes_wait_or_fail_cleanly(tmp_path, embedder):
    path = build(tmp_path / "index", [list(SMALL_DOCS)], embedder).path
    barrier, results = CTX.Barrier(WRITERS), CTX.Queue()
    procs = [CTX.Process(target=_writer_rounds, args=(str(path), w, WRITER_ROUNDS, barrier, results))
             for w in range(WRITERS)]
    for p in procs:
        p.start()
    got = [results.get(timeout=300) for _ in range(WRITERS * WRITER_ROUNDS)]
    for p in procs:
        p.join(timeout=60)
    assert not [g for g in got if g[2] == "error"], [g[3] for g in got if g[2] == "error"][:1]
    for w, r, outcome, message in got:
        if outcome == "locked":
            assert one_line_locked(message), message
            assert r % 2 == 0  # a long wait never gives up
        assert_whole(path, batch(f"w{w}r{r}"), present=outcome == "ok")
    locked = sum(g[2] == "locked" for g in got)
    assert locked >= 1 and all(sum(g[2] == "ok" for g in got if g[1] == r) >= 1 for r in range(WRITER_ROUNDS))
    assert set(stored(path)) == {d.doc_id for d in SMALL_DOCS} | {
        d.doc_id for w, r, outcome, _ in got if outcome == "ok" for d in batch(f"w{w}r{r}")}
    assert index_problems(path) == []
    print(f"\n{WRITERS} writers x {WRITER_ROUNDS} rounds: {len(got) - locked} added, {locked} refused with the lock message")


# ---- 2. readers while a writer adds and removes --------------------------------------------------

def _reader(path: str, kind: str, ready, go, stop, results, expected: dict) -> None:
    """Reader process. 'search', by turns: with one Index kept open (as the page keeps it), hybrid
    retrieval plus a raw dense + lexical search whose ids must all have passages, all in one read
    view; and with the index opened afresh (as each CLI run opens it). 'checker': full checks of an
    article with one Index kept open. Every result must equal the one before or the one after a write."""
    from factcheck.corpus.embed import Embedder
    from factcheck.pipeline import Checker
    from factcheck.retrieve import HybridRetriever

    embedder = Embedder(cache_size=0)  # a vector depends only on its own batch: results are comparable
    index = Index.open(Path(path), embedder=embedder)
    checker = Checker(index) if kind == "checker" else None
    counts = {"reads": 0, "fresh opens": 0, "before": 0, "after": 0, "mixed": 0, "failures": 0, "lost ids": 0}
    examples: list[str] = []
    first = True
    while first or not stop.is_set():
        try:
            if kind == "checker":
                report = checker.check(READER_ARTICLE, title="reader")
                sig = result_sig([c.evidence for c in report.checks])
                want = expected["checker"]
            elif counts["reads"] % 2:
                fresh = Index.open(Path(path), embedder=embedder)
                sig = result_sig(HybridRetriever(fresh).retrieve(QUERIES, 5))
                fresh.close()
                counts["fresh opens"] += 1
                want = expected["queries"]
            else:
                with index.reading():
                    sig = result_sig(HybridRetriever(index).retrieve(QUERIES, 5))
                    dense = index.search_dense(embedder.encode(QUERIES), 50)
                    lexical = index.search_lexical(QUERIES, 50)
                    ids = {pid for hits in dense + lexical for pid, _ in hits}
                    found = index.passages(ids)
                    counts["lost ids"] += len(ids - set(found))
                    counts["lost ids"] += sum(not p.source.doc_id for p in found.values())
                want = expected["queries"]
            counts["reads"] += 1
            if sig == want[0]:
                counts["before"] += 1
            elif sig == want[1]:
                counts["after"] += 1
            else:
                counts["mixed"] += 1
                if len(examples) < 2:
                    examples.append(repr(sig)[:2000])
        except Exception:  # noqa: BLE001 - counted and reported
            counts["failures"] += 1
            if len(examples) < 2:
                examples.append(traceback.format_exc())
        if first:  # loaded and read once: wait until every reader is, then read as fast as it can
            ready.set()
            go.wait(timeout=600)
            first = False
        time.sleep(0.005)  # leave the writer a share of the machine's cores
    results.put((kind, counts, examples))


def _writer_loop(path: str, writes: int, pause: float) -> list[str]:
    """Add the marker documents, add them again (a replace: new passage ids), remove them; repeat."""
    index = Index.open(Path(path))
    done = []
    for i in range(writes):
        if i % 3 == 2:
            index.remove([d.doc_id for d in MARKERS])
            done.append("remove")
        else:
            index.add_documents(MARKERS)
            done.append("add" if i % 3 == 0 else "replace")
        time.sleep(pause)
    index.close()
    return done


@pytest.fixture(scope="module")
def two_states(tmp_path_factory, embedder) -> tuple[Path, dict]:
    """The sample index without the markers, and the results before and after adding them."""
    from factcheck.extract import RuleExtractor

    tmp_path = tmp_path_factory.mktemp("states")
    before = build(tmp_path / "before", [sample_docs()], embedder).path
    after = tmp_path / "after"
    shutil.copytree(before, after)
    index = Index.open(after, embedder=embedder)
    index.add_documents(MARKERS)
    index.close()
    claims = [c.text for c in RuleExtractor().extract(READER_ARTICLE).claims]
    expected = {"queries": (expected_results(before, QUERIES), expected_results(after, QUERIES)),
                "checker": (expected_results(before, claims), expected_results(after, claims))}
    assert expected["queries"][0] != expected["queries"][1]  # the markers change what is found
    assert expected["checker"][0] != expected["checker"][1]
    return before, expected


def test_readers_see_each_write_whole(tmp_path, two_states):
    live, expected = shutil.copytree(two_states[0], tmp_path / "live"), two_states[1]
    stop, go, results = CTX.Event(), CTX.Event(), CTX.Queue()
    readies = [CTX.Event() for _ in READERS]
    procs = [CTX.Process(target=_reader, args=(str(live), kind, ready, go, stop, results, expected))
             for kind, ready in zip(READERS, readies)]
    for p in procs:
        p.start()
    try:
        for ready in readies:
            assert ready.wait(timeout=300), "a reader did not start"
        go.set()
        writes = _writer_loop(str(live), WRITES, pause=0.1)
    finally:
        stop.set()
        go.set()
    got = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    report = {f"{kind}#{i}": counts for i, (kind, counts, _) in enumerate(got)}
    print(f"\n{len(writes)} writes while {len(procs)} readers read: {report}")
    for kind, counts, examples in got:
        assert counts["failures"] == 0 and counts["mixed"] == 0 and counts["lost ids"] == 0, (kind, counts, examples)
        if kind != "checker":  # a retrieval reader reads many times per write: it sees both states
            assert counts["before"] and counts["after"], (kind, counts)
    assert index_problems(live) == []


def test_one_index_shared_by_threads_while_one_writes(tmp_path, two_states):
    """The page's case: sessions (threads) search one cached Index while another session adds
    reference documents through it."""
    from factcheck.corpus.embed import Embedder
    from factcheck.retrieve import HybridRetriever

    live, expected = shutil.copytree(two_states[0], tmp_path / "live"), two_states[1]
    shared = Index.open(live, embedder=Embedder(cache_size=0))
    stop = threading.Event()
    counts = {"reads": 0, "before": 0, "after": 0, "mixed": 0, "failures": 0}
    examples: list[str] = []

    def read() -> None:
        while not stop.is_set():
            try:
                sig = result_sig(HybridRetriever(shared).retrieve(QUERIES, 5))
                counts["reads"] += 1
                key = "before" if sig == expected["queries"][0] else "after" if sig == expected["queries"][1] else "mixed"
                counts[key] += 1
            except Exception:  # noqa: BLE001 - counted and reported
                counts["failures"] += 1
                examples.append(traceback.format_exc())

    def write() -> None:
        for i in range(THREAD_WRITES):
            if i % 3 == 2:
                shared.remove([d.doc_id for d in MARKERS])
            else:
                shared.add_documents(MARKERS)
            time.sleep(0.05)

    readers = [threading.Thread(target=read) for _ in range(THREAD_READERS)]
    for t in readers:
        t.start()
    try:
        write()
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=120)
    print(f"\n{THREAD_WRITES} writes while {THREAD_READERS} threads read one Index: {counts}")
    assert counts["failures"] == 0 and counts["mixed"] == 0, (counts, examples[:1])
    assert counts["before"] and counts["after"]
    shared.close()
    assert index_problems(live) == []


# ---- 3. the page's shared models from many threads -----------------------------------------------

def short_articles(n: int) -> list[str]:
    """``n`` different short articles: three paragraphs at a time of the example articles' stories."""
    out = []
    for f in sorted((SEEDS / "articles").glob("*.txt")):
        paras = [p for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12][1:-1]
        out.extend("\n\n".join(paras[i:i + 3]) for i in range(0, len(paras) - 2, 3))
    assert len(out) >= n
    return out[:n]


def report_sig(report) -> dict:
    d = report.to_dict()
    d.pop("created")
    return d


def test_shared_models_from_many_threads(sample_index):
    """Sessions share one checker's embedder, stance model, spaCy pipeline and index connection
    (``base_checker`` in app.py, ``dataclasses.replace`` per session as ``desk()`` does). Threads
    checking different articles at once get exactly what each gets alone.

    The embedder's cache is off here: with it, a text's vector is the one from the batch that first
    embedded it (int8 activations are scaled per batch), so which article a thread checked first
    would change another's numbers slightly even without threads.
    """
    from factcheck import nlp
    from factcheck.corpus.embed import Embedder
    from factcheck.pipeline import Checker

    base = Checker(Index.open(sample_index.path, embedder=Embedder(cache_size=0)))
    base.check("Russia annexed Crimea from Ukraine in 2014.", title="warm-up")
    articles = short_articles(THREADS)
    alone = [report_sig(base.check(a, title=f"a{i}")) for i, a in enumerate(articles)]
    assert all(r["claims"] for r in alone)
    barrier = threading.Barrier(THREADS)

    def session(i: int) -> dict:
        checker = dataclasses.replace(base)  # one per session, sharing every loaded object
        barrier.wait(timeout=60)
        return report_sig(checker.check(articles[i], title=f"a{i}"))

    for _ in range(THREAD_ROUNDS):
        nlp._cache.clear()  # parse at once too, not only from the cache
        with ThreadPoolExecutor(THREADS) as pool:
            together = list(pool.map(session, range(THREADS)))
        wrong = [i for i in range(THREADS) if together[i] != alone[i]]
        assert not wrong, f"sessions {wrong} got other results than alone"
    print(f"\n{THREADS} threads x {THREAD_ROUNDS} rounds: {sum(len(r['claims']) for r in alone)} claims, all as alone")


# ---- 4. two sessions saving one article's review ---------------------------------------------------

def _review_session(folder: str, key: str, who: str, own: list[str], shared: str, rounds: int) -> dict:
    """One session: reopen the review, then each round set a verdict and note on its own claims and
    on the shared one, and save (merging with what the other session saved)."""
    from factcheck.report.reviews import ReviewStore, set_review

    store = ReviewStore(Path(folder))
    report = store.load(key)
    base = report.to_dict()
    verdicts = ["supported", "refuted", "conflicting", "not_enough_evidence"]
    for r in range(rounds):
        for cid in [*own, shared]:
            set_review(report, cid, verdicts[(r + len(who)) % 4], f"{who} round {r} on {cid}")
        store.save(report, base)
        base = report.to_dict()
    return {c.claim.id: (c.override, c.note) for c in report.checks}


def _review_session_process(folder, key, who, own, shared, rounds, results) -> None:
    try:
        results.put((who, _review_session(folder, key, who, own, shared, rounds)))
    except Exception:  # noqa: BLE001 - reported to the test
        results.put((who, traceback.format_exc()))


def _watch_review(path: str, ready, stop, results) -> None:
    """Read the review file over and over: it must always be whole, valid JSON of a report."""
    from factcheck.types import Report

    reads = bad = 0
    while not stop.is_set() or not reads:
        try:
            Report.from_dict(json.loads(Path(path).read_text(encoding="utf-8"))["report"])
            reads += 1
        except Exception:  # noqa: BLE001 - counted
            bad += 1
        ready.set()
    results.put((reads, bad))


def _review_fixture(tmp_path: Path):
    from factcheck.report.reviews import ReviewStore
    from factcheck.types import Claim, ClaimCheck, Report

    text = " ".join(f"Claim sentence number {i} about the Istanbul talks." for i in range(12))
    checks = [ClaimCheck(Claim(f"c{i}", f"Claim sentence number {i} about the Istanbul talks", "", 0, 0),
                         verdict="not_enough_evidence", confidence=0.5) for i in range(12)]
    store = ReviewStore(tmp_path / "reviews")
    key = store.save(Report(title="shared", text=text, checks=checks))
    return store, key


@pytest.mark.parametrize("how", ["threads", "processes"])
def test_two_sessions_saving_one_review_lose_neither(tmp_path, how):
    store, key = _review_fixture(tmp_path)
    plan = {"A": [f"c{i}" for i in range(1, 12, 2)], "B": [f"c{i}" for i in range(2, 12, 2)]}
    shared = "c0"
    ready, stop, watch = CTX.Event(), CTX.Event(), CTX.Queue()
    watcher = CTX.Process(target=_watch_review, args=(str(store.path(key)), ready, stop, watch))
    watcher.start()
    assert ready.wait(timeout=120), "the watcher did not start"
    try:
        if how == "threads":
            with ThreadPoolExecutor(2) as pool:
                finals = dict(zip(plan, pool.map(lambda who: _review_session(
                    str(store.folder), key, who, plan[who], shared, REVIEW_ROUNDS), plan)))
        else:
            results = CTX.Queue()
            procs = [CTX.Process(target=_review_session_process,
                                 args=(str(store.folder), key, who, plan[who], shared, REVIEW_ROUNDS, results))
                     for who in plan]
            for p in procs:
                p.start()
            finals = dict(results.get(timeout=300) for _ in procs)
            for p in procs:
                p.join(timeout=60)
            assert all(isinstance(f, dict) for f in finals.values()), finals
    finally:
        stop.set()
    reads, bad = watch.get(timeout=60)
    watcher.join(timeout=60)
    saved = {c.claim.id: (c.override, c.note) for c in store.load(key).checks}
    last = REVIEW_ROUNDS - 1
    for who, own in plan.items():
        for cid in own:  # every session's own claims hold its last change
            assert saved[cid][1] == f"{who} round {last} on {cid}", (cid, saved[cid])
    # The claim both changed: the later save's whole review (verdict and note of one session).
    assert saved[shared] in [finals[who][shared] for who in plan]
    assert saved[shared][1] in [f"{who} round {last} on {shared}" for who in plan]
    assert bad == 0 and reads > 0, (reads, bad)
    assert not [p for p in store.folder.iterdir() if p.name.startswith(".")]  # no temp or lock files left
    print(f"\n2 sessions ({how}) x {REVIEW_ROUNDS} saves: both kept; the review file read {reads} times, always whole")
