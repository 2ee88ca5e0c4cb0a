"""A provisional result: the threshold below which too few answers carry a stage.

``docs/advice.md``, *A provisional result*: with fewer than :data:`PROVISIONAL_BELOW`
of the applicable questions answered the overall score and stage rest on too few
answers; the plan then chooses no step from scores or stages and asks to complete
the check, naming the dimensions still (almost) unanswered (:func:`open_dimensions`).
"""

from __future__ import annotations

from ki_check.assessment.scoring import DimensionResult, ScoreResult
from ki_check.questionnaire.model import Questionnaire

# Below this share of applicable questions answered the overall score and stage rest on
# too few answers: the result is provisional and the plan chooses no stage-based step.
PROVISIONAL_BELOW = 0.6
# a dimension with less than this share of its questions answered counts as open
OPEN_DIMENSION = 0.5


def is_provisional(result: ScoreResult) -> bool:
    """``True`` when a score exists but rests on fewer than :data:`PROVISIONAL_BELOW` answers."""
    return result.overall is not None and result.coverage < PROVISIONAL_BELOW


def open_dimensions(q: Questionnaire, result: ScoreResult) -> list[DimensionResult]:
    """The required dimensions with less than :data:`OPEN_DIMENSION` of their questions
    answered, in the questionnaire's order (optional ones are never named)."""
    return [
        d
        for d in result.dimensions
        if d.total
        and d.answered / d.total < OPEN_DIMENSION
        and not getattr(q.dimension(d.id), "optional", False)
    ]
