"""The interview in a terminal: shows the current item, reads a line, saves after every change.

Input goes through :class:`Prompter` so that tests and other front ends can
drive it; the real one reads lines with ``input()`` (line editing works, and
a pseudo-terminal can type into it) and writes with rich. What comes next is
decided by :class:`ki_check.interview.machine.InterviewState`; this module only talks.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ki_check.assessment.answers import AnswerFile, save_answers
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.errors import InputError, LockedError, OutputError
from ki_check.i18n import pick, tr
from ki_check.interview.machine import (
    OPTIONAL_FIELDS,
    InterviewState,
    Item,
    parse_answer,
    parse_date,
    parse_profile,
)
from ki_check.interview.prompter import (  # re-exported: the CLI and tests import them from here
    ConsolePrompter,
    Hangup,
    Interrupted,
    NotSaved,
    Prompter,
    Quit,
    install_signal_handlers,
    stdin_is_terminal,
)
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT
from ki_check.questionnaire.model import Questionnaire
from ki_check.util.filelock import FileLock

__all__ = [
    "ConsolePrompter",
    "Hangup",
    "Interrupted",
    "InterviewRunner",
    "NotSaved",
    "Prompter",
    "Quit",
    "install_signal_handlers",
    "moved_reference",
    "stdin_is_terminal",
]


PROFILE_PROMPTS = {
    "name": ("Name des Unternehmens", "Company name"),
    "state": (
        "Bundesland (Nummer oder Kürzel, z. B. BY)",
        "German state (number or code, e.g. BY)",
    ),
    "employees": ("Beschäftigte (Anzahl Personen)", "Employees (number of people)"),
    "turnover_eur": (
        "Jahresumsatz in Euro (z. B. 1.500.000 oder 1,5 Mio)",
        "Annual turnover in euros (e.g. 1500000 or 1.5 Mio)",
    ),
    "balance_sheet_eur": (
        "Bilanzsumme in Euro (optional, Enter überspringt)",
        "Balance sheet total in euros (optional, Enter skips)",
    ),
    "founded": ("Gründungsjahr", "Year founded"),
    "sector": (
        "Branche nach WZ 2008 (Nummer, Buchstabe oder Name)",
        "Sector, WZ 2008 (number, letter or name)",
    ),
    "startup": ("Start-up? (j/nein)", "Start-up? (j/nein)"),
    "university_spinoff": (
        "Ausgründung aus einer Hochschule? (j/nein)",
        "University spin-off? (j/nein)",
    ),
}


class InterviewRunner:
    """Runs one interview against a prompter, saving ``path`` after every change."""

    def __init__(
        self,
        q: Questionnaire,
        af: AnswerFile,
        path: Path,
        prompter: Prompter,
        lang: str = "de",
        today: dt.date | None = None,
        save: Callable[[AnswerFile, Path], None] = save_answers,
        lock: FileLock | None = None,
    ) -> None:
        self.state = InterviewState(q, af)
        self.q, self.af, self.path = q, af, path
        self.p = prompter
        self.lang = lang
        self.today = today or dt.date.today()
        self._save = save
        self.lock = lock
        self.interrupted = False  # left with Ctrl-C
        self.unsaved = False  # left with changes that could not be saved
        self.save_error: str | None = None

    def t(self, de: str, en: str) -> str:
        return pick(self.lang, de, en)

    def save(self) -> None:
        """Save; if that fails, say why, keep the answers and ask for a retry or another file.

        Raises :class:`NotSaved` when the advisor leaves instead (``q``, Ctrl-C).
        """
        while not self.try_save():
            assert self.save_error is not None
            self.p.say(self.t("Nicht gespeichert: ", "Not saved: ") + self.save_error, "red")
            self.p.say(
                self.t(
                    "Die Antworten bleiben erhalten. Enter: erneut versuchen ·"
                    " Dateiname: dort speichern · q: ohne Speichern beenden",
                    "The answers are kept. Enter: try again · file name: save there ·"
                    " q: leave without saving",
                ),
                "yellow",
            )
            try:
                reply = self.p.ask(self.t("Speichern > ", "Save > ")).strip()
            except Hangup:
                raise
            except Quit as exc:
                raise NotSaved from exc
            if reply.lower() == "q":
                raise NotSaved
            if reply:
                self.move_to(Path(reply).expanduser())

    def try_save(self) -> bool:
        """Save once; ``False`` (and :attr:`save_error` set) if the file cannot be written."""
        try:
            self._save(self.af, self.path)
        except OutputError as exc:
            self.save_error = exc.sentence(self.lang)
            return False
        self.save_error = None
        return True

    def move_to(self, target: Path) -> None:
        """Save from now on to ``target`` (a new file; its lock taken, the old one freed)."""
        if target.resolve() == self.path.resolve():
            return  # the same file: just try again
        if target.exists():
            self.p.say(
                self.t(
                    f"{target} gibt es schon; bitte einen neuen Dateinamen angeben.",
                    f"{target} already exists; please give a new file name.",
                ),
                "red",
            )
            return
        lock = FileLock(target)
        try:
            lock.acquire()
        except LockedError as exc:
            self.p.say(exc.message(self.lang), "red")
            return
        if self.lock is not None:
            self.lock.release()
        self.af.questionnaire = moved_reference(self.af.questionnaire, self.path, target)
        self.lock, self.path = lock, target

    # --- the loop ------------------------------------------------------------------------
    def run(self) -> bool:
        """Go through all open items; ``True`` when finished, ``False`` when stopped early.

        After ``False``, :attr:`interrupted` tells Ctrl-C from ``q`` and
        :attr:`unsaved` says the last changes could not be saved.
        """
        try:
            self.save()
            self.state.start()
            while self.state.cursor is not None:
                self.step(self.state.cursor)
            if self.review():
                return self.run_remaining()
            self.closing()
            self.state.finish(self.today)
            self.save()
            return True
        except Hangup:  # nobody is left to read a message: save and leave
            self.try_save()
            raise
        except NotSaved as exc:
            self.unsaved = True
            self.interrupted = isinstance(exc.__cause__, Interrupted)
            return False
        except (Quit, KeyboardInterrupt) as exc:  # Ctrl-C outside a prompt ends the same way
            self.interrupted = not isinstance(exc, Quit) or isinstance(exc, Interrupted)
            try:
                self.save()
            except NotSaved:
                self.unsaved = True
            return False

    def run_remaining(self) -> bool:
        """Second pass over the questions chosen for revisiting."""
        for qid in self.state.to_revisit():
            question = self.q.question(qid)
            if question is None or qid not in {i.key for i in self.state.items()}:
                continue
            items = [i for i in self.state.items() if i.key == qid]
            for item in items:
                self.state.cursor = item
                self.step(item, revisit=True)
        self.closing()
        self.state.finish(self.today)
        self.save()
        return True

    def legend(self, item: Item) -> str:
        parts = [self.t("? Hilfe", "? help"), self.t("w weiß nicht", "w don't know")]
        if item.kind == "question" and self.state.question(item).allow_not_relevant:
            parts.append(self.t("n nicht relevant", "n not relevant"))
        if item.kind == "question":
            parts.append(self.t("k Notiz", "k note"))
        parts += [
            self.t("z zurück", "z back"),
            self.t("s überspringen", "s skip"),
            self.t("q speichern & beenden", "q save & quit"),
        ]
        return " · ".join(parts)

    def step(self, item: Item, revisit: bool = False) -> None:
        """Show ``item``, read one line, act on it."""
        if item.kind == "profile":
            self.show_profile(item)
        else:
            self.show_question(item)
        text = self.p.ask("> ")
        command = text.strip().lower()
        if command == "q":
            raise Quit
        if command == "z":
            self.state.back()
            return
        if command == "?":
            self.show_help(item)
            return
        if command == "s":
            if item.kind == "question" and self.state.question(item).required and not revisit:
                self.p.say(
                    self.t(
                        "Pflichtfrage: bitte beantworten oder w für „weiß nicht“.",
                        "Required question: please answer or type w for “don't know”.",
                    ),
                    "yellow",
                )
                return
            if item.kind == "profile" and item.key == "name" and not self.af.company.name:
                self.p.say(self.t("Der Name wird gebraucht.", "The name is needed."), "yellow")
                return
            self.state.skip()
            return
        if item.kind == "profile":
            self.answer_profile(item, text)
        else:
            self.answer_question(item, text, command)

    # --- profile ---------------------------------------------------------------------------
    def show_profile(self, item: Item) -> None:
        if item.key == "name":
            self.p.say(self.t("Unternehmensprofil", "Company profile"), "bold")
        if item.key == "state":
            self.p.say("  " + "  ".join(f"{i}={c}" for i, c in enumerate(STATES, 1)), "dim")
        if item.key == "sector":
            for i, (code, name) in enumerate(SECTORS.items(), 1):
                self.p.say(f"  {i:>2} {code} {tr(name, self.lang)}", "dim")
        de, en = PROFILE_PROMPTS[item.key]
        current = getattr(self.af.company, item.key)
        now = f" [{current}]" if current not in (None, "") else ""
        self.p.say(self.t(de, en) + now)
        self.p.say(self.legend(item), "dim")

    def answer_profile(self, item: Item, text: str) -> None:
        if not text.strip():
            current = getattr(self.af.company, item.key)
            if current not in (None, "") or item.key in OPTIONAL_FIELDS:
                self.state.advance()  # Enter keeps the value / skips an optional field
                return
        if text.strip().lower() == "w":
            self.state.advance()  # unknown: leave empty
            return
        try:
            value = parse_profile(item.key, text, self.lang, self.today)
        except InputError as exc:
            self.p.say(exc.message(self.lang), "red")
            return
        self.state.set_profile(item.key, value)
        self.save()
        self.state.advance()

    # --- questions ---------------------------------------------------------------------------
    def show_question(self, item: Item) -> None:
        question = self.state.question(item)
        dim = self.q.dimension(question.dimension)
        number, total = self.state.progress()
        width = 24
        filled = round(width * (number - 1) / total) if total else 0
        bar = "█" * filled + "░" * (width - filled)
        head = self.t(f"Frage {number} von {total}", f"Question {number} of {total}")
        self.p.say("")
        self.p.say(f"{tr(dim.label, self.lang) if dim else ''} · {head}  {bar}", "bold cyan")
        self.p.say(tr(question.text, self.lang), "bold")
        if question.hint:
            self.p.say(tr(question.hint, self.lang), "dim")
        if item.row is not None:
            row = next(r for r in question.rows if r.id == item.row)
            self.p.say("  ▸ " + tr(row.label, self.lang), "bold")
        if question.type in ("single_choice", "yes_no", "multiple_choice", "matrix"):
            for i, opt in enumerate(question.options, 1):
                self.p.say(f"  {i}  {tr(opt.label, self.lang)}")
            if question.type == "multiple_choice":
                self.p.say(
                    self.t("  (mehrere Nummern, z. B. 1,3)", "  (several numbers, e.g. 1,3)"), "dim"
                )
        elif question.type == "scale":
            labels = ", ".join(f"{v} = {tr(t, self.lang)}" for v, t in question.scale_labels)
            self.p.say(
                f"  {question.min:g} … {question.max:g}" + (f"  ({labels})" if labels else "")
            )
        elif question.type == "number":
            unit = f" {tr(question.unit, self.lang)}" if question.unit else ""
            self.p.say(self.t("  Zahl", "  Number") + unit, "dim")
        current = self.current_text(item)
        if current:
            self.p.say(
                self.t(f"  bisher: {current} (Enter behält)", f"  so far: {current} (Enter keeps)"),
                "green",
            )
        self.p.say(self.legend(item), "dim")

    def current_text(self, item: Item) -> str:
        value = self.af.answers.get(item.key)
        if isinstance(value, dict) and item.row is not None:
            value = value.get(item.row)
        if value is None:
            return ""
        if value == DONT_KNOW:
            return self.t("weiß nicht", "don't know")
        if value == NOT_RELEVANT:
            return self.t("nicht relevant", "not relevant")
        question = self.state.question(item)
        if isinstance(value, list):
            return ", ".join(tr(question.option_map[v].label, self.lang) for v in value)
        if isinstance(value, str) and value in question.option_map:
            return tr(question.option_map[value].label, self.lang)
        return str(value)

    def answer_question(self, item: Item, text: str, command: str) -> None:
        question = self.state.question(item)
        if command == "k":
            note = self.p.ask(self.t("Notiz (leer löscht): ", "Note (empty removes): "))
            self.state.set_note(item, note)
            self.save()
            return
        if command == "w":
            value: Any = DONT_KNOW
        elif command == "n":
            if not question.allow_not_relevant:
                self.p.say(
                    self.t(
                        "„Nicht relevant“ ist bei dieser Frage nicht vorgesehen.",
                        "“Not relevant” is not offered for this question.",
                    ),
                    "yellow",
                )
                return
            value = NOT_RELEVANT
        elif not text.strip() and self.state.is_answered(item):
            self.state.advance()
            return
        else:
            try:
                value = parse_answer(question, text, item.row)
            except InputError as exc:
                self.p.say(exc.message(self.lang), "red")
                return
        dropped = self.state.set_answer(item, value)
        self.save()
        if dropped:
            self.p.say(
                self.t("Ausgeblendet, Antworten entfernt: ", "Hidden, answers removed: ")
                + ", ".join(dropped),
                "yellow",
            )
        self.state.advance()

    def show_help(self, item: Item) -> None:
        if item.kind == "profile":
            self.p.say(
                self.t(
                    "Angaben zum Unternehmen; sie bestimmen Vergleichszahl und Förderprogramme.",
                    "Company details; they decide the baseline and the funding programmes.",
                ),
                "italic",
            )
            return
        question = self.state.question(item)
        text = (
            tr(question.guidance, self.lang)
            if question.guidance
            else self.t("Keine Hinweise.", "No guidance.")
        )
        self.p.say(self.t("Hinweis für die Beratung: ", "Advisor guidance: ") + text, "italic")

    # --- the end -----------------------------------------------------------------------------
    def review(self) -> bool:
        """List what is open or "don't know"; ``True`` if the advisor wants to go back to it."""
        todo = self.state.to_revisit()
        if not todo:
            return False
        self.p.say("")
        self.p.say(self.t("Noch offen oder „weiß nicht“:", "Still open or “don't know”:"), "bold")
        for qid in todo:
            question = self.q.question(qid)
            self.p.say(f"  - {tr(question.text, self.lang) if question else qid}")
        reply = self.p.ask(
            self.t("Jetzt nachholen? (j/nein) > ", "Go back to them now? (j/nein) > ")
        )
        return reply.strip().lower() in ("j", "ja", "y", "yes")

    def closing(self) -> None:
        """Ask for the advisor's conclusion and the re-check date; Enter keeps or skips."""
        it = self.af.interview
        self.p.say("")
        self.p.say(self.t("Abschluss der Beratung", "Closing the interview"), "bold")
        if it.conclusion:
            self.p.say(self.t(f"  bisher: {it.conclusion}", f"  so far: {it.conclusion}"), "green")
        text = self.p.ask(
            self.t(
                "Ihr Fazit in eigenen Worten (Enter überspringt) > ",
                "Your conclusion in your own words (Enter skips) > ",
            )
        )
        if text.strip().lower() == "q":
            raise Quit
        if text.strip():
            it.conclusion = text.strip()
            self.save()
        since = dt.date.fromisoformat(it.date) if it.date else self.today
        while True:
            now = f" [{it.follow_up}]" if it.follow_up else ""
            text = self.p.ask(
                self.t(
                    f"Termin der Nachprüfung, z. B. 2027-05-20{now} (Enter überspringt) > ",
                    f"Date of the re-check, e.g. 2027-05-20{now} (Enter skips) > ",
                )
            )
            if text.strip().lower() == "q":
                raise Quit
            if not text.strip():
                return
            try:
                it.follow_up = parse_date(text, not_before=since).isoformat()
            except InputError as exc:
                self.p.say(exc.message(self.lang), "red")
                continue
            self.save()
            return


def moved_reference(ref: str, old: Path, new: Path) -> str:
    """The answer file's ``questionnaire:`` after saving it elsewhere.

    A bundled id stays; a relative path (``../fragen/eigen.yaml``) is rewritten
    so that it still points at the same file from ``new``'s folder.
    """
    if not ref.endswith((".yaml", ".yml")) or Path(ref).is_absolute():
        return ref
    target = (old.parent / ref).resolve()
    return Path(os.path.relpath(target, new.parent.resolve())).as_posix()
