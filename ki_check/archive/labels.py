"""Words for the ids an archive row holds: the stage's label from its questionnaire.

A stored row keeps the stage id (``gestalter``); people read the label ("Gestalter").
The label comes from the bundled or named questionnaire of the row; where that
questionnaire cannot be found (a custom one on another laptop), the id is shown.
"""

from __future__ import annotations

from functools import lru_cache

from ki_check.errors import KiCheckError
from ki_check.i18n import Text, tr


@lru_cache(maxsize=32)
def _stages(questionnaire_id: str) -> dict[str, Text]:
    from ki_check.questionnaire.load import load_questionnaire

    try:
        q = load_questionnaire(questionnaire_id)
    except KiCheckError:
        return {}
    return {s.id: s.label for s in q.stages}


def stage_label(questionnaire_id: str, stage: str | None, lang: str) -> str | None:
    """The stage's label in ``lang``, the id where the questionnaire is unknown, or ``None``."""
    if not stage:
        return None
    label = _stages(questionnaire_id).get(stage)
    return tr(label, lang) if label is not None else stage
