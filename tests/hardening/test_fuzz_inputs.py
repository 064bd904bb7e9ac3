"""Fuzzing the other inputs a user or a file can hand the tool: the `stance` command's JSON lines,
saved review files on disk, and every export of a report made of hostile text.

- `stance`: the pairs before a bad line are scored and printed, then the bad line is named (its
  line number) on one stderr line and the command exits 2 (README: "a bad line stops it").
  In-process on ``read_pairs`` (hypothesis; no model), and through the real command twice.
- Review files: any bytes, any JSON, a real review with any field replaced: listing never
  raises (unreadable files are named in ``store.skipped``); loading returns a report the page and
  every export can show, or an InputError of one line; the file's bytes are never lost (moved
  aside as ``KEY.damaged-*.json``), also when a save comes before any load.
- Exports (Markdown, HTML, JSON, CSV, ClaimReview, the summary row): never raise.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import FULL_STRENGTH, run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.cli import read_pairs
from factcheck.report import export
from factcheck.report.reviews import ReviewStore, article_key
from factcheck.text import InputError
from factcheck.types import Report

from .fuzzkit import strategies

TEXT, URLS, REPORTS = strategies()


def one_line(e: BaseException) -> str:
    msg = str(e)
    assert msg.strip() and "\n" not in msg and "\r" not in msg, repr(msg)
    return msg


# ---- the stance command's JSON lines -----------------------------------------------------------

MAX_LINE = 2000  # a small line limit for the generated inputs; the real one (1 MB) is tested below
good_pairs = st.fixed_dictionaries({"claim": st.text(), "passage": st.text()},
                                   optional={"label": st.text(), "id": st.integers()})
# (bytes of the line, why it is bad) -- the reason is matched against the message
bad_lines = st.one_of(
    st.text(min_size=1).filter(lambda s: s.strip() and not _is_json(s) and "\n" not in s and "\r" not in s).map(
        lambda s: (s.encode(), "not valid JSON")),
    st.sampled_from([b"{", b'{"claim": "a", "passage": "b"', b"{'claim': 'a'}", b'{"claim": "a" "passage": "b"}',
                     b'{"claim": "\x00", "passage": "b"}', b"undefined"]).map(lambda b: (b, "not valid JSON")),
    st.sampled_from([b"[1, 2]", b'"claim"', b"3", b"null", b"true", b"NaN"]).map(lambda b: (b, "not a JSON object")),
    st.fixed_dictionaries({"claim": st.none() | st.integers() | st.lists(st.text()) | st.booleans() | st.floats()
                           | st.dictionaries(st.text(), st.text()), "passage": st.text()}).map(
        lambda d: (json.dumps(d).encode(), 'needs string fields "claim" and "passage"')),
    st.sampled_from([{"claim": "a"}, {"passage": "b"}, {}, {"Claim": "a", "Passage": "b"}]).map(
        lambda d: (json.dumps(d).encode(), 'needs string fields "claim" and "passage"')),
    good_pairs.map(lambda d: (json.dumps(d, ensure_ascii=False).encode()[:-1] + b"\xff\xfe}", "not valid UTF-8")),
    st.sampled_from([b"\xc3\x28", b"\xed\xa0\x80", b"\xe2\x82"]).map(lambda b: (b'{"claim": "' + b + b'", "passage": ""}',
                                                                              "not valid UTF-8")),
    st.integers(MAX_LINE + 1, MAX_LINE * 3).map(lambda n: (json.dumps({"claim": "x" * n, "passage": ""}).encode(),
                                                           "over the")),
    st.just((b'{"claim": ' + b"[" * 5000 + b"]" * 5000 + b', "passage": ""}', "over the")),
)


def _is_json(s: str) -> bool:
    try:
        json.loads(s)
    except (ValueError, RecursionError):
        return False
    return True


@st.composite
def pair_files(draw):
    """Lines of good pairs, blank lines and maybe bad lines, with what read_pairs must make of them."""
    lines, good, first_bad = [], [], None
    for n in range(1, draw(st.integers(0, 8)) + 1):
        kind = draw(st.sampled_from(["good", "good", "good", "blank", "bad"]))
        if kind == "good":
            pair = draw(good_pairs)
            lines.append(json.dumps(pair, ensure_ascii=draw(st.booleans())).encode())
            if first_bad is None:
                good.append((n, pair["claim"], pair["passage"]))
        elif kind == "blank":
            lines.append(draw(st.sampled_from([b"", b"  ", b"\t", b"\r"])))
        else:
            line, why = draw(bad_lines)
            lines.append(line)
            first_bad = first_bad or (n, why)
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    data = ending.join(lines) + draw(st.sampled_from([b"", ending]))
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data, good, first_bad


@given(case=pair_files())
@example(case=(b'{"claim": "a", "passage": "b"}\n{oops\n{"claim": "c", "passage": "d"}\n', [(1, "a", "b")],
               (2, "not valid JSON")))
@example(case=('{"claim": "one\u2028two\x85", "passage": "p"}\n'.encode(), [(1, "one\u2028two\x85", "p")], None))
def test_read_pairs_keeps_the_good_lines_before_the_first_bad_one(case):
    data, good, first_bad = case
    pairs, error = read_pairs(io.BytesIO(data), "pairs.jsonl", max_line=MAX_LINE)
    assert pairs == good
    if first_bad is None:
        assert error is None
    else:
        msg = one_line(error)
        n, why = first_bad
        assert msg.startswith(f"pairs.jsonl: line {n} ") and why in msg, (msg, first_bad)


def test_read_pairs_lone_surrogates_and_the_real_line_limit():
    line = b'{"claim": "a\\ud800b", "passage": "\\udfff"}\n'
    assert read_pairs(io.BytesIO(line), "-") == ([(1, "a\ufffdb", "\ufffd")], None)
    huge = json.dumps({"claim": "x" * (1024 * 1024), "passage": ""}).encode()
    pairs, error = read_pairs(io.BytesIO(line + huge + b"\n" + line), "-")
    assert len(pairs) == 1 and one_line(error) == "-: line 2 is over the 1024 kB limit for a pair"


def test_stance_command_prints_the_good_pairs_then_names_the_bad_line(tmp_path):
    good = json.dumps({"claim": "The talks were held in Geneva.", "passage": "Delegations met in Istanbul."})
    lines = [good.encode(), b"", json.dumps({"claim": "Line\u2028sep \ud800", "passage": "x"}).encode(),
             b'{"claim": "caf\xe9", "passage": "x"}', good.encode()]
    (tmp_path / "pairs.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    proc = run_cli("stance", str(tmp_path / "pairs.jsonl"), "--json")
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    err = [line for line in proc.stderr.decode().splitlines() if line.strip()]
    assert proc.returncode == 2 and len(out) == 2 and all(set(o) == {"label", "probs"} for o in out), proc
    assert err == [f"error: {tmp_path / 'pairs.jsonl'}: line 4 is not valid UTF-8 (byte 0xe9 at offset 14)"], err


@pytest.mark.parametrize("data,message", [
    (b'\n\n{"claim": 1, "passage": "x"}\n', '-: line 3 needs string fields "claim" and "passage"'),
    (b"[" * 100_000 + b"\n", "-: line 1 nests too deeply to be read"),
    (b"\xff\xfe{\x00}", "-: line 1 is not valid UTF-8 (byte 0xff at offset 0)"),
])
def test_stance_command_bad_first_pair_from_stdin(data, message):
    """Nothing to score before the bad line: no model is loaded, the error comes at once."""
    proc = run_cli("stance", "-", stdin=data)
    err = [line for line in proc.stderr.decode().splitlines() if line.strip()]
    assert proc.returncode == 2 and not proc.stdout and len(err) == 1, proc
    assert err[0].startswith(f"error: {message}"), err


# ---- review files on disk ------------------------------------------------------------------------

def _valid_doc() -> tuple[str, dict]:
    report = Report.from_dict({"title": "T", "text": "Russia annexed Crimea in 2014.", "created": "2025-01-01",
                               "claims": [{"id": "c1", "text": "Russia annexed Crimea in 2014.", "sentence": "S",
                                           "start": 0, "end": 30, "verdict": "supported", "note": "n",
                                           "evidence": [{"passage_id": 1, "text": "P", "score": 0.5,
                                                         "source": {"doc_id": "d", "url": "https://x.org"},
                                                         "differences": [{"slot": "date", "claim": {"text": "2014", "start": 25, "end": 29},
                                                                          "passage": {"text": "2015"}}]}]}]})
    key = article_key(report.text)
    return key, {"format_version": 1, "key": key, "saved": "2025-01-01T00:00:00+00:00", "report": report.to_dict()}


KEY, VALID = _valid_doc()
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
                           max_leaves=10)


@st.composite
def mutated_review(draw) -> bytes:
    """The valid review with 1-3 values replaced by any JSON value, or keys deleted."""
    doc = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(1, 3))):
        node, path = doc, []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            k = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
            path.append((node, k))
            node = node[k]
        if not path:
            continue
        parent, k = path[-1]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[k]
        else:
            parent[k] = draw(json_values)
    return json.dumps(doc).encode()


review_bytes = st.one_of(
    st.binary(max_size=300), mutated_review(), json_values.map(lambda v: json.dumps(v).encode()),
    st.sampled_from([b"", b"{}", b'{"report": []}', b'{"report": {"claims": [1]}}', b'{"report": {"text": 5}}',
                     b"[" * 100_000 + b"]" * 100_000, json.dumps(VALID).encode()[:-30],
                     json.dumps(VALID).encode().replace(b'"T"', b'"\\ud800"'),
                     json.dumps(VALID).encode().replace(b"2014.", b"2015."),  # another article's text
                     json.dumps(VALID).encode().replace(b'"start": 0', b'"start": 1e999'),
                     json.dumps(VALID).encode().decode().encode("utf-16")]))


def _show_everything(report: Report) -> None:
    """What the page and the exports do with a report (each must work on a loaded review)."""
    for d in export.downloads(report, 0.0, author="Desk", url="https://r.example", article_url="https://a.example"):
        d.data.encode("utf-8")  # the page's download button encodes it
    export.verdict_rows(report)
    export.report_caption(report, len(report.checks))
    export.dropped_lines(report)
    export.article_html(report)
    export.summary_row("a", report)
    for c in report.checks:
        export.claim_facts(c.claim)
        export.claim_html(c)
        export.badge_html(export.verdict_of(c), c.confidence, bool(c.override))
        for n, e in enumerate(c.evidence, 1):
            export.evidence_html(e, n)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(data=review_bytes)
@example(data=json.dumps(VALID).encode())
def test_review_files_of_any_content(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("reviews")
    store = ReviewStore(folder)
    path = folder / f"{KEY}.json"
    path.write_bytes(data)
    (folder / f"{'0' * 64}.json").write_bytes(json.dumps(VALID).encode())  # a good one beside it (wrong key)
    listing = store.list()  # never raises
    assert all(isinstance(r.title, str) and isinstance(r.saved, str) for r in listing)
    assert any(r.key == "0" * 64 for r in listing)  # a bad file beside it does not hide the others
    assert all("\n" not in s for s in store.skipped)
    try:
        report = store.load(KEY)
    except InputError as e:
        one_line(e)
        kept = [p.read_bytes() for p in folder.glob(f"{KEY}.damaged-*.json")]
        assert kept == [data] or (path.read_bytes() == data and not kept), "the user's bytes must be kept"
    else:
        assert report is not None
        _show_everything(report)
        assert path.read_bytes() == data
    store.list()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(data=review_bytes)
def test_a_save_never_clobbers_an_unreadable_review(tmp_path_factory, data):
    """A save straight away (no load first), e.g. a session that opened the review before the file
    was damaged: the old bytes are kept beside the new review unless they were a readable review
    of this article (which the save then updates)."""
    probe, folder = tmp_path_factory.mktemp("probe"), tmp_path_factory.mktemp("reviews")
    (probe / f"{KEY}.json").write_bytes(data)
    try:
        readable = ReviewStore(probe).load(KEY) is not None
    except InputError:
        readable = False
    (folder / f"{KEY}.json").write_bytes(data)
    store = ReviewStore(folder)
    report = Report.from_dict(VALID["report"])
    report.checks[0].note = "my new note"
    assert store.save(report) == KEY
    assert store.load(KEY).checks[0].note == "my new note"
    kept = [p.read_bytes() for p in folder.glob(f"{KEY}.damaged-*.json")]
    assert kept == ([] if readable else [data]), (readable, data[:200])


def test_damaged_copies_never_overwrite_each_other(tmp_path):
    store = ReviewStore(tmp_path)
    for n in range(3):
        (tmp_path / f"{KEY}.json").write_bytes(b"{broken %d" % n)
        with pytest.raises(InputError, match="damaged"):
            store.load(KEY)
    assert sorted(p.read_bytes() for p in tmp_path.glob(f"{KEY}.damaged-*.json")) == [b"{broken 0", b"{broken 1",
                                                                                       b"{broken 2"]


def test_page_reopens_a_damaged_review_with_a_message(tmp_path):
    """The page's way in (a review key in the address, or "Saved reviews"): a one-line warning."""
    from factcheck.desk import ReviewDesk
    from factcheck.session import PageState

    (tmp_path / f"{KEY}.json").write_bytes(b'{"report": {"claims": [{"id": 1}]}}')
    desk = ReviewDesk(checker=None, store=ReviewStore(tmp_path))
    page = PageState({}, {"review": KEY})
    problem = page.reopen(desk, KEY)
    assert problem and "damaged" in one_line(problem) and page.report is None
    assert desk.store.list() == [] and desk.store.skipped == []  # moved aside: no longer listed


# ---- every export of hostile reports -------------------------------------------------------------

@given(report=REPORTS(), min_cw=st.sampled_from([0.0, 0.5]), author=TEXT, url=URLS, article_url=URLS)
def test_every_export_of_any_report(report, min_cw, author, url, article_url):
    for d in export.downloads(report, min_cw, author=author, url=url, article_url=article_url):
        assert isinstance(d.data, str) and d.file_name and "/" not in d.file_name
    json.loads(export.to_json(report))
    json.loads(json.dumps(export.to_claimreview(report, author=author, url=url, article_url=article_url)))
    list(csv.reader(io.StringIO(export.to_csv(report, min_cw))))
    row = export.summary_row("article.txt", report)
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=export.SUMMARY_FIELDS).writerow({k: export.csv_cell(v) for k, v in row.items()})
    _show_everything(report)
    assert Report.from_dict(json.loads(export.to_json(report))).to_dict() == report.to_dict()


@pytest.mark.skipif(not FULL_STRENGTH, reason="loads the page's models (about 20 s); make test-hardening")
def test_the_page_with_damaged_reviews(tmp_path, small_index, monkeypatch):
    """The real page (AppTest) opened on a damaged review's address, with damaged files beside it:
    no exception, a one-line warning, the file kept aside, the others listed, the bad ones named."""
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    folder = tmp_path / "reviews"
    folder.mkdir()
    good = json.loads(json.dumps(VALID))
    good["report"]["title"] = "[a link](javascript:alert(1)) <b>bold</b>"
    (folder / f"{KEY}.json").write_text(json.dumps(good))
    bad = {"1" * 64: b"\xff\xfe{", "2" * 64: b'{"report": {"claims": "x"}}', "3" * 64: b"[" * 100_000}
    for key, data in bad.items():
        (folder / f"{key}.json").write_bytes(data)
    monkeypatch.setenv("FACTCHECK_INDEX", str(small_index.path))
    monkeypatch.setenv("FACTCHECK_REVIEWS", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["review"] = "2" * 64
    at.run()
    assert not at.exception
    assert any("damaged" in w.value and "\n" not in w.value for w in at.warning)
    assert [p.read_bytes() for p in folder.glob(f"{'2' * 64}.damaged-*.json")] == [bad["2" * 64]]
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "1111" in captions and "3333" in captions  # named, not listed
    at.query_params["review"] = KEY
    at.run()
    assert not at.exception
    assert any("\\[a link\\]" in h.value for h in at.subheader)  # the title shows as typed, no link
