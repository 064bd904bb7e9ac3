"""Tests for the committed stance cross-encoder and its loader (small and CPU-fast)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.stance_model import (
    CONFIG_FILE,
    DEFAULT_MODEL_DIR,
    LABELS,
    WEIGHTS_FILE,
    build_base_classifier,
    base_model_path,
    load_stance_model,
    predict_probs,
)

HAS_WEIGHTS = (DEFAULT_MODEL_DIR / WEIGHTS_FILE).is_file()
needs_weights = pytest.mark.skipif(
    not HAS_WEIGHTS,
    reason=f"no trained stance weights in {DEFAULT_MODEL_DIR} yet "
    "(train them with: python -m factcheck.stance_train --data DATA/train --max-minutes 85)",
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


@pytest.fixture(scope="module")
def untrained() -> tuple:
    """Base weights + random head: enough to test batching/ordering without trained weights."""
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(0)
    model = build_base_classifier().eval()
    tokenizer = AutoTokenizer.from_pretrained(str(base_model_path()))
    tokenizer.model_max_length = 128
    return tokenizer, model


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


def test_save_then_load_round_trips(tmp_path: Path, untrained: tuple) -> None:
    import torch

    from factcheck.stance_train import save_checkpoint

    tokenizer, model = untrained
    model.base_model.embeddings.requires_grad_(False)
    save_checkpoint(model, tmp_path, {"labels": list(LABELS), "max_length": 128})
    stored = json.loads((tmp_path / CONFIG_FILE).read_text(encoding="utf-8"))["stored_parameters"]
    assert "classifier.weight" in stored and not any("embeddings" in n for n in stored)
    _, loaded = load_stance_model(tmp_path)
    enc = tokenizer(["The meeting was held in Istanbul."], ["Delegations met there."], return_tensors="pt")
    with torch.no_grad():
        a, b = model(**enc).logits, loaded(**enc).logits
    # stored in fp16: equal up to half-precision rounding of the fine-tuned weights
    torch.testing.assert_close(a, b, atol=5e-2, rtol=0)


@needs_weights
def test_a_trained_folder_given_by_path_is_loaded_as_an_own_model(tmp_path):
    """``--stance-model runs/x`` scores with that folder's weights (and its verdict thresholds)."""
    import shutil

    from safetensors.torch import load_file, save_file

    from factcheck.stance import CrossEncoderStance
    from factcheck.verdict import VerdictRule

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


def _tiny_snli(folder: Path) -> Path:
    """A small SNLI-format folder: each premise with a supported, an unverified and a contradicted hypothesis."""
    animals = ["dog", "cat", "horse", "goat", "duck", "fox", "sheep", "pig", "cow", "rabbit"]
    places = ["beach", "park", "field", "street", "garden", "forest", "yard", "road", "farm", "hill"]
    rows = []
    for a in animals:
        for i, p in enumerate(places):
            premise = f"A {a} is running across the {p} ."
            rows += [{"premise": premise, "hypothesis": f"An animal is outside in the {p} .", "label": "entailment"},
                     {"premise": premise, "hypothesis": f"The {a} is chasing a ball .", "label": "neutral"},
                     {"premise": premise, "hypothesis": f"The {a} is asleep in the {places[i - 1]} .",
                      "label": "contradiction"}]
    (folder / "snli").mkdir(parents=True)
    for name, part in (("snli_dev_pairs.jsonl", rows[::2]), ("snli_test_pairs.jsonl", rows[1::2])):
        (folder / "snli" / name).write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    return folder


def test_a_run_stopped_at_a_step_is_remade_exactly_by_the_same_command(tmp_path: Path) -> None:
    """``--stop-at-step`` on a fixed schedule: the checkpoint is a function of the command alone."""
    from safetensors.numpy import load_file

    from factcheck.stance_train import CONFIG_FILE, WEIGHTS_FILE, train

    data = _tiny_snli(tmp_path / "train")
    runs = []
    for name in ("a", "b"):
        summary = train(data, tmp_path / name, max_minutes=10, sources=["snli"], batch_size=4, max_steps=12,
                        stop_at_step=3, warmup_steps=1, val_total=20, eval_minutes=60, log_every=1,
                        augment_share=1.0, keep_checkpoints=name == "b")
        runs.append(load_file(str(tmp_path / name / WEIGHTS_FILE)))
        assert summary["steps"] == 3 and summary["stop_reason"] == "stopped at step 3"
        assert summary["best"]["step"] == 3
        command = json.loads((tmp_path / name / CONFIG_FILE).read_text(encoding="utf-8"))["training_command"]
        assert "--max-steps 12 --stop-at-step 3" in command
    assert runs[0].keys() == runs[1].keys()
    assert all(np.array_equal(runs[0][k], runs[1][k]) for k in runs[0])
    # --keep-checkpoints keeps each validated checkpoint beside the best one
    assert not (tmp_path / "a" / "checkpoints").exists()
    kept = load_file(str(tmp_path / "b" / "checkpoints" / "step-3" / WEIGHTS_FILE))
    assert all(np.array_equal(kept[k], runs[1][k]) for k in kept)


def test_other_caps_keep_the_default_validation_split_out_of_training(tmp_path: Path) -> None:
    """A run with its own per-source caps is validated on pairs no default-split model trained on."""
    from factcheck.stance_train import build_dataset

    data = _tiny_snli(tmp_path / "train")
    _, default_val, _ = build_dataset(data, 13, val_total=20, sources=["snli"])
    train, val, _ = build_dataset(data, 13, {"snli": 150}, val_total=20, sources=["snli"])
    assert val == default_val
    assert not {p.group for p in val} & {p.group for p in train}
    assert 0 < len(train) <= 150
