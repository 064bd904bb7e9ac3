"""Stage 1, extract: article text in, atomic claims that read on their own out.

``boilerplate`` drops (and lists) what is not the story, ``attribution`` splits who said it from
what was said, ``compound`` splits clauses, ``resolve`` and ``when`` resolve pronouns and relative
times, ``kinds`` sets statements apart from opinions and predictions, ``claims`` puts them
together (``extract``, the ``ClaimExtractor`` seam), ``checkworthy`` scores how checkable each
claim is. Sentences are parsed once each with spaCy (``factcheck.nlp``).
"""

from .boilerplate import Dropped, boilerplate_reason, is_boilerplate, split_story, story_sentences
from .checkworthy import CheckworthinessModel
from .claims import ClaimExtractor, Extraction, RuleExtractor, extract, extract_claims
from .kinds import UNCHECKABLE
from .when import article_date

__all__ = ["CheckworthinessModel", "ClaimExtractor", "Dropped", "Extraction", "RuleExtractor", "UNCHECKABLE",
           "article_date", "boilerplate_reason", "extract", "extract_claims", "is_boilerplate",
           "split_story", "story_sentences"]
