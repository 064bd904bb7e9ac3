"""Tests of the stance training tools: checkpoints round-trip, runs are remade exactly from their
command, other caps keep the validation split apart (tiny data, CPU-fast)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from factcheck.verify.stance_model import CONFIG_FILE, LABELS, load_stance_model


def test_save_then_load_round_trips(tmp_path: Path, untrained: tuple) -> None:
    import torch

    from factcheck.training.stance import save_checkpoint

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

    from factcheck.training.stance import CONFIG_FILE, WEIGHTS_FILE, train

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
    from factcheck.training.stance import build_dataset

    data = _tiny_snli(tmp_path / "train")
    _, default_val, _ = build_dataset(data, 13, val_total=20, sources=["snli"])
    train, val, _ = build_dataset(data, 13, {"snli": 150}, val_total=20, sources=["snli"])
    assert val == default_val
    assert not {p.group for p in val} & {p.group for p in train}
    assert 0 < len(train) <= 150
