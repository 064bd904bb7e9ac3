"""Coverage-guided fuzzing of ingestion (``load_documents`` then ``chunk``, as `index add` does)
with atheris (libFuzzer for Python). Not a pytest test: `make fuzz-atheris` runs it for
FUZZ_SECONDS (60 by default) with libFuzzer's own memory (1 GB RSS) and per-input time (20 s)
limits, starting from one small valid file of each kind (in runs/atheris-corpus/, kept between
runs so the corpus grows).

An input is one byte that picks the suffix (.txt .md .html .htm .pdf .docx .jsonl .csv) and the
file's bytes. The property is the fuzz tests' own: the file is read, or refused with InputError
whose message is one line; anything else (another exception, a message of several lines, an
input over the memory or time limit) is a crash that libFuzzer saves as crash-*/oom-*/timeout-*.

    .venv/bin/python tests/hardening/atheris_ingest.py -max_total_time=60 runs/atheris-corpus
    .venv/bin/python tests/hardening/atheris_ingest.py crash-<hash>      # replay one input
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fuzzkit, for the seed files

with atheris.instrument_imports(include=["factcheck", "pypdf", "docx", "trafilatura", "htmldate", "justext"]):
    import docx  # noqa: F401  (imported here so that it is instrumented)
    import htmldate  # noqa: F401
    import pypdf  # noqa: F401
    import trafilatura  # noqa: F401

    from factcheck.corpus.ingest import SUPPORTED, chunk, load_documents
    from factcheck.text import InputError

SUFFIXES = sorted(SUPPORTED)
WORK = Path(tempfile.mkdtemp(prefix="atheris-ingest-"))
logging.disable(logging.CRITICAL)  # trafilatura and pypdf log about broken input; that is expected


def one_input(data: bytes) -> None:
    if not data:
        return
    path = WORK / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    try:
        for d in load_documents(path):
            chunk(d.text)
    except InputError as e:
        if "\n" in str(e) or "\r" in str(e) or not str(e).strip():
            raise AssertionError(f"InputError message is not one line: {str(e)!r}") from None


def seed(corpus: Path) -> None:
    """One small valid file of each kind, the suffix byte in front."""
    from fuzzkit import valid_files

    corpus.mkdir(parents=True, exist_ok=True)
    for suffix, data in valid_files().items():
        (corpus / f"seed{suffix}").write_bytes(bytes([SUFFIXES.index(suffix)]) + data)


def main() -> None:
    corpora = [Path(a) for a in sys.argv[1:] if not a.startswith("-") and not Path(a).is_file()]
    for corpus in corpora:
        if not corpus.exists() or not any(corpus.iterdir()):
            seed(corpus)
    atheris.Setup(sys.argv, one_input)
    try:
        atheris.Fuzz()
    finally:
        for p in WORK.iterdir():
            p.unlink()
        os.rmdir(WORK)


if __name__ == "__main__":
    main()
