"""`factcheck index check [--repair]`: each damage is named by the check and, where the damage is to
derived data, repaired so that the check passes and searches return what they returned before."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
import time

import faiss
import numpy as np
import pytest
from conftest import run_cli

from factcheck.corpus.check import check_index, check_store, repair_index, repair_store
from factcheck.corpus.embed import Embedder
from factcheck.corpus.index import DB, MANIFEST, VECTORS, Index, IndexLocked, write_lock
from factcheck.corpus.ingest import Document

QUERIES = ["When did Russia annex Crimea?", "How long did the Istanbul talks last?", "Black Sea grain deal signed"]


def searches(store, embedder) -> list:
    """Dense and lexical passage ids (with texts) for a few queries: what a reader of the index sees."""
    dense = store.search_dense(embedder.encode(QUERIES), 3)
    lexical = store.search_lexical(QUERIES, 3)
    ids = {i for rows in dense + lexical for i, _ in rows}
    texts = {i: p.text for i, p in store.passages(ids).items()}
    return [[(i, texts.get(i)) for i, _ in rows] for rows in dense + lexical]


def fresh_searches(path, embedder) -> list:
    index = Index.open(path, embedder=embedder)
    try:
        return searches(index, embedder)
    finally:
        index.close()


def sql(path, statement: str, *args) -> None:
    db = sqlite3.connect(str(path / DB), isolation_level=None)
    db.execute(statement, args)
    db.close()


def check_cli(path, *extra: str):
    return run_cli("index", "check", "--index", str(path), *extra)


# ---- the damages ---------------------------------------------------------------------------------

def older_generation(index):
    """vectors.faiss of the index before its last write: one vector fewer."""
    old = (index.path / VECTORS).read_bytes()
    index.add_documents([Document("doha", "Lavrov visited Doha, the capital of Qatar, on 26 February 2025.")])
    return lambda: (index.path / VECTORS).write_bytes(old)


def older_generation_same_count(index):
    """vectors.faiss from before a document was replaced: as many vectors, one id out of date. The
    index's own open does not notice this (same generation in the manifest, same count)."""
    old = (index.path / VECTORS).read_bytes()
    index.add_documents([Document("grain", "The grain deal was signed in Istanbul on 22 July 2022 and "
                                           "collapsed in July 2023.", title="Grain deal")])
    return lambda: (index.path / VECTORS).write_bytes(old)


def other_vectors(index):
    """A vector file with the right ids but other vectors in it."""
    def damage():
        held = faiss.read_index(str(index.path / VECTORS))
        ids = faiss.vector_to_array(faiss.downcast_index(held).id_map)
        rng = np.random.default_rng(1)
        vectors = rng.normal(size=(len(ids), held.d)).astype(np.float32)
        wrong = faiss.IndexIDMap2(faiss.IndexFlatIP(held.d))
        wrong.add_with_ids(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), ids)
        faiss.write_index(wrong, str(index.path / VECTORS))
    return lambda: damage()


def no_prep(action):
    return lambda index: (lambda: action(index.path))


REPAIRABLE = {
    "vectors.faiss deleted": (no_prep(lambda p: (p / VECTORS).unlink()),
                              r"^vectors\.faiss: missing \(3 passages stored\)"),
    "vectors.faiss truncated": (no_prep(lambda p: (p / VECTORS).write_bytes((p / VECTORS).read_bytes()[:700])),
                                r"^vectors\.faiss: unreadable \(read error"),
    "vectors.faiss garbage": (no_prep(lambda p: (p / VECTORS).write_bytes(os.urandom(5000))),
                              r"^vectors\.faiss: unreadable \(Index type .* not recognized"),
    "vectors.faiss of an older generation": (older_generation, r"^vectors\.faiss: 3 vectors, 4 passages \(1 passage missing \(id 4\)\)$"),
    "vectors.faiss of an older generation, same count": (
        older_generation_same_count, r"^vectors\.faiss: ids differ from the passages: 1 passage missing \(id 4\), "
                                     r"1 id of no passage \(id 3\)$"),
    "vectors.faiss holding other vectors": (other_vectors, r"^vectors\.faiss: 3 of 3 sampled vectors differ"),
    "FTS rows deleted": (no_prep(lambda p: sql(p, "INSERT INTO passages_fts(passages_fts, rowid, text) "
                                                  "SELECT 'delete', id, text FROM passages WHERE id = 2")),
                         r"^passages_fts: 1 passage not in the full-text index \(id 2\)$"),
    "FTS row without a passage": (no_prep(lambda p: sql(p, "INSERT INTO passages_fts(rowid, text) "
                                                           "VALUES (99, 'ghost passage about Crimea')")),
                                  r"^passages_fts: 1 full-text row without a passage \(id 99\)$"),
    "FTS shadow table corrupted": (no_prep(lambda p: sql(p, "UPDATE passages_fts_data SET block = "
                                                            "randomblob(length(block)) WHERE id > 10")),
                                   r"^passages_fts: the full-text index does not match the passages "
                                   r"\(FTS5 integrity-check: database disk image is malformed\)$"),
    "manifest.json deleted": (no_prep(lambda p: (p / MANIFEST).unlink()), r"^manifest\.json: missing"),
    "manifest.json invalid": (no_prep(lambda p: (p / MANIFEST).write_text('{"format_version": 1, "passa')),
                              r"^manifest\.json: not valid JSON"),
    "manifest.json wrong counts": (
        no_prep(lambda p: (p / MANIFEST).write_text(json.dumps(
            {**json.loads((p / MANIFEST).read_text()), "passages": 7, "generation": 0}))),
        r"^manifest\.json: says passages 7 \(database: 3\), generation 0 \(database: 1\)$"),
    "vector blob truncated": (no_prep(lambda p: sql(p, "UPDATE passages SET vector = substr(vector, 1, 1000) "
                                                       "WHERE id = 2")),
                              r"^passages\.vector: 1 vector of the wrong size or not finite \(id 2; expected 1536 "
                              r"bytes\); "
                              r"--repair re-embeds them"),
}


def test_a_healthy_index_passes(small_index):
    small_index.close()
    result = check_cli(small_index.path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == f"{small_index.path}: healthy (3 documents, 3 passages, generation 1)"
    assert result.stderr == b""
    as_json = json.loads(check_cli(small_index.path, "--json").stdout)
    assert as_json["ok"] and as_json["problems"] == [] and as_json["counts"]["passages"] == 3
    assert sorted(os.listdir(small_index.path)) == [MANIFEST, DB, VECTORS]  # the check leaves nothing behind


@pytest.mark.parametrize("case", list(REPAIRABLE))
def test_damage_is_named_then_repaired(small_index, embedder, case):
    prepare, expected = REPAIRABLE[case]
    damage = prepare(small_index)
    small_index.close()
    before = fresh_searches(small_index.path, embedder)
    damage()

    found = check_cli(small_index.path)
    lines = found.stderr.decode().splitlines()
    assert found.returncode == 1, found.stderr.decode()
    assert len(lines) == 1 and lines[0] == str(check_index(small_index.path).problems[0])
    assert re.search(expected, lines[0]), lines

    repaired = check_cli(small_index.path, "--repair")
    assert repaired.returncode == 0, repaired.stderr.decode()
    assert "repaired " in repaired.stdout.decode() and "healthy" in repaired.stdout.decode()
    assert check_index(small_index.path).ok
    assert check_cli(small_index.path).returncode == 0
    assert fresh_searches(small_index.path, embedder) == before


def test_an_ivf_vector_file_is_checked_too(small_index):
    """The inverted-file structure (used above ANN_THRESHOLD passages) holds its ids in lists."""
    small_index.ann_threshold = 2
    small_index._rebuild_vectors()  # an IVF file and its manifest
    small_index.close()
    assert "ivf" in json.loads((small_index.path / MANIFEST).read_text())["vector_index"]
    assert check_index(small_index.path).ok  # ids, and sampled vectors to within fp16 rounding
    held = faiss.read_index(str(small_index.path / VECTORS))
    held.remove_ids(np.array([2], dtype=np.int64))
    faiss.write_index(held, str(small_index.path / VECTORS))
    assert [str(p) for p in check_index(small_index.path).problems] == [
        "vectors.faiss: 2 vectors, 3 passages (1 passage missing (id 2))"]
    assert repair_index(small_index.path).ok


def test_the_check_repairs_nothing_itself(small_index):
    """Unlike opening the index for a search, a check leaves a missing vector file missing."""
    small_index.close()
    (small_index.path / VECTORS).unlink()
    db_before = (small_index.path / DB).read_bytes()
    for _ in range(2):
        assert check_cli(small_index.path).returncode == 1
    assert not (small_index.path / VECTORS).exists()
    assert (small_index.path / DB).read_bytes() == db_before


def _corrupt_pages(path) -> None:
    """Garbage over the pages of the documents and passages tables (the middle of the file)."""
    db = sqlite3.connect(str(path / DB))
    size = db.execute("PRAGMA page_size").fetchone()[0]
    roots = [r[0] for r in db.execute("SELECT rootpage FROM sqlite_master WHERE name IN ('documents', 'passages')")]
    db.close()
    with open(path / DB, "r+b") as f:
        for page in roots:
            f.seek((page - 1) * size + 100)
            f.write(np.random.default_rng(page).integers(0, 256, size - 200, dtype=np.uint8).tobytes())


def test_a_damaged_database_is_not_repairable_and_left_untouched(small_index):
    small_index.close()
    _corrupt_pages(small_index.path)
    digest = hashlib.sha256((small_index.path / DB).read_bytes()).hexdigest()

    found = check_cli(small_index.path)
    assert found.returncode == 1
    lines = found.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("passages.sqlite: fails SQLite's integrity check: ")
    assert "cannot be repaired from derived data" in lines[0]

    repaired = check_cli(small_index.path, "--repair")
    assert repaired.returncode == 1
    lines = repaired.stderr.decode().splitlines()
    assert len(lines) == 1 and "cannot be repaired from derived data" in lines[0]
    assert lines[0].endswith("(nothing was changed)")
    assert "repaired" not in repaired.stdout.decode()
    assert hashlib.sha256((small_index.path / DB).read_bytes()).hexdigest() == digest
    assert (small_index.path / VECTORS).exists() and (small_index.path / MANIFEST).exists()


def test_a_wrong_vector_without_its_model_is_reported_not_repairable(small_index, tmp_path):
    small_index.close()
    sql(small_index.path, "UPDATE passages SET vector = substr(vector, 1, 100) WHERE id = 1")
    result = repair_index(small_index.path, embedder=Embedder(str(tmp_path / "no-such-model"), backend="torch"))
    assert len(result.problems) == 1 and result.problems[0].part == "passages.vector"
    assert not result.problems[0].repairable
    assert "not repairable here" in result.problems[0].message
    db = sqlite3.connect(str(small_index.path / DB))
    assert db.execute("SELECT length(vector) FROM passages WHERE id = 1").fetchone()[0] == 100  # left as it was
    assert db.execute("SELECT COUNT(*) FROM passages").fetchone()[0] == 3


def test_stored_inconsistencies_are_reported_and_never_deleted(small_index):
    small_index.close()
    db = sqlite3.connect(str(small_index.path / DB), isolation_level=None)
    db.execute("INSERT INTO documents(doc_id, title) VALUES ('empty', 'A document without passages')")
    db.execute("INSERT INTO passages(doc_id, start, end, text, vector) SELECT 'gone', 0, 5, 'Orphan text.', vector "
               "FROM passages WHERE id = 1")  # foreign keys are off on this connection
    db.close()
    result = check_cli(small_index.path, "--repair")
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert "passages: 1 passage without a document (id 4); stored data, not repairable" in "\n".join(lines)
    assert any(line.startswith("documents: 1 document without passages (id empty)") for line in lines)
    assert "repaired vectors.faiss" in result.stdout.decode()  # the derived files are still made consistent
    db = sqlite3.connect(str(small_index.path / DB))
    assert db.execute("SELECT COUNT(*) FROM passages").fetchone()[0] == 4
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4


def test_repair_takes_the_write_lock(small_index):
    small_index.close()
    (small_index.path / VECTORS).unlink()
    with write_lock(small_index.path):
        with pytest.raises(IndexLocked, match="another process is writing"):
            repair_index(small_index.path, lock_timeout=0.3)
    assert not (small_index.path / VECTORS).exists()
    assert repair_index(small_index.path).ok


def test_a_check_waits_for_a_writer_between_its_commit_and_its_vector_file(small_index):
    """No false alarm while a writer is about to replace the vector file: the check looks again."""
    small_index.close()
    current = (small_index.path / VECTORS).read_bytes()
    (small_index.path / VECTORS).write_bytes(current[:100])
    holding = threading.Event()

    def writer():
        with write_lock(small_index.path):
            holding.set()
            time.sleep(0.5)
            (small_index.path / VECTORS).write_bytes(current)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait()
    result = check_index(small_index.path)
    thread.join()
    assert result.ok, [str(p) for p in result.problems]
    assert not check_index(small_index.path, lock_timeout=0.1).problems


def test_a_missing_index_is_a_fatal_error(tmp_path):
    result = check_cli(tmp_path / "nothing")
    assert result.returncode == 2 and result.stderr.decode().startswith("error: no index at ")


def test_leftover_temp_files_are_noted_not_failed(small_index):
    small_index.close()
    leftover = small_index.path / f".{VECTORS}.abc123"
    leftover.write_bytes(b"half a file")
    os.utime(leftover, (1, 1))
    result = check_cli(small_index.path)
    assert result.returncode == 0 and "note: 1 temp file left by interrupted writes" in result.stdout.decode()
    assert check_cli(small_index.path, "--repair").returncode == 0
    assert not leftover.exists()


# ---- PostgreSQL ----------------------------------------------------------------------------------

def test_postgres_store_damage_is_named_then_repaired(pg_store, pg_url, pg_server, embedder):
    schema = pg_store.schema
    before = searches(pg_store, embedder)
    assert check_store(pg_url).ok
    healthy = run_cli("index", "check", "--store", pg_url)
    assert healthy.returncode == 0 and "healthy (3 documents, 3 passages" in healthy.stdout.decode()

    first = min(pg_store.passages(range(1, 100)))
    pg_server.psql(f"DELETE FROM {schema}.postings WHERE passage_id = {first}; "
                   f"UPDATE {schema}.meta SET value = '99' WHERE key = 'passages'; "
                   f"DROP INDEX {schema}.passages_hnsw")
    found = run_cli("index", "check", "--store", pg_url)
    assert found.returncode == 1
    assert found.stderr.decode().splitlines() == [
        f"postings: 1 passage whose postings do not match their text (id {first}); --repair rebuilds them from "
        "passages.tsv",
        "meta: BM25 statistics say passages '99' (tables: 3); --repair recounts them",
        "passages_hnsw: the vector index is missing (searches scan every passage); --repair builds it"]

    repaired = run_cli("index", "check", "--store", pg_url, "--repair")
    assert repaired.returncode == 0, repaired.stderr.decode()
    assert "repaired postings: rebuilt for 1 passage" in repaired.stdout.decode()
    assert check_store(pg_url).ok
    assert searches(pg_store, embedder) == before


def test_postgres_store_repair_with_nothing_to_do(pg_store, pg_url):
    assert repair_store(pg_url).ok
    assert "passages.tsv is generated by PostgreSQL" in check_store(pg_url).notes[0]

