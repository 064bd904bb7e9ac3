"""Tests for the committed stance cross-encoder and its loader (small and CPU-fast)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.verify.stance_model import (
    CONFIG_FILE,
    DEFAULT_MODEL_DIR,
    LABELS,
    WEIGHTS_FILE,
    load_stance_model,
    predict_probs,
)

HAS_WEIGHTS = (DEFAULT_MODEL_DIR / WEIGHTS_FILE).is_file()
needs_weights = pytest.mark.skipif(
    not HAS_WEIGHTS,
    reason=f"no trained stance weights in {DEFAULT_MODEL_DIR} yet "
    "(train them with: python -m factcheck.training.stance --data DATA/train --max-minutes 85)",
)

OBVIOUS = [
    ("The meeting was held in Istanbul.", "Delegations met in Istanbul on Thursday.", "support"),
    (
        "The meeting was held in Istanbul.",
        "The meeting was not held in Istanbul; it took place in Ankara.",
        "refute",
    ),
    (
        "The meeting was held in Istanbul.",
        "Photosynthesis converts light energy into chemical energy in plants.",
        "neutral",
    ),
    ("The vaccine was approved in 2021.", "Regulators approved the vaccine in March 2021.", "support"),
    pytest.param("The vaccine was approved in 2021.", "Regulators rejected the vaccine in 2021.", "refute",
                 marks=pytest.mark.xfail(strict=False, reason="known miss of the shipped model: an antonym verb "
                                                              "with every other word shared reads as support")),
    ("A man is playing a guitar.", "A man is playing the guitar on stage.", "support"),
    ("A man is playing a guitar.", "Nobody is playing any instrument.", "refute"),
]


@pytest.fixture(scope="module")
def trained() -> tuple:
    if not HAS_WEIGHTS:
        pytest.skip(f"no trained stance weights in {DEFAULT_MODEL_DIR} yet")
    return load_stance_model()


@needs_weights
def test_committed_model_files_are_small_and_pickle_free() -> None:
    files = [p for p in DEFAULT_MODEL_DIR.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 30 * 1024 * 1024
    assert not [p for p in files if p.suffix in {".pt", ".pth", ".bin", ".pkl", ".pickle", ".joblib"}]
    cfg = json.loads((DEFAULT_MODEL_DIR / CONFIG_FILE).read_text(encoding="utf-8"))
    assert cfg["labels"] == list(LABELS)
    assert "classifier.weight" in cfg["stored_parameters"]
    assert not any("word_embeddings" in n for n in cfg["stored_parameters"])


@needs_weights
@pytest.mark.parametrize(("claim", "passage", "expected"), OBVIOUS)
def test_obvious_pairs(trained: tuple, claim: str, passage: str, expected: str) -> None:
    tokenizer, model = trained
    probs = predict_probs(tokenizer, model, [claim], [passage])[0]
    got = LABELS[int(probs.argmax())]
    assert got == expected, f"{claim!r} vs {passage!r}: {dict(zip(LABELS, probs.round(3)))}"


@needs_weights
def test_trained_model_order_independent_of_batch_size(trained: tuple) -> None:
    tokenizer, model = trained
    rows = [case.values if hasattr(case, "values") else case for case in OBVIOUS]
    claims = [c for c, _, _ in rows]
    passages = [p for _, p, _ in rows]
    full = predict_probs(tokenizer, model, claims, passages, batch_size=32)
    singles = np.vstack([predict_probs(tokenizer, model, [c], [p]) for c, p in zip(claims, passages)])
    np.testing.assert_allclose(full, singles, atol=1e-4)


def test_predict_probs_rows_sum_to_one_in_input_order(untrained: tuple) -> None:
    tokenizer, model = untrained
    claims = ["Short claim.", "A much longer claim " + "with many extra words " * 12, "Mid claim here."]
    passages = ["p " * 3, "A passage " * 40, "Another passage of middling length here."]
    claims, passages = claims * 3, passages[::-1] * 3
    ref = np.vstack([predict_probs(tokenizer, model, [c], [p]) for c, p in zip(claims, passages)])
    for bs in (1, 2, 4, 32):
        probs = predict_probs(tokenizer, model, claims, passages, batch_size=bs)
        assert probs.shape == (len(claims), 3)
        np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)
        np.testing.assert_allclose(probs, ref, atol=1e-4)


def test_predict_probs_empty_and_mismatched(untrained: tuple) -> None:
    tokenizer, model = untrained
    assert predict_probs(tokenizer, model, [], []).shape == (0, 3)
    with pytest.raises(ValueError):
        predict_probs(tokenizer, model, ["a"], [])


def test_missing_weights_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no trained stance model"):
        load_stance_model(tmp_path)


@needs_weights
def test_a_trained_folder_given_by_path_is_loaded_as_an_own_model(tmp_path):
    """``--stance-model runs/x`` scores with that folder's weights (and its verdict thresholds)."""
    import shutil

    from safetensors.torch import load_file, save_file

    from factcheck.verify.stance import CrossEncoderStance
    from factcheck.verify.verdict import VerdictRule

    folder = tmp_path / "candidate"
    shutil.copytree(DEFAULT_MODEL_DIR, folder)
    weights = load_file(str(folder / WEIGHTS_FILE))
    weights["classifier.bias"] = weights["classifier.bias"].clone()
    weights["classifier.bias"][LABELS.index("neutral")] += 50.0  # this candidate always says neutral
    save_file(weights, str(folder / WEIGHTS_FILE))
    config = json.loads((folder / CONFIG_FILE).read_text())
    config["verdict_thresholds"] = {"support": {"threshold": 0.9}, "refute": {"threshold": 0.95}}
    (folder / CONFIG_FILE).write_text(json.dumps(config))

    candidate = CrossEncoderStance(str(folder), backend="torch")
    assert candidate.own and candidate.own_dir == folder
    claim, passage, expected = OBVIOUS[0]
    assert expected == "support"
    probs = candidate.score([claim], [passage])[0]
    assert LABELS[int(np.argmax(probs))] == "neutral"
    shipped = CrossEncoderStance(backend="torch").score([claim], [passage])[0]
    assert LABELS[int(np.argmax(shipped))] == "support"
    rule = VerdictRule.for_own_model(candidate.own_dir)
    assert (rule.support, rule.refute) == (0.9, 0.95)
