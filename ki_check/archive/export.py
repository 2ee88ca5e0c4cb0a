"""``archive export``: upward reporting as CSV, XLSX or JSON Lines.

Every export has two parts: counts of the exported assessments by stage,
sector, size class and Land, and the rows (one per assessment, with its
scores). ``pseudonymise`` leaves out names, company keys and ids, the advisor,
the source file and the exact headcount, replaces the company by a number valid
within this export (``P0001``; the same company keeps its number, so
re-assessments stay linked) and shortens the day to the month. No export
carries free text (answers and notes stay in the archive).

CSV is written as German Excel reads it: ``;`` between cells, a decimal comma,
UTF-8 with a byte-order mark; the counts go to a second file ``NAME-zahlen.csv``.
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
PSEUDONYMISED = (
    "company",
    "state",
    "sector",
    "size_class",
    "questionnaire_id",
    "questionnaire_version",
    "as_of",
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
    pseudonyms: dict[str, str] = {}
    for row in raw:
        if pseudonymise:
            company = row["company"]
            pseudonyms.setdefault(company, f"P{len(pseudonyms) + 1:04d}")
            row["company"] = pseudonyms[company]
            row["as_of"] = row["as_of"][:7]
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


def counts_rows(data: Export) -> Iterator[list[object]]:
    """``[feature, value, count]`` rows: the total first, then each counted feature."""
    yield ["assessments", "", len(data.rows)]
    yield ["companies", "", data.companies]
    for feature, values in data.counts.items():
        for value, n in values.items():
            yield [feature, value, n]


def write(
    data: Export, fmt: str, out: Path | None, *, force: bool = False, stream: IO[str] | None = None
) -> list[Path]:
    """Write ``data`` as ``fmt`` to ``out`` (JSON Lines may go to ``stream`` instead).

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
        rows = ([r.get(c) for c in data.columns] for r in data.rows)
        atomic_write_text(out, _csv_text(data.columns, rows))
        atomic_write_text(counts_path, _csv_text(["feature", "value", "count"], counts_rows(data)))
        return [out, counts_path]
    check_output(out, force)
    atomic_write_bytes(out, _xlsx(data))
    return [out]


def _xlsx(data: Export) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    counts = book.create_sheet("Zahlen")
    counts.append(["feature", "value", "count"])
    for row in counts_rows(data):
        counts.append([safe_cell(v) for v in row])
    sheet = book.create_sheet("Erhebungen")
    sheet.append(data.columns)
    for r in data.rows:
        sheet.append([safe_cell(r.get(c)) for c in data.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
