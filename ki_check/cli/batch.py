"""``ki-check batch``: a whole portfolio in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ki_check.cli.common import (
    AsOfOption,
    BaselineOption,
    BrandOption,
    LangOption,
    err,
    handle_errors,
    out,
    parse_as_of,
    terminate_as_interrupt,
)
from ki_check.errors import EXIT_INTERRUPTED, EXIT_PARTIAL, KiCheckError
from ki_check.i18n import pick, plural

SHOW_ERRORS = 20  # on the terminal; errors.csv and scores.xlsx list all of them


@handle_errors
def batch(
    source: Annotated[
        str,
        typer.Argument(
            help="Ordner mit Antwortdateien, .csv oder .xlsx – oder 'template'.", metavar="EINGABE"
        ),
    ],
    questionnaire: Annotated[
        str | None, typer.Argument(help="Nur bei 'template': der Fragebogen.", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Ausgabeordner (bzw. Datei bei 'template'). Pflicht."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Prozesse für Berichte, ohne PDFs für einen Ordner beim Einlesen"
            " (Standard: Zahl der Kerne).",
            metavar="ANZAHL",
        ),
    ] = None,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Nur Tabellen, keine PDFs.")] = False,
    brand: BrandOption = None,
    baseline: BaselineOption = None,
    use_questionnaire: Annotated[
        str | None,
        typer.Option(
            "--questionnaire",
            help="Fragebogen für alle Zeilen (statt Spalte 'questionnaire').",
            metavar="FRAGEBOGEN",
        ),
    ] = None,
    write_answers: Annotated[
        Path | None,
        typer.Option(
            "--write-answers",
            help="Jede gültige Zeile (auch Einsendungen aus KoboToolbox/ODK) als Antwortdatei"
            " in diesen Ordner schreiben; ohne --out wird nur umgewandelt.",
            metavar="ORDNER",
        ),
    ] = None,
    as_of: AsOfOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            help="Zeitlimit je Bericht in Sekunden; ein Bericht darüber wird abgebrochen.",
            metavar="SEK",
            min=1,
        ),
    ] = 120,
    # not ForceOption: in a batch --force also makes reports that are up to date again
    force: Annotated[
        bool, typer.Option("--force", help="Berichte neu erzeugen, auch wenn aktuell.")
    ] = False,
    archive: Annotated[
        bool, typer.Option("--archive", help="Abgeschlossene Erhebungen im Archiv ablegen.")
    ] = False,
    db: Annotated[
        str | None, typer.Option("--db", help="Archiv (Pfad oder URL).", metavar="PFAD|URL")
    ] = None,
    csv_dialect: Annotated[
        str,
        typer.Option(
            "--csv-dialect",
            help="scores.csv/errors.csv: excel-de (;, Dezimalkomma, BOM) oder plain (, und Punkt).",
            metavar="excel-de|plain",
        ),
    ] = "excel-de",
    lang: LangOption = "de",
) -> None:
    """Ein ganzes Portfolio bewerten: Tabellen, ein PDF je Unternehmen, Übersicht, Fehlerliste.

    Beispiele:
      ki-check batch template kmu-basis --out kunden.xlsx
      ki-check batch kunden.xlsx --out ergebnisse --jobs 2
      ki-check batch kobo-export.csv --write-answers antworten/
    Ergebnis in AUSGABE: scores.xlsx, scores.csv, scores.json, reports/*.pdf, portfolio.pdf,
    errors.csv. EINGABE darf auch ein Export der Einsendungen aus KoboToolbox oder ODK
    Central sein (CSV/XLSX eines mit 'ki-check export xlsform' erstellten Formulars).
    Exit-Code 0: alles bewertet, 1: einige Zeilen fehlerhaft (Rest erledigt), 2: Bedienfehler.
    """
    if write_answers is not None and source != "template":
        from ki_check.interchange.submissions import write_answer_files

        converted = write_answer_files(
            Path(source),
            write_answers,
            questionnaire=use_questionnaire,
            lang=lang,
            today=parse_as_of(as_of),
            force=force,
        )
        for where, column, message in converted.errors:
            cell = f"{where} [{column}]" if column else where
            err.print(f"{cell}: {message}", style="yellow", markup=False, soft_wrap=True)
        err.print(
            pick(
                lang,
                f"{len(converted.written)} Antwortdateien geschrieben, {len(converted.errors)}"
                f" Fehler → {write_answers}",
                f"{len(converted.written)} answer files written, {len(converted.errors)}"
                f" errors → {write_answers}",
            ),
            markup=False,
            soft_wrap=True,
        )
        if converted.stopped is not None:
            raise converted.stopped  # the files named above are complete; the rest was not written
        if output is None:
            raise typer.Exit(EXIT_PARTIAL if converted.errors else 0)
    if output is None:
        raise KiCheckError.coded("USAGE_002", example="--out ergebnisse")
    if source == "template":
        from ki_check.batch.template import write_template
        from ki_check.questionnaire.load import load_questionnaire

        if questionnaire is None:
            raise KiCheckError.coded("USAGE_003")
        written = write_template(load_questionnaire(questionnaire), output, force=force, lang=lang)
        for path in written:
            out.print(pick(lang, f"Geschrieben: {path}", f"Written: {path}"), markup=False)
        return
    if questionnaire is not None:
        raise KiCheckError.coded("USAGE_004", value=questionnaire)
    if csv_dialect not in ("excel-de", "plain"):
        raise KiCheckError.coded(
            "USAGE_005", option="--csv-dialect", value=csv_dialect, allowed="excel-de, plain"
        )
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ki_check.batch.run import run_batch

    writer = None
    if archive:
        from ki_check.archive.ingest import ArchiveWriter
        from ki_check.archive.store import open_archive

        writer = ArchiveWriter(open_archive(db))
        writer.check()

    label = pick(
        lang,
        "bewertet {d} · fehlerhaft {f} · übersprungen {s}",
        "scored {d} · failed {f} · skipped {s}",
    )
    with (
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            TimeElapsedColumn(),
            console=err.real(),
            transient=False,
            disable=not err.is_terminal,  # no spinner frames in a log file or a pipe
        ) as bar,
        terminate_as_interrupt(),
    ):
        task = bar.add_task(label.format(d=0, f=0, s=0), total=None)

        def tick(done: int, failed: int, skipped: int) -> None:
            bar.update(task, description=label.format(d=done, f=failed, s=skipped))

        summary = run_batch(
            Path(source),
            output,
            questionnaire=use_questionnaire,
            jobs=jobs,
            pdf=not no_pdf,
            lang=lang,
            brand=brand,
            baseline=baseline,
            as_of=parse_as_of(as_of),
            force=force,
            timeout=timeout,
            progress=tick,
            on_scored=writer.add if writer else None,
            csv_dialect=csv_dialect,
        )
    if writer is not None:
        writer.close()
        err.print(
            pick(
                lang,
                f"Archiv: {writer.stored} abgelegt, {writer.duplicates} schon vorhanden,"
                f" {writer.incomplete} unvollständig → {writer.archive.target.display}",
                f"Archive: {writer.stored} stored, {writer.duplicates} already there,"
                f" {writer.incomplete} incomplete → {writer.archive.target.display}",
            ),
            markup=False,
            soft_wrap=True,
        )
    text = pick(
        lang,
        f"{summary.done} bewertet, {summary.failed} fehlerhaft,"
        f" {plural(summary.reports, 'Bericht', 'Berichte')} erzeugt,"
        f" {summary.skipped} aktuell gelassen → {output}",
        f"{summary.done} scored, {summary.failed} failed,"
        f" {plural(summary.reports, 'report', 'reports')} made,"
        f" {summary.skipped} up to date → {output}",
    )
    err.print(text, markup=False, soft_wrap=True)
    if summary.interrupted:
        err.print(
            pick(
                lang,
                "Abgebrochen. Erneut starten setzt fort.",
                "Interrupted. Run again to continue.",
            ),
            style="yellow",
        )
        raise typer.Exit(EXIT_INTERRUPTED)
    if summary.failed:
        for error in summary.errors[:SHOW_ERRORS]:
            err.print(error.format(lang), style="red", markup=False, soft_wrap=True)
        more = summary.error_count - min(len(summary.errors), SHOW_ERRORS)
        where = f"{output / 'errors.csv'}, {output / 'scores.xlsx'}"
        err.print(
            pick(
                lang,
                (f"… und {more} weitere. " if more > 0 else "") + f"Alle Fehler stehen in {where}.",
                (f"… and {more} more. " if more > 0 else "") + f"All errors are listed in {where}.",
            ),
            style="yellow",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_PARTIAL)
