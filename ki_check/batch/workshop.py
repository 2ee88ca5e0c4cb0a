"""A workshop's answers read and scored: a folder of answer files, or a sheet as batch reads.

:func:`load_group` returns the scored companies and, with a reason, every file
or row that was set aside (invalid, or answers to another questionnaire);
:func:`ki_check.assessment.group.summarise` sums them up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.assessment.group import Participant, Skipped
from ki_check.batch.row_errors import RowError
from ki_check.errors import NotFoundError, ValidationError
from ki_check.i18n import plural
from ki_check.questionnaire.model import Questionnaire

ANSWER_SUFFIXES = (".yaml", ".yml")


def answer_files(folder: Path) -> list[Path]:
    """The YAML files directly in ``folder``, sorted by name (hidden files left out)."""
    if not folder.is_dir():
        raise NotFoundError(
            f"Der Ordner {folder} existiert nicht (oder ist kein Ordner).",
            f"The folder {folder} does not exist (or is not a folder).",
        )
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ANSWER_SUFFIXES and not p.name.startswith(".")
    )


def load_group(
    q: Questionnaire,
    folder: str | Path,
    *,
    as_of: dt.date | None = None,
    baseline: str | None = None,
) -> tuple[list[Participant], list[Skipped]]:
    """Load and score every answer file in ``folder`` (or every row of a CSV/XLSX) against ``q``.

    Files or rows that are invalid or name another questionnaire (or version)
    are returned as :class:`Skipped` with the first error; raises
    :class:`~ki_check.errors.NotFoundError` when the folder is missing.
    ``folder`` may also be a CSV/XLSX as ``batch`` reads it — the filled-in
    template, or a submissions export of a form made by ``ki-check export
    xlsform``: each row is a company, a bad row is skipped.
    """
    if Path(folder).is_file():
        return _load_table(q, Path(folder), as_of=as_of, baseline=baseline)
    if not Path(folder).exists():
        raise NotFoundError(
            f"{folder} existiert nicht. Bitte einen Ordner mit Antwortdateien, die"
            " ausgefüllte Vorlage oder einen Export (.xlsx oder .csv) angeben.",
            f"{folder} does not exist. Please give a folder of answer files, the filled-in"
            " template or an export (.xlsx or .csv).",
        )
    used: list[Participant] = []
    skipped: list[Skipped] = []
    for path in answer_files(Path(folder)):
        try:
            _, af = open_answers(path, q)
        except ValidationError as exc:
            skipped.append(_skip(path, exc))
            continue
        used.append(Participant(af, assess(q, af, baseline=baseline, as_of=as_of)))
    return used, skipped


def _load_table(
    q: Questionnaire, path: Path, *, as_of: dt.date | None, baseline: str | None
) -> tuple[list[Participant], list[Skipped]]:
    """The rows of a sheet or export as ``batch`` reads them, every row checked against ``q``."""
    from ki_check.batch.inputs import read_input

    ref = str(q.path) if q.path else q.ref
    day = as_of or dt.date.today()
    used: list[Participant] = []
    skipped: list[Skipped] = []
    rows = zip(read_input(path, ref, "de", day), read_input(path, ref, "en", day), strict=True)
    for de, en in rows:
        if de.answers is not None and not de.errors:
            used.append(
                Participant(de.answers, assess(q, de.answers, baseline=baseline, as_of=as_of))
            )
            continue
        reason = {"de": _row_reason(de.errors), "en": _row_reason(en.errors)}
        other = any(e.code in ("ANS_001", "ANS_002") for e in de.errors)
        kind = "other_questionnaire" if other else "invalid"
        skipped.append(Skipped(Path(de.source), reason, kind))
    return used, skipped


def _row_reason(errors: Sequence[RowError]) -> str:
    """``column: CODE message`` of the first two errors of a row, and how many more."""
    text = "; ".join(
        ": ".join(x for x in (e.column, f"{e.code} {e.message}") if x) for e in errors[:2]
    )
    return text + (f" (+{len(errors) - 2})" if len(errors) > 2 else "") if errors else "?"


def _skip(path: Path, exc: ValidationError) -> Skipped:
    errors = [i for i in exc.issues if i.severity == "error"] or exc.issues
    other = next((i for i in errors if i.code in ("ANS_001", "ANS_002")), None)
    if other is not None:
        return Skipped(
            path, {"de": other.message("de"), "en": other.message("en")}, "other_questionnaire"
        )
    first = errors[0] if errors else None
    if first is None:
        return Skipped(path, {"de": "ungültig", "en": "invalid"}, "invalid")
    at_de = f"Zeile {first.line}: " if first.line else ""
    at_en = f"line {first.line}: " if first.line else ""
    de, en = at_de + first.message("de"), at_en + first.message("en")
    more = len(errors) - 1
    if more > 0:
        de += f" (und {plural(more, 'weiterer Fehler', 'weitere Fehler')})"
        en += f" (and {plural(more, 'more error', 'more errors')})"
    return Skipped(path, {"de": de, "en": en}, "invalid")
