"""Which keys each part of a questionnaire may and must have: the format's key tables.

The builder (:mod:`ki_check.questionnaire.build`, :mod:`ki_check.questionnaire.question`)
checks a file against them; :mod:`ki_check.interchange.json_schema` turns them into a
JSON Schema. A new key goes here first.
"""

from __future__ import annotations

from ki_check.questionnaire.model import QUESTION_TYPES

TOP_KEYS = (
    "id",
    "version",
    "title",
    "description",
    "default_language",
    "languages",
    "updated",
    "sources",
    "choice_lists",
    "dimensions",
    "stages",
    "adoption",
    "recommendations",
    "signals",
    "scoring",
)
DIMENSION_KEYS = ("id", "label", "description", "weight", "topic", "optional", "questions")
SIGNAL_KEYS = ("id", "kind", "ref", "level", "when")
QUESTION_KEYS = (
    "id",
    "type",
    "text",
    "hint",
    "guidance",
    "weight",
    "required",
    "allow_not_relevant",
    "scored",
    "options",
    "rows",
    "min",
    "max",
    "integer",
    "unit",
    "labels",
    "bands",
    "max_points",
    "show_if",
    "relevance_question",
    "goal",
)
OPTION_KEYS = ("id", "label", "points", "exclusive", "recommendation")
STAGE_KEYS = ("id", "label", "description", "min", "max", "readiness")
SOURCE_KEYS = ("title", "url", "checked")
ROW_KEYS = ("id", "label")
BAND_KEYS = ("min", "max", "points")
ADOPTION_KEYS = ("question", "adopter_options")
RECOMMENDATION_KEYS = ("id", "dimension", "min", "max", "text")
SCORING_KEYS = ("unanswered", "rounding", "comparable_with")

# The keys every question may have, whatever its type.
COMMON_QUESTION_KEYS = (
    "id",
    "type",
    "text",
    "hint",
    "guidance",
    "weight",
    "required",
    "allow_not_relevant",
    "scored",
    "show_if",
    "relevance_question",
)
# The keys a question of one type may have besides the common ones (the allow-list;
# any other question key is KEY_001 "in a question of type …"). "goal" (the company
# states its own goal in its words) belongs to free-text questions only.
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single_choice": ("options",),
    "multiple_choice": ("options", "max_points"),
    "yes_no": ("options",),
    "matrix": ("options", "rows"),
    "scale": ("min", "max", "labels"),
    "number": ("min", "max", "integer", "unit", "bands"),
    "text": ("goal",),
}
assert set(TYPE_KEYS) == set(QUESTION_TYPES), "every question type needs its row"
assert set(COMMON_QUESTION_KEYS).union(*TYPE_KEYS.values()) == set(QUESTION_KEYS)


def allowed_question_keys(qtype: str) -> tuple[str, ...]:
    """The keys a question of type ``qtype`` may have, in the order of ``QUESTION_KEYS``."""
    allowed = {*COMMON_QUESTION_KEYS, *TYPE_KEYS[qtype]}
    return tuple(k for k in QUESTION_KEYS if k in allowed)


# The question keys a type does not take (the JSON Schema forbids them per type).
KEYS_NOT_ALLOWED: dict[str, tuple[str, ...]] = {
    qtype: tuple(k for k in QUESTION_KEYS if k not in allowed_question_keys(qtype))
    for qtype in TYPE_KEYS
}

# The keys each part must have (ki_check.interchange.json_schema reads these too).
REQUIRED: dict[str, tuple[str, ...]] = {
    "questionnaire": ("id", "version", "title", "dimensions", "stages"),
    "source": ("title",),
    "dimension": ("id", "label", "questions"),
    "question": ("id", "type", "text"),
    "option": ("id", "label"),
    "row": ("id", "label"),
    "band": ("points",),
    "signal": ("id", "kind", "ref", "when"),
    "stage": ("id", "label", "min", "max", "readiness"),
    "adoption": ("question", "adopter_options"),
    "recommendation": ("id", "min", "max", "text"),
}
