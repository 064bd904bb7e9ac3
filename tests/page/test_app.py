"""The page's logic, run headless with Streamlit's AppTest against a real index and real models.

The models and index are cached per server (``st.cache_resource``), which in AppTest means per
test process and index path: every test here shares one index copy, so only the first one pays
for loading. Each test gets its own review folder.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import DOCTORED, ROOT

from factcheck.pipeline import Checker
from factcheck.report.reviews import ReviewStore, article_key
from streamlit.testing.v1 import AppTest

EXAMPLE = DOCTORED.name
TIMEOUT = 180


@pytest.fixture(scope="module")
def index_copy(tmp_path_factory, sample_index):
    dst = tmp_path_factory.mktemp("app") / "index"
    shutil.copytree(sample_index.path, dst)
    return dst


@pytest.fixture
def reviews(tmp_path, index_copy, monkeypatch):
    folder = tmp_path / "reviews"
    monkeypatch.setenv("FACTCHECK_INDEX", str(index_copy))
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(folder))
    return folder


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def app(reviews):
    return new_app()


def check_example(at: AppTest) -> AppTest:
    at.selectbox(key="example").select(EXAMPLE).run()
    at.button(key="check").click().run()
    assert not at.exception
    return at


def labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander]


def test_example_article_is_checked(app):
    check_example(app)
    titles = labels(app)
    assert any("Several Ukrainian officials attended the Riyadh talks" in t for t in titles)
    assert "80 documents" in " ".join(m.value for m in app.sidebar.markdown)
    assert any(s.value.startswith("Checked") for s in app.success)
    report = app.session_state["report"]
    assert len(report.checks) >= 20
    # Either verdicts are shown on every claim label, or the page says evidence is relevance-only.
    if any(c.verdict for c in report.checks):
        assert all(any(v in t for v in ("Supported", "Refuted", "Conflicting", "Not enough evidence", "Not checked ("))
                   for t in titles if " · " in t)
    else:
        assert any("relevance only" in i.value for i in app.info)
    # every export is offered
    assert [b.key for b in app.get("download_button")] == ["dl_md", "dl_html", "dl_json", "dl_csv",
                                                          "dl_claimreview"]
    # the highlighted article is there, one mark per claim sentence
    article = next(h.proto.body for h in app.get("html") if "fc-article" in h.proto.body)
    assert "Several Ukrainian officials attended the Riyadh talks" in article and "<mark" in article


def test_empty_paste_is_a_message_not_a_traceback(app):
    app.text_area(key="article_text").input("   ").run()
    app.button(key="check").click().run()
    assert not app.exception
    assert "empty" in app.warning[0].value
    assert "report" not in app.session_state or app.session_state["report"] is None


def test_too_long_paste_is_refused(app):
    app.text_area(key="article_text").input("Paris is the capital of France. " * 170_000).run()
    app.button(key="check").click().run()
    assert not app.exception
    assert any("over the 5 MB limit" in e.value for e in app.error)


@pytest.mark.parametrize("name,data,expected", [
    ("scan.pdf", b"%PDF-1.7 this is not really a pdf", "could not parse"),
    ("notes.txt", b"\x00\x01\x02binary\x00" * 50, "binary"),
    ("latin1.txt", "Caf\u00e9 in M\u00fcnchen".encode("latin-1"), "not valid UTF-8"),
    ("huge.txt", b"a" * (5 * 1024 * 1024 + 1), "over the 5 MB limit"),
    ("report.docx", b"PK\x03\x04 not a zip", "could not parse"),
])
def test_bad_upload_is_a_message(app, name, data, expected):
    app.file_uploader(key="article_upload").set_value((name, data, "application/octet-stream")).run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "cannot be used" in errors and expected in errors and name in errors
    assert "/tmp" not in errors and "Traceback" not in errors


def test_good_upload_fills_the_article(app):
    app.file_uploader(key="article_upload").set_value(("story.md", b"# Story\n\nRussia annexed Crimea in 2014.\n",
                                                       "text/markdown")).run()
    assert not app.exception and not app.error
    assert "annexed Crimea" in app.text_area(key="article_text").value


def test_review_is_saved_and_restored_in_a_new_session(app, reviews):
    check_example(app)
    report = app.session_state["report"]
    cid = report.checks[1].claim.id
    app.selectbox(key=f"override_{cid}").select("refuted").run()
    app.text_area(key=f"note_{cid}").input("Lavrov announced it, not Peskov.").run()
    assert not app.exception
    key = article_key(DOCTORED.read_text(encoding="utf-8"))
    saved = json.loads((reviews / f"{key}.json").read_text(encoding="utf-8"))
    assert saved["report"]["claims"][1]["override"] == "refuted"
    assert saved["report"]["claims"][1]["note"] == "Lavrov announced it, not Peskov."

    # A reload: a new session with the page's address (?review=KEY).
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    again.query_params["review"] = key
    again.run()
    assert not again.exception
    assert again.selectbox(key=f"override_{cid}").value == "refuted"
    assert again.text_area(key=f"note_{cid}").value == "Lavrov announced it, not Peskov."
    assert any("(reviewed)" in t for t in labels(again))

    # A server restart and no address: checking the same article reopens the review, no model call.
    fresh = new_app()
    check_example(fresh)
    assert fresh.selectbox(key=f"override_{cid}").value == "refuted"
    assert any("Reopened your saved review" in i.value for i in fresh.info)


def test_editing_a_claim_rechecks_only_it(app, monkeypatch):
    check_example(app)
    before = app.session_state["report"].to_dict()["claims"]
    calls: list[list[str]] = []
    original = Checker.check_claims

    def spy(self, claims):
        calls.append([c.text for c in claims])
        return original(self, claims)

    monkeypatch.setattr(Checker, "check_claims", spy)
    target = before[4]["id"]
    app.text_area(key=f"edit_{target}").input("The Riyadh talks were held at Diriyah Palace.").run()
    app.button(key=f"apply_{target}").click().run()
    assert not app.exception
    assert calls == [["The Riyadh talks were held at Diriyah Palace."]]
    after = app.session_state["report"].to_dict()["claims"]
    assert after[4]["text"] == "The Riyadh talks were held at Diriyah Palace."
    assert after[4]["start"] == before[4]["start"]  # still highlighted where it came from
    assert [c for i, c in enumerate(after) if i != 4] == [c for i, c in enumerate(before) if i != 4]
    assert any(f"Re-checked claim {target}" in s.value for s in app.success)


def test_drop_add_and_merge_claims(app, reviews, monkeypatch):
    check_example(app)
    ids = [c.claim.id for c in app.session_state["report"].checks]
    calls: list[int] = []
    original = Checker.check_claims
    monkeypatch.setattr(Checker, "check_claims", lambda self, cl: calls.append(len(cl)) or original(self, cl))

    app.button(key=f"drop_{ids[-1]}").click().run()
    assert ids[-1] not in [c.claim.id for c in app.session_state["report"].checks]
    assert calls == []  # dropping needs no model

    app.text_input(key="new_claim").input("Russia annexed Crimea from Ukraine in 2014.").run()
    app.button(key="add_claim").click().run()
    added = app.session_state["report"].checks[-1]
    assert added.claim.id == "a1" and added.evidence and calls == [1]

    app.selectbox(key="merge_a").select(ids[0]).run()
    app.selectbox(key="merge_b").select(ids[1]).run()
    app.button(key="merge").click().run()
    assert not app.exception
    checks = app.session_state["report"].checks
    assert checks[0].claim.id == f"{ids[0]}+{ids[1]}" and ids[1] not in [c.claim.id for c in checks]
    assert checks[0].claim.start < checks[0].claim.end and calls == [1, 1]
    # the edits are on disk too
    saved = ReviewStore(reviews).load(article_key(DOCTORED.read_text(encoding="utf-8")))
    assert [c.claim.id for c in saved.checks] == [c.claim.id for c in checks]


def test_article_text_is_shown_literally(app):
    text = ("The minister said <script>alert('x')</script> the budget rose 5% in 2024. "
            "See [this page](javascript:alert(1)) for the <b>official</b> figures.")
    app.text_area(key="article_text").input(text).run()
    app.button(key="check").click().run()
    assert not app.exception
    html = " ".join(h.proto.body for h in app.get("html"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert any("\\<script\\>" in t or "\\[this page\\]" in t for t in labels(app))


def test_reference_upload_adds_documents_and_reports_bad_files(tmp_path, sample_index, monkeypatch):
    shutil.copytree(sample_index.path, tmp_path / "own-index")  # this test changes its index
    monkeypatch.setenv("FACTCHECK_INDEX", str(tmp_path / "own-index"))
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(tmp_path / "reviews"))
    at = new_app()
    at.file_uploader(key="ref_upload").set_value([
        ("minsk.txt", b"Minsk agreements\n\nThe Minsk II agreement was signed on 12 February 2015.", "text/plain"),
        ("broken.pdf", b"%PDF-1.4 nothing here", "application/pdf"),
    ]).run()
    at.button(key="ref_add").click().run()
    assert not at.exception
    assert any("Added 1 document to" in s.value for s in at.success)
    assert any("broken.pdf" in e.value and "could not parse" in e.value for e in at.error)
    assert "81 documents" in " ".join(m.value for m in at.sidebar.markdown)
