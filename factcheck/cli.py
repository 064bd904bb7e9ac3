"""The ``factcheck`` command: index management, checking one article, batch reports.

Typer gives typed options and ``--help`` on every command; rich draws the progress bars.
Every failure a user can cause ends in a one-line ``error:`` message and a non-zero exit,
never a traceback; in a batch, failures are listed and the rest goes on (exit 1 at the end).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path
from typing import Annotated, BinaryIO, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from .corpus.embed import DEFAULT_MODEL
from .text import InputError

app = typer.Typer(help="Claim-level fact-checking against a trusted reference index.",
                  pretty_exceptions_enable=False, no_args_is_help=True, add_completion=False)
index_app = typer.Typer(help="Build and maintain the reference index.", no_args_is_help=True)
app.add_typer(index_app, name="index")
err = Console(stderr=True, soft_wrap=True, highlight=False)  # one message, one line

IndexOpt = Annotated[Optional[Path], typer.Option("--index", "-i", help="Index folder [default: $FACTCHECK_STORE, "
                                                  "else index/default, built from the bundled sample corpus if missing].")]
StoreOpt = Annotated[Optional[str], typer.Option("--store", help="Where the index lives instead of --index: a PostgreSQL "
                                                 "URL, postgresql+psycopg://USER:PASSWORD@HOST/DB (add ?schema=NAME to "
                                                 "keep several indexes in one database), or an index folder.")]


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def _store_spec(path: Optional[Path], store: Optional[str]) -> Optional[str]:
    """The store named by --index or --store (None: the default); InputError when both are given."""
    if path is not None and store is not None:
        raise InputError("give --index FOLDER or --store URL, not both")
    return store if store is not None else (str(path) if path is not None else None)


def _open_index(path: Optional[Path], model: Optional[str] = None, store: Optional[str] = None):
    from .corpus.store import is_postgres_url, open_store
    from .pipeline import default_store, open_or_build_sample

    spec = _store_spec(path, store)
    if spec is None:
        spec = default_store()
        if not is_postgres_url(spec) and not Path(spec).exists():
            err.print(f"No index at {spec}: building it from the bundled sample corpus.")
            return open_or_build_sample(Path(spec))
    return open_store(spec, model=model)


def _load_sources(paths: list[Path]):
    """Parse every source; return the documents and a list of (file, reason) that failed."""
    from .corpus.ingest import find_sources, load_documents

    docs, failures = [], []
    files = find_sources(paths)
    if not files:
        raise InputError(f"no supported documents in {', '.join(map(str, paths))}")
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("Reading documents", total=len(files))
        for f in files:
            try:
                docs.extend(load_documents(f))
            except InputError as e:
                failures.append((str(f), str(e)))
            bar.advance(task)
    return docs, failures


def _report_failures(failures: list[tuple[str, str]]) -> None:
    for f, reason in failures:
        err.print(f"[yellow]skipped[/yellow] {escape(reason)}")


@index_app.command("build")
def index_build(sources: Annotated[list[Path], typer.Argument(help="Files or folders to index.")],
                index: IndexOpt = None, store: StoreOpt = None,
                model: Annotated[str, typer.Option(help="sentence-transformers model name or path.")] = DEFAULT_MODEL):
    """Build a new index from SOURCES (replaces the one at --index or --store only once the new one is complete)."""
    from .corpus.embed import Embedder
    from .corpus.index import IndexError_
    from .corpus.store import build_store
    from .pipeline import default_store

    try:
        spec = _store_spec(index, store) or default_store()
        docs, failures = _load_sources(sources)
        if not docs:
            raise InputError("none of the sources could be read")
        err.print(f"Embedding {len(docs)} documents with {model} ...")
        idx = build_store(spec, [docs], Embedder(model))
    except (InputError, IndexError_) as e:
        _fail(str(e))
    _report_failures(failures)
    info = idx.info()
    err.print(f"Built {info['path']}: {info['documents']} documents, {info['passages']} passages.")
    if failures:
        raise typer.Exit(1)


@index_app.command("add")
def index_add(sources: Annotated[list[Path], typer.Argument(help="Files or folders to add.")], index: IndexOpt = None,
              store: StoreOpt = None):
    """Add documents (a document whose id is already indexed is replaced); no rebuild needed."""
    from .corpus.index import IndexError_

    try:
        idx = _open_index(index, store=store)
        docs, failures = _load_sources(sources)
        result = idx.add_documents(docs) if docs else None
    except (InputError, IndexError_) as e:
        _fail(str(e))
    _report_failures(failures)
    if result:
        err.print(f"Added {result.documents} documents ({result.passages} passages, {result.replaced} replaced).")
    if failures:
        raise typer.Exit(1)


@index_app.command("remove")
def index_remove(doc_ids: Annotated[list[str], typer.Argument(help="Document ids (see 'index info --documents').")],
                 index: IndexOpt = None, store: StoreOpt = None):
    """Remove documents and their passages from the index."""
    from .corpus.index import IndexError_

    try:
        n = _open_index(index, store=store).remove(doc_ids)
    except (InputError, IndexError_) as e:
        _fail(str(e))
    err.print(f"Removed {n} documents.")


@index_app.command("info")
def index_info(index: IndexOpt = None, store: StoreOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False,
               documents: Annotated[bool, typer.Option("--documents", help="List the documents too.")] = False):
    """Show what an index holds: model, dimension, counts (and documents)."""
    from .corpus.index import IndexError_

    try:
        idx = _open_index(index, store=store)
        info = idx.info()
        docs = idx.documents() if documents else None
    except (InputError, IndexError_) as e:
        _fail(str(e))
    if as_json:
        print(json.dumps({**info, **({"document_list": docs} if docs is not None else {})}, indent=2))
        return
    for k, v in info.items():
        print(f"{k:16} {v}")
    if docs:
        table = Table("doc_id", "title", "publisher", "date", "passages")
        for d in docs:
            table.add_row(d["doc_id"], d["title"][:60], d["publisher"], d["date"], str(d["passages"]))
        Console().print(table)


@index_app.command("check")
def index_check(index: IndexOpt = None, store: StoreOpt = None,
                repair: Annotated[bool, typer.Option("--repair", help="Rebuild what is derived from the stored "
                                                     "data (vector file, full-text index, manifest; on PostgreSQL "
                                                     "postings, statistics, HNSW index). Stored data is never "
                                                     "deleted.")] = False,
                as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Verify an index end to end without repairing it silently: exit 0 when healthy (or repaired),
    else 1 with one line per problem on stderr."""
    from .corpus.check import check_spec
    from .corpus.index import IndexError_

    try:
        spec = _store_spec(index, store)
        if spec is None:
            from .pipeline import default_store

            spec = default_store()
        result = check_spec(spec, repair=repair)
    except (InputError, IndexError_) as e:
        _fail(str(e))
    if as_json:
        print(json.dumps(result.to_dict()))
    else:
        for line in result.repaired:
            print(f"repaired {line}")
        for note in result.notes:
            print(f"note: {note}")
        if result.ok:
            c = result.counts
            print(f"{result.path}: healthy ({c.get('documents')} documents, {c.get('passages')} passages, "
                  f"generation {c.get('generation')})")
    for problem in result.problems:
        err.print(escape(str(problem)))
    if not result.ok:
        raise typer.Exit(1)


LLMOpt = Annotated[Optional[str], typer.Option("--llm", help="Also ask a LangChain chat model, provider:model (e.g. "
                                               "openai:gpt-4o-mini, ollama:llama3.1), to decompose claims and judge "
                                               "passages; needs the provider's package and credentials. Offline when "
                                               "not given.")]
StanceOpt = Annotated[Optional[str], typer.Option("--stance-model", help="Hugging Face NLI model name or folder, "
                                                  "or a folder written by train-stance, to judge stance "
                                                  "[default: factcheck's own].")]


def _checker(index: Optional[Path], k: int, min_cw: float, model: Optional[str] = None,
             stance_model: Optional[str] = None, store: Optional[str] = None, llm: Optional[str] = None):
    from .llm import chat_model
    from .pipeline import Checker, with_llm
    from .verify.stance import CrossEncoderStance

    chat = chat_model(llm) if llm else None  # a missing provider fails before the index and models load
    stance = CrossEncoderStance(stance_model) if stance_model else None
    checker = Checker(_open_index(index, model, store), k=k, min_checkworthiness=min_cw, stance=stance)
    return with_llm(checker, chat) if chat is not None else checker


def _warn_llm(checker) -> None:
    """What the LLM could not do (the offline result stands in): one warning line each."""
    for problem in dict.fromkeys(checker.llm_problems):
        err.print(f"[yellow]warning:[/yellow] {escape(problem)}")


def _date(value: Optional[str]):
    """``--date`` as a date; InputError for anything but YYYY-MM-DD."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value!r}: give the article's date as YYYY-MM-DD") from None


@app.command()
def check(article: Annotated[Path, typer.Argument(help="Article file (.txt .md .html .pdf .docx), or - for stdin.")],
          index: IndexOpt = None, store: StoreOpt = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
          k: Annotated[int, typer.Option("-k", min=1, max=50, help="Evidence passages per claim.")] = 5,
          min_checkworthiness: Annotated[float, typer.Option(min=0.0, max=1.0, help="Search evidence only "
                                                             "for claims at least this check-worthy.")] = 0.0,
          encoding: Annotated[Optional[str], typer.Option(help="Text encoding of the article [default: UTF-8].")] = None,
          model: Annotated[Optional[str], typer.Option(help="Embedding model to use; must be the one that "
                                                       "built the index [default: the index's own].")] = None,
          stance_model: StanceOpt = None,
          date: Annotated[Optional[str], typer.Option(help="The article's date, YYYY-MM-DD: resolves its "
                                                      "'Thursday' and 'last week' [default: its date line].")] = None,
          llm: LLMOpt = None):
    """Check one ARTICLE: claims, evidence per claim, as Markdown (default) or JSON."""
    from .report.export import to_json, to_markdown
    from .corpus.index import IndexError_
    from .corpus.ingest import read_article
    from .text import decode_text

    try:
        if str(article) == "-":
            title, text = "stdin", decode_text(sys.stdin.buffer.read(), "stdin", encoding)
        else:
            title, text = read_article(article, encoding)
        if not text.strip():
            raise InputError(f"{article}: the article is empty")
        when = _date(date)
        checker = _checker(index, k, min_checkworthiness, model, stance_model, store, llm)
        report = checker.check(text, title=title, date=when)
    except (InputError, IndexError_) as e:
        _fail(str(e))
    _warn_llm(checker)
    print(to_json(report) if as_json else to_markdown(report))


@app.command()
def report(articles: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
           out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports.")],
           index: IndexOpt = None, store: StoreOpt = None,
           k: Annotated[int, typer.Option("-k", min=1, max=50)] = 5,
           min_checkworthiness: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.0,
           force: Annotated[bool, typer.Option(help="Redo articles whose report is already up to date.")] = False,
           stance_model: StanceOpt = None, llm: LLMOpt = None):
    """Write a Markdown and a JSON report per article and a summary.csv; resumable.

    An article whose report already exists for the same text is skipped, so an interrupted
    batch picks up where it stopped. An article that fails is listed and the rest go on.
    """
    from .report.export import SUMMARY_FIELDS, csv_cell, summary_row, to_markdown
    from .corpus.index import IndexError_
    from .corpus.ingest import read_article
    from .types import Report

    files = [f for a in articles for f in (sorted(p for p in a.rglob("*") if p.is_file() and not p.name.startswith("."))
                                           if a.is_dir() else [a])]
    if not files:
        _fail("no articles given")
    try:
        out.mkdir(parents=True, exist_ok=True)
        checker = _checker(index, k, min_checkworthiness, stance_model=stance_model, store=store, llm=llm)
    except (OSError, InputError, IndexError_) as e:
        _fail(str(e))
    rows, failed, seen = [], 0, set()
    with Progress(console=err) as bar:
        task = bar.add_task("Checking articles", total=len(files))
        for f in files:
            name = f.stem
            while name in seen:
                name += "_"
            seen.add(name)
            json_path, md_path = out / f"{name}.json", out / f"{name}.md"
            try:
                title, text = read_article(f)
                digest = hashlib.sha256(text.encode()).hexdigest()
                if not force and json_path.exists() and md_path.exists():  # the JSON is written last
                    old = json.loads(json_path.read_text(encoding="utf-8"))
                    if old.get("sha256") == digest:
                        rows.append(summary_row(str(f), Report.from_dict(old)))
                        bar.advance(task)
                        continue
                rep = checker.check(text, title=title)
                _warn_llm(checker)
                # The Markdown first, the JSON (what a resumed run looks for) last: a run killed between
                # the two redoes the article.
                _write_atomic(md_path, to_markdown(rep))
                _write_atomic(json_path, json.dumps({"article": str(f), "sha256": digest, **rep.to_dict()},
                                                    ensure_ascii=False, indent=2))
                rows.append(summary_row(str(f), rep))
            except (InputError, IndexError_, OSError, ValueError) as e:
                failed += 1
                err.print(f"[yellow]failed[/yellow] {escape(str(e))}")
                rows.append(summary_row(str(f), None, error=str(e)))
            bar.advance(task)
    with io.StringIO(newline="") as fh:  # written in one rename: a kill leaves the old summary or the new one
        writer = csv.DictWriter(fh, fieldnames=SUMMARY_FIELDS)
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)  # titles and claims come from articles
        _write_atomic(out / "summary.csv", fh.getvalue())
    table = Table("article", "claims", "with evidence", "supported", "refuted", "unverified", "error")
    for r in rows:
        table.add_row(Path(str(r["article"])).name, str(r["claims"]), str(r["with_evidence"]), str(r["supported"]),
                      str(r["refuted"]), str(r["unverified"]), str(r["error"])[:60])
    err.print(table)
    err.print(f"{len(rows) - failed} of {len(rows)} articles reported in {out}/ (summary.csv).")
    if failed:
        raise typer.Exit(1)


MAX_PAIR_LINE_BYTES = 1024 * 1024  # a (claim, passage) line; the model reads 512 tokens of a pair anyway
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_pairs(stream: BinaryIO, name: str, max_line: int = MAX_PAIR_LINE_BYTES
               ) -> tuple[list[tuple[int, str, str]], InputError | None]:
    """The (line number, claim, passage) of each JSON line of ``stream`` up to the first bad one,
    and the InputError naming that line (None if every line is good). Blank lines are skipped.

    A bad line is one that is over ``max_line`` bytes, not UTF-8, not JSON, not an object, or lacks
    string "claim" and "passage" fields. Lines are read one at a time, never past ``max_line``.
    A lone surrogate (a "\\ud800" escape) becomes U+FFFD, as a bad byte would in any decoder.
    """
    pairs: list[tuple[int, str, str]] = []
    n = 0
    limit = max_line + 5  # room for a BOM and the line end ("\r\n")
    while line := stream.readline(limit):
        n += 1
        whole = line.endswith(b"\n") or len(line) < limit  # else readline stopped mid-line
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        line = line.rstrip(b"\r\n")
        if len(line) > max_line or not whole:
            return pairs, InputError(f"{name}: line {n} is over the {max_line // 1024} kB limit for a pair")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            return pairs, InputError(f"{name}: line {n} is not valid UTF-8 (byte 0x{line[e.start]:02x} at "
                                     f"offset {e.start})")
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as e:
            return pairs, InputError(f"{name}: line {n} is not valid JSON ({e.msg})")
        except RecursionError:
            return pairs, InputError(f"{name}: line {n} nests too deeply to be read")
        if not isinstance(row, dict):
            return pairs, InputError(f"{name}: line {n} is not a JSON object")
        if not isinstance(row.get("claim"), str) or not isinstance(row.get("passage"), str):
            return pairs, InputError(f'{name}: line {n} needs string fields "claim" and "passage"')
        pairs.append((n, _SURROGATE.sub("\ufffd", row["claim"]), _SURROGATE.sub("\ufffd", row["passage"])))
    return pairs, None


@app.command()
def stance(pairs: Annotated[Path, typer.Argument(help='JSON lines of {"claim": ..., "passage": ...}, or - for stdin.')],
           as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line (the default).")] = True,
           stance_model: StanceOpt = None,
           batch_size: Annotated[int, typer.Option(min=1, max=512)] = 32):
    """Score (claim, passage) pairs: one {"label", "probs"} line per input line, in input order.

    A bad line stops the command (exit 2, one error line naming it); the pairs before it are
    scored and printed first.
    """
    from .verify.stance import CrossEncoderStance, label_of, probs_dict

    try:
        if str(pairs) == "-":
            good, bad = read_pairs(sys.stdin.buffer, "-")
        else:
            with open(pairs, "rb") as fh:
                good, bad = read_pairs(fh, str(pairs))
        probs = CrossEncoderStance(stance_model, batch_size=batch_size).score(
            [c for _, c, _ in good], [p for _, _, p in good]) if good else []
    except OSError as e:
        _fail(f"{pairs}: cannot read ({e.strerror})")
    except InputError as e:
        _fail(str(e))
    for row in probs:
        print(json.dumps({"label": label_of(row), "probs": probs_dict(row)}))
    if bad is not None:
        sys.stdout.flush()
        _fail(str(bad))


@app.command("train-stance")
def train_stance(data: Annotated[Path, typer.Option(help="The train/ data folder (never eval/).")],
                 out: Annotated[Path, typer.Option(help="Where to write the model.")] = Path("factcheck/verify/model"),
                 max_minutes: Annotated[float, typer.Option(help="Wall-clock budget for training.")] = 85.0,
                 seed: Annotated[int, typer.Option()] = 13,
                 threads: Annotated[int, typer.Option(min=1, help="CPU threads for torch.")] = 1,
                 lr: Annotated[float, typer.Option(help="Peak learning rate.")] = 8e-5,
                 augment_share: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of gold pairs "
                                                              "that seed contrast pairs (changed, kept and dropped "
                                                              "details).")] = 0.0,
                 init_from: Annotated[Optional[Path], typer.Option(help="Continue from an earlier run's "
                                                                   "model folder.")] = None,
                 max_steps: Annotated[Optional[int], typer.Option(min=1, help="Fix the schedule length (steps) "
                                                                  "instead of fitting it to --max-minutes.")] = None,
                 stop_at_step: Annotated[Optional[int], typer.Option(min=1, help="End the run at this step of the "
                                                                     "schedule (validating there).")] = None,
                 calibrate: Annotated[bool, typer.Option(help="Only set the verdict thresholds of the model in "
                                                         "--out from the validation split.")] = False):
    """Train the stance cross-encoder on the labelled pairs under --data (the recipe: its MODEL_CARD.md)."""
    from .training.stance import main as train_main

    if "eval" in data.resolve().parts:
        _fail(f"{data}: training on an eval/ folder is not allowed; pass the train/ folder")
    args = ["--data", str(data), "--out", str(out), "--max-minutes", str(max_minutes), "--seed", str(seed),
            "--threads", str(threads), "--lr", str(lr), "--augment-share", str(augment_share)]
    if init_from:
        args += ["--init-from", str(init_from)]
    if max_steps:
        args += ["--max-steps", str(max_steps)]
    if stop_at_step:
        args += ["--stop-at-step", str(stop_at_step)]
    if calibrate:
        args.append("--calibrate")
    raise typer.Exit(train_main(args))


@app.command("train-checkworthiness")
def train_checkworthiness(data: Annotated[Path, typer.Option(help="Folder holding ClaimBuster two_class/ and CLEF "
                                                             "CheckThat! clef19/, clef20/.")],
                          max_negatives: Annotated[int, typer.Option(min=100, help="Negatives kept per set (a seeded "
                                                                     "sample; all positives are kept).")] = 8000):
    """Retrain the check-worthiness classifier (writes factcheck/extract/checkworthiness.json)."""
    from .training.checkworthiness import missing_files, train

    if missing := missing_files(data):
        _fail(f"{data}: missing {', '.join(missing)}")
    print(json.dumps(train(data, max_negatives=max_negatives)))


def _write_atomic(path: Path, text: str) -> None:
    from .files import atomic_write

    atomic_write(path, text.encode("utf-8"))  # an interrupted batch never leaves half a report


bench_app = typer.Typer(help="Benchmarks on labelled data given by path (nothing is tuned on it); see docs/benchmarks.md.",
                        no_args_is_help=True)
app.add_typer(bench_app, name="bench")


# ---- benchmarks: stance, seeds, retrieval, extraction, speed, scale, embedding (factcheck/bench/,
# docs/benchmarks.md)

def _bench_result(run, *args, **kwargs) -> dict:
    """Run one benchmark; bad input or a missing data file is a clear error, not a traceback."""
    try:
        return run(*args, **kwargs)
    except (InputError, OSError) as e:
        _fail(str(e))


def _print_bench(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
    else:
        Console().print_json(json.dumps(result))


@bench_app.command("stance")
def bench_stance(dataset: Annotated[str, typer.Option(help="climate-fever, healthver, check-covid or scifact.")],
                 data: Annotated[Path, typer.Option(help="The data set's file or folder under eval/.")],
                 limit: Annotated[Optional[int], typer.Option(min=1, help="Only the first N pairs.")] = None,
                 stance_model: StanceOpt = None,
                 batch_size: Annotated[int, typer.Option(min=1, max=512)] = 32,
                 backend: Annotated[Optional[str], typer.Option(help="Own model only: torch, onnx or onnx-int8 "
                                                                "[default: the project's default].")] = None,
                 threads: Annotated[Optional[int], typer.Option(min=1, help="torch CPU threads (the torch backend "
                                                                "and HF models; ONNX Runtime uses all cores).")] = None,
                 as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Stance on (claim, passage) pairs: majority, lexical and factcheck side by side."""
    from .bench.stance import run as run_stance_bench

    if threads:
        import torch

        torch.set_num_threads(threads)
    result = _bench_result(run_stance_bench, dataset, data, limit=limit, stance_model=stance_model,
                           batch_size=batch_size, backend=backend)
    if as_json:
        print(json.dumps(result))
        return
    table = Table("system", "macro-F1", "accuracy", "pairs/s")
    for name, m in result["systems"].items():
        table.add_row(name, f"{m['macro_f1']:.3f}", f"{m['accuracy']:.3f}", f"{m['pairs_per_s']:.1f}")
    print(f"{result['dataset']}: {result['pairs']} pairs {result['label_counts']}")
    Console().print(table)


@bench_app.command("verdict")
def bench_verdict(dataset: Annotated[str, typer.Option(help="climate-fever or scifact.")],
                  data: Annotated[Path, typer.Option(help="climate-fever.jsonl (or its folder), or the scifact "
                                                     "folder (claims_dev.jsonl + corpus.jsonl) under eval/.")],
                  limit: Annotated[Optional[int], typer.Option(min=1, help="Only the first N claims (the corpus "
                                                               "stays the whole data set's).")] = None,
                  as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Claim-level verdicts end to end (index, retrieve, stance, verdict): majority, best-pair and factcheck."""
    from .bench.verdict import run as run_verdict_bench

    def progress(stage: str, done: int, total: int) -> None:
        err.print(f"{'Indexing' if stage == 'index' else 'Checking'}: {done}/{total} "
                  f"{'documents' if stage == 'index' else 'claims'}")

    result = _bench_result(run_verdict_bench, dataset, data, limit=limit, progress=progress)
    if as_json:
        print(json.dumps(result))
        return

    def pr(m: dict, label: str) -> str:
        p, r = m[label]["precision"], m[label]["recall"]
        return (f"{'—' if p is None else f'{p:.3f}'} / {'—' if r is None else f'{r:.3f}'} "
                f"({m[label]['predicted']} predicted)")

    table = Table("system", "macro-F1", "accuracy", "supported P / R", "refuted P / R", "claims/s")
    for name, m in result["systems"].items():
        table.add_row(name, f"{m['macro_f1']:.3f}", f"{m['accuracy']:.3f}", pr(m, "supported"), pr(m, "refuted"),
                      f"{m['claims_per_s']:.1f}")
    print(f"{result['dataset']}: {result['claims']} claims {result['label_counts']}, "
          f"{result['corpus']['documents']} documents, {result['seconds']:.0f} s")
    Console().print(table)


@bench_app.command("seeds")
def bench_seeds(stance_model: StanceOpt = None,
                index: Annotated[Path, typer.Option(help="The sample index (built from seeds/reference if missing).")]
                = Path("index/default"),
                backend: Annotated[Optional[str], typer.Option(help="Own model only: torch, onnx or onnx-int8.")] = None,
                as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """The project's own stance checks: minimal pairs, the doctored and the true sample article."""
    from .bench.seeds import run as run_seeds_bench

    result = _bench_result(run_seeds_bench, index, stance_model, backend)
    _print_bench(result, as_json)


@bench_app.command("retrieval")
def bench_retrieval(dataset: Annotated[str, typer.Option(help="climate-fever, scifact or check-covid "
                                                         "(fever: train/fever-pairs, for choosing settings).")],
                    data: Annotated[Path, typer.Option(help="The data set's file, or for scifact and check-covid "
                                                       "its folder.")],
                    split: Annotated[Optional[str], typer.Option(help="Claims split [default: dev for scifact, "
                                                                 "test for check-covid; train under train/].")] = None,
                    limit: Annotated[Optional[int], typer.Option(min=1, help="Only the first N queries.")] = None,
                    store: Annotated[Optional[str], typer.Option(help="Also run factcheck on a PostgreSQL store: a URL "
                                                                 "(the benchmark uses schema factcheck_bench there), or "
                                                                 "'postgres' for a temporary embedded server.")] = None,
                    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Retrieval: bm25, dense and factcheck side by side (nDCG@10, recall@5/10, MRR@10, queries/s)."""
    from .bench.retrieval import run as run_retrieval_bench
    from .corpus.index import IndexError_

    try:
        result = _bench_result(run_retrieval_bench, dataset, data, split=split, limit=limit, store=store)
    except IndexError_ as e:
        _fail(str(e))
    if as_json:
        print(json.dumps(result))
        return
    table = Table("system", "nDCG@10", "R@5", "R@10", "MRR@10", "queries/s")
    for name, m in result["systems"].items():
        table.add_row(name, f"{m['ndcg@10']:.3f}", f"{m['recall@5']:.3f}", f"{m['recall@10']:.3f}",
                      f"{m['mrr@10']:.3f}", f"{m['queries_per_s']:.1f}")
    print(f"{result['dataset']}: {result['queries']} queries, {result['corpus']} documents")
    Console().print(table)


@bench_app.command("extraction")
def bench_extraction(dataset: Annotated[str, typer.Option(help="factcheck-bench or propsegment.")],
                     data: Annotated[Path, typer.Option(help="factcheck-GPT-benchmark.jsonl or its folder; for "
                                                        "propsegment its folder (or v1/).")],
                     split: Annotated[Optional[str], typer.Option(help="propsegment only: test or dev "
                                                                  "[default: test].")] = None,
                     limit: Annotated[Optional[int], typer.Option(min=1, help="Only the first N responses "
                                                                  "(propsegment: documents).")] = None,
                     as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Claim extraction against human atomic claims, with a one-claim-per-sentence baseline."""
    from .bench.extraction import run as run_extraction_bench

    result = _bench_result(run_extraction_bench, dataset, data, limit=limit, split=split)
    if as_json:
        print(json.dumps(result))
        return
    table = Table("system", "claims", "matched", "precision", "recall", "F1", "sentences/s")
    for name, m in result["systems"].items():
        table.add_row(name, str(m["claims"]), str(m["matched"]), f"{m['precision']:.3f}", f"{m['recall']:.3f}",
                      f"{m['f1']:.3f}", f"{m['sentences_per_s']:.1f}")
    units = "responses" if "responses" in result else "documents"
    split_note = f" ({result['split']} split)" if "split" in result else ""
    print(f"{result['dataset']}{split_note}: {result[units]} {units}, {result['sentences']} sentences, "
          f"{result['human_claims']} human claims")
    Console().print(table)


@bench_app.command("checkworthiness")
def bench_checkworthiness(dataset: Annotated[str, typer.Option(help="factcheck-bench.")],
                          data: Annotated[Path, typer.Option(help="The factcheck-bench folder, its subtasks/ "
                                                             "folder, or one subtask*_checkworthiness.jsonl.")],
                          limit: Annotated[Optional[int], typer.Option(min=1, help="Only the first N items of "
                                                                       "each file.")] = None,
                          as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Check-worthiness of sentences and claims against human labels, with a majority baseline."""
    from .bench.checkworthiness import run as run_checkworthiness_bench

    result = _bench_result(run_checkworthiness_bench, dataset, data, limit=limit)
    if as_json:
        print(json.dumps(result))
        return
    for level in ("sentence", "claim"):
        if level not in result:
            continue
        r = result[level]
        table = Table("system", "precision", "recall", "F1", "accuracy", "ROC-AUC", "items/s")
        for name, m in r["systems"].items():
            auc = "—" if m["roc_auc"] is None else f"{m['roc_auc']:.3f}"
            table.add_row(name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}",
                          f"{m['accuracy']:.3f}", auc, f"{m['items_per_s']:.1f}" if "items_per_s" in m else "—")
        print(f"{level}s: {r['items']} ({r['checkworthy']} check-worthy, {r['not_checkworthy']} not)")
        Console().print(table)


@bench_app.command("speed")
def bench_speed(articles: Annotated[int, typer.Option(min=1, help="Generated articles to report on.")] = 50,
                documents: Annotated[int, typer.Option(min=1, help="Generated reference documents.")] = 1000,
                naive_articles: Annotated[int, typer.Option(min=1, help="Articles the naive baseline runs on.")] = 10,
                naive_documents: Annotated[int, typer.Option(min=1, help="Documents the naive index build embeds.")] = 200,
                stance: Annotated[bool, typer.Option(help="Include the stance model (when there is one).")] = True,
                as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """End-to-end claims/s, index build passages/s, retrieval latency and peak RSS vs a naive baseline."""
    from .bench.speed import run as run_speed_bench

    result = _bench_result(run_speed_bench, articles=articles, documents=documents, naive_articles=naive_articles,
                           naive_documents=naive_documents, stance=stance)
    _print_bench(result, as_json)


@bench_app.command("scale")
def bench_scale(passages: Annotated[int, typer.Option(min=100, help="Synthetic passages (vectors) to index.")] = 20000,
                queries: Annotated[int, typer.Option(min=10, help="Queries for recall and latency.")] = 200,
                threshold: Annotated[Optional[int], typer.Option(min=1, help="Exact/ANN switch [default: the "
                                                                 "index's ANN_THRESHOLD].")] = None,
                store: Annotated[Optional[str], typer.Option(help="Measure the PostgreSQL store instead: 'postgres' "
                                                             "starts a temporary embedded server, a URL uses that "
                                                             "server (schema factcheck_scale).")] = None,
                ef_search: Annotated[Optional[int], typer.Option(min=1, help="PostgreSQL only: HNSW ef_search "
                                                                 "[default: the store's].")] = None,
                as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """The index's vector structure at N passages: build time, disk, RAM, p50 latency, recall@10 vs exact."""
    from .corpus.index import IndexError_

    if store is None:
        from .bench.scale import run as run_scale_bench

        _print_bench(run_scale_bench(passages=passages, queries=queries, threshold=threshold), as_json)
        return
    from .bench.scale_postgres import run as run_pg_scale_bench

    try:
        result = _bench_result(run_pg_scale_bench, store, passages=passages, queries=queries, ef_search=ef_search)
    except IndexError_ as e:
        _fail(str(e))
    _print_bench(result, as_json)


@bench_app.command("embedding")
def bench_embedding(sentences: Annotated[int, typer.Option(min=10, help="Generated ~25-word sentences.")] = 2000,
                    backends: Annotated[str, typer.Option(help="Comma-separated: torch, onnx, onnx-int8.")] = "torch,onnx,onnx-int8",
                    quality_data: Annotated[Optional[Path], typer.Option(help="train/check-covid folder for the "
                                                                         "retrieval-quality check.")] = None,
                    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False):
    """Embedding sentences/s per backend (torch, ONNX, ONNX int8) and retrieval quality on train data."""
    from .bench.embedding import run as run_embedding_bench
    from .corpus.embed import BACKENDS

    chosen = tuple(b.strip() for b in backends.split(",") if b.strip())
    if not chosen or any(b not in BACKENDS for b in chosen):
        _fail(f"--backends: use a comma-separated subset of {', '.join(BACKENDS)}")
    result = _bench_result(run_embedding_bench, sentences, chosen, quality_data)
    _print_bench(result, as_json)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
