"""Whether a result can be compared with the external method its questionnaire reproduces.

A questionnaire that mirrors another method (``scoring: {comparable_with: …}``,
e.g. the EU DMA) but leaves unanswered and "don't know" out of the score – where
the DMA counts an empty box as 0 – gives a different number as soon as anything
is left out. :func:`comparability` says so, with the count, in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ki_check.i18n import Text, fill
from ki_check.questionnaire.conditions import DONT_KNOW
from ki_check.questionnaire.model import Questionnaire

if TYPE_CHECKING:
    from ki_check.assessment.scoring import QuestionResult


def comparability(
    q: Questionnaire, results: Sequence[QuestionResult], shown: Mapping[str, Any]
) -> Text | None:
    """Why the result is not comparable with the method the questionnaire reproduces.

    Only for a questionnaire with ``comparable_with`` that leaves unanswered and
    "don't know" out (the DMA counts them 0): names how many answers (questions
    or matrix rows) were left out; ``None`` when nothing was.
    """
    name = q.scoring.comparable_with
    if not name or q.scoring.unanswered == "zero":
        return None
    left = 0
    for r in results:
        if r.status in ("dont_know", "unanswered"):
            left += 1
        elif r.status == "answered" and q.question_map[r.id].type == "matrix":
            answer = shown[r.id]
            left += sum(
                1 for row in q.question_map[r.id].rows if answer.get(row.id) in (None, DONT_KNOW)
            )
    if not left:
        return None
    de, en = name.get("de", ""), name.get("en", name.get("de", ""))
    return {
        "de": f"Nicht vergleichbar mit Ergebnissen nach {de}: "
        + fill(
            "{n} {n|Antwort ist|Antworten sind} „weiß nicht“ oder offen und {n|zählt|zählen} hier"
            " nicht mit; nach {name} {n|zählt sie|zählen sie} 0 Punkte.",
            n=left,
            name=de,
        ),
        "en": f"Not comparable with {en} results: "
        + fill(
            '{n} {n|answer is|answers are} "don\'t know" or empty and {n|does|do} not count'
            " here; under the {name} {n|it counts|they count} as 0 points.",
            n=left,
            name=en,
        ),
    }
