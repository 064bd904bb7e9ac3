"""Stance of a passage toward a claim: P(support), P(refute), P(neutral), scored in batches.

The default is the project's own cross-encoder (``factcheck/verify/model``, see its model
card). Any Hugging Face sequence-classification NLI model can stand in: its label names are
read from its config and mapped onto support / refute / neutral, so a model whose labels are
ordered (contradiction, entailment, neutral) or (ENTAILMENT, NEUTRAL, CONTRADICTION) just works.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .stance_model import LABELS, batched_probs
from ..text import InputError

# Names NLI models give their labels, mapped onto ours.
_LABEL_NAMES = {
    "support": "support", "supports": "support", "supported": "support", "entailment": "support",
    "entails": "support", "entailed": "support", "true": "support",
    "refute": "refute", "refutes": "refute", "refuted": "refute", "contradiction": "refute",
    "contradicts": "refute", "contradict": "refute", "false": "refute",
    "neutral": "neutral", "nei": "neutral", "not enough info": "neutral", "not_enough_info": "neutral",
    "notenoughinfo": "neutral", "unrelated": "neutral", "other": "neutral",
}


BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "onnx-int8"  # 2.5x fp32 pairs/s for -1.3 points of validation macro-F1 (MODEL_CARD.md)


class StanceModel(Protocol):
    """Scores (claim, passage) pairs; rows are [support, refute, neutral], in input order."""

    name: str

    def score(self, claims: list[str], passages: list[str]) -> np.ndarray: ...


def label_of(probs: np.ndarray) -> str:
    return LABELS[int(np.argmax(probs))]


def probs_dict(row: np.ndarray) -> dict[str, float]:
    return {label: round(float(p), 4) for label, p in zip(LABELS, row)}


@dataclass
class CrossEncoderStance:
    """A sequence-classification model over (claim, passage) pairs, loaded lazily.

    Args:
        name: ``None`` (or "factcheck") for the project's own model; a folder written by
            ``train-stance`` (another own-format model); else a Hugging Face model name or a
            local folder holding an NLI sequence-classification model.
        batch_size: pairs per forward pass; pairs are sorted by length so padding stays small.
            The int8 backend always scores one pair per pass: dynamic quantisation scales the
            activations over the whole batch, so in a batch a pair's probabilities would depend on
            its batch-mates (by up to 0.19 measured), and a verdict on what else was checked.
        backend: "torch", "onnx" (fp32) or "onnx-int8" for the own model; other models use torch.
    """

    name: str | None = None
    batch_size: int = 32
    backend: str = DEFAULT_BACKEND
    _loaded: tuple[Any, Any, list[int]] | None = field(default=None, repr=False)

    _own_dir: Path | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise InputError(f"unknown stance backend {self.backend!r}; use one of {', '.join(BACKENDS)}")
        from .stance_model import CONFIG_FILE, WEIGHTS_FILE

        if not self._shipped:
            folder = Path(self.name)
            if (folder / WEIGHTS_FILE).is_file() and (folder / CONFIG_FILE).is_file():
                self._own_dir = folder

    @property
    def _shipped(self) -> bool:
        return self.name in (None, "", "factcheck")

    @property
    def own(self) -> bool:
        """The project's own format: the shipped model, or a folder that ``train-stance`` wrote."""
        return self._shipped or self._own_dir is not None

    @property
    def own_dir(self) -> Path | None:
        """The folder of an own-format model named by path (``None`` for the shipped one)."""
        return self._own_dir

    def _load(self) -> tuple[Any, Any, list[int]]:
        """(tokenizer, forward: batch -> logits, column map), loaded on first use."""
        if self._loaded is None:
            if self.own:
                self._loaded = _load_own(self.backend, self.own_dir)
            else:
                tokenizer, model, columns = _load_hf(self.name)
                self._loaded = (tokenizer, _torch_forward(model), columns)
        return self._loaded

    def score(self, claims: list[str], passages: list[str]) -> np.ndarray:
        if not claims:
            return np.zeros((0, len(LABELS)), np.float32)
        tokenizer, forward, columns = self._load()
        batch_size = 1 if self.own and self.backend == "onnx-int8" else self.batch_size
        raw = batched_probs(tokenizer, forward, claims, passages, batch_size=batch_size)
        out = np.zeros((len(claims), len(LABELS)), np.float32)
        for src, dst in enumerate(columns):  # the model's label order, mapped onto ours
            out[:, dst] += raw[:, src]
        return out


def _torch_forward(model: Any):
    import torch

    def forward(batch: dict[str, np.ndarray]) -> np.ndarray:
        with torch.inference_mode():
            return model(**{k: torch.as_tensor(v) for k, v in batch.items()}).logits.float().numpy()

    return forward


def _load_own(backend: str, model_dir: Path | None = None) -> tuple[Any, Any, list[int]]:
    from .stance_model import load_stance_model

    try:
        tokenizer, model = load_stance_model(model_dir)
    except FileNotFoundError as e:
        raise InputError(f"stance model missing: {e}") from None
    if backend == "torch":
        return tokenizer, _torch_forward(model), [0, 1, 2]
    from .stance_onnx import OnnxForward, export

    return tokenizer, OnnxForward(export(model_dir, quantized=backend == "onnx-int8")), [0, 1, 2]


def _load_hf(name: str) -> tuple[Any, Any, list[int]]:
    """Load an NLI model by name or path and map its label order onto (support, refute, neutral)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(name)
        model = AutoModelForSequenceClassification.from_pretrained(name).eval()
    except (OSError, ValueError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(f"stance model {name!r} could not be loaded offline ({first})") from None
    id2label = {int(i): str(v) for i, v in model.config.id2label.items()}
    columns = []
    for i in range(len(id2label)):
        ours = _LABEL_NAMES.get(id2label[i].lower().replace("-", "_").strip())
        if ours is None:
            ours = _LABEL_NAMES.get(id2label[i].lower().replace("_", " ").strip())
        if ours is None:
            raise InputError(f"stance model {name!r}: cannot map its label {id2label[i]!r} to "
                             f"support/refute/neutral (labels: {list(id2label.values())})")
        columns.append(LABELS.index(ours))
    if len(set(columns)) != len(columns) or "support" not in [LABELS[c] for c in columns]:
        raise InputError(f"stance model {name!r}: labels {list(id2label.values())} are not an NLI label set")
    if tokenizer.model_max_length > 512:
        tokenizer.model_max_length = 512
    return tokenizer, model, columns


def has_own_model() -> bool:
    from .stance_model import CONFIG_FILE, DEFAULT_MODEL_DIR, WEIGHTS_FILE

    return (Path(DEFAULT_MODEL_DIR) / WEIGHTS_FILE).is_file() and (Path(DEFAULT_MODEL_DIR) / CONFIG_FILE).is_file()
