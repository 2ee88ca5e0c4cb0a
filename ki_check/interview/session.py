"""One interview as ``ki-check interview`` runs it: the questionnaire, the archive and the
locked answer file opened, the interview resumed or started, run, and stored.

:func:`open_interview` opens what the interview needs and fails early (no terminal,
an unknown questionnaire, an archive that cannot be used, a file another interview
holds); the :class:`InterviewSession` it returns goes on where the answer file stopped
(:meth:`~InterviewSession.begin`), runs the interview (:meth:`~InterviewSession.run`)
and files the finished one in the archive (:meth:`~InterviewSession.store`). What the
advisor reads about it is the command line's: these return plain facts to print.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ki_check.errors import KiCheckError

if TYPE_CHECKING:
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.assessment.answers import AnswerFile
    from ki_check.assessment.assess import Assessment
    from ki_check.interview.prompter import ConsolePrompter
    from ki_check.questionnaire.model import Questionnaire
    from ki_check.util.filelock import FileLock


class Resume(NamedTuple):
    """An answer file the interview goes on with: whose it is and how far it got."""

    name: str | None
    answered: int
    shown: int


class Ending(NamedTuple):
    """How the interview ended.

    ``path`` is where the answers are (the advisor may have chosen another file when
    saving failed); ``hangup``: the terminal went away (the answers are saved);
    ``unsaved``: the last changes could not be saved (``save_error`` says why);
    ``interrupted``: left with Ctrl-C; ``finished``: every item answered.
    """

    path: Path
    finished: bool
    hangup: bool = False
    unsaved: bool = False
    interrupted: bool = False
    save_error: str | None = None


class Stored(NamedTuple):
    """The finished interview in the archive: ``stored`` (new) or already there as ``number``."""

    stored: bool
    number: int | None
    where: str


class InterviewSession:
    """An opened interview: its questionnaire, answer file, lock, prompter and archive."""

    def __init__(
        self,
        questionnaire: str,
        q: Questionnaire,
        output: Path,
        *,
        lang: str,
        prompter: ConsolePrompter,
        lock: FileLock,
        writer: ArchiveWriter | None,
    ) -> None:
        self.questionnaire, self.q, self.output, self.lang = questionnaire, q, output, lang
        self.prompter, self.lock, self.writer = prompter, lock, writer
        self.answers: AnswerFile | None = None

    @property
    def taken_over(self) -> dict[str, Any]:
        """Who held the answer file's lock before an interrupted interview left it (or empty)."""
        return self.lock.taken_over

    def begin(self, advisor: str | None) -> Resume | None:
        """Open the answer file to go on with it, or start a new one; the advisor is kept
        where the file names none.

        Returns where a resumed file stands, ``None`` for a new one. Raises the errors of
        :func:`~ki_check.assessment.answers.open_answers` for a file that cannot be
        resumed and ``OUT_003`` when the answer file's folder does not exist.
        """
        from ki_check.assessment.answers import open_answers

        if not self.output.exists():
            self.answers = self._new_answers(advisor)
            return None
        _, af = open_answers(self.output, self.q)
        from ki_check.questionnaire.conditions import visible

        shown = visible(self.q.questions, af.answers)
        answered = sum(1 for v in shown.values() if v is not None)
        if advisor and not af.interview.advisor:
            af.interview.advisor = advisor
        self.answers = af
        return Resume(af.company.name, answered, len(shown))

    def _new_answers(self, advisor: str | None) -> AnswerFile:
        """A new answer file naming the questionnaire as the command line did: a bundled id
        as its id, a file by its path relative to the answer file."""
        from ki_check.assessment.answers import AnswerFile, Interview
        from ki_check.questionnaire.load import resolve_questionnaire_path

        output, questionnaire = self.output, self.questionnaire
        parent = output.parent if str(output.parent) else Path(".")
        if not parent.is_dir():
            raise KiCheckError.coded("OUT_003", folder=parent)
        ref = self.q.ref
        if Path(questionnaire).suffix in (".yaml", ".yml") or os.sep in questionnaire:
            ref = os.path.relpath(
                resolve_questionnaire_path(questionnaire).resolve(), parent.resolve()
            )
        return AnswerFile(
            questionnaire=ref,
            interview=Interview(
                advisor=advisor, date=dt.date.today().isoformat(), language=self.lang
            ),
        )

    def run(self) -> Ending:
        """Run the interview in the terminal, saving after every change (call :meth:`begin`
        first). SIGHUP and SIGTERM end it saved."""
        from ki_check.interview.terminal import Hangup, InterviewRunner, install_signal_handlers

        assert self.answers is not None, "begin() first"
        install_signal_handlers()
        runner = InterviewRunner(
            self.q, self.answers, self.output, self.prompter, lang=self.lang, lock=self.lock
        )
        try:
            finished = runner.run()
        except Hangup:
            return Ending(runner.path, finished=False, hangup=True)
        return Ending(
            runner.path,
            finished=finished,
            unsaved=runner.unsaved,
            interrupted=runner.interrupted,
            save_error=runner.save_error,
        )

    def assessment(self) -> Assessment:
        """The assessment of the answers as they stand."""
        from ki_check.assessment.assess import assess

        assert self.answers is not None, "begin() first"
        return assess(self.q, self.answers)

    def store(self, path: Path) -> Stored | None:
        """File the finished interview (saved at ``path``) in the archive, on its own day.

        Returns ``None`` without an archive. Raises
        :class:`~ki_check.errors.KiCheckError` when the archive cannot take it.
        """
        from ki_check.archive.records import assessment_day
        from ki_check.assessment.assess import assess

        writer, af = self.writer, self.answers
        if writer is None:
            return None
        assert af is not None, "begin() first"
        writer.add(assess(self.q, af, as_of=assessment_day(af)), str(path))
        writer.close()
        return Stored(bool(writer.stored), writer.last_id, writer.archive.target.display)

    def close(self) -> None:
        """Release the answer file's lock."""
        self.lock.release()


def open_interview(
    questionnaire: str, output: Path, *, lang: str, archive: bool, db: str | None
) -> InterviewSession:
    """Open an interview of ``questionnaire`` (a bundled id or a path) into ``output``.

    Loads the questionnaire, opens the archive when ``archive`` (``db`` or the default;
    a broken archive shows now, not after the interview) and locks the answer file
    (taking over a lock an interrupted interview left). Returns the session; its
    :meth:`~InterviewSession.close` releases the lock. Raises ``USAGE_009`` when no
    one can type (stdin is no terminal), :class:`~ki_check.errors.LockedError` when
    another interview has the file open, and the loading and archive errors.
    """
    from ki_check.interview.terminal import ConsolePrompter, stdin_is_terminal
    from ki_check.questionnaire.load import load_questionnaire
    from ki_check.util.filelock import FileLock
    from ki_check.util.fsutil import remove_stale_temps

    if not stdin_is_terminal():
        raise KiCheckError.coded("USAGE_009")
    q = load_questionnaire(questionnaire)
    writer = _archive_writer(db) if archive else None
    prompter = ConsolePrompter()
    lock = FileLock(output)
    if output.parent.is_dir():
        lock.acquire()  # raises LockedError when another interview has the file open
        remove_stale_temps(output.parent, output.name)
    return InterviewSession(
        questionnaire, q, output, lang=lang, prompter=prompter, lock=lock, writer=writer
    )


def _archive_writer(db: str | None) -> ArchiveWriter:
    """The archive the finished interview goes to, checked to be usable."""
    from ki_check.archive.ingest import ArchiveWriter
    from ki_check.archive.store import open_archive

    writer = ArchiveWriter(open_archive(db))
    writer.check()
    return writer
