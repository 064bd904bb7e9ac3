"""Metric and timing helpers shared by the benchmarks: small, dependency-free, unit-tested.

Labels are plain strings; ``classes`` fixes the order in which per-class figures are reported.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _check_lengths(gold: Sequence[str], pred: Sequence[str]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")


def label_counts(labels: Sequence[str], classes: Sequence[str] = ()) -> dict[str, int]:
    """Count of each label; ``classes`` first (zeros included, in that order), then any others."""
    counts = Counter(labels)
    out = {c: counts.get(c, 0) for c in classes}
    out.update({c: n for c, n in sorted(counts.items()) if c not in out})
    return out


def majority_label(labels: Sequence[str], classes: Sequence[str] = ()) -> str:
    """The most frequent label; ties go to the one listed first in ``classes`` (then alphabetical)."""
    if not labels:
        raise ValueError("no labels")
    counts = Counter(labels)
    rank = {c: i for i, c in enumerate(classes)}
    return min(counts, key=lambda c: (-counts[c], rank.get(c, len(rank)), c))


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of predictions equal to the gold label (0.0 for no pairs)."""
    _check_lengths(gold, pred)
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def present_classes(gold: Sequence[str], classes: Sequence[str] = ()) -> list[str]:
    """The classes that occur in ``gold``, in the order of ``classes`` (others after, sorted)."""
    seen = set(gold)
    return [c for c in classes if c in seen] + sorted(seen - set(classes))


def f1_per_class(gold: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> dict[str, float]:
    """F1 of each class in ``classes`` (one-vs-rest); 0.0 where precision and recall are both 0."""
    _check_lengths(gold, pred)
    out = {}
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        out[c] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0  # == 2PR/(P+R)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], classes: Sequence[str] = ()) -> float:
    """Unweighted mean of per-class F1 over the classes present in ``gold``.

    Predictions of a class absent from gold still count (as errors against the true class)
    but that class gets no F1 term of its own. 0.0 for no pairs.
    """
    present = present_classes(gold, classes)
    if not present:
        return 0.0
    scores = f1_per_class(gold, pred, present)
    return sum(scores.values()) / len(scores)


def confusion(gold: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> dict[str, dict[str, int]]:
    """``{gold_label: {predicted_label: count}}`` over ``classes`` (rows and columns)."""
    _check_lengths(gold, pred)
    table = {g: {p: 0 for p in classes} for g in classes}
    for g, p in zip(gold, pred):
        if g in table and p in table[g]:
            table[g][p] += 1
    return table


@dataclass
class Stopwatch:
    """Wall-clock seconds measured with ``time.perf_counter`` (set when the block ends)."""

    seconds: float = 0.0

    def rate(self, n: int) -> float:
        """Items per second for ``n`` items done in the measured time (inf-safe: 0 s -> n / 1e-9)."""
        return n / max(self.seconds, 1e-9)


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    """``with stopwatch() as sw: ...`` then ``sw.seconds`` / ``sw.rate(n)``."""
    sw = Stopwatch()
    start = time.perf_counter()
    try:
        yield sw
    finally:
        sw.seconds = time.perf_counter() - start


def rounded(metrics: dict, digits: int = 4) -> dict:
    """Round every float in a (nested) metrics dict, for printing."""
    out = {}
    for k, v in metrics.items():
        if isinstance(v, dict):
            out[k] = rounded(v, digits)
        elif isinstance(v, float):
            out[k] = round(v, digits)
        else:
            out[k] = v
    return out


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON lines of a data file; a clear InputError for a missing file or a bad line."""
    from ..text import InputError, parse_jsonl

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror}; pass the data set's file or folder)") from None
    return parse_jsonl(text, str(path))
