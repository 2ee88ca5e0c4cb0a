"""Batch scoring for consultants: a folder of answer files, a CSV or an XLSX in; scores out.

Input rows are read one at a time (:func:`read_input`), each is checked by the
same code as ``ki-check score`` and scored; scores are streamed to
``scores.csv`` / ``scores.json``; a bad row goes to ``errors.csv`` and the batch
goes on. Reports are rendered in a pool of worker processes (spawned, each
importing WeasyPrint once and reusing its font configuration).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ki_check.answers import COMPANY_KEYS, AnswerFile, check_answers, open_answers
from ki_check.diagnostics import Issue
from ki_check.errors import KiCheckError, ValidationError
from ki_check.i18n import pick
from ki_check.interview import InputError, parse_number
from ki_check.model import Questionnaire
from ki_check.questionnaire import load_questionnaire
from ki_check.schema import dotted
from ki_check.yamlsrc import YamlDoc

if TYPE_CHECKING:
    from ki_check.assessment import Assessment

ID_COLUMNS = ("id", "questionnaire")
INTERVIEW_COLUMNS = ("advisor", "date")
NUMBER_FIELDS = ("employees", "turnover_eur", "balance_sheet_eur", "founded")
BOOL_FIELDS = ("startup", "university_spinoff")
TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
FALSE = {"nein", "n", "no", "false", "falsch", "0"}


class Record(NamedTuple):
    """One company from the input: where it came from and its parsed answers (or errors)."""

    source: str  # "clients.csv:7" (row 7) or the answer file's path
    key: str  # the company's id, or its name, used for duplicates and file names
    answers: AnswerFile | None
    questionnaire: Questionnaire | None
    errors: tuple[tuple[str, str], ...]  # (field, message)


# --- reading ---------------------------------------------------------------------------
def read_input(
    path: Path, questionnaire: str | None = None, lang: str = "de", today: dt.date | None = None
) -> Iterator[Record]:
    """Records from a folder of answer files, a CSV or an XLSX, one at a time."""
    if path.is_dir():
        yield from _read_folder(path, questionnaire, lang)
        return
    if not path.is_file():
        raise KiCheckError(f"Eingabe nicht gefunden: {path}", f"Input not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    else:
        raise KiCheckError(
            f"{path}: unbekanntes Format '{suffix}'."
            " Erwartet: Ordner mit Antwortdateien, .csv oder .xlsx.",
            f"{path}: unknown format '{suffix}'."
            " Expected: a folder of answer files, .csv or .xlsx.",
        )
    first = next(rows, None)
    if first is None:
        return
    rows = itertools.chain([first], rows)
    from ki_check import submissions  # exports of KoboToolbox / ODK Central (issue 14)

    if submissions.is_submissions_export(first[1]):
        reader = submissions.read_submissions
    else:
        reader = _records_from_rows
    yield from reader(path, rows, questionnaire, lang, today or dt.date.today())


def _read_folder(folder: Path, questionnaire: str | None, lang: str) -> Iterator[Record]:
    q = load_questionnaire(questionnaire) if questionnaire else None
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    for file in files:
        try:
            used_q, af = open_answers(file, q)
        except ValidationError as exc:
            errors = tuple(_issue_row(i, lang) for i in exc.issues if i.severity == "error")
            yield Record(str(file), file.stem, None, None, errors)
            continue
        except KiCheckError as exc:
            yield Record(str(file), file.stem, None, None, (("", exc.message(lang)),))
            continue
        yield Record(str(file), file.stem, af, used_q, ())


def _issue_row(issue: Issue, lang: str) -> tuple[str, str]:
    where = issue.location() if issue.line else ""
    field_name = _column_of(issue.path)
    message = issue.message(lang)
    fix = issue.fix(lang)
    text = f"{issue.code} {message}" + (f" {pick(lang, 'Lösung', 'Fix')}: {fix}" if fix else "")
    return (field_name or where, text)


def _column_of(path: tuple[str | int, ...]) -> str:
    """The spreadsheet column a data path belongs to: ``answers.q1`` → ``q1``."""
    if not path:
        return ""
    if path[0] == "answers" and len(path) >= 2:
        return ".".join(str(p) for p in path[1:3] if not isinstance(p, int))
    if path[0] in ("company", "interview") and len(path) >= 2:
        return str(path[1])
    return dotted(path)


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


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, dict[str, str]]]:
    header: list[str] | None = None
    for number, row in enumerate(reader, start=1):
        if row and row[0].startswith("#"):
            continue  # a comment row (the template's guide)
        if header is None:
            header = [h.strip() for h in row]
            continue
        yield number, _row_dict(header, row)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - a dependency
        raise KiCheckError("openpyxl fehlt: pip install openpyxl", "openpyxl missing") from exc
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in row]
            if cells and cells[0].startswith("#"):
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
    out = {}
    for i, name in enumerate(header):
        if name:
            out[name] = row[i].strip() if i < len(row) and row[i] is not None else ""
    return out


def _records_from_rows(
    path: Path,
    rows: Iterator[tuple[int, dict[str, str]]],
    questionnaire: str | None,
    lang: str,
    today: dt.date,
) -> Iterator[Record]:
    default_q = load_questionnaire(questionnaire) if questionnaire else None
    loaded: dict[str, Questionnaire] = {}  # per questionnaire named in the rows
    for number, row in rows:
        source = f"{path.name}:{number}"
        if not any(row.values()):
            yield Record(source, "", None, None, (("", pick(lang, "leere Zeile", "empty row")),))
            continue
        key = row.get("id") or row.get("name") or ""
        ref = (row.get("questionnaire") or "").strip() or "?"
        try:
            q = default_q or loaded.get(ref) or loaded.setdefault(ref, load_questionnaire(ref))
        except KiCheckError as exc:
            yield Record(source, key, None, None, (("questionnaire", exc.message(lang)),))
            continue
        data, errors = row_to_data(row, q, lang)
        if errors:
            yield Record(source, key, None, q, tuple(errors))
            continue
        doc = YamlDoc(source, data)
        af = check_answers(doc, q, today=today)
        bad = [i for i in doc.issues if i.severity == "error"]
        if af is None or bad:
            yield Record(source, key, None, q, tuple(_issue_row(i, lang) for i in bad))
            continue
        yield Record(source, key, af, q, ())


def row_to_data(
    row: dict[str, str], q: Questionnaire, lang: str
) -> tuple[dict, list[tuple[str, str]]]:
    """A spreadsheet row as answer-file data (the checker does the rest), plus cell errors."""
    errors: list[tuple[str, str]] = []
    company: dict[str, Any] = {}
    if row.get("id"):
        company["id"] = row["id"]  # the client number: the archive's company key
    for key in COMPANY_KEYS:
        value = row.get(key, "")
        if value == "":
            continue
        try:
            company[key] = _typed(key, value)
        except InputError as exc:
            errors.append((key, exc.message(lang)))
    interview: dict[str, Any] = {"status": "complete"}
    for key in INTERVIEW_COLUMNS:
        if row.get(key):
            interview[key] = row[key]
    answers: dict[str, Any] = {}
    for question in q.questions:
        if question.type == "matrix":
            cells = {r.id: row.get(f"{question.id}.{r.id}", "") for r in question.rows}
            cells = {k: v for k, v in cells.items() if v}
            if cells:
                answers[question.id] = cells
            continue
        value = row.get(question.id, "")
        if value == "":
            continue
        if question.type == "multiple_choice" and value not in ("dont_know", "not_relevant"):
            answers[question.id] = [v.strip() for v in re.split(r"[;,|]", value) if v.strip()]
        elif question.type in ("scale", "number") and value not in ("dont_know", "not_relevant"):
            try:
                answers[question.id] = parse_number(value)
            except InputError:
                answers[question.id] = value  # the checker names it precisely
        else:
            answers[question.id] = value
    data = {
        "questionnaire": q.ref,
        "company": company,
        "interview": interview,
        "answers": answers,
    }
    if "name" not in company:
        errors.append(("name", pick(lang, "Name des Unternehmens fehlt", "company name missing")))
    return data, errors


def _typed(key: str, value: str) -> Any:
    if key in NUMBER_FIELDS:
        return parse_number(value, integer=key in ("employees", "founded"))
    if key in BOOL_FIELDS:
        v = value.strip().lower()
        if v in TRUE:
            return True
        if v in FALSE:
            return False
        raise InputError(
            f"'{value}' ist kein Ja/Nein-Wert (ja/nein, 1/0).",
            f"'{value}' is not yes/no (ja/nein, 1/0).",
        )
    if key in ("state", "sector"):
        return value.strip().upper()
    return value


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


def score_record(assessment: Assessment, record: Record, lang: str) -> dict[str, Any]:
    """One line of ``scores.csv`` / ``scores.json``; ``funding`` lists the recommended ids."""
    result = assessment.result
    af = record.answers
    assert af is not None
    out: dict[str, Any] = {
        "source": record.source,
        "id": record.key,
        "name": af.company.name,
        "overall": result.overall,
        "stage": result.stage.id if result.stage else None,
        "coverage": round(result.coverage, 4),
        "position": result.baseline.position if result.baseline else None,
    }
    for d in result.dimensions:
        out[f"dim_{d.id}"] = None if d.score is None else round(d.score, 1)
    out["first_action"] = assessment.actions[0].id if assessment.actions else None
    out["funding"] = [v.programme.id for v in assessment.tier("recommended")]
    return out


@dataclass
class Portfolio:
    """Running totals for the portfolio overview: constant memory per company."""

    count: int = 0
    stages: Counter = field(default_factory=Counter)
    positions: Counter = field(default_factory=Counter)
    dim_sum: dict[str, float] = field(default_factory=dict)
    dim_n: dict[str, int] = field(default_factory=dict)
    funding: Counter = field(default_factory=Counter)
    ranking: list[tuple[float, str]] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    keep: int = 500

    def add(self, assessment: Assessment, name: str, q: Questionnaire) -> None:
        """Count one assessed company (its recommended programmes for the funding list)."""
        result = assessment.result
        if not self.labels:
            self.labels = {d.id: dict(d.label) for d in q.dimensions}
            self.labels.update({f"stage:{s.id}": dict(s.label) for s in q.stages})
        self.count += 1
        self.stages[result.stage.id if result.stage else "none"] += 1
        if result.baseline:
            self.positions[result.baseline.position] += 1
        for d in result.dimensions:
            if d.score is not None:
                self.dim_sum[d.id] = self.dim_sum.get(d.id, 0.0) + d.score
                self.dim_n[d.id] = self.dim_n.get(d.id, 0) + 1
        for v in assessment.tier("recommended"):
            self.funding[v.programme.id] += 1
        if result.overall is not None:
            self.ranking.append((result.overall, name))
            if len(self.ranking) > 4 * self.keep:  # keep the best and the weakest only
                self.ranking.sort(reverse=True)
                self.ranking = self.ranking[: self.keep] + self.ranking[-self.keep :]


def csv_columns(q_list: list[Questionnaire]) -> list[str]:
    """Columns of ``scores.csv``: ids, scores, every dimension of the questionnaires seen."""
    dims: list[str] = []
    for q in q_list:
        for d in q.dimensions:
            if f"dim_{d.id}" not in dims:
                dims.append(f"dim_{d.id}")
    return [
        "source",
        "id",
        "name",
        "overall",
        "stage",
        "coverage",
        "position",
        *dims,
        "first_action",
        "funding",
    ]
