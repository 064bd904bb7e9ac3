"""The reference index: passages, sources and vectors on disk, searchable densely and lexically.

Layout of an index folder::

    manifest.json    format version, embedding model, dimension, counts (for people and checks)
    passages.sqlite  documents, passages (with their vectors), FTS5 table for BM25
    vectors.faiss    FAISS index over the passage vectors, ids = passage ids (exact search while
                     the index is small, an inverted-file index above ``ANN_THRESHOLD`` passages)

SQLite is the source of truth and every write is one transaction, so a crash never loses what
was stored. The FAISS file is derived from it: it is replaced atomically after each write and
rebuilt from the stored vectors if it is missing, unreadable or out of step. Nothing on disk
is pickled. One writer at a time, enforced with a lock file beside the folder.

Readers need no lock and may run while another process writes. Each read (a whole retrieval with
:meth:`Index.reading`) sees one SQLite snapshot and FAISS vectors of that same generation, so it is
from before a write or from after it, never half of each. The vector file and the database are
two files that a writer replaces one after the other, so a reader never trusts the file's name or
the manifest for that: it uses the file only if the file holds exactly the snapshot's passage ids
(ids are never reused and a passage is never changed in place, so the same ids mean the same
vectors); otherwise a writer is between its commit and its vector file, and the reader waits for
it, or the file is damaged or stale, and the reader rebuilds it from the snapshot. Threads may
share one ``Index`` (the page's sessions do): they take turns on its connection and FAISS object.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..files import atomic_write
from ..types import Passage, Source
from .embed import DEFAULT_MODEL, Embedder
from .ingest import Document, chunk
from .loaders import as_documents

FORMAT_VERSION = 1
MANIFEST, DB, VECTORS = "manifest.json", "passages.sqlite", "vectors.faiss"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    doc_id TEXT PRIMARY KEY, title TEXT, url TEXT, publisher TEXT, date TEXT,
    path TEXT, extra TEXT, added TEXT);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
"""

# The vector structure is chosen by size. Below ANN_THRESHOLD passages: exact inner-product search
# (IndexFlatIP in an IndexIDMap2; one query over 100k passages takes ~5-9 ms on one core). From
# ANN_THRESHOLD on: an inverted-file index (IVF, sqrt-scaled lists, vectors stored as fp16), which
# keeps a 1M-passage index under 1 GB of RAM and a query in a few ms, and, unlike HNSW, supports
# add_with_ids and remove_ids natively, so incremental writes still need no rebuild. It goes back to
# exact search only below half the threshold (no flip-flopping at the boundary), and its lists are
# re-trained when the index has grown RETRAIN_GROWTH-fold since they were trained. Measured in
# docs/benchmarks.md (factcheck bench scale).
ANN_THRESHOLD = 100_000
IVF_LISTS_PER_SQRT = 2       # nlist = 2 * sqrt(n) (capped so each list gets >= 39 training vectors)
IVF_PROBE_SHARE = 1 / 16     # nprobe = share of the lists searched per query
IVF_MIN_PROBE = 16
IVF_TRAIN_PER_LIST = 40      # k-means sample: 40 vectors per list (at most all of them), 10 iterations
IVF_TRAIN_ITERATIONS = 10
RETRAIN_GROWTH = 4.0

# A reader whose snapshot the vector file does not match, while a writer holds the lock, waits
# this long in all for the writer to replace the file (it commits, then writes the file), then
# builds the vectors from its snapshot itself.
VECTOR_WAIT_S = 5.0

_STOPWORDS = frozenset("""a an and are as at be been by for from had has have he her his in is it its
of on or she that the their them they this to was were which who will with would not no""".split())


class IndexError_(Exception):
    """Base of the index's errors; the message is one line a user can act on."""


class IndexMissing(IndexError_):
    pass


class IndexCorrupt(IndexError_):
    pass


class IndexMismatch(IndexError_):
    pass


class IndexLocked(IndexError_):
    pass


@dataclass
class AddResult:
    documents: int
    passages: int
    replaced: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_lock(path: Path, timeout: float = 10.0):
    """The lock every writer of the index at ``path`` holds; a second writer waits, then fails."""
    from filelock import FileLock

    return FileLock(str(path.parent / f".{path.name}.lock"), timeout=timeout)


def _locked(lock):
    from filelock import Timeout

    class _Guard:
        def __enter__(self):
            try:
                lock.acquire()
            except Timeout:
                raise IndexLocked(f"another process is writing to this index (lock {lock.lock_file}); "
                                  "try again when it finishes") from None

        def __exit__(self, *exc):
            lock.release()

    return _Guard()


class Index:
    """An on-disk index folder. Open with :meth:`open` or :meth:`create`, not the constructor."""

    def __init__(self, path: Path, db: sqlite3.Connection, embedder: Embedder, manifest: dict):
        self.path = path
        self.db = db
        self.embedder = embedder
        self.manifest = manifest
        self._faiss = None
        self._faiss_gen: int | None = None  # the generation self._faiss holds; None: unknown
        self._lock = threading.RLock()  # threads sharing this Index take turns on db and _faiss
        self._depth = 0  # nesting of reading() on the thread holding _lock
        self.lock_timeout = 10.0
        self.ann_threshold = ANN_THRESHOLD

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, embedder: Embedder | None = None) -> Index:
        """A new, empty index at ``path`` (which must not hold an index already)."""
        path = Path(path)
        embedder = embedder or Embedder()
        if (path / MANIFEST).exists() or (path / DB).exists():
            raise IndexError_(f"{path}: an index already exists here; use 'index add' or remove it first")
        path.mkdir(parents=True, exist_ok=True)
        db = _connect(path / DB)
        with db:
            db.executescript(_SCHEMA)
            for k, v in {"format_version": FORMAT_VERSION, "embedding_model": embedder.model_name,
                         "dimension": embedder.dimension, "generation": 0, "created": _now()}.items():
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, str(v)))
        index = cls(path, db, embedder, {})
        index._write_manifest()
        return index

    @classmethod
    def open(cls, path: Path, model: str | None = None, embedder: Embedder | None = None) -> Index:
        """Open an existing index, checking its format and that ``model`` (if given) built it."""
        path = Path(path)
        if not path.is_dir():
            raise IndexMissing(f"no index at {path}; build one with 'factcheck index build SOURCES --index {path}'")
        manifest_path = path / MANIFEST
        if not manifest_path.exists() or not (path / DB).exists():
            raise IndexCorrupt(f"{path} is not an index (no {MANIFEST} or {DB}); rebuild it with 'factcheck index build'")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeDecodeError) as e:
            raise IndexCorrupt(f"{path}: {MANIFEST} is unreadable ({e}); rebuild the index") from None
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexMismatch(f"{path}: index format version {version}, this factcheck reads version "
                                f"{FORMAT_VERSION}; rebuild it with 'factcheck index build'")
        try:
            db = _connect(path / DB)
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as e:
            raise IndexCorrupt(f"{path}: {DB} is damaged ({e}); rebuild the index") from None
        built_with = meta.get("embedding_model", manifest.get("embedding_model"))
        wanted = model or (embedder.model_name if embedder else None)
        if wanted and wanted != built_with:
            raise IndexMismatch(f"{path}: index was built with embedding model {built_with!r}, not {wanted!r}; "
                                f"rebuild it or use --model {built_with}")
        embedder = embedder or Embedder(built_with or DEFAULT_MODEL)
        return cls(path, db, embedder, manifest)

    # ---- reading -------------------------------------------------------------------------

    @contextmanager
    def reading(self, vectors: bool = True) -> Iterator[Index]:
        """A consistent view for one retrieval: every read inside sees one SQLite snapshot and (with
        ``vectors``) the FAISS vectors of that snapshot's generation.

        Another process may write meanwhile; what is read inside is from before its write or from
        after it. Threads take turns (the view holds this Index's lock); nested use joins the
        outer view. Every public read method opens one itself.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    if vectors and self._faiss_gen != self._generation():
                        self._load_vectors(wait=False)  # inside an outer view without vectors: no waiting
                    yield self
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                self._begin(vectors)
                yield self
            finally:
                self._depth = 0
                if self.db.in_transaction:
                    self.db.execute("COMMIT")

    def _begin(self, vectors: bool) -> None:
        """Start the read transaction; with ``vectors``, make self._faiss that of its generation."""
        deadline = time.monotonic() + VECTOR_WAIT_S
        pause = 0.01
        while True:
            self.db.execute("BEGIN")
            if not vectors or self._faiss_gen == self._generation():  # the first read fixes the snapshot
                return
            if self._load_vectors(wait=time.monotonic() < deadline):
                return
            # The file is not this snapshot's and a writer holds the lock: it is between its commit
            # and its vector file. Look again (at a newer snapshot) shortly.
            self.db.execute("COMMIT")
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    def _generation(self) -> int:
        return int(self._meta("generation") or 0)

    @property
    def dimension(self) -> int:
        return int(self._meta("dimension"))

    def _meta(self, key: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def info(self) -> dict:
        with self.reading(vectors=False):
            return self._info()

    def _info(self) -> dict:
        docs = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        passages = self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        return {"path": str(self.path), "format_version": FORMAT_VERSION,
                "embedding_model": self._meta("embedding_model"), "dimension": self.dimension,
                "documents": docs, "passages": passages, "vector_index": self._vector_kind(),
                "generation": int(self._meta("generation") or 0), "created": self._meta("created"),
                "updated": self._meta("updated")}

    def documents(self) -> list[dict]:
        with self.reading(vectors=False):
            rows = self.db.execute("""SELECT d.doc_id, d.title, d.publisher, d.date, d.url, COUNT(p.id)
                                      FROM documents d LEFT JOIN passages p ON p.doc_id = d.doc_id
                                      GROUP BY d.doc_id ORDER BY d.doc_id""").fetchall()
            return [dict(zip(("doc_id", "title", "publisher", "date", "url", "passages"), r)) for r in rows]

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        ids = list(dict.fromkeys(int(i) for i in ids))
        with self.reading(vectors=False):
            return self._passages(ids)

    def _passages(self, ids: list[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            rows = self.db.execute(
                f"""SELECT p.id, p.text, p.start, p.end, d.doc_id, d.title, d.url, d.publisher, d.date
                    FROM passages p JOIN documents d ON d.doc_id = p.doc_id
                    WHERE p.id IN ({','.join('?' * len(part))})""", part).fetchall()
            for r in rows:
                out[r[0]] = Passage(id=r[0], text=r[1], start=r[2], end=r[3],
                                    source=Source(doc_id=r[4], title=r[5] or "", url=r[6] or "",
                                                  publisher=r[7] or "", date=r[8] or ""))
        return out

    def passage_vectors(self) -> Iterable[tuple[list[Passage], np.ndarray]]:
        """Every stored passage with its vector, in id order, in batches (to copy them elsewhere)."""
        for ids, vecs in self._stored_vectors():
            found = self.passages(ids.tolist())
            yield [found[int(i)] for i in ids], vecs

    def search_dense(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """Top-k passages by cosine similarity for each query vector (one FAISS call)."""
        with self.reading():
            index = self._faiss
            if index.ntotal == 0 or len(vectors) == 0:
                return [[] for _ in range(len(vectors))]
            scores, ids = index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(k, index.ntotal))
        return [[(int(i), float(s)) for i, s in zip(row_ids, row_s) if i >= 0] for row_ids, row_s in zip(ids, scores)]

    def search_lexical(self, queries: list[str], k: int) -> list[list[tuple[int, float]]]:
        """Top-k passages by BM25 (SQLite FTS5) for each query; higher score is better."""
        out = []
        with self.reading(vectors=False):
            for q in queries:
                terms = [t for t in re.findall(r"\w+", q.lower()) if t not in _STOPWORDS]
                if not terms:
                    out.append([])
                    continue
                match = " OR ".join(f'"{t}"' for t in dict.fromkeys(terms))
                rows = self.db.execute("""SELECT rowid, bm25(passages_fts) FROM passages_fts
                                          WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT ?""",
                                       (match, k)).fetchall()
                out.append([(int(r[0]), -float(r[1])) for r in rows])
        return out

    # ---- writing -------------------------------------------------------------------------

    def add_documents(self, docs: list, progress: Callable[[int], None] | None = None) -> AddResult:
        """Chunk, embed and store documents (or LangChain ``Document``\\ s, e.g. a loader's ``load()``);
        a document whose id is already stored is replaced.

        Embedding happens before the transaction, so a failure there leaves the index untouched.
        """
        with _locked(write_lock(self.path, self.lock_timeout)):
            return self._add_unlocked(docs, progress)

    def _add_unlocked(self, docs: list, progress: Callable[[int], None] | None = None) -> AddResult:
        docs = list({d.doc_id: d for d in as_documents(docs)}.values())  # the same id twice in a batch: the last wins
        rows: list[tuple[Document, list]] = [(d, chunk(d.text)) for d in docs]
        texts = [c.text for _, chunks in rows for c in chunks]
        vectors = self.embedder.encode(texts) if texts else np.zeros((0, self.dimension), np.float32)
        if vectors.shape[1] != self.dimension:
            raise IndexMismatch(f"{self.path}: embedding dimension {vectors.shape[1]} != index dimension {self.dimension}")
        with self._lock:  # this process's readers wait for the commit and the vectors that go with it
            return self._store(rows, vectors, progress)

    def _store(self, rows: list[tuple[Document, list]], vectors: np.ndarray,
               progress: Callable[[int], None] | None) -> AddResult:
        self._sync_vectors()
        new_ids: list[int] = []
        removed: list[int] = []
        replaced = 0
        it = iter(vectors)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for doc, chunks in rows:
                old = [r[0] for r in self.db.execute("SELECT id FROM passages WHERE doc_id = ?", (doc.doc_id,))]
                if self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone():
                    replaced += 1
                    removed.extend(old)
                    self.db.execute("DELETE FROM passages WHERE doc_id = ?", (doc.doc_id,))
                    self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc.doc_id,))
                self.db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                (doc.doc_id, doc.title, doc.url, doc.publisher, doc.date, doc.path,
                                 json.dumps(doc.extra), _now()))
                for c in chunks:
                    cur = self.db.execute("INSERT INTO passages(doc_id, start, end, text, vector) VALUES (?, ?, ?, ?, ?)",
                                          (doc.doc_id, c.start, c.end, c.text, next(it).tobytes()))
                    new_ids.append(int(cur.lastrowid))
                if progress:
                    progress(1)
            gen = self._bump_generation()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._faiss_gen = None  # changed in place below: until it is done, it is no generation's
        if removed:
            self._faiss.remove_ids(np.array(removed, dtype=np.int64))
        if new_ids:
            self._faiss.add_with_ids(vectors, np.array(new_ids, dtype=np.int64))
        self._faiss_gen = gen
        self._save_or_restructure()
        return AddResult(documents=len(rows), passages=len(new_ids), replaced=replaced)

    def remove(self, doc_ids: list[str]) -> int:
        """Delete documents and their passages; unknown ids are an error before anything changes."""
        with _locked(write_lock(self.path, self.lock_timeout)), self._lock:
            known = {r[0] for r in self.db.execute("SELECT doc_id FROM documents")}
            unknown = [d for d in doc_ids if d not in known]
            if unknown:
                raise IndexError_(f"not in the index: {', '.join(unknown)} (see 'factcheck index info --documents')")
            self._sync_vectors()
            removed: list[int] = []
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for d in doc_ids:
                    removed.extend(r[0] for r in self.db.execute("SELECT id FROM passages WHERE doc_id = ?", (d,)))
                    self.db.execute("DELETE FROM passages WHERE doc_id = ?", (d,))
                    self.db.execute("DELETE FROM documents WHERE doc_id = ?", (d,))
                gen = self._bump_generation()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self._faiss_gen = None
            if removed:
                self._faiss.remove_ids(np.array(removed, dtype=np.int64))
            self._faiss_gen = gen
            self._save_or_restructure()
        return len(doc_ids)

    def close(self) -> None:
        self.db.close()

    # ---- the derived vector file ---------------------------------------------------------

    def _bump_generation(self) -> int:
        gen = self._generation() + 1
        self.db.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (str(gen),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (_now(),))
        return gen

    def _vectors(self):
        """The FAISS index of the stored passages as they are now (loaded, or rebuilt, when they changed)."""
        with self.reading():
            return self._faiss

    def _sync_vectors(self) -> None:
        """A writer's view (it holds the write lock, so nobody else writes): load the vector file if it
        matches the stored passages, else rebuild it and save it."""
        if self._faiss_gen != self._generation():
            self._load_vectors(wait=False, save=True)

    def _load_vectors(self, wait: bool, save: bool = False) -> bool:
        """Make self._faiss the vectors of the passages in the current view (a reader's snapshot, or
        the database as a writer holding the lock sees it).

        The vector file is used if it holds exactly the view's passage ids (ids are never reused,
        passages never change in place, so equal ids mean equal vectors). If it does not, and
        ``wait``, and a writer holds the lock, the writer is between its commit and its vector file:
        returns False, to look again. Otherwise the vectors are built from the view's stored ones;
        the file is rewritten (repaired) only by a caller holding the write lock (``save``), or by a
        reader that can take it at once and finds nothing written since its snapshot.
        """
        import faiss

        faiss.omp_set_num_threads(1)  # single queries are faster without OpenMP fan-out
        gen = self._generation()
        ids = np.fromiter((r[0] for r in self.db.execute("SELECT id FROM passages ORDER BY id")), np.int64)
        index = self._read_vector_file(ids)
        if index is not None:
            self._faiss, self._faiss_gen = index, gen
            return True
        if save:
            self._rebuild_vectors()
            return True
        from filelock import Timeout

        held = write_lock(self.path, timeout=0)
        try:
            held.acquire()
        except Timeout:
            if wait:
                return False  # a writer is between its commit and its vector file
            held = None
        except OSError:  # a place this reader cannot write: no repair here
            held = None
        try:
            if wait and self._latest_generation() != gen:
                return False  # written since this snapshot began: look at the newer one
            self._faiss, self._faiss_gen = self._build_vectors(len(ids)), gen
            if held is not None and os.access(self.path, os.W_OK) and self._latest_generation() == gen:
                self._save_vectors()  # a repair: nobody can write now, and nobody wrote since this snapshot
        finally:
            if held is not None:
                held.release()
        return True

    def _latest_generation(self) -> int:
        """The generation last committed, read outside any snapshot this connection holds."""
        db = sqlite3.connect(str(self.path / DB), timeout=30)
        try:
            return int(db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
        finally:
            db.close()

    def _read_vector_file(self, ids: np.ndarray):
        """The vector file, if it is readable, of this index's dimension, holds exactly ``ids``
        (sorted) and has the structure their number calls for; else None."""
        import faiss

        path = self.path / VECTORS
        try:
            index = faiss.read_index(str(path))
        except (RuntimeError, MemoryError):  # missing, unreadable, or replaced while being read
            return None
        if index.d != self.dimension or index.ntotal != len(ids) or self._wanted_structure(index, len(ids)) is not None:
            return None
        return index if np.array_equal(np.sort(vector_ids(index)), ids) else None

    def _wanted_structure(self, index, count: int) -> str | None:
        """The structure ``index`` should be rebuilt as for ``count`` passages, or None to keep it."""
        if _is_ivf(index):
            if count < self.ann_threshold // 2:
                return "flat"
            trained_on = int(self._meta("ivf_trained_on") or 0)
            if trained_on and count > RETRAIN_GROWTH * trained_on:
                return "ivf"
            return None
        return "ivf" if count >= self.ann_threshold else None

    def _save_or_restructure(self) -> None:
        """After a write: save the vector file, rebuilding it first if the size now calls for another structure."""
        if self._wanted_structure(self._faiss, self._faiss.ntotal) is not None:
            self._rebuild_vectors()
        else:
            self._save_vectors()

    def _stored_vectors(self, every: int = 1):
        """(ids, vectors) of the stored passages in batches, every ``every``-th passage only if > 1."""
        cur = self.db.execute("SELECT id, vector FROM passages ORDER BY id")
        n = 0
        while batch := cur.fetchmany(10000):
            if every > 1:
                batch = [r for i, r in enumerate(batch, n) if i % every == 0]
                n += 10000
            if batch:
                ids = np.array([r[0] for r in batch], dtype=np.int64)
                yield ids, np.frombuffer(b"".join(r[1] for r in batch), dtype=np.float32).reshape(len(batch), -1)

    def _build_vectors(self, count: int | None = None):
        """A FAISS index built from the stored vectors of the current view."""
        if count is None:
            count = self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        return build_vector_index(self.dimension, count, self._stored_vectors, self.ann_threshold)

    def _rebuild_vectors(self):
        """Rebuild the vectors from the database and save them (for a writer, or a repair, holding the
        write lock)."""
        gen = self._generation()
        index = self._build_vectors()
        if _is_ivf(index) and not self.db.in_transaction and os.access(self.path, os.W_OK):
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('ivf_trained_on', ?)", (str(index.ntotal),))
        self._faiss, self._faiss_gen = index, gen
        if os.access(self.path, os.W_OK):
            self._save_vectors()
        return index

    def _vector_kind(self) -> str:
        """What the vector file holds: 'flat-ip', or 'ivf{nlist}-fp16-ip' with its nprobe."""
        if self._faiss is None:
            return self.manifest.get("vector_index") or "flat-ip"
        return describe_vector_index(self._faiss)

    def _save_vectors(self) -> None:
        import faiss

        # The manifest first: no reader trusts it for the vectors (they match the file by its ids), so
        # a crash between the two leaves a vector file that does not match, which the next open
        # rebuilds, and writes the manifest again with it. The other way round, a crash left a current
        # vector file beside a stale manifest that nothing rewrote.
        self._write_manifest()
        atomic_write(self.path / VECTORS, faiss.serialize_index(self._faiss).tobytes())

    def _write_manifest(self) -> None:
        info = self._info()
        self.manifest = {"format_version": FORMAT_VERSION, "embedding_model": info["embedding_model"],
                         "dimension": info["dimension"], "documents": info["documents"],
                         "passages": info["passages"], "vector_index": info["vector_index"],
                         "ivf_trained_on": int(self._meta("ivf_trained_on") or 0) if info["vector_index"] != "flat-ip" else 0,
                         "generation": info["generation"], "created": info["created"], "updated": info["updated"]}
        atomic_write(self.path / MANIFEST, (json.dumps(self.manifest, indent=2) + "\n").encode())


def vector_ids(index) -> np.ndarray:
    """The passage ids a FAISS index holds (an IndexIDMap2 or an IVF index), in its own order."""
    import faiss

    ivf = faiss_ivf(index)
    if ivf is None:
        return faiss.vector_to_array(faiss.downcast_index(index).id_map).astype(np.int64)
    lists = ivf.invlists
    parts = [faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
             for i in range(ivf.nlist) if lists.list_size(i)]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def faiss_ivf(index):
    """The IVF index itself (downcast), or None when ``index`` is not one."""
    import faiss

    inner = faiss.downcast_index(index)
    return inner if isinstance(inner, faiss.IndexIVF) else None


def _is_ivf(index) -> bool:
    return index is not None and faiss_ivf(index) is not None


def ivf_params(count: int) -> tuple[int, int]:
    """(nlist, nprobe) for an IVF index over ``count`` vectors."""
    nlist = max(1, min(int(IVF_LISTS_PER_SQRT * count ** 0.5), count // 39))
    nprobe = min(nlist, max(IVF_MIN_PROBE, int(round(nlist * IVF_PROBE_SHARE))))
    return nlist, nprobe


def new_vector_index(dimension: int, count: int, threshold: int = ANN_THRESHOLD):
    """An empty FAISS index fit for ``count`` vectors: exact below ``threshold``, else IVF (untrained).

    Both take ``add_with_ids`` and ``remove_ids``; neither is pickled (``faiss.serialize_index``).
    """
    import faiss

    if count < threshold:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
    nlist, nprobe = ivf_params(count)
    index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(dimension), dimension, nlist,
                                          faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
    index.nprobe = nprobe
    return index


def build_vector_index(dimension: int, count: int, batches: Callable[[int], Iterable[tuple[np.ndarray, np.ndarray]]],
                       threshold: int = ANN_THRESHOLD):
    """A filled FAISS index over ``count`` vectors, its structure chosen by :func:`new_vector_index`.

    ``batches(every)`` yields (ids, vectors) batches of every ``every``-th vector (1: all of them);
    an IVF index is trained on such a sample, then filled. ``factcheck bench scale`` measures this.
    """
    import faiss

    index = new_vector_index(dimension, count, threshold)
    ivf = faiss_ivf(index)
    if ivf is not None:
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # training and assignment are batch work
        try:
            ivf.cp.niter = IVF_TRAIN_ITERATIONS
            every = max(1, count // (IVF_TRAIN_PER_LIST * ivf.nlist))
            index.train(np.ascontiguousarray(np.concatenate([v for _, v in batches(every)]), dtype=np.float32))
            for ids, vecs in batches(1):
                index.add_with_ids(np.ascontiguousarray(vecs, dtype=np.float32), ids)
        finally:
            faiss.omp_set_num_threads(1)  # single queries are faster without OpenMP fan-out
    else:
        for ids, vecs in batches(1):
            index.add_with_ids(np.ascontiguousarray(vecs, dtype=np.float32), ids)
    return index


def describe_vector_index(index) -> str:
    ivf = faiss_ivf(index)
    if ivf is None:
        return "flat-ip"
    return f"ivf{ivf.nlist}-fp16-ip(nprobe={ivf.nprobe})"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")
    return db


def build(path: Path, docs_iter: Iterable[list[Document]], embedder: Embedder | None = None,
          lock_timeout: float = 10.0) -> Index:
    """Build a fresh index at ``path`` beside any existing one, then swap it in.

    An index already at ``path`` stays untouched until the new one is complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(write_lock(path, lock_timeout)):
        tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.building-"))
        tmp.chmod(0o755)
        try:
            index = Index.create(tmp, embedder)
            for docs in docs_iter:
                index._add_unlocked(docs)
            index.close()
            if path.exists():
                old = path.with_name(f".{path.name}.old-{os.getpid()}")
                os.replace(path, old)
                os.replace(tmp, path)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return Index.open(path, embedder=index.embedder)
