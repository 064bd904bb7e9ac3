"""Claim-extraction benchmarks: the project's extractor against human atomic claims.

Data sets (each read into units of ``{"text", "sentences", "claims"}``; one unit is scored as a whole):

- ``factcheck-bench`` (``factcheck-GPT-benchmark.jsonl``): 94 ChatGPT responses, each split by
  annotators into sentences and each sentence into decontextualised atomic claims (678 in all;
  sentences with no claim have an empty list). Unit: a response; its text is its sentences joined
  in order with a space (so the extractor sees the context it uses to resolve "He" and "the talks").
- ``propsegment`` (PropSegmEnt v1, ``document_clusters.{split}.json`` + ``propositions.{split}.json``):
  Wikipedia documents (machine-translated, at most 10 sentences), each sentence segmented by raters
  into propositions, each a subset of the sentence's tokens (not decontextualised: "He" stays).
  Unit: a document; its text is the document as given. Gold: the propositions of each sentence's
  reference response; a sentence without one (raters disagreed, most marked it non-informational)
  has none. A proposition's text is its tokens in order, spaced as in the sentence. Clusters given
  only as URLs (NewSHead, masked text) have no text to extract from and are skipped. The test split
  is the reported one; ``dev`` can be chosen.

The extractor's claims (every claim it emits, statements and attributions alike, by ``.text``)
are matched to the unit's human claims.

Matching rule: token F1 between two claims (lower-cased alphanumeric tokens, multiset overlap,
no stop-word removal); a pair counts when its token F1 >= ``MATCH_F1`` (0.5), and pairs are
matched one-to-one with the Hungarian algorithm maximising the summed F1 over admissible pairs.
Precision = matched / predicted claims, recall = matched / human claims, F1 their harmonic mean
(micro, over all units). ``mean_matched_f1`` is the mean token F1 of the matched pairs.

Baseline (``sentence``): one claim per sentence of the data set, the sentence as written.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..text import InputError
from .common import read_jsonl, rounded, stopwatch

MATCH_F1 = 0.5
DATASETS = ("factcheck-bench", "propsegment")
PROPSEGMENT_SPLITS = ("test", "dev")
_TOKEN = re.compile(r"[a-z0-9]+")

Unit = dict[str, Any]  # {"text": str, "sentences": [str], "claims": [str]}


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


def score(pred: list[list[str]], gold: list[list[str]]) -> dict[str, Any]:
    """Micro precision / recall / F1 of predicted against gold claims, matched within each unit."""
    if len(pred) != len(gold):
        raise ValueError(f"{len(gold)} gold units but {len(pred)} predicted")
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
            "mean_matched_f1": sum(f1s) / len(f1s) if f1s else 0.0}


def load_factcheck_bench(path: Path) -> list[Unit]:
    """Responses in file order; ``text`` is the sentences joined with a space."""
    file = path / "factcheck-GPT-benchmark.jsonl" if path.is_dir() else path
    if not file.is_file():
        raise InputError(f"{file}: no such file (pass factcheck-GPT-benchmark.jsonl or its folder)")
    out = []
    for row in read_jsonl(file):
        sents = row.get("sentences") or {}
        keys = sorted(sents, key=lambda k: int(re.sub(r"\D", "", k) or 0))
        sentences = [s for s in (sents[k].get("text", "").strip() for k in keys) if s]
        claims = [c.strip() for k in keys for c in sents[k].get("claims", []) if c and c.strip()]
        if sentences:
            out.append({"text": " ".join(sentences), "sentences": sentences, "claims": claims})
    if not out:
        raise InputError(f"{file}: no responses with sentences found")
    return out


def proposition_text(sentence: dict[str, Any], indices: list[int]) -> str:
    """The proposition's tokens in sentence order, with a space wherever the sentence has a gap."""
    toks = sentence["tokens"]
    out, prev_end = "", None
    for i in sorted(set(indices)):
        tok = toks[i]
        start = int(tok["character_offset_of_token_in_sentence"])
        if prev_end is not None and start != prev_end:
            out += " "
        out += tok["text"]
        prev_end = start + len(tok["text"])
    return out


def _read_json_list(file: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"{file}: cannot read ({e.strerror})") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{file}: not valid JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(data, list):
        raise InputError(f"{file}: expected a JSON list of entries")
    return data


def load_propsegment(path: Path, split: str = "test") -> list[Unit]:
    """Documents with text, in file order, each with its sentences' reference propositions."""
    if split not in PROPSEGMENT_SPLITS:
        raise InputError(f"unknown PropSegmEnt split {split!r}; use {' or '.join(PROPSEGMENT_SPLITS)}")
    folder = path / "v1" if (path / "v1").is_dir() else path
    clusters_file = folder / f"document_clusters.{split}.json"
    props_file = folder / f"propositions.{split}.json"
    for f in (clusters_file, props_file):
        if not f.is_file():
            raise InputError(f"{f}: no such file (pass the propsegment folder or its v1/ folder)")
    gold: dict[tuple[str, str, int], list[list[int]]] = {}
    try:
        for entry in _read_json_list(props_file):
            sid = entry["sentence_id"]
            ref = [r for r in entry.get("segmentation_responses", []) if r.get("is_reference_response")]
            props = ref[0].get("propositions", []) if ref else []
            gold[(str(sid["cluster_id"]), str(sid["document_id"]), int(sid["sentence_index"]))] = [
                p.get("token_indices", p.get("included_token_indices", [])) for p in props]
        out = []
        for cluster in _read_json_list(clusters_file):
            for doc in cluster.get("documents", []):
                sents = doc.get("sentences", [])
                if not sents or any("sentence_text" not in s for s in sents):
                    continue  # a NewSHead entry: only a URL and masked text
                key = (str(cluster["cluster_id"]), str(doc["document_id"]))
                claims = [t for i, s in enumerate(sents) for idx in gold.get((*key, i), [])
                          if (t := proposition_text(s, idx).strip())]
                sentences = [s["sentence_text"].strip() for s in sents if s["sentence_text"].strip()]
                text = doc.get("document") or " ".join(sentences)
                out.append({"text": text, "sentences": sentences, "claims": claims})
    except (KeyError, IndexError, TypeError, ValueError) as e:
        raise InputError(f"{folder}: not in the PropSegmEnt v1 format ({type(e).__name__}: {e})") from None
    if not out:
        raise InputError(f"{clusters_file}: no documents with text found")
    return out


def _system(predict: Callable[[Unit], list[str]], units: list[Unit], n_sent: int) -> dict[str, Any]:
    with stopwatch() as sw:
        pred = [predict(u) for u in units]
    out = score(pred, [u["claims"] for u in units])
    out.update(sentences_per_s=sw.rate(n_sent), seconds=sw.seconds)
    return out


def run(dataset: str, data: Path, limit: int | None = None, split: str | None = None) -> dict[str, Any]:
    if dataset not in DATASETS:
        raise InputError(f"unknown dataset {dataset!r}; use {' or '.join(DATASETS)}")
    if not data.exists():
        raise InputError(f"{data}: no such file or folder")
    if dataset == "factcheck-bench":
        if split is not None:
            raise InputError("factcheck-bench has no splits; leave --split out")
        units, unit_name = load_factcheck_bench(data), "responses"
    else:
        split = split or "test"
        units, unit_name = load_propsegment(data, split), "documents"
    units = units[:limit]
    n_sent = sum(len(u["sentences"]) for u in units)

    from ..extract import extract_claims  # after the data is read: a bad path fails fast

    systems = {
        "sentence": _system(lambda u: list(u["sentences"]), units, n_sent),
        "factcheck": _system(lambda u: [c.text for c in extract_claims(u["text"])], units, n_sent),
    }
    notes = {
        "input": ("per response, the benchmark's sentences joined in order with a space"
                  if dataset == "factcheck-bench" else "per document, the document's text as given")
                 + "; every claim the extractor emits is counted (no check-worthiness filter)",
        "matching": f"token F1 (lower-cased alphanumeric tokens) >= {MATCH_F1}; one-to-one Hungarian matching "
                    f"maximising summed F1 within each {unit_name[:-1]}; micro precision / recall / F1",
        "sentence": "baseline: each sentence of the data set as one claim",
    }
    if dataset == "propsegment":
        notes["gold"] = ("each sentence's reference segmentation (none where no response is the reference); "
                         "propositions are token subsets of the sentence, not decontextualised")
    result: dict[str, Any] = {"dataset": dataset}
    if split is not None:
        result["split"] = split
    result.update({
        unit_name: len(units),
        "sentences": n_sent,
        "human_claims": sum(len(u["claims"]) for u in units),
        "systems": {k: rounded(v) for k, v in systems.items()},
        "data": str(data),
        "date": _dt.date.today().isoformat(),
        "notes": notes,
    })
    return result
