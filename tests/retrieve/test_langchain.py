"""LangChain in and out, on the real model and real stores: the retriever inside a chain, LangChain
documents (and a loader's output) into both stores, and a LangChain vector store (langchain-postgres'
PGVectorStore on the session's real server) as the dense side of hybrid retrieval."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.document_loaders import BaseLoader
from langchain_core.documents import Document as LCDocument
from langchain_core.runnables import RunnableLambda

from factcheck.corpus.loaders import from_langchain
from factcheck.retrieve import HybridRetriever
from factcheck.retrieve.langchain import EncoderEmbeddings, FactcheckRetriever
from factcheck.retrieve.vectorstore import VectorStoreSearch, copy_to_vectorstore


def format_docs(docs: list[LCDocument]) -> str:
    return "\n".join(f"[{d.metadata['title']}, {d.metadata['date']}] {d.page_content}" for d in docs)


@pytest.mark.parametrize("store_name", ["small_index", "pg_store"])
def test_retriever_in_a_chain_returns_passages_with_sources_and_scores(store_name, request):
    store = request.getfixturevalue(store_name)
    retriever = FactcheckRetriever.from_store(store, k=2)
    docs = retriever.invoke("Russia annexed Crimea in 2014.")
    assert len(docs) == 2
    top = docs[0]
    assert top.page_content.startswith("Russia annexed Crimea")
    meta = top.metadata
    assert {k: meta[k] for k in ("doc_id", "title", "url", "publisher", "date")} == {
        "doc_id": "crimea", "title": "Annexation of Crimea", "url": "https://example.org/crimea",
        "publisher": "Encyclopedia", "date": "2014-03-18"}
    assert store.passages([meta["passage_id"]])[meta["passage_id"]].text == top.page_content
    assert top.id == str(meta["passage_id"])
    assert meta["score"] == pytest.approx(1.0) and meta["dense_score"] > 0.5 and meta["lexical_score"] > 0
    assert docs[1].metadata["score"] < meta["score"]

    chain = retriever | RunnableLambda(format_docs)
    text = chain.invoke("Where were the embassy talks held?")
    assert text.splitlines()[0].startswith("[Istanbul talks, 2025-02-27] Russian and US diplomats met in Istanbul")
    assert [len(d) for d in retriever.batch(["Crimea", "grain deal"])] == [2, 2]


class NotesLoader(BaseLoader):
    """A document loader of the LangChain kind: one Document per note, with loader-style metadata."""

    def __init__(self, notes: dict[str, str]):
        self.notes = notes

    def lazy_load(self) -> Iterator[LCDocument]:
        for n, (name, text) in enumerate(self.notes.items()):
            yield LCDocument(page_content=text, metadata={"source": f"/archive/{name}.pdf", "page": n,
                                                          "author": "Harbour Desk", "creationdate": "2023-08-14T09:00:00",
                                                          "language": "en"})


@pytest.mark.parametrize("store_name", ["small_index", "pg_store"])
def test_langchain_documents_go_into_an_index_with_their_metadata(store_name, request):
    store = request.getfixturevalue(store_name)
    web = LCDocument(page_content="The Odesa grain corridor reopened on 3 August 2023 after talks in Ankara.",
                     metadata={"source": "https://news.example/odesa", "title": "Corridor reopens",
                               "publisher": "Example News", "date": "2023-08-03"}, id="odesa-corridor")
    store.add_documents([web, *NotesLoader({"ships": "Harbour logs list 41 grain ships leaving Odesa in August 2023."}).load()])
    docs = {d["doc_id"]: d for d in store.documents()}
    assert docs["odesa-corridor"] == {"doc_id": "odesa-corridor", "title": "Corridor reopens", "publisher": "Example News",
                                      "date": "2023-08-03", "url": "https://news.example/odesa", "passages": 1}
    assert docs["/archive/ships.pdf#page=0"]["title"] == "ships.pdf"
    assert docs["/archive/ships.pdf#page=0"]["publisher"] == "Harbour Desk"
    assert docs["/archive/ships.pdf#page=0"]["date"] == "2023-08-14"

    hits = FactcheckRetriever.from_store(store, k=1).invoke("When did the grain corridor reopen?")
    assert hits[0].metadata["doc_id"] == "odesa-corridor" and hits[0].metadata["url"] == "https://news.example/odesa"
    hits = FactcheckRetriever.from_store(store, k=1).invoke("How many grain ships left Odesa in August?")
    assert hits[0].metadata["doc_id"] == "/archive/ships.pdf#page=0"


def test_langchain_document_ids_and_extra_metadata():
    doc = from_langchain(LCDocument(page_content="Text without any id.", metadata={"language": "en", "tags": ["a"]}))
    again = from_langchain(LCDocument(page_content="Text without any id."))
    assert doc.doc_id == again.doc_id and doc.doc_id.startswith("lc-")  # same text, same id: re-adding replaces
    assert doc.extra == {"language": "en", "tags": '["a"]'} and doc.title == doc.doc_id
    with pytest.raises(ValueError, match="not a LangChain Document"):
        from_langchain({"text": "a dict"})


def test_a_langchain_vector_store_as_the_dense_side(pg_server, small_index, embedder):
    from langchain_postgres import PGEngine, PGVectorStore

    engine = PGEngine.from_connection_string(pg_server.url)
    engine.init_vectorstore_table(table_name="lc_passages", vector_size=embedder.dimension, overwrite_existing=True)
    vectorstore = PGVectorStore.create_sync(engine=engine, table_name="lc_passages",
                                            embedding_service=EncoderEmbeddings(embedder))
    try:
        assert copy_to_vectorstore(small_index, vectorstore) == 3
        adapted = VectorStoreSearch(small_index, vectorstore)
        queries = ["Russia annexed Crimea in 2014.", "Six hours of talks in Istanbul", "Grain deal July 2022"]
        vectors = embedder.encode(queries)
        on_lc = adapted.search_dense(vectors, 3)
        on_faiss = small_index.search_dense(vectors, 3)
        for lc_hits, faiss_hits in zip(on_lc, on_faiss):
            assert [pid for pid, _ in lc_hits] == [pid for pid, _ in faiss_hits]
            assert [s for _, s in lc_hits] == pytest.approx([s for _, s in faiss_hits], abs=1e-4)  # cosine both
        hybrid = HybridRetriever(adapted).retrieve(queries, k=2)
        assert [[e.passage.id for e in hits] for hits in hybrid] == \
            [[e.passage.id for e in hits] for hits in HybridRetriever(small_index).retrieve(queries, k=2)]
        docs = FactcheckRetriever.from_store(adapted, k=1).invoke("the annexation of Crimea")
        assert docs[0].metadata["doc_id"] == "crimea"
    finally:
        engine.drop_table("lc_passages")
        engine._run_as_sync(engine.close())
