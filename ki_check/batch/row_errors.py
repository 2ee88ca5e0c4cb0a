"""The errors of a batch, one format everywhere: errors.csv, the sheet "Fehler", the terminal.

Every problem of an input row becomes a :class:`RowError`: where it is (file,
row number or line, column name and, for a spreadsheet, the cell such as
``E7``), whose it is (company id and name as far as they could be read) and
what it is (the stable code, the message and the fix from
:mod:`ki_check.diagnostics`). A row is checked completely, so a row with two
faults gives two errors in one run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ki_check.diagnostics import Bi, Issue
from ki_check.errors import KiCheckError
from ki_check.i18n import pick
from ki_check.util.readers import dotted


class RowError(NamedTuple):
    """One fault of one input row (or answer file), in the language of the batch."""

    source: str  # the input file's name, or the answer file's path
    row: int | None  # spreadsheet row number, or the line in an answer file
    column: str  # the column (spreadsheet) or field (answer file) it is about
    cell: str  # spreadsheet cell such as "E7"; "" for answer files
    company_id: str
    company: str
    code: str
    message: str
    fix: str

    def where(self, lang: str = "de") -> str:
        """``kunden.csv, Zeile 5, Zelle E5 (employees)`` or ``a.yaml, Zeile 3 (ki_ziele)``."""
        parts = [self.source]
        if self.row is not None:
            parts.append(f"{pick(lang, 'Zeile', 'row' if self.cell else 'line')} {self.row}")
        if self.cell:
            parts.append(f"{pick(lang, 'Zelle', 'cell')} {self.cell}")
        text = ", ".join(parts)
        return f"{text} ({self.column})" if self.column else text

    def format(self, lang: str = "de") -> str:
        """Where, whose, code, message, and an indented fix line (the terminal's format)."""
        who = " ".join(dict.fromkeys(x for x in (self.company_id, self.company) if x))
        head = f"{self.where(lang)}{' · ' + who if who else ''}: {self.code} {self.message}"
        return head + (f"\n    {pick(lang, 'Lösung', 'Fix')}: {self.fix}" if self.fix else "")


def columns(lang: str) -> list[str]:
    """Header of errors.csv and of the errors sheet."""
    return [
        pick(lang, "Datei", "File"),
        pick(lang, "Zeile", "Row"),
        pick(lang, "Spalte", "Column"),
        pick(lang, "Zelle", "Cell"),
        pick(lang, "Kennung", "Id"),
        pick(lang, "Unternehmen", "Company"),
        pick(lang, "Code", "Code"),
        pick(lang, "Meldung", "Message"),
        pick(lang, "Lösung", "Fix"),
    ]


def column_letter(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 → ``A``, 26 → ``AA``."""
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_of(path: Sequence[str | int]) -> str:
    """The spreadsheet column a data path belongs to: ``answers.q1`` → ``q1``."""
    if not path:
        return ""
    if path[0] == "answers" and len(path) >= 2:
        return ".".join(str(p) for p in path[1:3] if not isinstance(p, int))
    if path[0] in ("company", "interview") and len(path) >= 2:
        return str(path[1])
    return dotted(tuple(path))


class Place(NamedTuple):
    """Where a record came from: file, row (or ``None``), header positions, whose it is."""

    source: str
    row: int | None = None
    header: Mapping[str, int] | None = None  # column name → 0-based index
    company_id: str = ""
    company: str = ""


def from_issue(issue: Issue, place: Place, lang: str, column: str | None = None) -> RowError:
    """A checker's finding as a row error at ``place`` (in ``column`` if given)."""
    column = column_of(issue.path) if column is None else column
    cell = ""
    row = place.row
    if place.header is not None:
        index = place.header.get(column)
        if index is not None and row is not None:
            cell = f"{column_letter(index)}{row}"
    else:
        row = issue.line
    return RowError(
        place.source,
        row,
        column,
        cell,
        place.company_id,
        place.company,
        issue.code,
        issue.message(lang),
        issue.fix(lang),
    )


def row_error(
    code: str, place: Place, lang: str, path: tuple[str | int, ...] = (), **params: object
) -> RowError:
    """A finding of the batch itself (empty row, duplicate, report failed, …)."""
    return from_issue(Issue(code, place.source, None, None, params, path), place, lang)


# the fix of a problem in a column where the caller knows none more precise
CHECK_INPUT = Bi("Eingabe prüfen und den Lauf wiederholen.", "Check the input and run again.")
# a questionnaire column that names no questionnaire ki-check has
QUESTIONNAIRE_FIX = Bi(
    "In die Spalte einen vorhandenen Fragebogen eintragen (ki-check questionnaires list),"
    " z. B. kurzcheck oder kmu-basis, ohne Version oder mit der genannten, und den Lauf"
    " wiederholen.",
    "Enter a questionnaire ki-check has (ki-check questionnaires list), e.g. kurzcheck or"
    " kmu-basis, without a version or with the one named, and run again.",
)


def text_error(
    message: Bi, place: Place, lang: str, column: str = "", fix: Bi | None = None
) -> RowError:
    """A problem that has only a message (a questionnaire that cannot be loaded, …).

    The message names ``column`` where there is one; ``fix`` says how to mend it
    (default: correct the value in that column, or check the input).
    """
    if column:
        where = Bi(f"Spalte „{column}“: ", f"Column '{column}': ")
        fix = fix or Bi(
            f"Den Wert in Spalte „{column}“ korrigieren und den Lauf wiederholen.",
            f"Correct the value in column '{column}' and run again.",
        )
    params = {"reason": message, "in_column": where if column else "", "fix": fix or CHECK_INPUT}
    issue = Issue("BATCH_007", place.source, None, None, params)
    return from_issue(issue, place, lang, column)


def error_of(
    exc: KiCheckError, place: Place, lang: str, column: str = "", fix: Bi | None = None
) -> RowError:
    """An error met while reading a row as a row error: its own code, message and fix
    when it is coded (``REF_001`` for an unknown questionnaire), else ``BATCH_007``
    naming ``column`` with ``fix`` (see :func:`text_error`)."""
    issues = getattr(exc, "issues", None) or []
    if exc.code and len(issues) == 1:
        return from_issue(issues[0], place, lang, column)
    return text_error(Bi(exc.message("de"), exc.message("en")), place, lang, column, fix)
