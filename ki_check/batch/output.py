"""The tables of a batch: scores.json, scores.csv, scores.xlsx and errors.csv.

Every scored company goes through :func:`score_row`, which reads the same
JSON object that ``ki-check score --json`` prints (same function, same
half-up rounding), so a company never shows 6.2 in one place and 6.3 in the
other. From that row:

- ``scores.json`` keeps ids and plain numbers (for tools);
- ``scores.csv`` is written for German Excel by default (``;``, decimal comma,
  UTF-8 with BOM; ``plain``: ``,`` and decimal points) with labels instead of
  ids. It is one file with a questionnaire column and a column per dimension
  and label, the rows grouped by questionnaire: a consultant opens one file,
  filters the questionnaire column, and scripts keep one path; a dimension of
  ``scores.json`` is never dropped;
- ``scores.xlsx`` has one sheet per questionnaire (never ranked together),
  numbers as numbers with display formats, a heat map over the dimensions,
  and a sheet with the failed rows.

Rows are streamed to per-questionnaire part files (the sheet rows as XML,
:mod:`ki_check.batch.xlsx_rows`, spliced into the workbook openpyxl lays out), so
memory stays flat for any number of companies. No cell starts a formula
(:func:`ki_check.util.cells.safe_cell`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ki_check import fmt
from ki_check.batch.row_errors import RowError, column_letter
from ki_check.batch.row_errors import columns as error_columns
from ki_check.batch.xlsx_rows import RowWriter, header_row, splice
from ki_check.i18n import pick, tr
from ki_check.questionnaire.model import Questionnaire
from ki_check.util.cells import safe_cell
from ki_check.util.fsutil import fsync_folder, write_error

if TYPE_CHECKING:
    from ki_check.assessment.assess import Assessment


class Dialect(NamedTuple):
    """How a CSV is written: separator, decimal mark (by language), byte-order mark."""

    delimiter: str
    decimals: str  # "de": 53,4 · "en": 53.4
    bom: bool


DIALECTS = {"excel-de": Dialect(";", "de", True), "plain": Dialect(",", "en", False)}


class ScoreRow(NamedTuple):
    """One company's line: ``data`` goes to scores.json as it is, ``labels`` name its ids."""

    data: dict[str, Any]
    labels: dict[str, Any]


def score_row(score_json: dict[str, Any], source: str, key: str, name: str) -> ScoreRow:
    """A company's row from the object ``ki-check score --json`` prints for it.

    ``data``: source, id, name, questionnaire, overall, stage, coverage,
    provisional (too few answers for the stage to stand, ``docs/advice.md``),
    position, ``dim_<id>`` per dimension, the first action's id and the ids of
    the recommended programmes; ``labels``: the stage, position, first action
    and programme names.
    """
    j = score_json
    stage = j.get("stage") or {}
    base = j.get("baseline") or {}
    programmes = _recommended(j)
    data: dict[str, Any] = {
        "source": source,
        "id": key,
        "name": name,
        "questionnaire": f"{j['questionnaire']['id']}@{j['questionnaire']['version']}",
        "overall": j["overall"],
        "stage": stage.get("id"),
        "coverage": j["coverage"],
        "provisional": bool(j.get("provisional")),
        "position": base.get("position"),
    }
    for d in j["dimensions"]:
        data[f"dim_{d['id']}"] = d["score"]
    actions = j.get("actions") or []
    data["first_action"] = actions[0]["id"] if actions else None
    data["funding"] = [p["id"] for p in programmes]
    labels = {
        "stage": stage.get("label", ""),
        "position": base.get("position_label", ""),
        "first_action": actions[0]["text"] if actions else "",
        "funding": [p["name"] for p in programmes],
    }
    return ScoreRow(data, labels)


def row_json(assessment: Assessment, lang: str) -> dict[str, Any]:
    """The assessment's ``score --json`` object as far as a row reads it.

    The same function and rounding as ``ki-check score --json``; only what a
    row never names is not worded: the reasons of programmes outside the
    recommended tier (wording every programme's reasons for every company costs
    about a fifth of a batch) and the actions after the first.
    """
    recommended = assessment.tier("recommended")
    lean = assessment._replace(funding=recommended, shortlist=(), actions=assessment.actions[:1])
    return lean.to_json(lang)


def _recommended(j: dict[str, Any]) -> list[dict[str, Any]]:
    """The programmes a row names: the ``recommended`` tier of the assessment."""
    return [p for p in j.get("funding") or [] if p.get("tier", "recommended") == "recommended"]


# --- the columns people see ---------------------------------------------------------------
def head_columns(lang: str) -> list[str]:
    """The labelled columns before the dimensions (CSV; the sheets leave out the questionnaire)."""
    return [
        pick(lang, "Kennung", "Id"),
        pick(lang, "Unternehmen", "Company"),
        pick(lang, "Fragebogen", "Questionnaire"),
        pick(lang, "Gesamtwert (0–100)", "Overall (0–100)"),
        pick(lang, "Stufe", "Stage"),
        pick(lang, "Position zur Vergleichszahl", "Position against the baseline"),
        pick(lang, "Abdeckung %", "Coverage %"),
    ]


def tail_columns(lang: str) -> list[str]:
    """The labelled columns after the dimensions."""
    return [
        pick(lang, "Erster Schritt", "First step"),
        pick(lang, "Empfohlene Förderprogramme", "Recommended funding programmes"),
        pick(lang, "Quelle", "Source"),
    ]


def _dims(q: Questionnaire, lang: str) -> list[tuple[str, str]]:
    return [(d.id, tr(d.label, lang)) for d in q.dimensions]


@dataclass
class _Group:
    """The companies of one questionnaire: their CSV part file and their sheet."""

    ref: str
    dims: list[tuple[str, str]]
    part: Path
    fh: TextIO
    writer: Any
    sheet: Any = None
    rows: int = 0
    columns: int = 0
    sheet_rows: RowWriter | None = None


@dataclass
class Outputs:
    """scores.json, scores.csv, scores.xlsx and errors.csv of one batch, written atomically.

    Each file is written to a hidden temporary file and renamed into place by
    :meth:`close`, so an interrupted batch leaves complete files only.
    """

    dir: Path
    lang: str = "de"
    dialect: str = "excel-de"
    xlsx: bool = True
    groups: dict[str, _Group] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.d = DIALECTS[self.dialect]
        self.temps: list[Path] = []
        self.handles: list[TextIO] = []
        self.error_count = 0
        self.first_json = True
        self.wb: Any = None
        self.json_tmp = self._tmp("scores.json", "batch")
        self.errors_tmp = self._tmp("errors.csv", "batch")
        try:
            self.json = self._open(self.json_tmp, "utf-8")
            self.json.write("[\n")
            self.errors_fh = self._open(self.errors_tmp, "utf-8-sig" if self.d.bom else "utf-8")
            self.errors = csv.writer(self.errors_fh, delimiter=self.d.delimiter)
            self.errors.writerow(error_columns(self.lang))
        except OSError as exc:
            self.discard()
            raise write_error(exc, self.dir / "scores.json") from None
        if self.xlsx:
            from openpyxl import Workbook

            self.wb = Workbook()
            scratch = self.wb.active  # registers the two number styles the rows refer to
            number, percent = scratch.cell(1, 1), scratch.cell(1, 2)
            number.number_format = "0.0"
            percent.number_format = "0.0%"
            self.s_number, self.s_percent = number.style_id, percent.style_id
            self.wb.remove(scratch)

    def _tmp(self, target: str, tag: str) -> Path:
        """A temporary file for ``target`` that a later run can tell is ours and stale."""
        path = self.dir / f".{target}.{os.getpid()}-{tag}.tmp"
        self.temps.append(path)
        return path

    def _open(self, path: Path, encoding: str) -> TextIO:
        fh = path.open("w", encoding=encoding, newline="")
        self.handles.append(fh)
        return fh

    # -- rows -------------------------------------------------------------------------
    def score(self, row: ScoreRow, q: Questionnaire) -> None:
        """Add one scored company to every table (raises ``WriteError`` on a full disk)."""
        try:
            self._score(row, q)
        except OSError as exc:
            raise write_error(exc, self.dir / "scores.csv") from None

    def _score(self, row: ScoreRow, q: Questionnaire) -> None:
        sep = "" if self.first_json else ",\n"
        self.first_json = False
        self.json.write(sep + json.dumps(row.data, ensure_ascii=False, allow_nan=False))
        group = self.groups.get(row.data["questionnaire"]) or self._group(row.data, q)
        group.rows += 1
        data, labels = row.data, row.labels
        dims = [data.get(f"dim_{i}") for i, _ in group.dims]
        funding = "; ".join(labels["funding"])
        if data["provisional"] and labels["stage"]:  # never read as a final stage
            labels = {
                **labels,
                "stage": f"{labels['stage']} ({pick(self.lang, 'vorläufig', 'provisional')})",
            }
        num = self._number
        group.writer.writerow(
            [
                safe_cell(data["id"]),
                safe_cell(data["name"]),
                safe_cell(data["questionnaire"]),
                num(data["overall"]),
                safe_cell(labels["stage"]),
                safe_cell(labels["position"]),
                num(None if data["coverage"] is None else data["coverage"] * 100),
                *(num(v) for v in dims),
                safe_cell(labels["first_action"]),
                safe_cell(funding),
                safe_cell(data["source"]),
            ]
        )
        if group.sheet is not None:
            self._sheet_row(group, data, labels, dims, funding)

    def error(self, e: RowError) -> None:
        """Add one failed row (a company may have several)."""
        self.error_count += 1
        try:
            self.errors.writerow([safe_cell(v) for v in _error_cells(e)])
        except OSError as exc:
            raise write_error(exc, self.dir / "errors.csv") from None

    def _number(self, x: float | None) -> str:
        """A score as the dialect writes it; scores are already rounded half-up to 0.1."""
        if x is None:
            return ""
        text = f"{x:.1f}" if round(x, 1) == x else fmt.number(x, "en", 1)
        return text.replace(".", ",") if self.d.decimals == "de" else text

    def _group(self, data: dict[str, Any], q: Questionnaire) -> _Group:
        ref = data["questionnaire"]
        n = len(self.groups)
        part = self._tmp("scores.csv", f"part{n}")
        fh = self._open(part, "utf-8")
        group = _Group(ref, _dims(q, self.lang), part, fh, csv.writer(fh))
        if self.wb is not None:
            group.sheet, group.columns = self._sheet(q, ref, group.dims)
            group.sheet_rows = RowWriter(self._tmp("scores.xlsx", f"rows{n}"))
            self.handles.append(group.sheet_rows.fh)
        self.groups[ref] = group
        return group

    # -- the workbook -----------------------------------------------------------------
    def _sheet(self, q: Questionnaire, ref: str, dims: list[tuple[str, str]]) -> tuple[Any, int]:
        taken = {s.title for s in self.wb.worksheets}
        title = q.id[:31] if q.id[:31] not in taken else ref.replace("@", " ")[:31]
        sheet = self.wb.create_sheet(title)
        head = [c for i, c in enumerate(head_columns(self.lang)) if i != 2]
        header = [*head, *(label for _, label in dims), *tail_columns(self.lang)]
        header_row(sheet, header, [12, 34, 12, 16, 22, 12, *([14] * len(dims)), 40, 60, 18])
        sheet.freeze_panes = "C2"
        return sheet, len(header)

    def _sheet_row(
        self,
        group: _Group,
        data: dict[str, Any],
        labels: dict[str, Any],
        dims: list[float | None],
        funding: str,
    ) -> None:
        assert group.sheet_rows is not None
        num, pct = self.s_number, self.s_percent
        group.sheet_rows.append(
            [
                (safe_cell(data["id"]), 0),
                (safe_cell(data["name"]), 0),
                (data["overall"], num),
                (safe_cell(labels["stage"]), 0),
                (safe_cell(labels["position"]), 0),
                (data["coverage"], pct),
                *((v, num) for v in dims),
                (safe_cell(labels["first_action"]), 0),
                (safe_cell(funding), 0),
                (safe_cell(data["source"]), 0),
            ]
        )

    def _finish_workbook(self, target: Path) -> None:
        from openpyxl.formatting.rule import ColorScaleRule

        wb = self.wb
        rows: dict[int, RowWriter] = {}
        for group in self.groups.values():
            sheet = group.sheet
            last = group.rows + 1
            sheet.auto_filter.ref = f"A1:{column_letter(group.columns - 1)}{last}"
            if group.rows and group.dims:
                first_dim, last_dim = column_letter(6), column_letter(5 + len(group.dims))
                sheet.conditional_formatting.add(
                    f"{first_dim}2:{last_dim}{last}",
                    ColorScaleRule(
                        start_type="num",
                        start_value=0,
                        start_color="F8696B",
                        mid_type="num",
                        mid_value=50,
                        mid_color="FFEB84",
                        end_type="num",
                        end_value=100,
                        end_color="63BE7B",
                    ),
                )
            assert group.sheet_rows is not None
            rows[wb.worksheets.index(sheet)] = group.sheet_rows
        if not self.groups:
            sheet = wb.create_sheet(pick(self.lang, "Ergebnisse", "Results"))
            head = [c for i, c in enumerate(head_columns(self.lang)) if i != 2]
            header_row(sheet, head + tail_columns(self.lang), [12, 34, 12, 16, 22, 12, 40, 60, 18])
        sheet, errors = self._error_sheet()
        rows[wb.worksheets.index(sheet)] = errors
        buffer = io.BytesIO()
        wb.save(buffer)
        try:
            splice(buffer.getvalue(), rows, target)
        finally:
            for writer in rows.values():
                writer.close()
                writer.path.unlink(missing_ok=True)

    def _error_sheet(self) -> tuple[Any, RowWriter]:
        sheet = self.wb.create_sheet(pick(self.lang, "Fehler", "Errors"))
        header_row(sheet, error_columns(self.lang), [18, 8, 22, 8, 12, 30, 12, 70, 70])
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:I{self.error_count + 1}"
        writer = RowWriter(self._tmp("scores.xlsx", "errors"))
        self.handles.append(writer.fh)
        with self.errors_tmp.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=self.d.delimiter)
            next(reader, None)
            for cells in reader:
                row: list[Any] = list(cells)
                row[1] = int(row[1]) if row[1].isdigit() else row[1]
                writer.append([(v, 0) for v in row])
        return sheet, writer

    # -- closing ----------------------------------------------------------------------
    def flush(self) -> None:
        """Put everything written so far on disk (so the tables hold their space first)."""
        try:
            for fh in self.handles:
                if not fh.closed:
                    fh.flush()
                    os.fsync(fh.fileno())
        except OSError as exc:
            raise write_error(exc, self.dir / "scores.csv") from None

    def close(self) -> None:
        """Finish every file and move them into place: all, or on a write error none."""
        finished: dict[str, Path] = {}
        current = "scores.json"
        try:
            self.json.write("\n]\n")
            _sync(self.json)
            finished["scores.json"] = self.json_tmp
            for group in self.groups.values():
                group.fh.close()
            current = "scores.csv"
            scores_tmp = self._tmp("scores.csv", "batch")
            with self._open(scores_tmp, "utf-8-sig" if self.d.bom else "utf-8") as fh:
                self._write_csv(fh)
                fh.flush()
                os.fsync(fh.fileno())
            finished["scores.csv"] = scores_tmp
            if self.wb is not None:
                current = "scores.xlsx"
                self.errors_fh.flush()  # the errors sheet reads errors.csv so far
                xlsx_tmp = self._tmp("scores.xlsx", "batch")
                self._finish_workbook(xlsx_tmp)
                finished["scores.xlsx"] = xlsx_tmp
            current = "errors.csv"
            _sync(self.errors_fh)
            finished["errors.csv"] = self.errors_tmp
        except OSError as exc:
            self.discard()
            raise write_error(exc, self.dir / current) from None
        for name, tmp in finished.items():
            os.replace(tmp, self.dir / name)
        fsync_folder(self.dir)
        self.discard()  # what is left: the part files

    def discard(self) -> None:
        """Close and delete the temporary files (after a write error, or when done)."""
        for fh in self.handles:
            with contextlib.suppress(OSError):
                fh.close()
        for path in self.temps:
            with contextlib.suppress(OSError):
                path.unlink()

    def _write_csv(self, fh: TextIO) -> None:
        """The header with every dimension seen, then each questionnaire's rows in turn.

        A column is one dimension id under one label: questionnaires that share a
        dimension word for word share its column; where they name it differently
        ("IT und IT-Sicherheit", "Digitale Basis und IT-Sicherheit") each keeps its own.
        """
        columns: list[tuple[str, str]] = []  # (dimension id, label), in order of first use
        for group in self.groups.values():
            for dim in group.dims:
                if dim not in columns:
                    columns.append(dim)
        labels = [label for _, label in columns]
        heads = [
            label if labels.count(label) == 1 else f"{label} ({did})" for did, label in columns
        ]
        out = csv.writer(fh, delimiter=self.d.delimiter)
        out.writerow(
            [
                *head_columns(self.lang),
                *(safe_cell(h) for h in heads),
                *tail_columns(self.lang),
            ]
        )
        n_head = len(head_columns(self.lang))
        for group in self.groups.values():
            at = {d: i for i, d in enumerate(group.dims)}
            with group.part.open(encoding="utf-8", newline="") as part:
                for cells in csv.reader(part):
                    dims = cells[n_head : n_head + len(group.dims)]
                    spread = [dims[at[c]] if c in at else "" for c in columns]
                    out.writerow([*cells[:n_head], *spread, *cells[n_head + len(group.dims) :]])
            group.part.unlink()


def _error_cells(e: RowError) -> list[Any]:
    return [
        e.source,
        "" if e.row is None else e.row,
        e.column,
        e.cell,
        e.company_id,
        e.company,
        e.code,
        e.message,
        e.fix,
    ]


def _sync(fh: TextIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()
