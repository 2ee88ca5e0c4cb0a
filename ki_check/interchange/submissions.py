"""Submissions exported from KoboToolbox or ODK Central, read as answers.

A form made by ``ki-check export xlsform`` is filled in on a tablet or in the
browser; the server exports one row per submission (CSV or XLSX). This module
recognises such an export by its header (:func:`is_submissions_export`), maps
every column to the form field it belongs to (:func:`column_map`, using
:func:`ki_check.interchange.xlsform.form_fields`) and turns each row into a batch
:class:`~ki_check.batch.inputs.Record` (:func:`read_submissions`), checked by the same
code as every answer file. The export shapes, with their sources, are in
``docs/interchange.md``:

- KoboToolbox, "XML values and headers": ``group/question`` (the group
  separator is configurable; ``/`` by default), a select-multiple as a column
  of space-separated names and/or one ``group/question/option`` column of
  ``1``/``0``; ``_id``, ``_uuid``, ``_submission_time``, ``_submitted_by``, …
- ODK Central: ``SubmissionDate`` first, ``group-question`` (or bare names
  with ``groupPaths=false``), ``group-question/option`` 0/1 columns with
  ``splitSelectMultiples=true``, then ``meta-instanceID``, ``KEY``,
  ``SubmitterName``, ``Status``, …
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.assessment.answers import check_answers
from ki_check.batch.inputs import Record
from ki_check.batch.row_errors import (
    QUESTIONNAIRE_FIX,
    Place,
    RowError,
    error_of,
    from_issue,
    row_error,
)
from ki_check.diagnostics import Issue
from ki_check.errors import KiCheckError, OutputError
from ki_check.i18n import pick
from ki_check.interchange.xlsform import QUESTIONNAIRE_FIELD, FormField, form_fields
from ki_check.questionnaire.conditions import SPECIAL
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import Questionnaire
from ki_check.util.yamlsrc import YamlDoc

# The submission's own id, best first (ODK Central KEY = meta/instanceID; Kobo _uuid).
ID_COLUMNS = ("KEY", "meta/instanceID", "meta-instanceID", "meta.instanceID", "instanceID", "_uuid")
# When the form was filled in: the form's start, else the server's receipt.
DATE_COLUMNS = ("start", "_submission_time", "SubmissionDate", "end")
# Who submitted: the app user or account (the advisor when an advisor filled it in).
ADVISOR_COLUMNS = ("SubmitterName", "_submitted_by")
OTHER_META: tuple[str, ...] = (
    *("_id", "_index", "__version__", "_status", "_validation_status", "_notes", "_tags"),
    *("meta/rootUuid", "SubmitterID", "ReviewState", "Status", "DeviceID", "FormVersion"),
)
META_COLUMNS = frozenset((*ID_COLUMNS, *DATE_COLUMNS, *ADVISOR_COLUMNS, *OTHER_META))
# start/end could also be question ids of a portfolio sheet: they do not mark an export
EXPORT_MARKS = META_COLUMNS - {"start", "end"}
# group separators: Kobo "/" (configurable, "." seen too), ODK Central "-"; never in our ids
_SEPARATORS = re.compile(r"[/.\-]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
TRUE = {"ja", "1", "true", "yes"}
FALSE = {"nein", "0", "false", "no"}


def is_submissions_export(header: Iterable[str]) -> bool:
    """Whether a table header is that of a KoboToolbox or ODK Central export.

    True when it holds one of their metadata columns or a group path
    (``company/name``, ``company-name``) — a ki-check portfolio sheet has neither.
    """
    names = list(header)
    if any(h in EXPORT_MARKS for h in names):
        return True
    return any(_SEPARATORS.split(h)[-1] == "name" and "company" in h for h in names)


class Column(NamedTuple):
    """What one column of an export holds: a form field, or one option of a select-multiple."""

    header: str
    field: FormField
    option: str | None = None


class ColumnMap(NamedTuple):
    """The columns of one export that belong to one questionnaire's form."""

    fields: dict[str, list[Column]]  # field name -> its columns (summary first, then options)
    questionnaire: Questionnaire


def column_map(header: Iterable[str], q: Questionnaire) -> ColumnMap:
    """Map export columns to the fields of ``q``'s form; unknown columns are left out.

    Raises :class:`~ki_check.errors.KiCheckError` when no column belongs to the
    form (e.g. exported with labels instead of XML values) or when two
    columns claim the same field.
    """
    fields = form_fields(q)
    by_name = {f.name: f for f in fields}
    multiple = {f.name: f for f in fields if f.xls_type.startswith("select_multiple")}
    out: dict[str, list[Column]] = {}
    for h in header:
        parts = _SEPARATORS.split(h)
        if len(parts) >= 2 and parts[-2] in multiple and parts[-1] in multiple[parts[-2]].choices:
            chosen = multiple[parts[-2]]
            out.setdefault(chosen.name, []).append(Column(h, chosen, parts[-1]))
            continue
        field = by_name.get(parts[-1])
        if field is None:
            continue
        columns = out.setdefault(field.name, [])
        if any(c.option is None for c in columns):
            first = next(c.header for c in columns if c.option is None)
            raise KiCheckError.coded("INPUT_004", first=first, second=h, field=field.name)
        columns.insert(0, Column(h, field))
    if not any(cols[0].field.kind in ("question", "row") for cols in out.values()):
        raise KiCheckError.coded("INPUT_005", questionnaire=q.ref)
    return ColumnMap(out, q)


# --- rows into records ---------------------------------------------------------------------
def read_submissions(
    path: Path,
    rows: Iterator[tuple[int, dict[str, str]]],
    questionnaire: str | None,
    lang: str,
    today: dt.date,
    *,
    name_required: bool = True,
) -> Iterator[Record]:
    """One :class:`~ki_check.batch.inputs.Record` per submission row, checked like an answer file.

    ``rows`` yields ``(row number, {header: cell text})``. The questionnaire is
    ``questionnaire`` if given, else the one the form's ``questionnaire`` column
    names. A bad cell becomes an error naming its row (in ``source``) and column;
    a row without a company name too (``BATCH_004``) unless ``name_required`` is false.
    """
    default = load_questionnaire(questionnaire) if questionnaire else None
    maps: dict[str, ColumnMap | KiCheckError] = {}  # per questionnaire: the header is the same
    header: dict[str, int] | None = None
    for number, row in rows:
        source = f"{path.name}:{number}"
        if header is None:
            header = {name: i for i, name in enumerate(row)}
        if not any(row.values()):
            place = Place(path.name, number, header)
            yield Record(source, "", None, None, (row_error("BATCH_001", place, lang),), place)
            continue
        key = next((row[c] for c in ID_COLUMNS if row.get(c)), "").removeprefix("uuid:")
        name = next((row[h] for h in row if _SEPARATORS.split(h)[-1] == "name"), "")
        place = Place(path.name, number, header, key, name)
        ref = _questionnaire_cell(row)
        try:
            q = default or load_questionnaire(ref or "?")
        except KiCheckError as exc:
            column = _questionnaire_column(row) or QUESTIONNAIRE_FIELD
            error = error_of(exc, place, lang, column, QUESTIONNAIRE_FIX)
            yield Record(source, key, None, None, (error,), place)
            continue
        if q.ref not in maps:
            try:
                maps[q.ref] = column_map(row, q)
            except KiCheckError as exc:
                maps[q.ref] = exc
        cmap = maps[q.ref]
        if isinstance(cmap, KiCheckError):
            yield Record(source, key, None, q, (error_of(cmap, place, lang),), place)
            continue
        data, where = row_to_data(row, cmap)
        if name_required and not data["company"].get("name"):
            column = next((h for h in row if _SEPARATORS.split(h)[-1] == "name"), "company/name")
            issue = Issue("BATCH_004", source, path=("company", "name"))
            yield Record(source, key, None, q, (from_issue(issue, place, lang, column),), place)
            continue
        doc = YamlDoc(source, data)
        af = check_answers(doc, q, today=today)
        bad = [i for i in doc.issues if i.severity == "error"]
        if af is None or bad:
            errors = tuple(_issue_cell(i, where, place, lang) for i in bad)
            yield Record(source, key, None, q, errors, place)
            continue
        yield Record(source, key or af.company.name, af, q, (), place)


def _questionnaire_column(row: dict[str, str]) -> str | None:
    return next((h for h in row if _SEPARATORS.split(h)[-1] == QUESTIONNAIRE_FIELD), None)


def _questionnaire_cell(row: dict[str, str]) -> str:
    column = _questionnaire_column(row)
    return (row.get(column) or "").strip() if column else ""


def row_to_data(
    row: dict[str, str], cmap: ColumnMap
) -> tuple[dict[str, Any], dict[tuple[str, ...], str]]:
    """One export row as answer-file data, and the column each data path came from."""
    company: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    where: dict[tuple[str, ...], str] = {}
    for columns in cmap.fields.values():
        field, header = columns[0].field, columns[0].header
        if field.kind == "company" and field.key:
            value = _cell(row, columns[0])
            if value != "":
                company[field.key] = _profile_value(field, value)
                where[("company", field.key)] = header
        elif field.kind == "row" and field.question and field.row:
            value = _cell(row, columns[0])
            if value != "":
                answers.setdefault(field.question, {})[field.row] = _choice(value)
                where[("answers", field.question, field.row)] = header
        elif field.kind == "question" and field.question:
            answer = _question_value(field, columns, row)
            if answer is not None:
                answers[field.question] = answer
                where[("answers", field.question)] = header
        elif field.kind == "special" and field.question:
            value = _cell(row, columns[0])
            if value != "" and field.question not in answers:
                answers[field.question] = value
                where[("answers", field.question)] = header
    interview: dict[str, Any] = {"status": "complete"}
    day = next((row[c][:10] for c in DATE_COLUMNS if _DATE.match(row.get(c) or "")), None)
    if day:
        interview["date"] = day
    advisor = next((row[c] for c in ADVISOR_COLUMNS if row.get(c)), None)
    if advisor:
        interview["advisor"] = advisor
    q = cmap.questionnaire
    ref = q.ref
    column = _questionnaire_column(row)
    if column and (row.get(column) or "").strip():
        ref = row[column].strip()  # the checker compares it with the questionnaire used
        where[("questionnaire",)] = column
    data = {"questionnaire": ref, "company": company, "interview": interview, "answers": answers}
    return data, where


def _cell(row: dict[str, str], column: Column) -> str:
    return (row.get(column.header) or "").strip()


def _question_value(field: FormField, columns: list[Column], row: dict[str, str]) -> Any:
    if field.xls_type.startswith("select_multiple"):
        summary = columns[0] if columns[0].option is None else None
        if summary is not None and _cell(row, summary) != "":
            chosen = _cell(row, summary).split()
        else:
            ticked = [c.option for c in columns if c.option and _cell(row, c) in ("1", "True")]
            if not ticked:
                return None  # not answered: Kobo leaves every option column empty, ODK writes 0
            chosen = ticked
        return chosen[0] if len(chosen) == 1 and chosen[0] in SPECIAL else chosen
    value = _cell(row, columns[0])
    if value == "":
        return None
    if field.xls_type == "text":
        return value
    if field.xls_type.startswith("select_one"):
        return _choice(value)
    return _number(value)


def _choice(value: str) -> int | str:
    """A choice name; a scale point (``1`` … ``5``) as its number."""
    return int(value) if re.fullmatch(r"-?\d+", value) else value


def _number(value: str) -> int | float | str:
    """An XML number (``42``, ``1.5``, ``-3``); anything else stays text for the checker."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        n = float(value)
    except ValueError:
        return value
    return int(n) if n.is_integer() and "e" not in value.lower() else n


def _profile_value(field: FormField, value: str) -> Any:
    if field.choices == ("ja", "nein"):
        v = value.lower()
        return True if v in TRUE else False if v in FALSE else value
    if field.xls_type in ("integer", "decimal"):
        return _number(value)
    return value


def _issue_cell(
    issue: Issue, where: dict[tuple[str, ...], str], place: Place, lang: str
) -> RowError:
    """A checker's finding at the export column its data came from."""
    path = tuple(str(p) for p in issue.path)
    column = ""
    for n in range(len(path), 0, -1):
        if path[:n] in where:
            column = where[path[:n]]
            break
    return from_issue(issue, place, lang, column or ".".join(path))


# --- each submission as an answer file ------------------------------------------------------
class Converted(NamedTuple):
    """What :func:`write_answer_files` did: files written, rows that failed with why, and
    the error that stopped the writing (a full disk, …), if one did."""

    written: list[Path]
    errors: list[tuple[str, str, str]]  # (source, column, message)
    stopped: OutputError | None = None


def write_answer_files(
    input_path: Path,
    out_dir: Path,
    *,
    questionnaire: str | None = None,
    lang: str = "de",
    today: dt.date | None = None,
    force: bool = False,
) -> Converted:
    """Write every valid record of a batch input (an export, a sheet, a folder) as an answer file.

    Files are named after the company (``muster-gmbh.yaml``, then ``-2`` …) and
    begin with a comment naming the row and the submission id they came from.
    An existing file is kept unless ``force``; a bad row is listed and the rest
    is written. Each file is written atomically, so an interrupted or failed
    write leaves no partial file; temporary files a killed earlier run left in
    ``out_dir`` are removed first. A file that cannot be written (full disk,
    read-only folder) stops the writing: the result says so in ``stopped``,
    with the files written before. Raises :class:`~ki_check.errors.KiCheckError`
    when the input is missing or ``out_dir`` is a file.
    """
    from ki_check.assessment.answers import dump_answers
    from ki_check.batch.inputs import file_name, read_input
    from ki_check.util.fsutil import atomic_write_text, remove_stale_temps

    if out_dir.exists() and not out_dir.is_dir():
        raise KiCheckError.coded("OUT_010", path=out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from ki_check.util.fsutil import write_error

        raise write_error(exc, out_dir / ".") from None
    remove_stale_temps(out_dir)
    done = Converted([], [])
    taken: set[str] = set()
    seen: dict[str, str] = {}
    for record in read_input(input_path, questionnaire, lang, today or dt.date.today()):
        af = record.answers
        if record.errors or af is None:
            done.errors.extend(
                (
                    record.source,
                    e.column,
                    f"{e.code} {e.message} {pick(lang, 'Lösung', 'Fix')}: {e.fix}",
                )
                for e in record.errors
            )
            continue
        if record.key in seen:
            message = pick(
                lang,
                f"doppelte Einsendung '{record.key}' (zuerst in {seen[record.key]})",
                f"duplicate submission '{record.key}' (first in {seen[record.key]})",
            )
            done.errors.append((record.source, "", message))
            continue
        seen[record.key] = record.source
        target = out_dir / (file_name(af.company.name or record.key, taken)[:-4] + ".yaml")
        if target.exists() and not force:
            message = pick(
                lang,
                f"{target} existiert bereits (mit --force überschreiben)",
                f"{target} already exists (use --force to overwrite)",
            )
            done.errors.append((record.source, "", message))
            continue
        origin = f"# Aus / from: {record.source}" + (
            f" · Einsendung / submission {record.key}" if record.key != af.company.name else ""
        )
        try:
            atomic_write_text(target, origin + "\n" + dump_answers(af))
        except OutputError as exc:
            return done._replace(stopped=exc)
        done.written.append(target)
    return done


__all__ = [
    "ColumnMap",
    "column_map",
    "is_submissions_export",
    "read_submissions",
    "row_to_data",
    "write_answer_files",
]
