"""A workshop's answers read and scored: a folder of answer files, or a sheet as batch reads.

:func:`load_group` returns the scored companies and, with every error in the
batch's one format (:class:`~ki_check.batch.row_errors.RowError`: where, whose,
code, message, fix), every file or row that was set aside (invalid, or answers
to another questionnaire); :func:`ki_check.assessment.group.summarise` sums
them up. A sheet's rows need no company name here: a trainer's paper answers
have none, and the summary is anonymous.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ki_check.assessment.assess import assess
from ki_check.assessment.group import Participant, Skipped
from ki_check.batch.inputs import Record, answer_files, read_answer_file, read_input
from ki_check.batch.row_errors import Place, row_error
from ki_check.diagnostics import Bi
from ki_check.errors import NotFoundError
from ki_check.questionnaire.model import Questionnaire


class EmptyGroupError(NotFoundError):
    """No file or row could be used (``INPUT_003``); :attr:`skipped` says why for each."""

    skipped: tuple[Skipped, ...] = ()


def empty_group(q: Questionnaire, results: Path, skipped: Sequence[Skipped]) -> EmptyGroupError:
    """The error for a group without one usable answer, carrying what was skipped."""
    unit = Bi("Zeile", "row") if results.is_file() else Bi("Antwortdatei", "answer file")
    exc = EmptyGroupError.coded("INPUT_003", unit=unit, questionnaire=q.ref, path=results)
    exc.skipped = tuple(skipped)
    return exc


def load_group(
    q: Questionnaire,
    folder: str | Path,
    *,
    as_of: dt.date | None = None,
    baseline: str | None = None,
    lang: str = "de",
) -> tuple[list[Participant], list[Skipped]]:
    """Load and score every answer file in ``folder`` (or every row of a CSV/XLSX) against ``q``.

    ``folder`` may also be a CSV/XLSX as ``batch`` reads it — the filled-in
    template, or a submissions export of a form made by ``ki-check export
    xlsform``: each row is a company. The company name is optional here (the
    summary is anonymous). Returns the participants and, as :class:`Skipped`
    with every error in ``lang``, the files or rows that are invalid or name
    another questionnaire (or version). Raises
    :class:`~ki_check.errors.NotFoundError` (``INPUT_001``) when ``folder`` does
    not exist.
    """
    path = Path(folder)
    day = as_of or dt.date.today()
    if path.is_file():
        ref = str(q.path) if q.path else q.ref
        records = read_input(path, ref, lang, day, name_required=False)
    elif path.is_dir():
        records = (read_answer_file(f, q, lang, day) for f in answer_files(path))
    else:
        raise NotFoundError.coded("INPUT_001", path=path)
    used: list[Participant] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}  # a company's id (or name) → where it came first
    for record in records:
        if record.key in seen and not record.errors:  # as batch: the first row counts
            skipped.append(_duplicate(record, seen[record.key], lang))
            continue
        if record.answers is not None and not record.errors:
            if record.key:
                seen[record.key] = record.source
            assessment = assess(q, record.answers, baseline=baseline, as_of=as_of)
            used.append(Participant(record.answers, assessment))
            continue
        other = any(e.code in ("ANS_001", "ANS_002") for e in record.errors)
        kind = "other_questionnaire" if other else "invalid"
        skipped.append(Skipped(Path(record.source), record.errors, kind))
    return used, skipped


def _duplicate(record: Record, first: str, lang: str) -> Skipped:
    """The row of a company that came before, set aside with ``BATCH_003``."""
    place = record.place or Place(record.source, company_id=record.key)
    column = ("id",) if place.company_id and place.header else ()
    error = row_error("BATCH_003", place, lang, column, key=record.key, first=first)
    return Skipped(Path(record.source), (error,), "invalid")
