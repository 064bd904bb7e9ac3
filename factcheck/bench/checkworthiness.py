"""Check-worthiness benchmark: the project's scorer against Factcheck-Bench's human labels.

Data: Factcheck-Bench subtasks (``subtasks/`` of the data set):

- ``subtask1_sentence_checkworthiness.jsonl``: ``{"sentence", "checkworthy"}``, 311 sentences of the
  ChatGPT responses; check-worthy = "yes" (the others: "opinion", "not_a_claim", "other").
- ``subtask2_claim_checkworthiness.jsonl``: ``{"claim", "checkworthy"}``, the 678 atomic claims;
  check-worthy = "factual" (the others: "opinion", "not_a_claim").

Each item is scored the way the checker scores a claim: embedded with the default ``Embedder``,
wrapped as a ``Claim`` of kind "statement" (its own text as its sentence, since the items stand
alone) and scored by ``CheckworthinessModel.score``, rules included. Predicted check-worthy when the
score is >= ``THRESHOLD``. Reported per level: precision, recall and F1 of the check-worthy class,
accuracy and ROC-AUC of the score. Baseline ``majority``: every item gets the level's majority
label (ROC-AUC 0.5: one score for all). Items/s times embedding and scoring (the model is loaded
and warmed up first).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..text import InputError
from .common import majority_label, read_jsonl, rounded, stopwatch

THRESHOLD = 0.5
# level -> (file name, text field, the label that means check-worthy)
FILES = {
    "sentence": ("subtask1_sentence_checkworthiness.jsonl", "sentence", "yes"),
    "claim": ("subtask2_claim_checkworthiness.jsonl", "claim", "factual"),
}

Items = list[tuple[str, bool]]  # (text, check-worthy)


def _files(path: Path) -> dict[str, Path]:
    """The subtask files under ``path``: the data set's folder, its ``subtasks/`` folder, or one file."""
    if path.is_file():
        level = next((lv for lv, (name, _, _) in FILES.items() if path.name == name), None)
        if level is None:
            raise InputError(f"{path}: not a check-worthiness file (expected "
                             f"{' or '.join(name for name, _, _ in FILES.values())})")
        return {level: path}
    folder = path / "subtasks" if (path / "subtasks").is_dir() else path
    found = {lv: folder / name for lv, (name, _, _) in FILES.items() if (folder / name).is_file()}
    if not found:
        raise InputError(f"{folder}: no {' or '.join(name for name, _, _ in FILES.values())} "
                         "(pass the factcheck-bench folder, its subtasks/ folder or one of these files)")
    return found


def load(path: Path) -> dict[str, Items]:
    """``{level: [(text, check-worthy)]}`` for each subtask file found, in file order."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    out = {}
    for level, file in _files(path).items():
        _, field, positive = FILES[level]
        items = []
        for n, row in enumerate(read_jsonl(file), 1):
            text, label = str(row.get(field) or "").strip(), row.get("checkworthy")
            if not text or not isinstance(label, str):
                raise InputError(f"{file}: row {n} lacks {field!r} or 'checkworthy'")
            items.append((text, label.strip().lower() == positive))
        if not items:
            raise InputError(f"{file}: no rows")
        out[level] = items
    return out


def roc_auc(gold: Sequence[bool], scores: Sequence[float]) -> float | None:
    """Area under the ROC curve (ties count half); None when gold has only one class."""
    if len(set(gold)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([int(g) for g in gold], list(scores)))


def binary_metrics(gold: Sequence[bool], scores: Sequence[float], threshold: float = THRESHOLD) -> dict[str, Any]:
    """Precision, recall and F1 of the positive class at ``score >= threshold``, accuracy, ROC-AUC."""
    if len(gold) != len(scores):
        raise ValueError(f"{len(gold)} gold labels but {len(scores)} scores")
    pred = [s >= threshold for s in scores]
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
            "roc_auc": roc_auc(gold, scores), "predicted_checkworthy": sum(pred)}


def score_texts(texts: list[str], embedder: Any = None, model: Any = None) -> list[float]:
    """The checker's check-worthiness of each text, taken as a standalone statement."""
    from ..corpus.embed import Embedder
    from ..extract.checkworthy import CheckworthinessModel
    from ..types import Claim

    embedder = embedder or Embedder()
    model = model or CheckworthinessModel.load()
    claims = [Claim(id=f"c{i}", text=t, sentence=t, start=0, end=len(t), kind="statement")
              for i, t in enumerate(texts)]
    model.score(claims, embedder.encode(texts))
    return [c.checkworthiness for c in claims]


def run(dataset: str, data: Path, limit: int | None = None, embedder: Any = None) -> dict[str, Any]:
    if dataset != "factcheck-bench":
        raise InputError(f"unknown dataset {dataset!r}; use factcheck-bench")
    levels = {lv: items[:limit] for lv, items in load(data).items()}

    from ..corpus.embed import Embedder  # after the data is read: a bad path fails fast
    from ..extract.checkworthy import CheckworthinessModel

    embedder = embedder or Embedder()
    model = CheckworthinessModel.load()
    score_texts(["The talks lasted six hours."], embedder, model)  # load the model before timing
    out: dict[str, Any] = {"dataset": dataset, "threshold": THRESHOLD}
    for level, items in levels.items():
        texts, gold = [t for t, _ in items], [g for _, g in items]
        majority = majority_label(["yes" if g else "no" for g in gold], ["yes", "no"]) == "yes"
        with stopwatch() as sw:
            scores = score_texts(texts, embedder, model)
        own = binary_metrics(gold, scores)
        own["items_per_s"] = sw.rate(len(texts))
        out[level] = {
            "items": len(items), "checkworthy": sum(gold), "not_checkworthy": len(gold) - sum(gold),
            "systems": {"majority": rounded(binary_metrics(gold, [float(majority)] * len(gold))),
                        "factcheck": rounded(own)},
        }
    out.update({
        "data": str(data),
        "date": _dt.date.today().isoformat(),
        "notes": {
            "positive": "check-worthy = 'yes' (sentences) / 'factual' (claims); opinion, not_a_claim and "
                        "other are not check-worthy",
            "factcheck": "CheckworthinessModel.score over the default Embedder's vectors, each item a "
                         f"statement Claim with itself as its sentence; check-worthy at score >= {THRESHOLD}",
            "majority": "every item gets the majority label; ROC-AUC 0.5 (one score for all)",
        },
    })
    return out
