"""``factcheck index check``: verify an index end to end, and rebuild what is derived on request.

Opening an index repairs some damage silently (a missing or stale ``vectors.faiss`` is rebuilt on
the first search), which is right for serving but hides problems. A check therefore reads the
files directly, read-only, and never goes through :class:`~factcheck.corpus.index.Index`:
``passages.sqlite`` is opened with ``mode=ro``; the one exception is FTS5's own ``integrity-check``
command, which SQLite only accepts on a writable connection, so it runs inside a transaction that
is rolled back (nothing is written).

What is stored (documents, passages and their text, vectors in SQLite) is never changed by a
repair, except a vector of the wrong size, which is re-embedded from its passage's text. What is
derived from it (the FTS5 table, ``vectors.faiss``, ``manifest.json``; on PostgreSQL the postings,
the BM25 statistics and the HNSW index) is rebuilt. A database that fails SQLite's own integrity
check cannot be repaired from derived data: the repair says so and leaves the file as it is.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .embed import Embedder
from .index import DB, FORMAT_VERSION, MANIFEST, VECTORS, Index, IndexMissing, _connect, _locked, \
    describe_vector_index, faiss_ivf, vector_ids, write_lock

VECTOR_COLUMN = "passages.vector"  # the part named by a stored vector's problem (re-embedded by a repair)
SAMPLE_VECTORS = 64        # FAISS vectors compared with the stored ones (a sample: the ids are all compared)
TEMP_MAX_AGE_S = 60.0      # a writer's temp file older than this is a leftover of an interrupted write
_SHOWN = 5                 # ids named in one problem line


@dataclass
class Problem:
    """One thing wrong with an index: where (a file or table), what, and whether --repair can fix it."""

    part: str
    message: str
    repairable: bool

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


@dataclass
class CheckResult:
    """What a check found (and, after a repair, what it rebuilt); ``ok`` when nothing is wrong."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, part: str, message: str, repairable: bool = True) -> None:
        self.problems.append(Problem(part, message, repairable))

    def to_dict(self) -> dict:
        return {"path": self.path, "ok": self.ok, "counts": self.counts,
                "problems": [{"part": p.part, "message": p.message, "repairable": p.repairable,
                              "line": str(p)} for p in self.problems],
                "repaired": self.repaired, "notes": self.notes}


def _ids(ids) -> str:
    """'id 3' or 'ids 3, 4, ...': the first few ids of a problem line."""
    ids = sorted(ids)
    shown = ", ".join(str(i) for i in ids[:_SHOWN])
    return ("id " if len(ids) == 1 else "ids ") + shown + (f", ... ({len(ids)} in all)" if len(ids) > _SHOWN else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---- the folder index (SQLite + FAISS) ---------------------------------------------------------

def _open_readonly(path: Path) -> sqlite3.Connection:
    """The database opened read-only (its WAL is read, never checkpointed into the file)."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)


@dataclass
class _Facts:
    """What the database says, gathered once for the comparisons with the derived files."""

    meta: dict
    dimension: int
    passage_ids: np.ndarray
    documents: int
    bad_vectors: list[int]
    sample: dict[int, np.ndarray]  # a few stored vectors, to compare with the vector file's


def check_index(path: Path, lock_timeout: float = 10.0) -> CheckResult:
    """Every check on the index folder ``path``; reads only. IndexMissing when there is no index there.

    A writer replaces the vector file and the manifest just after its commit, so a check that runs
    meanwhile would find them one write behind: when only those are wrong and a writer holds the
    lock, the check waits for it (at most ``lock_timeout`` s, without blocking it) and looks again.
    """
    result = _check_index(Path(path))
    derived_only = result.problems and all(p.part in (VECTORS, MANIFEST) for p in result.problems)
    if derived_only and _waited_for_writer(Path(path), lock_timeout):
        result = _check_index(Path(path))
    return result


def _waited_for_writer(path: Path, timeout: float) -> bool:
    """True when a writer held the index's lock and has let it go (or ``timeout`` passed)."""
    from filelock import Timeout

    lock = write_lock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            return True
        lock.release()
        return True
    except OSError:  # a place we cannot write to: no writer can be there either
        return False
    lock.release()
    return False


def _check_index(path: Path) -> CheckResult:
    if not path.is_dir():
        raise IndexMissing(f"no index at {path}; build one with 'factcheck index build SOURCES --index {path}'")
    result = CheckResult(str(path))
    facts = _check_database(path, result)
    if facts is not None:
        faiss_index = _check_vectors_file(path, facts, result)
        _check_manifest(path, facts, faiss_index, result)
        result.counts = {"documents": facts.documents, "passages": len(facts.passage_ids),
                         "generation": int(facts.meta.get("generation") or 0)}
    leftovers = _leftover_temp_files(path)
    if leftovers:
        result.notes.append(f"{_plural(len(leftovers), 'temp file')} left by interrupted writes "
                            f"({', '.join(p.name for p in leftovers[:3])}); --repair removes them")
    return result


def _check_database(path: Path, result: CheckResult) -> _Facts | None:
    """SQLite's integrity, the stored rows, the FTS5 table. None when the database cannot be read
    (the derived files cannot be judged without it)."""
    db_path = path / DB
    if not db_path.exists():
        result.add(DB, "missing: the stored documents are gone; rebuild the index with 'factcheck index build'",
                   repairable=False)
        return None
    rw = None
    try:
        db = _open_readonly(db_path)
    except sqlite3.Error as e:
        result.add(DB, f"cannot be opened ({e}); it cannot be repaired from derived data: restore a copy or "
                       "rebuild the index with 'factcheck index build'", repairable=False)
        return None
    try:
        try:
            lines = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as e:
            lines = [str(e)]
        if lines != ["ok"]:
            more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
            result.add(DB, f"fails SQLite's integrity check: {' '.join(lines[0].split())}{more}; the stored data "
                           "cannot be repaired from derived data: restore a copy or rebuild the index with "
                           "'factcheck index build'", repairable=False)
            return None
        try:  # FTS5's integrity-check is an INSERT, so SQLite wants a writable connection: rolled back
            rw = sqlite3.connect(str(db_path), isolation_level=None, timeout=30)
        except sqlite3.Error:
            rw = None
        return _check_rows(db, rw, result)
    except sqlite3.DatabaseError as e:
        result.add(DB, f"cannot be read ({e}); rebuild the index with 'factcheck index build'", repairable=False)
        return None
    finally:
        db.close()
        if rw is not None:
            rw.close()  # last, so that SQLite removes the -wal and -shm files it made for the check


def _check_rows(db: sqlite3.Connection, rw: sqlite3.Connection | None, result: CheckResult) -> _Facts | None:
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format_version") != str(FORMAT_VERSION):
        result.add(DB, f"format version {meta.get('format_version')}, this factcheck reads version "
                       f"{FORMAT_VERSION}; rebuild the index with 'factcheck index build'", repairable=False)
        return None
    if not (meta.get("dimension") or "").isdigit() or not meta.get("embedding_model"):
        result.add(DB, "meta table lacks the embedding model or dimension; rebuild the index", repairable=False)
        return None
    dimension = int(meta["dimension"])
    orphans = [r[1] for r in db.execute("PRAGMA foreign_key_check(passages)")]
    orphans += [r[0] for r in db.execute("""SELECT p.id FROM passages p LEFT JOIN documents d ON d.doc_id = p.doc_id
                                            WHERE d.doc_id IS NULL""")]
    if orphans:
        orphans = sorted(set(orphans))
        result.add("passages", f"{_plural(len(orphans), 'passage')} without a document ({_ids(orphans)}); "
                               "stored data, not repairable: remove them or rebuild the index", repairable=False)
    empty = [r[0] for r in db.execute("""SELECT d.doc_id FROM documents d LEFT JOIN passages p ON p.doc_id = d.doc_id
                                         WHERE p.id IS NULL""")]
    if empty:
        result.add("documents", f"{_plural(len(empty), 'document')} without passages ({_ids(empty)}); stored data, "
                                "not repairable: add them again or remove them with 'factcheck index remove'",
                   repairable=False)
    documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    ids, bad = [], []
    for pid, blob in db.execute("SELECT id, vector FROM passages ORDER BY id"):
        ids.append(pid)
        if not isinstance(blob, bytes) or len(blob) != dimension * 4 \
                or not np.isfinite(np.frombuffer(blob, dtype=np.float32)).all():
            bad.append(pid)
    if bad:
        result.add(VECTOR_COLUMN, f"{_plural(len(bad), 'vector')} of the wrong size or not finite ({_ids(bad)}; "
                               f"expected {dimension * 4} bytes); --repair re-embeds them from their text")
    _check_fts(db, rw, result)
    sample = np.random.default_rng(0).choice(ids, size=min(SAMPLE_VECTORS, len(ids)), replace=False) if ids else []
    rows = db.execute(f"SELECT id, vector FROM passages WHERE id IN ({','.join('?' * len(sample))})",
                      [int(i) for i in sample]).fetchall()
    vectors = {pid: np.frombuffer(blob, dtype=np.float32) for pid, blob in rows if pid not in bad}
    return _Facts(meta, dimension, np.array(ids, dtype=np.int64), documents, bad, vectors)


def _check_fts(db: sqlite3.Connection, rw: sqlite3.Connection | None, result: CheckResult) -> None:
    """Every passage has exactly one full-text row, and the FTS5 index agrees with the passages' text."""
    missing = [r[0] for r in db.execute("SELECT id FROM passages WHERE id NOT IN (SELECT id FROM passages_fts_docsize)")]
    extra = [r[0] for r in db.execute("SELECT id FROM passages_fts_docsize WHERE id NOT IN (SELECT id FROM passages)")]
    if missing:
        result.add("passages_fts", f"{_plural(len(missing), 'passage')} not in the full-text index ({_ids(missing)})")
    if extra:
        result.add("passages_fts", f"{_plural(len(extra), 'full-text row')} without a passage ({_ids(extra)})")
    if rw is None:
        result.notes.append("FTS5 integrity-check skipped: the database is not writable here")
        return
    try:
        rw.execute("BEGIN")
        rw.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.OperationalError as e:
        if "readonly" in str(e):
            result.notes.append("FTS5 integrity-check skipped: the database is not writable here")
        else:
            raise
    except sqlite3.DatabaseError as e:
        if not (missing or extra):
            result.add("passages_fts", f"the full-text index does not match the passages (FTS5 integrity-check: {e})")
    finally:
        if rw.in_transaction:
            rw.execute("ROLLBACK")


def _faiss_reason(e: BaseException) -> str:
    """FAISS's message without the C++ signature and source location in front of it."""
    text = " ".join(str(e).split())
    text = re.sub(r"^Error in .*? at \S+:\d+: (Error: '[^']*' failed: )?", "", text)
    return re.sub(r" \([A-Za-z ]+\)$", "", text)[:160] or type(e).__name__  # the errno text varies


def _check_vectors_file(path: Path, facts: _Facts, result: CheckResult):
    """vectors.faiss readable, same dimension, the same ids as the passages, vectors as stored (a sample)."""
    import faiss

    file = path / VECTORS
    if not file.exists():
        result.add(VECTORS, f"missing ({_plural(len(facts.passage_ids), 'passage')} stored); --repair rebuilds it")
        return None
    try:
        index = faiss.read_index(str(file))
    except (RuntimeError, MemoryError) as e:
        result.add(VECTORS, f"unreadable ({_faiss_reason(e)}); --repair rebuilds it")
        return None
    if index.d != facts.dimension:
        result.add(VECTORS, f"dimension {index.d}, the index's is {facts.dimension}")
        return index
    held, stored = vector_ids(index), facts.passage_ids
    unknown, absent = np.setdiff1d(held, stored), np.setdiff1d(stored, held)
    duplicates = len(held) - len(np.unique(held))
    differences = ", ".join(part for part in (
        f"{_plural(len(absent), 'passage')} missing ({_ids(absent.tolist())})" if len(absent) else "",
        f"{_plural(len(unknown), 'id')} of no passage ({_ids(unknown.tolist())})" if len(unknown) else "",
        f"{_plural(duplicates, 'id')} twice" if duplicates else "") if part)
    if index.ntotal != len(stored):
        result.add(VECTORS, f"{_plural(index.ntotal, 'vector')}, {_plural(len(stored), 'passage')}"
                            + (f" ({differences})" if differences else ""))
    elif differences:
        result.add(VECTORS, f"ids differ from the passages: {differences}")
    elif facts.sample:
        _compare_sample(index, facts.sample, result)
    return index


def _compare_sample(index, sample: dict[int, np.ndarray], result: CheckResult) -> None:
    """The vector file holds the stored vectors (a sample; fp16 IVF vectors to within rounding)."""
    import faiss

    ivf = faiss_ivf(index)
    if ivf is not None:
        ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # ids are passage ids, not 0..n-1
    source = ivf if ivf is not None else faiss.downcast_index(index)
    differ = [pid for pid, stored in sample.items()
              if not np.allclose(source.reconstruct(int(pid)), stored, atol=1e-2 if ivf is not None else 1e-6)]
    if differ:
        result.add(VECTORS, f"{len(differ)} of {len(sample)} sampled vectors differ from the stored ones "
                            f"({_ids(differ)})")


def _check_manifest(path: Path, facts: _Facts, faiss_index, result: CheckResult) -> None:
    """manifest.json parses and says what the database (and the vector file) say."""
    file = path / MANIFEST
    if not file.exists():
        result.add(MANIFEST, "missing; --repair writes it from the database")
        return
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as e:
        result.add(MANIFEST, f"not valid JSON ({' '.join(str(e).split())[:80]}); --repair writes it from the database")
        return
    expected = {"format_version": FORMAT_VERSION, "embedding_model": facts.meta["embedding_model"],
                "dimension": facts.dimension, "documents": facts.documents, "passages": len(facts.passage_ids),
                "generation": int(facts.meta.get("generation") or 0)}
    if faiss_index is not None:
        expected["vector_index"] = describe_vector_index(faiss_index)
    wrong = [f"{k} {manifest.get(k)!r} (database: {v!r})" for k, v in expected.items() if manifest.get(k) != v]
    if wrong:
        result.add(MANIFEST, "says " + ", ".join(wrong))


def _leftover_temp_files(path: Path, min_age: float = 0.0) -> list[Path]:
    """Temp files of atomic writes (``.vectors.faiss.XXXX``) that a killed writer left behind."""
    now = time.time()
    out = []
    for name in (VECTORS, MANIFEST):
        for p in path.glob(f".{name}.*"):
            try:
                if now - p.stat().st_mtime >= min_age:
                    out.append(p)
            except FileNotFoundError:
                pass
    return sorted(out)


def repair_index(path: Path, embedder: Embedder | None = None, lock_timeout: float = 10.0) -> CheckResult:
    """Rebuild what is derived in the index folder ``path``, holding its write lock; the check after it.

    Stored data is never deleted. A database that fails its integrity check is left untouched.
    """
    path = Path(path)
    found = _check_index(path)  # outside the lock: IndexMissing before a lock file is made beside nothing
    if found.ok and not found.notes:
        return found
    with _locked(write_lock(path, lock_timeout)):
        found = _check_index(path)  # again under the lock: a writer may have finished meanwhile
        if any(p.part == DB for p in found.problems):
            for p in found.problems:
                if p.part == DB:
                    p.message += " (nothing was changed)"
            return found
        repaired = _repair_unlocked(path, found, embedder)
        for p in _leftover_temp_files(path, TEMP_MAX_AGE_S):
            p.unlink(missing_ok=True)
            repaired.append(f"removed {p.name}, left by an interrupted write")
    after = _check_index(path)
    after.repaired = repaired
    after.notes = found.notes + [n for n in after.notes if n not in found.notes]
    for p in after.problems:  # what is still wrong after a repair cannot be repaired here
        p.repairable = False
        if p.part == VECTOR_COLUMN:
            why = next((n.split(": ", 1)[1] for n in found.notes if n.startswith(f"{VECTOR_COLUMN}:")), "")
            p.message = p.message.split("; --repair")[0] + f"; not repairable here{': ' + why if why else ''}"
    return after


def _repair_unlocked(path: Path, found: CheckResult, embedder: Embedder | None) -> list[str]:
    import faiss

    parts = {p.part for p in found.problems}
    repaired: list[str] = []
    reembedded = 0
    db = _connect(path / DB)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        dimension = int(meta["dimension"])
        embedder = embedder or Embedder(meta["embedding_model"])
        if VECTOR_COLUMN in parts:
            reembedded = _reembed(db, dimension, embedder, found)
            if reembedded:
                repaired.append(f"{VECTOR_COLUMN}: re-embedded {_plural(reembedded, 'vector')} from their text with "
                                f"{meta['embedding_model']}")
        if "passages_fts" in parts:
            db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
            repaired.append("passages_fts: rebuilt the full-text index from the passages")
        vectors_ok = not db.execute("SELECT 1 FROM passages WHERE length(vector) != ? LIMIT 1",
                                    (dimension * 4,)).fetchone()
        index = Index(path, db, embedder, {})
        if vectors_ok and (VECTORS in parts or reembedded):
            count = index._rebuild_vectors().ntotal  # writes vectors.faiss, then manifest.json
            repaired.append(f"{VECTORS}: rebuilt from {_plural(count, 'stored vector')}")
            repaired.append(f"{MANIFEST}: written from the database")
        elif MANIFEST in parts:
            if (path / VECTORS).exists() and VECTORS not in parts:
                index._faiss = faiss.read_index(str(path / VECTORS))  # the manifest names its structure
            index._write_manifest()
            repaired.append(f"{MANIFEST}: written from the database")
    finally:
        db.close()
    return repaired


def _reembed(db: sqlite3.Connection, dimension: int, embedder: Embedder, found: CheckResult) -> int:
    """Re-embed passages whose vector is of the wrong size; 0 (with the reason noted) when the model
    cannot be loaded here. A stored vector changes, so the generation moves on (readers reload)."""
    rows = [(pid, blob, text) for pid, blob, text in db.execute("SELECT id, vector, text FROM passages ORDER BY id")
            if not isinstance(blob, bytes) or len(blob) != dimension * 4
            or not np.isfinite(np.frombuffer(blob, dtype=np.float32)).all()]
    if not rows:
        return 0
    try:
        vectors = embedder.encode([r[2] for r in rows])
    except Exception as e:  # a model that cannot load here: an InputError, OSError or the library's own
        found.notes.append(f"{VECTOR_COLUMN}: cannot re-embed with {embedder.model_name} "
                           f"({' '.join(str(e).split())[:120]})")
        return 0
    if vectors.shape[1] != dimension:
        found.notes.append(f"{VECTOR_COLUMN}: {embedder.model_name} gives {vectors.shape[1]}-d vectors, the index's are "
                           f"{dimension}-d; not re-embedded")
        return 0
    db.execute("BEGIN IMMEDIATE")
    try:
        for (pid, _, _), v in zip(rows, vectors):
            db.execute("UPDATE passages SET vector = ? WHERE id = ?", (np.asarray(v, np.float32).tobytes(), pid))
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return len(rows)


# ---- the PostgreSQL store -----------------------------------------------------------------------

def check_store(url: str) -> CheckResult:
    """The checks that make sense on PostgreSQL: the server keeps its own files consistent, and the
    ``tsv`` column is generated by it, so what is left to verify is the vectors' dimension, the
    postings (derived from ``tsv``), the BM25 statistics in ``meta``, the HNSW index and the rows."""
    from .postgres import PostgresStore

    store = PostgresStore.open(url, embedder=None)
    try:
        with store._errors("checking the index"):
            return _check_store(store)
    finally:
        store.close()


def _check_store(store) -> CheckResult:
    result = CheckResult(store.path)
    q, db, schema = store._sql, store.db, store.schema
    result.notes.append("passages.tsv is generated by PostgreSQL from the text: no derived data to rebuild there")
    meta = store._read_meta()
    dimension = int(meta.get("dimension") or 0)
    columns = dict(db.execute("""SELECT attname, attgenerated FROM pg_attribute
                                 WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped""",
                              (f'"{schema}".passages',)).fetchall())
    for name in ("tsv", "terms"):
        if columns.get(name) != "s":
            result.add("passages", f"no generated {name} column; lexical search cannot work: rebuild the index "
                                   "with 'factcheck index build'", repairable=False)
    typmod = db.execute("""SELECT atttypmod FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'vector'""",
                        (f'"{schema}".passages',)).fetchone()
    if typmod is None or typmod[0] != dimension:
        result.add("passages", f"vector column of dimension {typmod[0] if typmod else None}, meta says {dimension}; "
                               "stored data, not repairable: rebuild the index", repairable=False)
    bad = [r[0] for r in db.execute(q("SELECT id FROM {s}.passages WHERE vector_dims(vector) != %s ORDER BY id"),
                                    (dimension,))]
    if bad:
        result.add("passages", f"{_plural(len(bad), 'vector')} of the wrong dimension ({_ids(bad)}); stored "
                               "data, not repairable: add their documents again", repairable=False)
    orphans = [r[0] for r in db.execute(q("""SELECT p.id FROM {s}.passages p LEFT JOIN {s}.documents d
                                             ON d.doc_id = p.doc_id WHERE d.doc_id IS NULL"""))]
    if orphans:
        result.add("passages", f"{_plural(len(orphans), 'passage')} without a document ({_ids(orphans)}); "
                               "stored data, not repairable", repairable=False)
    empty = [r[0] for r in db.execute(q("""SELECT d.doc_id FROM {s}.documents d LEFT JOIN {s}.passages p
                                           ON p.doc_id = d.doc_id WHERE p.id IS NULL"""))]
    if empty:
        result.add("documents", f"{_plural(len(empty), 'document')} without passages ({_ids(empty)}); stored data, "
                                "not repairable: add them again or remove them with 'factcheck index remove'",
                   repairable=False)
    stale = _stale_postings(store)
    if stale:
        result.add("postings", f"{_plural(len(stale), 'passage')} whose postings do not match their text "
                               f"({_ids(stale)}); --repair rebuilds them from passages.tsv")
    extra = db.execute(q("SELECT COUNT(*) FROM {s}.postings o LEFT JOIN {s}.passages p ON p.id = o.passage_id "
                         "WHERE p.id IS NULL")).fetchone()[0]
    if extra:
        result.add("postings", f"{_plural(extra, 'posting')} of no passage; --repair removes them")
    documents = db.execute(q("SELECT COUNT(*) FROM {s}.documents")).fetchone()[0]
    passages, lexemes = db.execute(q("SELECT COUNT(*), COALESCE(SUM(terms), 0) FROM {s}.passages")).fetchone()
    wrong = [f"{k} {meta.get(k)!r} (tables: {v})" for k, v in (("passages", passages), ("lexemes", lexemes))
             if meta.get(k) != str(v)]
    if wrong:
        result.add("meta", "BM25 statistics say " + ", ".join(wrong) + "; --repair recounts them")
    hnsw = db.execute("""SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                         JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = %s AND c.relname = 'passages_hnsw'""", (schema,)).fetchone()
    if hnsw is None:
        result.add("passages_hnsw", "the vector index is missing (searches scan every passage); --repair builds it")
    elif not hnsw[0]:
        result.add("passages_hnsw", "the vector index is invalid (an interrupted build); --repair rebuilds it")
    result.counts = {"documents": documents, "passages": passages, "generation": int(meta.get("generation") or 0)}
    return result


def _stale_postings(store) -> list[int]:
    """Passages whose postings are not their tsvector's lexemes (count and term frequencies)."""
    return [r[0] for r in store.db.execute(store._sql(
        """SELECT p.id FROM {s}.passages p
           LEFT JOIN (SELECT passage_id, COUNT(*) AS n, SUM(tf) AS tf, MIN(terms) AS lo, MAX(terms) AS hi
                      FROM {s}.postings GROUP BY passage_id) o ON o.passage_id = p.id
           WHERE COALESCE(o.n, 0) != length(p.tsv) OR (o.n > 0 AND (o.tf != p.terms OR o.lo != p.terms
                 OR o.hi != p.terms))
           ORDER BY p.id"""))]


def repair_store(url: str, lock_timeout: float | None = None) -> CheckResult:
    """Rebuild the store's derived data (postings, BM25 statistics, HNSW index) in one transaction
    under the index's write lock; the check after it."""
    from .postgres import PostgresStore

    found = check_store(url)
    if found.ok:
        return found
    parts = {p.part for p in found.problems if p.repairable}
    repaired: list[str] = []
    store = PostgresStore.open(url, embedder=None)
    try:
        if lock_timeout is not None:
            store.lock_timeout = lock_timeout
        q = store._sql
        with store._errors("the repair", "; it was rolled back"), store.db.transaction():
            store.db.execute(f"SET LOCAL lock_timeout = '{int(store.lock_timeout * 1000)}ms'")
            store.db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"factcheck:{store.schema}",))
            if "postings" in parts:
                stale = _stale_postings(store)
                store.db.execute(q("DELETE FROM {s}.postings o WHERE o.passage_id = ANY(%s) OR NOT EXISTS "
                                   "(SELECT 1 FROM {s}.passages p WHERE p.id = o.passage_id)"), (stale,))
                store.db.execute(q("""INSERT INTO {s}.postings(lexeme, passage_id, tf, terms)
                                      SELECT u.lexeme, p.id, cardinality(u.positions), p.terms
                                      FROM {s}.passages p CROSS JOIN LATERAL unnest(p.tsv) u
                                      WHERE p.id = ANY(%s)"""), (stale,))
                repaired.append(f"postings: rebuilt for {_plural(len(stale), 'passage')} from passages.tsv")
            if "meta" in parts or "postings" in parts:
                n, lexemes = store.db.execute(q("SELECT COUNT(*), COALESCE(SUM(terms), 0) FROM {s}.passages")).fetchone()
                for key, value in (("passages", n), ("lexemes", lexemes)):
                    store.db.execute(q("INSERT INTO {s}.meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                                       "SET value = excluded.value"), (key, str(value)))
                repaired.append("meta: recounted the BM25 statistics")
            if "passages_hnsw" in parts:
                store.db.execute(q("DROP INDEX IF EXISTS {s}.passages_hnsw"))
        if "passages_hnsw" in parts:
            store.create_vector_index()
            repaired.append("passages_hnsw: built the vector index")
    finally:
        store.close()
    after = check_store(url)
    after.repaired = repaired
    for p in after.problems:
        p.repairable = False
    return after


# ---- either store -------------------------------------------------------------------------------

def check_spec(spec: str | Path, repair: bool = False, lock_timeout: float = 10.0) -> CheckResult:
    """Check (or repair) the store named by ``spec``: a PostgreSQL URL, else an index folder."""
    from .postgres import is_postgres_url

    if is_postgres_url(spec):
        return repair_store(str(spec), lock_timeout) if repair else check_store(str(spec))
    return repair_index(Path(spec), lock_timeout=lock_timeout) if repair else check_index(Path(spec), lock_timeout)
