"""Running a batch: score every record, stream the tables, render reports in worker processes.

Workers are spawned (never forked after WeasyPrint was imported), import
WeasyPrint once and keep one font configuration for all their reports. A
report — or the portfolio overview — that takes longer than the time limit is
stopped by ending its worker process (:mod:`ki_check.workers`), which also
interrupts a layout stuck inside WeasyPrint. At most a few tasks per worker
are queued, so memory stays flat however long the portfolio is. Ctrl-C (or
SIGTERM, which the CLI turns into the same) stops cleanly: finished reports
stay, the tables are written for every company scored so far, every output
file goes through a temporary file and a rename, and a second run skips
reports that are newer than their input (unless ``force``). A file that
cannot be written (full disk, read-only folder) ends the batch with a
:class:`~ki_check.errors.WriteError`; a report that cannot be written is an
error row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ki_check.assessment import assess
from ki_check.batch import Portfolio, Record, csv_columns, file_name, read_input, score_record
from ki_check.cells import safe_mapping, safe_row
from ki_check.errors import KiCheckError
from ki_check.fsutil import (
    atomic_write_bytes,
    fsync_folder,
    refuse_writing_into,
    remove_stale_temps,
    write_error,
)
from ki_check.i18n import pick
from ki_check.render.brand import load_brand
from ki_check.workers import Pool, WorkerError

Progress = Callable[[int, int, int], None]  # done, failed, skipped
# called with (assessment, source) for each scored record (batch --archive)
OnScored = Callable[[Any, str], None]
DEFAULT_TIMEOUT = 120.0  # seconds per report (a full report takes 2–5 s)


@dataclass
class BatchSummary:
    """What a batch did."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    reports: int = 0
    interrupted: bool = False
    out_dir: Path = Path(".")
    errors: list[tuple[str, str, str]] = field(default_factory=list)


class _Outputs:
    """scores.csv, scores.json and errors.csv, each written to a temporary file first.

    Every text cell goes through :func:`~ki_check.cells.safe_cell`, so no name
    or message becomes a spreadsheet formula.
    """

    NAMES = ("scores.csv", "scores.json", "errors.csv")

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir
        self.tmp = {name: out_dir / f".{name}.{os.getpid()}-batch.tmp" for name in self.NAMES}
        self.files: dict[str, Any] = {}
        try:
            for name, p in self.tmp.items():
                self.files[name] = p.open("w", encoding="utf-8", newline="")
            self.errors = csv.writer(self.files["errors.csv"])
            self.errors.writerow(["source", "field", "message"])
            self.files["scores.json"].write("[\n")
        except OSError as exc:
            self.discard()
            raise write_error(exc, out_dir / name) from None
        self.scores: csv.DictWriter | None = None
        self.first_json = True

    def score(self, row: dict[str, Any], columns: list[str]) -> None:
        try:
            if self.scores is None:
                self.scores = csv.DictWriter(
                    self.files["scores.csv"], fieldnames=columns, extrasaction="ignore"
                )
                self.scores.writeheader()
            flat = {**row, "funding": " ".join(row["funding"])}
            self.scores.writerow(safe_mapping(flat))
            sep = "" if self.first_json else ",\n"
            self.first_json = False
            self.files["scores.json"].write(
                sep + json.dumps(row, ensure_ascii=False, allow_nan=False)
            )
        except OSError as exc:
            raise write_error(exc, self.dir / "scores.csv") from None

    def error(self, source: str, field_name: str, message: str) -> None:
        try:
            self.errors.writerow(safe_row([source, field_name, message]))
        except OSError as exc:
            raise write_error(exc, self.dir / "errors.csv") from None

    def flush(self) -> None:
        """Put everything written so far on disk (so the tables hold their space first)."""
        current = "scores.csv"
        try:
            for name, fh in self.files.items():
                current = name
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise write_error(exc, self.dir / current) from None

    def close(self) -> None:
        """Finish the three files and rename them into place (all or, on a write error, none)."""
        current = "scores.csv"
        try:
            if self.scores is None:
                csv.writer(self.files["scores.csv"]).writerow(csv_columns([]))
            self.files["scores.json"].write("\n]\n")
            for name, fh in self.files.items():
                current = name
                fh.flush()
                os.fsync(fh.fileno())
                fh.close()
        except OSError as exc:
            self.discard()
            raise write_error(exc, self.dir / current) from None
        for name in self.NAMES:
            os.replace(self.tmp[name], self.dir / name)
        fsync_folder(self.dir)

    def discard(self) -> None:
        """Close and delete the temporary files (after a write error)."""
        for fh in self.files.values():
            with contextlib.suppress(OSError):
                fh.close()
        for p in self.tmp.values():
            with contextlib.suppress(OSError):
                p.unlink()


def run_batch(
    input_path: Path,
    out_dir: Path,
    *,
    questionnaire: str | None = None,
    jobs: int | None = None,
    pdf: bool = True,
    lang: str = "de",
    brand: Path | None = None,
    baseline: str | None = None,
    as_of: dt.date | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    on_scored: OnScored | None = None,
) -> BatchSummary:
    """Score every company of ``input_path`` into ``out_dir`` (see the module docstring).

    ``timeout`` is the limit in seconds for each report and for the portfolio
    overview. Raises :class:`~ki_check.errors.KiCheckError` for unusable input
    or options and :class:`~ki_check.errors.WriteError` when the tables cannot
    be written; a failing row or report is listed in ``errors.csv`` instead.
    """
    day = as_of or dt.date.today()
    if not input_path.exists():
        raise KiCheckError(
            f"Eingabe nicht gefunden: {input_path}", f"Input not found: {input_path}"
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise KiCheckError(
            f"{out_dir} ist eine Datei, kein Ordner.", f"{out_dir} is a file, not a folder."
        )
    if brand is not None:
        load_brand(brand)  # an invalid brand is a usage error, not one per report
    reports_dir = out_dir / "reports"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        refuse_writing_into(out_dir, out_dir / "scores.csv")
        if pdf:
            reports_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise write_error(exc, out_dir) from None
    for folder in (out_dir, reports_dir):
        remove_stale_temps(folder)
    summary = BatchSummary(out_dir=out_dir)
    outputs = _Outputs(out_dir)
    portfolio = Portfolio()
    seen: dict[str, str] = {}
    taken: set[str] = set()
    columns: list[str] | None = None
    jobs = max(1, jobs or os.cpu_count() or 1)
    pool = Pool(jobs, _init_worker, (lang, str(brand) if brand else None), timeout) if pdf else None
    input_mtime = _mtime(input_path)
    brand_mtime = _mtime(brand) if brand else 0.0
    over_time = pick(
        lang, f"Zeitlimit ({timeout:g} s) überschritten", f"time limit ({timeout:g} s) exceeded"
    )

    def report_fail(source: str, field_name: str, message: str) -> None:
        outputs.error(source, field_name, message)
        summary.errors.append((source, field_name, message))

    def collect(block: bool) -> None:
        assert pool is not None
        for outcome in pool.collect(block):
            source, field_name = outcome.key  # type: ignore[misc]
            if outcome.ok:
                if field_name == "report":
                    summary.reports += 1
            else:
                if field_name == "report":
                    summary.failed += 1
                report_fail(source, field_name, over_time if outcome.timed_out else outcome.message)
            _tick(progress, summary)

    try:
        for record in read_input(input_path, questionnaire, lang, day):
            if record.errors or record.answers is None or record.questionnaire is None:
                summary.failed += 1
                for field_name, message in record.errors or (("", "?"),):
                    report_fail(record.source, field_name, message)
                _tick(progress, summary)
                continue
            key = record.key or record.answers.company.name
            if key in seen:
                summary.failed += 1
                report_fail(
                    record.source,
                    "id" if record.key else "name",
                    pick(
                        lang,
                        f"doppelte Firma '{key}' (zuerst in {seen[key]})",
                        f"duplicate company '{key}' (first in {seen[key]})",
                    ),
                )
                _tick(progress, summary)
                continue
            seen[key] = record.source
            assessment = assess(record.questionnaire, record.answers, baseline=baseline, as_of=day)
            if on_scored is not None:
                on_scored(assessment, record.source)
            if columns is None:
                columns = csv_columns([record.questionnaire])
            outputs.score(score_record(assessment, record, lang), columns)
            portfolio.add(assessment, record.answers.company.name or key, record.questionnaire)
            summary.done += 1
            if pool is not None:
                name = record.answers.company.name
                stem = f"{record.key} {name}" if record.key and record.key != name else key
                target = reports_dir / file_name(stem, taken)
                source_mtime = max(
                    _mtime(Path(record.source)) if Path(record.source).exists() else input_mtime,
                    brand_mtime,
                )
                if target.exists() and not force and target.stat().st_mtime >= source_mtime:
                    summary.skipped += 1
                else:
                    task = _task(record, target, baseline, day)
                    pool.submit((record.source, "report"), _render_report, task)
                    while pool.pending >= jobs * 3:
                        collect(block=True)
                collect(block=False)
            _tick(progress, summary)
        while pool is not None and pool.pending:
            collect(block=True)
        if pool is not None and portfolio.count:
            outputs.flush()  # on a nearly full disk the tables matter more than the overview
            task = _portfolio_task(portfolio, out_dir / "portfolio.pdf", lang, day)
            pool.submit((str(input_path), "portfolio.pdf"), _render_portfolio, task)
            while pool.pending:
                collect(block=True)
    except KeyboardInterrupt:
        summary.interrupted = True
    except WorkerError as exc:
        outputs.discard()
        raise KiCheckError(
            f"Die Berichts-Prozesse starten nicht: {exc}", f"The report processes fail: {exc}"
        ) from None
    except BaseException:
        outputs.discard()
        raise
    finally:
        if pool is not None:
            pool.close()
    outputs.close()
    return summary


def _tick(progress: Progress | None, s: BatchSummary) -> None:
    if progress is not None:
        progress(s.done, s.failed, s.skipped)


def _mtime(path: Path | None) -> float:
    try:
        return path.stat().st_mtime if path else 0.0
    except OSError:
        return 0.0


def _task(record: Record, target: Path, baseline: str | None, day: dt.date) -> dict[str, Any]:
    q = record.questionnaire
    assert q is not None
    assert record.answers is not None
    return {
        "source": record.source,
        "questionnaire": str(q.path) if q.path else q.id,
        "data": record.answers.to_data(),
        "target": str(target),
        "baseline": baseline,
        "as_of": day.isoformat(),
    }


# --- workers -----------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(lang: str, brand: str | None) -> None:
    """Once per worker: import WeasyPrint, load the brand, keep one font configuration."""
    from weasyprint.text.fonts import FontConfiguration

    _WORKER.update(lang=lang, brand=load_brand(brand), fonts=FontConfiguration())


def _render_report(task: dict[str, Any]) -> tuple[bool, str]:
    """In a worker: check, assess and render one company's report; ``(ok, message)``."""
    from ki_check.answers import check_answers
    from ki_check.questionnaire import load_questionnaire
    from ki_check.render.pdf import html_to_pdf
    from ki_check.render.report import report_html_for
    from ki_check.yamlsrc import YamlDoc

    try:
        q = load_questionnaire(task["questionnaire"])
        as_of = dt.date.fromisoformat(task["as_of"])
        af = check_answers(YamlDoc(task["source"], task["data"]), q)
        assert af is not None
        assessment = assess(q, af, baseline=task["baseline"], as_of=as_of)
        rendered = report_html_for(assessment, lang=_WORKER["lang"], brand=_WORKER["brand"])
        pdf = html_to_pdf(
            rendered.html,
            base_dir=rendered.base_dir,
            roots=rendered.roots,
            font_config=_WORKER["fonts"],
            as_of=as_of,
        )
        atomic_write_bytes(Path(task["target"]), pdf)
        return True, ""
    except KiCheckError as exc:
        return False, exc.message(_WORKER["lang"])


def _portfolio_task(p: Portfolio, target: Path, lang: str, day: dt.date) -> dict[str, Any]:
    return {
        "count": p.count,
        "stages": dict(p.stages),
        "positions": dict(p.positions),
        "dimensions": {k: p.dim_sum[k] / p.dim_n[k] for k in p.dim_sum},
        "dimension_n": dict(p.dim_n),
        "funding": p.funding.most_common(10),
        "ranking": sorted(p.ranking, reverse=True),
        "labels": p.labels,
        "target": str(target),
        "as_of": day.isoformat(),
    }


def _render_portfolio(task: dict[str, Any]) -> tuple[bool, str]:
    """In a worker: the portfolio overview PDF."""
    from ki_check.render.pdf import html_to_pdf
    from ki_check.render.portfolio import portfolio_html

    try:
        html, base_dir, roots = portfolio_html(task, lang=_WORKER["lang"], brand=_WORKER["brand"])
        pdf = html_to_pdf(
            html,
            base_dir=base_dir,
            roots=roots,
            font_config=_WORKER["fonts"],
            as_of=dt.date.fromisoformat(task["as_of"]),
        )
        atomic_write_bytes(Path(task["target"]), pdf)
        return True, ""
    except KiCheckError as exc:
        return False, exc.message(_WORKER["lang"])
