"""Fit the relevance gate of verification on ``train/`` pairs: is a passage about the claim?

Positives are a claim with its gold evidence; hard negatives are passages on the same topic that
are not its evidence:

- Check-COVID and SciFact train: the evidence sentences of the cited abstract (with the sentence
  after it, as the index cuts passages) against the abstract's other sentences;
- FEVER dev pairs: a claim's evidence sentence against the evidence of the most similar other
  claims (same topic, another subject).

Features are those the judge computes at check time (embedding similarity, content coverage,
names covered, same event, another subject). A logistic regression is fitted on 80 % of the
claims and measured on the held-out 20 % (grouped by claim, so no claim is in both); the
threshold is the one with the best F1 on the fitting part. Weights, threshold and figures go
to ``factcheck/verify/relevance.json``::

    python -m factcheck.training.relevance --data ../shared/data/train
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from ..verify.align import align
from ..verify.judge import WEIGHTS, features
from ..nlp import parse
from ..verify.slots import frame

Pair = tuple[str, str, int, str]  # claim, passage, 1 relevant / 0 not, group (source:claim id)


def _window(sentences: list[str], i: int) -> str:
    return " ".join(s.strip() for s in sentences[i:i + 2])


def _abstract_pairs(claims: list[tuple[str, str, list[str], set[int]]], source: str, negatives: int,
                    rng: random.Random) -> list[Pair]:
    out: list[Pair] = []
    for cid, claim, sentences, evidence in claims:
        group = f"{source}:{cid}"
        out += [(claim, _window(sentences, i), 1, group) for i in sorted(evidence) if i < len(sentences)]
        others = [i for i in range(len(sentences)) if i not in evidence and i + 1 not in evidence]
        out += [(claim, _window(sentences, i), 0, group) for i in rng.sample(others, min(negatives, len(others)))]
    return out


def check_covid(folder: Path, rng: random.Random, negatives: int = 3) -> list[Pair]:
    corpus = {}
    for line in (folder / "corpus.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            corpus[d.get("cord_id") or d.get("doc_id")] = d
    claims = []
    for line in (folder / "train" / "covidCheck_train_composed+extracted.json").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        doc = corpus.get(d.get("cord_id"))
        ev = {e["sent_index"] for e in d.get("evidence_set") or []}
        if doc is None or not ev or d.get("label") == "NOTENOUGHINFO":
            continue
        sentences = doc.get("abstract") or doc.get("sentences") or []
        if isinstance(sentences, str):
            sentences = re.split(r"(?<=[.!?])\s+", sentences)
        claims.append((d["id"], d["claim"], sentences, ev))
    return _abstract_pairs(claims, "check-covid", negatives, rng)


def scifact(folder: Path, rng: random.Random, negatives: int = 3) -> list[Pair]:
    corpus = {}
    for line in (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            corpus[str(d["doc_id"])] = d["abstract"]
    claims = []
    for line in (folder / "claims_train.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        for doc_id, sets in (d.get("evidence") or {}).items():
            ev = {i for s in sets for i in s["sentences"]}
            if doc_id in corpus and ev:
                claims.append((f"{d['id']}:{doc_id}", d["claim"], corpus[doc_id], ev))
    return _abstract_pairs(claims, "scifact", negatives, rng)


def _detok(text: str) -> str:
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    text = re.sub(r"\s+([.,;:!?%)\]'])", r"\1", text.replace("``", '"').replace("''", '"'))
    return re.sub(r"([(\[])\s+", r"\1", text)


def fever(folder: Path, embedder: Any, rng: random.Random, claims: int = 2500, negatives: int = 2) -> list[Pair]:
    rows = [json.loads(line) for line in (folder / "fever_dev_pairs.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rng.shuffle(rows)
    rows = rows[:claims]
    evidence = [_detok(r["evidence"]) for r in rows]
    ev_vec = embedder.encode(evidence)
    claim_vec = embedder.encode([r["claim"] for r in rows])
    sims = claim_vec @ ev_vec.T
    out: list[Pair] = []
    for i, r in enumerate(rows):
        group = f"fever:{r['id']}"
        out.append((r["claim"], evidence[i], 1, group))
        order = [j for j in np.argsort(-sims[i]) if j != i and evidence[j] != evidence[i]]
        out += [(r["claim"], evidence[j], 0, group) for j in order[:negatives]]
    return out


def featurise(pairs: list[Pair], embedder: Any) -> np.ndarray:
    claims, passages = [p[0] for p in pairs], [p[1] for p in pairs]
    texts = list(dict.fromkeys(claims + passages))
    frames = {t: frame(d) for t, d in zip(texts, parse(texts))}
    vecs = dict(zip(texts, embedder.encode(texts)))
    rows = []
    for c, p in zip(claims, passages):
        sim = float(vecs[c] @ vecs[p])
        rows.append(features(sim, align(frames[c], frames[p], sim)))
    return np.asarray(rows, dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray, groups: list[str], seed: int = 13) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    names = sorted(set(groups))
    random.Random(seed).shuffle(names)
    held = set(names[: len(names) // 5])
    test = np.array([g in held for g in groups])
    clf = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    clf.fit(x[~test, 1:], y[~test])  # column 0 is the bias term
    p_fit, p_test = clf.predict_proba(x[~test, 1:])[:, 1], clf.predict_proba(x[test, 1:])[:, 1]
    grid = np.linspace(0.05, 0.95, 91)
    threshold = float(max(grid, key=lambda t: f1_score(y[~test], p_fit >= t)))
    pred = p_test >= threshold
    return {"weights": [round(float(clf.intercept_[0]), 6)] + [round(float(w), 6) for w in clf.coef_[0]],
            "threshold": round(threshold, 3),
            "held_out": {"pairs": int(test.sum()), "claims": len(held), "positives": int(y[test].sum()),
                         "roc_auc": round(float(roc_auc_score(y[test], p_test)), 4),
                         "precision": round(float(precision_score(y[test], pred)), 4),
                         "recall": round(float(recall_score(y[test], pred)), 4),
                         "f1": round(float(f1_score(y[test], pred)), 4)},
            "fit_pairs": int((~test).sum())}


def main(argv: list[str] | None = None) -> int:
    from ..corpus.embed import Embedder

    ap = argparse.ArgumentParser(prog="python -m factcheck.training.relevance", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the train/ folder (never eval/)")
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    if "eval" in args.data.resolve().parts:
        print("error: train on the train/ folder, never eval/", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    embedder = Embedder()
    pairs = (check_covid(args.data / "check-covid", rng) + scifact(args.data / "scifact", rng)
             + fever(args.data / "fever-pairs", embedder, rng))
    x = featurise(pairs, embedder)
    y = np.array([p[2] for p in pairs])
    result = fit(x, y, [p[3] for p in pairs], args.seed)
    per_source = {s: sum(1 for p in pairs if p[3].startswith(s + ":")) for s in ("check-covid", "scifact", "fever")}
    doc = {"model": "logistic regression over (similarity, coverage, names covered, same event, other subject)",
           "features": ["bias", "similarity", "coverage", "names_covered", "same_event", "other_subject"],
           "data": {"train_folder": args.data.name, "pairs": len(pairs), "positives": int(y.sum()),
                    "per_source": per_source},
           "command": "python -m factcheck.training.relevance --data <shared>/data/train" +
                      (f" --seed {args.seed}" if args.seed != 13 else ""),
           **result}
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: doc[k] for k in ("weights", "threshold", "held_out", "data")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
