"""Check-worthiness: how much a sentence states a checkable fact, from 0 to 1.

A logistic regression over the same sentence embeddings retrieval uses (so scoring costs one
dot product per claim), trained on ClaimBuster's labelled debate sentences. Its weights are a
small JSON file in the package. Rules on top push down what the classifier cannot see well:
questions, first-person opinion and bare attribution.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .types import Claim

MODEL_PATH = Path(__file__).parent / "models" / "checkworthiness.json"

_OPINION = re.compile(r"\b(I|we) (think|believe|feel|hope|guess)\b|\bin my (view|opinion)\b|\b(should|ought to)\b", re.I)
_HAS_FACT = re.compile(r"\d|\b[A-Z][a-z]+\b")


@dataclass
class CheckworthinessModel:
    coef: np.ndarray
    intercept: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> CheckworthinessModel:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(coef=np.asarray(d["coef"], dtype=np.float32), intercept=float(d["intercept"]))

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(vectors @ self.coef + self.intercept)))

    def score(self, claims: list[Claim], vectors: np.ndarray) -> None:
        """Set ``claim.checkworthiness`` in place; ``vectors`` are the claims' embeddings."""
        probs = self.probability(vectors) if len(claims) else []
        for claim, p in zip(claims, probs):
            p = float(p)
            if claim.text.rstrip().endswith("?") or claim.sentence.rstrip().endswith("?"):
                p *= 0.2
            if _OPINION.search(claim.text):
                p *= 0.5
            if not _HAS_FACT.search(claim.text[1:]):  # no number or name past the first word
                p *= 0.7
            if claim.kind == "attribution":
                p *= 0.8  # that someone said it matters less than whether it is true
            claim.checkworthiness = round(p, 4)


def train(data_dir: Path, out: Path = MODEL_PATH, embedder=None) -> dict:
    """Fit on ClaimBuster ``two_class/train.json``; report on its ``test.json``; write JSON weights."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, roc_auc_score

    from .embed import Embedder

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
