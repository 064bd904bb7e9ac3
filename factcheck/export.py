"""Reports out: JSON (the full object), Markdown for people, one summary row per article for CSV.

Text from articles and the corpus is escaped where a format would interpret it, so a passage
holding Markdown links or HTML shows literally.
"""

from __future__ import annotations

import json
import re

from .types import ClaimCheck, Report

SUMMARY_FIELDS = ["article", "title", "claims", "checkworthy_claims", "with_evidence", "supported", "refuted",
                  "conflicting", "not_enough_evidence", "unverified", "top_claim", "error"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+|!~])")


def md_escape(text: str) -> str:
    """Escape Markdown and inline HTML so reported text cannot format or link itself."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def verdict_of(check: ClaimCheck) -> str | None:
    """The reviewer's verdict where there is one, else the suggested one."""
    return check.override or check.verdict


def to_markdown(report: Report, min_checkworthiness: float = 0.0) -> str:
    stance_known = any(e.stance for c in report.checks for e in c.evidence)
    lines = [f"# Claim report: {md_escape(report.title or 'article')}", ""]
    lines.append(f"Checked {report.created} against {report.index.get('passages', '?')} passages from "
                 f"{report.index.get('documents', '?')} documents ({md_escape(report.index.get('embedding_model', ''))}).")
    if not stance_known:
        lines.append("")
        lines.append("> Evidence is ranked by relevance only: no stance model was applied, so passages are "
                     "related to each claim but not yet judged to support or contradict it.")
    lines.extend(f"> {md_escape(n)}" for n in report.notes)
    lines.append("")
    for check in report.checks:
        c = check.claim
        if c.checkworthiness < min_checkworthiness:
            continue
        verdict = verdict_of(check)
        head = f"## {c.id}: {md_escape(c.text)}"
        lines += [head, ""]
        meta = [f"check-worthiness {c.checkworthiness:.2f}", f"kind {c.kind}"]
        if c.speaker:
            meta.append(f"speaker: {md_escape(c.speaker)}")
        if verdict:
            conf = f" ({check.confidence:.0%})" if check.confidence is not None else ""
            meta.append(f"verdict: **{verdict}**{conf}")
        lines += ["- " + "; ".join(meta), f"- sentence: \"{md_escape(c.sentence)}\" (chars {c.start}-{c.end})"]
        if check.reason:
            lines.append(f"- reason: {md_escape(check.reason)}")
        if check.note:
            lines.append(f"- reviewer note: {md_escape(check.note)}")
        lines.append("")
        if not check.evidence:
            lines += ["No evidence found in the index.", ""]
        for n, e in enumerate(check.evidence, 1):
            src = e.passage.source
            stance = f" — {e.stance}" if e.stance else ""
            title = md_escape(src.title or src.doc_id)
            link = f"<{src.url}>" if src.url.startswith(("http://", "https://")) else md_escape(src.url)
            lines.append(f"{n}. score {e.score:.3f}{stance} — {title}, {md_escape(src.publisher)}, "
                         f"{md_escape(src.date)} {link}".rstrip())
            lines.append(f"   > {md_escape(e.passage.text)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary_row(name: str, report: Report | None, error: str = "") -> dict[str, object]:
    """One CSV row: counts per verdict, or the error that stopped this article."""
    row: dict[str, object] = dict.fromkeys(SUMMARY_FIELDS, "")
    row.update(article=name, error=error)
    if report is None:
        return row
    verdicts = [verdict_of(c) for c in report.checks]
    top = max(report.checks, key=lambda c: c.claim.checkworthiness, default=None)
    row.update(title=report.title, claims=len(report.checks),
               checkworthy_claims=sum(c.claim.checkworthiness >= 0.5 for c in report.checks),
               with_evidence=sum(bool(c.evidence) for c in report.checks),
               supported=verdicts.count("supported"), refuted=verdicts.count("refuted"),
               conflicting=verdicts.count("conflicting"),
               not_enough_evidence=verdicts.count("not_enough_evidence"),
               unverified=verdicts.count(None), top_claim=top.claim.text if top else "")
    return row
