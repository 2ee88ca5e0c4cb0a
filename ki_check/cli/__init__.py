"""The ``ki-check`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints.
Errors the user can fix become a message on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer

from ki_check import __version__
from ki_check.cli.localize import KiGroup

# Each command and sub-app, in the order ``--help`` lists them: (name, module, attribute).
# A module is imported only when the app that holds it is built, so ``ki-check score``
# loads ki_check.cli.score and none of its siblings.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("questionnaires", "questionnaires", "app"),
    ("score", "score", "score"),
    ("report", "report", "report"),
    ("interview", "interview", "interview"),
    ("batch", "batch", "batch"),
    ("funding", "funding", "app"),
    ("handout", "handout", "handout"),
    ("export", "export", "app"),
    ("schema", "schema", "app"),
    ("compare", "compare", "compare"),
    ("archive", "archive", "app"),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ki-check {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Version anzeigen und beenden."
        ),
    ] = False,
) -> None:
    """KI-Check für KMU."""


def build_app(names: frozenset[str] | None = None) -> typer.Typer:
    """The ``ki-check`` app with the commands named in ``names`` (all when ``None``).

    Returns a new :class:`typer.Typer`; imports the modules of the commands it holds.
    """
    app = typer.Typer(
        name="ki-check",
        help=(
            "KI-Check für KMU: Reifegrad messen, Ergebnis erklären, passende Förderprogramme"
            " nennen – offline.\n\nAI readiness check for German SMEs."
        ),
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_show_locals=False,
        # Plain help: rich help pulls in markdown-it (~45 ms) on every --help.
        rich_markup_mode=None,
        # Tab completion (ki-check --install-completion): typer imports its machinery
        # either way, so switching it on costs no start-up time.
        add_completion=True,
        cls=KiGroup,
    )
    app.callback()(_root)
    for name, module, attribute in COMMANDS:
        if names is None or name in names:
            _register(app, name, module, attribute)
    return app


def _register(app: typer.Typer, name: str, module: str, attribute: str) -> None:
    """Add ``attribute`` of ``ki_check.cli.<module>`` (a command function or a sub-app)
    to ``app`` under ``name``; imports that module."""
    target = getattr(importlib.import_module(f"ki_check.cli.{module}"), attribute)
    if isinstance(target, typer.Typer):
        app.add_typer(target, name=name)
    else:
        app.command(name)(target)


_full: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    """``ki_check.cli.app``: the whole app, built on first use (tests, benchmarks)."""
    if name == "app":
        if not _full:
            _full.append(build_app())
        return _full[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``ki-check`` console script."""
    _app_for(sys.argv[1:])()


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` name, else the whole app.

    Typer turns every registered command into a click command before it parses
    anything, and each command's module costs its imports: ``ki-check score``
    needs one of eleven. A command line that starts with a command's exact name
    gets an app holding only that command (and the root options); its parsing,
    help page and errors are the same, since a command's own page never lists
    its siblings. Anything else (``--help``, ``--version``, a typo that deserves
    "did you mean", shell completion) gets the whole app.
    """
    name = args[0] if args else ""
    completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    if completing or name not in {n for n, _, _ in COMMANDS}:
        return build_app()
    return build_app(frozenset({name}))
