"""The empty portfolio sheet a consultant fills in: one row per company.

XLSX: the data sheet "Unternehmen" with a drop-down for every choice column
(option labels, Bundesland, WZ section, ja/nein), whole-number and decimal
checks for number columns and an input message with the question text; a
hidden sheet "Listen" holds the lists, a sheet "Anleitung" explains every
column. CSV: the data sheet (semicolon-separated, as German Excel expects) and
a README beside it with the same guide.

Both start with a comment row naming the questionnaire (rows with an empty
``questionnaire`` cell use it), then the header of column ids, a row of
labels, and the example row (id ``BEISPIEL``), which ``batch`` reports and
never scores.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any, Literal

from ki_check.assessment.answers import COMPANY_KEYS
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.batch.row_errors import column_letter
from ki_check.batch.rows import EXAMPLE_ID, INTERVIEW_COLUMNS, SPECIAL_LABELS, TEMPLATE_MARK
from ki_check.diagnostics import Bi
from ki_check.errors import OutputError
from ki_check.i18n import pick, tr
from ki_check.questionnaire.model import Question, Questionnaire
from ki_check.util.cells import safe_cell, safe_row
from ki_check.util.fsutil import atomic_write_bytes, atomic_write_text, check_output

LAST_ROW = 10_000  # validations reach this far down the sheet
PROFILE_HELP = {
    "id": (
        "Eigene Kennung des Unternehmens (eindeutig; optional, sonst zählt der Name)",
        "Your id for the company (unique; optional, else the name counts)",
    ),
    "questionnaire": (
        "Fragebogen und Version (leer: der Fragebogen dieser Vorlage)",
        "Questionnaire and version (empty: this template's questionnaire)",
    ),
    "name": ("Name des Unternehmens (Pflicht)", "Company name (required)"),
    "state": ("Bundesland", "German state"),
    "employees": ("Beschäftigte (ganze Zahl)", "Employees (whole number)"),
    "turnover_eur": (
        "Jahresumsatz in Euro (1500000 oder 1,5 Mio)",
        "Annual turnover in euros (1500000 or 1.5 Mio)",
    ),
    "balance_sheet_eur": (
        "Bilanzsumme in Euro (optional)",
        "Balance sheet total in euros (optional)",
    ),
    "founded": ("Gründungsjahr", "Year founded"),
    "sector": ("WZ-2008-Abschnitt A–U, z. B. C", "WZ 2008 section A–U, e.g. C"),
    "startup": ("Start-up: ja/nein", "Start-up: yes/no"),
    "university_spinoff": ("Ausgründung aus Hochschule: ja/nein", "University spin-off: yes/no"),
    "advisor": ("Beraterin / Berater (optional)", "Advisor (optional)"),
    "date": (
        "Datum des Gesprächs JJJJ-MM-TT (optional)",
        "Date of the interview YYYY-MM-DD (optional)",
    ),
}
PROFILE_COLUMNS = ("id", "questionnaire", *COMPANY_KEYS, *INTERVIEW_COLUMNS)
# The title of a column's input message and check in Excel (at most 32 characters).
PROFILE_TITLES = {
    "id": ("Kennung des Unternehmens", "Company id"),
    "questionnaire": ("Fragebogen", "Questionnaire"),
    "name": ("Name des Unternehmens", "Company name"),
    "state": ("Bundesland", "German state"),
    "employees": ("Beschäftigte", "Employees"),
    "turnover_eur": ("Jahresumsatz in Euro", "Annual turnover in euros"),
    "balance_sheet_eur": ("Bilanzsumme in Euro", "Balance sheet total in euros"),
    "founded": ("Gründungsjahr", "Year founded"),
    "sector": ("Wirtschaftszweig (WZ 2008)", "Sector (WZ 2008)"),
    "startup": ("Start-up", "Start-up"),
    "university_spinoff": ("Ausgründung aus Hochschule", "University spin-off"),
    "advisor": ("Beraterin / Berater", "Advisor"),
    "date": ("Datum des Gesprächs", "Date of the interview"),
}


def columns(q: Questionnaire, lang: str = "de") -> list[tuple[str, str, str]]:
    """``(column, what it is, allowed values)`` for every column of the sheet."""
    cols = [(c, pick(lang, *PROFILE_HELP[c]), _profile_allowed(c, lang)) for c in PROFILE_COLUMNS]
    for question in q.questions:
        if question.type == "matrix":
            for row in question.rows:
                cols.append(
                    (
                        f"{question.id}.{row.id}",
                        f"{tr(question.text, lang)} – {tr(row.label, lang)}",
                        _allowed(question, lang),
                    )
                )
        else:
            cols.append((question.id, tr(question.text, lang), _allowed(question, lang)))
    return cols


def _profile_allowed(column: str, lang: str) -> str:
    if column == "state":
        return " ".join(STATES)
    if column == "sector":
        return ", ".join(f"{k} {tr(v, lang)}" for k, v in SECTORS.items())
    if column in ("startup", "university_spinoff"):
        return pick(lang, "ja; nein", "yes; no")
    return ""


def _allowed(q: Question, lang: str) -> str:
    extra = [_special(s, lang) for s in _specials(q)]
    if q.type in ("single_choice", "yes_no", "matrix"):
        values = [f"{o.id} ({tr(o.label, lang)})" for o in q.options]
    elif q.type == "multiple_choice":
        values = [f"{o.id} ({tr(o.label, lang)})" for o in q.options]
        values.insert(0, pick(lang, "mehrere mit ; oder Komma trennen:", "separate several by ;:"))
    elif q.type == "scale":
        values = [pick(lang, f"{q.min:g} bis {q.max:g}", f"{q.min:g} to {q.max:g}")]
    elif q.type == "number":
        lo = f"{q.min:g}" if q.min is not None else "0"
        hi = pick(lang, f" bis {q.max:g}", f" to {q.max:g}") if q.max is not None else ""
        values = [pick(lang, f"Zahl ab {lo}{hi}", f"number from {lo}{hi}")]
    else:
        values = [pick(lang, "freier Text", "free text")]
    return "; ".join(values + extra)


def _specials(q: Question) -> list[str]:
    return ["dont_know", *(["not_relevant"] if q.allow_not_relevant else [])]


def _special(sid: str, lang: str) -> str:
    return f"{sid} ({SPECIAL_LABELS[sid][lang if lang == 'en' else 'de']})"


def example_row(q: Questionnaire, lang: str = "de") -> dict[str, Any]:
    """The example row: a made-up company with an answer of the right kind in every column."""
    out: dict[str, Any] = {
        "id": EXAMPLE_ID,
        "questionnaire": q.ref,
        "name": "Muster GmbH",
        "state": _state_entry("BY", lang),
        "employees": 42,
        "turnover_eur": 1_500_000,
        "founded": 1998,
        "sector": _sector_entry("C", lang),
        "startup": pick(lang, "nein", "no"),
        "university_spinoff": pick(lang, "nein", "no"),
    }
    for question in q.questions:
        labels = [tr(o.label, lang) for o in question.options]
        if question.type == "matrix":
            for row in question.rows:
                out[f"{question.id}.{row.id}"] = labels[0]
        elif question.type == "multiple_choice":
            out[question.id] = "; ".join(labels[:2])
        elif question.type in ("single_choice", "yes_no"):
            out[question.id] = labels[0]
        elif question.type == "scale":
            out[question.id] = int(question.max or 0)
        elif question.type == "number":
            out[question.id] = int(question.min or 0) + 1
        else:
            out[question.id] = pick(lang, "Text", "Text")
    return out


def _state_entry(code: str, lang: str) -> str:
    return f"{code} – {tr(STATES[code], lang)}"


def _sector_entry(code: str, lang: str) -> str:
    return f"{code} – {tr(SECTORS[code], lang)}"


def write_template(
    q: Questionnaire, out: Path, *, force: bool = False, lang: str = "de"
) -> list[Path]:
    """Write the empty sheet (and for CSV its README); returns the files written.

    Raises :class:`~ki_check.errors.OutputError` for an existing file without
    ``force``, :class:`~ki_check.errors.KiCheckError` for a suffix other than
    ``.xlsx`` or ``.csv``.
    """
    check_output(out, force)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        atomic_write_bytes(out, _xlsx(q, lang))
        return [out]
    if suffix != ".csv":
        raise OutputError.coded(
            "OUT_011", path=out, expected=Bi(".xlsx oder .csv", ".xlsx or .csv")
        )
    cols = columns(q, lang)
    header = [c[0] for c in cols]
    example = example_row(q, lang)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(safe_row([_mark(q, lang)]))
    writer.writerow(safe_row(header))
    writer.writerow(safe_row(example.get(h, "") for h in header))
    atomic_write_text(out, "\ufeff" + text.getvalue())  # BOM: Excel opens UTF-8 correctly
    readme = out.with_name(out.stem + ".README.md")
    lines = [
        f"# {out.name}: {tr(q.title, lang)} ({q.ref})",
        "",
        pick(
            lang,
            "Eine Zeile je Unternehmen; Trennzeichen Semikolon; mehrere Antworten in einer Zelle"
            " mit ; oder Komma trennen; leere Zellen gelten als nicht beantwortet. Antworten als"
            f" Kennung oder Text der Option. Die Zeile {EXAMPLE_ID} ist ein Beispiel: löschen"
            " oder überschreiben.",
            "One row per company; separator semicolon; several answers in one cell separated"
            " by ; or comma; empty cells count as unanswered. Answers as the option's id or"
            f" text. The row {EXAMPLE_ID} is an example: delete or overwrite it.",
        ),
        pick(lang, "Auswerten mit: ", "Score with: ")
        + f"ki-check batch {out.name} --out ergebnisse",
        "",
        pick(lang, "| Spalte | Bedeutung | Erlaubte Werte |", "| Column | Meaning | Allowed |"),
        "|---|---|---|",
        *(f"| {c} | {m} | {a} |" for c, m, a in cols),
    ]
    atomic_write_text(readme, "\n".join(lines) + "\n")
    return [out, readme]


def _mark(q: Questionnaire, lang: str) -> str:
    return f"{TEMPLATE_MARK} {q.ref} · " + pick(
        lang,
        f"Eine Zeile je Unternehmen. Die Zeile {EXAMPLE_ID} ist ein Beispiel (löschen oder"
        " überschreiben). Auswerten: ki-check batch DATEI --out ORDNER",
        f"One row per company. The row {EXAMPLE_ID} is an example (delete or overwrite it)."
        " Score: ki-check batch FILE --out DIR",
    )


# --- the workbook -------------------------------------------------------------------------
def _xlsx(q: Questionnaire, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    cols = columns(q, lang)
    header = [c[0] for c in cols]
    wb = Workbook()
    sheet = wb.worksheets[0]  # the one a new workbook has (wb.active, typed as maybe none)
    sheet.title = pick(lang, "Unternehmen", "Companies")
    sheet.append(safe_row([_mark(q, lang)]))
    sheet.append(safe_row(header))
    sheet.append(safe_row([f"# {cols[0][1]}", *(c[1] for c in cols[1:])]))
    example = example_row(q, lang)
    sheet.append(safe_row(example.get(h) for h in header))
    sheet["A1"].font = Font(italic=True, color="555555")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="F2F2F2")
    for cell in sheet[3]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(italic=True, color="555555")
        cell.fill = grey
    for cell in sheet[4]:
        cell.font = Font(italic=True, color="7F7F7F")
    sheet.row_dimensions[3].height = 60
    sheet.freeze_panes = "C5"
    guide = wb.create_sheet(pick(lang, "Anleitung", "Guide"))
    guide.append(
        [
            pick(lang, "Spalte", "Column"),
            pick(lang, "Bedeutung", "Meaning"),
            pick(lang, "Erlaubte Werte", "Allowed values"),
        ]
    )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for col in cols:
        guide.append(safe_row(col))
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 70
    guide.column_dimensions["C"].width = 90
    lists = wb.create_sheet(pick(lang, "Listen", "Lists"))
    lists.sheet_state = "hidden"
    _validations(q, sheet, lists, header, lang)
    for i, name in enumerate(header):
        sheet.column_dimensions[column_letter(i)].width = 14 if "." in name else 18
        if name in ("turnover_eur", "balance_sheet_eur"):
            for row in range(4, 5):
                sheet.cell(row, i + 1).number_format = "#,##0"
    sheet.column_dimensions["C"].width = 30
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column_title(q: Questionnaire, column: str, lang: str = "de") -> str:
    """The title Excel shows above a column's input message and its check (≤ 32 characters):
    ``Bundesland`` for a profile column, ``Frage 3: ki_stand`` for a question's."""
    if column in PROFILE_TITLES:
        return pick(lang, *PROFILE_TITLES[column])
    qid = column.split(".", 1)[0]
    number = next((n for n, x in enumerate(q.questions, start=1) if x.id == qid), 0)
    return (pick(lang, "Frage", "Question") + f" {number}: {column}")[:32]


def _range(lo: float, hi: float | None, lang: str) -> str:
    """``ab 0`` / ``von 1 bis 5`` (``from 0`` / ``from 1 to 5``); a decimal with a comma in
    German, no thousands separator (a year reads 2026)."""

    def shown(x: float) -> str:
        text = f"{x:g}"
        return text if lang == "en" else text.replace(".", ",")

    low = shown(lo)
    if hi is None:
        return pick(lang, f"ab {low}", f"from {low}")
    high = shown(hi)
    return pick(lang, f"von {low} bis {high}", f"from {low} to {high}")


def _validations(q: Questionnaire, sheet: Any, lists: Any, header: list[str], lang: str) -> None:
    """A data validation for every column that has rules; the lists go to the hidden sheet.

    Titles, input messages and error messages are in ``lang``: German by default.
    """
    v = _Validations(q, sheet, lists, header, lang)
    v.choice(
        "questionnaire",
        [q.ref],
        error=pick(
            lang,
            f"Erlaubt: {q.ref} oder leer (der Fragebogen dieser Vorlage).",
            f"Allowed: {q.ref} or empty (this template's questionnaire).",
        ),
    )
    v.choice("state", [_state_entry(k, lang) for k in STATES])
    v.choice("sector", [_sector_entry(k, lang) for k in SECTORS])
    for flag in ("startup", "university_spinoff"):
        v.choice(flag, [pick(lang, "ja", "yes"), pick(lang, "nein", "no")])
    v.number("employees", True, 0, None)
    v.number("founded", True, 1000, dt.date.today().year)
    v.number("turnover_eur", False, 0, None)
    v.number("balance_sheet_eur", False, 0, None)
    for question in q.questions:
        labels = [tr(o.label, lang) for o in question.options]
        specials = [SPECIAL_LABELS[s][lang if lang == "en" else "de"] for s in _specials(question)]
        if question.type == "matrix":
            for row in question.rows:
                v.choice(f"{question.id}.{row.id}", labels + specials)
        elif question.type in ("single_choice", "yes_no"):
            v.choice(question.id, labels + specials)
        elif question.type == "multiple_choice":
            v.choice(question.id, labels + specials, strict=False)  # several: typed with ;
        elif question.type == "scale":
            v.number(question.id, True, question.min, question.max)
        elif question.type == "number":
            v.number(question.id, question.integer, question.min, question.max)


class _Validations:
    """Adds the drop-down lists and number checks of one template sheet."""

    def __init__(
        self, q: Questionnaire, sheet: Any, lists: Any, header: list[str], lang: str
    ) -> None:
        self.q, self.sheet, self.lists, self.header, self.lang = q, sheet, lists, header, lang
        self.cols = {c[0]: c for c in columns(q, lang)}
        self.list_col = 0

    def add_list(self, values: list[str]) -> str:
        """The values in the next column of the hidden sheet; returns their range."""
        letter = column_letter(self.list_col)
        for row, value in enumerate(values, start=1):
            self.lists.cell(row, self.list_col + 1, safe_cell(value))
        self.list_col += 1
        return f"'{self.lists.title}'!${letter}$1:${letter}${len(values)}"

    def validate(self, name: str, dv: Any, error: str = "") -> None:
        """Give ``dv`` the column's title, input message and error, and add it to the sheet."""
        lang = self.lang
        letter = column_letter(self.header.index(name))
        text = f"{self.cols[name][1]}"
        allowed = self.cols[name][2]
        if allowed:
            text += f" — {allowed}"
        dv.promptTitle, dv.prompt = column_title(self.q, name, lang), text[:250]
        dv.showInputMessage = True
        dv.errorTitle = pick(lang, "Wert prüfen", "Check the value")[:32]
        dv.error = error or pick(
            lang,
            "Dieser Wert passt nicht zur Spalte. Erlaubt: ",
            "This value does not fit the column. Allowed: ",
        ) + (allowed or pick(lang, "siehe Blatt Anleitung", "see the Guide sheet"))
        dv.error = dv.error[:250]
        dv.add(f"{letter}4:{letter}{LAST_ROW}")
        self.sheet.add_data_validation(dv)

    def choice(self, name: str, values: list[str], strict: bool = True, error: str = "") -> None:
        """A drop-down list; ``strict`` refuses other values (a warning: ids typed are fine)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="list", formula1=self.add_list(values), allow_blank=True)
        dv.errorStyle = "warning"  # an option id typed by hand is fine too
        dv.showErrorMessage = strict
        self.validate(name, dv, error)

    def number(self, name: str, whole: bool, lo: float | None, hi: float | None) -> None:
        """A (whole) number from ``lo`` (default 0) to ``hi`` (default none)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        kind: Literal["whole", "decimal"] = "whole" if whole else "decimal"
        low = 0 if lo is None else lo
        dv = DataValidation(type=kind, operator="between", allow_blank=True)
        dv.formula1 = f"{low:g}"
        dv.formula2 = f"{hi:g}" if hi is not None else "1E+15"
        dv.errorStyle = "stop"
        dv.showErrorMessage = True
        span = _range(low, hi, self.lang)
        error = pick(
            self.lang,
            f"Bitte eine {'ganze ' if whole else ''}Zahl {span} eingeben.",
            f"Please enter a {'whole ' if whole else ''}number {span}.",
        )
        self.validate(name, dv, error)
