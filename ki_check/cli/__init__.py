"""The ``ki-check`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints.
Errors the user can fix become a message on stderr and exit code 2.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Annotated

import typer

from ki_check import __version__
from ki_check.cli import (
    archive,
    batch,
    compare,
    export,
    funding,
    handout,
    interview,
    questionnaires,
    report,
    schema,
    score,
)
from ki_check.cli.localize import KiGroup

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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ki-check {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Version anzeigen und beenden."
        ),
    ] = False,
) -> None:
    """KI-Check für KMU."""


app.add_typer(questionnaires.app, name="questionnaires")
app.command("score")(score.score)
app.command("report")(report.report)
app.command("interview")(interview.interview)
app.command("batch")(batch.batch)
app.add_typer(funding.app, name="funding")
app.command("handout")(handout.handout)
app.add_typer(export.app, name="export")
app.add_typer(schema.app, name="schema")
app.command("compare")(compare.compare)
app.add_typer(archive.app, name="archive")


def main() -> None:
    """Entry point of the ``ki-check`` console script."""
    _app_for(sys.argv[1:])()


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` name, else the whole app.

    Typer turns every registered command into a click command before it parses
    anything: about 20 ms of signatures and annotations for ``ki-check score``,
    which needs one. A command line that starts with a command's exact name gets
    an app holding only that command (and the root options); its parsing, help
    page and errors are the same, since a command's own page never lists its
    siblings. Anything else (``--help``, ``--version``, a typo that deserves
    "did you mean", shell completion) gets the whole app.
    """
    name = args[0] if args else ""
    if (
        not name
        or name.startswith("-")
        or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    ):
        return app
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    lean = copy.copy(app)
    lean.registered_commands = commands
    lean.registered_groups = groups
    return lean
