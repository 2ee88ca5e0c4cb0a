"""A scored assessment as plain, language-neutral data: what the archive keeps.

:func:`snapshot` turns an :class:`~ki_check.assessment.assess.Assessment` into a dict that
can be stored as JSON and compared years later without the questionnaire at
hand: labels carry both languages, dimension scores are rounded to one decimal
as the report shows them, and each gap names its question's text.

The prioritised actions of ``assess()`` (each with a stable ``id``) are stored
with their titles, so a later comparison can say which actions of the earlier
plan are done; funding as programme ids with their tier.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ki_check.assessment.scoring import round1

if TYPE_CHECKING:
    from ki_check.assessment.assess import Assessment
    from ki_check.questionnaire.model import Questionnaire

FORMAT = 1


def _question_text(q: Questionnaire, question_id: str) -> dict[str, str]:
    question = q.question(question_id)
    return _text(question.text) if question is not None else {}


def _text(value: Mapping[str, str] | None) -> dict[str, str]:
    return dict(value) if value else {}


def snapshot(assessment: Assessment) -> dict[str, Any]:
    """The stored form of ``assessment`` (see the module docstring): JSON-compatible
    values only; ``actions`` in priority order as ``{"id", "title": {"de", "en"}}``."""
    q = assessment.questionnaire
    result = assessment.result
    b = result.baseline
    return {
        "format": FORMAT,
        "questionnaire": {"id": q.id, "version": q.version, "title": _text(q.title)},
        "as_of": result.as_of.isoformat(),
        "overall": result.overall,
        "stage": None
        if result.stage is None
        else {"id": result.stage.id, "label": _text(result.stage.label)},
        "coverage": round(result.coverage, 4),
        "dimensions": [
            {
                "id": d.id,
                "label": _text(d.label),
                "score": None if d.score is None else round1(d.score),
                "answered": d.answered,
                "total": d.total,
                "weight": d.weight,
            }
            for d in result.dimensions
        ],
        "baseline": None
        if b is None
        # adopter: the answer to the adoption question (None: not asked or not answered)
        else {
            "id": b.id,
            "position": b.position,
            "size_class": b.size_class,
            "adopter": b.adopter,
        },
        "gaps": [
            {
                "question": g.question,
                "dimension": g.dimension,
                "text": _question_text(q, g.question),
                "gap": round(g.size, 4),
            }
            for g in result.gaps
        ],
        "barriers": list(result.barriers),
        "ai_act": dict(result.ai_act),
        "facts": sorted(result.facts),
        "funding": [
            {"id": v.programme.id, "tier": v.tier}
            for v in assessment.funding
            if v.tier != "not_matching"
        ],
        "actions": [{"id": a.id, "title": _text(a.title)} for a in assessment.actions],
    }
