"""``archive export``: upward reporting as CSV, XLSX or JSON Lines.

Every export has two parts: counts of the exported assessments by stage,
sector, size class and Land, and the rows (one per assessment, with its
scores). ``pseudonymise`` leaves out names, company keys and ids, the advisor,
the source file and the exact headcount, replaces the company by a number valid
within this export (``P0001``; the same company keeps its number, so
re-assessments stay linked) and shortens the day to the month. No export
carries free text (answers and notes stay in the archive).

CSV is written as German Excel reads it: ``;`` between cells, a decimal comma,
UTF-8 with a byte-order mark, headers in words (``Unternehmen``, ``Gesamtwert
(0–100)``, a dimension by its name; English with ``--lang en``), coverage in
per cent as in ``scores.csv``; the counts go to a second file ``NAME-zahlen.csv``
(``Merkmal;Wert;Anzahl``). The XLSX has the same headers; JSON Lines keeps the
ids and fractions (it is data for programs).
No text cell starts a formula: one starting with ``= + - @``, a tab or a
carriage return gets a leading ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from ki_check.archive.schema import assessment_scores, assessments, company_links
from ki_check.archive.sql import CHUNK, chunks, plain
from ki_check.archive.store import Archive, guard_call
from ki_check.errors import KiCheckError
from ki_check.i18n import Text, pick, tr
from ki_check.util.cells import safe_cell
from ki_check.util.fsutil import atomic_write_bytes, atomic_write_text, check_output

FORMATS = ("csv", "xlsx", "jsonl")
COUNTED = ("stage", "sector", "size_class", "state")
FULL = (
    "id",
    "company",
    "company_name",
    "state",
    "sector",
    "size_class",
    "employees",
    "questionnaire_id",
    "questionnaire_version",
    "as_of",
    "advisor",
    "status",
    "overall",
    "stage",
    "coverage",
    "ki_check_version",
    "added_at",
    "source",
)
# The header of each column in CSV and XLSX (German, English).
HEADERS = {
    "id": ("Nr.", "No."),
    "company": ("Schlüssel", "Key"),
    "company_name": ("Unternehmen", "Company"),
    "state": ("Bundesland", "State"),
    "sector": ("WZ-Abschnitt", "Sector (WZ)"),
    "size_class": ("Größenklasse", "Size class"),
    "employees": ("Beschäftigte", "Employees"),
    "questionnaire_id": ("Fragebogen", "Questionnaire"),
    "questionnaire_version": ("Version", "Version"),
    "as_of": ("Datum der Erhebung", "Assessment date"),
    "as_of_month": ("Monat der Erhebung", "Assessment month"),  # pseudonymised: no day
    "advisor": ("Berater/in", "Advisor"),
    "status": ("Status", "Status"),
    "overall": ("Gesamtwert (0–100)", "Overall (0–100)"),
    "stage": ("Stufe", "Stage"),
    "coverage": ("Abdeckung %", "Coverage %"),
    "ki_check_version": ("ki-check-Version", "ki-check version"),
    "added_at": ("Abgelegt am (UTC)", "Added at (UTC)"),
    "source": ("Quelle", "Source"),
}
# The counts' features (the first column of NAME-zahlen.csv and the sheet Zahlen).
FEATURES = {
    "assessments": ("Erhebungen", "Assessments"),
    "companies": ("Unternehmen", "Companies"),
    "stage": ("Stufe", "Stage"),
    "sector": ("WZ-Abschnitt", "Sector (WZ)"),
    "size_class": ("Größenklasse", "Size class"),
    "state": ("Bundesland", "State"),
}
PSEUDONYMISED = (
    "company",
    "state",
    "sector",
    "size_class",
    "questionnaire_id",
    "questionnaire_version",
    "as_of_month",
    "status",
    "overall",
    "stage",
    "coverage",
)


@dataclass
class Export:
    """The exported rows, their counts and the files written."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    companies: int = 0
    files: list[Path] = field(default_factory=list)
    dimension_labels: dict[str, Text] = field(default_factory=dict)  # dimension id → name

    def headers(self, lang: str) -> list[str]:
        """The columns as people read them in CSV and XLSX (a dimension by its name)."""
        out = []
        for column in self.columns:
            if column.startswith("dim_"):
                did = column[4:]
                out.append(tr(self.dimension_labels.get(did), lang) or did)
            else:
                out.append(pick(lang, *HEADERS[column]))
        return out

    def sheet_rows(self) -> Iterator[list[object]]:
        """The rows' values in column order, coverage in per cent (as in ``scores.csv``)."""
        for r in self.rows:
            values = [r.get(c) for c in self.columns]
            if "coverage" in self.columns:
                i = self.columns.index("coverage")
                share = values[i]
                if isinstance(share, int | float):
                    values[i] = round(share * 100, 1)
            yield values


def collect(
    archive: Archive, *, since: dt.date | None = None, pseudonymise: bool = False
) -> Export:
    """Rows and counts of every assessment from ``since`` on (all without it)."""
    return guard_call(archive, _collect, since, pseudonymise)


def _collect(archive: Archive, since: dt.date | None, pseudonymise: bool) -> Export:
    result = Export()
    dims: list[str] = []
    with archive.reading() as conn:
        if conn is None:
            result.columns = list(PSEUDONYMISED if pseudonymise else FULL)
            result.counts = {c: {} for c in COUNTED}
            return result
        query = (
            sa.select(
                *(assessments.c[c] for c in FULL if c != "company"),
                sa.func.coalesce(company_links.c.canonical, assessments.c.company_key).label(
                    "company"
                ),
            )
            .outerjoin(company_links, company_links.c.key == assessments.c.company_key)
            .order_by(assessments.c.as_of, assessments.c.id)
        )
        if since is not None:
            query = query.where(assessments.c.as_of >= since)
        raw = [plain(r) for r in conn.execute(query).mappings()]
        for part in chunks(raw, CHUNK):
            by_id = {r["id"]: r for r in part}
            for aid, dim, score in conn.execute(
                sa.select(
                    assessment_scores.c.assessment_id,
                    assessment_scores.c.dimension,
                    assessment_scores.c.score,
                ).where(assessment_scores.c.assessment_id.in_(list(by_id)))
            ):
                by_id[aid][f"dim_{dim}"] = score
                if dim not in dims:
                    dims.append(dim)
        result.dimension_labels = _dimension_labels(conn)
    pseudonyms: dict[str, str] = {}
    for row in raw:
        if pseudonymise:
            company = row["company"]
            pseudonyms.setdefault(company, f"P{len(pseudonyms) + 1:04d}")
            row["company"] = pseudonyms[company]
            row["as_of_month"] = row["as_of"][:7]  # named for what it holds: 2026-10
        keep = PSEUDONYMISED if pseudonymise else FULL
        result.rows.append(
            {**{c: row.get(c) for c in keep}, **{f"dim_{d}": row.get(f"dim_{d}") for d in dims}}
        )
    result.columns = [*(PSEUDONYMISED if pseudonymise else FULL), *(f"dim_{d}" for d in dims)]
    result.counts = {
        c: dict(sorted(Counter(str(r.get(c) or "-") for r in result.rows).items())) for c in COUNTED
    }
    result.companies = len({r["company"] for r in result.rows})
    return result


def _dimension_labels(conn: sa.Connection) -> dict[str, Text]:
    """The name of every dimension, from the newest stored result of each questionnaire."""
    newest = conn.execute(
        sa.select(sa.func.max(assessments.c.id)).group_by(assessments.c.questionnaire_id)
    ).scalars()
    labels: dict[str, Text] = {}
    ids = list(newest)
    for part in chunks(ids, CHUNK):
        for (result,) in conn.execute(
            sa.select(assessments.c.result).where(assessments.c.id.in_(part))
        ):
            for d in (result or {}).get("dimensions", []):
                labels.setdefault(d["id"], d.get("label") or d["id"])
    return labels


def german_number(value: float) -> str:
    """``52.6`` → ``52,6`` (no thousands separator: Excel reads it as a number)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _csv_cell(value: object) -> object:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float):
        return german_number(value)
    if value is None:
        return ""
    return safe_cell(value)


def _csv_text(header: list[str], rows: Iterator[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def counts_header(lang: str) -> list[str]:
    """``Merkmal;Wert;Anzahl`` (``Feature;Value;Count``)."""
    return [
        pick(lang, "Merkmal", "Feature"),
        pick(lang, "Wert", "Value"),
        pick(lang, "Anzahl", "Count"),
    ]


def counts_rows(data: Export, lang: str = "de") -> Iterator[list[object]]:
    """``[feature, value, count]`` rows: the total first, then each counted feature."""
    yield [pick(lang, *FEATURES["assessments"]), "", len(data.rows)]
    yield [pick(lang, *FEATURES["companies"]), "", data.companies]
    for feature, values in data.counts.items():
        for value, n in values.items():
            yield [pick(lang, *FEATURES[feature]), value, n]


def write(
    data: Export,
    fmt: str,
    out: Path | None,
    *,
    force: bool = False,
    stream: IO[str] | None = None,
    lang: str = "de",
) -> list[Path]:
    """Write ``data`` as ``fmt`` to ``out`` (JSON Lines may go to ``stream`` instead);
    CSV and XLSX headers in ``lang``.

    Returns the files written. Raises :class:`~ki_check.errors.KiCheckError` for an
    unknown format or a missing ``--out``, and
    :class:`~ki_check.errors.OutputError` for an existing file without ``force``.
    """
    if fmt not in FORMATS:
        raise KiCheckError.coded(
            "USAGE_005", option="--format", value=fmt, allowed=", ".join(FORMATS)
        )
    if out is None and fmt != "jsonl":
        raise KiCheckError.coded("USAGE_002", example=f"--out erhebungen.{fmt}")
    if fmt == "jsonl":
        lines = [
            json.dumps(
                {
                    "type": "counts",
                    "assessments": len(data.rows),
                    "companies": data.companies,
                    **data.counts,
                },
                ensure_ascii=False,
                allow_nan=False,
            )
        ]
        lines += [
            json.dumps({"type": "assessment", **r}, ensure_ascii=False, allow_nan=False)
            for r in data.rows
        ]
        text = "\n".join(lines) + "\n"
        if out is None:
            assert stream is not None
            stream.write(text)
            return []
        check_output(out, force)
        atomic_write_text(out, text)
        return [out]
    assert out is not None
    if fmt == "csv":
        counts_path = out.with_name(f"{out.stem}-zahlen{out.suffix or '.csv'}")
        check_output(out, force)
        check_output(counts_path, force)
        atomic_write_text(out, _csv_text(data.headers(lang), data.sheet_rows()))
        counts = _csv_text(counts_header(lang), counts_rows(data, lang))
        atomic_write_text(counts_path, counts)
        return [out, counts_path]
    check_output(out, force)
    atomic_write_bytes(out, _xlsx(data, lang))
    return [out]


def _xlsx(data: Export, lang: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    counts = book.create_sheet(pick(lang, "Zahlen", "Counts"))
    counts.append(counts_header(lang))
    for row in counts_rows(data, lang):
        counts.append([safe_cell(v) for v in row])
    sheet = book.create_sheet(pick(lang, "Erhebungen", "Assessments"))
    sheet.append(data.headers(lang))
    for values in data.sheet_rows():
        sheet.append([safe_cell(v) for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
