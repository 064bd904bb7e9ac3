"""One way to turn a torch model into a cached ONNX Runtime graph, for the embedder and the
stance model alike.

The graph is derived from committed or packaged weights, so it is never committed: it is
exported on first use into ``$FACTCHECK_CACHE`` (default ``~/.cache/factcheck``) under a name
that carries the weights' hash, so retrained weights never meet a stale export.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    return Path(os.environ.get("FACTCHECK_CACHE") or Path.home() / ".cache" / "factcheck")


def export_graph(module: Any, sample: tuple, input_names: list[str], output_name: str, output_axes: dict[int, str],
                 target: Path, quantize: dict[str, Any] | None = None) -> Path:
    """Trace ``module`` on ``sample`` into ``target`` (int8 with ``quantize_dynamic(**quantize)``
    when given); written atomically, so a second process sees the whole file or none."""
    import torch

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shapes the dynamic axes already cover
        fp32 = Path(tmp) / "fp32.onnx"
        axes = {name: {0: "batch", 1: "seq"} for name in input_names}
        torch.onnx.export(module, sample, str(fp32), input_names=input_names, output_names=[output_name],
                          dynamic_axes={**axes, output_name: output_axes}, opset_version=17, dynamo=False)
        final = fp32
        if quantize is not None:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            final = Path(tmp) / "int8.onnx"
            root = logging.getLogger()
            level = root.level
            root.setLevel(logging.ERROR)  # its advice to pre-process is logged to the root logger
            try:
                quantize_dynamic(str(fp32), str(final), weight_type=QuantType.QInt8, **quantize)
            finally:
                root.setLevel(level)
        os.replace(final, target)
    return target


def session(path: Path, threads: int | None = None) -> Any:
    """An ONNX Runtime CPU session over ``path`` using all cores (or ``threads``)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or os.cpu_count() or 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
