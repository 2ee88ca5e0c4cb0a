"""Batch scoring for consultants: a folder of answer files, a CSV or an XLSX in; scores out.

Input rows are read one at a time (:func:`read_input`); each is checked
completely by the same code as ``ki-check score`` (every fault of a row, not
just the first, see :mod:`ki_check.batch.row_errors`) and handed on as a
:class:`Record`. :mod:`ki_check.batch.run` scores the records and writes the
outputs (:mod:`ki_check.batch.output`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.assessment.answers import (
    AnswerFile,
    check_answers,
    questionnaire_for,
    questionnaire_ref,
)
from ki_check.batch.row_errors import (
    QUESTIONNAIRE_FIX,
    Place,
    RowError,
    column_of,
    error_of,
    from_issue,
    row_error,
    text_error,
)
from ki_check.batch.rows import EXAMPLE_ID, is_example, row_to_data, template_questionnaire
from ki_check.diagnostics import Bi, Issue
from ki_check.errors import KiCheckError, ValidationError
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import Questionnaire
from ki_check.util.yamlsrc import YamlDoc, load_yaml


class Record(NamedTuple):
    """One company from the input: where it came from and its parsed answers (or errors)."""

    source: str  # "clients.csv:7" (row 7) or the answer file's path
    key: str  # the company's id, or its name, used for duplicates and file names
    answers: AnswerFile | None
    questionnaire: Questionnaire | None
    errors: tuple[RowError, ...]
    place: Place | None = None  # file, row, header and whose it is: for later errors


# --- reading ---------------------------------------------------------------------------
def read_input(
    path: Path,
    questionnaire: str | None = None,
    lang: str = "de",
    today: dt.date | None = None,
    *,
    name_required: bool = True,
) -> Iterator[Record]:
    """Records from a folder of answer files, a CSV or an XLSX, one at a time.

    A row of a sheet or export needs a company name (``BATCH_004``: the report
    is named after it) unless ``name_required`` is false, as for the anonymous
    group summary. Raises :class:`~ki_check.errors.KiCheckError` (``INPUT_001``,
    ``INPUT_002``) for a missing input or an unknown format.
    """
    day = today or dt.date.today()
    if path.is_dir():
        yield from _read_folder(path, questionnaire, lang, day)
        return
    if not path.is_file():
        raise KiCheckError.coded("INPUT_001", path=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    else:
        raise KiCheckError.coded("INPUT_002", path, suffix=suffix)
    first = next(rows, None)
    if first is None:
        return
    rows = itertools.chain([first], rows)
    from ki_check.interchange import submissions  # exports of KoboToolbox / ODK Central (issue 14)

    if submissions.is_submissions_export(first[1]):
        reader = submissions.read_submissions
    else:
        reader = _records_from_rows
    yield from reader(path, rows, questionnaire, lang, day, name_required=name_required)


def answer_files(folder: Path) -> list[Path]:
    """The answer files of a folder, sorted by name (hidden files left out).

    The order is that of sorting the paths (names in one folder: ``normcase`` is
    what a path compares by); names are read with ``os.scandir``, whose entries
    know their type without a ``stat`` per file, and sorted as text.
    """
    names = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.lower().endswith((".yaml", ".yml")):
                continue
            try:
                regular = entry.is_file()  # follows a symbolic link, like Path.is_file
            except OSError:
                regular = False
            if regular:
                names.append(name)
    names.sort(key=os.path.normcase)
    return [folder / name for name in names]


def _read_folder(
    folder: Path, questionnaire: str | None, lang: str, today: dt.date
) -> Iterator[Record]:
    q = load_questionnaire(questionnaire) if questionnaire else None
    by_ref: dict[str, Questionnaire] = {}
    for file in answer_files(folder):
        yield read_answer_file(file, q, lang, today, by_ref)


def read_answer_file(
    file: Path,
    q: Questionnaire | None,
    lang: str,
    today: dt.date,
    by_ref: dict[str, Questionnaire] | None = None,
) -> Record:
    """One answer file as a record; ``by_ref`` keeps the questionnaires named so far."""
    doc = load_yaml(file)
    company = doc.data.get("company") if isinstance(doc.data, dict) else None
    name = company.get("name") if isinstance(company, dict) else None
    place = Place(str(file), None, None, file.stem, name if isinstance(name, str) else "")
    used = q
    try:
        if used is None:
            ref = questionnaire_ref(doc)
            cache = by_ref if by_ref is not None else {}
            used = cache.get(ref) if ref else None
            if used is None:
                used = questionnaire_for(doc, file)
                if ref and not doc.issues:
                    cache[ref] = used
        af = check_answers(doc, used, today=today)
        issues = doc.issues
    except ValidationError as exc:
        af, issues = None, exc.issues
    except KiCheckError as exc:
        error = error_of(exc, place, lang)
        return Record(str(file), file.stem, None, None, (error,), place)
    bad = sorted((i for i in issues if i.severity == "error"), key=_by_line)
    if af is None or bad:
        errors = tuple(from_issue(i, place, lang) for i in bad) or (
            text_error(Bi("ungültige Antwortdatei", "invalid answer file"), place, lang),
        )
        return Record(str(file), file.stem, None, used, errors, place)
    af.path = file
    return Record(str(file), file.stem, af, used, (), place)


def _by_line(issue: Issue) -> tuple[int, int]:
    return (issue.line or 0, issue.col or 0)


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 — what German Excel writes.

    The file is checked in chunks, so a portfolio of any length is never held
    in memory at once.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 16):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    encoding = _encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        head = [line for line in itertools.islice(fh, 20) if not line.startswith("#")]
        sample = "".join(head)
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
        except csv.Error:
            delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        fh.seek(0)
        yield from _rows(csv.reader(fh, delimiter=delimiter))


TEMPLATE_KEY = "\x00template"  # a pseudo row: the questionnaire the template names


def _comment(number: int, first: str) -> Iterator[tuple[int, dict[str, str]]]:
    ref = template_questionnaire(first)
    if ref:
        yield number, {TEMPLATE_KEY: ref}


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, dict[str, str]]]:
    header: list[str] | None = None
    for number, row in enumerate(reader, start=1):
        if row and row[0].startswith("#"):
            yield from _comment(number, row[0])  # the template's guide rows
            continue
        if header is None:
            header = [h.strip() for h in row]
            continue
        yield number, _row_dict(header, row)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in row]
            if cells and cells[0].startswith("#"):
                yield from _comment(number, cells[0])
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            yield number, _row_dict(header, cells)
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _row_dict(header: list[str], row: list[str]) -> dict[str, str]:
    """Cells by column name, in the sheet's order (an unnamed column keeps its place)."""
    out = {}
    for i, name in enumerate(header):
        value = row[i].strip() if i < len(row) and row[i] is not None else ""
        out[name or f"\x00{i}"] = value
    return out


def _records_from_rows(
    path: Path,
    rows: Iterator[tuple[int, dict[str, str]]],
    questionnaire: str | None,
    lang: str,
    today: dt.date,
    *,
    name_required: bool = True,
) -> Iterator[Record]:
    default_q = load_questionnaire(questionnaire) if questionnaire else None
    loaded: dict[str, Questionnaire] = {}  # per questionnaire named in the rows
    default_ref = "?"  # rows of a template without a questionnaire: the template's
    header: dict[str, int] | None = None
    empty: list[int] = []  # reported only when a company follows (trailing ones are not)
    for number, row in rows:
        if TEMPLATE_KEY in row:
            default_ref = row[TEMPLATE_KEY]
            continue
        if header is None:
            header = {name: i for i, name in enumerate(row)}
        if not any(row.values()):
            empty.append(number)
            continue
        for n in empty:
            place = Place(path.name, n, header)
            yield Record(
                f"{path.name}:{n}", "", None, None, (row_error("BATCH_001", place, lang),), place
            )
        empty.clear()
        yield _row_record(
            path, number, row, header, (default_q, default_ref, loaded), lang, today, name_required
        )


def _row_record(
    path: Path,
    number: int,
    row: dict[str, str],
    header: dict[str, int],
    questionnaires: tuple[Questionnaire | None, str, dict[str, Questionnaire]],
    lang: str,
    today: dt.date,
    name_required: bool,
) -> Record:
    """One row as a record; ``questionnaires``: the one for every row (or ``None``), the
    template's reference, and those loaded so far by reference."""
    default_q, default_ref, loaded = questionnaires
    source = f"{path.name}:{number}"
    key = row.get("id") or row.get("name") or ""
    place = Place(path.name, number, header, row.get("id", ""), row.get("name", ""))
    if is_example(row):
        error = row_error("BATCH_002", place, lang, ("id",), example=EXAMPLE_ID)
        return Record(source, key, None, None, (error,), place)
    ref = (row.get("questionnaire") or "").strip() or default_ref
    if ref == "?" and default_q is None:
        error = row_error("BATCH_008", place, lang, ("questionnaire",), example="kmu-basis")
        return Record(source, key, None, None, (error,), place)
    try:
        q = default_q or loaded.get(ref) or loaded.setdefault(ref, load_questionnaire(ref))
    except KiCheckError as exc:
        error = error_of(exc, place, lang, "questionnaire", QUESTIONNAIRE_FIX)
        return Record(source, key, None, None, (error,), place)
    data, issues = row_to_data(row, q, source, name_required=name_required)
    doc = YamlDoc(source, data)
    af = check_answers(doc, q, today=today)
    issues += [i for i in doc.issues if i.severity == "error"]
    if af is None or issues:
        ordered = sorted(issues, key=lambda i: header.get(column_of(i.path), len(header)))
        return Record(
            source, key, None, q, tuple(from_issue(i, place, lang) for i in ordered), place
        )
    if not af.answers:  # a name (and a profile) only: nothing to score, never "bewertet"
        return Record(source, key, None, q, (row_error("BATCH_010", place, lang),), place)
    return Record(source, key, af, q, (), place)


# --- writing ---------------------------------------------------------------------------
def file_name(key: str, taken: set[str]) -> str:
    """A safe, unique PDF file name for a company (``/`` and friends never survive)."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    base = re.sub(r"[^a-z0-9]+", "-", key.lower().translate(table)).strip("-")[:80] or "firma"
    name = base
    n = 2
    while name in taken:
        name = f"{base}-{n}"
        n += 1
    taken.add(name)
    return f"{name}.pdf"
