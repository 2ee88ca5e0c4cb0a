"""The company's barriers as the report shows them: named by it, or shown by its answers.

A barrier is *named* when one of its signals holds on the company's own list of
barriers alone (the questions listed under ``named_in`` in ``data/barriers.yaml``,
``huerden`` or ``hemmnisse``); every other barrier the answers reveal is *derived*
("aus Ihren Antworten abgeleitet") and never presented as the company's own word.
Each keeps the figure that counts companies like it (:func:`ki_check.advice.barriers.fitted`).
Rules and worked example: ``docs/advice.md`` ("Hürden").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ki_check.advice.barriers import Barrier, barrier_notes, barriers_for, fitted
from ki_check.questionnaire.conditions import evaluate, visible
from ki_check.questionnaire.model import Questionnaire

if TYPE_CHECKING:
    from ki_check.assessment.answers import AnswerFile
    from ki_check.assessment.assess import Assessment
    from ki_check.assessment.scoring import ScoreResult

AI_USERS = ("deployer", "provider")


def named_barriers(q: Questionnaire, answers: dict[str, Any]) -> frozenset[str]:
    """The barrier ids the company picked itself in its list of barriers.

    Only visible questions count; a signal is tested on the answers to the
    ``named_in`` questions alone, so "no budget" elsewhere does not make "cost" named.
    """
    own = barrier_notes().named_in
    shown = visible(q.questions, answers)
    mine = {k: v for k, v in shown.items() if k in own}
    return frozenset(
        s.ref for s in q.signals if s.kind == "barrier" and mine and evaluate(s.when, mine)
    )


def company_barriers(a: Assessment) -> tuple[Barrier, ...]:
    """The barriers of ``a`` (see :func:`barriers_of`)."""
    return barriers_of(a.questionnaire, a.answers, a.result, a.role)


def barriers_of(
    q: Questionnaire, af: AnswerFile, result: ScoreResult, role: str
) -> tuple[Barrier, ...]:
    """The barriers the answers reveal: named ones first, then derived, each with a
    figure that fits the company.

    AI use is the EU AI Act ``role`` (deployer or provider); ``unknown`` is not
    known and keeps the general figures.
    """
    uses_ai = True if role in AI_USERS else None if role == "unknown" else False
    named = named_barriers(q, af.answers)
    chosen = barriers_for(result.barriers, result.questionnaire, af.company.sector, uses_ai)
    out = [fitted(b, uses_ai, af.company.employees)._replace(named=b.id in named) for b in chosen]
    return tuple(sorted(out, key=lambda b: not b.named))
