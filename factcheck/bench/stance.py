"""Stance benchmark: (claim, passage) pairs with gold support / refute / neutral labels.

Three systems run side by side on the same pairs in the same process:

- ``majority``: always the most frequent gold label of the pairs (a reference point that reads
  the gold labels, not a real system);
- ``lexical``: a fixed word-overlap + negation rule (below), set before any eval data was seen;
- ``factcheck``: the project's stance cross-encoder (or any NLI model given by name or path).

One small loader per data set turns its published format into pairs; the pairing rule of each
is in ``PAIRING`` (and in ``docs/benchmarks.md``). Nothing here fits anything to the data.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..verify.stance_model import LABELS
from ..text import InputError
from .common import accuracy, confusion, f1_per_class, label_counts, macro_f1, majority_label, present_classes, \
    rounded, stopwatch
from .common import read_jsonl as _read_jsonl

SUPPORT, REFUTE, NEUTRAL = LABELS


class Pair(NamedTuple):
    claim: str
    passage: str
    label: str  # one of LABELS


# --------------------------------------------------------------------------- loaders



def _file_in(path: Path, name: str) -> Path:
    """``path`` itself when it is a file, else ``path/name``; a clear error when missing."""
    target = path / name if path.is_dir() else path
    if not target.is_file():
        raise InputError(f"{target}: no such file (pass the data set's file or its folder)")
    return target


def _folder(path: Path, *names: str) -> Path:
    """The data set's folder (``path`` or the folder of a file given), holding ``names``."""
    folder = path if path.is_dir() else path.parent
    for name in names:
        if not (folder / name).is_file():
            raise InputError(f"{folder / name}: no such file (pass the data set's folder)")
    return folder


def load_climate_fever(path: Path) -> list[Pair]:
    """Each claim x each of its 5 evidence sentences, with the per-sentence label."""
    lab = {"SUPPORTS": SUPPORT, "REFUTES": REFUTE, "NOT_ENOUGH_INFO": NEUTRAL}
    return [Pair(r["claim"].strip(), e["evidence"].strip(), lab[e["evidence_label"]])
            for r in _read_jsonl(_file_in(path, "climate-fever.jsonl"))
            for e in r.get("evidences", []) if e.get("evidence_label") in lab]


def load_healthver(path: Path) -> list[Pair]:
    """HealthVer test rows as they are: (claim, evidence, Supports / Refutes / Neutral)."""
    lab = {"supports": SUPPORT, "refutes": REFUTE, "neutral": NEUTRAL}
    with _file_in(path, "healthver_test.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [Pair(r["claim"].strip(), r["evidence"].strip(), lab[r["label"].strip().lower()])
            for r in rows if (r.get("label") or "").strip().lower() in lab
            and (r.get("claim") or "").strip() and (r.get("evidence") or "").strip()]


def load_check_covid(path: Path) -> list[Pair]:
    """Check-COVID test (composed + extracted claims): each claim with its annotated evidence
    sentences of its abstract (``evidence_set`` indices, in abstract order, joined). Every row,
    NOTENOUGHINFO included, lists the sentences the annotators judged; those are its passage."""
    lab = {"SUPPORT": SUPPORT, "REFUTE": REFUTE, "NOTENOUGHINFO": NEUTRAL}
    folder = _folder(path, "corpus.json", "test/covidCheck_test_composed.json", "test/covidCheck_test_extracted.json")
    corpus = {d["cord_id"]: d["abstract"] for d in _read_jsonl(folder / "corpus.json")}
    pairs = []
    for part in ("composed", "extracted"):
        for r in _read_jsonl(folder / "test" / f"covidCheck_test_{part}.json"):
            sents = corpus.get(r.get("cord_id"), [])
            idx = sorted({e["sent_index"] for e in r.get("evidence_set", []) if 0 <= e["sent_index"] < len(sents)})
            if r.get("label") in lab and idx:
                pairs.append(Pair(r["claim"].strip(), " ".join(sents[i].strip() for i in idx), lab[r["label"]]))
    return pairs


SCIFACT_NEUTRAL_SENTENCES = 3  # fixed a priori: rationales are usually 1-3 sentences


def load_scifact(path: Path) -> list[Pair]:
    """SciFact dev with gold evidence: a claim with evidence x each evidence abstract, passage =
    that abstract's rationale sentences (all its rationale sets, in order, joined), label
    SUPPORT -> support, REFUTE/CONTRADICT -> refute; a claim with no evidence x each cited
    abstract, passage = its first 3 sentences, neutral. Cited abstracts that are not evidence
    for a claim that has evidence elsewhere are left out."""
    lab = {"SUPPORT": SUPPORT, "REFUTE": REFUTE, "CONTRADICT": REFUTE}
    folder = _folder(path, "claims_dev.jsonl", "corpus.jsonl")
    corpus = {str(d["doc_id"]): d["abstract"] for d in _read_jsonl(folder / "corpus.jsonl")}
    pairs = []
    for r in _read_jsonl(folder / "claims_dev.jsonl"):
        claim = r["claim"].strip()
        if r.get("evidence"):
            for doc_id, sets in r["evidence"].items():
                sents, labels = corpus.get(str(doc_id), []), {s["label"] for s in sets}
                idx = sorted({i for s in sets for i in s["sentences"] if 0 <= i < len(sents)})
                if len(labels) == 1 and labels <= lab.keys() and idx:
                    pairs.append(Pair(claim, " ".join(sents[i].strip() for i in idx), lab[labels.pop()]))
        else:
            for doc_id in r.get("cited_doc_ids", []):
                sents = corpus.get(str(doc_id), [])
                if sents:
                    pairs.append(Pair(claim, " ".join(s.strip() for s in sents[:SCIFACT_NEUTRAL_SENTENCES]), NEUTRAL))
    return pairs


DATASETS: dict[str, Callable[[Path], list[Pair]]] = {
    "climate-fever": load_climate_fever,
    "healthver": load_healthver,
    "check-covid": load_check_covid,
    "scifact": load_scifact,
}

PAIRING = {
    "climate-fever": "each claim x each of its 5 evidence sentences; per-sentence labels SUPPORTS/REFUTES/"
                     "NOT_ENOUGH_INFO -> support/refute/neutral",
    "healthver": "healthver_test.csv rows as given (claim, evidence); Supports/Refutes/Neutral",
    "check-covid": "test composed + extracted claims; passage = the claim's evidence_set sentences of its "
                   "cord_id abstract, in order, joined (NOTENOUGHINFO rows too: they list the sentences "
                   "judged); SUPPORT/REFUTE/NOTENOUGHINFO -> support/refute/neutral",
    "scifact": "dev claims with gold evidence: claim x each evidence abstract, passage = its rationale "
               "sentences joined, SUPPORT -> support, REFUTE/CONTRADICT -> refute; claims without evidence: "
               f"claim x each cited abstract, passage = its first {SCIFACT_NEUTRAL_SENTENCES} sentences, neutral; "
               "non-evidence cited abstracts of claims with evidence are left out",
}


# --------------------------------------------------------------------------- lexical baseline

# The lexical rule and every constant below were fixed before looking at any eval data, and are
# never changed to fit it: a claim whose content words are mostly (>= half) found in the passage
# is "support", flipped to "refute" when exactly one side is negated; otherwise "neutral".
LEXICAL_MIN_RECALL = 0.5
NEGATIONS = frozenset({"not", "no", "never", "none", "without", "cannot"})  # plus any word ending in n't
STOPWORDS = frozenset("""
a an the and or but if then than so as of at by for from in into on onto to with within about above
after against along among around before behind below between beyond during over under through up down
out off via per is are was were be been being am do does did doing done have has had having will would
shall should can could may might must it its it's this that these those there here which who whom whose
what when where why how i me my we us our you your he him his she her they them their one also such
more most very much many some any each all both other only own same just even too again further once
""".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def _negated(tokens: list[str]) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in tokens)


def _content(tokens: list[str]) -> set[str]:
    words = (t[:-2] if t.endswith("'s") else t for t in tokens)
    return {w for w in words if w not in STOPWORDS and w not in NEGATIONS and not w.endswith("n't")
            and (len(w) > 1 or w.isdigit())}


def lexical_label(claim: str, passage: str) -> str:
    """The fixed a-priori baseline: claim-word recall >= 0.5 -> support (refute if exactly one
    side has a negation word), else neutral."""
    c_tok, p_tok = _tokens(claim), _tokens(passage)
    words = _content(c_tok)
    if not words or len(words & _content(p_tok)) / len(words) < LEXICAL_MIN_RECALL:
        return NEUTRAL
    return REFUTE if _negated(c_tok) != _negated(p_tok) else SUPPORT


# --------------------------------------------------------------------------- the bench

def _scores(gold: list[str], pred: list[str], n: int, seconds: float) -> dict[str, Any]:
    classes = present_classes(gold, LABELS)
    return {"macro_f1": macro_f1(gold, pred, LABELS), "accuracy": accuracy(gold, pred),
            "pairs_per_s": n / max(seconds, 1e-9), "f1_per_class": f1_per_class(gold, pred, classes)}


def load_pairs(dataset: str, data: Path, limit: int | None = None) -> list[Pair]:
    """The data set's pairs (the first ``limit`` of them when given), in file order."""
    if dataset not in DATASETS:
        raise InputError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    if not data.exists():
        raise InputError(f"{data}: no such file or folder")
    pairs = DATASETS[dataset](data)
    if limit is not None:
        pairs = pairs[:limit]
    if not pairs:
        raise InputError(f"{data}: no labelled pairs found for {dataset}")
    return pairs


def run(dataset: str, data: Path, limit: int | None = None, stance_model: str | None = None,
        batch_size: int = 32, backend: str | None = None) -> dict[str, Any]:
    """Run the three systems on the data set's pairs; return the JSON-ready result."""
    from ..verify.stance import DEFAULT_BACKEND, CrossEncoderStance, label_of

    pairs = load_pairs(dataset, data, limit)
    gold = [p.label for p in pairs]
    claims, passages = [p.claim for p in pairs], [p.passage for p in pairs]
    n = len(pairs)

    with stopwatch() as sw:
        top = majority_label(gold, LABELS)
        pred = [top for _ in pairs]
    majority = {**_scores(gold, pred, n, sw.seconds), "label": top}

    with stopwatch() as sw:
        pred = [lexical_label(c, p) for c, p in zip(claims, passages)]
    lexical = _scores(gold, pred, n, sw.seconds)

    model = CrossEncoderStance(stance_model, batch_size=batch_size, backend=backend or DEFAULT_BACKEND)
    model.score(claims[:1], passages[:1])  # load (and export, for ONNX) outside the timed call
    with stopwatch() as sw:
        probs = model.score(claims, passages)
    pred = [label_of(row) for row in probs]
    factcheck = {**_scores(gold, pred, n, sw.seconds), "confusion": confusion(gold, pred, LABELS),
                 "model": stance_model or "factcheck", "backend": (backend or DEFAULT_BACKEND) if model.own else "torch",
                 "batch_size": batch_size, "torch_threads": _torch_threads(), "seconds": sw.seconds}
    if model.own:
        factcheck["checkpoint"] = _checkpoint()

    return {
        "dataset": dataset,
        "pairs": n,
        "label_counts": label_counts(gold, LABELS),
        "systems": {"majority": rounded(majority), "lexical": rounded(lexical), "factcheck": rounded(factcheck)},
        "data": str(data),
        "date": _dt.date.today().isoformat(),
        "notes": {
            "pairs": PAIRING[dataset] + (f"; first {limit} pairs only (--limit)" if limit is not None else ""),
            "majority": f"always {top!r}, the most frequent gold label of these pairs: a reference point "
                        "that reads the gold labels, not a system",
            "lexical": f"fixed a-priori rule, not tuned on eval: claim content-word recall in the passage >= "
                       f"{LEXICAL_MIN_RECALL} -> support, refute if exactly one side has a negation word "
                       "(not/no/never/none/without/cannot/*n't), else neutral",
            "factcheck": "argmax of CrossEncoderStance.score; pairs_per_s and seconds time that one call over all "
                         "pairs (tokenisation included; the model is loaded and warmed on one pair first)",
            "metrics": "macro_f1 = unweighted mean F1 over the classes present in gold; accuracy = share correct",
        },
    }


def _torch_threads() -> int | None:
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a hard dependency today
        return None
    return torch.get_num_threads()


def _checkpoint() -> dict[str, Any]:
    """Step and validation score of the own model's card, to say which checkpoint was measured."""
    from ..verify.stance_model import read_stance_config

    try:
        card = read_stance_config()
    except (OSError, ValueError):
        return {}
    overall = card.get("validation", {}).get("overall", {})
    return {"best_step": card.get("training", {}).get("best_step"), "val_macro_f1": overall.get("macro_f1"),
            "val_acc": overall.get("acc")}
