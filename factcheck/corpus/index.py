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
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
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

    @property
    def dimension(self) -> int:
        return int(self._meta("dimension"))

    def _meta(self, key: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def info(self) -> dict:
        docs = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        passages = self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        return {"path": str(self.path), "format_version": FORMAT_VERSION,
                "embedding_model": self._meta("embedding_model"), "dimension": self.dimension,
                "documents": docs, "passages": passages, "vector_index": self._vector_kind(),
                "generation": int(self._meta("generation") or 0), "created": self._meta("created"),
                "updated": self._meta("updated")}

    def documents(self) -> list[dict]:
        rows = self.db.execute("""SELECT d.doc_id, d.title, d.publisher, d.date, d.url, COUNT(p.id)
                                  FROM documents d LEFT JOIN passages p ON p.doc_id = d.doc_id
                                  GROUP BY d.doc_id ORDER BY d.doc_id""").fetchall()
        return [dict(zip(("doc_id", "title", "publisher", "date", "url", "passages"), r)) for r in rows]

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        ids = list(dict.fromkeys(int(i) for i in ids))
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
        index = self._vectors()
        if index.ntotal == 0 or len(vectors) == 0:
            return [[] for _ in range(len(vectors))]
        scores, ids = index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(k, index.ntotal))
        return [[(int(i), float(s)) for i, s in zip(row_ids, row_s) if i >= 0] for row_ids, row_s in zip(ids, scores)]

    def search_lexical(self, queries: list[str], k: int) -> list[list[tuple[int, float]]]:
        """Top-k passages by BM25 (SQLite FTS5) for each query; higher score is better."""
        out = []
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
            self._bump_generation()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        index = self._vectors()
        if removed:
            index.remove_ids(np.array(removed, dtype=np.int64))
        if new_ids:
            index.add_with_ids(vectors, np.array(new_ids, dtype=np.int64))
        self._save_or_restructure()
        return AddResult(documents=len(docs), passages=len(new_ids), replaced=replaced)

    def remove(self, doc_ids: list[str]) -> int:
        """Delete documents and their passages; unknown ids are an error before anything changes."""
        with _locked(write_lock(self.path, self.lock_timeout)):
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
                self._bump_generation()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            if removed:
                self._vectors().remove_ids(np.array(removed, dtype=np.int64))
            self._save_or_restructure()
        return len(doc_ids)

    def close(self) -> None:
        self.db.close()

    # ---- the derived vector file ---------------------------------------------------------

    def _bump_generation(self) -> None:
        gen = int(self._meta("generation") or 0) + 1
        self.db.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (str(gen),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (_now(),))

    def _vectors(self):
        """The FAISS index, loaded once; rebuilt from SQLite when it does not match the stored passages."""
        if self._faiss is None:
            self._sync_vectors()
        return self._faiss

    def _sync_vectors(self) -> None:
        import faiss

        faiss.omp_set_num_threads(1)  # single queries are faster without OpenMP fan-out
        count = self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        gen = int(self._meta("generation") or 0)
        path = self.path / VECTORS
        index = None
        if path.exists() and self.manifest.get("generation") == gen:
            try:
                index = faiss.read_index(str(path))
            except RuntimeError:
                index = None
        if (index is None or index.ntotal != count or index.d != self.dimension
                or self._wanted_structure(index, count) is not None):
            index = self._rebuild_vectors()
        self._faiss = index

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

    def _rebuild_vectors(self):
        count = self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        index = build_vector_index(self.dimension, count, self._stored_vectors, self.ann_threshold)
        if _is_ivf(index) and not self.db.in_transaction and os.access(self.path, os.W_OK):
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('ivf_trained_on', ?)", (str(count),))
        self._faiss = index
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

        atomic_write(self.path / VECTORS, faiss.serialize_index(self._faiss).tobytes())
        self._write_manifest()

    def _write_manifest(self) -> None:
        info = self.info()
        self.manifest = {"format_version": FORMAT_VERSION, "embedding_model": info["embedding_model"],
                         "dimension": info["dimension"], "documents": info["documents"],
                         "passages": info["passages"], "vector_index": info["vector_index"],
                         "ivf_trained_on": int(self._meta("ivf_trained_on") or 0) if info["vector_index"] != "flat-ip" else 0,
                         "generation": info["generation"], "created": info["created"], "updated": info["updated"]}
        atomic_write(self.path / MANIFEST, (json.dumps(self.manifest, indent=2) + "\n").encode())


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
