"""The PostgreSQL + pgvector store on a real server: what goes in comes out, searches agree with
the SQLite + FAISS index, writes are all-or-nothing, and faults are one clear line."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import SMALL_DOCS

from factcheck.corpus.index import IndexError_, IndexLocked, IndexMismatch, IndexMissing
from factcheck.corpus.ingest import Document
from factcheck.corpus.pgserver import EmbeddedServer
from factcheck.corpus.postgres import IndexUnavailable, PostgresStore, build, parse_url, redact
from factcheck.corpus.store import open_store
from factcheck.retrieve import HybridRetriever

MORE = [Document(f"extra-{i}", f"Report {i}: the harbour of Odesa handled {i} grain ships in a week. "
                 f"Port officials counted {i * 3} lorries at the gate.", title=f"Extra {i}") for i in range(6)]


def doc_ids(store) -> list[str]:
    return [d["doc_id"] for d in store.documents()]


def test_build_stores_documents_passages_and_manifest_in_a_table(pg_store, pg_server, pg_url):
    info = pg_store.info()
    assert (info["documents"], info["passages"], info["format_version"]) == (3, 3, 1)
    assert info["embedding_model"] == "all-MiniLM-L6-v2" and info["dimension"] == 384
    assert info["vector_index"].startswith("hnsw")
    schema = parse_url(pg_url)[1]
    meta = dict(line.split("|") for line in pg_server.psql(f"SELECT key, value FROM {schema}.meta").split())
    assert meta["embedding_model"] == "all-MiniLM-L6-v2" and meta["dimension"] == "384" and meta["format_version"] == "1"
    # the vectors are a pgvector column with an HNSW index; lexical search reads postings made from
    # each passage's full-text tsvector
    indexes = pg_server.psql(f"SELECT indexdef FROM pg_indexes WHERE schemaname = '{schema}'")
    assert "USING hnsw (vector vector_ip_ops)" in indexes
    postings = pg_server.psql(f"SELECT o.lexeme, o.tf FROM {schema}.postings o JOIN {schema}.passages p "
                              f"ON p.id = o.passage_id WHERE p.doc_id = 'istanbul' ORDER BY o.lexeme")
    assert {"istanbul|1", "talk|1", "embassi|1", "the|1"} <= set(postings.split())  # stemmed; stop words kept, as FTS5 does
    docs = {d["doc_id"]: d for d in pg_store.documents()}
    assert docs["crimea"]["url"] == "https://example.org/crimea" and docs["istanbul"]["passages"] == 1


def test_hybrid_retrieval_matches_the_sqlite_index(pg_store, small_index):
    claims = ["Russia annexed Crimea in 2014.", "The talks in Istanbul lasted six hours.",
              "The grain deal was signed in July 2022."]
    on_pg = HybridRetriever(pg_store).retrieve(claims, k=3)
    on_sqlite = HybridRetriever(small_index).retrieve(claims, k=3)
    for pg_hits, lite_hits in zip(on_pg, on_sqlite):
        assert [e.passage.text for e in pg_hits] == [e.passage.text for e in lite_hits]
        assert pg_hits[0].dense_score == pytest.approx(lite_hits[0].dense_score, abs=1e-3)
    top = on_pg[0][0]
    assert top.passage.source.doc_id == "crimea" and top.passage.source.date == "2014-03-18"
    assert top.lexical_score > 0 and top.passage.text.startswith("Russia annexed Crimea")


def test_lexical_search_is_bm25_over_full_text_search(pg_store):
    (hits,) = pg_store.search_lexical(["Istanbul"], 5)
    texts = {pid: p.text for pid, p in pg_store.passages([h[0] for h in hits]).items()}
    assert len(hits) == 2 and all("Istanbul" in texts[pid] for pid, _ in hits)
    # the shorter passage ranks first (BM25's length normalisation); stop words alone match nothing
    assert texts[hits[0][0]].startswith("The Black Sea") and hits[0][1] > hits[1][1] > 0
    assert pg_store.search_lexical(["the and of", ""], 5) == [[], []]
    assert pg_store.search_lexical(["annexing"], 5)[0]  # stemmed: annexing ~ annexed


def test_add_replaces_by_id_and_remove_checks_ids_first(pg_store):
    result = pg_store.add_documents([Document("grain", "The grain corridor closed in July 2023.", title="Grain end"),
                                     Document("new", "A new document about Odesa.", title="New")])
    assert (result.documents, result.replaced) == (2, 1)
    assert doc_ids(pg_store) == ["crimea", "grain", "istanbul", "new"]
    (hits,) = pg_store.search_lexical(["corridor"], 5)
    assert pg_store.passages([hits[0][0]])[hits[0][0]].source.title == "Grain end"
    assert pg_store.search_lexical(["Black Sea Initiative"], 5) == [[]]  # the replaced text's postings are gone
    with pytest.raises(IndexError_, match="not in the index: nope"):
        pg_store.remove(["crimea", "nope"])
    assert doc_ids(pg_store) == ["crimea", "grain", "istanbul", "new"]  # nothing removed
    assert pg_store.remove(["crimea"]) == 1 and doc_ids(pg_store) == ["grain", "istanbul", "new"]
    assert pg_store.info()["generation"] == 3


def test_a_failed_build_leaves_the_old_index_searchable(pg_store, pg_url, pg_server, embedder):
    def batches():
        yield [Document("first", "A first batch that gets embedded and stored.")]
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError, match="source went away"):
        build(pg_url, batches(), embedder)
    assert doc_ids(open_store(pg_url)) == ["crimea", "grain", "istanbul"]
    assert "__building" not in pg_server.psql("SELECT string_agg(nspname, ' ') FROM pg_namespace")
    rebuilt = build(pg_url, [[Document("only", "The only document now.")]], embedder)
    assert doc_ids(rebuilt) == ["only"]


def test_a_second_writer_waits_then_fails_cleanly(pg_store, pg_url):
    other = open_store(pg_url)
    other.lock_timeout = 0.3
    held = threading.Event()
    release = threading.Event()

    def slow_writer():
        with pg_store._write():
            held.set()
            release.wait(5)

    t = threading.Thread(target=slow_writer)
    t.start()
    held.wait(5)
    try:
        with pytest.raises(IndexLocked, match="another process is writing"):
            other.add_documents([Document("late", "A document written while another writer holds the lock.")])
    finally:
        release.set()
        t.join()
    assert "late" not in doc_ids(other)


def test_store_built_with_another_model_is_a_clear_mismatch(pg_url, other_embedder):
    build(pg_url, [list(SMALL_DOCS)], other_embedder).close()
    with pytest.raises(IndexMismatch, match=f"built with embedding model '{other_embedder.model_name}', "
                                             "not 'all-MiniLM-L6-v2'"):
        PostgresStore.open(pg_url, model="all-MiniLM-L6-v2")
    opened = PostgresStore.open(pg_url)  # without a model named, the store's own is used
    assert opened.info()["dimension"] == other_embedder.dimension != 384
    assert opened.embedder.model_name == other_embedder.model_name


def test_missing_schema_and_bad_urls_are_one_line_errors(pg_server):
    with pytest.raises(IndexMissing, match="no index in schema 'nothing_here'"):
        PostgresStore.open(f"{pg_server.url}&schema=nothing_here")
    with pytest.raises(IndexError_, match="schema 'Bad-Name'"):
        PostgresStore.open(f"{pg_server.url}&schema=Bad-Name")
    with pytest.raises(IndexUnavailable) as e:
        PostgresStore.open("postgresql+psycopg://reporter:hunter2secret@/factcheck?host=/nonexistent/socket")
    assert "\n" not in str(e.value) and "hunter2secret" not in str(e.value) and "reporter:***@" in str(e.value)
    assert redact("postgresql+psycopg://u:p%40ss@db:5432/x") == "postgresql+psycopg://u:***@db:5432/x"


def test_wrong_password_is_refused_without_echoing_it(pg_server, pg_url, embedder):
    build(pg_url, [list(SMALL_DOCS)], embedder).close()
    schema = parse_url(pg_url)[1]
    pg_server.psql(f"DROP ROLE IF EXISTS reader; CREATE ROLE reader LOGIN PASSWORD 'right-horse-battery'; "
                   f"GRANT USAGE ON SCHEMA {schema} TO reader; GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO reader")
    url = pg_url.replace("postgres@", "reader:{}@")
    assert PostgresStore.open(url.format("right-horse-battery")).info()["documents"] == 3
    with pytest.raises(IndexUnavailable, match="password authentication failed") as e:
        PostgresStore.open(url.format("wrong-staple-9"))
    assert "wrong-staple-9" not in str(e.value) and "\n" not in str(e.value)


@pytest.fixture
def own_server():
    """A server of its own, for tests that stop it."""
    server = EmbeddedServer(durable=False)
    server.start()
    yield server
    server.stop(remove=True)


def test_server_stopped_in_the_middle_of_an_add_loses_nothing(own_server, embedder):
    url = own_server.url
    build(url, [list(SMALL_DOCS)], embedder).close()
    store = open_store(url)
    stopped = []

    def stop_after_first(n):  # called after each document is written inside the transaction
        if not stopped:
            own_server.stop(mode="fast")
            stopped.append(True)

    with pytest.raises(IndexUnavailable) as e:
        store.add_documents(list(MORE), progress=stop_after_first)
    assert stopped and "\n" not in str(e.value) and "rolled back" in str(e.value)
    with pytest.raises(IndexUnavailable):
        open_store(url)  # the server is down: a clear error, not a hang or a traceback
    own_server.start()
    assert doc_ids(store) == ["crimea", "grain", "istanbul"]  # the old store object reconnects on its own
    reopened = open_store(url)
    assert doc_ids(reopened) == ["crimea", "grain", "istanbul"]  # the half-written batch is gone entirely
    assert reopened.info()["passages"] == 3
    assert HybridRetriever(reopened).retrieve(["Crimea annexation 2014"], k=1)[0][0].passage.source.doc_id == "crimea"
    reopened.add_documents(list(MORE))  # and the index takes writes again
    assert len(doc_ids(reopened)) == 3 + len(MORE)


def test_passage_vectors_round_trip(pg_store, embedder):
    batches = list(pg_store.passage_vectors(batch=2))
    passages = [p for ps, _ in batches for p in ps]
    vectors = np.concatenate([v for _, v in batches])
    assert [len(ps) for ps, _ in batches] == [2, 1] and len(passages) == 3
    np.testing.assert_allclose(vectors, embedder.encode([p.text for p in passages]), atol=1e-5)
    assert passages[0].source.title == "Annexation of Crimea"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root runs the server as another user")
def test_binaries_behind_a_closed_folder_are_copied_where_the_server_user_reaches_them(monkeypatch):
    from factcheck.corpus import pgserver

    monkeypatch.setattr(pgserver, "_open_to_all", lambda path: False)  # as in a checkout under a 0700 folder
    bin_dir = pgserver.binaries()
    assert Path(tempfile.gettempdir()) in bin_dir.parents and (bin_dir / "postgres").exists()
    assert ".venv" not in str(bin_dir)
    assert all(p.stat().st_mode & 0o005 == 0o005 for p in (bin_dir.parent, bin_dir, bin_dir / "postgres"))
    with EmbeddedServer(durable=False) as server:
        assert server.psql("SELECT 1").strip() == "1"
