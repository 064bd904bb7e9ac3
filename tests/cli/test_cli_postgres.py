"""The command on a PostgreSQL store (a real server): --store URL on the index commands and check,
and the faults a user meets, each one line on stderr with the password never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import psycopg
from conftest import DOCTORED, ROOT, SEEDS, SMALL_DOCS, run_cli

from factcheck.corpus.pgserver import EmbeddedServer
from factcheck.corpus.postgres import build, parse_url


def one_line_error(proc, code: int = 2) -> str:
    assert proc.returncode == code, proc.stderr
    text = proc.stderr.decode() if isinstance(proc.stderr, bytes) else proc.stderr
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), text
    return lines[0]


def test_build_info_check_add_remove_on_a_server(pg_url, tmp_path):
    proc = run_cli("index", "build", str(SEEDS / "reference"), "--store", pg_url)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(run_cli("index", "info", "--store", pg_url, "--json", "--documents").stdout)
    assert info["documents"] > 10 and info["vector_index"].startswith("hnsw") and info["path"] == pg_url
    assert all(d["title"] for d in info["document_list"])

    out = json.loads(run_cli("check", str(DOCTORED), "--store", pg_url, "--json").stdout)
    evidence = [e for c in out["claims"] for e in c["evidence"]]
    assert evidence and out["index"]["path"] == pg_url
    assert all(e["source"]["doc_id"] in {d["doc_id"] for d in info["document_list"]} for e in evidence)

    extra = tmp_path / "note.txt"
    extra.write_text("Harbour note\n\nThe harbour master of Odesa counted 41 grain ships in August 2023.\n")
    proc = run_cli("index", "add", str(extra), "--store", pg_url)
    assert proc.returncode == 0 and "Added 1 documents" in proc.stderr.decode()
    assert run_cli("index", "remove", "note", "--store", pg_url).returncode == 0
    line = one_line_error(run_cli("index", "remove", "note", "--store", pg_url))
    assert "not in the index: note" in line
    assert json.loads(run_cli("index", "info", "--store", pg_url, "--json").stdout)["documents"] == info["documents"]


def test_both_index_and_store_is_an_error(pg_url, tmp_path):
    line = one_line_error(run_cli("index", "info", "--store", pg_url, "--index", str(tmp_path)))
    assert "--index FOLDER or --store URL, not both" in line


def test_wrong_url_or_password_is_one_line_without_the_password(pg_server, pg_url, embedder):
    build(pg_url, [list(SMALL_DOCS)], embedder).close()
    pg_server.psql("DROP ROLE IF EXISTS editor; CREATE ROLE editor LOGIN PASSWORD 'Correct-Pony-77'")
    wrong = pg_url.replace("postgres@", "editor:Wrong-Pony-13@")
    for args in (("index", "info", "--store", wrong), ("check", str(DOCTORED), "--store", wrong)):
        proc = run_cli(*args)
        line = one_line_error(proc)
        assert "password authentication failed" in line and "editor:***@" in line
        assert b"Wrong-Pony-13" not in proc.stderr + proc.stdout
    nowhere = "postgresql+psycopg://editor:Wrong-Pony-13@/factcheck?host=/nonexistent/dir"
    proc = run_cli("index", "add", str(SEEDS / "reference"), "--store", nowhere)
    assert "cannot connect to PostgreSQL" in one_line_error(proc) and b"Wrong-Pony-13" not in proc.stderr
    assert "unsupported store mysql://db/x" in one_line_error(run_cli("index", "info", "--store", "mysql://db/x"))


def test_store_built_with_another_model(pg_url, other_embedder):
    build(pg_url, [list(SMALL_DOCS)], other_embedder).close()
    line = one_line_error(run_cli("check", str(DOCTORED), "--store", pg_url, "--model", "all-MiniLM-L6-v2"))
    assert f"built with embedding model '{other_embedder.model_name}', not 'all-MiniLM-L6-v2'" in line


def test_server_stopped_during_index_add(tmp_path, embedder):
    """The add has embedded its documents and opened its transaction (it waits for the write lock,
    which this test holds) when the server stops: one line, exit 2, and after a restart the index
    holds exactly what it held before."""
    server = EmbeddedServer(durable=False)
    server.start()
    try:
        url = server.url
        build(url, [list(SMALL_DOCS)], embedder).close()
        docs = tmp_path / "docs"
        docs.mkdir()
        for i in range(3):
            (docs / f"n{i}.txt").write_text(f"Note {i}\n\nThe port of Odesa shipped {i + 5} cargoes of wheat.\n")
        conninfo, schema = parse_url(url)
        holder = psycopg.connect(conninfo)
        holder.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"factcheck:{schema}",))
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", "index", "add", str(docs), "--store", url],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
        waiting = None
        with psycopg.connect(conninfo, autocommit=True) as watch:
            for _ in range(1200):
                waiting = watch.execute("SELECT 1 FROM pg_stat_activity WHERE application_name = 'factcheck' "
                                        "AND wait_event_type = 'Lock' AND xact_start IS NOT NULL").fetchone()
                if waiting or proc.poll() is not None:
                    break
                time.sleep(0.05)
        assert waiting, proc.communicate()
        server.stop(mode="fast")
        out, err = proc.communicate(timeout=60)
        line = one_line_error(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        assert "rolled back" in line and "index holds what it held before" in line
        holder.close()
        server.start()
        info = json.loads(run_cli("index", "info", "--store", url, "--json", "--documents").stdout)
        assert [d["doc_id"] for d in info["document_list"]] == ["crimea", "grain", "istanbul"]
        assert run_cli("index", "add", str(docs), "--store", url).returncode == 0  # and it takes writes again
    finally:
        server.stop(remove=True)
