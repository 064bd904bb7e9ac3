"""The page on a PostgreSQL store (``FACTCHECK_STORE``, the session's real server) and with an LLM
that cannot be loaded: the check still runs, offline, and the sidebar says why."""

from __future__ import annotations

import pytest
from conftest import DOCTORED, ROOT, SEEDS
from streamlit.testing.v1 import AppTest

from factcheck.corpus.ingest import find_sources, load_documents
from factcheck.corpus.postgres import build


@pytest.fixture
def pg_app(pg_url, embedder, tmp_path, monkeypatch):
    docs = [d for f in find_sources([SEEDS / "reference"]) for d in load_documents(f)]
    build(pg_url, [docs], embedder).close()
    monkeypatch.setenv("FACTCHECK_STORE", pg_url)
    monkeypatch.setenv("FACTCHECK_INDEX", str(tmp_path / "no-index-here"))  # the store wins
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(tmp_path / "reviews"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception
    return at


def test_page_checks_against_the_postgres_store(pg_app, pg_url, tmp_path):
    assert "80 documents" in " ".join(m.value for m in pg_app.sidebar.markdown)
    assert not (tmp_path / "no-index-here").exists()  # no sample index was built beside it
    pg_app.text_input(key="llm").input("nosuchprovider:some-model").run()
    assert any("could not be loaded" in e.value for e in pg_app.sidebar.error)
    pg_app.selectbox(key="example").select(DOCTORED.name).run()
    pg_app.button(key="check").click().run()
    assert not pg_app.exception
    report = pg_app.session_state["report"]
    assert len(report.checks) >= 20 and report.index["path"] == pg_url
    assert any(e.passage.source.title for c in report.checks for e in c.evidence)
