"""Training the check-worthiness classifier (``factcheck train-checkworthiness``).

A logistic regression over the sentence embeddings retrieval uses, so the scorer stays one dot
product per claim. ClaimBuster alone (debate sentences) under-rates short factual statements such
as "Ukraine will not be on the agenda"; adding the CLEF CheckThat! debates (2019 task 1, 2020
task 5) and tweets (2020 task 1) gives the classifier more ways a checkable fact is phrased.

Each source gets a fixed share of the total weight and within a source both classes weigh the
same, so the large, 2%-positive debate sets neither swamp ClaimBuster nor pull every score down,
and 0.5 is where a sentence is as likely check-worthy as not under a balanced prior (no
calibration to a base rate: news, debates and tweets differ too much in theirs). Which sources,
shares and regularisation to ship is chosen by held-out sets carved from ``train/`` only
(ClaimBuster ``test.json``, CT19 test, CLEF 2020 task 5 test, CLEF 2020 task 1 dev + test); every
held-out sentence is removed from the training sets first. The weights are written as JSON beside
the scorer in ``factcheck/extract/``.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..extract.checkworthy import MODEL_PATH, CheckworthinessModel


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int  # 1 = check-worthy


Loader = Callable[[Path], list[Sentence]]


def load_claimbuster(path: Path) -> list[Sentence]:
    """ClaimBuster ``two_class/*.json``: a list of {"text", "label"}."""
    return [Sentence(r["text"], int(r["label"])) for r in json.loads(path.read_text(encoding="utf-8"))]


def _rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def load_ct19(path: Path) -> list[Sentence]:
    """CLEF 2019 task 1 CSV: line_number, speaker, text, label, file_name."""
    return [Sentence(r["text"], int(r["label"])) for r in _rows(path, ",")]


def load_clef20_tweets(path: Path) -> list[Sentence]:
    """CLEF 2020 task 1 TSV; the label column is ``check_worthiness`` (``claim_worthiness`` in the test file)."""
    rows = _rows(path, "\t")
    column = "check_worthiness" if rows and "check_worthiness" in rows[0] else "claim_worthiness"
    return [Sentence(r["tweet_text"], int(r[column])) for r in rows]


def load_clef20_debates(path: Path) -> list[Sentence]:
    """CLEF 2020 task 5 TSV (debate and speech sentences): text, label."""
    return [Sentence(r["text"], int(r["label"])) for r in _rows(path, "\t")]


# Paths below the data folder. clef20/task5 is CheckThat! 2020's debate task (copied from
# claimbuster-spotter, see SOURCES.tsv), not Factcheck-Bench.
TRAIN_FILES: dict[str, list[tuple[str, Loader]]] = {
    "claimbuster": [("two_class/train.json", load_claimbuster)],
    "debates": [("clef19/CT19-T1-Training.csv", load_ct19), ("clef20/task5/train.tsv", load_clef20_debates)],
    "tweets": [("clef20/task1/training_v2.tsv", load_clef20_tweets)],
}
HELD_OUT_FILES: dict[str, list[tuple[str, Loader]]] = {
    "claimbuster": [("two_class/test.json", load_claimbuster)],
    "ct19": [("clef19/CT19-T1-Test.csv", load_ct19)],
    "clef20_debates": [("clef20/task5/test-gold.tsv", load_clef20_debates)],
    "tweets": [("clef20/task1/dev_v2.tsv", load_clef20_tweets), ("clef20/task1/test-gold.tsv", load_clef20_tweets)],
}
# Candidates: the training sources with the weight of each (relative to ClaimBuster's), and the
# inverse regularisation strength C. Tweets at full weight help the tweet held-out set but cost
# ClaimBuster's, hence a quarter-weight variant.
COMBINATIONS: tuple[dict[str, float], ...] = (
    {"claimbuster": 1.0}, {"claimbuster": 1.0, "tweets": 1.0}, {"claimbuster": 1.0, "debates": 1.0},
    {"claimbuster": 1.0, "debates": 1.0, "tweets": 1.0}, {"claimbuster": 1.0, "debates": 1.0, "tweets": 0.25})
CS = (1.0, 3.0, 10.0)
# Per training set: the debate sets are 98% negatives; keeping all 39k instead of 8k moved the mean
# held-out ROC-AUC by 0.001 and doubles the embedding time. Held-out sets are never cut.
MAX_NEGATIVES = 8000


def missing_files(data_dir: Path) -> list[str]:
    """The expected files absent below ``data_dir``, so the command fails before any embedding."""
    return [rel for files in (TRAIN_FILES, HELD_OUT_FILES) for parts in files.values() for rel, _ in parts
            if not (data_dir / rel).is_file()]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _dedupe(sentences: list[Sentence]) -> list[Sentence]:
    """One row per text; a text labelled both ways counts as check-worthy."""
    by_key: dict[str, Sentence] = {}
    for s in sentences:
        k = _key(s.text)
        if k and (k not in by_key or s.label > by_key[k].label):
            by_key[k] = s
    return list(by_key.values())


def _cap_negatives(sentences: list[Sentence], limit: int, seed: int) -> tuple[list[Sentence], int]:
    """Keep every positive and at most ``limit`` negatives (a seeded sample); also return how many were dropped."""
    pos = [s for s in sentences if s.label]
    neg = [s for s in sentences if not s.label]
    if len(neg) <= limit:
        return sentences, 0
    return pos + random.Random(seed).sample(neg, limit), len(neg) - limit


def load_sets(data_dir: Path, max_negatives: int = MAX_NEGATIVES,
              seed: int = 13) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]], dict[str, int]]:
    """Training and held-out sets, deduplicated, held-out texts removed from training, training negatives capped.

    Returns (train, held_out, negatives dropped per training set)."""
    def read(files: dict[str, list[tuple[str, Loader]]]) -> dict[str, list[Sentence]]:
        return {name: _dedupe([s for rel, load in parts for s in load(data_dir / rel)]) for name, parts in files.items()}

    held, train = read(HELD_OUT_FILES), read(TRAIN_FILES)
    seen = {_key(s.text) for rows in held.values() for s in rows}
    train = {name: [s for s in rows if _key(s.text) not in seen] for name, rows in train.items()}
    dropped: dict[str, int] = {}
    for name in train:
        train[name], dropped[name] = _cap_negatives(train[name], max_negatives, seed)
    return train, held, dropped


def sample_weights(sources: list[np.ndarray], source_weights: list[float] | None = None) -> np.ndarray:
    """Per-row weights: each source sums to its weight (default 1), half of it on each class; mean 1."""
    parts = []
    for y, total in zip(sources, source_weights or [1.0] * len(sources)):
        w = np.zeros(len(y))
        for c in (0, 1):
            n = int((y == c).sum())
            w[y == c] = 0.5 * total / n if n else 0.0
        parts.append(w)
    w = np.concatenate(parts)
    return w * len(w) / w.sum()


def _metrics(model: CheckworthinessModel, x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import f1_score, roc_auc_score

    p = model.probability(x)
    best = max((float(f1_score(y, p >= t)), t) for t in np.arange(0.05, 0.96, 0.05))
    return {"n": len(y), "positives": int(y.sum()), "f1": round(float(f1_score(y, p >= 0.5)), 4),
            "roc_auc": round(float(roc_auc_score(y, p)), 4),
            "best_f1": round(best[0], 4), "best_threshold": round(float(best[1]), 2)}


def fit(xs: list[np.ndarray], ys: list[np.ndarray], c: float,
        source_weights: list[float] | None = None) -> CheckworthinessModel:
    """Logistic regression over the stacked sources, classes balanced within each source."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000, random_state=13)
    clf.fit(np.concatenate(xs), np.concatenate(ys), sample_weight=sample_weights(ys, source_weights))
    return CheckworthinessModel(coef=clf.coef_[0].astype(np.float32), intercept=float(clf.intercept_[0]))


def train(data_dir: Path, out: Path = MODEL_PATH, embedder: Any = None,
          max_negatives: int = MAX_NEGATIVES) -> dict:
    """Pick sources and C by mean held-out ROC-AUC; write the chosen model's JSON weights to ``out``.

    The metrics also score the model being replaced (when ``out`` exists) on the same held-out sets."""
    from ..corpus.embed import Embedder

    embedder = embedder or Embedder()
    train_sets, held, dropped = load_sets(data_dir, max_negatives)

    def encode(rows: list[Sentence]) -> tuple[np.ndarray, np.ndarray]:
        return embedder.encode([s.text for s in rows]), np.array([s.label for s in rows])

    texts = sum(len(r) for r in (*train_sets.values(), *held.values()))
    print(f"embedding {texts} sentences", file=sys.stderr)
    tr = {name: encode(rows) for name, rows in train_sets.items()}
    ho = {name: encode(rows) for name, rows in held.items()}

    def evaluate(model: CheckworthinessModel) -> dict[str, dict[str, float]]:
        return {name: _metrics(model, x, y) for name, (x, y) in ho.items()}

    replaced = evaluate(CheckworthinessModel.load(out)) if out.exists() else None
    candidates = []
    for combo in COMBINATIONS:
        for c in CS:
            model = fit([tr[s][0] for s in combo], [tr[s][1] for s in combo], c, list(combo.values()))
            scores = evaluate(model)
            mean_auc = float(np.mean([m["roc_auc"] for m in scores.values()]))
            candidates.append((mean_auc, combo, c, model, scores))
            print(f"{combo} C={c}: mean held-out ROC-AUC {mean_auc:.4f}", file=sys.stderr)
    mean_auc, combo, c, model, scores = max(candidates, key=lambda t: t[0])
    metrics = {
        "selection": "highest mean ROC-AUC over the held-out sets (all carved from train/)",
        "held_out_files": {n: [rel for rel, _ in parts] for n, parts in HELD_OUT_FILES.items()},
        "n_train": {s: len(tr[s][1]) for s in combo}, "negatives_dropped": dropped,
        "chosen": {"sources": combo, "C": c, "mean_roc_auc": round(mean_auc, 4)},
        "held_out": scores, "replaced_model": replaced,
        "candidates": [{"sources": k, "C": cc, "mean_roc_auc": round(a, 4)} for a, k, cc, _, _ in candidates],
    }
    files = [rel for s in combo for rel, _ in TRAIN_FILES[s]]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "model": "logistic regression over all-MiniLM-L6-v2 sentence embeddings; classes balanced within each source",
        "data": ", ".join(files) + " (held-out sentences removed)", "metrics": metrics,
        "intercept": model.intercept, "coef": [round(float(v), 6) for v in model.coef]}) + "\n", encoding="utf-8")
    return metrics
