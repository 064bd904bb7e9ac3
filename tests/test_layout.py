"""The package's shape holds: imports run one way, faces -> pipeline -> stages -> base.

Every import statement in ``factcheck/`` (module level or inside a function, where the heavy
libraries are loaded) is resolved to the project module it names and checked against the
layers. A stage never imports another stage (they meet in the pipeline), the product never
imports the training or benchmark tools, and nothing imports a face.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = "factcheck"
BASE = {"", "types", "text", "files", "runtime", "nlp", "llm"}  # "" is the package's own __init__
STAGES = {"extract", "corpus", "retrieve", "verify", "report"}
PIPELINE = {"pipeline", "desk", "session"}
TOOLS = {"training", "bench"}
FACES = {"cli", "__main__"}


def group_of(module: str) -> str:
    """``factcheck.verify.stance`` -> ``verify``; ``factcheck.text`` -> ``text``; ``factcheck`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import of a project module in the file at ``path``."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from . import x" imports the submodule x, not the package
            mods = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
            found += [(node.lineno, m) for m in mods]
    return [(line, m) for line, m in found if m == PACKAGE or m.startswith(PACKAGE + ".")]


def allowed(src: str, dst: str) -> bool:
    """May a module of group ``src`` import one of group ``dst``?"""
    if dst in FACES:
        return src == "__main__" and dst == "cli"
    if src in FACES:
        return True
    if src in TOOLS:
        return True  # tools sit on top of the product (and may share each other's helpers)
    if dst in TOOLS:
        return False  # the product never needs the training or benchmark code
    if src in PIPELINE:
        return dst in BASE | STAGES | PIPELINE
    if src in STAGES:
        return dst in BASE or dst == src
    if src in BASE:
        return dst in BASE
    raise AssertionError(f"module group {src!r} is in no layer: add it to one in {__file__}")


def forbidden_edges(root: Path, package: str = PACKAGE) -> list[str]:
    """Every import in the package at ``root/package`` that breaks the layering, as readable lines."""
    bad = []
    for path in sorted((root / package).rglob("*.py")):
        src = group_of(module_name(path, root))
        for line, target in imports_of(path, root):
            if not allowed(src, group_of(target)):
                bad.append(f"{path.relative_to(root)}:{line} imports {target} ({src or 'base'} -> "
                           f"{group_of(target) or 'base'})")
    return bad


def test_imports_run_one_way():
    assert forbidden_edges(ROOT) == []


def test_every_module_belongs_to_a_layer():
    groups = {group_of(module_name(p, ROOT)) for p in (ROOT / PACKAGE).rglob("*.py")}
    assert groups <= BASE | STAGES | PIPELINE | TOOLS | FACES, groups - (BASE | STAGES | PIPELINE | TOOLS | FACES)
    assert STAGES <= groups  # every stage exists as a package


@pytest.mark.parametrize("where, line, why", [
    ("verify/verdict.py", "from ..corpus.index import Index", "stage -> another stage"),
    ("extract/claims.py", "from factcheck.retrieve import HybridRetriever", "stage -> another stage (absolute)"),
    ("pipeline.py", "from .training.stance import train", "product -> training"),
    ("report/export.py", "    from ..bench import seeds", "product -> bench, inside a function"),
    ("text.py", "from .verify import stance", "base -> stage"),
    ("corpus/index.py", "from .. import cli", "anything -> a face"),
    ("training/stance.py", "from ..cli import app", "tools -> a face"),
])
def test_a_forbidden_import_is_caught(tmp_path, where, line, why):
    """The checker itself: plant one forbidden import in a copy of the package and it is reported."""
    import shutil

    copy = tmp_path / PACKAGE
    shutil.copytree(ROOT / PACKAGE, copy, ignore=shutil.ignore_patterns("*.safetensors", "__pycache__"))
    target = copy / where
    body = target.read_text(encoding="utf-8")
    if line.startswith(" "):
        body += f"\n\ndef _planted():\n{line}\n"
    else:
        body += f"\n{line}\n"
    target.write_text(body, encoding="utf-8")
    bad = forbidden_edges(tmp_path)
    assert len(bad) == 1, (why, bad)
    assert bad[0].startswith(f"{PACKAGE}/{where}:"), bad
