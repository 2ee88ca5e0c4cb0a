"""A spreadsheet row as answer-file data: cell texts to numbers, yes/no, option ids.

The sheet may hold what a person sees rather than what the file format needs:
an option's label (``Es gibt erste Ideen``) instead of its id (``ideen``),
``weiß nicht`` for ``dont_know``, ``BY – Bayern`` from the template's
drop-down. :func:`row_to_data` turns a row into the data of an answer file and
leaves every judgement to the answer-file checker, so a row and a YAML file are
held to the same rules and every fault of a row is found in one run.
"""

from __future__ import annotations

import re
from typing import Any

from ki_check.assessment.answers import COMPANY_KEYS
from ki_check.diagnostics import Issue
from ki_check.errors import InputError
from ki_check.i18n import LANGUAGES, tr
from ki_check.interview.machine import parse_number
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT
from ki_check.questionnaire.model import Question, Questionnaire

ID_COLUMNS = ("id", "questionnaire")
INTERVIEW_COLUMNS = ("advisor", "date")
NUMBER_FIELDS = ("employees", "turnover_eur", "balance_sheet_eur", "founded")
INTEGER_FIELDS = ("employees", "founded")
BOOL_FIELDS = ("startup", "university_spinoff")
TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
FALSE = {"nein", "n", "no", "false", "falsch", "0"}
# what the template's drop-downs offer for the two answers every question has
SPECIAL_LABELS = {
    DONT_KNOW: {"de": "weiß nicht", "en": "don't know"},
    NOT_RELEVANT: {"de": "nicht relevant", "en": "not relevant"},
}
# the template's first row names its questionnaire: "# ki-check-vorlage kurzcheck@1.0 · …"
TEMPLATE_MARK = "# ki-check-vorlage"
_TEMPLATE = re.compile(r"^#\s*ki-check-(?:vorlage|template)\s+(\S+)")
# the template's example row: its id says so (older templates: K-001 / Muster GmbH)
EXAMPLE_ID = "BEISPIEL"
_EXAMPLE_IDS = {"beispiel", "example"}
_OLD_EXAMPLE = ("K-001", "Muster GmbH")
# a drop-down entry "BY – Bayern" / "C – Verarbeitendes Gewerbe": the code before the dash
_CODE_LABEL = re.compile(r"^\s*([A-Za-z]{1,2})\s+[–-]\s+\S")


def template_questionnaire(first_cell: str) -> str | None:
    """The questionnaire a template's comment row names, or ``None``."""
    m = _TEMPLATE.match(first_cell)
    return m.group(1) if m else None


def is_example(row: dict[str, str]) -> bool:
    """Whether ``row`` is the template's example row (never a company to score)."""
    rid = (row.get("id") or "").strip()
    return rid.casefold() in _EXAMPLE_IDS or (rid, (row.get("name") or "").strip()) == _OLD_EXAMPLE


def row_to_data(
    row: dict[str, str], q: Questionnaire, source: str = "<row>", *, name_required: bool = True
) -> tuple[dict[str, Any], list[Issue]]:
    """The answer-file data of a row, and the faults only a row can have (yes/no, no name).

    Without a name the row is refused (``BATCH_004``) unless ``name_required`` is
    false (the anonymous group summary: an answer file may leave it out too).

    A cell that cannot be read as what its column needs (``viele`` employees)
    is passed on as text, so the checker reports it with its code and fix.
    """
    issues: list[Issue] = []
    company: dict[str, Any] = {}
    if row.get("id"):
        company["id"] = row["id"]  # the client number: the archive's company key
    for key in COMPANY_KEYS:
        value = row.get(key, "")
        if value == "":
            continue
        if key in BOOL_FIELDS:
            flag = value.strip().casefold()
            if flag in TRUE or flag in FALSE:
                company[key] = flag in TRUE
            else:
                issues.append(
                    Issue("BATCH_005", source, None, None, {"value": value}, ("company", key))
                )
        elif key in NUMBER_FIELDS:
            try:
                company[key] = parse_number(value, integer=key in INTEGER_FIELDS)
            except InputError:
                company[key] = value  # the checker names it precisely (PROFILE_003/004)
        elif key in ("state", "sector"):
            m = _CODE_LABEL.match(value)
            code = m.group(1) if m else value.strip()
            company[key] = code.upper() if len(code) <= 2 else code
        else:
            company[key] = value
    if "name" not in company and name_required:
        issues.append(Issue("BATCH_004", source, None, None, {}, ("company", "name")))
    interview: dict[str, Any] = {"status": "complete"}
    for key in INTERVIEW_COLUMNS:
        if row.get(key):
            interview[key] = row[key]
    answers: dict[str, Any] = {}
    labels = _labels(q)
    for question in q.questions:
        if question.type == "matrix":
            cells = {r.id: row.get(f"{question.id}.{r.id}", "") for r in question.rows}
            matrix = {k: _option(question, v, labels) for k, v in cells.items() if v}
            if matrix:
                answers[question.id] = matrix
            continue
        value = row.get(question.id, "")
        if value == "":
            continue
        answers[question.id] = _answer(question, value, labels)
    data = {"questionnaire": q.ref, "company": company, "interview": interview, "answers": answers}
    return data, issues


def _answer(question: Question, value: str, labels: dict[str, dict[str, str]]) -> Any:
    special = labels[""].get(value.strip().casefold())
    if special is not None:
        return special
    if question.type == "multiple_choice":
        whole = labels.get(question.id, {}).get(value.strip().casefold())
        if whole is not None:
            return [whole]
        separators = r"[;|]" if re.search(r"[;|]", value) else r","
        return [_option(question, v, labels) for v in re.split(separators, value) if v.strip()]
    if question.type in ("single_choice", "yes_no"):
        return _option(question, value, labels)
    if question.type in ("scale", "number"):
        try:
            return parse_number(value)
        except InputError:
            return value  # the checker names it precisely
    return value


def _option(question: Question, value: str, labels: dict[str, dict[str, str]]) -> str:
    """An option id for a cell holding the id or a label (either language)."""
    text = value.strip()
    if text in question.option_map:
        return text
    key = text.casefold()
    return labels.get(question.id, {}).get(key) or labels[""].get(key) or text


_LABELS: dict[tuple[str, str, int], dict[str, dict[str, str]]] = {}


def _labels(q: Questionnaire) -> dict[str, dict[str, str]]:
    """Per question: casefolded option label (de and en) → option id; ``""``: the specials."""
    key = (q.id, q.version, id(q))
    found = _LABELS.get(key)
    if found is not None:
        return found
    out: dict[str, dict[str, str]] = {
        "": {
            **{t.casefold(): sid for sid, texts in SPECIAL_LABELS.items() for t in texts.values()},
            DONT_KNOW: DONT_KNOW,
            NOT_RELEVANT: NOT_RELEVANT,
        }
    }
    for question in q.questions:
        if question.options:
            out[question.id] = {
                tr(o.label, lang).strip().casefold(): o.id
                for o in question.options
                for lang in LANGUAGES
            }
    _LABELS[key] = out
    return out
