"""Claim-extraction benchmark: the project's extractor against human atomic claims.

Data: Factcheck-Bench (``factcheck-GPT-benchmark.jsonl``): 94 ChatGPT responses, each split by
annotators into sentences and each sentence into decontextualised atomic claims (678 in all;
sentences with no claim have an empty list).

Per response, the benchmark's sentences are joined in order into one text (so the extractor
sees the context it uses to resolve "He" and "the talks") and the extractor's claims (every claim
it emits, statements and attributions alike) are matched to the response's human claims.

Matching rule: token F1 between two claims (lower-cased alphanumeric tokens, multiset overlap,
no stop-word removal); a pair counts when its token F1 >= ``MATCH_F1`` (0.5), and pairs are
matched one-to-one with the Hungarian algorithm maximising the summed F1 over admissible pairs.
Precision = matched / predicted claims, recall = matched / human claims, F1 their harmonic mean
(micro, over all responses). ``mean_matched_f1`` is the mean token F1 of the matched pairs.

Baseline (``sentence``): one claim per benchmark sentence, the sentence as written.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ..text import InputError
from .common import read_jsonl, rounded, stopwatch

MATCH_F1 = 0.5
_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def token_f1(a: str, b: str) -> float:
    """SQuAD-style token F1 between two texts (0.0 when either has no tokens)."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    overlap = sum((ta & tb).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(ta.values()), overlap / sum(tb.values())
    return 2 * p * r / (p + r)


def match(predicted: list[str], gold: list[str], threshold: float = MATCH_F1) -> list[tuple[int, int, float]]:
    """One-to-one matches (pred index, gold index, token F1) with F1 >= threshold, maximising summed F1."""
    if not predicted or not gold:
        return []
    from scipy.optimize import linear_sum_assignment

    f1 = np.array([[token_f1(p, g) for g in gold] for p in predicted])
    gain = np.where(f1 >= threshold, f1, 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [(int(r), int(c), float(f1[r, c])) for r, c in zip(rows, cols) if f1[r, c] >= threshold]


def load_factcheck_bench(path: Path) -> list[dict[str, Any]]:
    """Responses as ``{"sentences": [str], "claims": [str]}`` in file order."""
    file = path / "factcheck-GPT-benchmark.jsonl" if path.is_dir() else path
    if not file.is_file():
        raise InputError(f"{file}: no such file (pass factcheck-GPT-benchmark.jsonl or its folder)")
    out = []
    for row in read_jsonl(file):
        sents = row.get("sentences") or {}
        keys = sorted(sents, key=lambda k: int(re.sub(r"\D", "", k) or 0))
        sentences = [sents[k].get("text", "").strip() for k in keys]
        claims = [c.strip() for k in keys for c in sents[k].get("claims", []) if c and c.strip()]
        if any(sentences):
            out.append({"sentences": [s for s in sentences if s], "claims": claims})
    if not out:
        raise InputError(f"{file}: no responses with sentences found")
    return out


def _score(pred: list[list[str]], gold: list[list[str]], seconds: float) -> dict[str, Any]:
    matched, f1s = 0, []
    for p, g in zip(pred, gold):
        m = match(p, g)
        matched += len(m)
        f1s.extend(f for _, _, f in m)
    n_pred, n_gold = sum(map(len, pred)), sum(map(len, gold))
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "claims": n_pred, "matched": matched,
            "mean_matched_f1": sum(f1s) / len(f1s) if f1s else 0.0, "sentences_per_s": 0.0, "seconds": seconds}


def run(dataset: str, data: Path, limit: int | None = None) -> dict[str, Any]:
    from ..extract import extract_claims

    if dataset != "factcheck-bench":
        raise InputError(f"unknown dataset {dataset!r}; use factcheck-bench")
    if not data.exists():
        raise InputError(f"{data}: no such file or folder")
    responses = load_factcheck_bench(data)[:limit]
    gold = [r["claims"] for r in responses]
    n_sent = sum(len(r["sentences"]) for r in responses)

    with stopwatch() as sw:
        baseline = [list(r["sentences"]) for r in responses]
    sentence = _score(baseline, gold, sw.seconds)
    sentence["sentences_per_s"] = sw.rate(n_sent)

    with stopwatch() as sw:
        extracted = [[c.text for c in extract_claims(" ".join(r["sentences"]))] for r in responses]
    own = _score(extracted, gold, sw.seconds)
    own["sentences_per_s"] = sw.rate(n_sent)

    return {
        "dataset": dataset,
        "responses": len(responses),
        "sentences": n_sent,
        "human_claims": sum(map(len, gold)),
        "systems": {"sentence": rounded(sentence), "factcheck": rounded(own)},
        "data": str(data),
        "date": _dt.date.today().isoformat(),
        "notes": {
            "input": "per response, the benchmark's sentences joined in order with a space; every claim the "
                     "extractor emits is counted (no check-worthiness filter)",
            "matching": f"token F1 (lower-cased alphanumeric tokens) >= {MATCH_F1}; one-to-one Hungarian matching "
                        "maximising summed F1 within each response; micro precision / recall / F1",
            "sentence": "baseline: each benchmark sentence as one claim",
        },
    }
