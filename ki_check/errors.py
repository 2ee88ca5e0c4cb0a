"""The exception family of ki-check and the exit codes the command line maps them to.

Every error a user can cause derives from :class:`KiCheckError`; the CLI catches
that one base class, prints the message (German by default) and exits with
:attr:`KiCheckError.exit_code`. Anything else escaping is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Self

from ki_check.i18n import plural

if TYPE_CHECKING:
    from ki_check.diagnostics import Issue

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class KiCheckError(Exception):
    """Base class: a problem the user can fix; carries a bilingual message.

    Raise it with :meth:`coded`: the message and its fix then come from a stable
    code of :mod:`ki_check.diagnostics` (``REF_001``, ``OUT_002``, …), and the
    CLI prints ``where: CODE message`` with ``Lösung: …`` like every finding.
    """

    exit_code = EXIT_USAGE
    code = ""  # the diagnostics code, for a coded error
    issues: list[Issue]  # the coded finding(s); absent on an error made from plain text

    def __init__(self, de: str, en: str | None = None) -> None:
        super().__init__(de)
        self.de = de
        self.en = en or de

    @classmethod
    def coded(cls, code: str, where: object = "", **params: object) -> Self:
        """The error for diagnostics ``code`` at ``where`` (a file, an option, or nothing).

        ``params`` fill the code's message and fix (a :class:`~ki_check.diagnostics.Bi`
        for a part that differs by language). Returns the error; raises ``KeyError``
        for an unknown code.
        """
        from ki_check.diagnostics import Issue

        return cls.from_issue(Issue(code, str(where), params=params))

    @classmethod
    def from_issue(cls, issue: Issue) -> Self:
        """The error for one coded finding (when it has a line, say); returns it."""
        return cls(issue.code).attach(issue)

    def attach(self, issue: Issue) -> Self:
        """Give this error its coded finding (message, code and fix); returns it."""
        self.issues = [issue]
        self.code = issue.code
        self.de, self.en = issue.format("de"), issue.format("en")
        self.args = (self.de,)
        return self

    def message(self, lang: str = "de") -> str:
        """The message in ``lang`` (``de`` or ``en``); for a coded error with code and fix."""
        return self.en if lang == "en" else self.de

    def sentence(self, lang: str = "de") -> str:
        """The message and its fix as one line of plain sentences, without the code.

        For a line that already says what happened ("Nicht gespeichert: …"), as
        the interview prints it; returns :meth:`message` for an uncoded error.
        """
        issues = getattr(self, "issues", None)
        if not self.code or not issues:
            return self.message(lang)
        issue = issues[0]
        return " ".join(x for x in (issue.message(lang), issue.fix(lang)) if x)


class NotFoundError(KiCheckError):
    """A file, a bundled questionnaire or a baseline id that does not exist."""


class OutputError(KiCheckError):
    """An output path that exists (without ``--force``), is missing a folder or is unwritable."""


class WriteError(OutputError):
    """A file could not be written: read-only, full disk, no permission.

    :attr:`path` is the file, :attr:`errno` the operating system's error number
    (0 if none), so a caller can offer another place to save.
    """

    def __init__(self, path: object, errno: int, de: str, en: str) -> None:
        super().__init__(de, en)
        self.path = path
        self.errno = errno


class TemplateError(KiCheckError):
    """A report template (a brand's, usually) that is broken or does what templates may not."""


class LockedError(KiCheckError):
    """A file is being edited by another process (an interview holds its lock)."""


class InputError(KiCheckError):
    """What was typed at a prompt (or into a cell) does not fit: not a number, a
    date or an option. The message says what to type; the interview asks again."""


class ValidationError(KiCheckError):
    """A questionnaire or answer file with errors; :attr:`issues` lists all of them."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        errors = [i for i in self.issues if i.severity == "error"]
        n = len(errors)
        super().__init__(
            f"{n} Fehler gefunden.",
            f"{plural(n, 'error', 'errors')} found.",
        )

    def message(self, lang: str = "de") -> str:
        """All issues, one ``file:line:col: CODE message`` block each."""
        return "\n".join(issue.format(lang) for issue in self.issues)


class ArchiveError(KiCheckError):
    """The assessment archive cannot be used: a wrong URL, a server that is down, a
    read-only or corrupt file, a schema of a newer ki-check. :attr:`issues` holds one
    coded finding (``DB_…``) whose location is the archive (passwords masked)."""

    def __init__(self, code: str, where: str, **params: object) -> None:
        from ki_check.diagnostics import Issue

        issue = Issue(code, where, params=params)
        self.issues = [issue]
        self.code = code
        super().__init__(issue.format("de"), issue.format("en"))
