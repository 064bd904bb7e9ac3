"""Lines that are not part of the story: an article's text in, its story sentences and its
dropped lines out.

Web furniture addresses the reader or the site, not the story: donation and subscription appeals,
log-in and share prompts, photo and video captions, "Related:" and "Map:" link lines, bylines,
reporter and photographer credits, "Updated ..." lines. Each is dropped before any claim is made,
and listed with the reason, so nothing disappears from the reviewer's sight.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..text import Span, paragraphs, sentences

_W = r"[\w.’'\-]+"

# (why, pattern) in order; a line or sentence matching one is not the story.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("caption", re.compile(r"^\W*(photo|photograph|picture|image|video|watch|graphic|chart|illustration|gallery|"
                           r"image caption|media caption|caption)\b\s*[:|/–—-]", re.I)),
    ("related links", re.compile(r"^\W*(related|read also|also read|read next|see also|more on this|more|recommended|"
                                 r"most read|map|listen|explainer|timeline|in pictures|latest)\s*[:|–—]", re.I)),
    ("credit line", re.compile(r"^\W*(?:(?:additional\s+)?reporting|writing|editing|edited|photography|photographs|photos|"
                               r"graphics|video|produced|compiled|research|words|illustrations?)\s+by\b"
                               r"|\bcontributed(?:\s+to)?(?:\s+this)?(?:\s+(?:report|story|article))?(?:\s+from\s+\w+)?\W*$"
                               r"|\bcontributed reporting\b", re.I)),
    ("byline", re.compile(r"^\W*(?:by|written by|words by|from)\s+[A-Z][\w.'’\- ]{1,60}"
                          r"(?:(?:,|\sand\s)[\w .'’\-]{1,60}){0,2}$", re.I)),
    ("caption", re.compile(r"\((?:AP|AFP|Reuters|Getty|EPA|PA)?\s*(?:photo|image|picture)s?\b[^)]*\)\W*$"
                           r"|\b(?:photo(?:graph)?|image|picture)\s*(?:credit)?\s*:\s*" + _W + r"[^.]{0,60}$"
                           r"|(?:/|\|)\s*(?:Reuters|AP|AFP|Getty Images|EPA|PA|Shutterstock|Alamy)\W*$"
                           r"|\b(?:Getty Images|Shutterstock|Alamy)\W*$", re.I)),
    ("dateline", re.compile(r"^[A-Z][A-Z .'’\-]{2,}(?:,\s*[A-Z][\w .'’\-]+)?\s*[—–\-]+\s*[\w ,.]{0,30}\d[\w ,.]{0,30}$")),
    ("date line", re.compile(r"^\W*(?:date|updated|published|posted|last updated|last modified|first published|modified)"
                             r"\b[\s:]*(?=.*(?:\d|ago|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[\w ,:./+\-]{0,60}"
                             r"(?:\|\s*(?:updated|published|posted|last updated|modified)\b[\w ,:./+\-]{0,60})?$",
                             re.I)),
    ("share prompt", re.compile(r"^\W*(?:share|tweet|email|print|copy link|save)\b(?:\s+(?:this|the|on|via|article|story|"
                                r"page|link))*\s*(?::|$|\|)|\bcopy link\b|\b(?:facebook|whatsapp|linkedin)\s*\|", re.I)),
    ("log-in prompt", re.compile(r"\b(?:log ?in|sign ?in|already a (?:subscriber|member)|create (?:a free |an |your )?account"
                                 r"|register (?:now|for free|to)|keep reading|continue reading|to read (?:the full|this|more))\b",
                                 re.I)),
    ("subscription prompt", re.compile(r"^\W*(?:subscribe|sign up|get (?:our|the) \w+ newsletter|newsletter|"
                                       r"free trial|start your|unlock|become a (?:member|subscriber|supporter))\b", re.I)),
    ("advertisement", re.compile(r"^\W*(?:advertisement|sponsored(?: content)?|story continues below|"
                                 r"skip advert|ad feedback|paid content)\W*$", re.I)),
    ("prompt", re.compile(r"^\W*(?:read more|support now|donate(?: now)?|comments?|listen to (?:this )?article|"
                          r"click here|follow us|related(?: articles?)?)\W*$", re.I)),
    ("link list", re.compile(r"^[^|]{2,120}(?:\s\|\s[^|]{2,120}){2,}$")),
]
# Cue words that make a longer sentence furniture only when it also speaks to the reader.
_APPEAL = re.compile(
    r"\b(donat\w*|subscri\w*|paywalls?|newsletters?|inbox|sign up|support (us|now|our|independent)|your support|"
    r"read more|click here|advertisement|all rights reserved|copyright|follow us|share this|"
    r"journalism|cookies?|log ?in|membership|become a member)\b", re.I)
_READER = re.compile(r"\b(?i:you|your|we|our)\b|\bus\b")  # "us", not "US District Judge"
_SHORT = 14  # words: a prompt line is short; a story sentence that mentions a newsletter is not


@dataclass(frozen=True)
class Dropped:
    """A line or sentence left out of the claims, with its span in the article and why."""

    text: str
    start: int
    end: int
    why: str

    def to_dict(self) -> dict:
        return asdict(self)


def boilerplate_reason(line: str, appeal: bool = True) -> str | None:
    """Why ``line`` is web furniture rather than story, or None when it is story. Without ``appeal``
    the cue words of an appeal are not looked for: a long line, a whole paragraph, is judged by its
    sentences, so that one "political donations" near one "we" does not take the paragraph."""
    s = line.strip()
    short = len(s.split()) <= _SHORT
    for why, pattern in _LINE_RULES:
        if why in ("log-in prompt", "subscription prompt", "share prompt") and not short:
            continue
        if pattern.search(s):
            return why
    if appeal and _APPEAL.search(s) and _READER.search(s):
        return "appeal to the reader"
    return None


def is_boilerplate(sentence: str) -> bool:
    """True for lines that address the reader or the site rather than report the story."""
    return boilerplate_reason(sentence) is not None


def _lines(text: str, para: Span) -> list[Span]:
    out, pos = [], para.start
    for part in para.text.split("\n"):
        start = pos + len(part) - len(part.lstrip())
        end = pos + len(part.rstrip())
        if end > start:
            out.append(Span(start, end, text[start:end]))
        pos += len(part) + 1
    return out


def split_story(text: str) -> tuple[list[Span], list[Dropped]]:
    """The story's sentences and the dropped lines, both in reading order.

    A whole line that is furniture is dropped as one. A paragraph where at least half of the
    sentences are furniture is dropped whole: the sentences of an appeal that carry no cue word
    ("At such a critical moment, we need reporters on the ground") go with it.
    """
    story: list[Span] = []
    dropped: list[Dropped] = []
    for para in paragraphs(text):
        sents: list[Span] = []
        run: list[Span] = []  # consecutive story lines: a hard-wrapped sentence spans them
        for line in [*_lines(text, para), None]:
            why = boilerplate_reason(line.text, appeal=len(line.text.split()) <= 2 * _SHORT) if line is not None else None
            if (line is None or why) and run:
                sents.extend(sentences(text, run[0].start, run[-1].end))
                run = []
            if line is not None and why:
                dropped.append(Dropped(line.text, line.start, line.end, why))
            elif line is not None:
                run.append(line)
        reasons = [boilerplate_reason(s.text) for s in sents]
        whole = len(sents) > 1 and sum(r is not None for r in reasons) * 2 >= len(sents)
        for s, why in zip(sents, reasons):
            if why or whole:
                dropped.append(Dropped(s.text, s.start, s.end, why or "in a paragraph of appeals to the reader"))
            else:
                story.append(s)
    dropped.sort(key=lambda d: d.start)
    return story, dropped


def story_sentences(text: str) -> list[Span]:
    """Sentences of the story, without appeals, prompts, captions, bylines and credit lines."""
    return split_story(text)[0]
