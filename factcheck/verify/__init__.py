"""Stage 3, verify: (claim, evidence) in, stance per passage and a verdict per claim out.

``stance`` scores every (claim, passage) pair (the ``StanceModel`` seam; the project's own
cross-encoder or any Hugging Face NLI model), ``stance_model`` and ``stance_onnx`` load and run
the own model (its weights and card are in ``model/``), ``verdict`` turns a claim's judged
evidence into supported / refuted / conflicting / not_enough_evidence (the ``VerdictPolicy``
seam).
"""

from .stance import CrossEncoderStance, StanceModel, has_own_model, label_of, probs_dict
from .stance_model import LABELS
from .verdict import VERDICTS, VerdictPolicy, VerdictRule

__all__ = ["CrossEncoderStance", "LABELS", "StanceModel", "VERDICTS", "VerdictPolicy", "VerdictRule",
           "has_own_model", "label_of", "probs_dict"]
