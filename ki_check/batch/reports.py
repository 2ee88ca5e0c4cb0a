"""A batch's PDFs, made in worker processes: one report per company, then the portfolio.

:class:`Reports` is the batch's side: it skips a report made from the same
inputs before (:mod:`ki_check.batch.manifest`, unless ``force``), hands the
others to the pool (:mod:`ki_check.batch.workers`) with at most a few tasks per
worker queued, and turns each outcome into a count or an error row — a report
over the time limit, or one that could not be written, is an error row. The
functions below it run in the workers: each imports WeasyPrint once and keeps
one font configuration for all its reports.
"""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ki_check.assessment.assess import assess
from ki_check.batch.inputs import Record, file_name
from ki_check.batch.manifest import Manifest, options_key, questionnaire_digest, report_key
from ki_check.batch.row_errors import Place, from_issue, row_error
from ki_check.batch.workers import Pool
from ki_check.diagnostics import Bi, Issue
from ki_check.errors import KiCheckError, WriteError
from ki_check.i18n import pick
from ki_check.render.brand import load_brand

if TYPE_CHECKING:
    from ki_check.batch.portfolio import Portfolio
    from ki_check.batch.summary import Tally


class Reports:
    """The PDFs of one batch: submitted as companies are scored, counted as they come back."""

    def __init__(
        self,
        out_dir: Path,
        tally: Tally,
        *,
        jobs: int,
        lang: str,
        brand: Path | None,
        baseline: str | None,
        day: dt.date,
        timeout: float,
        force: bool,
    ) -> None:
        self.out_dir = out_dir
        self.dir = out_dir / "reports"
        self.tally = tally
        self.jobs = jobs
        self.lang = lang
        self.baseline = baseline
        self.day = day
        self.force = force
        self.pool = Pool(jobs, init_worker, (lang, str(brand) if brand else None), timeout)
        # (source, "report") or (input, "portfolio.pdf") -> where, the file, its inputs' key
        self.pending: dict[tuple[str, str], tuple[Place, Path | None, str]] = {}
        self.manifest = Manifest(out_dir)
        self.options = options_key(lang=lang, baseline=baseline, as_of=day, brand=brand)
        self.taken: set[str] = set()  # file names given out so far
        self.over_time = pick(
            lang, f"Zeitlimit ({timeout:g} s) überschritten", f"time limit ({timeout:g} s) exceeded"
        )

    def company(self, record: Record, stem: str, place: Place) -> None:
        """Submit one company's report (``reports/<stem>.pdf``), or count it as up to date."""
        assert record.questionnaire is not None
        assert record.answers is not None
        target = self.dir / file_name(stem, self.taken)
        q = record.questionnaire
        made_from = report_key(
            self.options, questionnaire_digest(q.path, q.ref), record.answers.to_data()
        )
        if not self.force and self.manifest.fresh(target, made_from):
            self.tally.summary.skipped += 1
        else:
            task = _task(record, target, self.baseline, self.day)
            self.pending[(record.source, "report")] = (place, target, made_from)
            self.pool.submit((record.source, "report"), render_report, task)
            while self.pool.pending >= self.jobs * 3:
                self.collect(block=True)
        self.collect(block=False)

    def wait(self) -> None:
        """Collect every report still being made."""
        while self.pool.pending:
            self.collect(block=True)

    def overview(self, portfolio: Portfolio, input_path: Path) -> None:
        """Make ``portfolio.pdf`` (it names the tables that list the errors) and wait for it."""
        listed = ["errors.csv", "scores.xlsx"]
        task = portfolio.task(self.out_dir / "portfolio.pdf", self.day, listed, self.baseline)
        key = (str(input_path), "portfolio.pdf")
        self.pending[key] = (Place(str(input_path), company_id="portfolio.pdf"), None, "")
        self.pool.submit(key, render_portfolio, task)
        self.wait()

    def collect(self, block: bool) -> None:
        """Count the finished PDFs (``block``: wait for one); a failed one is an error row."""
        tally, summary = self.tally, self.tally.summary
        for outcome in self.pool.collect(block):
            key = outcome.key
            assert isinstance(key, tuple)  # (source, "report") or (file, "portfolio")
            place, target, made_from = self.pending.pop(key)
            report = key[1] == "report"
            if outcome.ok:
                if report:
                    summary.reports += 1
                if target is not None:
                    self.manifest.made(target, made_from)
            else:
                if report:
                    summary.failed += 1
                if isinstance(outcome.message, Issue):  # a coded failure keeps its code and fix
                    tally.error(from_issue(outcome.message, place, self.lang, ""))
                    tally.tick()
                    continue
                reason = self.over_time if outcome.timed_out else outcome.message
                tally.error(row_error("BATCH_006", place, self.lang, reason=Bi(reason, reason)))
            tally.tick()

    def close(self) -> None:
        """End the workers and save the manifest of what was made."""
        self.pool.close()
        self.manifest.save()


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


# --- in the workers ----------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def init_worker(lang: str, brand: str | None) -> None:
    """Once per worker: import WeasyPrint, load the brand, keep one font configuration."""
    from weasyprint.text.fonts import FontConfiguration

    _WORKER.update(lang=lang, brand=load_brand(brand), fonts=FontConfiguration())


def render_report(task: dict[str, Any]) -> tuple[bool, str | Issue]:
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


def render_portfolio(task: dict[str, Any]) -> tuple[bool, str | Issue]:
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
    issues: list[Issue] = getattr(exc, "issues", None) or []
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
