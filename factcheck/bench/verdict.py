"""Claim-level verdict benchmark: whole claims checked end to end against the data set's claim labels.

The data set's pooled corpus is indexed in a temporary folder with :func:`factcheck.corpus.build`
(one :class:`~factcheck.corpus.Embedder`, as the product builds any index), and every claim is
checked by a real :class:`~factcheck.pipeline.Checker` (``k = 5``) in batches. Three systems are
scored side by side on the same claims in the same process:

- ``majority``: always the most frequent gold label (a reference point that reads the gold
  labels, not a system);
- ``best-pair``: the old rule, the stance model's argmax on the evidence passage with the highest
  retrieval score (support -> supported, refute -> refuted, neutral -> not_enough_evidence), read
  off the same ``ClaimCheck.evidence`` the checker returned (no extra model call);
- ``factcheck``: the checker's own ``ClaimCheck.verdict``.

Gold labels (``GOLD`` says the mapping of each data set): supported, refuted,
not_enough_evidence, and conflicting (Climate-FEVER's DISPUTED; SciFact claims whose evidence
abstracts disagree), which is one of the product's verdicts too. Nothing here fits anything to
the data.
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import InputError
from .common import accuracy, confusion, f1_per_class, label_counts, macro_f1, majority_label, present_classes, \
    rounded, stopwatch
from .common import read_jsonl as _read_jsonl
from .stance import _file_in, _folder

SUPPORTED, REFUTED, CONFLICTING, NEE = "supported", "refuted", "conflicting", "not_enough_evidence"
CLASSES = (SUPPORTED, REFUTED, NEE, CONFLICTING)  # order of label counts and confusion rows/columns
STANCE_TO_VERDICT = {"support": SUPPORTED, "refute": REFUTED, "neutral": NEE}
K = 5  # evidence passages per claim, the checker's default
BATCH = 64  # claims per check_claims call (progress is reported after each)
INDEX_BATCH = 1000  # documents per indexing step (progress only; the index is the same)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class VerdictSet:
    """A data set's pooled corpus and its claims with gold claim-level labels."""

    name: str
    docs: list  # factcheck.corpus.Document
    claims: list[tuple[str, str, str]] = field(default_factory=list)  # (claim id, claim text, gold label)
    notes: str = ""


# --------------------------------------------------------------------------- loaders

CLIMATE_FEVER_GOLD = {"SUPPORTS": SUPPORTED, "REFUTES": REFUTED, "NOT_ENOUGH_INFO": NEE, "DISPUTED": CONFLICTING}


def load_climate_fever(path: Path) -> VerdictSet:
    """Every claim with its claim_label; corpus = every evidence sentence of every claim in the file,
    one document each (id = evidence_id, title = its article), deduplicated by evidence_id."""
    from ..corpus import Document

    docs: dict[str, Document] = {}
    claims = []
    for r in _read_jsonl(_file_in(path, "climate-fever.jsonl")):
        for e in r.get("evidences", []):
            text = (e.get("evidence") or "").strip()
            if e.get("evidence_id") and text:
                docs.setdefault(e["evidence_id"], Document(doc_id=e["evidence_id"], text=text,
                                                           title=(e.get("article") or "").strip()))
        claim = (r.get("claim") or "").strip()
        if claim and r.get("claim_label") in CLIMATE_FEVER_GOLD:
            claims.append((str(r.get("claim_id", len(claims))), claim, CLIMATE_FEVER_GOLD[r["claim_label"]]))
    return VerdictSet("climate-fever", list(docs.values()), claims,
                      "corpus = every evidence sentence of every claim in the file, one document each (title = "
                      "its article), deduplicated by evidence_id; gold = claim_label")


SCIFACT_EVIDENCE = {"SUPPORT": SUPPORTED, "CONTRADICT": REFUTED, "REFUTE": REFUTED}


def scifact_gold(evidence: dict) -> str | None:
    """All evidence sets SUPPORT -> supported, all CONTRADICT (REFUTE) -> refuted, none ->
    not_enough_evidence, both -> conflicting; None for a label this mapping does not know."""
    labels = {s.get("label") for sets in (evidence or {}).values() for s in sets}
    if not labels:
        return NEE
    if not labels <= SCIFACT_EVIDENCE.keys():
        return None
    verdicts = {SCIFACT_EVIDENCE[label] for label in labels}
    return verdicts.pop() if len(verdicts) == 1 else CONFLICTING


def load_scifact(path: Path) -> VerdictSet:
    """claims_dev.jsonl (claims_test has no labels) against every abstract of corpus.jsonl, one
    document each (title + abstract text, as ``bench retrieval`` indexes them)."""
    from ..corpus import Document
    from .retrieval import load_scifact as load_scifact_corpus

    folder = _folder(path, "claims_dev.jsonl", "corpus.jsonl")
    rs = load_scifact_corpus(folder, "dev")
    docs = [Document(doc_id=doc_id, text=rs.doc_text(i), title=title) for i, (doc_id, title, _) in enumerate(rs.docs)]
    claims = []
    for r in _read_jsonl(folder / "claims_dev.jsonl"):
        claim, gold = (r.get("claim") or "").strip(), scifact_gold(r.get("evidence"))
        if claim and gold:
            claims.append((str(r.get("id", len(claims))), claim, gold))
    return VerdictSet("scifact", docs, claims,
                      "claims_dev.jsonl against every abstract of corpus.jsonl (title + abstract, one document "
                      "each); gold: evidence sets all SUPPORT -> supported, all CONTRADICT/REFUTE -> refuted, "
                      "none -> not_enough_evidence, both -> conflicting")


DATASETS: dict[str, Callable[[Path], VerdictSet]] = {"climate-fever": load_climate_fever, "scifact": load_scifact}

GOLD = {
    "climate-fever": "claim_label SUPPORTS -> supported, REFUTES -> refuted, NOT_ENOUGH_INFO -> not_enough_evidence, "
                     "DISPUTED -> conflicting (the product's label set has conflicting too; best-pair can never "
                     "predict it)",
    "scifact": "per claim over all its evidence abstracts' rationale sets: all SUPPORT -> supported, all "
               "CONTRADICT/REFUTE -> refuted, no evidence -> not_enough_evidence, both -> conflicting",
}


def load(dataset: str, data: Path, limit: int | None = None) -> VerdictSet:
    """The data set (the first ``limit`` claims when given; the corpus is always the full pool)."""
    if dataset not in DATASETS:
        raise InputError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    if not data.exists():
        raise InputError(f"{data}: no such file or folder")
    vs = DATASETS[dataset](data)
    if limit is not None:
        vs.claims = vs.claims[:limit]
    if not vs.claims or not vs.docs:
        raise InputError(f"{data}: no labelled claims with a corpus found for {dataset}")
    return vs


# --------------------------------------------------------------------------- systems and metrics

def best_pair_label(check) -> str:
    """The stance argmax on the passage with the highest retrieval score (the first of equal ones),
    as a verdict; not_enough_evidence without evidence or without stance probabilities."""
    import numpy as np

    from ..verify import LABELS, label_of

    if not check.evidence:
        return NEE
    top = max(check.evidence, key=lambda e: e.score)
    if not top.probs:
        return NEE
    return STANCE_TO_VERDICT[label_of(np.array([top.probs[label] for label in LABELS]))]


def _precision_recall(gold: list[str], pred: list[str], label: str) -> dict[str, Any]:
    """Precision and recall of one label; None where nothing was predicted (or nothing is gold)."""
    tp = sum(g == label and p == label for g, p in zip(gold, pred))
    predicted, actual = pred.count(label), gold.count(label)
    return {"precision": tp / predicted if predicted else None, "recall": tp / actual if actual else None,
            "predicted": predicted, "gold": actual}


def scores(gold: list[str], pred: list[str], seconds: float) -> dict[str, Any]:
    """Macro-F1 (over gold classes present), accuracy, per-class F1, precision/recall of supported
    and refuted, the confusion matrix (rows gold, columns predicted) and claims/s."""
    return {"macro_f1": macro_f1(gold, pred, CLASSES), "accuracy": accuracy(gold, pred),
            "f1_per_class": f1_per_class(gold, pred, present_classes(gold, CLASSES)),
            SUPPORTED: _precision_recall(gold, pred, SUPPORTED), REFUTED: _precision_recall(gold, pred, REFUTED),
            "predicted": label_counts(pred, CLASSES), "confusion": confusion(gold, pred, CLASSES),
            "claims_per_s": len(gold) / max(seconds, 1e-9)}


def _docs_in_batches(docs: list, progress: Progress | None):
    for i in range(0, len(docs), INDEX_BATCH):
        if progress:
            progress("index", i, len(docs))
        yield docs[i:i + INDEX_BATCH]
    if progress:
        progress("index", len(docs), len(docs))


# --------------------------------------------------------------------------- the bench

def run(dataset: str, data: Path, limit: int | None = None, progress: Progress | None = None,
        embedder=None, batch_size: int = BATCH) -> dict[str, Any]:
    """Index the data set's corpus, check every claim, score the three systems; the JSON-ready result."""
    from ..corpus import Embedder, build
    from ..pipeline import Checker
    from ..types import Claim

    with stopwatch() as total:
        vs = load(dataset, data, limit)
        gold = [g for _, _, g in vs.claims]
        claims = [Claim(id=cid, text=text, sentence=text, start=0, end=len(text)) for cid, text, _ in vs.claims]
        with tempfile.TemporaryDirectory(prefix="factcheck-bench-verdict-") as tmp:
            with stopwatch() as index_sw:
                index = build(Path(tmp) / "index", _docs_in_batches(vs.docs, progress), embedder or Embedder())
            try:
                info = index.info()
                checker = Checker(index, k=K)
                warm = "Warm-up claim for loading the models."
                checker.check_claims([Claim(id="warm-up", text=warm, sentence=warm, start=0, end=len(warm))])
                checks = []
                with stopwatch() as check_sw:
                    for i in range(0, len(claims), batch_size):
                        checks.extend(checker.check_claims(claims[i:i + batch_size]))
                        if progress:
                            progress("check", len(checks), len(claims))
                stance = getattr(checker, "stance_description", None)
            finally:
                index.close()

        with stopwatch() as sw:
            top = majority_label(gold, CLASSES)
            pred_majority = [top for _ in gold]
        majority = {**scores(gold, pred_majority, sw.seconds), "label": top}
        best_pair = scores(gold, [best_pair_label(c) for c in checks], check_sw.seconds)
        factcheck = {**scores(gold, [c.verdict or NEE for c in checks], check_sw.seconds), "k": K, "stance": stance,
                     "no_verdict": sum(c.verdict is None for c in checks)}

    return {
        "dataset": dataset,
        "data": str(data),
        "claims": len(claims),
        "label_counts": label_counts(gold, CLASSES),
        "corpus": {"documents": info.get("documents"), "passages": info.get("passages")},
        "systems": {"majority": rounded(majority), "best-pair": rounded(best_pair), "factcheck": rounded(factcheck)},
        "index_s": round(index_sw.seconds, 2),
        "check_s": round(check_sw.seconds, 2),
        "seconds": round(total.seconds, 2),
        "date": _dt.date.today().isoformat(),
        "notes": {
            "data": vs.notes + (f"; first {limit} claims only (--limit), the corpus still pooled from the whole "
                                "file so retrieval is as hard as on the full set" if limit is not None else ""),
            "gold": GOLD[dataset],
            "majority": f"always {top!r}, the most frequent gold label of these claims: a reference point that "
                        "reads the gold labels, not a system",
            "best-pair": "the old rule: stance argmax on the passage with the highest retrieval score (support -> "
                         "supported, refute -> refuted, neutral -> not_enough_evidence), read off the checker's "
                         "own evidence (no extra model call)",
            "factcheck": f"Checker(index, k={K}).check_claims in batches of {batch_size}: ClaimCheck.verdict",
            "metrics": "macro_f1 = unweighted mean F1 over the gold classes present; precision/recall None where "
                       "nothing was predicted (or nothing is gold), with the counts; confusion rows = gold, "
                       "columns = predicted; claims_per_s of best-pair and factcheck = claims over check_s (the "
                       "one checker run both read: retrieval, stance and verdict, models loaded and warmed "
                       "first); index_s = building the index; seconds = the whole run",
        },
    }
