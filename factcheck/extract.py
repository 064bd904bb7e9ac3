"""Article text in, atomic claims out.

Steps, each a small function:

1. drop what is not part of the story: donation and subscription appeals, bylines,
   "contributed to this report" lines, "Read more" links;
2. split into sentences, keeping each sentence's character span in the article;
3. split attribution off ("The embassy official said Ukraine will not be on the agenda" gives
   the claim "Ukraine will not be on the agenda" with speaker "The embassy official", plus an
   ``attribution`` claim that the official said it); a pronoun speaker is resolved to the last
   named speaker;
4. split compound sentences into atomic claims, copying the subject into a verb phrase that
   lacks one ("Russia annexed Crimea in 2014 and invaded Ukraine in 2022");
5. score check-worthiness (a classifier over sentence embeddings, trained on ClaimBuster, with
   questions, opinion and bare attribution pushed down).

The rules are deliberately conservative: an unsplit sentence is still a checkable claim,
while a wrong split invents one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Span, normalize_space, paragraphs, sentences
from .types import Claim

# ---- 1. boilerplate ------------------------------------------------------------------------

_APPEAL = re.compile(
    r"\b(donat\w*|subscri\w*|paywalls?|newsletters?|sign up|support (us|now|our|independent)|your support|"
    r"read more|click here|advertisement|all rights reserved|copyright|follow us|share this|"
    r"journalism|cookies?|log ?in|membership|become a member)\b", re.I)
_READER = re.compile(r"\b(you|your|we|our|us)\b", re.I)
_STANDALONE = re.compile(r"^\W*(read more|support now|subscribe( now)?|sign up|donate( now)?|advertisement|"
                         r"share|comments?|related( articles?)?|most read|listen to (this )?article)\W*$", re.I)
_CONTRIBUTED = re.compile(r"\bcontributed( to)?( this)?( (report|story|article))?( from \w+)?\W*$"
                          r"|\bcontributed reporting\b|^(reporting|writing|editing|additional reporting) by\b", re.I)
_BYLINE = re.compile(r"^(by|written by)\s+[A-Z][\w.'\- ]{1,60}(,[\w .'\-]{1,60})?$|"
                     r"^(date|updated|published|posted)\b[\s:]*[\w ,:.\-]{0,40}$", re.I)


def is_boilerplate(sentence: str) -> bool:
    """True for lines that address the reader or the site rather than report the story."""
    s = sentence.strip()
    if _STANDALONE.match(s) or _CONTRIBUTED.search(s) or _BYLINE.match(s):
        return True
    return bool(_APPEAL.search(s)) and bool(_READER.search(s))


def story_sentences(text: str) -> list[Span]:
    """Sentences of the story, without appeals, bylines and credit lines.

    A paragraph where at least half of the sentences are boilerplate is dropped whole: the
    sentences of an appeal that carry no cue word ("At such a critical moment, we need
    reporters on the ground") go with it.
    """
    out: list[Span] = []
    for para in paragraphs(text):
        sents = sentences(text, para.start, para.end)
        flags = [is_boilerplate(s.text) for s in sents]
        if sents and sum(flags) * 2 >= len(sents) and len(sents) > 1:
            continue
        out.extend(s for s, bad in zip(sents, flags) if not bad)
    return out


# ---- 3. attribution ------------------------------------------------------------------------

_SAY = (r"said|says|say|told|tells|confirmed|confirms|insisted|insists|added|adds|stated|announced|"
        r"announces|claimed|noted|warned|warns|reiterated|argued|argues|denied|denies|explained|explains|"
        r"wrote|writes|reported|stressed|emphasi[sz]ed|acknowledged|asserted|alleged|declared|maintained|"
        r"predicted|promised|suggested|believes|contended")
_WHEN = (r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
         r"last\s+week|this\s+week|earlier|later|in\s+a\s+statement|reporters|journalists|the\s+\w+\s+agency))*")
_SPEAKER = r"(?:[A-Z][\w.’'\-]*|[Tt]he|[Aa]n?)(?:\s+[\w.’'\-]+){0,8}?"
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}

_APPOSITIVE = r"(?:,\s+(?:the|a|an)\s+[^,]{3,80},)?"
# Verbs that take a bare clause ("said Ukraine will..."); the others need "that" to be reported speech.
_BARE = r"said|says|say|added|adds|insisted|insists|warned|warns|argued|argues|stressed|claimed|noted|believes"
_LEADING = re.compile(rf"^(?:(?P<pre>[^,]{{3,90}}),\s+)?(?P<speaker>{_SPEAKER}{_APPOSITIVE})\s+(?:also\s+|had\s+|has\s+|have\s+)?"
                      rf"(?:(?P<verb>{_BARE}){_WHEN}\s+(?:that\s+)?|(?:{_SAY}|told(?:\s+[\w.’'\-]+){{1,5}}?){_WHEN}\s+that\s+)"
                      rf"(?P<content>\S.+)$")
_SAYING = re.compile(rf"^(?P<speaker>{_SPEAKER}{_APPOSITIVE})\s+(?:also\s+)?\w+ed\b[^,]*,\s+(?:saying|adding)\s+(?:that\s+)?(?P<content>\S.+)$")
_TRAILING = re.compile(rf"^(?P<content>.{{15,}}?),?\s+(?P<speaker>{_SPEAKER})\s+(?P<verb>{_SAY}){_WHEN}\W*$")
_INVERTED = re.compile(rf"^(?P<content>.{{15,}}?),\s+(?P<verb>{_SAY})\s+(?P<speaker>{_SPEAKER})(?:,[^,]+)?\W*$")
_ACCORDING_LEAD = re.compile(r"^According to (?P<speaker>[^,]{2,80}),\s+(?P<content>\S.+)$", re.I)
_ACCORDING_TRAIL = re.compile(r"^(?P<content>.{15,}?),\s+according to (?P<speaker>[^,]{2,80})\W*$", re.I)
# "..., but did not provide details": about the speaker, not part of what was said.
_SPEAKER_TAIL = re.compile(r",?\s+(?:but|and)\s+(?:did not|didn't|declined to|would not|gave no|refused to)\b.*$", re.I)


@dataclass
class Attribution:
    speaker: str | None
    content: str


def split_attribution(sentence: str) -> Attribution:
    """Separate who said it from what was said; ``speaker`` is None when nobody is quoted."""
    s = normalize_space(sentence)
    for pattern in (_ACCORDING_LEAD, _ACCORDING_TRAIL, _TRAILING, _INVERTED, _SAYING, _LEADING):
        m = pattern.match(s)
        if not m:
            continue
        speaker = m.group("speaker").strip(" ,")
        content = m.group("content").strip()
        if pattern in (_LEADING, _SAYING) and not _plausible_speaker(speaker.split(",")[0]):
            continue
        if len(speaker.split(",")[0].split()) > 10 or len(content.split()) < 3 or _first_verb(content.split()) is None:
            continue  # "reiterated Turkey's offer to help": a noun phrase, not reported speech
        return Attribution(speaker=speaker, content=_SPEAKER_TAIL.sub("", content))
    return Attribution(speaker=None, content=s)


def _plausible_speaker(speaker: str) -> bool:
    words = speaker.split()
    return not any(w.lower() in _CLAUSE_WORDS for w in words[1:]) and not _looks_verb(words[-1])


# ---- 4. compound sentences -----------------------------------------------------------------

_AUX = set("""is are was were be been being has have had will would can could may might must should shall
did does do said met held took made gave went came saw left led began became sent told won lost put set
got kept ran brought bought fell rose grew knew thought found spent paid built broke chose drew""".split())
_NOT_VERBS = set("""united based red bed need seed speed feed shed hundred indeed limited naked wicked
sacred kindred deed""".split())
_CLAUSE_WORDS = {"that", "which", "who", "because", "after", "before", "when", "while", "although", "since", "if"}
_SUBJECT_CUT = re.compile(r"\b(?:after|before|because|when|while|although|since|that|which|who|and|but)\s+", re.I)


def _looks_verb(word: str) -> bool:
    w = word.lower().strip(".,;:’'\"“”")
    return w in _AUX or (w.endswith("ed") and len(w) > 4 and w not in _NOT_VERBS and word[:1].islower())


def _first_verb(words: list[str]) -> int | None:
    for i, w in enumerate(words):
        if _looks_verb(w):
            return i
    return None


def _subject_before(text: str) -> str | None:
    """The subject of the last clause of ``text``: the words between a clause opener and its verb."""
    words = text.split()
    verbs = [i for i, w in enumerate(words) if _looks_verb(w)]
    if not verbs:
        return None
    v = verbs[-1]
    while v > 0 and _looks_verb(words[v - 1]):  # "had fallen": step back over auxiliaries
        v -= 1
    left = " ".join(words[:v])
    parts = _SUBJECT_CUT.split(left)
    subject = parts[-1] if parts else left
    subject = re.sub(r"^.*,\s*", "", subject)  # drop an introductory phrase
    subject = " ".join(w for w in subject.split() if not (w.endswith("ly") and w[:1].islower()))
    return subject if 1 <= len(subject.split()) <= 8 and subject[:1].isupper() else None


def split_compound(content: str) -> list[str]:
    """Split one statement into atomic clauses where the split is unambiguous."""
    pieces = [p.strip() for p in re.split(r";\s+", content) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        out.extend(_split_coordination(piece))
    return out


def _split_coordination(text: str) -> list[str]:
    # ", and X verb..." / ", but X verb..." with its own subject; " and verb..." sharing the subject.
    for m in re.finditer(r"(,\s+(?:and|but|while|whereas)\s+|\s+and\s+)", text):
        left, right = text[:m.start()], text[m.end():]
        lw, rw = left.split(), right.split()
        if len(lw) < 4 or len(rw) < 3 or _first_verb(lw) is None:
            continue
        if _looks_verb(rw[0]):
            subject = _subject_before(left)
            if subject:
                return [left, *_split_coordination(f"{subject} {right}")]
        elif m.group(1).startswith(",") and (fv := _first_verb(rw[:6])) is not None and fv > 0:
            return [left, *_split_coordination(right)]
    return [text]


# ---- 5. claims -----------------------------------------------------------------------------

_QUOTES = str.maketrans("", "", "“”\"")


def _tidy(text: str) -> str:
    text = normalize_space(text.translate(_QUOTES)).strip(" ,;:")
    text = re.sub(r"[.!]+$", "", text).strip()
    return text[:1].upper() + text[1:] if text else text


_APPOSITION_CLAIM = re.compile(r"^(?P<name>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}),\s+(?P<role>(?:the|a|an)\s+[^,]{3,80}),$")
_PRONOUN_SUBJECT = re.compile(r"^(?:He|She)\b|^It(?=\s+(?:" + _SAY + r"|described|called)\b)")


_EVENT_NOUNS = r"talks|meeting|meetings|summit|visit|deal|agreement|negotiations|conference|election|vote|war|invasion"
_BARE_EVENT = re.compile(rf"^(?:The|the)\s+(?P<noun>{_EVENT_NOUNS})\b")


def decontextualise(claim: str, context: list[str]) -> str:
    """Make a bare "The talks ..." say which talks, from the nearest preceding mention.

    "The talks would not cover Ukraine", after "... confirmed the Istanbul talks", becomes
    "The Istanbul talks would not cover Ukraine": a claim must stand on its own, for the
    reviewer and for retrieval alike.
    """
    m = _BARE_EVENT.match(claim)
    if not m:
        return claim
    named = re.compile(rf"\b((?:[A-Z][\w\-]+\s+){{1,2}}){m.group('noun')}\b")
    for earlier in reversed(context):
        hits = [h for h in named.findall(earlier) if h.split()[0] not in {"The", "A", "An", "At", "In", "On"}]
        if hits:
            return f"The {hits[-1].strip()} {m.group('noun')}{claim[m.end():]}"
    return claim


def _speaker_name(speaker: str) -> str:
    """"Oncu Keceli, the spokesman for ..." -> "Oncu Keceli" (for pronouns that refer back to it)."""
    return speaker.split(",")[0].strip()


def extract_claims(text: str) -> list[Claim]:
    """Atomic claims of an article, in reading order, check-worthiness not yet scored (0.0)."""
    claims: list[Claim] = []
    last_speaker: str | None = None
    context: list[str] = []

    def add(text_: str, sent: Span, speaker: str | None, kind: str) -> None:
        claim_text = decontextualise(_tidy(text_), context[-3:])
        if len(claim_text.split()) >= 3:
            claims.append(Claim(id="", text=claim_text, sentence=sent.text, start=sent.start, end=sent.end,
                                speaker=speaker, kind=kind))

    for sent in story_sentences(text):
        sentence = normalize_space(sent.text)
        if last_speaker and _PRONOUN_SUBJECT.match(sentence):  # "He added ..." -> "Keceli added ..."
            sentence = _PRONOUN_SUBJECT.sub(_speaker_name(last_speaker), sentence, count=1)
        attr = split_attribution(sentence)
        speaker = attr.speaker
        if speaker and speaker.lower() in _PRONOUNS:
            speaker = last_speaker or speaker
        elif speaker:
            last_speaker = speaker
        for part in split_compound(attr.content):
            add(part, sent, speaker and _speaker_name(speaker), "statement")
        if speaker:
            if m := _APPOSITION_CLAIM.match(speaker + ","):
                add(f"{m.group('name')} is {m.group('role')}", sent, None, "statement")
            add(sentence, sent, None, "attribution")
        context.append(sentence)
    for n, c in enumerate(claims, 1):
        c.id = f"c{n}"
    return claims
