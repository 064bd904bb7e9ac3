"""The on-disk index: incremental updates, manifest checks, damage, locking, nothing lost."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest
from conftest import SMALL_DOCS

from factcheck.corpus.index import (MANIFEST, VECTORS, Index, IndexCorrupt, IndexError_, IndexLocked, IndexMismatch,
                             IndexMissing, write_lock)
from factcheck.corpus.ingest import Document


def doc_ids(index: Index) -> list[str]:
    return [d["doc_id"] for d in index.documents()]


def test_build_records_manifest_and_counts(small_index):
    manifest = json.loads((small_index.path / MANIFEST).read_text())
    assert manifest["format_version"] == 1
    assert manifest["embedding_model"] == "all-MiniLM-L6-v2" and manifest["dimension"] == 384
    assert manifest["documents"] == 3 and manifest["passages"] == 3
    assert doc_ids(small_index) == ["crimea", "grain", "istanbul"]


def test_dense_and_lexical_search_find_the_right_document(small_index, embedder):
    q = "When did Russia annex Crimea?"
    dense = small_index.search_dense(embedder.encode([q]), 2)[0]
    lexical = small_index.search_lexical([q], 2)[0]
    passages = small_index.passages([dense[0][0], lexical[0][0]])
    assert {p.source.doc_id for p in passages.values()} == {"crimea"}


def test_a_texts_vector_does_not_depend_on_what_is_encoded_with_it():
    """The same claim gets the same evidence whatever else is checked in the same call."""
    from factcheck.corpus import Embedder

    e = Embedder(cache_size=0)
    claim = "Russian and US diplomats met in Istanbul on Thursday."
    alone = e.encode([claim])[0]
    together = e.encode(["A much longer passage about the embassy talks, the delegations, their ministers and "
                         "the many other matters they discussed at length over six hours in the consulate.", claim])[1]
    assert np.allclose(alone, together, atol=1e-6)


def test_add_and_remove_without_rebuild(small_index, embedder):
    new = Document("qatar", "Lavrov visited Doha, the capital of Qatar, on 26 February 2025.", title="Doha visit")
    result = small_index.add_documents([new])
    assert (result.documents, result.passages, result.replaced) == (1, 1, 0)
    hits = small_index.search_dense(embedder.encode(["Lavrov in Doha"]), 1)[0]
    assert small_index.passages([hits[0][0]])[hits[0][0]].source.doc_id == "qatar"
    small_index.remove(["qatar"])
    assert "qatar" not in doc_ids(small_index)
    reopened = Index.open(small_index.path, embedder=embedder)
    assert reopened.info()["passages"] == 3 and reopened._vectors().ntotal == 3


def test_adding_an_existing_id_replaces_it(small_index):
    updated = Document("grain", "The grain deal was signed in Istanbul on 22 July 2022 and collapsed in July 2023.")
    assert small_index.add_documents([updated]).replaced == 1
    assert small_index.info()["documents"] == 3
    texts = [p.text for p in small_index.passages(range(1, 100)).values()]
    assert any("collapsed" in t for t in texts) and not any(t.startswith("The Black Sea") for t in texts)


def test_removing_an_unknown_id_changes_nothing(small_index):
    with pytest.raises(IndexError_, match="not in the index: nope"):
        small_index.remove(["crimea", "nope"])
    assert doc_ids(small_index) == ["crimea", "grain", "istanbul"]


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing, match="no index at"):
        Index.open(tmp_path / "absent")


def test_folder_that_is_not_an_index(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(IndexCorrupt, match="is not an index"):
        Index.open(tmp_path / "x")


def test_corrupt_manifest(small_index):
    (small_index.path / MANIFEST).write_text("{ half a manifest")
    with pytest.raises(IndexCorrupt, match="manifest.json is unreadable"):
        Index.open(small_index.path)


def test_corrupt_database(small_index):
    small_index.close()
    (small_index.path / "passages.sqlite").write_bytes(b"garbage" * 1000)
    for f in small_index.path.glob("passages.sqlite-*"):
        f.unlink()
    with pytest.raises(IndexCorrupt, match="passages.sqlite is damaged"):
        Index.open(small_index.path)


def test_other_model_or_format_version_is_a_clear_error(small_index):
    with pytest.raises(IndexMismatch, match="built with embedding model 'all-MiniLM-L6-v2', not 'other-model'"):
        Index.open(small_index.path, model="other-model")
    manifest = json.loads((small_index.path / MANIFEST).read_text())
    (small_index.path / MANIFEST).write_text(json.dumps({**manifest, "format_version": 99}))
    with pytest.raises(IndexMismatch, match="format version 99"):
        Index.open(small_index.path)


def test_lost_or_stale_vector_file_is_rebuilt_from_sqlite(small_index, embedder):
    expected = small_index.search_dense(embedder.encode(["Crimea annexation"]), 3)[0]
    (small_index.path / VECTORS).write_bytes(b"not a faiss index")
    assert Index.open(small_index.path, embedder=embedder).search_dense(embedder.encode(["Crimea annexation"]), 3)[0] == expected
    (small_index.path / VECTORS).unlink()
    assert Index.open(small_index.path, embedder=embedder).search_dense(embedder.encode(["Crimea annexation"]), 3)[0] == expected


def test_crash_between_database_commit_and_vector_write_loses_nothing(small_index, embedder, monkeypatch):
    """Simulate a crash right after the SQLite commit: the next open sees the new document."""
    monkeypatch.setattr(Index, "_save_vectors", lambda self: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        small_index.add_documents([Document("late", "The Istanbul embassy talks ended after six hours.")])
    monkeypatch.undo()
    reopened = Index.open(small_index.path, embedder=embedder)
    assert "late" in doc_ids(reopened) and reopened._vectors().ntotal == 4


def test_failed_embedding_leaves_the_index_untouched(small_index, monkeypatch):
    monkeypatch.setattr(small_index.embedder, "encode", lambda texts: np.zeros((len(texts), 7), np.float32))
    with pytest.raises(IndexMismatch, match="dimension"):
        small_index.add_documents([Document("bad", "Some text that will not fit.")])
    assert doc_ids(small_index) == ["crimea", "grain", "istanbul"]


def test_second_writer_fails_cleanly_and_nothing_is_lost(small_index):
    small_index.lock_timeout = 0.2
    with write_lock(small_index.path):
        with pytest.raises(IndexLocked, match="another process is writing"):
            small_index.add_documents([Document("x", "A document that must wait for the lock.")])
        with pytest.raises(IndexLocked):
            small_index.remove(["crimea"])
    assert doc_ids(small_index) == ["crimea", "grain", "istanbul"]


def test_no_pickle_on_disk(small_index):
    for f in small_index.path.iterdir():
        data = f.read_bytes()
        assert not data.startswith(b"\x80\x04") and b"cnumpy" not in data
    db = sqlite3.connect(small_index.path / "passages.sqlite")
    blob = db.execute("SELECT vector FROM passages LIMIT 1").fetchone()[0]
    assert len(blob) == 384 * 4  # raw float32, not a pickled array
