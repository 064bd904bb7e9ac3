"""The Streamlit page: a thin view over ``factcheck``; the work is done by ``factcheck.desk``.

Article or corpus text reaches the page only through ``st.text``/``st.code``, Markdown-escaped
labels, or HTML built by ``factcheck.report.export`` from escaped pieces.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from factcheck.corpus import IndexError_
from factcheck.corpus.uploads import ARTICLE_TYPES, MAX_ARTICLE_BYTES, REFERENCE_TYPES, validate_article
from factcheck.desk import ReviewDesk
from factcheck.extract import UNCHECKABLE
from factcheck.llm import LLMError, chat_model
from factcheck.pipeline import Checker, default_store, open_or_build_sample, with_llm
from factcheck.report import export
from factcheck.session import PageState
from factcheck.text import InputError
from factcheck.types import ClaimCheck, Report

ARTICLES = Path(__file__).parent / "seeds" / "articles"
PASTE = "(paste your own)"
VERDICT_CHOICES = ["", "supported", "refuted", "conflicting", "not_enough_evidence"]
BADGE_COLOURS = {"supported": "green", "refuted": "red", "conflicting": "orange",
                 "not_enough_evidence": "gray", None: "blue"}
ICONS = {"supported": ":material/check_circle:", "refuted": ":material/cancel:", "conflicting": ":material/warning:",
         "not_enough_evidence": ":material/help:", None: ":material/radio_button_unchecked:"}
page = PageState(st.session_state, st.query_params)
state = st.session_state


@st.cache_resource(show_spinner="Loading the models and the reference index (once per server) ...")
def base_checker(store: str) -> Checker:
    """One checker per server (and store: an index folder or ``$FACTCHECK_STORE``'s PostgreSQL URL):
    index and models load once; a tiny check warms them all."""
    ck = Checker(open_or_build_sample(store))
    ck.check("Russia annexed Crimea from Ukraine in 2014.", title="warm-up")
    return ck


@st.cache_resource
def work_lock() -> threading.Lock:
    """Sessions share one index connection and one model; checks and index writes take turns."""
    return threading.Lock()


@st.cache_resource(show_spinner="Loading the LLM ...")
def llm(name: str) -> tuple[object | None, str | None]:
    """(chat model, None), or (None, why it cannot be used): loaded once per server and name."""
    try:
        return chat_model(name), None
    except LLMError as e:
        return None, str(e)


def desk() -> ReviewDesk:
    """The shared checker with this session's settings; the review folder is read from
    ``$FACTCHECK_REVIEWS`` each time, so tests can point it elsewhere."""
    ck = dataclasses.replace(base_checker(default_store()), k=int(state.get("k", 5)),
                             min_checkworthiness=page.setting("min_cw", 0.0))
    if name := str(state.get("llm") or "").strip():
        model, _ = llm(name)
        ck = with_llm(ck, model) if model is not None else ck
    return ReviewDesk(ck, lock=work_lock())


def saved(report: Report, success: str | None = None) -> None:
    """Save after a change, then rerun so every label shows the change."""
    page.saved(desk(), report, success)
    st.rerun()


def article_input() -> None:
    c1, c2 = st.columns(2)
    c1.selectbox("Example article", [PASTE] + [p.name for p in sorted(ARTICLES.glob("*.txt"))], key="example",
                 on_change=lambda: page.load_example(ARTICLES, state.get("example"), PASTE))
    c2.file_uploader(f"Or upload an article (up to {MAX_ARTICLE_BYTES // (1024 * 1024)} MB)",
                     type=ARTICLE_TYPES, key="article_upload",
                     on_change=lambda: page.load_upload((f := state.get("article_upload")) and (f.name, f.getvalue())))
    if state.get("upload_error"):
        st.error(f"This file cannot be used: {export.md_escape(state['upload_error'])}")
    st.text_area("Article text", key="article_text", height=220,
                 placeholder="Paste the article here, upload a file or pick an example.")
    st.date_input("Article date (optional)", value=None, key="article_date", format="YYYY-MM-DD",
                  help="Resolves 'Thursday' and 'last week' in the claims; without it, the article's own "
                       "date line ('Updated 17 May 2025') is used, or they are left as written.")
    b1, b2, _ = st.columns([1, 1.4, 4])
    check = b1.button("Check claims", key="check", type="primary")
    fresh = b2.button("Re-check from scratch", key="recheck_all",
                      help="Discard the saved claims and evidence and check again; your overrides and "
                           "notes are kept for claims with the same wording.")
    if check or fresh:
        run_check(state.get("article_text", ""), fresh)


def run_check(text: str, fresh: bool) -> None:
    try:
        text = validate_article(text)
        with st.status("Checking the article: claims, evidence, stance, verdicts ...", expanded=False) as status:
            done = desk().check(text, state.get("article_title") or "pasted article", fresh,
                                date=state.get("article_date"))
            status.update(label=f"Checked {len(done.report.checks)} claims in {done.seconds:.1f} s", state="complete")
    except InputError as e:  # an empty paste is a nudge, anything else an error (the status turns red)
        (st.warning if not text.strip() else st.error)(str(e))
        return
    page.opened(desk(), done)
    st.rerun()


def sidebar(ck: Checker) -> None:
    sb, info = st.sidebar, ck.index.info()
    sb.header("Reference index")
    sb.markdown(f"**{info['documents']} documents**, {info['passages']} passages")
    sb.text(f"Embedding model: {info['embedding_model']}\nStance model: {ck.stance_description}")
    with sb.expander("Add reference documents"):
        files = st.file_uploader("Files (.txt .md .html .pdf .docx .jsonl .csv)", type=REFERENCE_TYPES,
                                 accept_multiple_files=True, key="ref_upload")
        if st.button("Add to index", key="ref_add", disabled=not files):
            add_reference(files)
    sb.header("Settings")
    sb.slider("Evidence passages per claim", 1, 15, 5, key="k")
    sb.slider("Minimum check-worthiness", 0.0, 1.0, 0.0, 0.05, key="min_cw",
              help="Claims below it get no evidence search and are hidden from the list and exports.")
    sb.text_input("LLM (optional)", os.environ.get("FACTCHECK_LLM", ""), key="llm", placeholder="provider:model",
                  help="A LangChain chat model, e.g. openai:gpt-4o-mini or ollama:llama3.1, to decompose claims and "
                       "judge passages; its provider's package and credentials must be set up. Empty: offline.")
    if name := str(state.get("llm") or "").strip():
        sb.error(problem) if (problem := llm(name)[1]) else sb.caption(f"Claims and passages also go to {name}.")
    sb.caption("Settings apply to the next check.")
    sb.header("ClaimReview export")
    sb.text_input("Publisher (organisation)", "factcheck", key="org_name")
    sb.text_input("Review page URL", "", key="review_url")
    sb.text_input("Article URL", "", key="article_url")
    store = desk().store
    listing = store.list()
    if store.skipped:
        sb.caption(export.md_escape(f"Not listed: {'; '.join(store.skipped)}"))
    if listing:
        sb.header("Saved reviews")
        labels = {r.key: f"{r.title} · {r.saved[:16]} · {r.reviewed}/{r.claims} reviewed" for r in listing}
        pick = sb.selectbox("Reopen", list(labels), format_func=labels.get, key="saved_review")
        if sb.button("Open review", key="open_review"):
            problem = page.reopen(desk(), pick)
            sb.warning(problem) if problem else st.rerun()


def add_reference(files: list) -> None:
    bar = st.progress(0.0, text="Reading files ...")
    added = desk().add_files([(f.name, f.getvalue()) for f in files], lambda i, name: bar.progress(
        i / len(files), text=f"Indexing {name} ({i + 1}/{len(files)}) ..."))
    bar.progress(1.0, text=f"Added {added.documents} documents.")
    page.added(added)
    st.rerun()  # the sidebar's counts above are from before the upload


def summary(report: Report, min_cw: float) -> None:
    df = pd.DataFrame(export.verdict_rows(report, min_cw))
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("claims:Q", title="claims"), y=alt.Y("verdict:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("colour:N", scale=None), tooltip=["verdict", "claims"]).properties(height=34 * len(df) + 40)
    st.altair_chart(chart, width="stretch")


def badges(check: ClaimCheck) -> None:
    if check.verdict is None and check.claim.kind in UNCHECKABLE:
        st.badge(f"Not checked: {export.md_escape(check.claim.kind)}", color="violet", icon=":material/chat_bubble:")
    elif check.verdict is None:
        st.badge("No verdict: evidence ranked by relevance only", color="blue")
    else:
        conf = f" · confidence {check.confidence:.0%}" if check.confidence is not None else ""
        st.badge(f"Suggested: {export.VERDICT_LABELS.get(check.verdict, check.verdict)}{conf}",
                 color=BADGE_COLOURS.get(check.verdict, "blue"))
    if check.override:
        st.badge(f"Reviewer: {export.VERDICT_LABELS.get(check.override, check.override)}",
                 color=BADGE_COLOURS.get(check.override, "blue"), icon=":material/person:")


def claim_card(report: Report, check: ClaimCheck) -> None:
    c, final, d = check.claim, export.verdict_of(check), desk()
    shown = f"Not checked ({c.kind})" if final is None and c.kind in UNCHECKABLE else export.VERDICT_LABELS.get(final, final)
    label = f"{export.md_escape(c.id)} · :{BADGE_COLOURS.get(final, 'blue')}[**{shown}**]" \
            f"{' (reviewed)' if check.override else ''} · {export.md_escape(c.text)}"
    # A key keeps the card open while its label changes (a new verdict, "(reviewed)").
    with st.expander(label, expanded=c.id == state.get("open_claim"), key=f"claim_{c.id}",
                     icon=ICONS.get(final, ICONS[None])):
        badges(check)
        if check.reason:
            st.text(f"Reason: {check.reason}")
        st.text(export.claim_facts(c) + (f"\nSentence: {c.sentence}" if c.sentence else ""))
        if check.evidence:
            st.html(export.claim_html(check) + "".join(export.evidence_html(e, n) for n, e in enumerate(check.evidence, 1)))
        else:
            st.text("No evidence searched or found" if c.checkworthiness < page.setting("min_cw", 0.0)
                    else "No evidence found in the index.")
        r1, r2 = st.columns([1, 2])
        r1.selectbox("Your verdict", VERDICT_CHOICES, key=f"override_{c.id}",
                     index=VERDICT_CHOICES.index(check.override or ""),
                     format_func=lambda v: "(keep suggested)" if not v else export.VERDICT_LABELS[v],
                     on_change=page.apply_review, args=(d, c.id))
        r2.text_area("Note", value=check.note, key=f"note_{c.id}", height=68, on_change=page.apply_review,
                     args=(d, c.id))
        new_text = st.text_area("Claim wording", value=c.text, key=f"edit_{c.id}", height=68)
        e1, e2, _ = st.columns([1.3, 1, 3])
        if e1.button("Re-check this wording", key=f"apply_{c.id}"):
            change(report, lambda d: d.edit(report, c.id, new_text), "Re-checking this claim ...",
                   lambda done: f"Re-checked claim {c.id} (only this claim).", open_claim=c.id)
        if e2.button("Drop claim", key=f"drop_{c.id}"):
            desk().drop(report, c.id)
            page.flash("info", f"Dropped claim {c.id}.")
            saved(report)


def change(report: Report, action: Callable[[ReviewDesk], ClaimCheck], spinner: str,
           message: Callable[[ClaimCheck], str], open_claim: str | None = None) -> None:
    """Run an edit that re-checks a claim; on bad input show why, else save and rerun."""
    with st.spinner(spinner):
        try:
            done = action(desk())
        except InputError as e:
            st.error(str(e))
            return
    if open_claim:
        state["open_claim"] = open_claim
    saved(report, message(done))


def claim_tools(report: Report) -> None:
    with st.expander("Add or merge claims"):
        new = st.text_input("New claim", key="new_claim", placeholder="A claim the list is missing")
        if st.button("Add and check", key="add_claim"):
            change(report, lambda d: d.add(report, new), "Checking the new claim ...",
                   lambda done: f"Added and checked claim {done.claim.id}.")
        ids = [c.claim.id for c in report.checks]
        m1, m2 = st.columns(2)
        a = m1.selectbox("Merge claim", ids, key="merge_a")
        b = m2.selectbox("with claim", ids, index=min(1, len(ids) - 1) if ids else 0, key="merge_b")
        if st.button("Merge and re-check", key="merge", disabled=len(ids) < 2):
            change(report, lambda d: d.merge(report, a, b), "Checking the merged claim ...",
                   lambda done: f"Merged {a} and {b} into {done.claim.id} and re-checked it.")


def downloads(report: Report, min_cw: float) -> None:
    files = export.downloads(report, min_cw, author=state.get("org_name", "factcheck"),
                             url=state.get("review_url", ""), article_url=state.get("article_url", ""))
    for col, f in zip(st.columns(len(files)), files):
        col.download_button(f.label, f.data, file_name=f.file_name, mime=f.mime, key=f"dl_{f.fmt}",
                            on_click="ignore", icon=":material/download:")


def show_report(report: Report) -> None:
    min_cw = page.setting("min_cw", 0.0)
    shown = [c for c in report.checks if c.claim.checkworthiness >= min_cw]
    st.divider()
    # Streamlit reads these as Markdown: a title or note from the article or a saved review is escaped.
    st.subheader(f"Claims in {export.md_escape(report.title or 'the article')}")
    st.caption(export.md_escape(export.report_caption(report, len(shown))) + " Your verdicts and notes are saved as you make them.")
    if not any(c.verdict for c in report.checks):
        st.info(export.RELEVANCE_ONLY)
    for note in report.notes:
        st.warning(export.md_escape(note))
    downloads(report, min_cw)
    left, right = st.columns([2, 3], gap="medium")
    with left:
        st.markdown("**Verdicts**")
        summary(report, min_cw)
        st.markdown("**The article** (claims highlighted by verdict; hover for claim ids)")
        with st.container(height=620, border=True):
            st.html(export.article_html(report))
        if report.dropped:
            with st.expander(f"Left out of the claims ({len(report.dropped)} lines: captions, prompts, credits ...)"):
                st.text("\n".join(export.dropped_lines(report)))
    with right:
        st.markdown("**Claims** (open one for its evidence, your verdict and note, or to edit it)")
        for check in shown:
            claim_card(report, check)
        claim_tools(report)


def main() -> None:
    st.set_page_config(page_title="factcheck", page_icon=":material/fact_check:", layout="wide")
    st.title("factcheck")
    st.caption("Paste an article: each claim is checked against the trusted reference corpus, with the "
               "passages that bear on it. Review the verdicts, correct them, and export the result.")
    try:
        ck = base_checker(default_store())
    except (IndexError_, InputError) as e:
        st.error(f"The reference index cannot be opened: {e}")
        return
    sidebar(ck)
    for kind, message in page.take_flashes():  # they may name a file or a claim: shown as text
        getattr(st, kind)(export.md_escape(message))
    if key := page.pending_review():  # a reload (or a server restart) with the review's address
        if problem := page.reopen(desk(), key):
            st.warning(export.md_escape(problem))
    article_input()
    if page.report is not None:
        show_report(page.report)


main()
