"""The page under load: several sessions checking different articles at the same time.

1. Streamlit AppTests in threads (default run, no browser): each session runs app.py in its own
   script thread, as ``streamlit run`` runs each browser tab, sharing the process's cached checker
   (``st.cache_resource``). Every session's claims and verdicts must equal those of the same article
   checked alone in one session, and each session's address and saved review must be its own.
2. Real browsers (marked ``browser``, so ``make test`` runs it and ``make test-fast`` does not): five
   Chromium pages against one ``streamlit run app.py`` on 127.0.0.1 (the server and helpers of
   ``tests/page/test_browser.py``), all clicking "Check claims" at once.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DOCTORED, FULL_STRENGTH, ROOT, SEEDS

from factcheck.report.reviews import ReviewStore, article_key

# The browser test's server and helpers (one place for how the project starts and drives the page).
from page.test_browser import (CHROMIUM_ARGS, DONE, FIRST_RESULT_S, STEP_S, _button, _chromium,  # noqa: F401
                               _planted_words, server)

SESSIONS = 8 if FULL_STRENGTH else 5
BROWSER_SESSIONS = 5
TIMEOUT = 600  # a session waits its turn: checks take turns on the shared model (app.work_lock)
EXAMPLES = sorted((SEEDS / "articles").glob("*.txt"))


def articles(n: int) -> list[tuple[str, str]]:
    """(example name or None, text): the example articles picked from the list, then pasted ones
    (a few paragraphs of an example's story, which no other session checks)."""
    out: list[tuple[str | None, str]] = [(p.name, p.read_text(encoding="utf-8")) for p in EXAMPLES]
    for p in EXAMPLES:
        paras = [x for x in p.read_text(encoding="utf-8").split("\n\n") if len(x.split()) > 12]
        out.append((None, "\n\n".join(paras[2:5])))
        out.append((None, "\n\n".join(paras[5:8])))
    assert len(out) >= n and len({t for _, t in out[:n]}) == n
    return out[:n]


# ---- 1. AppTest sessions in threads ---------------------------------------------------------------

@contextlib.contextmanager
def concurrent_apptests():
    """Let AppTests run at once. AppTest keeps the Streamlit runtime in a class attribute that every
    run sets and clears, and patches the config for the length of a run; at once, one run's clearing
    and restoring would pull them from under another. Here the runtime stays available and the
    config is patched once around all of them; the page code itself is not touched. All sessions
    share one script cache, as the server's sessions do: each AppTest otherwise compiles app.py in
    its own thread, and CPython 3.11's compiler is not safe to run in several threads at once
    ("AST constructor recursion depth mismatch")."""
    from unittest import mock

    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    from streamlit.testing.v1.util import patch_config_options

    shared = ScriptCache()

    seen: list = []
    original = Runtime.instance.__func__

    def instance(cls):
        if cls._instance is not None:
            seen[:] = [cls._instance]
            return cls._instance
        return seen[0] if seen else original(cls)

    with patch_config_options({"global.appTest": True}), \
            mock.patch.object(app_test, "patch_config_options", lambda overrides: contextlib.nullcontext()), \
            mock.patch.object(Runtime, "instance", classmethod(instance)), \
            mock.patch.object(Runtime, "exists", classmethod(lambda cls: cls._instance is not None or bool(seen))), \
            mock.patch.object(app_test, "ScriptCache", lambda: shared), \
            mock.patch.object(local_script_runner, "ScriptCache", lambda: shared):
        yield


def check_in_session(name: str | None, text: str):
    """One page session: open the page, pick the example (or paste the text), check it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    if name:
        at.selectbox(key="example").select(name).run()
    else:
        at.text_area(key="article_text").input(text).run()
    at.button(key="check").click().run()
    return at


def outcome(at) -> dict:
    """What the session shows: its claims (id, text, kind, suggested verdict, confidence, evidence
    passage ids) and claim labels; its message and address."""
    report = at.session_state["report"]
    return {"claims": [(c.claim.id, c.claim.text, c.claim.kind, c.verdict, c.confidence,
                        [e.passage.id for e in c.evidence]) for c in report.checks],
            "labels": [e.label for e in at.expander if " · " in e.label],
            "text": report.text,
            "checked": any(s.value.startswith("Checked") for s in at.success),
            "address": at.query_params.get("review")}


@pytest.fixture
def page_env(tmp_path, sample_index, monkeypatch):
    index = tmp_path / "index"
    shutil.copytree(sample_index.path, index)
    monkeypatch.setenv("FACTCHECK_INDEX", str(index))
    return tmp_path


def test_concurrent_apptest_sessions_match_sessions_alone(page_env, monkeypatch):
    work = articles(SESSIONS)
    # Each article alone, one session after the other (this also loads and warms the shared checker).
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(page_env / "reviews-alone"))
    alone = []
    for name, text in work:
        at = check_in_session(name, text)
        assert not at.exception, [e.value for e in at.exception]
        alone.append(outcome(at))
    assert all(a["claims"] for a in alone)

    # All at once, in a fresh review folder (else each would reopen its saved review and run no model).
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(page_env / "reviews"))
    t0 = time.monotonic()
    with concurrent_apptests(), ThreadPoolExecutor(SESSIONS) as pool:
        sessions = list(pool.map(lambda w: check_in_session(*w), work))
    seconds = time.monotonic() - t0
    wrong = []
    for (name, text), at, want in zip(work, sessions, alone):
        assert not at.exception, [e.value for e in at.exception]
        got = outcome(at)
        key = article_key(text)
        assert got["text"] == text and got["address"] == key and got["checked"]
        if got["claims"] != want["claims"] or got["labels"] != want["labels"]:
            wrong.append(name or text[:40])
    assert not wrong, f"sessions whose results differ from the same article alone: {wrong}"

    # Each session then reviews its first claim, all at once: every review lands in its own file.
    def review(at):
        cid = at.session_state["report"].checks[0].claim.id
        at.selectbox(key=f"override_{cid}").select("refuted").run()
        at.text_area(key=f"note_{cid}").input(f"note for {at.query_params['review'][:8]}").run()
        return at

    with concurrent_apptests(), ThreadPoolExecutor(SESSIONS) as pool:
        sessions = list(pool.map(review, sessions))
    store = ReviewStore(page_env / "reviews")
    for (_, text), at in zip(work, sessions):
        assert not at.exception, [e.value for e in at.exception]
        saved = store.load(article_key(text))
        assert saved.text == text
        assert (saved.checks[0].override, saved.checks[0].note) == ("refuted", f"note for {article_key(text)[:8]}")
    print(f"\n{SESSIONS} AppTest sessions at once: {sum(len(a['claims']) for a in alone)} claims in {seconds:.1f} s, "
          "all as alone")


def test_two_tabs_on_one_article_keep_both_reviews(page_env, monkeypatch):
    """Two tabs with the same article open review different claims, one after the other without
    reloading: each save merges with the other's (factcheck.report.reviews.merge_reports), so the
    saved review holds both, and the tab that saved last shows the other's verdict too."""
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(page_env / "reviews"))
    name, text = articles(1)[0]
    a = check_in_session(name, text)  # tab A checks the article (and saves the result)
    b = check_in_session(name, text)  # tab B opens the same article: the saved review, no model run
    assert not a.exception and not b.exception and any("Reopened" in i.value for i in b.info)
    c1, c2, c3 = [c.claim.id for c in a.session_state["report"].checks[:3]]
    a.selectbox(key=f"override_{c1}").select("refuted").run()
    b.text_area(key=f"note_{c2}").input("B checked this with the embassy.").run()
    a.text_area(key=f"note_{c3}").input("A: see ref-013.").run()
    assert not a.exception and not b.exception
    saved = {c.claim.id: (c.override, c.note) for c in ReviewStore(page_env / "reviews").load(article_key(text)).checks}
    assert saved[c1] == ("refuted", "") and saved[c2][1] == "B checked this with the embassy."
    assert saved[c3][1] == "A: see ref-013."
    assert b.selectbox(key=f"override_{c1}").value == "refuted"  # B's save brought A's verdict into B's tab
    assert a.text_area(key=f"note_{c2}").value == "B checked this with the embassy."


# ---- 2. real browsers ------------------------------------------------------------------------------

@pytest.mark.browser
def test_five_browser_sessions_at_once(server, capsys):
    """Five Chromium pages paste five different articles and click "Check claims" at the same
    moment. Each shows its own article's claims (the claims extraction gives for that article, in
    order) with a verdict on each, the address of its own review, and a saved review that holds its
    article; the doctored article's page refutes a planted falsehood, as it does alone."""
    executable = _chromium()
    from playwright.sync_api import expect, sync_playwright

    from factcheck.extract import RuleExtractor

    work = articles(BROWSER_SESSIONS)
    expected = [[c.text for c in RuleExtractor().extract(text).claims] for _, text in work]
    t0 = time.monotonic()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True, timeout=60_000)
        try:
            pages = [browser.new_context(viewport={"width": 1400, "height": 1000}).new_page() for _ in work]
            for page in pages:
                page.set_default_timeout(STEP_S * 1000)
                page.goto(server["url"], wait_until="domcontentloaded")
            for page, (_, text) in zip(pages, work):
                box = page.locator(".st-key-article_text textarea")
                expect(box).to_be_visible(timeout=FIRST_RESULT_S * 1000)
                box.fill(text)
                box.press("Control+Enter")  # commits the text area's value to the server
            for page in pages:  # all five checks start together; they take turns on the model
                _button(page, "check").click()
            clicked = time.monotonic()
            shown = []
            for page, want in zip(pages, expected):
                expect(page.get_by_text(DONE)).to_be_visible(timeout=(FIRST_RESULT_S + 30 * len(pages)) * 1000)
                claims = page.locator('[class*="st-key-claim_"] summary')
                expect(claims).to_have_count(len(want))
                shown.append((claims.all_inner_texts(), page.url))
        finally:
            browser.close()
    seconds = time.monotonic() - t0
    store = ReviewStore(server["reviews"])
    planted = _planted_words()
    for (_, text), want, (labels, url) in zip(work, expected, shown):
        key = article_key(text)
        assert f"review={key}" in url
        report = store.load(key)
        assert report is not None and report.text == text
        assert len(labels) == len(report.checks) == len(want)
        for label, check, claim_text in zip(labels, report.checks, want):
            assert re.search(rf"(^|\W){re.escape(check.claim.id)} · ", label) and check.claim.text == claim_text
            assert re.search(r"Supported|Refuted|Conflicting|Not enough evidence|Not checked", label), label
        if text == DOCTORED.read_text(encoding="utf-8"):
            assert any("Refuted" in t and any(re.search(rf"\b{re.escape(w)}\b", t) for w in planted) for t in labels)
    log = Path(server["log"]).read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log
    with capsys.disabled():
        print(f"\n{BROWSER_SESSIONS} browser sessions at once: {sum(map(len, expected))} claims on screen "
              f"{seconds - (clicked - t0):.1f} s after the five clicks ({seconds:.1f} s from opening the pages "
              "on a cold server)")
