"""``ki-check report``: the PDF advisory report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ki_check.cli.common import AsOfOption, LangOption, handle_errors, parse_as_of
from ki_check.i18n import pick

VARIANT_HELP = "PDF-Variante: pdf/ua-1 (barrierefrei, Standard), pdf/a-3u (Archiv), none, …"


@handle_errors
def report(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    output: Annotated[Path, typer.Option("--out", "-o", help="Ziel-PDF, z. B. bericht.pdf.")],
    brand: Annotated[
        Path | None, typer.Option("--brand", help="Markendatei (YAML): Logo, Farben, Organisation.")
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", help="Vergleichszahl (Standard: bmwi-2019).", metavar="ID"),
    ] = None,
    as_of: AsOfOption = None,
    variant: Annotated[
        str, typer.Option("--pdf-variant", help=VARIANT_HELP, metavar="VARIANTE")
    ] = "pdf/ua-1",
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Vollständige Fassung: jede Antwort mit Empfehlungen und jedes Förderprogramm"
            " mit allen Angaben im Anhang (Standard: höchstens 12 Seiten).",
        ),
    ] = False,
    lang: LangOption = "de",
) -> None:
    """Den PDF-Beratungsbericht für ein Unternehmen erstellen.

    Beispiel: ki-check report examples/muster-gmbh.yaml --out bericht.pdf
    Zwei Seiten Zusammenfassung zuerst, dann Einzelheiten und Anhang; mit --full die
    vollständige Fassung. Ein unvollständiges Interview wird als Entwurf gekennzeichnet.
    """
    from ki_check.documents.report import write_report
    from ki_check.errors import KiCheckError
    from ki_check.render.pdf import VARIANTS

    if variant not in VARIANTS:
        raise KiCheckError(
            f"Unbekannte PDF-Variante '{variant}'. Erlaubt: {', '.join(VARIANTS)}.",
            f"Unknown PDF variant '{variant}'. Allowed: {', '.join(VARIANTS)}.",
        )
    rendered = write_report(
        answers,
        output,
        lang=lang,
        brand=brand,
        baseline=baseline,
        as_of=parse_as_of(as_of),
        variant=variant,
        force=force,
        full=full,
    )
    if rendered.answers.interview.status != "complete":
        note = pick(
            lang,
            "Hinweis: Interview nicht abgeschlossen – der Bericht ist als Entwurf markiert.",
            "Note: interview not complete – the report is marked as a draft.",
        )
        typer.echo(note, err=True)
    typer.echo(pick(lang, f"Bericht geschrieben: {output}", f"Report written: {output}"))
