"""The Streamlit page: a thin view over ``factcheck``; no pipeline logic lives here."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from factcheck.index import IndexError_
from factcheck.pipeline import Checker, default_index_path, open_or_build_sample
from factcheck.text import InputError

ARTICLES = Path(__file__).parent / "seeds" / "articles"


@st.cache_resource(show_spinner="Loading the models and the reference index ...")
def checker() -> Checker:
    """One checker per server: models and index load once, not on every rerun."""
    return Checker(open_or_build_sample(default_index_path()))


def main() -> None:
    st.set_page_config(page_title="factcheck", layout="wide")
    st.title("factcheck")
    st.caption("Paste an article: each claim is listed with the reference passages that bear on it.")
    try:
        ck = checker()
    except (IndexError_, InputError) as e:
        st.error(f"The reference index cannot be opened: {e}")
        return
    info = ck.index.info()
    st.sidebar.header("Reference index")
    st.sidebar.write(f"{info['documents']} documents, {info['passages']} passages")
    st.sidebar.write(f"Embedding model: {info['embedding_model']}")

    examples = {"(paste your own)": ""} | {p.name: p.read_text(encoding="utf-8")
                                            for p in sorted(ARTICLES.glob("*.txt"))}
    choice = st.selectbox("Example article", list(examples))
    text = st.text_area("Article text", value=examples[choice], height=260)
    if not st.button("Check claims", type="primary"):
        return
    if not text.strip():
        st.warning("The article is empty: paste some text or pick an example.")
        return
    with st.spinner("Finding claims and evidence ..."):
        report = ck.check(text, title=choice)
    st.info("Evidence is ranked by relevance only: passages are related to each claim, "
            "not yet judged to support or contradict it.")
    for check in report.checks:
        c = check.claim
        with st.expander(f"{c.id} · {c.text}", expanded=c.checkworthiness >= 0.5):
            st.text(f"Check-worthiness {c.checkworthiness:.2f} · {c.kind}"
                    + (f" · speaker: {c.speaker}" if c.speaker else ""))
            st.text(f"Sentence: {c.sentence}")
            for e in check.evidence:
                src = e.passage.source
                st.text(f"{e.score:.2f} · {src.title} · {src.publisher} · {src.date}")
                st.text(e.passage.text)
                if src.url.startswith(("http://", "https://")):
                    st.link_button("Open source", src.url)


main()
