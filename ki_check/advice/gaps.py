"""The gaps: what each dimension below the company's next stage costs it.

``docs/advice.md``, rules 3 and 4: ``cost = weight × distance × relevance``, where
``distance`` is how far the dimension lies below the start of the stage after the
company's overall stage (at the top stage: below 100) and ``relevance`` is 1 + the
largest relevance − use gap among its question pairs. Here are the ranking
(:func:`dimension_gaps`), the foundations that block only at the bottom of their
scale (:func:`blocks`) and the gaps that may lead the plan (:func:`lead_order`);
:mod:`~ki_check.advice.priorities` turns them into actions.
"""

from __future__ import annotations

from typing import NamedTuple

from ki_check.assessment.scoring import DimensionResult, ScoreResult
from ki_check.questionnaire.model import Questionnaire

FOUNDATIONS = ("daten", "infrastruktur")
USE_CASE_TOPICS = ("prozesse", "ki_einsatz")  # in order of preference for a stated goal


class DimensionGap(NamedTuple):
    """A scored dimension below the company's next stage, with what it costs."""

    dimension: DimensionResult
    topic: str
    optional: bool
    distance: float
    relevance: float
    cost: float
    target: float
    question: str | None  # the question pair with the largest relevance − use gap


def dimension_gaps(q: Questionnaire, result: ScoreResult) -> tuple[DimensionGap, ...]:
    """Scored dimensions with a theme below the next stage, costliest first (optional last)."""
    if result.overall is None:
        return ()
    target = _target(q, result.overall)
    out = []
    for d in result.dimensions:
        dim = q.dimension(d.id)
        if d.score is None or dim is None or not dim.topic:
            continue
        distance = target - d.score
        if distance <= 0:
            continue
        pairs = [g for g in result.gaps if g.dimension == d.id]
        top = max(pairs, key=lambda g: g.size, default=None)
        relevance = 1.0 + (top.size if top else 0.0)
        cost = d.weight * distance * relevance
        question = top.question if top else None
        out.append(
            DimensionGap(d, dim.topic, dim.optional, distance, relevance, cost, target, question)
        )
    return tuple(sorted(out, key=lambda g: (g.optional, -g.cost, g.dimension.id)))


def _target(q: Questionnaire, overall: float) -> float:
    """Where the stage after the company's overall stage begins (100 at the top)."""
    stage = q.stage_for(overall)
    later = [s.min for s in q.stages if s.min > stage.min]
    return min(later) if later else 100.0


def blocks(q: Questionnaire, g: DimensionGap) -> bool:
    """Rule 3: a required foundation (``daten``, ``infrastruktur``) in the lowest stage."""
    bottom = q.stages[0].max
    return g.topic in FOUNDATIONS and not g.optional and g.dimension.score < bottom  # type: ignore[operator]


def lead_order(gaps: tuple[DimensionGap, ...], goal: str | None) -> list[DimensionGap]:
    """Candidates to lead, best first: never optional, never a foundation above the bottom.

    Where the company stated its own goal, a gap on a use-case theme comes first
    (processes before AI use: a goal names a process).
    """
    candidates = [g for g in gaps if not g.optional and g.topic not in FOUNDATIONS]
    if goal:
        preferred = [g for t in USE_CASE_TOPICS for g in candidates if g.topic == t]
        return preferred + [g for g in candidates if g not in preferred]
    return candidates
