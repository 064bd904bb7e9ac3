"""The Streamlit page: a thin view over ``factcheck``; no pipeline logic lives here.

Article or corpus text reaches the page only through ``st.text``/``st.code``, Markdown-escaped
labels, or HTML built by ``factcheck.export`` from escaped pieces.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from factcheck import export
from factcheck.index import IndexError_
from factcheck.pipeline import Checker, default_index_path, open_or_build_sample
from factcheck.reviews import (ReviewStore, add_claim, article_key, carry_reviews, drop_claim, edit_claim,
                               merge_claims, set_review)
from factcheck.text import InputError
from factcheck.types import Report
from factcheck.uploads import (ARTICLE_TYPES, MAX_ARTICLE_BYTES, REFERENCE_TYPES, read_reference_upload,
                               read_upload, validate_article)

ARTICLES = Path(__file__).parent / "seeds" / "articles"
PASTE = "(paste your own)"
VERDICT_CHOICES = ["", "supported", "refuted", "conflicting", "not_enough_evidence"]
BADGE_COLOURS = {"supported": "green", "refuted": "red", "conflicting": "orange",
                 "not_enough_evidence": "gray", None: "blue"}
ICONS = {"supported": ":material/check_circle:", "refuted": ":material/cancel:", "conflicting": ":material/warning:",
         "not_enough_evidence": ":material/help:", None: ":material/radio_button_unchecked:"}
CLAIM_WIDGETS = ("override_", "note_", "edit_")


# ---- per-server resources ------------------------------------------------------------------

@st.cache_resource(show_spinner="Loading the models and the reference index (once per server) ...")
def base_checker(index_path: str) -> Checker:
    """One checker per server (and index): index and models load once; a tiny check warms them all."""
    ck = Checker(open_or_build_sample(Path(index_path)))
    ck.check("Russia annexed Crimea from Ukraine in 2014.", title="warm-up")
    return ck


@st.cache_resource
def work_lock() -> threading.Lock:
    """Sessions share one index connection and one model; checks and index writes take turns."""
    return threading.Lock()


def store() -> ReviewStore:
    return ReviewStore()  # reads $FACTCHECK_REVIEWS each time, so tests can point it elsewhere


def checker() -> Checker:
    """The shared checker with this session's settings (shares the loaded models)."""
    return dataclasses.replace(base_checker(str(default_index_path())), k=int(st.session_state.get("k", 5)),
                               min_checkworthiness=float(st.session_state.get("min_cw", 0.0)))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def flash(kind: str, message: str) -> None:
    """A message shown at the top of the next run (after an action that reruns the page)."""
    st.session_state.setdefault("flash", []).append((kind, message))


# ---- report state --------------------------------------------------------------------------

def set_report(report: Report, key: str) -> None:
    for k in [k for k in st.session_state if str(k).startswith(CLAIM_WIDGETS)]:
        del st.session_state[k]  # widgets of the previous report must not leak their values
    st.session_state["report"] = report
    st.query_params["review"] = key  # a reload of this URL reopens the review from disk


def save(report: Report) -> bool:
    try:
        store().save(report)
        return True
    except OSError as e:
        flash("error", f"The review could not be saved ({e.strerror or e}); your changes are kept in this tab only.")
        return False


def restore_from_url() -> None:
    """After a reload (or a server restart) the URL still names the review: load it from disk."""
    key = st.query_params.get("review")
    if not key or st.session_state.get("report") is not None:
        return
    try:
        report = store().load(key)
    except InputError as e:
        st.warning(str(e))
        return
    if report is None:
        st.warning("The review named in this page's address is not saved here; check the article again.")
        return
    st.session_state["report"] = report
    st.session_state["article_text"] = report.text
    st.session_state["article_title"] = report.title


# ---- input ---------------------------------------------------------------------------------

def on_example() -> None:
    name = st.session_state.get("example", PASTE)
    st.session_state["article_title"] = ""
    if name != PASTE:
        st.session_state["article_text"] = (ARTICLES / name).read_text(encoding="utf-8")
        st.session_state["article_title"] = Path(name).stem


def on_upload() -> None:
    f = st.session_state.get("article_upload")
    st.session_state.pop("upload_error", None)
    if f is None:
        return
    try:
        title, text = read_upload(f.name, f.getvalue())
    except InputError as e:
        st.session_state["upload_error"] = str(e)
        return
    st.session_state["article_text"] = text
    st.session_state["article_title"] = title


def article_input() -> None:
    examples = [PASTE] + [p.name for p in sorted(ARTICLES.glob("*.txt"))]
    c1, c2 = st.columns(2)
    c1.selectbox("Example article", examples, key="example", on_change=on_example)
    c2.file_uploader(f"Or upload an article (up to {MAX_ARTICLE_BYTES // (1024 * 1024)} MB)",
                     type=ARTICLE_TYPES, key="article_upload", on_change=on_upload)
    if st.session_state.get("upload_error"):
        st.error(f"This file cannot be used: {st.session_state['upload_error']}")
    st.text_area("Article text", key="article_text", height=220,
                 placeholder="Paste the article here, upload a file or pick an example.")
    b1, b2, _ = st.columns([1, 1.4, 4])
    check = b1.button("Check claims", key="check", type="primary")
    fresh = b2.button("Re-check from scratch", key="recheck_all",
                      help="Discard the saved claims and evidence and check again; your overrides and "
                           "notes are kept for claims with the same wording.")
    if check or fresh:
        run_check(st.session_state.get("article_text", ""), fresh)


def run_check(text: str, fresh: bool) -> None:
    try:
        text = validate_article(text)
    except InputError as e:
        (st.warning if not text.strip() else st.error)(str(e))
        return
    title = st.session_state.get("article_title") or "pasted article"
    key = article_key(text)
    try:
        saved = store().load(key)
    except InputError as e:
        st.warning(str(e))
        saved = None
    if saved is not None and not fresh:
        set_report(saved, key)
        flash("info", f"Reopened your saved review of this article ({len(saved.checks)} claims). "
                      "Use 'Re-check from scratch' to check it again.")
        st.rerun()
    t0 = time.perf_counter()
    with st.status("Checking the article: claims, evidence, stance, verdicts ...", expanded=False) as status:
        try:
            ck = checker()
            with work_lock():
                report = ck.check(text, title=title)
        except InputError as e:
            status.update(label="The check failed", state="error")
            st.error(str(e))
            return
        status.update(label=f"Checked {len(report.checks)} claims in {time.perf_counter() - t0:.1f} s",
                      state="complete")
    kept = carry_reviews(saved, report) if saved is not None else 0
    set_report(report, key)
    save(report)
    flash("success", f"Checked {len(report.checks)} claims in {time.perf_counter() - t0:.1f} s"
          + (f"; kept your review of {plural(kept, 'claim')}." if kept else "."))
    st.rerun()


# ---- sidebar -------------------------------------------------------------------------------

def sidebar(ck: Checker) -> None:
    sb = st.sidebar
    info = ck.index.info()
    sb.header("Reference index")
    sb.markdown(f"**{info['documents']} documents**, {info['passages']} passages")
    sb.text(f"Embedding model: {info['embedding_model']}")
    stance = ck.stance
    sb.text("Stance model: " + ("none (relevance only)" if stance is None else
                                f"own cross-encoder ({stance.backend})" if getattr(stance, "own", False)
                                else str(getattr(stance, "name", stance))))
    with sb.expander("Add reference documents"):
        files = st.file_uploader("Files (.txt .md .html .pdf .docx .jsonl .csv)", type=REFERENCE_TYPES,
                                 accept_multiple_files=True, key="ref_upload")
        if st.button("Add to index", key="ref_add", disabled=not files):
            add_reference(ck, files)
    sb.header("Settings")
    sb.slider("Evidence passages per claim", 1, 15, 5, key="k")
    sb.slider("Minimum check-worthiness", 0.0, 1.0, 0.0, 0.05, key="min_cw",
              help="Claims below it get no evidence search and are hidden from the list and exports.")
    sb.caption("Settings apply to the next check.")
    sb.header("ClaimReview export")
    sb.text_input("Publisher (organisation)", "factcheck", key="org_name")
    sb.text_input("Review page URL", "", key="review_url")
    sb.text_input("Article URL", "", key="article_url")
    saved = store().list()
    if saved:
        sb.header("Saved reviews")
        labels = {r.key: f"{r.title} · {r.saved[:16]} · {r.reviewed}/{r.claims} reviewed" for r in saved}
        pick = sb.selectbox("Reopen", list(labels), format_func=labels.get, key="saved_review")
        if sb.button("Open review", key="open_review"):
            try:
                report = store().load(pick)
            except InputError as e:
                sb.warning(str(e))
                return
            if report is not None:
                set_report(report, pick)
                st.session_state["article_text"] = report.text
                st.rerun()


def add_reference(ck: Checker, files: list) -> None:
    bar = st.progress(0.0, text="Reading files ...")
    added, failed = 0, []
    for i, f in enumerate(files):
        bar.progress(i / len(files), text=f"Indexing {f.name} ({i + 1}/{len(files)}) ...")
        try:
            docs = read_reference_upload(f.name, f.getvalue())
            with work_lock():
                added += ck.index.add_documents(docs).documents
        except (InputError, IndexError_) as e:
            failed.append(str(e))
    bar.progress(1.0, text=f"Added {added} documents.")
    if added:
        flash("success", f"Added {plural(added, 'document')} to the reference index; they count from the next check.")
    for msg in failed:
        flash("error", f"Not added: {msg}")
    st.rerun()  # the sidebar's counts above are from before the upload


# ---- the report ----------------------------------------------------------------------------

def summary(report: Report, min_cw: float) -> None:
    counts = export.verdict_counts(report, min_cw)
    order = ["supported", "refuted", "conflicting", "not_enough_evidence", "unverified"]
    df = pd.DataFrame({"verdict": [export.VERDICT_LABELS[None if v == "unverified" else v] for v in order],
                       "claims": [counts[v] for v in order],
                       "colour": [export.VERDICT_COLOURS[None if v == "unverified" else v] for v in order]})
    df = df[df.claims > 0]
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("claims:Q", title="claims"), y=alt.Y("verdict:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("colour:N", scale=None), tooltip=["verdict", "claims"]).properties(height=34 * len(df) + 40)
    st.altair_chart(chart, width="stretch")


def claim_card(report: Report, i: int) -> None:
    check = report.checks[i]
    c = check.claim
    cid = c.id
    final = export.verdict_of(check)
    colour = BADGE_COLOURS.get(final, "blue")
    label = f"{cid} · :{colour}[**{export.VERDICT_LABELS.get(final, final)}**]" \
            f"{' (reviewed)' if check.override else ''} · {export.md_escape(c.text)}"
    # A key keeps the card open while its label changes (a new verdict, "(reviewed)").
    with st.expander(label, expanded=cid == st.session_state.get("open_claim"), key=f"claim_{cid}",
                     icon=ICONS.get(final, ICONS[None])):
        if check.verdict is None:
            st.badge("No verdict: evidence ranked by relevance only", color="blue")
        else:
            conf = f" · confidence {check.confidence:.0%}" if check.confidence is not None else ""
            st.badge(f"Suggested: {export.VERDICT_LABELS.get(check.verdict, check.verdict)}{conf}",
                     color=BADGE_COLOURS.get(check.verdict, "blue"))
        if check.override:
            st.badge(f"Reviewer: {export.VERDICT_LABELS.get(check.override, check.override)}",
                     color=BADGE_COLOURS.get(check.override, "blue"), icon=":material/person:")
        if check.reason:
            st.text(f"Reason: {check.reason}")
        meta = f"Check-worthiness {c.checkworthiness:.2f} · {c.kind}" + (f" · speaker: {c.speaker}" if c.speaker else "")
        st.text(meta)
        if c.sentence:
            st.text(f"Sentence: {c.sentence}")
        if check.evidence:
            st.html("".join(export.evidence_html(e, n) for n, e in enumerate(check.evidence, 1)))
        else:
            st.text("No evidence searched or found" if c.checkworthiness < st.session_state.get("min_cw", 0.0)
                    else "No evidence found in the index.")
        r1, r2 = st.columns([1, 2])
        r1.selectbox("Your verdict", VERDICT_CHOICES, key=f"override_{cid}",
                     index=VERDICT_CHOICES.index(check.override or ""),
                     format_func=lambda v: "(keep suggested)" if not v else export.VERDICT_LABELS[v],
                     on_change=on_review, args=(cid,))
        r2.text_area("Note", value=check.note, key=f"note_{cid}", height=68, on_change=on_review, args=(cid,))
        new_text = st.text_area("Claim wording", value=c.text, key=f"edit_{cid}", height=68)
        e1, e2, _ = st.columns([1.3, 1, 3])
        if e1.button("Re-check this wording", key=f"apply_{cid}"):
            with st.spinner("Re-checking this claim ..."), work_lock():
                try:
                    edit_claim(report, cid, new_text, checker())
                except InputError as e:
                    st.error(str(e))
                    return
            save(report)
            st.session_state["open_claim"] = cid
            flash("success", f"Re-checked claim {cid} (only this claim).")
            st.rerun()
        if e2.button("Drop claim", key=f"drop_{cid}"):
            drop_claim(report, cid)
            save(report)
            flash("info", f"Dropped claim {cid}.")
            st.rerun()


def on_review(cid: str) -> None:
    """Autosave: every override or note change is written to disk at once."""
    report = st.session_state.get("report")
    if report is None:
        return
    st.session_state["open_claim"] = cid
    try:
        set_review(report, cid, st.session_state.get(f"override_{cid}") or None,
                   st.session_state.get(f"note_{cid}", ""))
    except InputError as e:
        flash("error", str(e))
        return
    if save(report):
        flash("success", f"Saved your review of {cid}.")


def claim_tools(report: Report) -> None:
    with st.expander("Add or merge claims"):
        new = st.text_input("New claim", key="new_claim", placeholder="A claim the list is missing")
        if st.button("Add and check", key="add_claim"):
            with st.spinner("Checking the new claim ..."), work_lock():
                try:
                    added = add_claim(report, new, checker())
                except InputError as e:
                    st.error(str(e))
                    return
            save(report)
            flash("success", f"Added and checked claim {added.claim.id}.")
            st.rerun()
        ids = [c.claim.id for c in report.checks]
        m1, m2 = st.columns(2)
        a = m1.selectbox("Merge claim", ids, key="merge_a")
        b = m2.selectbox("with claim", ids, index=min(1, len(ids) - 1) if ids else 0, key="merge_b")
        if st.button("Merge and re-check", key="merge", disabled=len(ids) < 2):
            with st.spinner("Checking the merged claim ..."), work_lock():
                try:
                    merged = merge_claims(report, a, b, checker())
                except InputError as e:
                    st.error(str(e))
                    return
            save(report)
            flash("success", f"Merged {a} and {b} into {merged.claim.id} and re-checked it.")
            st.rerun()


def downloads(report: Report, min_cw: float) -> None:
    import json

    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (report.title or "article"))[:60]
    cr = export.to_claimreview(report, author=st.session_state.get("org_name", "factcheck"),
                               url=st.session_state.get("review_url", ""),
                               article_url=st.session_state.get("article_url", ""), min_checkworthiness=min_cw)
    files = [("Markdown", "dl_md", export.to_markdown(report, min_cw), f"{stem}.md", "text/markdown"),
             ("HTML", "dl_html", export.to_html(report, min_cw), f"{stem}.html", "text/html"),
             ("JSON", "dl_json", export.to_json(report), f"{stem}.json", "application/json"),
             ("CSV", "dl_csv", export.to_csv(report, min_cw), f"{stem}.csv", "text/csv"),
             ("ClaimReview", "dl_claimreview", json.dumps(cr, ensure_ascii=False, indent=2),
              f"{stem}.claimreview.jsonld", "application/ld+json")]
    cols = st.columns(len(files))
    for col, (label, key, data, name, mime) in zip(cols, files):
        col.download_button(label, data, file_name=name, mime=mime, key=key, on_click="ignore",
                            icon=":material/download:")


def show_report(report: Report) -> None:
    min_cw = float(st.session_state.get("min_cw", 0.0))
    shown = [i for i, c in enumerate(report.checks) if c.claim.checkworthiness >= min_cw]
    st.divider()
    st.subheader(f"Claims in {report.title or 'the article'}")
    st.caption(f"Checked {report.created} against {report.index.get('passages', '?')} passages from "
               f"{report.index.get('documents', '?')} documents. {len(shown)} of {len(report.checks)} claims "
               "shown; your verdicts and notes are saved as you make them.")
    if not any(c.verdict for c in report.checks):
        st.info(export.RELEVANCE_ONLY)
    for note in report.notes:
        st.warning(note)
    downloads(report, min_cw)
    left, right = st.columns([2, 3], gap="medium")
    with left:
        st.markdown("**Verdicts**")
        summary(report, min_cw)
        st.markdown("**The article** (claims highlighted by verdict; hover for claim ids)")
        with st.container(height=620, border=True):
            st.html(export.article_html(report))
    with right:
        st.markdown("**Claims** (open one for its evidence, your verdict and note, or to edit it)")
        for i in shown:
            claim_card(report, i)
        claim_tools(report)


def main() -> None:
    st.set_page_config(page_title="factcheck", page_icon=":material/fact_check:", layout="wide")
    st.title("factcheck")
    st.caption("Paste an article: each claim is checked against the trusted reference corpus, with the "
               "passages that bear on it. Review the verdicts, correct them, and export the result.")
    try:
        ck = base_checker(str(default_index_path()))
    except (IndexError_, InputError) as e:
        st.error(f"The reference index cannot be opened: {e}")
        return
    sidebar(ck)
    for kind, message in st.session_state.pop("flash", []):
        getattr(st, kind)(message)
    restore_from_url()
    article_input()
    report = st.session_state.get("report")
    if report is not None:
        show_report(report)


main()
