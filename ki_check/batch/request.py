"""What ``ki-check batch`` was asked to do, and doing it.

:class:`BatchRequest` holds the command's options; :func:`run_request` decides
what they ask for — turn form submissions into answer files
(``--write-answers``), write an empty template (``template``), or score a
portfolio (:func:`ki_check.batch.run.run_batch`), with ``--archive`` filing each
assessment in the archive — and tells a :class:`BatchScreen` what happened as it
happens. The command line supplies the screen (a progress bar, the messages);
the exit code comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ki_check.errors import EXIT_PARTIAL, KiCheckError

if TYPE_CHECKING:
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.batch.summary import BatchSummary, Progress
    from ki_check.interchange.submissions import Converted

CSV_DIALECTS = ("excel-de", "plain")
DEFAULT_TIMEOUT = 120.0  # seconds per report (a full report takes 2–5 s)


def _no_day() -> dt.date | None:
    return None


@dataclass(frozen=True)
class BatchRequest:
    """The options of one ``ki-check batch`` (the names are the command's options)."""

    source: str  # a folder, a .csv or .xlsx file, or "template"
    questionnaire: str | None = None  # only after "template"
    out: Path | None = None
    jobs: int | None = None
    pdf: bool = True
    brand: Path | None = None
    baseline: str | None = None
    use_questionnaire: str | None = None  # --questionnaire: for every row
    write_answers: Path | None = None
    # --as-of, read when a step needs it (a template never reads it); None means today
    as_of: Callable[[], dt.date | None] = _no_day
    timeout: float = DEFAULT_TIMEOUT
    force: bool = False
    archive: bool = False
    db: str | None = None
    csv_dialect: str = "excel-de"
    lang: str = "de"

    @property
    def template(self) -> bool:
        """Whether an empty template is asked for (``ki-check batch template …``)."""
        return self.source == "template"


class BatchScreen(Protocol):
    """What the batch shows while it runs (the command line prints it)."""

    def converted(self, converted: Converted, folder: Path) -> None:
        """Submissions were turned into answer files in ``folder``."""

    def template_written(self, written: list[Path]) -> None:
        """The template's files were written."""

    def scoring(self) -> AbstractContextManager[Progress]:
        """Around the scoring: gives the callback that shows the counts."""
        ...

    def archived(self, writer: ArchiveWriter) -> None:
        """The scored assessments were filed in the archive."""

    def scored(self, summary: BatchSummary) -> None:
        """The portfolio was scored (completely, partly or until interrupted)."""


def run_request(request: BatchRequest, screen: BatchScreen) -> int:
    """Do what ``request`` asks for (see the module docstring); returns the exit code.

    Returns 0 when all went well, 1 when some inputs failed (the rest is done), 130
    when interrupted. Raises :class:`~ki_check.errors.KiCheckError` for a usage error
    (no ``--out``, a questionnaire without ``template`` or none with it, an unknown
    ``--csv-dialect``) and whatever the step raises for unusable input or output.
    """
    if request.write_answers is not None and not request.template:
        code = _convert(request, request.write_answers, screen)
        if request.out is None:
            return code  # only converted
    if request.out is None:
        raise KiCheckError.coded("USAGE_002", example="--out ergebnisse")
    if request.template:
        return _template(request, request.out, screen)
    return _score(request, request.out, screen)


def _convert(request: BatchRequest, folder: Path, screen: BatchScreen) -> int:
    """Every valid record of the input as an answer file in ``folder``; 1 if a row failed."""
    from ki_check.interchange.submissions import write_answer_files

    converted = write_answer_files(
        Path(request.source),
        folder,
        questionnaire=request.use_questionnaire,
        lang=request.lang,
        today=request.as_of(),
        force=request.force,
    )
    screen.converted(converted, folder)
    if converted.stopped is not None:
        raise converted.stopped  # the files named above are complete; the rest was not written
    return EXIT_PARTIAL if converted.errors else 0


def _template(request: BatchRequest, out: Path, screen: BatchScreen) -> int:
    """The empty template of the questionnaire named after ``template``; returns 0."""
    from ki_check.batch.template import write_template
    from ki_check.questionnaire.load import load_questionnaire

    if request.questionnaire is None:
        raise KiCheckError.coded("USAGE_003")
    q = load_questionnaire(request.questionnaire)
    screen.template_written(write_template(q, out, force=request.force, lang=request.lang))
    return 0


def _score(request: BatchRequest, out: Path, screen: BatchScreen) -> int:
    """Score the portfolio into ``out`` (and file it in the archive); the exit code."""
    if request.questionnaire is not None:
        raise KiCheckError.coded("USAGE_004", value=request.questionnaire)
    if request.csv_dialect not in CSV_DIALECTS:
        raise KiCheckError.coded(
            "USAGE_005",
            option="--csv-dialect",
            value=request.csv_dialect,
            allowed=", ".join(CSV_DIALECTS),
        )
    from ki_check.batch.run import run_batch

    writer = _archive_writer(request.db) if request.archive else None
    with screen.scoring() as progress:
        summary = run_batch(
            Path(request.source),
            out,
            questionnaire=request.use_questionnaire,
            jobs=request.jobs,
            pdf=request.pdf,
            lang=request.lang,
            brand=request.brand,
            baseline=request.baseline,
            as_of=request.as_of(),
            force=request.force,
            timeout=request.timeout,
            progress=progress,
            on_scored=writer.add if writer else None,
            csv_dialect=request.csv_dialect,
        )
    if writer is not None:
        writer.close()
        screen.archived(writer)
    screen.scored(summary)
    return summary.exit_code


def _archive_writer(db: str | None) -> ArchiveWriter:
    """The archive of ``db`` opened for the batch, checked before anything is scored."""
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.archive.store import open_archive

    writer = ArchiveWriter(open_archive(db))
    writer.check()
    return writer
