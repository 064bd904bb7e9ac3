"""The page's logic, run headless with Streamlit's AppTest against a real index."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(tmp_path, sample_index, monkeypatch):
    shutil.copytree(sample_index.path, tmp_path / "index")
    monkeypatch.setenv("FACTCHECK_INDEX", str(tmp_path / "index"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def test_example_article_is_checked(app):
    app.selectbox[0].select("istanbul-embassy-talks-doctored.txt").run()
    app.button[0].click().run()
    assert not app.exception
    titles = [e.label for e in app.expander]
    assert any("Several Ukrainian officials attended the Riyadh talks" in t for t in titles)
    assert "80 documents" in " ".join(m.value for m in app.sidebar.markdown)


def test_empty_paste_is_a_message_not_a_traceback(app):
    app.text_area[0].input("   ").run()
    app.button[0].click().run()
    assert not app.exception
    assert "empty" in app.warning[0].value
