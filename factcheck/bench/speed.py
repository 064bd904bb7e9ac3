"""Speed benchmark: the pipeline as shipped against a naive one-call-per-item baseline, same process.

Everything runs on generated text (:func:`make_corpus`, :func:`make_articles`): news-like
sentences from templates (officials, agencies, places, figures, dates, attributions), so the
extractor, the embedder, the index and the stance model see realistic shapes and lengths.

Measured, each next to the naive baseline:

- ``index_build``: passages/s of :func:`factcheck.corpus.index.build` (one embedding call per batch of
  documents) vs an index built with an embedder that makes one model call per passage.
- ``report``: claims/s over the articles end to end (extract, check-worthiness, retrieve, stance,
  verdict, Markdown + JSON written per article): ``batched`` = one :meth:`Checker.check_many`
  call over all articles; ``per_article`` = one :meth:`Checker.check` per article, as
  ``factcheck report`` does today; ``naive`` = one model call per claim (embedding) and per
  (claim, passage) pair (stance), claims checked one by one, on the first ``naive_articles``.
- ``retrieval``: latency per claim: ``batched`` = a call over 32 claims divided by 32 (p50/p95
  over the calls); ``single`` = one claim per call (p50/p95), the naive way; embedding included,
  cache cleared.
- ``sample_article``: seconds to check the sample article (``seeds/articles``) warm against the
  sample corpus, median of 3, with verification (as shipped) and with the judgement before it
  (every passage votes with the stance model's argmax, thresholds on its probabilities), side by side.
- ``verification``: (claim, passage) pairs/s of the verification stage alone (parse, slots,
  alignment, relevance, agreement) over every pair of the batched report, parse cache emptied first.
- ``peak_rss_mb``: the largest resident set size sampled (every 5 ms) during each phase, and the
  process peak. Models are loaded before the timed phases (loading is not speed).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import random
import resource
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .common import rss_mb as _rss_mb, rounded

# ---------------------------------------------------------------------------- generated text

_PEOPLE = ["Maria Alvarez", "John Okafor", "Li Wei", "Anna Kowalski", "Rahul Mehta", "Sarah Thompson",
           "Oncu Keceli", "Elena Petrova", "David Cohen", "Amina Diallo", "Kenji Sato", "Laura Rossi"]
_ROLES = ["the spokesman for the ministry", "the agency's director", "a senior economist at the central bank",
          "the mayor of the city", "the head of the health department", "a professor of climate science"]
_ORGS = ["the World Health Organization", "the central bank", "the Ministry of Energy", "the statistics office",
         "the port authority", "the national weather service", "the European Commission", "the city council"]
_PLACES = ["Istanbul", "Nairobi", "Lisbon", "Jakarta", "Ottawa", "Lima", "Warsaw", "Hanoi", "Accra", "Oslo"]
_THINGS = ["unemployment", "inflation", "rainfall", "grain exports", "hospital admissions", "electricity demand",
           "measles cases", "housing starts", "average temperatures", "container traffic", "tourist arrivals"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_VERBS = ["rose", "fell", "climbed", "dropped", "increased", "declined"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random) -> str:
    p, org, place, thing = rng.choice(_PEOPLE), rng.choice(_ORGS), rng.choice(_PLACES), rng.choice(_THINGS)
    num, year, month = rng.randint(2, 40), rng.randint(1995, 2025), rng.choice(_MONTHS)
    verb = rng.choice(_VERBS)
    forms = [
        f"{_cap(thing)} in {place} {verb} by {num} percent in {year}, according to {org}.",
        f"{p}, {rng.choice(_ROLES)}, said {thing} in {place} had {verb} for the third year in a row.",
        f"In {month} {year}, {org} reported that {thing} in {place} {verb} to a {rng.randint(5, 60)}-year low.",
        f"{_cap(org)} opened a new office in {place} in {year} and hired {num * 10} staff.",
        f"The {thing} figures for {place} were published on {rng.randint(1, 28)} {month} {year}.",
        f"{p} confirmed that {org} would review its {thing} forecast for {place}, saying the data were incomplete.",
        f"{place} recorded {num * 1000} {thing} in {month}, up from {num * 800} a year earlier.",
        f"Officials in {place} said {thing} {verb} sharply after the {month} storms.",
    ]
    return rng.choice(forms)


def make_corpus(documents: int, seed: int = 0) -> list:
    """Reference documents of 3-7 generated sentences each, with public-record metadata."""
    from ..corpus.ingest import Document

    rng = random.Random(seed)
    return [Document(doc_id=f"ref-{i:05d}", text=" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))),
                     title=f"Bulletin {i}", publisher=rng.choice(_ORGS).removeprefix("the ").title(),
                     date=f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            for i in range(documents)]


def make_articles(n: int, seed: int = 1, sentences: int = 12) -> list[tuple[str, str]]:
    """(title, text) news articles of generated sentences in paragraphs."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras = []
        for _ in range(sentences // 3):
            paras.append(" ".join(_sentence(rng) for _ in range(3)))
        out.append((f"Article {i}", "\n\n".join(paras)))
    return out


# ---------------------------------------------------------------------------- naive baselines

class NaiveEmbedder:
    """The project's Embedder, one model call per text, no cache (the naive baseline)."""

    def __init__(self, shared):
        self._shared = shared
        self.model_name = shared.model_name
        self.batch_size = 1

    @property
    def dimension(self) -> int:
        return self._shared.dimension

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        model = self._shared.model
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        return np.stack([model.encode([t], batch_size=1, convert_to_numpy=True, normalize_embeddings=True,
                                      show_progress_bar=False)[0] for t in texts]).astype(np.float32)


class NaiveStance:
    """A stance model scoring one (claim, passage) pair per call."""

    def __init__(self, model):
        self._model = model
        self.name = getattr(model, "name", "stance")

    def score(self, claims: list[str], passages: list[str]) -> np.ndarray:
        rows = [self._model.score([c], [p]) for c, p in zip(claims, passages)]
        return np.concatenate(rows) if rows else np.zeros((0, 3), np.float32)


# ---------------------------------------------------------------------------- measuring



@contextmanager
def peak_rss():
    """Samples RSS every 5 ms in a thread; ``box["mb"]`` is the peak seen while the block ran."""
    box = {"mb": _rss_mb()}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            box["mb"] = max(box["mb"], _rss_mb())
            stop.wait(0.005)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        yield box
    finally:
        stop.set()
        t.join()
        box["mb"] = max(box["mb"], _rss_mb())


def _pct(values: list[float]) -> dict[str, float]:
    arr = np.array(values) * 1000
    return {"p50_ms": float(np.percentile(arr, 50)), "p95_ms": float(np.percentile(arr, 95))}


def _write_reports(out: Path, reports, names) -> None:
    from ..report.export import to_markdown
    from ..files import atomic_write

    for name, rep in zip(names, reports):
        atomic_write(out / f"{name}.json", json.dumps(rep.to_dict(), ensure_ascii=False, indent=2).encode())
        atomic_write(out / f"{name}.md", to_markdown(rep).encode())


def run(articles: int = 50, documents: int = 1000, naive_articles: int = 10, naive_documents: int = 200,
        stance: bool = True, seed: int = 0) -> dict[str, Any]:
    """Generate the corpus and articles, then time each phase as shipped and naively."""
    from ..corpus.embed import Embedder
    from ..corpus.index import build
    from ..pipeline import Checker
    from ..retrieve import HybridRetriever
    from ..verify.stance import CrossEncoderStance, has_own_model

    corpus = make_corpus(documents, seed)
    arts = make_articles(articles, seed + 1)
    use_stance = stance and has_own_model()
    embedder = Embedder()
    embedder.encode(["warm up the model"])
    stance_model = CrossEncoderStance() if use_stance else None
    if stance_model is not None:
        stance_model.score(["warm up"], ["the stance model"])
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-speed-") as tmp:
        tmp = Path(tmp)

        # --- index build
        with peak_rss() as rss:
            t = time.perf_counter()
            index = build(tmp / "index", [corpus], embedder)
            build_s = time.perf_counter() - t
        n_pass = index.info()["passages"]
        naive_docs = corpus[:naive_documents]
        with peak_rss() as rss_naive:
            t = time.perf_counter()
            naive_index = build(tmp / "naive-index", [naive_docs], NaiveEmbedder(embedder))
            naive_build_s = time.perf_counter() - t
        n_naive_pass = naive_index.info()["passages"]
        naive_index.close()
        fast, slow = n_pass / build_s, n_naive_pass / naive_build_s
        result["index_build"] = {"passages": n_pass, "passages_per_s": fast, "peak_rss_mb": rss["mb"],
                                 "naive": {"passages": n_naive_pass, "passages_per_s": slow, "peak_rss_mb": rss_naive["mb"]},
                                 "speedup": fast / slow}

        # --- report over the articles
        checker = Checker(index, stance=stance_model)
        checker.stance = stance_model  # None means none (the Checker would load the own model)
        checker.check("Warm-up: the central bank said inflation rose by 3 percent in 2024.")  # loads check-worthiness
        names = [f"article-{i:03d}" for i in range(len(arts))]
        (tmp / "batched").mkdir()
        embedder._cache.clear()
        with peak_rss() as rss:
            t = time.perf_counter()
            reports = checker.check_many(arts)
            _write_reports(tmp / "batched", reports, names)
            batched_s = time.perf_counter() - t
        n_claims = sum(len(r.checks) for r in reports)

        (tmp / "per-article").mkdir()
        embedder._cache.clear()
        with peak_rss() as rss_pa:
            t = time.perf_counter()
            reps = [checker.check(text, title=title) for title, text in arts]
            _write_reports(tmp / "per-article", reps, names)
            per_article_s = time.perf_counter() - t

        from ..extract import extract_claims

        naive_checker = Checker(index, stance=NaiveStance(stance_model) if stance_model else None,
                                retriever=HybridRetriever(index))
        naive_checker.stance = NaiveStance(stance_model) if stance_model else None
        naive_checker._cw = checker._cw
        naive_embedder = NaiveEmbedder(embedder)
        (tmp / "naive").mkdir()
        with peak_rss() as rss_nv:
            t = time.perf_counter()
            naive_claims = 0
            index.embedder = naive_embedder  # one model call per claim, nothing cached
            try:
                for (title, text), name in zip(arts[:naive_articles], names):
                    from ..types import Report

                    claims = extract_claims(text)
                    checks = [naive_checker.check_claims([c])[0] for c in claims]
                    naive_claims += len(claims)
                    _write_reports(tmp / "naive", [Report(title=title, text=text, checks=checks)], [name])
            finally:
                index.embedder = embedder
            naive_s = time.perf_counter() - t
        batched_rate, naive_rate = n_claims / batched_s, naive_claims / naive_s
        result["report"] = {
            "articles": len(arts), "claims": n_claims, "stance": use_stance,
            "batched": {"claims_per_s": batched_rate, "seconds": batched_s, "peak_rss_mb": rss["mb"]},
            "per_article": {"claims_per_s": n_claims / per_article_s, "seconds": per_article_s,
                            "peak_rss_mb": rss_pa["mb"]},
            "naive": {"articles": min(naive_articles, len(arts)), "claims": naive_claims, "claims_per_s": naive_rate,
                      "seconds": naive_s, "peak_rss_mb": rss_nv["mb"]},
            "speedup": batched_rate / naive_rate,
        }

        # --- retrieval latency per claim
        claims = [c.claim.text for r in reports for c in r.checks]
        retriever = HybridRetriever(index)
        embedder._cache.clear()
        batch_lat = []
        with peak_rss() as rss:
            for i in range(0, len(claims) - 31, 32):
                t = time.perf_counter()
                retriever.retrieve(claims[i:i + 32], k=5)
                batch_lat.extend([(time.perf_counter() - t) / 32] * 32)
        embedder._cache.clear()
        single = []
        with peak_rss() as rss_single:
            for c in claims[:200]:
                t = time.perf_counter()
                retriever.retrieve([c], k=5)
                single.append(time.perf_counter() - t)
        if not batch_lat:  # fewer than 32 claims: one batch of all
            t = time.perf_counter()
            embedder._cache.clear()
            retriever.retrieve(claims, k=5)
            batch_lat = [(time.perf_counter() - t) / max(1, len(claims))] * max(1, len(claims))
        b, s = _pct(batch_lat), _pct(single)
        result["retrieval"] = {"claims": len(claims), "batched": {**b, "batch": 32, "peak_rss_mb": rss["mb"]},
                               "single": {**s, "claims": len(single), "peak_rss_mb": rss_single["mb"]},
                               "speedup_p50": s["p50_ms"] / max(b["p50_ms"], 1e-9)}
        if use_stance:
            result["verification"] = _verification_rate(checker, reports)
            result["sample_article"] = _sample_article(tmp, embedder, stance_model)
        index.close()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return rounded({
        **result,
        "corpus": {"documents": documents, "passages": n_pass},
        "threads": {"torch": _torch_threads(), "cpus": os.cpu_count()},
        "date": _dt.date.today().isoformat(),
        "notes": {
            "data": f"generated: {documents} reference documents of 3-7 template sentences, {articles} articles of "
                    "12 sentences (attributions, figures, dates); seed " + str(seed),
            "naive": "one embedding model call per text and one stance call per (claim, passage) pair, no cache, "
                     "claims checked one at a time; run on a subset (naive_articles / naive_documents) and compared "
                     "as rates",
            "report": "batched = Checker.check_many over all articles + Markdown/JSON written per article; "
                      "per_article = Checker.check per article (what 'factcheck report' does)",
            "stance": "own stance model (default backend) in every report column" if use_stance
                      else "no stance model: retrieval only",
        },
    })


def _verification_rate(checker: Any, reports: list) -> dict[str, float]:
    """Pairs/s of the judge alone over the report's pairs, every text parsed afresh."""
    from .. import nlp as parse_module

    checks = [c for r in reports for c in r.checks if c.evidence]
    claims = checker.embedder.encode([c.claim.text for c in checks])
    sims = []
    for i, c in enumerate(checks):
        vectors = checker.embedder.encode([e.passage.text for e in c.evidence])
        sims.append([float(claims[i] @ v) for v in vectors])
    parse_module._cache.clear()
    pairs = sum(len(c.evidence) for c in checks)
    t = time.perf_counter()
    checker.judge.judge([c.claim.text for c in checks], [c.evidence for c in checks], sims)
    seconds = time.perf_counter() - t
    return {"pairs": pairs, "pairs_per_s": pairs / seconds, "seconds": seconds}


def _sample_article(tmp: Path, embedder: Any, stance_model: Any) -> dict[str, Any]:
    """The sample article checked warm against the sample corpus, with and without verification."""
    from ..corpus import build, find_sources, load_documents
    from ..pipeline import SAMPLE_CORPUS, Checker
    from ..verify.judge import ModelOnlyJudge
    from ..verify.verdict import VerdictRule

    article = (SAMPLE_CORPUS.parent / "articles" / "istanbul-embassy-talks.txt").read_text(encoding="utf-8")
    docs = [d for f in find_sources([SAMPLE_CORPUS]) for d in load_documents(f)]
    index = build(tmp / "sample-index", [docs], embedder)
    out: dict[str, Any] = {"article": "seeds/articles/istanbul-embassy-talks.txt"}
    for name, checker in (("verified", Checker(index, stance=stance_model)),
                          ("model_only", Checker(index, stance=stance_model, judge=ModelOnlyJudge(),
                                                 verdict_rule=VerdictRule.for_own_model()))):
        checker.check(article)  # warm: models, parses and vectors of this article's texts
        times = []
        for _ in range(3):
            t = time.perf_counter()
            report = checker.check(article)
            times.append(time.perf_counter() - t)
        out[name] = {"seconds_median": sorted(times)[1], "claims": len(report.checks)}
    out["ratio"] = out["verified"]["seconds_median"] / out["model_only"]["seconds_median"]
    index.close()
    return out


def _torch_threads() -> int | None:
    try:
        import torch
    except ImportError:  # pragma: no cover
        return None
    return torch.get_num_threads()
