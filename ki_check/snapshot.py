"""A scored assessment as plain, language-neutral data: what the archive keeps.

:func:`snapshot` turns a :class:`~ki_check.scoring.ScoreResult` into a dict that
can be stored as JSON and compared years later without the questionnaire at
hand: labels carry both languages, dimension scores are rounded to one decimal
as the report shows them, and each gap names its question's text.

``actions`` is the hook for the advice: the prioritised actions of
``assess()`` (each with a stable ``id``) are stored here, so a later comparison
can say which actions of the earlier plan are done.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ki_check.model import Questionnaire
from ki_check.scoring import ScoreResult, round1

FORMAT = 1


def plan_actions(assessment: Any) -> tuple[dict[str, Any], ...]:
    """The actions of an :class:`~ki_check.assessment.Assessment` as stored: id and title."""
    return tuple({"id": a.id, "title": dict(a.title)} for a in assessment.actions)


def _text(value: Mapping[str, str] | None) -> dict[str, str]:
    return dict(value) if value else {}


def snapshot(
    q: Questionnaire,
    result: ScoreResult,
    *,
    actions: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The stored form of ``result`` (see the module docstring).

    ``actions``: ``{"id": …, "title": {"de": …, "en": …}}`` per action of the plan,
    in priority order. Returns a dict of JSON-compatible values only.
    """
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
        else {"id": b.id, "position": b.position, "size_class": b.size_class},
        "gaps": [
            {
                "question": g.question,
                "dimension": g.dimension,
                "text": _text(q.question(g.question).text) if q.question(g.question) else {},
                "gap": round(g.size, 4),
            }
            for g in result.gaps
        ],
        "barriers": list(result.barriers),
        "ai_act": dict(result.ai_act),
        "facts": sorted(result.facts),
        "funding": [m.programme.id for m in result.funding],
        "actions": [{"id": str(a["id"]), "title": _text(a.get("title"))} for a in actions],
    }
