"""``archive add``: answer files and submission exports in, records stored; bad ones
reported one by one.

Each answer file is read, checked and scored as of its interview day (so the same
file gives the same record whenever it is added), then stored in chunks. A file
with errors is reported with its findings; the others are stored anyway.

A table (``.csv``, ``.xlsx``) is read by the batch reader
(:func:`ki_check.batch.inputs.read_input`): a KoboToolbox or ODK Central submissions
export goes through :func:`ki_check.interchange.submissions.read_submissions`, exactly as in
``batch``. Each good row becomes a record whose source names the table, the row
and the submission's id (``export.csv:7 submission:34da6a25-…``); a bad row is
reported with its row and column, and the good rows are stored anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from ki_check.archive.records import NewRecord, assessment_day, build_record
from ki_check.archive.store import CHUNK, Archive
from ki_check.diagnostics import Issue
from ki_check.errors import KiCheckError, ValidationError
from ki_check.questionnaire.model import Questionnaire

if TYPE_CHECKING:
    from ki_check.assessment.assess import Assessment
    from ki_check.batch.inputs import Record
    from ki_check.batch.row_errors import RowError

Status = Literal["stored", "duplicate", "forgotten", "invalid"]
# tables are read like a batch input: submissions exports of KoboToolbox / ODK Central
TABLES = (".csv", ".xlsx", ".xlsm")


class Outcome(NamedTuple):
    """What happened to one input file."""

    path: str
    status: Status
    id: int | None = None
    company: str | None = None
    issues: tuple[Issue, ...] = ()  # errors for ``invalid``; warnings otherwise
    error: KiCheckError | None = None  # an error without coded findings
    in_progress: bool = False
    row_errors: tuple[RowError, ...] = ()  # a bad row of a table: row, column, code


@dataclass
class AddSummary:
    """Outcomes in input order, and counts."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many files ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)


def answer_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named (answer files or tables), and the ``*.yaml``/``*.yml`` files below
    each folder (sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
            )
        else:
            yield path


def record_for(
    path: Path, questionnaire: Questionnaire | None = None
) -> tuple[NewRecord | None, Outcome | None]:
    """Read, check and score one answer file: ``(record, None)`` or ``(None, invalid outcome)``."""
    from ki_check.assessment.answers import open_answers
    from ki_check.assessment.assess import assess

    try:
        q, af = open_answers(path, questionnaire)
        return build_record(assess(q, af, as_of=assessment_day(af)), source=str(path)), None
    except ValidationError as exc:
        errors = tuple(i for i in exc.issues if i.severity == "error")
        return None, Outcome(str(path), "invalid", issues=errors)
    except KiCheckError as exc:
        return None, Outcome(str(path), "invalid", error=exc)


def submission_source(path: Path, record: Record) -> str:
    """Where a table row came from: ``export.csv:7 submission:34da6a25-…`` (the
    submission's id where the export has one, else the row alone)."""
    row = record.place.row if record.place is not None else None
    where = f"{path}:{row}" if row is not None else str(path)
    name = record.answers.company.name if record.answers is not None else None
    if record.key and record.key != name:
        return f"{where} submission:{record.key}"
    return where


def table_records(
    path: Path, questionnaire: str | None, lang: str
) -> Iterator[tuple[NewRecord | None, Outcome | None]]:
    """Each row of a table as ``(record, None)`` or ``(None, invalid outcome)``.

    Read by :func:`ki_check.batch.inputs.read_input` (submissions exports through
    :func:`ki_check.interchange.submissions.read_submissions`); a file that cannot be read at all
    gives one invalid outcome.
    """
    import datetime as dt

    from ki_check.assessment.assess import assess
    from ki_check.batch.inputs import read_input

    try:
        for record in read_input(path, questionnaire, lang, dt.date.today()):
            af, q = record.answers, record.questionnaire
            source = submission_source(path, record)
            if record.errors or af is None or q is None:
                yield None, Outcome(source, "invalid", row_errors=tuple(record.errors))
                continue
            try:
                assessment = assess(q, af, as_of=assessment_day(af))
                yield build_record(assessment, source=source), None
            except ValidationError as exc:
                errors = tuple(i for i in exc.issues if i.severity == "error")
                yield None, Outcome(source, "invalid", issues=errors)
    except KiCheckError as exc:
        yield None, Outcome(str(path), "invalid", error=exc)


def add_files(
    archive: Archive,
    paths: Iterable[Path],
    *,
    questionnaire: Questionnaire | None = None,
    questionnaire_ref: str | None = None,
    lang: str = "de",
    progress: Callable[[int], None] | None = None,
) -> AddSummary:
    """Store every good answer file and table row of ``paths`` in ``archive``; see
    :class:`AddSummary`.

    ``questionnaire`` is used for every answer file, ``questionnaire_ref`` (its id
    or path) for every table; ``lang`` is the language of the row errors. Raises
    :class:`~ki_check.errors.ArchiveError` when the archive cannot be used (records
    stored before that stay stored).
    """
    summary = AddSummary()
    pending: list[tuple[int, NewRecord]] = []

    def flush() -> None:
        for (slot, _), added in zip(pending, archive.add([r for _, r in pending]), strict=True):
            r = added.record
            warnings = (r.key_warning,) if r.key_warning else ()
            summary.outcomes[slot] = Outcome(
                r.source,
                added.status,
                added.id,
                r.company_key,
                warnings,
                in_progress=r.status != "complete",
            )
        pending.clear()

    for path in answer_files(paths):
        if path.suffix.lower() in TABLES:
            found = table_records(path, questionnaire_ref, lang)
        else:
            found = iter((record_for(path, questionnaire),))
        for record, bad in found:
            if record is None:
                assert bad is not None
                summary.outcomes.append(bad)
            else:
                summary.outcomes.append(Outcome(record.source, "invalid"))  # set by flush()
                pending.append((len(summary.outcomes) - 1, record))
                if len(pending) >= CHUNK:
                    flush()
            if progress is not None:
                progress(len(summary.outcomes))
    if pending:
        flush()
    return summary


class ArchiveWriter:
    """Collects scored assessments from ``batch --archive`` / ``interview --archive`` and
    stores the complete ones in chunks; :meth:`close` stores the rest."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.pending: list[NewRecord] = []
        self.stored = 0
        self.duplicates = 0
        self.incomplete = 0
        self.last_id: int | None = None

    def check(self) -> None:
        """Fail early (before an interview or a batch) if the archive cannot be used."""
        self.archive.ready()

    def add(self, assessment: Assessment, source: str) -> None:
        """Keep one assessed answer file; an unfinished interview is counted, not stored."""
        if assessment.answers.interview.status != "complete":
            self.incomplete += 1
            return
        try:
            self.pending.append(build_record(assessment, source=source))
        except ValidationError:
            self.incomplete += 1  # no name and no id: nothing to file it under
            return
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Store what was collected."""
        for added in self.archive.add(self.pending):
            if added.status == "stored":
                self.stored += 1
                self.last_id = added.id
            else:
                self.duplicates += 1
        self.pending.clear()

    def close(self) -> None:
        """Store the rest and release the connection."""
        try:
            if self.pending:
                self.flush()
        finally:
            self.archive.close()
