"""The command as a user runs it: JSON shape, batch reports, and one-line errors for bad input."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from conftest import DOCTORED, SEEDS, run_cli

from factcheck.corpus.index import MANIFEST
from factcheck.verify.stance import has_own_model


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory, sample_index):
    """A copy of the sample index the commands may change."""
    path = tmp_path_factory.mktemp("cli") / "index"
    shutil.copytree(sample_index.path, path)
    return path


def one_line_error(proc, code: int = 2) -> str:
    assert proc.returncode == code, proc.stderr
    lines = [line for line in proc.stderr.decode().strip().splitlines() if line.strip()]
    assert lines and lines[-1].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr.decode()
    return lines[-1]


def test_check_json_shape(cli_index):
    proc = run_cli("check", str(DOCTORED), "--index", str(cli_index), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)  # exactly one JSON object on stdout
    assert out["claims"]
    for claim in out["claims"]:
        assert {"id", "text", "sentence", "start", "end", "speaker", "checkworthiness", "evidence",
                "verdict", "confidence"} <= claim.keys()
        for e in claim["evidence"]:
            assert {"passage_id", "text", "score", "source", "stance", "probs"} <= e.keys()
            assert {"title", "url", "date"} <= e["source"].keys()
    assert any(c["speaker"] for c in out["claims"])


def test_check_reads_stdin_and_prints_markdown(cli_index):
    proc = run_cli("check", "-", "--index", str(cli_index), stdin=b"Russia annexed Crimea in 2014.")
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout.decode()
    assert "Russia annexed Crimea in 2014" in md
    assert ("ranked by relevance only" in md) != has_own_model()  # no stance model: no verdict claimed
    assert ("verdict: **" in md) == has_own_model()


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "the article is empty"),
    ("blank.txt", b"  \n\t \n", "the article is empty"),
    ("binary.txt", bytes(range(256)) * 20, "binary file"),
    ("latin1.txt", "Le caf\xe9 est \xe0 Istanbul.".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_articles(tmp_path, cli_index, name, data, message):
    (tmp_path / name).write_bytes(data)
    assert message in one_line_error(run_cli("check", str(tmp_path / name), "--index", str(cli_index)))


def test_encoding_option_reads_latin1(tmp_path, cli_index):
    (tmp_path / "latin1.txt").write_bytes("Le ministre a visit\xe9 Istanbul en 2025.".encode("latin-1"))
    proc = run_cli("check", str(tmp_path / "latin1.txt"), "--index", str(cli_index), "--encoding", "latin-1", "--json")
    assert proc.returncode == 0 and "visité" in proc.stdout.decode()


def test_missing_and_corrupt_index(tmp_path):
    article = str(SEEDS / "articles" / "istanbul-embassy-talks.txt")
    assert "no index at" in one_line_error(run_cli("check", article, "--index", str(tmp_path / "none")))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / MANIFEST).write_text("{oops")
    (tmp_path / "bad" / "passages.sqlite").write_text("")
    assert "unreadable" in one_line_error(run_cli("check", article, "--index", str(tmp_path / "bad")))


def test_index_built_with_another_model(cli_index):
    article = str(SEEDS / "articles" / "istanbul-embassy-talks.txt")
    line = one_line_error(run_cli("check", article, "--index", str(cli_index), "--model", "paraphrase-MiniLM-L3-v2"))
    assert "built with embedding model 'all-MiniLM-L6-v2'" in line


def test_failed_document_mid_batch_is_listed_and_the_rest_indexed(tmp_path, cli_index):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a_first.txt").write_text("The Dolmabahce Palace hosted Russia-Ukraine talks in March 2022.")
    (src / "b_broken.pdf").write_bytes(b"%PDF-1.4 truncated nonsense")
    (src / "c_last.md").write_text("# Grain\n\nThe grain corridor deal expired in July 2023.")
    before = json.loads(run_cli("index", "info", "--index", str(cli_index), "--json").stdout)
    proc = run_cli("index", "add", str(src), "--index", str(cli_index))
    assert proc.returncode == 1
    assert "b_broken.pdf: could not parse .pdf" in proc.stderr.decode()
    info = json.loads(run_cli("index", "info", "--index", str(cli_index), "--json", "--documents").stdout)
    ids = {d["doc_id"] for d in info["document_list"]}
    assert {"a_first", "c_last"} <= ids and "b_broken" not in ids
    assert info["documents"] == before["documents"] + 2  # nothing that was there is lost


def test_report_batch_goes_on_past_a_bad_article_and_resumes(tmp_path, cli_index):
    arts = tmp_path / "articles"
    arts.mkdir()
    shutil.copy(DOCTORED, arts / "doctored.txt")
    (arts / "empty.txt").write_text("   ")
    (arts / "short.txt").write_text("Russia annexed Crimea in 2014. Lavrov visited Qatar in February 2025.")
    out = tmp_path / "out"
    proc = run_cli("report", str(arts), "--out", str(out), "--index", str(cli_index))
    assert proc.returncode == 1, proc.stderr
    rows = {r["article"].rsplit("/", 1)[-1]: r for r in csv.DictReader(open(out / "summary.csv"))}
    assert "the article is empty" in rows["empty.txt"]["error"]
    assert int(rows["doctored.txt"]["claims"]) > 20 and int(rows["short.txt"]["claims"]) == 2
    assert (out / "doctored.md").exists() and json.loads((out / "doctored.json").read_text())["claims"]
    stamp = (out / "doctored.json").stat().st_mtime_ns
    again = run_cli("report", str(arts), "--out", str(out), "--index", str(cli_index))
    assert again.returncode == 1 and (out / "doctored.json").stat().st_mtime_ns == stamp  # resumed, not redone


def test_help_on_every_command():
    for args in (["--help"], ["check", "--help"], ["report", "--help"], ["index", "build", "--help"],
                 ["index", "add", "--help"], ["index", "remove", "--help"], ["index", "info", "--help"]):
        proc = run_cli(*args)
        assert proc.returncode == 0 and b"Usage" in proc.stdout
