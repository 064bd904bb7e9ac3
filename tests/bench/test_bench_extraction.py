"""The extraction and check-worthiness benches: loaders, matching and scoring on hand-made examples,
clear errors for bad paths, and both commands end to end on tiny files written here in each data
set's format (never on the real eval data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load_json, run_cli

from factcheck.bench import checkworthiness as cw
from factcheck.bench.extraction import load_factcheck_bench, load_propsegment, match, proposition_text, run, score
from factcheck.text import InputError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _jsonl(path: Path, rows: list[dict]) -> Path:
    return _write(path, "".join(json.dumps(r) + "\n" for r in rows))


# ---- Factcheck-Bench (factcheck-GPT-benchmark.jsonl)

def make_factcheck_bench(root: Path) -> Path:
    rows = [
        {"prompt": "Who met?", "sentences": {
            "sentence2": {"text": "The talks lasted six hours.", "claims": ["The talks lasted six hours."]},
            "sentence1": {"text": "Russian and US diplomats met in Istanbul on Thursday.",
                          "claims": ["Russian diplomats met in Istanbul.", "US diplomats met in Istanbul."]},
            "sentence3": {"text": "Let me know if you need more.", "claims": []}}},
        {"prompt": "Nothing", "sentences": {"sentence1": {"text": "  ", "claims": []}}},  # no text: left out
    ]
    return _jsonl(root / "factcheck-bench" / "factcheck-GPT-benchmark.jsonl", rows)


def test_factcheck_bench_loader_orders_sentences_and_joins_them(tmp_path):
    file = make_factcheck_bench(tmp_path)
    for path in (file, file.parent):
        units = load_factcheck_bench(path)
        assert len(units) == 1
        assert units[0]["sentences"] == ["Russian and US diplomats met in Istanbul on Thursday.",
                                         "The talks lasted six hours.", "Let me know if you need more."]
        assert units[0]["text"] == " ".join(units[0]["sentences"])
        assert units[0]["claims"] == ["Russian diplomats met in Istanbul.", "US diplomats met in Istanbul.",
                                      "The talks lasted six hours."]


# ---- PropSegmEnt v1 (document_clusters.{split}.json + propositions.{split}.json)

def _tokens(sentence: str) -> list[dict]:
    """Tokens as PropSegmEnt makes them: runs of letters/digits, and every other non-space character."""
    import re

    return [{"text": m.group(), "character_offset_of_token_in_sentence": m.start()}
            for m in re.finditer(r"\w+|[^\w\s]", sentence)]


S0 = "Zodiac (2007) was directed by David Fincher."  # tokens: Zodiac ( 2007 ) was directed by David Fincher .
S1 = "See also."


def make_propsegment(root: Path, split: str = "test") -> Path:
    folder = root / "propsegment" / "v1"
    clusters = [
        {"cluster_id": "1", "cluster_title": "", "source_dataset": "SOURCE_WIKI_CLUSTERS", "documents": [
            {"document_id": "10", "original_url": "", "document": f"{S0}\n{S1}",
             "sentences": [{"sentence_text": s, "tokens": _tokens(s)} for s in (S0, S1)]}]},
        {"cluster_id": "2", "cluster_title": "", "source_dataset": "SOURCE_NEWSHEAD", "documents": [
            {"document_id": "20", "original_url": "https://example.org/a", "url_crawl_timestamp": "2020-01-01",
             "sentences": [{"masked_sentence_text": "T__ t____.",
                            "tokens": [{"masked_text": "T__", "character_offset_of_token_in_sentence": 0}]}]}]},
    ]
    ref = {"non_informational": False, "rater_did_not_understand_sentence": False, "is_reference_response": True,
           "propositions": [{"token_indices": [0, 1, 2]}, {"token_indices": [0, 4, 5, 6, 7, 8, 9]}]}
    other = {"non_informational": False, "rater_did_not_understand_sentence": False, "is_reference_response": False,
             "propositions": [{"token_indices": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}]}
    noninf = {"non_informational": True, "rater_did_not_understand_sentence": False, "is_reference_response": False}
    props = [
        {"sentence_id": {"cluster_id": "1", "document_id": "10", "sentence_index": 0},
         "segmentation_responses": [other, ref, other]},
        {"sentence_id": {"cluster_id": "1", "document_id": "10", "sentence_index": 1},
         "segmentation_responses": [noninf, noninf, other]},  # no reference response: no gold
        {"sentence_id": {"cluster_id": "2", "document_id": "20", "sentence_index": 0},
         "segmentation_responses": [ref]},
    ]
    _write(folder / f"document_clusters.{split}.json", json.dumps(clusters))
    _write(folder / f"propositions.{split}.json", json.dumps(props))
    return folder.parent


def test_proposition_text_keeps_the_sentence_spacing():
    sentence = {"sentence_text": S0, "tokens": _tokens(S0)}
    assert proposition_text(sentence, [2, 1, 0]) == "Zodiac (2007"
    assert proposition_text(sentence, [0, 4, 5, 6, 7, 8, 9]) == "Zodiac was directed by David Fincher."


def test_propsegment_loader_reads_reference_propositions(tmp_path):
    root = make_propsegment(tmp_path)
    for path in (root, root / "v1"):
        units = load_propsegment(path)
        assert len(units) == 1  # the NewSHead cluster has no text
        assert units[0] == {"text": f"{S0}\n{S1}", "sentences": [S0, S1],
                            "claims": ["Zodiac (2007", "Zodiac was directed by David Fincher."]}


def test_propsegment_splits(tmp_path):
    root = make_propsegment(tmp_path, split="dev")
    assert len(load_propsegment(root, "dev")) == 1
    with pytest.raises(InputError, match=r"document_clusters\.test\.json: no such file"):
        load_propsegment(root)
    with pytest.raises(InputError, match="unknown PropSegmEnt split 'train'"):
        load_propsegment(root, "train")


def test_propsegment_bad_format_is_an_input_error(tmp_path):
    root = make_propsegment(tmp_path)
    _write(root / "v1" / "propositions.test.json", json.dumps([{"segmentation_responses": []}]))
    with pytest.raises(InputError, match="not in the PropSegmEnt v1 format"):
        load_propsegment(root)
    _write(root / "v1" / "propositions.test.json", "[{")
    with pytest.raises(InputError, match="not valid JSON"):
        load_propsegment(root)


# ---- matching and scoring

def test_matching_is_one_to_one():
    assert [(p, g) for p, g, _ in match(["a b", "a b c"], ["a b c"])] == [(1, 0)]
    assert match(["x y"], ["a b"]) == []
    assert match([], ["a b"]) == [] and match(["a b"], []) == []


def test_score_on_a_hand_made_example():
    pred = [["The cat sat on the mat.", "Dogs bark loudly."], ["Rain fell."]]
    gold = [["The cat sat on a mat.", "Birds sing."], ["Rain fell in Paris.", "Snow fell."]]
    # matches: cat/mat (token F1 5/6) and "Rain fell." / "Rain fell in Paris." (2/3, beating 1/2 for "Snow fell.")
    m = score(pred, gold)
    assert (m["claims"], m["matched"]) == (3, 2)
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(1 / 2)
    assert m["f1"] == pytest.approx(4 / 7)
    assert m["mean_matched_f1"] == pytest.approx((5 / 6 + 2 / 3) / 2)


def test_score_with_nothing_predicted():
    m = score([[]], [["A claim."]])
    assert (m["precision"], m["recall"], m["f1"]) == (0.0, 0.0, 0.0)


# ---- bad input

def test_bad_paths_and_names_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        run("propsegment", tmp_path / "missing")
    with pytest.raises(InputError, match=r"document_clusters\.test\.json: no such file \(pass the propsegment"):
        run("propsegment", tmp_path)
    with pytest.raises(InputError, match=r"factcheck-GPT-benchmark\.jsonl: no such file"):
        run("factcheck-bench", tmp_path)
    with pytest.raises(InputError, match="unknown dataset 'fever'"):
        run("fever", tmp_path)
    with pytest.raises(InputError, match="factcheck-bench has no splits"):
        run("factcheck-bench", make_factcheck_bench(tmp_path), split="dev")
    with pytest.raises(InputError, match="no such file or folder"):
        cw.run("factcheck-bench", tmp_path / "missing")
    with pytest.raises(InputError, match=r"subtask1_sentence_checkworthiness\.jsonl or"):
        cw.run("factcheck-bench", tmp_path)
    with pytest.raises(InputError, match="not a check-worthiness file"):
        cw.load(make_factcheck_bench(tmp_path))


def test_cli_bad_path_is_a_clear_error(tmp_path):
    for args in (["extraction", "--dataset", "propsegment"], ["checkworthiness", "--dataset", "factcheck-bench"]):
        proc = run_cli("bench", *args, "--data", str(tmp_path / "missing"), "--json")
        stderr = " ".join(proc.stderr.decode().split())  # the console may wrap a long line
        assert proc.returncode == 2
        assert "no such file or folder" in stderr and "Traceback" not in stderr


# ---- end to end (the real extractor; only the baseline's figures are fixed here)

def test_extraction_bench_end_to_end(tmp_path):
    result = run("propsegment", make_propsegment(tmp_path))
    assert (result["split"], result["documents"], result["sentences"], result["human_claims"]) == ("test", 1, 2, 2)
    base = result["systems"]["sentence"]
    assert (base["claims"], base["matched"]) == (2, 1)  # S0 matches "Zodiac was directed by David Fincher."
    assert set(result["systems"]["factcheck"]) >= {"precision", "recall", "f1", "claims", "sentences_per_s"}

    proc = run_cli("bench", "extraction", "--dataset", "factcheck-bench", "--data",
                   str(make_factcheck_bench(tmp_path)), "--limit", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    out = load_json(proc.stdout)
    assert (out["responses"], out["sentences"], out["human_claims"]) == (1, 3, 3)
    assert out["systems"]["sentence"]["matched"] == 2  # one claim of the first sentence, and "The talks..."
    assert "split" not in out


# ---- check-worthiness

def make_subtasks(root: Path) -> Path:
    folder = root / "factcheck-bench" / "subtasks"
    _jsonl(folder / "subtask1_sentence_checkworthiness.jsonl", [
        {"sentence": "Barack Obama was born in Honolulu, Hawaii, in 1961.", "checkworthy": "yes"},
        {"sentence": "The Eiffel Tower in Paris is 330 metres tall.", "checkworthy": "yes"},
        {"sentence": "Is there something else you would like to know?", "checkworthy": "not_a_claim"}])
    _jsonl(folder / "subtask2_claim_checkworthiness.jsonl", [
        {"claim": "Barack Obama was born in Honolulu.", "checkworthy": "factual"},
        {"claim": "I think abacus computing is a good option.", "checkworthy": "opinion"}])
    return folder.parent


def test_checkworthiness_loader(tmp_path):
    root = make_subtasks(tmp_path)
    for path in (root, root / "subtasks"):
        levels = cw.load(path)
        assert [g for _, g in levels["sentence"]] == [True, True, False]
        assert levels["claim"] == [("Barack Obama was born in Honolulu.", True),
                                   ("I think abacus computing is a good option.", False)]
    only = cw.load(root / "subtasks" / "subtask2_claim_checkworthiness.jsonl")
    assert list(only) == ["claim"]
    _jsonl(root / "subtasks" / "subtask2_claim_checkworthiness.jsonl", [{"text": "x"}])
    with pytest.raises(InputError, match="row 1 lacks 'claim'"):
        cw.load(root)


def test_binary_metrics_on_a_hand_made_example():
    gold = [True, True, False, False]
    m = cw.binary_metrics(gold, [0.9, 0.4, 0.6, 0.1])  # predicted: yes, no, yes, no
    assert (m["precision"], m["recall"], m["f1"], m["accuracy"]) == (0.5, 0.5, 0.5, 0.5)
    assert m["roc_auc"] == pytest.approx(0.75)  # 3 of the 4 (positive, negative) pairs ranked right
    majority = cw.binary_metrics([True, True, True, False], [1.0] * 4)
    assert majority["f1"] == pytest.approx(6 / 7) and majority["accuracy"] == 0.75 and majority["roc_auc"] == 0.5
    assert cw.roc_auc([True, True], [0.1, 0.2]) is None


def test_checkworthiness_bench_end_to_end(tmp_path):
    proc = run_cli("bench", "checkworthiness", "--dataset", "factcheck-bench", "--data",
                   str(make_subtasks(tmp_path)), "--json")
    assert proc.returncode == 0, proc.stderr
    out = load_json(proc.stdout)
    sent, claim = out["sentence"], out["claim"]
    assert (sent["items"], sent["checkworthy"], claim["items"], claim["checkworthy"]) == (3, 2, 2, 1)
    assert sent["systems"]["majority"]["f1"] == pytest.approx(0.8)  # all "yes": P 2/3, R 1
    assert sent["systems"]["majority"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    own = sent["systems"]["factcheck"]
    assert own["roc_auc"] == 1.0  # the question is scored far below the two facts (rules and model alike)
    assert own["items_per_s"] > 0
