"""``ki-check interview``: the guided interview in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import LangOption, err, handle_errors, out_option
from ki_check.errors import EXIT_INTERRUPTED, EXIT_USAGE, KiCheckError
from ki_check.i18n import pick, plural

if TYPE_CHECKING:
    from ki_check.interview.session import Ending, InterviewSession, Resume


@handle_errors
def interview(
    questionnaire: Annotated[
        str, typer.Argument(help="ID eines gebündelten Fragebogens oder Pfad.")
    ],
    output: Annotated[Path, out_option("Antwortdatei; wird fortgesetzt, wenn es sie gibt.")],
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
    from ki_check.interview.session import open_interview

    session = open_interview(questionnaire, output, lang=lang, archive=archive, db=db)
    if session.taken_over:
        _print_taken_over(session, lang)
    try:
        resume = session.begin(advisor)
        if resume is not None:
            _print_resume(session, resume, lang)
        _end(session, session.run(), lang)
    finally:
        session.close()


def _print_taken_over(session: InterviewSession, lang: str) -> None:
    """Say that the lock an interrupted interview left on the answer file is taken over."""
    from ki_check.util.filelock import describe_holder

    session.prompter.say(
        pick(
            lang,
            "Hinweis: Ein abgebrochenes Interview hatte die Datei gesperrt"
            f" ({describe_holder(session.taken_over, 'de')}); die Sperre ist übernommen.",
            "Note: an interrupted interview had locked the file"
            f" ({describe_holder(session.taken_over, 'en')}); the lock is taken over.",
        ),
        "yellow",
    )


def _print_resume(session: InterviewSession, resume: Resume, lang: str) -> None:
    """Say whose answer file the interview goes on with and how far it got."""
    output, shown = session.output, resume.shown
    session.prompter.say(
        pick(
            lang,
            f"Fortsetzung von {output}: {resume.name or 'ohne Namen'},"
            f" {resume.answered} von {plural(shown, 'Frage', 'Fragen')} beantwortet.",
            f"Resuming {output}: {resume.name or 'no name'},"
            f" {resume.answered} of {plural(shown, 'question', 'questions')} answered.",
        ),
        "bold",
    )


def _end(session: InterviewSession, ending: Ending, lang: str) -> None:
    """Say how the interview ended: a finished one is assessed, shown and (with --archive)
    filed in the archive, with how to make the report; else how to go on.

    Raises :class:`typer.Exit` with 130 (Ctrl-C) or 2 when answers could not be saved.
    """
    if ending.hangup:
        return  # saved; nobody is left to read a message
    output = ending.path
    if ending.unsaved:
        from ki_check.assessment.answers import dump_answers

        assert session.answers is not None
        # Nothing may be lost: the answers go to the terminal for copying.
        typer.echo(dump_answers(session.answers))
        err.print(
            pick(
                lang,
                f"Nicht gespeichert: {ending.save_error} Die Antworten stehen oben zum"
                " Kopieren in eine Datei.",
                f"Not saved: {ending.save_error} The answers are printed above for copying"
                " into a file.",
            ),
            style="red",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED if ending.interrupted else EXIT_USAGE)
    if not ending.finished:
        resume = f"ki-check interview {session.questionnaire} --out {output}"
        err.print(
            pick(lang, f"Gespeichert. Fortsetzen mit: {resume}", f"Saved. Resume with: {resume}"),
            soft_wrap=True,
        )
        if ending.interrupted:
            raise typer.Exit(EXIT_INTERRUPTED)
        return
    from ki_check.cli.score import print_assessment

    print_assessment(session.assessment(), lang)
    _store(session, output, lang)
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


def _store(session: InterviewSession, output: Path, lang: str) -> None:
    """File the finished interview in the archive (with --archive) and say where; on
    failure say how to add it later and let the error through (exit 2)."""
    try:
        stored = session.store(output)
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
    if stored is None:
        return
    where = stored.where
    text = (
        pick(
            lang,
            f"Im Archiv abgelegt: #{stored.number} → {where}",
            f"Stored in the archive: #{stored.number} → {where}",
        )
        if stored.stored
        else pick(lang, f"Schon im Archiv → {where}", f"Already in the archive → {where}")
    )
    err.print(text, markup=False, soft_wrap=True)
