"""A questionnaire as an XLSForm (ODK Collect, KoboToolbox, ODK Central): its fields and logic.

:func:`form_fields` names every data field of the form — the one place the
export (:mod:`ki_check.interchange.xlsform_sheets`) and the import of submissions
(:mod:`ki_check.interchange.submissions`) agree on. :func:`relevant` turns a question's
structured condition (:mod:`ki_check.questionnaire.conditions`) into an XLSForm ``relevant``
expression; a condition XLSForm cannot express raises :class:`XLSFormError`
naming the question. The mapping and its limits: ``docs/interchange.md``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import NamedTuple

from ki_check.assessment.answers import COMPANY_KEYS, Company
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.errors import KiCheckError
from ki_check.questionnaire.conditions import (
    DONT_KNOW,
    NOT_RELEVANT,
    AllOf,
    AnyOf,
    Condition,
    Not,
    QuestionIs,
)
from ki_check.questionnaire.model import Question, Questionnaire

COMPANY_GROUP = "company"
QUESTIONNAIRE_FIELD = "questionnaire"  # a calculate field: every export row names id@version
NUMBER_SPECIAL = "_no_number"  # companion of a number question: "don't know" / "not relevant"
PROFILE_LISTS = {"state": "profil_bundesland", "sector": "profil_wz", "bool": "profil_ja_nein"}


class XLSFormError(KiCheckError):
    """Something in a questionnaire that an XLSForm cannot express."""


class FormField(NamedTuple):
    """One data field of the form: where it sits and what it holds.

    ``kind`` is ``question`` (a whole question), ``row`` (one matrix row),
    ``special`` (the don't-know companion of a number question), ``company``
    (a profile field, ``key`` names it) or ``questionnaire`` (id@version).
    """

    name: str
    path: tuple[str, ...]  # group names, then the field's own name
    kind: str
    xls_type: str  # select_one LIST, select_multiple LIST, integer, decimal, text, calculate
    question: str | None = None
    row: str | None = None
    key: str | None = None
    choices: tuple[str, ...] = ()


# --- the fields --------------------------------------------------------------------------
def specials(q: Question) -> tuple[str, ...]:
    """The reserved answers a question offers: ``dont_know``, and ``not_relevant`` if allowed."""
    return (DONT_KNOW, NOT_RELEVANT) if q.allow_not_relevant else (DONT_KNOW,)


def scale_values(q: Question) -> tuple[str, ...]:
    """The points of a scale as choice names: ``1`` … ``5``."""
    assert q.min is not None
    assert q.max is not None
    return tuple(str(v) for v in range(int(q.min), int(q.max) + 1))


def _company_type(key: str) -> tuple[str, tuple[str, ...]]:
    hints = typing.get_type_hints(Company)
    hint = hints.get(key, str)
    if key == "state":
        return f"select_one {PROFILE_LISTS['state']}", tuple(STATES)
    if key == "sector":
        return f"select_one {PROFILE_LISTS['sector']}", tuple(SECTORS)
    if bool in typing.get_args(hint) or hint is bool:
        return f"select_one {PROFILE_LISTS['bool']}", ("ja", "nein")
    if int in typing.get_args(hint) or hint is int:
        return "integer", ()
    if float in typing.get_args(hint) or hint is float:
        return "decimal", ()
    return "text", ()


def form_fields(q: Questionnaire) -> list[FormField]:
    """Every data field of the form, in form order (groups are not fields).

    Raises :class:`XLSFormError` when two fields or groups would share a name.
    """
    fields = [FormField(QUESTIONNAIRE_FIELD, (QUESTIONNAIRE_FIELD,), "questionnaire", "calculate")]
    for key in COMPANY_KEYS:
        xls_type, choices = _company_type(key)
        fields.append(
            FormField(key, (COMPANY_GROUP, key), "company", xls_type, key=key, choices=choices)
        )
    for dim in q.dimensions:
        for question in dim.questions:
            fields.extend(_question_fields(question, (dim.id,)))
    _check_names(q, fields)
    return fields


def _question_fields(q: Question, groups: tuple[str, ...]) -> Iterator[FormField]:
    extra = specials(q)
    if q.type == "matrix":
        choices = tuple(o.id for o in q.options) + extra
        for row in q.rows:
            name = f"{q.id}_{row.id}"
            yield FormField(
                name,
                (*groups, q.id, name),
                "row",
                f"select_one {q.id}",
                q.id,
                row.id,
                None,
                choices,
            )
        return
    if q.type == "number":
        xls_type = "integer" if q.integer else "decimal"
        yield FormField(q.id, (*groups, q.id), "question", xls_type, q.id)
        name = q.id + NUMBER_SPECIAL
        yield FormField(name, (*groups, name), "special", f"select_one {name}", q.id, choices=extra)
        return
    if q.type == "text":
        yield FormField(q.id, (*groups, q.id), "question", "text", q.id)
        return
    if q.type == "scale":
        choices = scale_values(q) + extra
    else:
        choices = tuple(o.id for o in q.options) + extra
    kind = "select_multiple" if q.type == "multiple_choice" else "select_one"
    yield FormField(q.id, (*groups, q.id), "question", f"{kind} {q.id}", q.id, choices=choices)


def _check_names(q: Questionnaire, fields: list[FormField]) -> None:
    """Field names must be unique in the whole form (``${name}`` and the import rely on it);
    group names among groups. A group may share its name with a field."""
    groups = [(COMPANY_GROUP, "group")] + [(d.id, "dimension") for d in q.dimensions]
    groups += [(x.id, "matrix") for x in q.questions if x.type == "matrix"]
    for items in (groups, [(f.name, f.kind) for f in fields]):
        seen: dict[str, str] = {}
        for name, what in items:
            if name in seen:
                raise XLSFormError.coded(
                    "FORM_001", q.ref, name=name, first=seen[name], second=what
                )
            seen[name] = what
    lists = set(PROFILE_LISTS.values())
    for question in q.questions:
        if question.id in lists or question.id + NUMBER_SPECIAL in lists:
            raise XLSFormError.coded("FORM_002", q.ref, name=question.id)


# --- skip logic ----------------------------------------------------------------------------
def relevant(q: Questionnaire, question: Question) -> str:
    """The ``relevant`` expression of ``question`` (``""`` when it is always shown).

    Raises :class:`XLSFormError` naming the question when its condition tests
    something the form does not record (e.g. "don't know" of a free text).
    """
    if question.show_if is None:
        return ""
    return _expr(q, question.show_if, question.id)


def _expr(q: Questionnaire, cond: Condition, owner: str) -> str:
    if isinstance(cond, AllOf | AnyOf):
        joiner = " and " if isinstance(cond, AllOf) else " or "
        return "(" + joiner.join(_expr(q, p, owner) for p in cond.parts) + ")"
    if isinstance(cond, Not):
        return f"not({_expr(q, cond.part, owner)})"
    ref = q.question(cond.question)
    assert ref is not None  # validated: conditions name earlier questions
    test = _test(ref, cond, owner)
    if ref.show_if is not None:
        # our rule: a hidden question makes a condition on it false, whatever it held
        test = f"({_expr(q, ref.show_if, owner)} and {test})"
    return test


def _test(ref: Question, cond: QuestionIs, owner: str) -> str:
    field = f"${{{ref.id}}}"
    if cond.options is None:
        parts = []
        if cond.min is not None:
            parts.append(f"{field} >= {num(cond.min)}")
        if cond.max is not None:
            parts.append(f"{field} <= {num(cond.max)}")
        return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
    options = sorted(cond.options)
    if ref.type == "number":
        field = f"${{{ref.id}{NUMBER_SPECIAL}}}"
    elif ref.type in ("text", "matrix"):
        raise XLSFormError.coded(
            "FORM_003", name=owner, options=", ".join(options), ref=ref.id, kind=ref.type
        )
    if ref.type == "multiple_choice":
        tests = [f"selected({field}, '{o}')" for o in options]
    else:
        tests = [f"{field} = '{o}'" for o in options]
    return tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"


def num(x: float) -> str:
    """``2`` for 2.0, ``2.5`` for 2.5: numbers in expressions."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))
