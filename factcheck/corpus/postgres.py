"""The reference index on a PostgreSQL server: documents, passages, vectors and lexical search.

For a corpus that outgrows one machine's files, on a server the newsroom already runs. One
schema per index (``?schema=NAME`` in the URL, default ``factcheck``) holds::

    meta       the manifest: format version, embedding model, dimension, generation, BM25 statistics
    documents  one row per document (title, url, publisher, date, extra metadata as JSONB)
    passages   text, offsets, the vector (pgvector ``vector(d)``, HNSW index, inner product), the
               generated full-text ``tsvector`` and its length in words (``terms``)
    postings   (lexeme, passage, term frequency): the ``tsvector``s as an inverted index
    factcheck  the text search configuration: PostgreSQL's English stemmer, no stop words dropped
               from passages, hyphenated words indexed as their parts (as FTS5's tokenizer does)

Lexical search ranks with BM25 over the postings (term and document frequencies, passage
lengths) with SQLite FTS5's formula and constants, the query losing the same stop words as there, so the hybrid fusion above behaves the same on either store; ranking
straight from the ``tsvector``s (``ts_rank`` has no document frequencies, unnesting every matching
one is slow) was not good enough. Every write is one transaction under an advisory lock (one writer at a
time); a build fills a new schema and swaps it in with one rename, so a failed build leaves the
old index as it was. Connection and server errors become one-line :class:`IndexUnavailable`
messages with the password masked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from ..types import Passage, Source
from .embed import DEFAULT_MODEL, Embedder
from .index import _STOPWORDS, AddResult, IndexCorrupt, IndexError_, IndexLocked, IndexMismatch, IndexMissing
from .ingest import Document, chunk
from .loaders import as_documents

FORMAT_VERSION = 1  # of the tables below; the folder index counts its own
SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")
DEFAULT_SCHEMA = "factcheck"
# HNSW over inner product (vectors are unit length, so it is cosine), at every size: an exact scan
# in PostgreSQL costs ~12 ms a query at 5k passages (FAISS's flat search is far faster), HNSW ~1.4 ms.
# m and ef_construction are pgvector's defaults; ef_search is raised from its default 40 to reach
# recall@10 >= 0.95 at 100k passages on the synthetic set of ``bench scale`` (docs/benchmarks.md),
# never tuned on eval data.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 100
BM25_K1, BM25_B = 1.2, 0.75  # SQLite FTS5's defaults
LOCK_TIMEOUT_S = 10.0


class IndexUnavailable(IndexError_):
    """The server cannot be reached, refused us, or went away during an operation."""


def is_postgres_url(spec: object) -> bool:
    return isinstance(spec, str) and spec.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL with its password (if any) replaced by ``***``: safe to print."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def parse_url(url: str) -> tuple[str, str]:
    """(libpq connection URI, schema) from a store URL; IndexError_ for a malformed one."""
    if not is_postgres_url(url):
        raise IndexError_(f"not a PostgreSQL URL: {redact(url)} (expected postgresql+psycopg://USER:PASSWORD@HOST/DB)")
    parts = urlsplit("postgresql://" + url.split("://", 1)[1])
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), DEFAULT_SCHEMA)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,50}", schema):
        raise IndexError_(f"schema {schema!r}: use lower-case letters, digits and _ (at most 51 characters)")
    conninfo = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "schema"])))
    return conninfo, schema


def _one_line(e: BaseException, secret: str | None) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text.replace(secret, "***") if secret else text


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class PostgresStore:
    """An index in one schema of a PostgreSQL database. Open with :meth:`open` or :meth:`create`.

    It has the :class:`~factcheck.retrieve.base.SearchableStore` shape and the same writing and
    reading methods as :class:`~factcheck.corpus.Index`, so every caller takes either.
    """

    def __init__(self, url: str, db, schema: str, embedder: Embedder, manifest: dict):
        self.url = url
        self.db = db
        self.schema = schema
        self.embedder = embedder
        self.manifest = manifest
        self.lock_timeout = LOCK_TIMEOUT_S
        self.ef_search = HNSW_EF_SEARCH

    @property
    def path(self) -> str:
        """Where the index is, for messages and reports (password masked)."""
        return redact(self.url)

    # ---- connecting ----------------------------------------------------------------------

    @staticmethod
    def connect(url: str):
        """A psycopg connection (autocommit; writes open explicit transactions) with pgvector types."""
        import psycopg

        conninfo, _ = parse_url(url)
        secret = urlsplit(conninfo).password
        try:
            db = psycopg.connect(conninfo, autocommit=True, connect_timeout=10, application_name="factcheck")
        except psycopg.Error as e:
            raise IndexUnavailable(f"cannot connect to PostgreSQL at {redact(url)}: {_one_line(e, secret)}") from None
        try:
            from pgvector.psycopg import register_vector

            register_vector(db)
        except psycopg.ProgrammingError:
            db.close()
            raise IndexMissing(f"{redact(url)}: the pgvector extension is not installed in this database; "
                               "build an index here first (it creates the extension) or ask the server's "
                               "administrator to run CREATE EXTENSION vector") from None
        return db

    @classmethod
    def create(cls, url: str, embedder: Embedder | None = None, schema: str | None = None,
               vector_index: bool = True) -> PostgresStore:
        """A new, empty index in the URL's schema (which must not hold one already).

        ``vector_index`` False leaves the HNSW index to :meth:`create_vector_index` (after a bulk load).
        """
        import psycopg

        embedder = embedder or Embedder()
        schema = schema or parse_url(url)[1]
        db = None
        try:
            db = _connect_with_extension(url)
            if db.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone():
                db.close()
                raise IndexError_(f"{redact(url)}: schema {schema!r} exists already; use 'index add', or "
                                  "'index build' to replace it")
            with db.transaction():
                for statement in _schema_sql(schema, embedder.dimension):
                    db.execute(statement)
                for k, v in {"format_version": FORMAT_VERSION, "embedding_model": embedder.model_name,
                             "dimension": embedder.dimension, "generation": 0, "created": _now(),
                             "passages": 0, "lexemes": 0}.items():
                    db.execute(_q(schema, "INSERT INTO {s}.meta VALUES (%s, %s)"), (k, str(v)))
        except psycopg.Error as e:
            if db is not None:
                db.close()
            raise IndexUnavailable(f"{redact(url)}: could not create the index ({_one_line(e, None)})") from None
        store = cls(url, db, schema, embedder, {})
        store.manifest = store._read_meta()
        store._set_search_params()
        if vector_index:
            store.create_vector_index()
        return store

    @classmethod
    def open(cls, url: str, model: str | None = None, embedder: Embedder | None = None) -> PostgresStore:
        """Open the index in the URL's schema, checking format version, model and dimension."""
        import psycopg

        _, schema = parse_url(url)
        db = cls.connect(url)
        try:
            if not db.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone():
                raise IndexMissing(f"no index in schema {schema!r} at {redact(url)}; build one with "
                                   f"'factcheck index build SOURCES --store URL'")
            if not db.execute("SELECT to_regclass(%s)", (f"{schema}.meta",)).fetchone()[0]:
                raise IndexCorrupt(f"{redact(url)}: schema {schema!r} holds no factcheck index (no meta table); "
                                   "rebuild it with 'factcheck index build'")
            meta = dict(db.execute(_q(schema, "SELECT key, value FROM {s}.meta")).fetchall())
        except psycopg.Error as e:
            db.close()
            raise IndexUnavailable(f"{redact(url)}: {_one_line(e, None)}") from None
        except IndexError_:
            db.close()
            raise
        version = meta.get("format_version")
        if version != str(FORMAT_VERSION):
            db.close()
            raise IndexMismatch(f"{redact(url)}: index format version {version}, this factcheck reads version "
                                f"{FORMAT_VERSION}; rebuild it with 'factcheck index build'")
        built_with = meta.get("embedding_model")
        wanted = model or (embedder.model_name if embedder else None)
        if wanted and wanted != built_with:
            db.close()
            raise IndexMismatch(f"{redact(url)}: index was built with embedding model {built_with!r}, not {wanted!r}; "
                                f"rebuild it or use --model {built_with}")
        if embedder is not None and str(embedder.dimension) != meta.get("dimension"):
            db.close()
            raise IndexMismatch(f"{redact(url)}: index dimension {meta.get('dimension')}, the embedding model gives "
                                f"{embedder.dimension}; rebuild the index")
        embedder = embedder or Embedder(built_with or DEFAULT_MODEL)
        store = cls(url, db, schema, embedder, meta)
        store._set_search_params()
        return store

    def _set_search_params(self) -> None:
        self.db.execute(f"SET hnsw.ef_search = {int(self.ef_search)}")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _errors(self, doing: str, after: str = "") -> Iterator[None]:
        """psycopg errors as one-line IndexUnavailable messages (password masked). A connection lost
        earlier (a server restart) is made again first, so a long-lived store recovers on its own."""
        import psycopg

        if self.db.closed or self.db.broken:
            self.db = self.connect(self.url)
            self._set_search_params()
        try:
            yield
        except psycopg.errors.LockNotAvailable:
            raise IndexLocked(f"another process is writing to the index at {self.path}; "
                              "try again when it finishes") from None
        except psycopg.Error as e:
            detail = _one_line(e, urlsplit(parse_url(self.url)[0]).password)
            raise IndexUnavailable(f"{self.path}: {doing} failed ({detail}){after}") from None

    def _sql(self, text: str):
        return _q(self.schema, text)

    # ---- reading -------------------------------------------------------------------------

    def _read_meta(self) -> dict:
        return dict(self.db.execute(self._sql("SELECT key, value FROM {s}.meta")).fetchall())

    @property
    def dimension(self) -> int:
        return int(self.manifest["dimension"])

    def info(self) -> dict:
        with self._errors("reading the index"):
            meta = self._read_meta()
            docs = self.db.execute(self._sql("SELECT COUNT(*) FROM {s}.documents")).fetchone()[0]
            passages = self.db.execute(self._sql("SELECT COUNT(*) FROM {s}.passages")).fetchone()[0]
        return {"path": self.path, "format_version": int(meta.get("format_version", 0)),
                "embedding_model": meta.get("embedding_model", ""), "dimension": int(meta.get("dimension", 0)),
                "documents": docs, "passages": passages,
                "vector_index": f"hnsw-ip(m={HNSW_M}, ef_construction={HNSW_EF_CONSTRUCTION}, ef_search={self.ef_search})",
                "generation": int(meta.get("generation") or 0), "created": meta.get("created", ""),
                "updated": meta.get("updated", "")}

    def documents(self) -> list[dict]:
        with self._errors("listing documents"):
            rows = self.db.execute(self._sql(
                """SELECT d.doc_id, d.title, d.publisher, d.date, d.url, COUNT(p.id)
                   FROM {s}.documents d LEFT JOIN {s}.passages p ON p.doc_id = d.doc_id
                   GROUP BY d.doc_id ORDER BY d.doc_id""")).fetchall()
        return [dict(zip(("doc_id", "title", "publisher", "date", "url", "passages"), r)) for r in rows]

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        ids = list(dict.fromkeys(int(i) for i in ids))
        if not ids:
            return {}
        with self._errors("reading passages"):
            rows = self.db.execute(self._sql(
                """SELECT p.id, p.text, p.start, p."end", d.doc_id, d.title, d.url, d.publisher, d.date
                   FROM {s}.passages p JOIN {s}.documents d ON d.doc_id = p.doc_id
                   WHERE p.id = ANY(%s)"""), (ids,)).fetchall()
        return {r[0]: Passage(id=r[0], text=r[1], start=r[2], end=r[3],
                              source=Source(doc_id=r[4], title=r[5] or "", url=r[6] or "",
                                            publisher=r[7] or "", date=r[8] or "")) for r in rows}

    def passage_vectors(self, batch: int = 1000) -> Iterator[tuple[list[Passage], np.ndarray]]:
        """Every stored passage with its vector, in id order, ``batch`` at a time."""
        last = 0
        while True:
            with self._errors("reading passages"):
                rows = self.db.execute(self._sql("SELECT id, vector FROM {s}.passages WHERE id > %s "
                                                 "ORDER BY id LIMIT %s"), (last, batch)).fetchall()
            if not rows:
                return
            found = self.passages(r[0] for r in rows)
            yield [found[r[0]] for r in rows], np.stack([np.asarray(r[1], dtype=np.float32) for r in rows])
            last = rows[-1][0]

    def search_dense(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """Top-k passages by cosine similarity for each query vector (HNSW, inner product)."""
        out = []
        with self._errors("vector search"):
            query = self._sql("SELECT id, vector <#> %s AS d FROM {s}.passages ORDER BY d LIMIT %s")
            for v in np.asarray(vectors, dtype=np.float32):
                rows = self.db.execute(query, (v, k)).fetchall()
                out.append([(int(r[0]), -float(r[1])) for r in rows])
        return out

    def search_lexical(self, queries: list[str], k: int) -> list[list[tuple[int, float]]]:
        """Top-k passages by BM25 over PostgreSQL full-text search (English stemming and stop words)."""
        out = []
        with self._errors("full-text search"):
            stats = dict(self.db.execute(self._sql("SELECT key, value FROM {s}.meta WHERE key IN "
                                                   "('passages', 'lexemes')")).fetchall())
            n = int(stats.get("passages") or 0)
            avgdl = max(1.0, int(stats.get("lexemes") or 0) / max(n, 1))
            for q in queries:
                words = [t for t in re.findall(r"\w+", q.lower()) if t not in _STOPWORDS]
                if n == 0 or not words:
                    out.append([])
                    continue
                rows = self.db.execute(self._sql(_BM25), {"q": " ".join(words), "n": n, "avgdl": avgdl, "k": k,
                                                          "k1": float(BM25_K1), "b": float(BM25_B)}).fetchall()
                out.append([(int(r[0]), float(r[1])) for r in rows])
        return out

    # ---- writing -------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction holding the index's write lock (waits ``lock_timeout`` s, then IndexLocked)."""
        committing = False
        try:
            with self._errors("the write", "; it was rolled back and the index holds what it held before"):
                with self.db.transaction():
                    self.db.execute(f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'")
                    self.db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"factcheck:{self.schema}",))
                    new_from = self.db.execute(self._sql("SELECT COALESCE(MAX(id), 0) FROM {s}.passages")).fetchone()[0]
                    yield
                    self._finish_write(new_from)
                    committing = True
        except IndexUnavailable:
            if not committing:
                raise
            raise IndexUnavailable(f"{self.path}: the connection failed while the write was committed, so it may or "
                                   "may not be stored; see 'factcheck index info --documents'") from None

    def add_documents(self, docs: list, progress: Callable[[int], None] | None = None) -> AddResult:
        """Chunk, embed and store documents (or LangChain ``Document``s); an id already stored is replaced.

        Embedding happens before the transaction, so a failure there changes nothing.
        """
        docs = list({d.doc_id: d for d in as_documents(docs)}.values())
        rows = [(d, chunk(d.text)) for d in docs]
        texts = [c.text for _, chunks in rows for c in chunks]
        vectors = self.embedder.encode(texts) if texts else np.zeros((0, self.dimension), np.float32)
        if vectors.shape[1] != self.dimension:
            raise IndexMismatch(f"{self.path}: embedding dimension {vectors.shape[1]} != index dimension {self.dimension}")
        added = replaced = 0
        it = iter(vectors)
        with self._write():
            for doc, chunks in rows:
                replaced += self._delete_document(doc.doc_id)
                self._insert_document(doc, [(c, next(it)) for c in chunks])
                added += len(chunks)
                if progress:
                    progress(1)
        return AddResult(documents=len(docs), passages=added, replaced=replaced)

    def _delete_document(self, doc_id: str) -> int:
        return self.db.execute(self._sql("DELETE FROM {s}.documents WHERE doc_id = %s"), (doc_id,)).rowcount

    def _insert_document(self, doc: Document, chunks: list) -> None:
        self.db.execute(self._sql("INSERT INTO {s}.documents VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"),
                        (doc.doc_id, doc.title, doc.url, doc.publisher, doc.date, doc.path,
                         json.dumps(doc.extra), _now()))
        if chunks:
            with self.db.cursor() as cur:
                cur.executemany(self._sql('INSERT INTO {s}.passages(doc_id, start, "end", text, vector) '
                                          "VALUES (%s, %s, %s, %s, %s)"),
                                [(doc.doc_id, c.start, c.end, c.text, v) for c, v in chunks])

    def remove(self, doc_ids: list[str]) -> int:
        """Delete documents and their passages; unknown ids are an error before anything changes."""
        with self._write():
            known = {r[0] for r in self.db.execute(self._sql("SELECT doc_id FROM {s}.documents "
                                                             "WHERE doc_id = ANY(%s)"), (list(doc_ids),))}
            unknown = [d for d in doc_ids if d not in known]
            if unknown:
                raise IndexError_(f"not in the index: {', '.join(unknown)} (see 'factcheck index info --documents')")
            for d in doc_ids:
                self._delete_document(d)
        return len(doc_ids)

    def _finish_write(self, new_from: int) -> None:
        """Inside the write's transaction: postings of the passages written (ids above ``new_from``),
        the BM25 statistics, the generation."""
        self.db.execute(self._sql(
            """INSERT INTO {s}.postings(lexeme, passage_id, tf, terms)
               SELECT u.lexeme, p.id, cardinality(u.positions), p.terms
               FROM {s}.passages p CROSS JOIN LATERAL unnest(p.tsv) u WHERE p.id > %s"""), (new_from,))
        n, lexemes = self.db.execute(self._sql("SELECT COUNT(*), COALESCE(SUM(terms), 0) "
                                               "FROM {s}.passages")).fetchone()
        for key, value in (("passages", n), ("lexemes", lexemes), ("updated", _now())):
            self.db.execute(self._sql("INSERT INTO {s}.meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                                      "SET value = excluded.value"), (key, str(value)))
        self.db.execute(self._sql("UPDATE {s}.meta SET value = (value::int + 1)::text WHERE key = 'generation'"))

    def create_vector_index(self) -> None:
        """The HNSW index over the vectors (built once after a bulk load; kept up to date on writes)."""
        with self._errors("building the vector index"):
            self.db.execute("SET maintenance_work_mem = '1GB'")
            self.db.execute(self._sql(
                f"CREATE INDEX IF NOT EXISTS passages_hnsw ON {{s}}.passages USING hnsw (vector vector_ip_ops) "
                f"WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"))

    def disk_bytes(self) -> int:
        """Bytes the index takes on the server (tables, TOAST and indexes)."""
        with self._errors("measuring the index"):
            return int(self.db.execute(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind IN ('r', 'm')",
                (self.schema,)).fetchone()[0])


# A query's lexemes (the same English full-text configuration as the passages), each one's document
# frequency and postings from the postings index, and BM25 summed per passage (FTS5's idf: log((N - n
# + 0.5) / (n + 0.5)), at least 1e-6).
# One index range scan per query lexeme (LATERAL, so the planner never scans all postings).
_BM25 = """
WITH q AS (SELECT DISTINCT lexeme FROM unnest(to_tsvector({cfg}, %(q)s))),
     o AS (SELECT o.passage_id, o.tf, o.terms, COUNT(*) OVER (PARTITION BY q.lexeme) AS df
           FROM q CROSS JOIN LATERAL (SELECT passage_id, tf, terms FROM {s}.postings
                                      WHERE lexeme = q.lexeme) o)
SELECT passage_id, SUM(GREATEST(ln((%(n)s - df + 0.5) / (df + 0.5)), 1e-6) * tf * (%(k1)s + 1)
                       / (tf + %(k1)s * (1 - %(b)s + %(b)s * terms / %(avgdl)s))) AS score
FROM o GROUP BY passage_id ORDER BY score DESC, passage_id LIMIT %(k)s
"""


def _q(schema: str, text: str):
    """SQL with ``{s}`` replaced by the quoted schema name and ``{cfg}`` by its text search
    configuration (never by string formatting of values)."""
    from psycopg import sql

    return sql.SQL(text).format(s=sql.Identifier(schema),
                                cfg=sql.SQL("{}::regconfig").format(sql.Literal(f'"{schema}".factcheck')))


def _schema_sql(schema: str, dimension: int) -> list:
    return [_q(schema, text) for text in (
        "CREATE SCHEMA {s}",
        "CREATE TABLE {s}.meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TEXT SEARCH DICTIONARY {s}.english_stem_all (TEMPLATE = snowball, LANGUAGE = english)",
        "CREATE TEXT SEARCH CONFIGURATION {s}.factcheck (COPY = pg_catalog.english)",
        """CREATE FUNCTION {s}.words(tsvector) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
               AS 'SELECT COALESCE(SUM(pg_catalog.cardinality(positions)), 0)::integer FROM pg_catalog.unnest($1)'""",
        """ALTER TEXT SEARCH CONFIGURATION {s}.factcheck ALTER MAPPING FOR asciiword, word, numword,
               hword_asciipart, hword_part, hword_numpart WITH {s}.english_stem_all""",
        "ALTER TEXT SEARCH CONFIGURATION {s}.factcheck DROP MAPPING FOR asciihword, hword, numhword",
        """CREATE TABLE {s}.documents(doc_id TEXT PRIMARY KEY, title TEXT, url TEXT, publisher TEXT, date TEXT,
               path TEXT, extra JSONB, added TEXT)""",
        f"""CREATE TABLE {{s}}.passages(
               id BIGSERIAL PRIMARY KEY,
               doc_id TEXT NOT NULL REFERENCES {{s}}.documents(doc_id) ON DELETE CASCADE,
               start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
               vector vector({int(dimension)}) NOT NULL,
               tsv tsvector GENERATED ALWAYS AS (to_tsvector({{cfg}}, text)) STORED,
               terms INTEGER GENERATED ALWAYS AS ({{s}}.words(to_tsvector({{cfg}}, text))) STORED)""",
        "CREATE INDEX passages_doc ON {s}.passages(doc_id)",
        """CREATE TABLE {s}.postings(lexeme TEXT NOT NULL,
               passage_id BIGINT NOT NULL REFERENCES {s}.passages(id) ON DELETE CASCADE,
               tf INTEGER NOT NULL, terms INTEGER NOT NULL, PRIMARY KEY (lexeme, passage_id) INCLUDE (tf, terms))""",
        "CREATE INDEX postings_passage ON {s}.postings(passage_id)",
    )]


def _connect_with_extension(url: str):
    """A connection to a database that has the pgvector extension (created here if missing)."""
    import psycopg

    conninfo, _ = parse_url(url)
    try:
        db = psycopg.connect(conninfo, autocommit=True, connect_timeout=10, application_name="factcheck")
    except psycopg.Error as e:
        raise IndexUnavailable(f"cannot connect to PostgreSQL at {redact(url)}: "
                               f"{_one_line(e, urlsplit(conninfo).password)}") from None
    try:
        db.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.Error as e:
        db.close()
        raise IndexUnavailable(f"{redact(url)}: the pgvector extension is missing and could not be created "
                               f"({_one_line(e, None)}); ask the server's administrator to install it") from None
    from pgvector.psycopg import register_vector

    register_vector(db)
    return db


def build(url: str, docs_iter: Iterable[list], embedder: Embedder | None = None,
          lock_timeout: float = LOCK_TIMEOUT_S) -> PostgresStore:
    """Build a fresh index beside the URL's schema, then swap it in with one transaction.

    An index already in the schema stays untouched (and searchable) until the new one is complete;
    the HNSW index is built once after the bulk load, which is far faster than row by row.
    """
    import psycopg

    _, schema = parse_url(url)
    building = f"{schema}__building"
    store = None
    db = _connect_with_extension(url)
    try:
        db.execute(_q(building, "DROP SCHEMA IF EXISTS {s} CASCADE"))  # a build that died before
        db.close()
        store = PostgresStore.create(url, embedder, schema=building, vector_index=False)
        store.lock_timeout = lock_timeout
        for docs in docs_iter:
            store.add_documents(docs)
        store.create_vector_index()
        for table in ("passages", "postings"):
            store.db.execute(store._sql(f"ANALYZE {{s}}.{table}"))
        with store._errors("replacing the index"), store.db.transaction():
            store.db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"factcheck:{schema}",))
            store.db.execute(_q(schema, "DROP SCHEMA IF EXISTS {s} CASCADE"))
            store.db.execute(_q(building, "ALTER SCHEMA {s} RENAME TO ") + _q(schema, "{s}"))
        store.close()
    except BaseException:
        if store is not None and not store.db.closed:
            try:
                store.db.execute(_q(building, "DROP SCHEMA IF EXISTS {s} CASCADE"))
            except psycopg.Error:
                pass
            store.close()
        raise
    return PostgresStore.open(url, embedder=store.embedder)
