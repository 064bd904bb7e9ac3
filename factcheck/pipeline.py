"""The flow end to end: article text -> claims -> evidence -> (stance, verdict) -> Report.

``Checker(index).check(text)`` is the Python API. Batches are formed across claims and across
articles: one embedding call and one retrieval call for all claims of all articles given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .corpus import Embedder, Index, build, find_sources, load_documents
from .corpus.store import Store, is_postgres_url, open_store
from .extract import UNCHECKABLE, CheckworthinessModel, ClaimExtractor, RuleExtractor
from .llm import LLMError
from .retrieve import HybridRetriever, Retriever
from .text import InputError, paragraphs
from .types import Claim, ClaimCheck, Report
from .verify import CrossEncoderStance, StanceModel, VerdictPolicy, has_own_model, probs_dict
from .verify.judge import Judge, PairJudge
from .verify.verdict import RelevantVerdict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "seeds" / "reference"


def default_index_path() -> Path:
    """``$FACTCHECK_INDEX`` if set, else ``index/default`` in the project folder."""
    return Path(os.environ.get("FACTCHECK_INDEX") or ROOT / "index" / "default")


def default_store() -> str:
    """``$FACTCHECK_STORE`` (a PostgreSQL URL or an index folder) if set, else :func:`default_index_path`."""
    return os.environ.get("FACTCHECK_STORE") or str(default_index_path())


@dataclass
class Checker:
    """Checks articles against an index.

    Args:
        index: an open store: an :class:`Index` folder or a :class:`~factcheck.corpus.postgres.PostgresStore`.
        k: evidence passages kept per claim.
        min_checkworthiness: claims scoring below this get no evidence search (they are still
            listed, so nothing the article says is hidden from the reviewer).
        retriever, stance, judge, verdict_rule, extractor: the stages' seams; by default the
            hybrid retriever over ``index``, the own stance model (when shipped), the verification
            judge (relevance, alignment, agreement), the verdict from relevant passages, and the
            rule-based extractor. :func:`with_llm` swaps in the LLM extractor and judge.

    When an LLM extractor or judge fails (no answer, malformed output), the offline result is used
    and the reason is kept in ``llm_problems`` and in the report's notes.
    """

    index: Store
    k: int = 5
    min_checkworthiness: float = 0.0
    retriever: Retriever | None = None
    stance: StanceModel | None = None
    verdict_rule: VerdictPolicy | None = None
    extractor: ClaimExtractor = field(default_factory=RuleExtractor)
    judge: PairJudge | None = None
    _cw: CheckworthinessModel | None = field(default=None, repr=False)
    llm_problems: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.k < 1:
            raise ValueError("k must be at least 1")
        self.retriever = self.retriever or HybridRetriever(self.index)
        if self.stance is None and has_own_model():
            self.stance = CrossEncoderStance()
        self.judge = self.judge or Judge()
        self.verdict_rule = self.verdict_rule or RelevantVerdict()

    @property
    def embedder(self) -> Embedder:
        return self.index.embedder

    @property
    def stance_description(self) -> str:
        """Which model judges stance, for people: the own model and its backend, another, or none."""
        if self.stance is None:
            return "none (relevance only)"
        if getattr(self.stance, "own", False):
            return f"own cross-encoder ({getattr(self.stance, 'backend', '')})"
        return str(getattr(self.stance, "name", self.stance))

    def check(self, text: str, title: str = "", date: dt.date | None = None) -> Report:
        """Check one article; ``date`` (when known) resolves its "Thursday" and "last week",
        overriding the article's own date line."""
        return self.check_many([(title, text)], date)[0]

    def check_many(self, articles: list[tuple[str, str]], date: dt.date | None = None) -> list[Report]:
        """Check several (title, text) articles with one batched model pass over all claims."""
        extractions = []
        self.llm_problems = []
        for title, text in articles:
            if not text or not text.strip():
                raise InputError(f"{title or 'article'}: the article is empty")
            extraction = self._extract(text, date)
            for c in extraction.claims:  # a claim that names no time is of its article's day or earlier
                c.date = extraction.date.isoformat() if extraction.date else ""
                c.context = text  # and a claim that names no one is about its article's cast
            extractions.append(extraction)
        per_article = [x.claims for x in extractions]
        checks = iter(self.check_claims([c for cs in per_article for c in cs]))
        info = self.index.info()
        index_info = {"path": info["path"], "documents": info["documents"], "passages": info["passages"],
                      "embedding_model": info["embedding_model"]}
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return [Report(title=title, text=text, checks=[next(checks) for _ in x.claims], index=index_info,
                       created=created, notes=list(self.llm_problems) + (
                           [] if x.claims else ["No checkable claims were found in this article."]),
                       dropped=[d.to_dict() for d in x.dropped], date=x.date.isoformat() if x.date else "")
                for (title, text), x in zip(articles, extractions)]

    def _extract(self, text: str, date: dt.date | None):
        try:
            return self.extractor.extract(text, date)
        except LLMError as e:
            self.llm_problems.append(f"{e}; the rule-based claims are shown instead.")
            return RuleExtractor().extract(text, date)

    def check_claims(self, claims: list[Claim]) -> list[ClaimCheck]:
        """Score, retrieve evidence for, and judge claims, in one batch (also for edited claims).

        Sets ``checkworthiness`` on each claim; claims under ``min_checkworthiness`` get no evidence.
        Opinions, predictions and quotes get their evidence but no verdict: the reason says why.
        """
        if self._cw is None:
            self._cw = CheckworthinessModel.load()
        vectors = self.embedder.encode([c.text for c in claims])  # for check-worthiness and relevance
        self._cw.score(claims, vectors, self.embedder.encode([c.sentence or c.text for c in claims]))
        searched = [c for c in claims if c.checkworthiness >= self.min_checkworthiness]
        found = self.retriever.retrieve([c.text for c in searched], self.k)
        evidence = {id(c): ev for c, ev in zip(searched, found)}
        checks = [ClaimCheck(claim=c, evidence=evidence.get(id(c), [])) for c in claims]
        judged = [i for i, c in enumerate(checks) if c.claim.kind not in UNCHECKABLE]
        if self.stance is not None and judged:
            self._judge([checks[i] for i in judged], vectors[judged])
        for c in checks:
            if c.claim.kind in UNCHECKABLE:
                c.reason = f"{UNCHECKABLE[c.claim.kind]}; it is listed, never supported or refuted."
        _fold_attributions(checks)
        return checks

    def _judge(self, checks: list[ClaimCheck], claims) -> None:
        """Stance for every (claim, passage) pair in one batched call, then relevance, alignment and
        agreement per pair (one parse per distinct text), then a verdict per claim. ``claims`` are
        the claims' embeddings, row by row."""
        pairs = [(c, e) for c in checks for e in c.evidence]
        probs = self.stance.score([c.claim.text for c, _ in pairs], [e.passage.text for _, e in pairs])
        for (_, e), row in zip(pairs, probs):
            e.probs = probs_dict(row)
        passages = self.embedder.encode([e.passage.text for _, e in pairs])
        sims, n = [], 0
        for i, c in enumerate(checks):
            sims.append([float(claims[i] @ passages[n + j]) for j in range(len(c.evidence))])
            n += len(c.evidence)
        try:
            self.judge.judge([c.claim.text for c in checks], [c.evidence for c in checks], sims,
                             [c.claim.date for c in checks], [c.claim.context for c in checks],
                             _paragraphs([c.claim for c in checks]), [c.claim.speaker or "" for c in checks])
        except LLMError as e:  # the LLM judge leaves the offline judgement in place when it fails
            self.llm_problems.append(f"{e}; the offline verification is shown instead.")
        for c in checks:
            c.verdict, c.confidence, c.reason = self.verdict_rule(c.evidence)


def _paragraphs(claims: list[Claim]) -> list[str]:
    """The paragraph of its article each claim comes from ("" when not known); each article is split once."""
    split = {text: paragraphs(text) for text in {c.context for c in claims}}
    return [next((p.text for p in split[c.context] if p.start <= c.start < p.end), "") for c in claims]


def with_llm(checker: Checker, model) -> Checker:
    """The checker with claims decomposed and passages judged by a LangChain chat model
    (:func:`factcheck.llm.chat_model`); the offline parts stay as the fallback."""
    from .extract.llm import LLMExtractor
    from .verify.llm import LLMJudge

    offline_judge = checker.judge
    while isinstance(offline_judge, LLMJudge):
        offline_judge = offline_judge.offline
    return dataclasses.replace(checker, extractor=LLMExtractor(model), judge=LLMJudge(model, offline=offline_judge),
                               llm_problems=[])


def _fold_attributions(checks: list[ClaimCheck]) -> None:
    """"The official said X" stands or falls with X: an attribution takes the verdict of the
    statement made from its sentence (its own evidence is kept), so one fact gets one verdict."""
    for c in checks:
        if c.claim.kind != "attribution" or c.verdict is None:
            continue
        said = next((s for s in checks if s.claim.kind == "statement" and s.claim.speaker and
                     (s.claim.start, s.claim.end) == (c.claim.start, c.claim.end) and s.verdict), None)
        if said is not None:
            c.verdict, c.confidence = said.verdict, said.confidence
            c.reason = f"As what was said ({said.claim.id}): {said.reason}"


def open_or_build_sample(path: Path | str, embedder: Embedder | None = None) -> Store:
    """Open the index at ``path``, building it from the bundled sample corpus if a folder is missing.

    A PostgreSQL URL is only opened: the sample never goes onto a server unasked.
    """
    if is_postgres_url(path):
        return open_store(str(path), embedder=embedder)
    if not Path(path).exists():
        docs = [d for f in find_sources([SAMPLE_CORPUS]) for d in load_documents(f)]
        return build(Path(path), [docs], embedder)
    return Index.open(Path(path), embedder=embedder)
