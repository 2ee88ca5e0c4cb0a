"""JSON Schemas (2020-12) for questionnaires and answer files, generated from the model.

:func:`questionnaire_schema` is built from the key tables of
:mod:`ki_check.questionnaire.build` (which keys a part may and must have, which
keys a question type forbids) and the field types of the model's named tuples
(:mod:`ki_check.questionnaire.model`); :func:`answers_schema` from one questionnaire (its
questions, option ids, matrix rows and number ranges) and the answer file's
tables (:mod:`ki_check.assessment.answers`). Editors with a YAML language server use them
for completion and to flag typos; ``docs/interchange.md`` shows how and lists
what the schemas cannot check (cross-references and the like), which
``ki-check questionnaires validate`` still does.

Only keywords that draft-07 readers understand too are used (no
``prefixItems``, ``unevaluatedProperties``, ``$dynamicRef``), because editors lag
behind 2020-12.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from typing import Any

from ki_check.assessment.answers import (
    COMPANY_FILE_KEYS,
    INTERVIEW_KEYS,
    STATUSES,
    Company,
    Interview,
)
from ki_check.assessment.answers import TOP_KEYS as ANSWER_KEYS
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.i18n import LANGUAGES, Text, tr
from ki_check.limits import (
    MAX_EMPLOYEES,
    MAX_EUR,
    MAX_NUMBER,
    MAX_POINTS,
    MAX_REF_CHARS,
    MAX_TEXT_CHARS,
    MAX_WEIGHT,
)
from ki_check.questionnaire import model
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT, Condition
from ki_check.questionnaire.keys import (
    ADOPTION_KEYS,
    BAND_KEYS,
    DIMENSION_KEYS,
    KEYS_NOT_ALLOWED,
    OPTION_KEYS,
    QUESTION_KEYS,
    RECOMMENDATION_KEYS,
    REQUIRED,
    ROW_KEYS,
    SCORING_KEYS,
    SIGNAL_KEYS,
    SOURCE_KEYS,
    STAGE_KEYS,
    TOP_KEYS,
)
from ki_check.questionnaire.model import (
    FACTS,
    LEVELS,
    QUESTION_TYPES,
    SIGNAL_KINDS,
    TOPICS,
    Question,
)
from ki_check.util.readers import ID_RE, SLUG_RE

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID = {"type": "string", "pattern": ID_RE.pattern}
TEXT = {"$ref": "#/$defs/text"}
CONDITION = {"$ref": "#/$defs/condition"}
POSITIVE = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_WEIGHT}
PERCENT = {"type": "number", "minimum": 0, "maximum": 100}
POINTS = {"type": "number", "minimum": 0, "maximum": MAX_POINTS}
STRING = {"type": "string", "maxLength": MAX_TEXT_CHARS}

# part -> (its keys, the model type its fields come from)
PARTS: dict[str, tuple[tuple[str, ...], type]] = {
    "questionnaire": (TOP_KEYS, model.Questionnaire),
    "source": (SOURCE_KEYS, model.Source),
    "dimension": (DIMENSION_KEYS, model.Dimension),
    "question": (QUESTION_KEYS, model.Question),
    "option": (OPTION_KEYS, model.Option),
    "row": (ROW_KEYS, model.Row),
    "band": (BAND_KEYS, model.Band),
    "stage": (STAGE_KEYS, model.Stage),
    "adoption": (ADOPTION_KEYS, model.Adoption),
    "recommendation": (RECOMMENDATION_KEYS, model.RangeRecommendation),
    "signal": (SIGNAL_KEYS, model.Signal),
    "scoring": (SCORING_KEYS, model.ScoringRules),
}
# Where the YAML says more (or otherwise) than the model's field type.
OVERRIDES: dict[tuple[str, str], dict[str, Any]] = {
    ("questionnaire", "id"): {"type": "string", "pattern": SLUG_RE.pattern},
    ("questionnaire", "default_language"): {"enum": list(LANGUAGES)},
    ("questionnaire", "languages"): {
        "type": "array",
        "items": {"enum": list(LANGUAGES)},
        "minItems": 1,
    },
    ("questionnaire", "choice_lists"): {
        "type": "object",
        "propertyNames": ID,
        "additionalProperties": {
            "type": "array",
            "items": {"$ref": "#/$defs/option"},
            "minItems": 1,
        },
    },
    ("dimension", "topic"): {"enum": list(TOPICS)},
    ("dimension", "weight"): POSITIVE,
    ("question", "weight"): POSITIVE,
    ("question", "max_points"): {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_POINTS},
    ("question", "options"): {
        "anyOf": [
            {"type": "array", "items": {"$ref": "#/$defs/option"}, "minItems": 1},
            {"type": "string", "description": "Name einer Auswahlliste aus choice_lists"},
        ]
    },
    ("question", "labels"): {
        "type": "object",
        "propertyNames": {"pattern": r"^-?\d+$"},
        "additionalProperties": TEXT,
    },
    ("question", "relevance_question"): {"type": "string"},
    ("option", "points"): POINTS,
    ("band", "points"): POINTS,
    ("stage", "min"): PERCENT,
    ("stage", "max"): PERCENT,
    ("recommendation", "min"): PERCENT,
    ("recommendation", "max"): PERCENT,
    ("recommendation", "dimension"): {"type": "string"},
    ("adoption", "question"): {"type": "string"},
    ("adoption", "adopter_options"): {"type": "array", "items": {"type": "string"}, "minItems": 1},
    ("signal", "kind"): {"enum": list(SIGNAL_KINDS)},
    ("signal", "level"): {"enum": list(LEVELS)},
    ("signal", "ref"): {"type": "string"},
    ("scoring", "unanswered"): {"enum": list(model.UNANSWERED_RULES)},
    ("scoring", "rounding"): {"enum": list(model.ROUNDINGS)},
}
# Lists the loader accepts empty (all others need at least one entry).
MAY_BE_EMPTY = {
    ("questionnaire", "sources"),
    ("questionnaire", "signals"),
    ("questionnaire", "recommendations"),
}
# Fields the model names otherwise than the YAML.
MODEL_NAMES = {("question", "labels"): "scale_labels"}
# Keys a question type needs besides the common ones (KEY_002 in the loader).
NEEDS_BY_TYPE = {
    "single_choice": ("options",),
    "multiple_choice": ("options",),
    "matrix": ("options", "rows"),
    "scale": ("min", "max"),
}


# What the loader refuses but a JSON Schema cannot express (code -> why); the docs list these.
NOT_IN_SCHEMA: dict[str, str] = {
    "YAML_001": "YAML syntax errors: the editor's YAML parser reports them, not the schema",
    "YAML_002": "duplicate keys: a parsed mapping holds only one of them",
    "ID_002": "duplicate ids of questions, options, rows, dimensions, stages",
    "ID_004": "a yes/no question whose own options are not exactly ja and nein",
    "VALUE_001": "only for `options: NAME` naming a choice list that does not exist",
    "VALUE_002": "only for a scale whose min is not below its max, that spans more than 100"
    " steps, or whose labels lie outside min..max",
    "COND_001": "a condition naming an unknown question",
    "COND_002": "a condition naming a later question",
    "COND_003": "a condition naming an unknown option",
    "COND_004": "a condition test that does not fit the question type",
    "REL_001": "a relevance question that is unknown, later or without points",
    "ADOPT_001": "the adoption question is unknown or not a single choice",
    "REC_001": "a recommendation naming an unknown dimension",
    "STAGE_001": "stages not starting at 0 or not ending at 100",
    "STAGE_002": "gaps or overlaps between stages",
    "STAGE_003": "a stage or recommendation whose min is not below its max",
    "SCORE_001": "a scored question whose options or bands give no points",
    "PROFILE_004": "a founding year in the future (the schema checks ≥ 1000 only)",
    "ANS_020": "a follow-up date before the interview date (a comparison of two fields)",
    "VALUE_004": "a number written .nan (it passes every comparison) or with more than 30 digits",
    "ANS_021": "an answer written .nan (it passes every comparison) or with more than 30 digits",
    "PROFILE_005": "a company figure with more than 30 digits (read as infinite, not as JSON)",
    "ANS_022": "a questionnaire file that does not exist or is not a questionnaire",
    "TYPE_001": "only for a value tagged !!binary, which an editor reads as a text",
}


# --- from model field types ---------------------------------------------------------------
def _from_hint(hint: Any) -> dict[str, Any]:
    """JSON Schema for a model field type (``Text``, ``float``, ``tuple[Option, ...]`` …)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if hint == Text or (args and all(a == Text for a in args)):
        return dict(TEXT)
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin in (typing.Union, types.UnionType):
        if set(args) == set(typing.get_args(Condition)):
            return dict(CONDITION)
        return _from_hint(args[0]) if len(args) == 1 else {"anyOf": [_from_hint(a) for a in args]}
    if origin is tuple and args and args[-1] is Ellipsis:
        return {"type": "array", "items": _from_hint(args[0])}
    for python, json_type in (
        (bool, "boolean"),
        (int, "integer"),
        (float, "number"),
        (str, "string"),
    ):
        if hint is python:
            return {"type": json_type}
    for part, (_, cls) in PARTS.items():
        if hint is cls:
            return {"$ref": f"#/$defs/{part}"}
    return {}


def _part(part: str) -> dict[str, Any]:
    keys, cls = PARTS[part]
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for key in keys:
        if (part, key) in OVERRIDES:
            props[key] = dict(OVERRIDES[(part, key)])
        elif key == "id":
            props[key] = dict(ID)
        else:
            props[key] = _from_hint(hints.get(MODEL_NAMES.get((part, key), key)))
        if props[key].get("type") == "array" and (part, key) not in MAY_BE_EMPTY:
            props[key]["minItems"] = 1
    return {
        "type": "object",
        "properties": props,
        "required": list(REQUIRED.get(part, ())),
        "additionalProperties": False,
    }


def _refs(kind: str) -> list[str]:
    from ki_check.advice.ai_act import load_ai_act
    from ki_check.advice.content import load_barriers

    if kind == "barrier":
        return list(load_barriers())
    if kind == "ai_act":
        return [i.id for i in load_ai_act().items]
    return list(FACTS)


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema of a questionnaire file (see the module docstring)."""
    defs = {part: _part(part) for part in PARTS}
    question = defs["question"]
    question["allOf"] = [
        {
            "if": {"properties": {"type": {"const": qtype}}, "required": ["type"]},
            "then": {
                "properties": {key: False for key in KEYS_NOT_ALLOWED[qtype]},
                "required": list(NEEDS_BY_TYPE.get(qtype, ())),
            },
        }
        for qtype in QUESTION_TYPES
    ]
    question["allOf"].append(
        {
            "if": {"properties": {"type": {"const": "scale"}}, "required": ["type"]},
            "then": {"properties": {"min": {"type": "integer"}, "max": {"type": "integer"}}},
        }
    )
    defs["signal"]["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {
                "properties": {"ref": {"enum": _refs(kind)}}
                | ({} if kind == "ai_act" else {"level": False}),
                "required": ["level"] if kind == "ai_act" else [],
            },
        }
        for kind in SIGNAL_KINDS
    ]
    defs["text"] = {
        "description": "Text: eine Zeichenkette (Standardsprache) oder {de: …, en: …}",
        "anyOf": [
            STRING,
            {
                "type": "object",
                "properties": {lang: STRING for lang in LANGUAGES},
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
    }
    defs["condition"] = _condition_schema()
    top = defs.pop("questionnaire")
    return {
        "$schema": DIALECT,
        "title": "ki-check Fragebogen / questionnaire",
        "description": "Format: docs/questionnaire-format.md · prüfen: ki-check questionnaires"
        " validate DATEI",
        **top,
        "$defs": defs,
    }


def _condition_schema() -> dict[str, Any]:
    """``{question, in}`` | ``{question, min, max}`` | ``{all}`` | ``{any}`` | ``{not}``."""
    values = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    return {
        "description": "Bedingung: {question: ID, in: [Optionen]} oder {question: ID, min/max},"
        " {all: […]}, {any: […]}, {not: …}",
        "oneOf": [
            {
                "type": "object",
                "properties": {"question": {"type": "string"}, "in": values},
                "required": ["question", "in"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "question": {"type": "string"},
                    "min": {"type": "number"},
                    "max": {"type": "number"},
                },
                "required": ["question"],
                "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
                "additionalProperties": False,
            },
            *(
                {
                    "type": "object",
                    "properties": {key: {"type": "array", "items": CONDITION, "minItems": 1}},
                    "required": [key],
                    "additionalProperties": False,
                }
                for key in ("all", "any")
            ),
            {
                "type": "object",
                "properties": {"not": CONDITION},
                "required": ["not"],
                "additionalProperties": False,
            },
        ],
    }


# --- answer files -------------------------------------------------------------------------------
def answers_schema(q: model.Questionnaire) -> dict[str, Any]:
    """The JSON Schema of an answer file for ``q``: its question ids, option ids, rows, ranges."""
    answers = {x.id: _answer(x) for x in q.questions}
    ref = _literal(q.id) + "(@" + _literal(q.version) + ")?"
    top = {
        "questionnaire": {
            "type": "string",
            "description": f"{q.ref} (oder der Pfad einer Fragebogen-Datei)",
            "pattern": f"^({ref}|.+\\.ya?ml(@.*)?)$",
            "maxLength": MAX_REF_CHARS,
        },
        "company": _company(),
        "interview": _interview(),
        "answers": {
            "type": "object",
            "properties": answers,
            "additionalProperties": False,
        },
        "notes": {
            "type": "object",
            "propertyNames": {"enum": [x.id for x in q.questions]},
            "additionalProperties": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
        },
    }
    assert set(top) == set(ANSWER_KEYS)
    return {
        "$schema": DIALECT,
        "title": f"ki-check Antwortdatei / answer file: {tr(q.title, 'de')} ({q.ref})",
        "type": "object",
        "properties": {key: top[key] for key in ANSWER_KEYS},
        "required": ["questionnaire"],
        "additionalProperties": False,
    }


def _literal(text: str) -> str:
    """``text`` as a pattern matching itself, escaping only what ECMA regexes need escaped."""
    return re.sub(r"([.^$*+?()\[\]{}|\\/])", r"\\\1", text)


def _company() -> dict[str, Any]:
    hints = typing.get_type_hints(Company)
    props: dict[str, Any] = {}
    for key in COMPANY_FILE_KEYS:  # company.id too: the archive's key
        schema = _from_hint(hints[key])
        if key == "state":
            schema = {"enum": list(STATES), "description": _codes(STATES)}
        elif key == "sector":
            schema = {"enum": list(SECTORS), "description": _codes(SECTORS)}
        elif schema.get("type") in ("integer", "number"):
            schema["minimum"] = 1000 if key == "founded" else 0
            if key in ("employees", "turnover_eur", "balance_sheet_eur"):
                schema["maximum"] = MAX_EMPLOYEES if key == "employees" else MAX_EUR
        elif schema.get("type") == "string":
            schema["maxLength"] = MAX_TEXT_CHARS
        if key != "name":  # an empty entry means "not known yet"
            schema = {"anyOf": [schema, {"type": "null"}]}
        props[key] = schema
    return {"type": "object", "properties": props, "additionalProperties": False}


def _codes(codes: Mapping[str, Text]) -> str:
    return ", ".join(f"{code} {tr(name, 'de')}" for code, name in codes.items())


def _interview() -> dict[str, Any]:
    hints = typing.get_type_hints(Interview)
    props: dict[str, Any] = {key: _from_hint(hints[key]) for key in INTERVIEW_KEYS}
    props["advisor"] = {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS}
    day = {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    props["date"] = day
    props["follow_up"] = day
    props["conclusion"] = {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS}
    props["language"] = {"enum": list(LANGUAGES)}
    props["status"] = {"enum": list(STATUSES)}
    return {"type": "object", "properties": props, "additionalProperties": False}


def _answer(q: Question) -> dict[str, Any]:
    special = [DONT_KNOW, NOT_RELEVANT] if q.allow_not_relevant else [DONT_KNOW]
    options = [o.id for o in q.options]
    kinds: list[dict[str, Any]] = [{"type": "null"}, {"enum": special}]
    if q.type in ("single_choice", "yes_no"):
        kinds.append({"enum": options})
        if q.type == "yes_no":
            kinds.append({"type": "boolean"})
    elif q.type == "multiple_choice":
        kinds += [{"enum": options}, _choices(q, options)]
    elif q.type == "matrix":
        cell = {"enum": [*options, *special, None]}
        kinds.append(
            {
                "type": "object",
                "properties": {
                    row.id: {**cell, "description": tr(row.label, "de")} for row in q.rows
                },
                "additionalProperties": False,
            }
        )
    elif q.type in ("scale", "number"):
        number: dict[str, Any] = {"type": "integer" if q.type == "scale" or q.integer else "number"}
        number["minimum"] = q.min if q.min is not None else -MAX_NUMBER
        number["maximum"] = q.max if q.max is not None else MAX_NUMBER
        kinds.append(number)
    else:
        kinds.append({"type": ["string", "number"], "maxLength": MAX_TEXT_CHARS})
    return {"description": tr(q.text, "de"), "anyOf": kinds}


def _choices(q: Question, options: list[str]) -> dict[str, Any]:
    """A list of option ids; an exclusive option ("none of these") only alone."""
    schema: dict[str, Any] = {"type": "array", "items": {"enum": options}}
    alone = [o.id for o in q.options if o.exclusive]
    if alone:
        schema["allOf"] = [
            {"if": {"contains": {"const": oid}}, "then": {"items": {"const": oid}}} for oid in alone
        ]
    return schema
