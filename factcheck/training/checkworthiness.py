"""Training the check-worthiness classifier (``factcheck train-checkworthiness``).

A logistic regression over the sentence embeddings retrieval uses, fitted on ClaimBuster's
``two_class/train.json`` and reported on its ``test.json``; the weights are written as JSON beside
the scorer in ``factcheck/extract/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..extract.checkworthy import MODEL_PATH


def train(data_dir: Path, out: Path = MODEL_PATH, embedder=None) -> dict:
    """Fit on ClaimBuster ``two_class/train.json``; report on its ``test.json``; write JSON weights."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, roc_auc_score

    from ..corpus.embed import Embedder

    embedder = embedder or Embedder()
    rows = {split: json.loads((data_dir / "two_class" / f"{split}.json").read_text(encoding="utf-8"))
            for split in ("train", "test")}
    x = {s: embedder.encode([r["text"] for r in rows[s]], progress=True) for s in rows}
    y = {s: np.array([int(r["label"]) for r in rows[s]]) for s in rows}
    clf = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced", random_state=13)
    clf.fit(x["train"], y["train"])
    prob = clf.predict_proba(x["test"])[:, 1]
    metrics = {"validation": "ClaimBuster two_class/test.json (train/ folder)",
               "n_train": len(y["train"]), "n_validation": len(y["test"]),
               "f1": round(float(f1_score(y["test"], prob >= 0.5)), 4),
               "roc_auc": round(float(roc_auc_score(y["test"], prob)), 4)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"model": "logistic regression over all-MiniLM-L6-v2 sentence embeddings",
                               "data": "ClaimBuster two_class train.json", "metrics": metrics,
                               "intercept": float(clf.intercept_[0]),
                               "coef": [round(float(c), 6) for c in clf.coef_[0]]}) + "\n", encoding="utf-8")
    return metrics
