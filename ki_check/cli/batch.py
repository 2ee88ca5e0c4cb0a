"""``ki-check batch``: a whole portfolio in one command."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import (
    AsOfOption,
    BaselineOption,
    BrandOption,
    LangOption,
    err,
    handle_errors,
    out,
    out_option,
    parse_as_of,
    terminate_as_interrupt,
)
from ki_check.i18n import pick, plural

if TYPE_CHECKING:
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.batch.summary import BatchSummary
    from ki_check.batch.summary import Progress as OnProgress
    from ki_check.interchange.submissions import Converted

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
        out_option("Ausgabeordner (bzw. Datei bei 'template'). Pflicht."),
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
    from ki_check.batch.request import BatchRequest, run_request

    request = BatchRequest(
        source=source,
        questionnaire=questionnaire,
        out=output,
        jobs=jobs,
        pdf=not no_pdf,
        brand=brand,
        baseline=baseline,
        use_questionnaire=use_questionnaire,
        write_answers=write_answers,
        as_of=functools.partial(parse_as_of, as_of),  # read only by the steps that need it
        timeout=timeout,
        force=force,
        archive=archive,
        db=db,
        csv_dialect=csv_dialect,
        lang=lang,
    )
    code = run_request(request, _Screen(lang))
    if code:
        raise typer.Exit(code)


class _Screen:
    """What ``ki-check batch`` prints while the library works (see ``BatchScreen``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def converted(self, converted: Converted, folder: Path) -> None:
        """Each row that could not be converted, then how many files were written."""
        lang = self.lang
        for where, column, message in converted.errors:
            cell = f"{where} [{column}]" if column else where
            err.print(f"{cell}: {message}", style="yellow", markup=False, soft_wrap=True)
        written, errors = len(converted.written), len(converted.errors)
        err.print(
            pick(
                lang,
                f"{written} Antwortdateien geschrieben, {errors} Fehler → {folder}",
                f"{written} answer files written, {errors} errors → {folder}",
            ),
            markup=False,
            soft_wrap=True,
        )

    def template_written(self, written: list[Path]) -> None:
        """``Geschrieben: kunden.xlsx`` for each file of the template."""
        for path in written:
            out.print(pick(self.lang, f"Geschrieben: {path}", f"Written: {path}"), markup=False)

    @contextlib.contextmanager
    def scoring(self) -> Iterator[OnProgress]:
        """A progress line on a terminal (none in a log file or a pipe); SIGTERM stops like
        Ctrl-C inside, so the batch keeps what it finished."""
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        label = pick(
            self.lang,
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

            yield tick

    def archived(self, writer: ArchiveWriter) -> None:
        """How many assessments went into the archive."""
        err.print(
            pick(
                self.lang,
                f"Archiv: {writer.stored} abgelegt, {writer.duplicates} schon vorhanden,"
                f" {writer.incomplete} unvollständig → {writer.archive.target.display}",
                f"Archive: {writer.stored} stored, {writer.duplicates} already there,"
                f" {writer.incomplete} incomplete → {writer.archive.target.display}",
            ),
            markup=False,
            soft_wrap=True,
        )

    def scored(self, summary: BatchSummary) -> None:
        """The counts; then that it was interrupted, or the first errors and where all are."""
        lang, output = self.lang, summary.out_dir
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
        elif summary.failed:
            _print_errors(summary, lang)


def _print_errors(summary: BatchSummary, lang: str) -> None:
    """The first :data:`SHOW_ERRORS` errors, and the files that list all of them."""
    output = summary.out_dir
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
