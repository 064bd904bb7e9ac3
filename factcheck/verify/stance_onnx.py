"""ONNX Runtime for the stance model: the same network, faster on a CPU.

The ONNX file is derived from the committed weights, so it is not committed: it is exported on
first use into a cache folder (``$FACTCHECK_CACHE``, default ``~/.cache/factcheck``), named by
the weights' hash so a retrained model never meets a stale export. Dynamic int8 quantisation
roughly doubles speed again; whether it holds accuracy is measured on the training validation
split (see the model card), and the default follows that measurement.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from ..runtime import cache_dir, export_graph, session
from .stance_model import DEFAULT_MODEL_DIR, WEIGHTS_FILE

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_path(model_dir: Path | None = None, quantized: bool = True) -> Path:
    weights = Path(model_dir or DEFAULT_MODEL_DIR) / WEIGHTS_FILE
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:16]
    return cache_dir() / f"stance-{digest}-{'int8' if quantized else 'fp32'}.onnx"


def export(model_dir: Path | None = None, quantized: bool = True) -> Path:
    """Export (and optionally int8-quantise) the stance model once; return the cached file."""
    target = onnx_path(model_dir, quantized)
    if target.exists():
        return target
    from .stance_model import load_stance_model

    tokenizer, model = load_stance_model(model_dir)
    sample = tokenizer(["A claim."], ["A passage about it."], return_tensors="pt")
    return export_graph(model, tuple(sample[k] for k in INPUTS), list(INPUTS), "logits", {0: "batch"}, target,
                        {} if quantized else None)


class OnnxForward:
    """Callable batch -> logits over an ONNX Runtime session."""

    def __init__(self, path: Path, threads: int | None = None):
        self.session = session(path, threads)

    def __call__(self, batch: dict[str, Any]) -> np.ndarray:
        return self.session.run(["logits"], {k: batch[k] for k in INPUTS})[0]
