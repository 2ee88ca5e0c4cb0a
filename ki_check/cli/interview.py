"""``ki-check interview``: the guided interview in the terminal."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import LangOption, err, handle_errors
from ki_check.errors import EXIT_INTERRUPTED, EXIT_USAGE, KiCheckError
from ki_check.i18n import pick, plural

if TYPE_CHECKING:
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.assessment.answers import AnswerFile
    from ki_check.interview.terminal import ConsolePrompter
    from ki_check.questionnaire.model import Questionnaire
    from ki_check.util.filelock import FileLock


@handle_errors
def interview(
    questionnaire: Annotated[
        str, typer.Argument(help="ID eines gebündelten Fragebogens oder Pfad.")
    ],
    output: Annotated[
        Path, typer.Option("--out", "-o", help="Antwortdatei; wird fortgesetzt, wenn es sie gibt.")
    ],
    advisor: Annotated[
        str | None,
        typer.Option("--advisor", help="Name der Beraterin / des Beraters.", metavar="NAME"),
    ] = None,
    archive: Annotated[
        bool, typer.Option("--archive", help="Am Ende im Archiv ablegen (--db oder Standard).")
    ] = False,
    db: Annotated[
        str | None, typer.Option("--db", help="Archiv (Pfad oder URL).", metavar="PFAD|URL")
    ] = None,
    lang: LangOption = "de",
) -> None:
    """Ein Unternehmen im Terminal interviewen; jede Antwort wird sofort gespeichert.

    Beispiel: ki-check interview kmu-basis --out muster-gmbh.yaml --advisor "Erika Beispiel"
    Tasten bei jeder Frage: ? Hilfe, w weiß nicht, n nicht relevant, k Notiz, z zurück,
    s überspringen, q speichern und beenden. Gibt es die Antwortdatei schon, geht es bei der
    ersten offenen Frage weiter.
    """
    from ki_check.interview.terminal import ConsolePrompter, stdin_is_terminal
    from ki_check.questionnaire.load import load_questionnaire
    from ki_check.util.filelock import FileLock, describe_holder
    from ki_check.util.fsutil import remove_stale_temps

    if not stdin_is_terminal():
        raise KiCheckError.coded("USAGE_009")
    q = load_questionnaire(questionnaire)
    writer = _archive_writer(db) if archive else None  # a broken archive shows now, not later
    prompter = ConsolePrompter()
    lock = FileLock(output)
    if output.parent.is_dir():
        lock.acquire()  # raises LockedError when another interview has the file open
        remove_stale_temps(output.parent, output.name)
    if lock.taken_over:
        prompter.say(
            pick(
                lang,
                "Hinweis: Ein abgebrochenes Interview hatte die Datei gesperrt"
                f" ({describe_holder(lock.taken_over, 'de')}); die Sperre ist übernommen.",
                "Note: an interrupted interview had locked the file"
                f" ({describe_holder(lock.taken_over, 'en')}); the lock is taken over.",
            ),
            "yellow",
        )
    try:
        _run(questionnaire, q, output, advisor, lang, prompter, lock, writer)
    finally:
        lock.release()


def _run(
    questionnaire: str,
    q: Questionnaire,
    output: Path,
    advisor: str | None,
    lang: str,
    prompter: ConsolePrompter,
    lock: FileLock,
    writer: ArchiveWriter | None,
) -> None:
    """Open or start the answer file, run the interview, say how it ended."""
    from ki_check.assessment.answers import AnswerFile, Interview, dump_answers, open_answers
    from ki_check.interview.terminal import Hangup, InterviewRunner, install_signal_handlers
    from ki_check.questionnaire.load import resolve_questionnaire_path

    if output.exists():
        _, af = open_answers(output, q)
        from ki_check.questionnaire.conditions import visible

        shown = visible(q.questions, af.answers)
        answered = sum(1 for v in shown.values() if v is not None)
        prompter.say(
            pick(
                lang,
                f"Fortsetzung von {output}: {af.company.name or 'ohne Namen'},"
                f" {answered} von {plural(len(shown), 'Frage', 'Fragen')} beantwortet.",
                f"Resuming {output}: {af.company.name or 'no name'},"
                f" {answered} of {plural(len(shown), 'question', 'questions')} answered.",
            ),
            "bold",
        )
        if advisor and not af.interview.advisor:
            af.interview.advisor = advisor
    else:
        parent = output.parent if str(output.parent) else Path(".")
        if not parent.is_dir():
            raise KiCheckError.coded("OUT_003", folder=parent)
        ref = q.ref
        path = Path(questionnaire)
        if path.suffix in (".yaml", ".yml") or os.sep in questionnaire:
            ref = os.path.relpath(
                resolve_questionnaire_path(questionnaire).resolve(), parent.resolve()
            )
        af = AnswerFile(
            questionnaire=ref,
            interview=Interview(advisor=advisor, date=dt.date.today().isoformat(), language=lang),
        )
    install_signal_handlers()
    runner = InterviewRunner(q, af, output, prompter, lang=lang, lock=lock)
    try:
        finished = runner.run()
    except Hangup:
        return  # saved; nobody is left to read a message
    output = runner.path  # the advisor may have chosen another file when saving failed
    resume = f"ki-check interview {questionnaire} --out {output}"
    if runner.unsaved:
        # Nothing may be lost: the answers go to the terminal for copying.
        typer.echo(dump_answers(af))
        err.print(
            pick(
                lang,
                f"Nicht gespeichert: {runner.save_error} Die Antworten stehen oben zum"
                " Kopieren in eine Datei.",
                f"Not saved: {runner.save_error} The answers are printed above for copying"
                " into a file.",
            ),
            style="red",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED if runner.interrupted else EXIT_USAGE)
    if not finished:
        err.print(
            pick(lang, f"Gespeichert. Fortsetzen mit: {resume}", f"Saved. Resume with: {resume}"),
            soft_wrap=True,
        )
        if runner.interrupted:
            raise typer.Exit(EXIT_INTERRUPTED)
        return
    from ki_check.assessment.assess import assess
    from ki_check.cli.score import print_assessment

    print_assessment(assess(q, af), lang)
    if writer is not None:
        _store(writer, q, af, output, lang)
    report = f"ki-check report {output} --out {output.with_suffix('.pdf')}"
    err.print(
        pick(
            lang,
            f"Interview abgeschlossen. Bericht erstellen mit: {report}",
            f"Interview complete. Create the report with: {report}",
        ),
        markup=False,
        soft_wrap=True,
    )


def _archive_writer(db: str | None) -> ArchiveWriter:
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.archive.store import open_archive

    writer = ArchiveWriter(open_archive(db))
    writer.check()
    return writer


def _store(
    writer: ArchiveWriter, q: Questionnaire, af: AnswerFile, output: Path, lang: str
) -> None:
    """Store the finished interview; on failure say how to add it later, exit 2."""
    from ki_check.archive.records import assessment_day
    from ki_check.assessment.assess import assess

    try:
        writer.add(assess(q, af, as_of=assessment_day(af)), str(output))
        writer.close()
    except KiCheckError:
        err.print(
            pick(
                lang,
                f"Die Antworten sind in {output} gespeichert; später ablegen mit:"
                f" ki-check archive add {output}",
                f"The answers are saved in {output}; store them later with:"
                f" ki-check archive add {output}",
            ),
            style="yellow",
            markup=False,
            soft_wrap=True,
        )
        raise
    where = writer.archive.target.display
    text = (
        pick(
            lang,
            f"Im Archiv abgelegt: #{writer.last_id} → {where}",
            f"Stored in the archive: #{writer.last_id} → {where}",
        )
        if writer.stored
        else pick(lang, f"Schon im Archiv → {where}", f"Already in the archive → {where}")
    )
    err.print(text, markup=False, soft_wrap=True)
