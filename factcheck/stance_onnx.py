"""ONNX Runtime for the stance model: the same network, faster on a CPU.

The ONNX file is derived from the committed weights, so it is not committed: it is exported on
first use into a cache folder (``$FACTCHECK_CACHE``, default ``~/.cache/factcheck``), named by
the weights' hash so a retrained model never meets a stale export. Dynamic int8 quantisation
roughly doubles speed again; whether it holds accuracy is measured on the training validation
split (see the model card), and the default follows that measurement.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .stance_model import DEFAULT_MODEL_DIR, WEIGHTS_FILE

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_dir() -> Path:
    return Path(os.environ.get("FACTCHECK_CACHE") or Path.home() / ".cache" / "factcheck")


def onnx_path(model_dir: Path | None = None, quantized: bool = True) -> Path:
    weights = Path(model_dir or DEFAULT_MODEL_DIR) / WEIGHTS_FILE
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:16]
    return cache_dir() / f"stance-{digest}-{'int8' if quantized else 'fp32'}.onnx"


def export(model_dir: Path | None = None, quantized: bool = True) -> Path:
    """Export (and optionally int8-quantise) the stance model once; return the cached file."""
    target = onnx_path(model_dir, quantized)
    if target.exists():
        return target
    import torch

    from .stance_model import load_stance_model

    tokenizer, model = load_stance_model(model_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    sample = tokenizer(["A claim."], ["A passage about it."], return_tensors="pt")
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shapes the dynamic axes already cover
        fp32 = Path(tmp) / "fp32.onnx"
        axes = {name: {0: "batch", 1: "seq"} for name in INPUTS}
        torch.onnx.export(model, tuple(sample[k] for k in INPUTS), str(fp32), input_names=list(INPUTS),
                          output_names=["logits"], dynamic_axes={**axes, "logits": {0: "batch"}},
                          opset_version=17, dynamo=False)
        final = fp32
        if quantized:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            final = Path(tmp) / "int8.onnx"
            quantize_dynamic(str(fp32), str(final), weight_type=QuantType.QInt8)
        os.replace(final, target)  # atomic: a second process either sees the whole file or none
    return target


class OnnxForward:
    """Callable batch -> logits over an ONNX Runtime session."""

    def __init__(self, path: Path, threads: int | None = None):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, batch: dict[str, Any]) -> np.ndarray:
        return self.session.run(["logits"], {k: batch[k] for k in INPUTS})[0]
