"""Running a batch: read every record, score it, stream the tables, hand reports to workers.

:func:`run_batch` checks the input and prepares the output folder, reads the
records (:mod:`ki_check.batch.inputs`; without PDFs, a folder is read and
assessed in worker processes, :mod:`ki_check.batch.parallel`), takes each
company in turn (``_Companies``: a failed or repeated one is an error row, every
other goes into the tables, the portfolio and, with PDFs, to
:class:`~ki_check.batch.reports.Reports`), and counts as it goes
(:class:`~ki_check.batch.summary.Tally`, which also reports progress).

A report — or the portfolio overview — that takes longer than the time limit
is stopped by ending its worker process (:mod:`ki_check.batch.workers`), which
also interrupts a layout stuck inside WeasyPrint. Ctrl-C (or SIGTERM, which the
CLI turns into the same) stops cleanly: finished reports stay, the tables are
written for every company scored so far, every output file goes through a
temporary file and a rename, and a second run skips reports made from the same
inputs (:mod:`ki_check.batch.manifest`; unless ``force``). A file that cannot be
written (full disk, read-only folder) ends the batch with a
:class:`~ki_check.errors.WriteError`; a report that cannot be written is an
error row.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ki_check.assessment.assess import assess
from ki_check.batch.inputs import Record, read_input
from ki_check.batch.output import Outputs, ScoreRow, row_json, score_row
from ki_check.batch.portfolio import Portfolio
from ki_check.batch.reports import Reports
from ki_check.batch.request import DEFAULT_TIMEOUT
from ki_check.batch.row_errors import Place, RowError, row_error
from ki_check.batch.summary import BatchSummary, Progress, Tally
from ki_check.batch.workers import WorkerError
from ki_check.errors import KiCheckError
from ki_check.render.brand import load_brand
from ki_check.util.fsutil import (
    refuse_writing_into,
    remove_stale_temps,
    write_error,
)

__all__ = ["DEFAULT_TIMEOUT", "BatchSummary", "OnScored", "Progress", "run_batch"]

# called with (assessment, source) for each scored record (batch --archive)
OnScored = Callable[[Any, str], None]


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
    csv_dialect: str = "excel-de",
) -> BatchSummary:
    """Score every company of ``input_path`` into ``out_dir`` (see the module docstring).

    ``timeout`` is the limit in seconds for each report and for the portfolio
    overview; ``csv_dialect``: ``excel-de`` (``;``, decimal comma, BOM) or
    ``plain``. Raises :class:`~ki_check.errors.KiCheckError` for unusable input
    or options and :class:`~ki_check.errors.WriteError` when the tables cannot
    be written; a failing row or report is listed in ``errors.csv`` instead.
    """
    day = as_of or dt.date.today()
    _prepare(input_path, out_dir, brand, pdf)
    summary = BatchSummary(out_dir=out_dir)
    outputs = Outputs(out_dir, lang, csv_dialect)
    tally = Tally(summary, outputs, progress)
    jobs = max(1, jobs or os.cpu_count() or 1)
    reports = None
    if pdf:
        reports = Reports(
            out_dir,
            tally,
            jobs=jobs,
            timeout=timeout,
            force=force,
            lang=lang,
            brand=brand,
            baseline=baseline,
            day=day,
        )
    companies = _Companies(tally, reports, on_scored, baseline=baseline, day=day, lang=lang)
    try:
        parallel = not pdf and on_scored is None  # the archive needs each assessment here
        records = _records(input_path, questionnaire, lang, day, baseline, jobs, parallel)
        for record, scored in records:
            companies.add(record, scored)
        if reports is not None:
            reports.wait()
            if companies.portfolio.count:
                outputs.flush()  # on a nearly full disk the tables matter more than the overview
                reports.overview(companies.portfolio, input_path)
    except KeyboardInterrupt:
        summary.interrupted = True
    except WorkerError as exc:
        outputs.discard()
        raise KiCheckError.coded("OUT_012", reason=str(exc)) from None
    except BaseException:
        outputs.discard()
        raise
    finally:
        if reports is not None:
            reports.close()
    outputs.close()
    return summary


def _prepare(input_path: Path, out_dir: Path, brand: Path | None, pdf: bool) -> None:
    """Check the input, the output folder and the brand; make the folders, clear old temps.

    Raises :class:`~ki_check.errors.KiCheckError` (missing input, output is a file,
    invalid brand) or :class:`~ki_check.errors.WriteError`.
    """
    if not input_path.exists():
        raise KiCheckError.coded("INPUT_001", path=input_path)
    if out_dir.exists() and not out_dir.is_dir():
        raise KiCheckError.coded("OUT_010", path=out_dir)
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


def _records(
    path: Path,
    questionnaire: str | None,
    lang: str,
    day: dt.date,
    baseline: str | None,
    jobs: int,
    parallel: bool,
) -> Iterator[tuple[Record, ScoreRow | None]]:
    """Records with their rows already scored (a folder, ``parallel``: in workers) or not."""
    if path.is_dir() and parallel:
        from ki_check.batch.parallel import scored_folder

        yield from scored_folder(path, questionnaire, lang, day, baseline, jobs)
        return
    for record in read_input(path, questionnaire, lang, day):
        yield record, None


class _Companies:
    """The companies of one batch, record by record: one that failed to read or whose
    id (or name) came before is an error row; every other is assessed (unless a worker
    did that already), written to the tables and the portfolio, and its report handed on."""

    def __init__(
        self,
        tally: Tally,
        reports: Reports | None,
        on_scored: OnScored | None,
        *,
        baseline: str | None,
        day: dt.date,
        lang: str,
    ) -> None:
        self.tally = tally
        self.reports = reports
        self.on_scored = on_scored
        self.baseline = baseline
        self.day = day
        self.lang = lang
        self.portfolio = Portfolio()
        self.seen: dict[str, str] = {}  # id or name -> the source it came from first

    def add(self, record: Record, scored: ScoreRow | None) -> None:
        """Take one record (``scored``: its row, if a worker assessed it already)."""
        place = record.place or Place(record.source, company_id=record.key)
        if record.errors or record.questionnaire is None or (scored or record.answers) is None:
            self._failed(record.errors)
            return
        name = scored.data["name"] if scored else record.answers.company.name  # type: ignore[union-attr]
        key = record.key or name
        if key in self.seen:
            column = ("id",) if record.key and place.header else ()
            first = self.seen[key]
            self._failed([row_error("BATCH_003", place, self.lang, column, key=key, first=first)])
            return
        self.seen[key] = record.source
        if scored is None:
            scored = self._assess(record)
        self.tally.outputs.score(scored, record.questionnaire)
        self.portfolio.add(scored, record.questionnaire)
        self.tally.summary.done += 1
        if self.reports is not None and record.answers is not None:
            stem = f"{record.key} {name}" if record.key and record.key != name else key
            self.reports.company(record, stem, place)
        self.tally.tick()

    def _assess(self, record: Record) -> ScoreRow:
        """Assess a record here (handing the assessment to ``on_scored``); its table row."""
        answers, q = record.answers, record.questionnaire
        assert answers is not None  # a failed record never gets here
        assert q is not None
        assessment = assess(q, answers, baseline=self.baseline, as_of=self.day)
        if self.on_scored is not None:
            self.on_scored(assessment, record.source)
        row_data = row_json(assessment, self.lang)
        return score_row(row_data, record.source, record.key, answers.company.name)

    def _failed(self, errors: Sequence[RowError]) -> None:
        """Count a company as failed and write its error rows."""
        self.tally.summary.failed += 1
        self.portfolio.failed += 1
        for error in errors:
            self.tally.error(error)
        self.tally.tick()
