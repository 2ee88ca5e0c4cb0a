"""The empty portfolio sheet a consultant fills in: one row per company.

XLSX: the data sheet plus a second sheet "Anleitung" that explains every
column and its allowed values. CSV: the data sheet (semicolon-separated, as
German Excel expects) and a README beside it with the same guide.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ki_check.answers import COMPANY_KEYS
from ki_check.batch import INTERVIEW_COLUMNS
from ki_check.cells import safe_row
from ki_check.fsutil import atomic_write_bytes, atomic_write_text, check_output
from ki_check.i18n import pick, tr
from ki_check.model import Question, Questionnaire
from ki_check.profile import SECTORS, STATES

PROFILE_HELP = {
    "id": (
        "Eigene Kennung des Unternehmens (eindeutig; optional, sonst zählt der Name)",
        "Your id for the company (unique; optional, else the name counts)",
    ),
    "questionnaire": (
        "Fragebogen und Version, schon eingetragen",
        "Questionnaire and version, already filled in",
    ),
    "name": ("Name des Unternehmens (Pflicht)", "Company name (required)"),
    "state": ("Bundesland-Kürzel: " + " ".join(STATES), "German state code: " + " ".join(STATES)),
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
    "startup": ("Start-up: ja/nein", "Start-up: ja/nein"),
    "university_spinoff": ("Ausgründung aus Hochschule: ja/nein", "University spin-off: ja/nein"),
    "advisor": ("Beraterin / Berater (optional)", "Advisor (optional)"),
    "date": (
        "Datum des Gesprächs JJJJ-MM-TT (optional)",
        "Date of the interview YYYY-MM-DD (optional)",
    ),
}


def columns(q: Questionnaire) -> list[tuple[str, str, str]]:
    """``(column, what it is, allowed values)`` for every column of the sheet."""
    out = [
        (c, PROFILE_HELP[c][0], PROFILE_HELP[c][1])
        for c in ("id", "questionnaire", *COMPANY_KEYS, *INTERVIEW_COLUMNS)
    ]
    cols = []
    for name, de, _en in out:
        cols.append((name, de, ""))
    for question in q.questions:
        if question.type == "matrix":
            for row in question.rows:
                cols.append(
                    (
                        f"{question.id}.{row.id}",
                        f"{tr(question.text, 'de')} – {tr(row.label, 'de')}",
                        _allowed(question),
                    )
                )
        else:
            cols.append((question.id, tr(question.text, "de"), _allowed(question)))
    return cols


def _allowed(q: Question) -> str:
    extra = ["dont_know"] + (["not_relevant"] if q.allow_not_relevant else [])
    if q.type in ("single_choice", "yes_no", "matrix"):
        values = [f"{o.id} ({tr(o.label, 'de')})" for o in q.options]
    elif q.type == "multiple_choice":
        values = [f"{o.id} ({tr(o.label, 'de')})" for o in q.options]
        values.insert(0, "mehrere mit Komma trennen:")
    elif q.type == "scale":
        values = [f"{q.min:g} bis {q.max:g}"]
    elif q.type == "number":
        lo = f"{q.min:g}" if q.min is not None else "0"
        hi = f" bis {q.max:g}" if q.max is not None else ""
        values = [f"Zahl ab {lo}{hi}"]
    else:
        values = ["freier Text"]
    return "; ".join(values + extra)


def write_template(
    q: Questionnaire, out: Path, *, force: bool = False, lang: str = "de"
) -> list[Path]:
    """Write the empty sheet (and for CSV its README); returns the files written."""
    check_output(out, force)
    cols = columns(q)
    header = [c[0] for c in cols]
    example = {
        "id": "K-001",
        "questionnaire": q.ref,
        "name": "Muster GmbH",
        "state": "BY",
        "employees": "42",
        "turnover_eur": "1.500.000",
        "founded": "1998",
        "sector": "C",
        "startup": "nein",
        "university_spinoff": "nein",
    }
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        sheet = wb.active
        sheet.title = pick(lang, "Unternehmen", "Companies")
        sheet.append(safe_row(header))
        sheet.append(safe_row(example.get(h, "") for h in header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "C2"
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
        buffer = io.BytesIO()
        wb.save(buffer)
        atomic_write_bytes(out, buffer.getvalue())
        return [out]
    if suffix != ".csv":
        from ki_check.errors import KiCheckError

        raise KiCheckError(
            f"{out}: bitte .xlsx oder .csv angeben.", f"{out}: please give .xlsx or .csv."
        )
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(safe_row(header))
    writer.writerow(safe_row(example.get(h, "") for h in header))
    atomic_write_text(out, "\ufeff" + text.getvalue())  # BOM: Excel opens UTF-8 correctly
    readme = out.with_name(out.stem + ".README.md")
    lines = [
        f"# {out.name}: {tr(q.title, 'de')} ({q.ref})",
        "",
        "Eine Zeile je Unternehmen; Trennzeichen Semikolon; mehrere Antworten in einer Zelle"
        " mit Komma trennen; leere Zellen gelten als nicht beantwortet.",
        "Auswerten mit: ki-check batch " + out.name + " --out ergebnisse",
        "",
        "| Spalte | Bedeutung | Erlaubte Werte |",
        "|---|---|---|",
        *(f"| {c} | {m} | {a} |" for c, m, a in cols),
        "",
        "WZ-2008-Abschnitte: " + ", ".join(f"{k} {tr(v, 'de')}" for k, v in SECTORS.items()),
    ]
    atomic_write_text(readme, "\n".join(lines) + "\n")
    return [out, readme]
