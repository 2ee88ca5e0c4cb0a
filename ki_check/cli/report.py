"""``ki-check report``: the PDF advisory report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import (
    AsOfOption,
    BaselineOption,
    BrandOption,
    ForceOption,
    LangOption,
    handle_errors,
    out_option,
    parse_as_of,
)
from ki_check.i18n import pick

if TYPE_CHECKING:
    from ki_check.archive.history import ReportHistory
    from ki_check.documents.report import ReportDocument

VARIANT_HELP = "PDF-Variante: pdf/ua-1 (barrierefrei, Standard), pdf/a-3u (Archiv), none, …"


@handle_errors
def report(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    output: Annotated[Path, out_option("Ziel-PDF, z. B. bericht.pdf.")],
    brand: BrandOption = None,
    baseline: BaselineOption = None,
    as_of: AsOfOption = None,
    variant: Annotated[
        str, typer.Option("--pdf-variant", help=VARIANT_HELP, metavar="VARIANTE")
    ] = "pdf/ua-1",
    force: ForceOption = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Vollständige Fassung: jede Antwort mit Empfehlungen und jedes Förderprogramm"
            " mit allen Angaben im Anhang (Standard: höchstens 12 Seiten).",
        ),
    ] = False,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            help="Frühere Erhebung für „Entwicklung seit der letzten Erhebung“:"
            " Antwortdatei oder Archiv-Nummer.",
            metavar="ALT.yaml|NR",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Archiv für frühere Erhebung und Vergleichsgruppe (Pfad oder URL;"
            " sonst KI_CHECK_DB).",
            metavar="PFAD|URL",
        ),
    ] = None,
    use_archive: Annotated[
        bool | None,
        typer.Option(
            "--archive/--no-archive",
            help="Archiv lesen (auch die Standarddatei) / nie lesen. Ohne beides nur das"
            " mit --db oder KI_CHECK_DB genannte Archiv.",
            show_default=False,
        ),
    ] = None,
    min_group: Annotated[
        int | None,
        typer.Option(
            "--min-group",
            help="Kleinste Vergleichsgruppe (mindestens und Standard 5).",
            metavar="N",
        ),
    ] = None,
    lang: LangOption = "de",
) -> None:
    """Den PDF-Beratungsbericht für ein Unternehmen erstellen.

    Beispiel: ki-check report examples/muster-gmbh.yaml --out bericht.pdf
    Zwei Seiten Zusammenfassung zuerst, dann Einzelheiten und Anhang; mit --full die
    vollständige Fassung. Ein unvollständiges Interview wird als Entwurf gekennzeichnet.
    Mit einem Archiv (--db, KI_CHECK_DB oder --archive) oder --compare zeigt der Bericht
    die Entwicklung seit der letzten Erhebung und eine Vergleichsgruppe ähnlicher Firmen.
    """
    from ki_check.archive.history import HistoryRequest
    from ki_check.documents.report import write_report

    _check_variant(variant)
    written = write_report(
        answers,
        output,
        lang=lang,
        brand=brand,
        baseline=baseline,
        as_of=parse_as_of(as_of),
        variant=variant,
        force=force,
        full=full,
        history=HistoryRequest(
            compare=compare, db=db, use_archive=use_archive, min_group=min_group
        ),
    )
    _print_written(written, output, lang)


def _check_variant(variant: str) -> None:
    """Refuse a ``--pdf-variant`` WeasyPrint does not know (USAGE_005, exit 2)."""
    from ki_check.errors import KiCheckError
    from ki_check.render.pdf import VARIANTS

    if variant not in VARIANTS:
        raise KiCheckError.coded(
            "USAGE_005", option="--pdf-variant", value=variant, allowed=", ".join(VARIANTS)
        )


def _print_written(written: ReportDocument, output: Path, lang: str) -> None:
    """Say that the report is written, marked as a draft if the interview is not complete,
    and what it took from the archive."""
    if written.assessment.answers.interview.status != "complete":
        note = pick(
            lang,
            "Hinweis: Interview nicht abgeschlossen – der Bericht ist als Entwurf markiert.",
            "Note: interview not complete – the report is marked as a draft.",
        )
        typer.echo(note, err=True)
    _print_history(written.history, lang)
    typer.echo(pick(lang, f"Bericht geschrieben: {output}", f"Report written: {output}"))


def _print_history(history: ReportHistory | None, lang: str) -> None:
    """Say what the report took from the archive, so the advisor can check it."""
    if history is None:
        return
    d = history.development
    if d is not None:
        source = d.before.source
        if not source.startswith("#"):
            source = Path(source).name
        from ki_check import fmt

        day = fmt.date(d.before.as_of, lang, "medium")
        typer.echo(
            pick(
                lang,
                f"Entwicklung seit der Erhebung vom {day} ({source}).",
                f"Development since the assessment of {day} ({source}).",
            ),
            err=True,
        )
    elif history.archive is not None:
        typer.echo(
            pick(
                lang,
                f"Keine frühere abgeschlossene Erhebung dieses Unternehmens in {history.archive}.",
                f"No earlier complete assessment of this company in {history.archive}.",
            ),
            err=True,
        )
    if history.peers is not None:
        n = history.peers.group.n
        typer.echo(
            pick(
                lang,
                f"Vergleichsgruppe: {n} Unternehmen aus {history.archive}.",
                f"Peer group: {n} companies from {history.archive}.",
            ),
            err=True,
        )
    elif history.archive is not None:
        typer.echo(
            pick(
                lang,
                f"Keine Vergleichsgruppe, die groß genug ist, in {history.archive}.",
                f"No peer group large enough in {history.archive}.",
            ),
            err=True,
        )
