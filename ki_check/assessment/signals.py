"""What the answers reveal beyond the score: barriers, AI Act lights and facts.

A questionnaire's ``signals:`` (``docs/questionnaire-format.md``) fire on the
answers of the visible questions: a ``barrier`` names an obstacle, an ``ai_act``
signal sets an item's light (the most severe that fires wins), a ``fact`` records
what the answers establish for the advice rules. A fact is *open* while a question
its signal reads is shown and still unanswered (``docs/advice.md``, *Facts and
role*).
"""

from __future__ import annotations

from typing import Any

from ki_check.questionnaire.conditions import evaluate, references
from ki_check.questionnaire.model import Questionnaire

_LEVEL = {"green": 0, "amber": 1, "red": 2}


def signals(
    q: Questionnaire, shown: dict[str, Any]
) -> tuple[tuple[str, ...], dict[str, str], frozenset[str]]:
    """Barriers revealed, AI Act levels (the most severe signal wins) and facts."""
    barriers: list[str] = []
    levels: dict[str, str] = {}
    facts: set[str] = set()
    for signal in q.signals:
        if not evaluate(signal.when, shown):
            continue
        if signal.kind == "fact":
            facts.add(signal.ref)
        elif signal.kind == "barrier":
            if signal.ref not in barriers:
                barriers.append(signal.ref)
        elif _LEVEL[signal.level] >= _LEVEL.get(levels.get(signal.ref, ""), -1):  # type: ignore[index]
            levels[signal.ref] = signal.level  # type: ignore[assignment]
    return tuple(barriers), levels, frozenset(facts)


def open_facts(q: Questionnaire, shown: dict[str, Any], facts: frozenset[str]) -> frozenset[str]:
    """Facts not set whose signals read a shown question that is still unanswered.

    A hidden question counts as decided (the skip logic did not ask it); "weiß
    nicht" is an answer. Such a fact is unknown, not absent: a rule that needs its
    absence (e.g. the role *none*) must not fire.
    """
    out = set()
    for signal in q.signals:
        if signal.kind != "fact" or signal.ref in facts or signal.ref in out:
            continue
        if any(
            ref.question in shown and shown[ref.question] is None for ref in references(signal.when)
        ):
            out.add(signal.ref)
    return frozenset(out)
