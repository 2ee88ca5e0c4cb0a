"""Running a batch: score every record, stream the tables, render reports in worker processes.

Workers are spawned (never forked after WeasyPrint was imported), import
WeasyPrint once and keep one font configuration for all their reports. A
report — or the portfolio overview — that takes longer than the time limit is
stopped by ending its worker process (:mod:`ki_check.batch.workers`), which also
interrupts a layout stuck inside WeasyPrint. At most a few tasks per worker
are queued, so memory stays flat however long the portfolio is. Ctrl-C (or
SIGTERM, which the CLI turns into the same) stops cleanly: finished reports
stay, the tables are written for every company scored so far, every output
file goes through a temporary file and a rename, and a second run skips
reports made from the same inputs (:mod:`ki_check.batch.manifest`; unless
``force``). Without PDFs, a folder is read and assessed in worker processes
(:mod:`ki_check.batch.parallel`). A file that
cannot be written (full disk, read-only folder) ends the batch with a
:class:`~ki_check.errors.WriteError`; a report that cannot be written is an
error row.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ki_check.assessment.assess import assess
from ki_check.batch.inputs import Record, file_name, read_input
from ki_check.batch.manifest import Manifest, options_key, questionnaire_digest, report_key
from ki_check.batch.output import Outputs, ScoreRow, row_json, score_row
from ki_check.batch.portfolio import Portfolio
from ki_check.batch.row_errors import Place, RowError, from_issue, row_error
from ki_check.batch.workers import Pool, WorkerError
from ki_check.diagnostics import Bi, Issue
from ki_check.errors import KiCheckError, WriteError
from ki_check.i18n import pick
from ki_check.render.brand import load_brand
from ki_check.util.fsutil import (
    refuse_writing_into,
    remove_stale_temps,
    write_error,
)

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
    errors: list[RowError] = field(default_factory=list)  # the first KEEP_ERRORS
    error_count: int = 0


KEEP_ERRORS = 200


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
    summary = BatchSummary(out_dir=out_dir)
    outputs = Outputs(out_dir, lang, csv_dialect)
    portfolio = Portfolio()
    seen: dict[str, str] = {}
    taken: set[str] = set()
    jobs = max(1, jobs or os.cpu_count() or 1)
    pool = Pool(jobs, _init_worker, (lang, str(brand) if brand else None), timeout) if pdf else None
    pending: dict[tuple[str, str], tuple[Place, Path | None, str]] = {}
    manifest = Manifest(out_dir)
    options = options_key(lang=lang, baseline=baseline, as_of=day, brand=brand) if pdf else ""
    over_time = pick(
        lang, f"Zeitlimit ({timeout:g} s) überschritten", f"time limit ({timeout:g} s) exceeded"
    )

    def report_fail(error: RowError) -> None:
        outputs.error(error)
        summary.error_count += 1
        if len(summary.errors) < KEEP_ERRORS:
            summary.errors.append(error)

    def collect(block: bool) -> None:
        assert pool is not None
        for outcome in pool.collect(block):
            key = outcome.key
            assert isinstance(key, tuple)  # (source, "report") or (file, "portfolio")
            place, target, made_from = pending.pop(key)
            report = key[1] == "report"
            if outcome.ok:
                if report:
                    summary.reports += 1
                if target is not None:
                    manifest.made(target, made_from)
            else:
                if report:
                    summary.failed += 1
                if isinstance(outcome.message, Issue):  # a coded failure keeps its code and fix
                    report_fail(from_issue(outcome.message, place, lang, ""))
                    _tick(progress, summary)
                    continue
                reason = over_time if outcome.timed_out else outcome.message
                report_fail(row_error("BATCH_006", place, lang, reason=Bi(reason, reason)))
            _tick(progress, summary)

    try:
        parallel = not pdf and on_scored is None  # the archive needs each assessment here
        records = _records(input_path, questionnaire, lang, day, baseline, jobs, parallel)
        for record, scored in records:
            place = record.place or Place(record.source, company_id=record.key)
            if record.errors or record.questionnaire is None or (scored or record.answers) is None:
                summary.failed += 1
                portfolio.failed += 1
                for error in record.errors:
                    report_fail(error)
                _tick(progress, summary)
                continue
            name = scored.data["name"] if scored else record.answers.company.name  # type: ignore[union-attr]
            key = record.key or name
            if key in seen:
                summary.failed += 1
                portfolio.failed += 1
                column = ("id",) if record.key and place.header else ()
                report_fail(row_error("BATCH_003", place, lang, column, key=key, first=seen[key]))
                _tick(progress, summary)
                continue
            seen[key] = record.source
            if scored is None:
                answers = record.answers
                assert answers is not None  # skipped above when neither is there
                assessment = assess(record.questionnaire, answers, baseline=baseline, as_of=day)
                if on_scored is not None:
                    on_scored(assessment, record.source)
                name = answers.company.name
                scored = score_row(row_json(assessment, lang), record.source, record.key, name)
            outputs.score(scored, record.questionnaire)
            portfolio.add(scored, record.questionnaire)
            summary.done += 1
            if pool is not None and record.answers is not None:
                stem = f"{record.key} {name}" if record.key and record.key != name else key
                target = reports_dir / file_name(stem, taken)
                q = record.questionnaire
                made_from = report_key(
                    options, questionnaire_digest(q.path, q.ref), record.answers.to_data()
                )
                if not force and manifest.fresh(target, made_from):
                    summary.skipped += 1
                else:
                    task = _task(record, target, baseline, day)
                    pending[(record.source, "report")] = (place, target, made_from)
                    pool.submit((record.source, "report"), _render_report, task)
                    while pool.pending >= jobs * 3:
                        collect(block=True)
                collect(block=False)
            _tick(progress, summary)
        while pool is not None and pool.pending:
            collect(block=True)
        if pool is not None and portfolio.count:
            outputs.flush()  # on a nearly full disk the tables matter more than the overview
            listed = ["errors.csv", "scores.xlsx"]
            task = portfolio.task(out_dir / "portfolio.pdf", day, listed, baseline)
            key = (str(input_path), "portfolio.pdf")
            pending[key] = (Place(str(input_path), company_id="portfolio.pdf"), None, "")
            pool.submit(key, _render_portfolio, task)
            while pool.pending:
                collect(block=True)
    except KeyboardInterrupt:
        summary.interrupted = True
    except WorkerError as exc:
        outputs.discard()
        raise KiCheckError.coded("OUT_012", reason=str(exc)) from None
    except BaseException:
        outputs.discard()
        raise
    finally:
        if pool is not None:
            pool.close()
        manifest.save()
    outputs.close()
    return summary


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


def _tick(progress: Progress | None, s: BatchSummary) -> None:
    if progress is not None:
        progress(s.done, s.failed, s.skipped)


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


def _render_report(task: dict[str, Any]) -> tuple[bool, str | Issue]:
    """In a worker: check, assess and render one company's report; ``(ok, message)``."""
    from ki_check.assessment.answers import check_answers
    from ki_check.questionnaire.load import load_questionnaire
    from ki_check.util.yamlsrc import YamlDoc

    try:
        q = load_questionnaire(task["questionnaire"])
        as_of = dt.date.fromisoformat(task["as_of"])
        af = check_answers(YamlDoc(task["source"], task["data"]), q)
        assert af is not None
        assessment = assess(q, af, baseline=task["baseline"], as_of=as_of)
        _write("report", assessment, task["target"])
        return True, ""
    except KiCheckError as exc:
        return False, _failure(exc)


def _render_portfolio(task: dict[str, Any]) -> tuple[bool, str | Issue]:
    """In a worker: the portfolio overview PDF, with the catalogues it compares and names."""
    from ki_check.assessment.baseline import load_baselines
    from ki_check.funding.catalogue import load_funding

    try:
        catalogues = {"baselines": load_baselines(), "programmes": load_funding()}
        _write("portfolio", task, task["target"], **catalogues)
        return True, ""
    except KiCheckError as exc:
        return False, _failure(exc)


def _failure(exc: KiCheckError) -> str | Issue:
    """What a worker reports for a PDF it could not make: a full disk as ``BATCH_009``, any
    other coded error as its finding (code, message and fix survive the trip), else the text."""
    if isinstance(exc, WriteError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", 0)):
        return Issue("BATCH_009", "", params={"path": str(exc.path)})
    issues = getattr(exc, "issues", None) or []
    if exc.code and len(issues) == 1:
        return issues[0]
    return exc.message(_WORKER["lang"])


def _write(kind: str, view: Any, target: str, **options: Any) -> None:
    """One PDF of the batch, with the worker's language, brand and fonts (the batch decided
    beforehand which files to write, so an existing one is replaced); ``options`` go to
    the kind's view (:func:`ki_check.render.pdf.document_html`)."""
    from ki_check.render.pdf import write_pdf

    w = _WORKER
    write_pdf(
        kind,
        view,
        target,
        lang=w["lang"],
        brand=w["brand"],
        force=True,
        font_config=w["fonts"],
        **options,
    )
