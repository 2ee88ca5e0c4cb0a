"""``ki-check handout``: the questionnaire as a paper form, and a workshop's group summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import (
    AsOfOption,
    BrandOption,
    ForceOption,
    LangOption,
    err,
    handle_errors,
    out_option,
    parse_as_of,
)
from ki_check.i18n import pick, plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ki_check.assessment.group import GroupSummary, Skipped

# Library modules are imported inside the command: ``--help`` stays fast.


@handle_errors
def handout(
    questionnaire: Annotated[
        str,
        typer.Argument(
            help="ID eines gebündelten Fragebogens (z. B. kurzcheck) oder Pfad.",
            metavar="FRAGEBOGEN",
        ),
    ],
    output: Annotated[Path, out_option("Ziel-PDF, z. B. handout.pdf.")],
    results: Annotated[
        Path | None,
        typer.Option(
            "--results",
            help="Antworten eines Workshops: ausgefüllte Vorlage (.xlsx/.csv wie bei batch),"
            " Export der Einsendungen aus KoboToolbox/ODK Central oder Ordner mit"
            " Antwortdateien. Erstellt die Gruppenauswertung.",
            metavar="TABELLE|ORDNER",
        ),
    ] = None,
    trainer: Annotated[
        bool,
        typer.Option("--trainer", help="Ausgabe für Trainer: Moderationshinweise und Punkte."),
    ] = False,
    named: Annotated[
        bool,
        typer.Option("--named", help="Gruppenauswertung mit Firmennamen (Standard: anonym)."),
    ] = False,
    no_funding: Annotated[
        bool,
        typer.Option(
            "--no-funding",
            help="Kurzfassung des Fragebogens: ohne Förderlandschaft und Anlaufstellen.",
        ),
    ] = False,
    brand: BrandOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
    lang: LangOption = "de",
) -> None:
    """Handout für Workshops: Fragebogen zum Ausfüllen oder Gruppenauswertung als PDF.

    Beispiel: ki-check handout kurzcheck --out kurzcheck.pdf [--trainer] [--no-funding]

    Gruppenauswertung: ki-check handout kurzcheck --results workshop.xlsx --out gruppe.pdf
    (anonym; mit --named stehen die Firmennamen darin). Die Tabelle kommt aus
    ki-check batch template kurzcheck --out workshop.xlsx; ein Ordner mit Antwortdateien
    geht auch. Ungültige Zeilen oder Dateien und solche eines anderen Fragebogens werden
    mit einer Warnung übersprungen.
    """
    from ki_check.batch.workshop import EmptyGroupError
    from ki_check.documents.handout import HandoutRequest, make_handout

    request = HandoutRequest(
        questionnaire=questionnaire,
        out=output,
        results=results,
        trainer=trainer,
        funding=not no_funding,
        named=named,
        brand=brand,
        as_of=parse_as_of(as_of),
        force=force,
        lang=lang,
    )
    try:
        summary = make_handout(request)
    except EmptyGroupError as exc:
        _print_skipped(exc.skipped, lang)
        raise
    _print_written(summary, output, lang)


def _print_written(summary: GroupSummary | None, output: Path, lang: str) -> None:
    """What was written: the form (no summary), or the group summary after what it skipped."""
    if summary is None:
        typer.echo(pick(lang, f"Handout geschrieben: {output}", f"Handout written: {output}"))
        return
    _print_skipped(summary.skipped, lang)
    _print_group_written(summary, output, lang)


def _print_group_written(summary: GroupSummary, output: Path, lang: str) -> None:
    """``Gruppenauswertung geschrieben: … (5 von 7 Antwortdateien ausgewertet)``."""
    used, total = summary.companies, summary.files
    rows = summary.unit == "rows"
    counted_de = (
        plural(total, "Zeile", "Zeilen")
        if rows
        else plural(total, "Antwortdatei", "Antwortdateien")
    )
    counted_en = (
        plural(total, "row", "rows") if rows else plural(total, "answer file", "answer files")
    )
    typer.echo(
        pick(
            lang,
            f"Gruppenauswertung geschrieben: {output} ({used} von {counted_de} ausgewertet)",
            f"Group summary written: {output} ({used} of {counted_en} used)",
        )
    )


def _print_skipped(skipped: Sequence[Skipped], lang: str) -> None:
    """Every error of every skipped row or file, in the batch's format (with code and fix)."""
    if skipped:
        err.print(pick(lang, "Übersprungen:", "Skipped:"), style="yellow")
    for item in skipped:
        for error in item.errors:
            err.print(error.format(lang), style="yellow", markup=False, soft_wrap=True)
