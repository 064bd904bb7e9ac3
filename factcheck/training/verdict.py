"""Calibrate the verdict at claim level on ``train/`` claims, for precision.

Check-COVID's train and dev claims (news-style claims about COVID-19, labelled SUPPORT / REFUTE /
NOTENOUGHINFO against a 347-abstract corpus) are checked end to end as the product checks them:
a real index over the corpus, retrieval, stance, verification, verdict. For ``supported`` and
for ``refuted`` the confidence threshold is the lowest at which the verdict is right at least
``--precision`` (default 90 %) of the time on the fitting half of the claims; below it the claim
is ``not_enough_evidence``. Where no threshold reaches it, the verdict is never given. Figures
on the other half (grouped by the abstract, so edited pairs of one claim stay together) go with
the thresholds into ``factcheck/verify/verdict.json``::

    python -m factcheck.training.verdict --data ../shared/data/train
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..verify.verdict import CALIBRATION

GOLD = {"SUPPORT": "supported", "REFUTE": "refuted", "NOTENOUGHINFO": "not_enough_evidence"}


def load_check_covid(folder: Path) -> tuple[list[Any], list[dict[str, Any]]]:
    """(documents of the corpus, claims with their gold verdict and group)."""
    from ..corpus import Document

    docs = []
    for line in (folder / "corpus.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append(Document(d["cord_id"], " ".join(d["abstract"]), title=d.get("title", "")))
    claims = []
    for split, name in (("train", "covidCheck_train_composed+extracted.json"),
                        ("dev", "covidCheck_dev_composed+extracted.json")):
        for line in (folder / split / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                if d.get("label") in GOLD:
                    claims.append({"id": d["id"], "claim": d["claim"].strip(), "gold": GOLD[d["label"]],
                                   "group": d.get("cord_id") or d["id"]})
    return docs, claims


def run_claims(docs: list[Any], claims: list[dict[str, Any]], batch: int = 64) -> list[tuple[str, float]]:
    """(verdict, confidence) per claim, checked end to end over a fresh index of ``docs``."""
    from ..corpus import Embedder, build
    from ..pipeline import Checker
    from ..types import Claim

    with tempfile.TemporaryDirectory() as tmp:
        checker = Checker(build(Path(tmp) / "index", [docs], Embedder()), k=5)
        checker.verdict_rule = type(checker.verdict_rule)(calibration=None)  # raw, uncalibrated verdicts
        out = []
        for start in range(0, len(claims), batch):
            part = [Claim(id=c["id"], text=c["claim"], sentence=c["claim"], start=0, end=len(c["claim"]))
                    for c in claims[start:start + batch]]
            out += [(c.verdict, c.confidence or 0.0) for c in checker.check_claims(part)]
            print(f"checked {min(start + batch, len(claims))}/{len(claims)} claims", file=sys.stderr)
        return out


def threshold_for(pairs: list[tuple[float, bool]], precision: float) -> float | None:
    """The lowest confidence at which the verdicts at or above it are right ``precision`` of the time."""
    best = None
    for t in sorted({c for c, _ in pairs}, reverse=True):
        kept = [ok for c, ok in pairs if c >= t]
        if kept and sum(kept) / len(kept) >= precision:
            best = t
    return best


def calibrate(claims: list[dict[str, Any]], verdicts: list[tuple[str, float]], precision: float,
              seed: int = 13) -> dict[str, Any]:
    groups = sorted({c["group"] for c in claims})
    random.Random(seed).shuffle(groups)
    held = set(groups[: len(groups) // 2])
    out: dict[str, Any] = {"precision_goal": precision, "labels": {}}
    for label in ("supported", "refuted"):
        fit = [(conf, c["gold"] == label) for c, (v, conf) in zip(claims, verdicts) if v == label
               and c["group"] not in held]
        t = threshold_for(fit, precision)
        test = [(conf, c["gold"] == label) for c, (v, conf) in zip(claims, verdicts) if v == label
                and c["group"] in held]
        kept = [ok for conf, ok in test if t is not None and conf >= t]
        gold_n = sum(c["gold"] == label for c in claims if c["group"] in held)
        raw = [ok for _, ok in test]
        curve = {}
        for q in (0.5, 0.6, 0.7, 0.8, 0.9):
            at = [ok for conf, ok in fit + test if conf >= q]
            curve[str(q)] = {"kept": len(at), "precision": round(sum(at) / len(at), 4) if at else None}
        out["labels"][label] = {
            "threshold": None if t is None else round(t, 4),
            "precision_at_confidence (all claims)": curve,
            "held_out": {"claims": sum(c["group"] in held for c in claims), "gold": gold_n,
                         "raw_predicted": len(raw), "raw_precision": round(sum(raw) / len(raw), 4) if raw else None,
                         "kept": len(kept), "precision": round(sum(kept) / len(kept), 4) if kept else None,
                         "recall": round(sum(kept) / gold_n, 4) if gold_n else None}}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.training.verdict", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the train/ folder (never eval/)")
    ap.add_argument("--out", type=Path, default=CALIBRATION)
    ap.add_argument("--precision", type=float, default=0.9)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int, default=None, help="only the first N claims (a quick try)")
    ap.add_argument("--dump", type=Path, default=None, help="also write each claim's verdict (JSON lines), to study misses")
    args = ap.parse_args(argv)
    if "eval" in args.data.resolve().parts:
        print("error: calibrate on the train/ folder, never eval/", file=sys.stderr)
        return 2
    docs, claims = load_check_covid(args.data / "check-covid")
    claims = claims[: args.limit] if args.limit else claims
    verdicts = run_claims(docs, claims)
    if args.dump:
        args.dump.write_text("".join(json.dumps({**c, "verdict": v, "confidence": conf}) + "\n"
                                     for c, (v, conf) in zip(claims, verdicts)), encoding="utf-8")
    doc = {"data": f"check-covid train + dev ({len(claims)} claims, {len(docs)} abstracts), train/ folder",
           "split": "half the abstracts' claims fit the thresholds, the other half measure them",
           "command": "python -m factcheck.training.verdict --data <shared>/data/train"
                      + (f" --precision {args.precision}" if args.precision != 0.9 else ""),
           **calibrate(claims, verdicts, args.precision, args.seed)}
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(doc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
