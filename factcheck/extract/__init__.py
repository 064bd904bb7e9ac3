"""Stage 1, extract: article text in, atomic claims out.

``boilerplate`` drops what is not the story, ``attribution`` splits who said it from what was
said, ``compound`` splits compound sentences, ``claims`` puts them together (``extract_claims``,
the ``ClaimExtractor`` seam), ``checkworthy`` scores how checkable each claim is.
"""

from .attribution import Attribution, split_attribution
from .boilerplate import is_boilerplate, story_sentences
from .checkworthy import CheckworthinessModel
from .claims import ClaimExtractor, RuleExtractor, decontextualise, extract_claims
from .compound import split_compound

__all__ = ["Attribution", "CheckworthinessModel", "ClaimExtractor", "RuleExtractor", "decontextualise",
           "extract_claims", "is_boilerplate", "split_attribution", "split_compound", "story_sentences"]
