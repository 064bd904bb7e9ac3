"""The project's own stance checks, for comparing stance models side by side with the shipped one.

Three checks on data that ships in the repository (never the eval sets):

- minimal pairs (``tests/data/minimal_pairs.jsonl``): one changed detail per pair, label by label;
- the doctored sample article: each planted error must come out ``refuted`` with a passage that
  contradicts it deciding, each true statement the corpus covers ``supported``;
- the all-true sample article: how its claims' verdicts are spread (every "refuted" is a false alarm).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..pipeline import Checker, open_or_build_sample
from ..verify.stance import CrossEncoderStance, label_of
from ..text import parse_jsonl
from ..types import ClaimCheck, Evidence, Report
from .extraction import token_f1

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MINIMAL_PAIRS = ROOT / "tests" / "data" / "minimal_pairs.jsonl"
ARTICLES = SEEDS / "articles"


def claim_for(report: Report, sentence: str, target: str) -> ClaimCheck:
    """The check of ``sentence`` that states ``target`` best (a statement before an attribution)."""
    checks = [c for c in report.checks if c.claim.sentence == sentence]
    if not checks:
        raise LookupError(f"no claim from: {sentence}")
    return max(checks, key=lambda c: (c.claim.kind == "statement", token_f1(c.claim.text, target)))


def doctored_scoreboard(report: Report, planted: list[dict], gold: list[dict]) -> dict[str, list[tuple[bool, str]]]:
    """Per planted error and per covered true statement: (as expected?, one line for a table)."""
    rows_planted = []
    for p in planted:
        try:
            check = claim_for(report, p["doctored"], p["false_claim"])
        except LookupError:  # the sentence gave no claim: the error goes unchecked, a miss
            rows_planted.append((False, f"{p['kind']}: no claim | {p['doctored']}"))
            continue
        deciding = _deciding(check)
        ok = (check.verdict == "refuted" and deciding is not None and deciding.passage.source.doc_id in p["refuted_by"]
              and deciding.passage.source.title in check.reason)
        by = deciding.passage.source.doc_id if deciding is not None else "none"
        rows_planted.append((ok, f"{p['kind']}: {check.verdict}, deciding {by} "
                                 f"(want one of {p['refuted_by']}) | {check.claim.text}"))
    doctored = {p["original"] for p in planted}
    rows_true = []
    for g in gold:
        if g["sentence"] in doctored:
            continue
        try:
            check = claim_for(report, g["sentence"], g["claim"])
        except LookupError:
            rows_true.append((False, f"no claim | {g['sentence']}"))
            continue
        rows_true.append((check.verdict == "supported", f"{check.verdict} | {check.claim.text}"))
    return {"planted": rows_planted, "true": rows_true}


def _deciding(check: ClaimCheck) -> Evidence | None:
    """The passage the reason names (judged refuting where judged), else the most refuting one; None
    for a claim with no passage (or one never judged: an opinion has no stance scores)."""
    named = [e for e in check.evidence if f'"{e.passage.source.title or e.passage.source.doc_id}"' in (check.reason or "")]
    judged = [e for e in named if e.stance == "refute"] or named
    scored = [e for e in check.evidence if e.probs]
    return judged[0] if judged else max(scored, key=lambda e: e.probs["refute"]) if scored else None


def load_article_set(articles: Path = ARTICLES) -> tuple[str, str, list[dict], list[dict]]:
    """(true article, doctored article, planted errors, gold claims of the true article)."""
    return ((articles / "istanbul-embassy-talks.txt").read_text(encoding="utf-8"),
            (articles / "istanbul-embassy-talks-doctored.txt").read_text(encoding="utf-8"),
            json.loads((articles / "istanbul-embassy-talks-doctored.planted.json").read_text(encoding="utf-8")),
            json.loads((articles / "istanbul-embassy-talks.claims.json").read_text(encoding="utf-8")))


def run(index_dir: Path, stance_model: str | None = None, backend: str | None = None) -> dict[str, Any]:
    """All three checks for one stance model (the shipped one by default)."""
    stance = CrossEncoderStance(stance_model, **({"backend": backend} if backend else {}))
    pairs = parse_jsonl(MINIMAL_PAIRS.read_text(encoding="utf-8"), MINIMAL_PAIRS.name)
    probs = stance.score([p["claim"] for p in pairs], [p["passage"] for p in pairs])
    misses = [f"{p.get('kind', '?')}: {p['claim']}" for p, row in zip(pairs, probs) if label_of(row) != p["label"]]

    checker = Checker(open_or_build_sample(index_dir), k=5, stance=stance)
    true_text, doctored_text, planted, gold = load_article_set()
    board = doctored_scoreboard(checker.check(doctored_text), planted, gold)
    true_report = checker.check(true_text)
    return {
        "stance_model": stance_model or "factcheck (shipped)",
        "backend": stance.backend if stance.own else "torch",
        "minimal_pairs": {"passed": len(pairs) - len(misses), "pairs": len(pairs), "misses": misses},
        "doctored": {name: {"as_expected": sum(ok for ok, _ in rows), "of": len(rows),
                            "misses": [line for ok, line in rows if not ok]} for name, rows in board.items()},
        "true_article_verdicts": dict(Counter(c.verdict for c in true_report.checks)),
    }
