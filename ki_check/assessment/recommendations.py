"""The questionnaire's own recommendations that one company's answers trigger.

Two kinds (``recommendations:`` and an option's ``recommendation`` in
``docs/questionnaire-format.md``): an option the company chose carries one
(``option``), or a dimension's score or the overall score lies in a recommendation's
range, ``min ≤ score < max`` with 100 included at ``max: 100`` (``range``).

Which questions can trigger an option's recommendation is worked out once per
questionnaire (:func:`advising`): a batch scores hundreds of companies against one
questionnaire, and most questions carry none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from ki_check.i18n import Text
from ki_check.questionnaire.model import Question, Questionnaire


class RecommendationHit(NamedTuple):
    """A piece of advice triggered by an answer (``option``) or a score range (``range``)."""

    id: str
    kind: Literal["option", "range"]
    dimension: str | None
    question: str | None
    text: Text


# the last few questionnaires seen, each with its advising questions
_ADVISING: list[tuple[Questionnaire, tuple[Question, ...]]] = []


def advising(q: Questionnaire) -> tuple[Question, ...]:
    """The questions with an option that carries a recommendation, in order (once per
    questionnaire: the others can add no hit)."""
    for known, questions in _ADVISING:
        if known is q:
            return questions
    questions = tuple(
        question for question in q.questions if any(opt.recommendation for opt in question.options)
    )
    _ADVISING[:] = [(q, questions), *_ADVISING[:7]]
    return questions


def recommendations(
    q: Questionnaire,
    shown: dict[str, Any],
    scores: Mapping[str, float | None],
    overall: float | None,
) -> tuple[RecommendationHit, ...]:
    """The hits for the answers of the visible questions (``shown``), the dimensions'
    ``scores`` and the ``overall`` score: the chosen options' first, in questionnaire
    order, then the ranges'."""
    hits: list[RecommendationHit] = []
    for question in advising(q):
        answer = shown.get(question.id)
        if answer is None:
            continue
        if isinstance(answer, dict):
            chosen = list(dict.fromkeys(answer.values()))
        elif isinstance(answer, list):
            chosen = answer
        else:
            chosen = [answer]
        for oid in chosen:
            opt = question.option_map.get(oid)
            if opt is not None and opt.recommendation:
                hits.append(
                    RecommendationHit(
                        f"{question.id}.{oid}",
                        "option",
                        question.dimension,
                        question.id,
                        opt.recommendation,
                    )
                )
    for rec in q.recommendations:
        value = overall if rec.dimension is None else scores.get(rec.dimension)
        if value is None:
            continue
        if rec.min <= value < rec.max or (value == rec.max == 100):
            hits.append(RecommendationHit(rec.id, "range", rec.dimension, None, rec.text))
    return tuple(hits)
