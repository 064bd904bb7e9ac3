"""Reports out: JSON (the full object), Markdown and HTML for people, CSV (one row per claim, or
one summary row per article), and schema.org ClaimReview JSON-LD for publishing.

Text from articles and the corpus is escaped where a format would interpret it, so a passage
holding Markdown links or HTML shows literally. The HTML pieces (article highlights, verdict
badges, evidence cards) are shared with the Streamlit page, so both escape in one place.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..types import Claim, ClaimCheck, Evidence, Report

SUMMARY_FIELDS = ["article", "title", "claims", "checkworthy_claims", "with_evidence", "supported", "refuted",
                  "conflicting", "not_enough_evidence", "unverified", "top_claim", "error"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+|!~&$])")  # & (entities), $ (the page's LaTeX) too
_MD_LINE_START = re.compile(r"^(?:([-=])|(\d+)([.)]))")  # a list item or rule where the text starts a line


def md_escape(text: str) -> str:
    """Escape Markdown and inline HTML so reported text cannot format or link itself."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def verdict_of(check: ClaimCheck) -> str | None:
    """The reviewer's verdict where there is one, else the suggested one."""
    return check.override or check.verdict


_MD_URL = re.compile(r"https?://[^\s<>\\`\x00-\x1f\x7f]+", re.I)  # what CommonMark takes as an autolink


def md_link(url: str) -> str:
    """A web URL as a Markdown autolink; anything else (``javascript:``, a URL with spaces or ``>``
    that would end the link early) as escaped text."""
    return f"<{url}>" if _MD_URL.fullmatch(url or "") else md_escape(url or "")


def to_markdown(report: Report, min_checkworthiness: float = 0.0) -> str:
    stance_known = any(e.stance for c in report.checks for e in c.evidence)
    lines = [f"# Claim report: {md_escape(report.title or 'article')}", ""]
    lines.append(f"Checked {md_escape(report.created)} against {md_escape(report.index.get('passages', '?'))} passages "
                 f"from {md_escape(report.index.get('documents', '?'))} documents "
                 f"({md_escape(report.index.get('embedding_model', ''))}).")
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
        head = f"## {md_escape(c.id)}: {md_escape(c.text)}"
        lines += [head, ""]
        meta = [f"check-worthiness {c.checkworthiness:.2f}", f"kind {md_escape(c.kind)}"]
        if c.speaker:
            meta.append(f"speaker: {md_escape(c.speaker)}")
        if verdict:
            conf = f" ({check.confidence:.0%})" if check.confidence is not None else ""
            meta.append(f"verdict: **{md_escape(verdict)}**{conf}")
        lines += ["- " + "; ".join(meta), f"- sentence: \"{md_escape(c.sentence)}\" (chars {c.start}-{c.end})"]
        if c.notes:
            lines.append(f"- rewritten from its sentence: {md_escape('; '.join(c.notes))}")
        if check.reason:
            lines.append(f"- reason: {md_escape(check.reason)}")
        if check.note:
            lines.append(f"- reviewer note: {md_escape(check.note)}")
        lines.append("")
        if not check.evidence:
            lines += ["No evidence found in the index.", ""]
        for n, e in enumerate(check.evidence, 1):
            src = e.passage.source
            stance = " — not about this claim" if e.relevant is False else f" — {md_escape(e.stance)}" if e.stance else ""
            title = md_escape(src.title or src.doc_id)
            link = md_link(src.url)
            lines.append(f"{n}. score {e.score:.3f}{stance} — {title}, {md_escape(src.publisher)}, "
                         f"{md_escape(src.date)} {link}".rstrip())
            lines.append(f"   > {md_escape(e.passage.text)}")
            if e.relevant and e.differences:
                lines.append(f"   - differs: {md_escape(differences_text(e))}")
        lines.append("")
    if report.dropped:
        lines += ["## Left out of the claims", ""] + [f"- {md_escape(d)}" for d in dropped_lines(report)] + [""]
    return "\n".join(lines).rstrip() + "\n"


def differences_text(e: Evidence) -> str:
    """The differing slots of a judged passage: "place: claim Geneva · passage Istanbul; ..."."""
    return "; ".join(f"{d['slot']}: claim {d['claim']['text']} · passage {d['passage']['text']}" for d in e.differences)


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


# ---- the page's and the HTML report's shared pieces ----------------------------------------

VERDICT_LABELS: dict[str | None, str] = {
    "supported": "Supported", "refuted": "Refuted", "conflicting": "Conflicting",
    "not_enough_evidence": "Not enough evidence", None: "Unverified",
}
# Background / text colours per verdict; the page's highlights, badges and chart use the same ones.
VERDICT_COLOURS: dict[str | None, str] = {
    "supported": "#2e7d32", "refuted": "#c62828", "conflicting": "#ef6c00",
    "not_enough_evidence": "#616161", None: "#1565c0",
}
_HIGHLIGHT: dict[str | None, str] = {
    "supported": "#c8e6c9", "refuted": "#ffcdd2", "conflicting": "#ffe0b2",
    "not_enough_evidence": "#e0e0e0", None: "#bbdefb",
}
STANCE_COLOURS = {"support": "#2e7d32", "refute": "#c62828", "neutral": "#757575"}
# When spans of several claims overlap, the highlight shows the one a checker must look at first.
_SEVERITY = {"refuted": 0, "conflicting": 1, "not_enough_evidence": 2, None: 3, "supported": 4}
RELEVANCE_ONLY = ("Evidence is ranked by relevance only: no stance model was applied, so passages are "
                  "related to each claim but not yet judged to support or contradict it.")


def _e(text: object) -> str:
    """HTML-escape anything from the article or the corpus (quotes too: it may land in attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def _safe_url(url: str) -> str | None:
    """Only web links become ``href``s: ``javascript:`` or ``data:`` URLs in a corpus stay text."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def verdict_counts(report: Report, min_checkworthiness: float = 0.0) -> dict[str, int]:
    """Claims per final verdict (reviewer's where given), ``unverified`` for none, in a fixed order."""
    counts = {v or "unverified": 0 for v in VERDICT_LABELS}
    for c in report.checks:
        if c.claim.checkworthiness >= min_checkworthiness:
            counts[verdict_of(c) or "unverified"] += 1
    return counts


def verdict_rows(report: Report, min_checkworthiness: float = 0.0) -> list[dict[str, object]]:
    """The verdict summary as rows (label, claims, colour) for a chart, verdicts with no claim left out."""
    counts = verdict_counts(report, min_checkworthiness)
    return [{"verdict": VERDICT_LABELS[None if v == "unverified" else v], "claims": n,
             "colour": VERDICT_COLOURS[None if v == "unverified" else v]} for v, n in counts.items() if n]


def report_caption(report: Report, shown: int) -> str:
    """When and against what a report was checked, and how many of its claims are shown."""
    return (f"Checked {report.created} against {report.index.get('passages', '?')} passages from "
            f"{report.index.get('documents', '?')} documents. {shown} of {len(report.checks)} claims shown.")


def claim_facts(claim: Claim) -> str:
    """What the extractor found about a claim: check-worthiness, kind, speaker, and on a line of
    their own, the rewrites that make it read on its own (pronouns, relative times)."""
    head = f"Check-worthiness {claim.checkworthiness:.2f} · {claim.kind}" + (
        f" · speaker: {claim.speaker}" if claim.speaker else "")
    return head + (f"\nRewritten from its sentence: {'; '.join(claim.notes)}" if claim.notes else "")


def dropped_lines(report: Report) -> list[str]:
    """The article's lines left out of the claims, each with why ("caption: Photo: ...")."""
    return [f"{d.get('why', '')}: {d.get('text', '')}" for d in report.dropped]


def badge_html(verdict: str | None, confidence: float | None = None, reviewed: bool = False) -> str:
    """A coloured verdict label; ``reviewed`` marks a reviewer's override."""
    label = VERDICT_LABELS.get(verdict, str(verdict))
    conf = f" {confidence:.0%}" if confidence is not None and not reviewed else ""
    who = " (reviewer)" if reviewed else ""
    return (f'<span class="fc-badge" data-verdict="{_e(verdict or "unverified")}" style="background:'
            f'{VERDICT_COLOURS.get(verdict, "#1565c0")};color:#fff;border-radius:4px;padding:1px 7px;'
            f'font-size:0.85em;font-weight:600;white-space:nowrap">{_e(label + conf + who)}</span>')


def article_html(report: Report) -> str:
    """The article as escaped HTML with each claim's sentence highlighted in its verdict's colour.

    Spans of several claims may overlap (one sentence yields several claims; a merged claim spans
    two sentences), so the text is cut at every span boundary and each piece takes the most
    severe verdict among the claims covering it. A hover title names those claims.
    """
    text = report.text
    spans = [(c.claim.start, c.claim.end, c) for c in report.checks
             if 0 <= c.claim.start < c.claim.end <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [c for s, e, c in spans if s <= a and b <= e]
        piece = _e(text[a:b])
        if not covering or not text[a:b].strip():
            out.append(piece)
            continue
        worst = min((verdict_of(c) for c in covering), key=lambda v: _SEVERITY.get(v, 3))
        title = "; ".join(f"{c.claim.id}: {VERDICT_LABELS.get(verdict_of(c), verdict_of(c))}" for c in covering)
        ids = " ".join(c.claim.id for c in covering)
        out.append(f'<mark class="fc-claim" data-claims="{_e(ids)}" data-verdict="{_e(worst or "unverified")}" '
                   f'title="{_e(title)}" style="background:{_HIGHLIGHT.get(worst, "#bbdefb")};'
                   f'border-bottom:2px solid {VERDICT_COLOURS.get(worst, "#1565c0")};padding:0 1px">{piece}</mark>')
    return ('<div class="fc-article" style="white-space:pre-wrap;line-height:1.6;font-family:Georgia,serif">'
            + "".join(out) + "</div>")


_MARKS = {"difference": "background:#ffcdd2;border-bottom:2px solid #c62828", "match": "background:#e8f5e9"}


def marked_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each (start, end, kind) span in a <mark>; overlapping spans keep the first."""
    out, pos = [], 0
    for start, end, kind in sorted(spans):
        if start < pos or not 0 <= start < end <= len(text):
            continue
        out += [_e(text[pos:start]), f'<mark class="fc-{kind}" style="{_MARKS[kind]};padding:0 1px">',
                _e(text[start:end]), "</mark>"]
        pos = end
    return "".join(out) + _e(text[pos:])


def _spans(evidence: Evidence, side: str) -> list[tuple[int, int, str]]:
    """Spans of the differing (and matching) slots on one side, "claim" or "passage"."""
    spans = []
    for kind, items in (("difference", evidence.differences), ("match", evidence.matches)):
        for d in items:
            s = d.get(side) or {}
            if "start" in s and "end" in s:
                spans.append((int(s["start"]), int(s["end"]), kind))
    return spans


def claim_html(check: ClaimCheck) -> str:
    """The claim with what the deciding passages contradict marked (empty when nothing differs)."""
    spans = [s for e in check.evidence if e.relevant and e.differences for s in _spans(e, "claim")
             if s[2] == "difference"]
    if not spans:
        return ""
    return (f'<div class="fc-claim" style="font-size:0.95em">Claim: '
            f'{marked_html(check.claim.text, spans)}</div>')


def evidence_html(evidence: Evidence, n: int | None = None) -> str:
    """One evidence card: stance and its probabilities, score, source, date, link, the passage."""
    src = evidence.passage.source
    head = [f"#{n}" if n is not None else ""]
    if evidence.relevant is False:
        head.append('<span style="color:#9e9e9e;font-weight:600">not about this claim</span>')
    elif evidence.stance:
        head.append(f'<span style="color:{STANCE_COLOURS.get(evidence.stance, "#555")};font-weight:600">'
                    f"{_e(evidence.stance)}</span>")
    else:
        head.append('<span style="color:#555">relevance only</span>')
    if evidence.probs:
        head.append(_e(" · ".join(f"P({k}) {float(v):.2f}" for k, v in evidence.probs.items())))
    head.append(f"score {evidence.score:.3f}")
    url = _safe_url(src.url)
    title = _e(src.title or src.doc_id)
    title = f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{title}</a>' if url else title
    meta = " · ".join(p for p in (title, _e(src.publisher), _e(src.date)) if p)
    if src.url and not url:
        meta += f" · {_e(src.url)}"
    if evidence.relevance is not None:
        head.append(f"relevance {evidence.relevance:.2f}")
    differs = ""
    if evidence.relevant and evidence.differences:
        differs = (f'<div class="fc-differs" style="font-size:0.85em;color:#c62828">differs: '
                   f'{_e(differences_text(evidence))}</div>')
    grey = "opacity:0.55;" if evidence.relevant is False else ""
    passage = (marked_html(evidence.passage.text, _spans(evidence, "passage")) if evidence.relevant
               else _e(evidence.passage.text))
    colour = "#bdbdbd" if evidence.relevant is False else STANCE_COLOURS.get(evidence.stance or "", "#90a4ae")
    return (f'<div class="fc-evidence" style="{grey}border:1px solid #ddd;border-left:4px solid '
            f'{colour};border-radius:4px;padding:6px 10px;margin:6px 0">'
            f'<div style="font-size:0.85em;color:#333">{" · ".join(h for h in head if h)}</div>'
            f'<div style="font-size:0.85em;color:#555">{meta}</div>{differs}'
            f'<div class="fc-passage" style="white-space:pre-wrap;margin-top:4px">{passage}</div></div>')


def to_html(report: Report, min_checkworthiness: float = 0.0) -> str:
    """A standalone HTML report: verdict summary, the highlighted article, then each claim.

    Every piece of article or corpus text is escaped, so a passage holding ``<script>`` shows
    the tag as text; the file carries no script of its own.
    """
    counts = verdict_counts(report, min_checkworthiness)
    stance_known = any(e.stance for c in report.checks for e in c.evidence)
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Claim report: {_e(report.title or 'article')}</title>",
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "</head><body style=\"font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em\">",
             f"<h1>Claim report: {_e(report.title or 'article')}</h1>",
             f"<p>Checked {_e(report.created)} against {_e(report.index.get('passages', '?'))} passages from "
             f"{_e(report.index.get('documents', '?'))} documents ({_e(report.index.get('embedding_model', ''))}).</p>"]
    if not stance_known:
        parts.append(f"<p><em>{_e(RELEVANCE_ONLY)}</em></p>")
    parts += [f"<p><em>{_e(n)}</em></p>" for n in report.notes]
    parts.append("<p>" + " ".join(badge_html(None if v == "unverified" else v) + f" {n}"
                                  for v, n in counts.items() if n) + "</p>")
    parts += ["<h2>Article</h2>", article_html(report), "<h2>Claims</h2>"]
    for check in report.checks:
        c = check.claim
        if c.checkworthiness < min_checkworthiness:
            continue
        parts.append(f'<section id="{_e(c.id)}"><h3>{_e(c.id)}: {_e(c.text)}</h3>')
        badges = badge_html(verdict_of(check), check.confidence if not check.override else None,
                            reviewed=bool(check.override))
        if check.override and check.verdict:
            badges += f" suggested: {badge_html(check.verdict, check.confidence)}"
        meta = [f"check-worthiness {c.checkworthiness:.2f}", f"kind {_e(c.kind)}"]
        if c.speaker:
            meta.append(f"speaker: {_e(c.speaker)}")
        parts.append(f"<p>{badges} · {' · '.join(meta)}</p>")
        if c.sentence:
            parts.append(f"<p>Sentence: &ldquo;{_e(c.sentence)}&rdquo; (chars {c.start}-{c.end})</p>")
        if check.reason:
            parts.append(f"<p>Reason: {_e(check.reason)}</p>")
        if check.note:
            parts.append(f"<p>Reviewer note: {_e(check.note)}</p>")
        if not check.evidence:
            parts.append("<p>No evidence found in the index.</p>")
        parts += [evidence_html(e, n) for n, e in enumerate(check.evidence, 1)]
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


CSV_FIELDS = ["id", "claim", "verdict", "suggested_verdict", "confidence", "override", "note", "reason",
              "speaker", "kind", "checkworthiness", "sentence", "start", "end", "evidence",
              "top_source", "top_date", "top_url", "top_stance", "top_passage"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def to_csv(report: Report, min_checkworthiness: float = 0.0) -> str:
    """One row per claim: the final verdict, the suggestion behind it, the review, the top passage."""
    buf = io.StringIO()
    # CRLF rows (RFC 4180): the writer then quotes any cell holding "\r" or "\n". With "\n" rows a
    # bare "\r" went out unquoted, and a spreadsheet starts a new row there ("x\r=cmd|...": a formula).
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    w.writeheader()
    for check in report.checks:
        c = check.claim
        if c.checkworthiness < min_checkworthiness:
            continue
        top = check.evidence[0] if check.evidence else None
        src = top.passage.source if top else None
        row = {"id": c.id, "claim": c.text, "verdict": verdict_of(check) or "", "suggested_verdict": check.verdict or "",
               "confidence": "" if check.confidence is None else round(check.confidence, 4),
               "override": check.override or "", "note": check.note, "reason": check.reason or "",
               "speaker": c.speaker or "", "kind": c.kind, "checkworthiness": round(c.checkworthiness, 4),
               "sentence": c.sentence, "start": c.start, "end": c.end, "evidence": len(check.evidence),
               "top_source": (src.title or src.doc_id) if src else "", "top_date": src.date if src else "",
               "top_url": src.url if src else "", "top_stance": (top.stance or "") if top else "",
               "top_passage": top.passage.text if top else ""}
        w.writerow({k: csv_cell(v) for k, v in row.items()})
    return buf.getvalue()


# ClaimReview ratings on a 1 (false) .. 5 (true) scale. "Not enough evidence" gets no number: a
# value would place "we could not tell" somewhere on the truth scale; alternateName carries it.
RATING_VALUES = {"refuted": 1, "conflicting": 3, "supported": 5}
_ORG_WORDS = re.compile(r"\b(ministry|kremlin|embassy|department|office|government|council|agency|committee|"
                        r"party|company|inc|ltd|university|commission|police|army|white house|state|"
                        r"administration|bank|organi[sz]ation|union|service|court)\b", re.I)


def to_claimreview(report: Report, author: str = "factcheck", url: str = "", article_url: str = "",
                   date: str | None = None, min_checkworthiness: float = 0.0) -> list[dict[str, Any]]:
    """schema.org ``ClaimReview`` objects, one per claim with a verdict (the reviewer's where given).

    Args:
        author: the fact-checking organisation publishing the reviews.
        url: the page where the reviews are published; each review links to ``url#claim-id``.
        article_url: where the checked article appeared (``itemReviewed.appearance``).
        date: ``datePublished`` (ISO date); defaults to the report's date.
    Claims nobody judged (no suggestion, no override) are left out: there is nothing to publish.
    """
    published = date or (report.created[:10] if report.created else "")
    url, article_url = _safe_url(url) or "", _safe_url(article_url) or ""  # only web links are published
    out: list[dict[str, Any]] = []
    for check in report.checks:
        c, verdict = check.claim, verdict_of(check)
        if verdict is None or c.checkworthiness < min_checkworthiness:
            continue
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": VERDICT_LABELS.get(verdict, verdict),
                                  "bestRating": 5, "worstRating": 1}
        if verdict in RATING_VALUES:
            rating["ratingValue"] = RATING_VALUES[verdict]
        item: dict[str, Any] = {"@type": "Claim"}
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if article_url:
            appearance["url"] = article_url
        if report.title:
            appearance["headline"] = report.title
        if len(appearance) > 1:
            item["appearance"] = appearance
        if c.speaker:
            item["author"] = {"@type": "Organization" if _ORG_WORDS.search(c.speaker) else "Person",
                              "name": c.speaker}
        review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview",
                                  "claimReviewed": c.text, "reviewRating": rating, "itemReviewed": item,
                                  "author": {"@type": "Organization", "name": author or "factcheck"}}
        if published:
            review["datePublished"] = published
        if url:
            review["url"] = f"{url.split('#')[0]}#{quote(c.id, safe='+-._~')}"
        out.append(review)
    return out


@dataclass(frozen=True)
class Download:
    """One export of a report as a file: a short format name, a label, the content, a file name."""

    fmt: str
    label: str
    data: str
    file_name: str
    mime: str


def downloads(report: Report, min_checkworthiness: float = 0.0, author: str = "factcheck", url: str = "",
              article_url: str = "") -> list[Download]:
    """Every export of ``report``, named after its title (the page's download buttons)."""
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (report.title or "article"))[:60]
    review = to_claimreview(report, author=author, url=url, article_url=article_url,
                            min_checkworthiness=min_checkworthiness)
    return [Download("md", "Markdown", to_markdown(report, min_checkworthiness), f"{stem}.md", "text/markdown"),
            Download("html", "HTML", to_html(report, min_checkworthiness), f"{stem}.html", "text/html"),
            Download("json", "JSON", to_json(report), f"{stem}.json", "application/json"),
            Download("csv", "CSV", to_csv(report, min_checkworthiness), f"{stem}.csv", "text/csv"),
            Download("claimreview", "ClaimReview", json.dumps(review, ensure_ascii=False, indent=2),
                     f"{stem}.claimreview.jsonld", "application/ld+json")]
