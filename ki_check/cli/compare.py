"""``ki-check compare``: what changed between two assessments of a company."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import LangOption, handle_errors, out
from ki_check.i18n import pick, tr

if TYPE_CHECKING:
    from ki_check.archive.compare import Comparison


@handle_errors
def compare(
    old: Annotated[
        str,
        typer.Argument(
            help="Frühere Erhebung: Antwortdatei oder Archiv-Nummer (sonst wird nach Datum"
            " geordnet).",
            metavar="ALT",
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(help="Spätere Erhebung: Antwortdatei oder Archiv-Nummer.", metavar="NEU"),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")] = False,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Archiv für Nummern (Pfad oder URL).", metavar="PFAD|URL"),
    ] = None,
    lang: LangOption = "de",
) -> None:
    """Zwei Erhebungen vergleichen: Veränderung je Dimension, Stufe, geschlossene Lücken.

    Beispiel: ki-check compare muster-2025.yaml muster-2026.yaml
    Beispiel: ki-check compare 12 31 --json   (Nummern aus 'ki-check archive list')
    """
    from ki_check.archive.compare import compare_refs

    c = compare_refs(old, new, db)
    if as_json:
        out.file.write(
            json.dumps(c.to_json(lang), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        )
        return

    _print_comparison(c, lang)


def _print_comparison(c: Comparison, lang: str) -> None:
    """The table of dimensions before and after, the stages, and what changed."""
    from rich.table import Table
    from rich.text import Text

    from ki_check import fmt

    def num(x: float | None) -> str:
        return "–" if x is None else fmt.number(x, lang)

    def signed(x: float | None) -> str:
        if x is None:
            return "–"
        return ("+" if x > 0 else "±" if x == 0 else "−") + fmt.number(abs(x), lang)

    day_before = fmt.date(c.before.as_of, lang, "medium")
    day_after = fmt.date(c.after.as_of, lang, "medium")
    if c.reordered:
        out.print(
            pick(
                lang,
                f"Nach Datum geordnet: {c.before.source} ({day_before}) ist die frühere Erhebung.",
                f"Ordered by date: {c.before.source} ({day_before}) is the earlier assessment.",
            ),
            markup=False,
            soft_wrap=True,
        )
    title = (
        f"{c.before.company} · {day_before} → {day_after}"
        if c.before.company == c.after.company
        else f"{c.before.company} ({day_before}) → {c.after.company} ({day_after})"
    )
    table = Table(title=Text(title), title_justify="left")  # company names: never markup
    table.add_column("Dimension")
    table.add_column(pick(lang, "vorher", "before"), justify="right")
    table.add_column(pick(lang, "nachher", "after"), justify="right")
    table.add_column(pick(lang, "Veränderung", "change"), justify="right")
    for d in [*c.dimensions, c.overall]:
        table.add_row(Text(tr(d.label, lang)), num(d.before), num(d.after), signed(d.delta))
    out.print(table, markup=False)
    sb = tr(c.stage_before["label"], lang) if c.stage_before else "–"
    sa = tr(c.stage_after["label"], lang) if c.stage_after else "–"
    out.print(pick(lang, f"Stufe: {sb} → {sa}", f"Stage: {sb} → {sa}"), markup=False)
    for title_de, title_en, items, key in (
        ("Geschlossene Lücken", "Gaps closed", c.gaps_closed, "text"),
        ("Neue Lücken", "New gaps", c.gaps_opened, "text"),
        (
            "Erledigte Maßnahmen des früheren Plans",
            "Actions of the earlier plan done",
            c.actions_done,
            "title",
        ),
    ):
        if items:
            out.print(pick(lang, title_de, title_en) + ":", style="bold")
            for item in items:
                out.print(
                    f"• {tr(item.get(key), lang) or item.get('question') or item.get('id')}",
                    markup=False,
                )
