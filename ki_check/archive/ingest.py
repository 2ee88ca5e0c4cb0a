"""``archive add``: answer files in, records stored; bad files reported one by one.

Each file is read, checked and scored as of its interview day (so the same
file gives the same record whenever it is added), then stored in chunks. A
file with errors is reported with its findings; the others are stored anyway.
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

Status = Literal["stored", "duplicate", "forgotten", "invalid"]


class Outcome(NamedTuple):
    """What happened to one input file."""

    path: str
    status: Status
    id: int | None = None
    company: str | None = None
    issues: tuple[Issue, ...] = ()  # errors for ``invalid``; warnings otherwise
    error: KiCheckError | None = None  # an error without coded findings
    in_progress: bool = False


@dataclass
class AddSummary:
    """Outcomes in input order, and counts."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many files ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)


def answer_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the ``*.yaml``/``*.yml`` files below each folder (sorted)."""
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


def add_files(
    archive: Archive,
    paths: Iterable[Path],
    *,
    questionnaire: Questionnaire | None = None,
    progress: Callable[[int], None] | None = None,
) -> AddSummary:
    """Store every good answer file of ``paths`` in ``archive``; see :class:`AddSummary`.

    Raises :class:`~ki_check.errors.ArchiveError` when the archive cannot be used
    (records stored before that stay stored).
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
        record, bad = record_for(path, questionnaire)
        if record is None:
            assert bad is not None
            summary.outcomes.append(bad)
        else:
            summary.outcomes.append(Outcome(str(path), "invalid"))  # replaced by flush()
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
