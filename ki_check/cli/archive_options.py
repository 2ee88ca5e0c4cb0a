"""Options and helpers the ``archive`` commands share."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sys
from typing import Annotated, Any

import typer

from ki_check.cli.common import out
from ki_check.errors import KiCheckError
from ki_check.i18n import pick

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Archiv: Pfad einer SQLite-Datei oder postgresql://… (Standard: KI_CHECK_DB,"
        " sonst archiv.sqlite im Datenordner des Benutzers).",
        metavar="PFAD|URL",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Ohne Rückfrage löschen.")]


def print_json(data: Any) -> None:
    out.file.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def confirm(yes: bool, question: str, lang: str) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise KiCheckError.coded("USAGE_006")
    if not typer.confirm(question, default=False):
        raise typer.Exit(1)


_PERIOD = re.compile(r"^\s*(\d+)\s*([dmy])\s*$")


def parse_period(text: str, today: dt.date) -> dt.date:
    """``36m`` / ``3y`` / ``90d`` before ``today`` as a day (month ends clamp: 31 → 30)."""
    m = _PERIOD.match(text.lower())
    if not m:
        from ki_check.cli.localize import current_lang

        raise typer.BadParameter(
            pick(
                current_lang(),
                f"'{text}' ist keine Dauer; z. B. 36m (Monate), 3y (Jahre), 90d (Tage).",
                f"'{text}' is no period; e.g. 36m (months), 3y (years), 90d (days).",
            ),
            param_hint="'--older-than'",
        )
    n, unit = int(m.group(1)), m.group(2)
    if unit == "d":
        return today - dt.timedelta(days=n)
    months = n * (12 if unit == "y" else 1)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
