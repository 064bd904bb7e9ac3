"""Consistency check for the sample data in seeds/ (run: python seeds/validate_seeds.py)."""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
errors = []

passages = [json.loads(line) for line in (HERE / "reference/passages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
ids = [p["id"] for p in passages]
if len(ids) != len(set(ids)):
    errors.append("duplicate passage ids")
if len(passages) < 70:
    errors.append(f"only {len(passages)} passages")
for p in passages:
    missing = {"id", "title", "publisher", "url", "date", "text"} - p.keys()
    if missing:
        errors.append(f"{p.get('id')}: missing {missing}")
    n = len(p["text"].split())
    if not 20 <= n <= 70:
        errors.append(f"{p['id']}: {n} words")
known = set(ids)

true_text = (HERE / "articles/istanbul-embassy-talks.txt").read_text(encoding="utf-8")
doc_text = (HERE / "articles/istanbul-embassy-talks-doctored.txt").read_text(encoding="utf-8")

claims = json.loads((HERE / "articles/istanbul-embassy-talks.claims.json").read_text(encoding="utf-8"))
for c in claims:
    if c["sentence"] not in true_text:
        errors.append(f"claim sentence not in article: {c['sentence']}")
    for i in c["supported_by"]:
        if i not in known:
            errors.append(f"unknown id {i}")

planted = json.loads((HERE / "articles/istanbul-embassy-talks-doctored.planted.json").read_text(encoding="utf-8"))
if len(planted) < 7:
    errors.append("fewer than 7 planted errors")
for e in planted:
    if e["original"] not in true_text:
        errors.append(f"original not in true article: {e['original']}")
    if e["doctored"] not in doc_text:
        errors.append(f"doctored not in doctored article: {e['doctored']}")
    if e["doctored"] in true_text:
        errors.append(f"doctored sentence also in true article: {e['doctored']}")
    for i in e["refuted_by"]:
        if i not in known:
            errors.append(f"unknown id {i}")
# the doctored article is the true one with exactly the planted sentences swapped
rebuilt = true_text
for e in planted:
    rebuilt = rebuilt.replace(e["original"], e["doctored"])
if rebuilt != doc_text:
    errors.append("doctored article differs from true article beyond the planted sentences")

print(f"{len(passages)} passages, {len(claims)} claims, {len(planted)} planted errors")
for e in errors:
    print("ERROR:", e)
sys.exit(1 if errors else 0)
