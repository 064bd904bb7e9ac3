"""Check-worthiness: how much a sentence states a checkable fact, from 0 to 1.

A logistic regression over the same sentence embeddings retrieval uses (so scoring costs one
dot product per claim), trained on ClaimBuster's and CLEF CheckThat!'s labelled debate sentences and tweets. Its weights are a
small JSON file in the package. Rules on top push down what the classifier cannot see well:
questions, first-person opinion, opinions and predictions, and bare attribution.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..types import Claim

MODEL_PATH = Path(__file__).parent / "checkworthiness.json"

_OPINION = re.compile(r"\b(I|we) (think|believe|feel|hope|guess)\b|\bin my (view|opinion)\b|\b(should|ought to)\b", re.I)
_HAS_FACT = re.compile(r"\d|\b[A-Z][a-z]+\b")
# A capital on one of these first words is the sentence's, not a name's ("The talks ended").
_FUNCTION_WORDS = set("the a an this that these those it he she they we i there here its his her their our".split())


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

    def score(self, claims: list[Claim], vectors: np.ndarray, sentences: np.ndarray | None = None) -> None:
        """Set ``claim.checkworthiness`` in place; ``vectors`` are the claims' embeddings and
        ``sentences`` (when given) those of the sentences they come from, row by row.

        The classifier learnt from whole sentences; a claim cut out of one ("Ukraine will not be
        on the agenda", from "The embassy official said Ukraine will not be on the agenda") is a
        fragment it reads less well, so a claim scores at least what its sentence scores. What the
        claim is (a question, an opinion, an attribution) is weighed after that."""
        probs = self.probability(vectors) if len(claims) else []
        if sentences is not None and len(claims):
            probs = np.maximum(probs, self.probability(sentences))
        for claim, p in zip(claims, probs):
            p = float(p)
            if claim.text.rstrip().endswith("?") or claim.sentence.rstrip().endswith("?"):
                p *= 0.2
            if _OPINION.search(claim.text):
                p *= 0.5
            words = claim.text.split()
            rest = " ".join(words[1:]) if words and words[0].lower() in _FUNCTION_WORDS else claim.text
            if not _HAS_FACT.search(rest):  # no number or name ("Ukraine will ..." has one)
                p *= 0.7
            if claim.kind == "attribution":
                p *= 0.8  # that someone said it matters less than whether it is true
            elif claim.kind in ("opinion", "prediction", "quote"):
                p *= 0.5  # listed, never judged: below the facts the article reports
            claim.checkworthiness = round(p, 4)
