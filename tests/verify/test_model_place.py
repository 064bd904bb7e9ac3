"""The stance model loads from its place in the package and scores as it did before it moved.

The reference probabilities were recorded with the model in its former place (see the file's
``recorded`` field); any change in how the weights are found or loaded shows here first.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import ROOT

from factcheck.text import parse_jsonl
from factcheck.verify import CrossEncoderStance, has_own_model
from factcheck.verify.stance_model import DEFAULT_MODEL_DIR

RECORDED = json.loads((ROOT / "tests" / "data" / "minimal_pairs_probs.json").read_text(encoding="utf-8"))
# the pairs as they were when recorded (the file may have grown since)
PAIRS = parse_jsonl((ROOT / RECORDED["pairs"]).read_text(encoding="utf-8"), RECORDED["pairs"])[:len(RECORDED["torch"])]


def test_the_model_lives_in_the_verify_package():
    assert DEFAULT_MODEL_DIR == ROOT / "factcheck" / "verify" / "model"
    assert has_own_model()


# int8 kernels differ with the CPU's instruction set (0.058 at most measured on an AMD EPYC without VNNI)
@pytest.mark.parametrize("backend, tolerance", [("torch", 1e-4), ("onnx-int8", 8e-2)])
def test_minimal_pair_probabilities_are_unchanged(backend, tolerance):
    probs = CrossEncoderStance(backend=backend).score([p["claim"] for p in PAIRS], [p["passage"] for p in PAIRS])
    expected = np.asarray(RECORDED[backend])
    assert probs.shape == expected.shape == (len(PAIRS), 3)
    np.testing.assert_allclose(probs, expected, atol=tolerance)
