"""What every command shares: consoles, the language option, error handling."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from ki_check.errors import KiCheckError
from ki_check.i18n import LANGUAGES, default_lang, pick

if TYPE_CHECKING:
    from ki_check.diagnostics import Issue

P = ParamSpec("P")
R = TypeVar("R")


class _LazyConsole:
    """A rich Console created on first use: commands that print plainly skip importing rich.

    It is :func:`ki_check.util.textsafe.console`: strings are printed as text (no
    markup, no emoji codes, control characters made visible); styles go in
    ``style=``.
    """

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Any = None

    def real(self) -> Any:
        """The rich Console itself (to hand to rich's Progress or Live)."""
        if self._console is None:
            from ki_check.util.textsafe import console

            self._console = console(stderr=self._stderr)
        return self._console

    @property
    def file(self) -> Any:
        """The stream written to: JSON output needs no Console (rich costs ~15 ms to load)."""
        if self._console is None:  # what rich's Console.file gives when none was set
            return sys.stderr if self._stderr else sys.stdout
        return self._console.file

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


out: Any = _LazyConsole(stderr=False)
err: Any = _LazyConsole(stderr=True)


def _check_lang(value: str | None) -> str:
    """``de`` or ``en`` from ``--lang`` or ``KI_CHECK_LANG`` (``de_DE.UTF-8`` counts as ``de``)."""
    raw = (value or default_lang()).strip().lower()
    lang = re.split(r"[_.\-@]", raw, maxsplit=1)[0]
    if lang not in LANGUAGES:
        raise typer.BadParameter(
            f"'{value}': erlaubt sind / allowed: {', '.join(LANGUAGES)} (--lang, KI_CHECK_LANG)"
        )
    return lang


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Sprache der Ausgabe: de oder en (Standard: de, oder KI_CHECK_LANG).",
        callback=_check_lang,
        envvar="KI_CHECK_LANG",
        show_envvar=False,
        metavar="de|en",
        show_default=False,
    ),
]


_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def parse_date(value: str | dt.date | None, option: str) -> dt.date | None:
    """The value of a date option (``--as-of``, ``--since``): ``2026-12-31`` or German
    ``31.12.2026``; ``None`` stays ``None``.

    The one parser for every date option. Raises ``typer.BadParameter`` (a usage
    error, exit 2) in the command line's language for anything else.
    """
    if value is None or isinstance(value, dt.date):
        return value
    german = _GERMAN_DATE.match(value)
    try:
        if german:
            day, month, year = (int(g) for g in german.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        from ki_check.cli.localize import current_lang

        raise typer.BadParameter(
            pick(
                current_lang(),
                f"'{value}' ist kein Datum. Bitte JJJJ-MM-TT oder TT.MM.JJJJ angeben,"
                " z. B. 2026-12-31 oder 31.12.2026.",
                f"'{value}' is not a date. Please give YYYY-MM-DD or DD.MM.YYYY,"
                " e.g. 2026-12-31 or 31.12.2026.",
            ),
            param_hint=f"'{option}'",
        ) from None


def parse_as_of(value: str | dt.date | None) -> dt.date | None:
    """``--as-of`` as a date (``None`` means today); see :func:`parse_date`."""
    return parse_date(value, "--as-of")


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Stichtag JJJJ-MM-TT oder TT.MM.JJJJ für Vergleichszahlen und Fristen"
        " (Standard: heute).",
        metavar="DATUM",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Erst ab diesem Tag: JJJJ-MM-TT oder TT.MM.JJJJ.",
        metavar="DATUM",
    ),
]

# Options several commands share, declared once so that name, help and type agree.
BrandOption = Annotated[
    Path | None,
    typer.Option("--brand", help="Markendatei (YAML): Logo, Farben, Organisation."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")]
BaselineOption = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        help="Vergleichszahl, z. B. destatis-2024 (Standard: bmwi-2019).",
        metavar="ID",
    ),
]


def out_option(help: str) -> Any:
    """The ``--out``/``-o`` option of a command that writes a file or a folder, with the
    command's own ``help`` (what is written there, with an example).

    Declared as ``Annotated[Path, out_option(…)]`` (``Path | None`` where it may be
    left out), so that every command spells the flag and reads it as a path alike;
    ``tests/test_cli_options.py`` holds that. Returns the ``typer.Option``.
    """
    return typer.Option("--out", "-o", help=help)


def print_issues(issues: Iterable[Issue], lang: str) -> None:
    """Each finding as ``file:line:col: CODE message`` with its fix, on stderr."""
    for issue in issues:
        style = "yellow" if issue.severity == "warning" else "red"
        head, _, rest = issue.format(lang).partition("\n")
        err.print(head, style=style, markup=False, soft_wrap=True)
        if rest:
            err.print(rest, markup=False, soft_wrap=True)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Inside: SIGTERM stops like Ctrl-C (KeyboardInterrupt), so finished work is kept."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`KiCheckError` into a message on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        given = kwargs.get("lang")  # --lang of the command, where it has one
        lang = given if isinstance(given, str) and given else default_lang()
        try:
            return func(*args, **kwargs)
        except KiCheckError as exc:
            issues = getattr(exc, "issues", None)
            if issues:
                print_issues(issues, lang)
            else:
                err.print(exc.message(lang), style="red", markup=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper
