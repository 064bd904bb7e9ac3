"""Check-worthiness training: each data format loads, held-out texts never reach the fit, the JSON loads in the scorer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from factcheck.extract.checkworthy import CheckworthinessModel
from factcheck.training.checkworthiness import (Sentence, load_claimbuster, load_clef20_debates, load_clef20_tweets,
                                                load_ct19, load_sets, missing_files, sample_weights, train)

FACTS = ["Unemployment fell to {} percent in {}.", "The state cut {} jobs in {}.", "Taxes rose {} percent in {}."]
CHATTER = ["Thank you all, {} and {}.", "I think we can do better, {} {}.", "Good evening to {} of you {}."]


def sentences(prefix: str, n: int = 6) -> list[Sentence]:
    """Half check-worthy (numbers, a year), half not; every text unique to its ``prefix``."""
    out = []
    for i in range(n):
        template = (FACTS if i % 2 == 0 else CHATTER)[i // 2 % 3]
        out.append(Sentence(f"{prefix} " + template.format(i + 3, 2000 + i), int(i % 2 == 0)))
    return out


def write_json(path: Path, rows: list[Sentence]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([{"sentence_id": i, "label": s.label, "text": s.text} for i, s in enumerate(rows)]))


def write_ct19(path: Path, rows: list[Sentence]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["line_number,speaker,text,label,file_name"]
    lines += [f'{i},SANDERS,"{s.text}",{s.label},20160209_msnbc_dem.tsv' for i, s in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_tweets(path: Path, rows: list[Sentence], column: str = "check_worthiness") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"topic_id\ttweet_id\ttweet_url\ttweet_text\tclaim\t{column}"]
    lines += [f"covid-19\t{i}\thttps://twitter.com/u/status/{i}\t{s.text}\t1\t{s.label}" for i, s in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_debates(path: Path, rows: list[Sentence]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["text\tlabel"] + [f'"{s.text}"\t{s.label}' for s in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_data(root: Path) -> Path:
    """A tiny copy of the checkworthiness/ folder layout; one held-out text also sits in a training file."""
    leaked = sentences("ct19-test")[0]
    write_json(root / "two_class/train.json", sentences("cb-train", 12))
    write_json(root / "two_class/test.json", sentences("cb-test"))
    write_ct19(root / "clef19/CT19-T1-Training.csv", sentences("ct19-train", 12) + [leaked])
    write_ct19(root / "clef19/CT19-T1-Test.csv", sentences("ct19-test"))
    write_debates(root / "clef20/task5/train.tsv", sentences("t5-train", 12))
    write_debates(root / "clef20/task5/test-gold.tsv", sentences("t5-test"))
    write_tweets(root / "clef20/task1/training_v2.tsv", sentences("tw-train", 12))
    write_tweets(root / "clef20/task1/dev_v2.tsv", sentences("tw-dev"))
    write_tweets(root / "clef20/task1/test-gold.tsv", sentences("tw-test"), column="claim_worthiness")
    return root


class FakeEmbedder:
    """Deterministic unit vectors; one dimension lights up for sentences that state a number."""

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        out = []
        for t in texts:
            rng = np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16))
            v = rng.normal(size=384) * 0.1
            v[0] += 1.0 if "percent" in t or "jobs" in t else -1.0
            out.append(v / np.linalg.norm(v))
        return np.array(out, dtype=np.float32)


def test_each_format_loads(tmp_path):
    root = make_data(tmp_path)
    cb = load_claimbuster(root / "two_class/test.json")
    assert cb == sentences("cb-test")
    assert load_ct19(root / "clef19/CT19-T1-Test.csv") == sentences("ct19-test")  # quoted commas kept
    assert load_clef20_debates(root / "clef20/task5/test-gold.tsv") == sentences("t5-test")
    assert load_clef20_tweets(root / "clef20/task1/dev_v2.tsv") == sentences("tw-dev")
    # the test file names its label column claim_worthiness
    assert load_clef20_tweets(root / "clef20/task1/test-gold.tsv") == sentences("tw-test")


def test_doubled_quotes_in_a_debate_sentence_unescape(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text('text\tlabel\n"He said ""we filled it"", and we did."\t0\n', encoding="utf-8")
    assert load_clef20_debates(path) == [Sentence('He said "we filled it", and we did.', 0)]


def test_held_out_texts_leave_training_and_negatives_are_capped(tmp_path):
    root = make_data(tmp_path)
    train_sets, held, dropped = load_sets(root, max_negatives=2)
    held_texts = {s.text for rows in held.values() for s in rows}
    assert not held_texts & {s.text for rows in train_sets.values() for s in rows}
    assert set(held) == {"claimbuster", "ct19", "clef20_debates", "tweets"}
    assert len(held["tweets"]) == 12  # dev and test together, held-out sets are never cut
    debates = train_sets["debates"]  # CT19 and task 5 together: 12 positives, 12 negatives cut to 2
    assert sum(s.label for s in debates) == 12 and len(debates) == 14 and dropped["debates"] == 10


def test_every_source_and_class_weighs_the_same():
    ys = [np.array([1, 0, 0, 0]), np.array([1] * 3 + [0] * 97)]
    w = sample_weights(ys)
    assert np.isclose(w.mean(), 1.0)
    small, large = w[:4], w[4:]
    assert np.isclose(small.sum(), large.sum())
    assert np.isclose(small[:1].sum(), small[1:].sum()) and np.isclose(large[:3].sum(), large[3:].sum())


def test_missing_files_are_named(tmp_path):
    root = make_data(tmp_path)
    (root / "clef20/task5/train.tsv").unlink()
    assert missing_files(root) == ["clef20/task5/train.tsv"]


def test_training_writes_weights_the_scorer_loads(tmp_path, monkeypatch):
    monkeypatch.setattr("factcheck.training.checkworthiness.CS", (1.0,))  # separable toy data: large C fits slowly
    root = make_data(tmp_path / "data")
    out = tmp_path / "checkworthiness.json"
    first = train(root, out=out, embedder=FakeEmbedder())
    assert first["replaced_model"] is None
    model = CheckworthinessModel.load(out)
    assert model.coef.shape == (384,)
    probs = model.probability(FakeEmbedder().encode(["Taxes rose 9 percent in 2012.", "Thank you all, Iowa."]))
    assert probs[0] > 0.5 > probs[1]
    saved = json.loads(out.read_text())
    assert {"model", "data", "metrics", "coef", "intercept"} <= set(saved)
    assert set(saved["metrics"]["held_out"]) == {"claimbuster", "ct19", "clef20_debates", "tweets"}
    assert len(saved["metrics"]["candidates"]) == 5 and "claimbuster" in saved["metrics"]["chosen"]["sources"]
    # a second run scores the model it replaces on the same held-out sets
    second = train(root, out=out, embedder=FakeEmbedder())
    for name, m in second["held_out"].items():
        assert abs(second["replaced_model"][name]["roc_auc"] - m["roc_auc"]) < 1e-3
