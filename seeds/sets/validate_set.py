"""Consistency check for one example set under seeds/sets/.

Run: python seeds/sets/validate_set.py seeds/sets/assisted-dying-vote

A set folder holds article.txt, article-doctored.txt, article-doctored.planted.json,
article.claims.json and reference/passages.jsonl (formats as in seeds/README.md). The checks
mirror seeds/validate_seeds.py: unique passage ids with the full schema, passage count and
length, every cited id exists, claim sentences and planted originals verbatim in the true
article, doctored sentences verbatim in the doctored article, the doctored article equal to
the true one with each original swapped for its doctored sentence, and enough planted errors
covering the required kinds. Standard library only.
"""
import json
import pathlib
import sys

MIN_PASSAGES = 30
MIN_WORDS, MAX_WORDS = 20, 70
MIN_PLANTED = 8
PASSAGE_FIELDS = {"id", "title", "publisher", "url", "date", "text"}
PLANTED_FIELDS = {"kind", "original", "doctored", "false_claim", "true_claim", "refuted_by"}
CLAIM_FIELDS = {"claim", "sentence", "supported_by"}
# required kind -> words that may name it in a planted error's "kind"
REQUIRED_KINDS = {
    "number": ("number",),
    "year": ("year",),
    "weekday or date": ("weekday", "day", "date"),
    "place": ("place", "city", "country", "region"),
    "person": ("person",),
    "negation": ("negation",),
    "quantifier": ("quantifier",),
    "vote tally": ("tally",),
}


def load_jsonl(path, errors):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name} line {n}: not JSON ({exc})")
    return rows


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2])
        return 2
    root = pathlib.Path(argv[1])
    errors = []
    needed = ["article.txt", "article-doctored.txt", "article-doctored.planted.json",
              "article.claims.json", "reference/passages.jsonl"]
    missing_files = [name for name in needed if not (root / name).is_file()]
    if missing_files:
        for name in missing_files:
            print("ERROR: missing file", root / name)
        return 1

    passages = load_jsonl(root / "reference/passages.jsonl", errors)
    ids = [p.get("id") for p in passages]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        errors.append(f"duplicate passage ids: {dupes}")
    if len(passages) < MIN_PASSAGES:
        errors.append(f"only {len(passages)} passages (need {MIN_PASSAGES})")
    for p in passages:
        missing = PASSAGE_FIELDS - p.keys()
        if missing:
            errors.append(f"{p.get('id')}: missing {sorted(missing)}")
            continue
        n = len(p["text"].split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            errors.append(f"{p['id']}: {n} words")
    known = set(ids)

    true_text = (root / "article.txt").read_text(encoding="utf-8")
    doc_text = (root / "article-doctored.txt").read_text(encoding="utf-8")

    claims = json.loads((root / "article.claims.json").read_text(encoding="utf-8"))
    for c in claims:
        missing = CLAIM_FIELDS - c.keys()
        if missing:
            errors.append(f"claim missing {sorted(missing)}: {c}")
            continue
        if c["sentence"] not in true_text:
            errors.append(f"claim sentence not in article: {c['sentence']}")
        if not c["supported_by"]:
            errors.append(f"claim without supporting passages: {c['claim']}")
        for i in c["supported_by"]:
            if i not in known:
                errors.append(f"unknown id {i}")

    planted = json.loads((root / "article-doctored.planted.json").read_text(encoding="utf-8"))
    if len(planted) < MIN_PLANTED:
        errors.append(f"only {len(planted)} planted errors (need {MIN_PLANTED})")
    for e in planted:
        missing = PLANTED_FIELDS - e.keys()
        if missing:
            errors.append(f"planted error missing {sorted(missing)}: {e}")
            continue
        if true_text.count(e["original"]) != 1:
            errors.append(f"original not found exactly once in true article: {e['original']}")
        if e["doctored"] not in doc_text:
            errors.append(f"doctored not in doctored article: {e['doctored']}")
        if e["doctored"] in true_text:
            errors.append(f"doctored sentence also in true article: {e['doctored']}")
        if e["original"] == e["doctored"]:
            errors.append(f"original and doctored are the same: {e['original']}")
        if not e["refuted_by"]:
            errors.append(f"planted error without refuting passages: {e['false_claim']}")
        for i in e["refuted_by"]:
            if i not in known:
                errors.append(f"unknown id {i}")
    # the doctored article is the true one with exactly the planted sentences swapped
    rebuilt = true_text
    for e in planted:
        if PLANTED_FIELDS <= e.keys():
            rebuilt = rebuilt.replace(e["original"], e["doctored"])
    if rebuilt != doc_text:
        errors.append("doctored article differs from true article beyond the planted sentences")

    kinds = [str(e.get("kind", "")).lower() for e in planted]
    for required, words in REQUIRED_KINDS.items():
        if not any(any(w in k for w in words) for k in kinds):
            errors.append(f"no planted error of kind '{required}'")

    print(f"{root}: {len(passages)} passages, {len(claims)} claims, {len(planted)} planted errors")
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
