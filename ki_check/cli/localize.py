"""Help pages and usage errors in German: typer's and click's fixed English phrases translated.

Typer 0.28 vendors click without gettext, so "Show this message and exit.",
"Usage:" or "Missing argument" cannot be switched by a locale. Instead the
root command group of ki-check (:class:`KiGroup`) and its contexts translate
the finished help text (:class:`KiContext`), and :meth:`KiGroup.main` runs the command line in
click's non-standalone mode and prints a usage error itself — the same text
click would print, with the phrases of :data:`PHRASES` translated. English
(``--lang en`` or ``KI_CHECK_LANG=en``) keeps click's words. Exit codes are
click's: 2 for a usage error, 1 for an abort, 130 for Ctrl-C.
"""

from __future__ import annotations

import functools
import io
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from typer import _click
from typer.core import TyperGroup
from typer.exceptions import Abort

from ki_check.i18n import LANGUAGES, default_lang

# (pattern, German) in the order they are tried; \1… are groups of the pattern.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"^Usage: ", "Aufruf: "),
    (r"^Options:$", "Optionen:"),
    (r"^Arguments:$", "Argumente:"),
    (r"^Commands:$", "Befehle:"),
    (r"Show this message and exit\.", "Diese Hilfe anzeigen und beenden."),
    (
        r"Install completion for the current shell\.",
        "Tab-Vervollständigung für diese Shell einrichten.",
    ),
    (
        r"Show completion for the current shell, to copy it or customize the installation\.",
        "Tab-Vervollständigung für diese Shell anzeigen (zum Kopieren oder Anpassen).",
    ),
    (r"\[required\]", "[Pflicht]"),
    (r"\[default: ([^\]]*)\]", r"[Standard: \1]"),
    (r"\[env var: ([^\]]*)\]", r"[Umgebungsvariable: \1]"),
    (r"<path>", "<Pfad>"),  # same width: the columns stay aligned
    (r"^Try '([^']*)' for help\.$", r"Hilfe: '\1'"),
    (r"^Error: ", "Fehler: "),
    (r"Missing argument '([^']*)'\.", r"Das Argument '\1' fehlt."),
    (r"Missing option '([^']*)'\.", r"Die Option '\1' fehlt."),
    (r"Missing parameter: (\S+)", r"Angabe fehlt: \1"),
    (r"Missing command\.", "Bitte einen Befehl angeben."),
    (r"No such option: (\S+)", r"Unbekannte Option: \1"),
    (r"No such command '([^']*)'\.", r"Unbekannter Befehl '\1'."),
    (r"Did you mean ([^?]*)\?", r"Meinten Sie \1?"),
    (r"\(Possible options: ([^)]*)\)", r"(Mögliche Optionen: \1)"),
    (r"Invalid value for ([^:]*): ", r"Ungültiger Wert für \1: "),
    (r"Invalid value: ", "Ungültiger Wert: "),
    (r"'([^']*)' is not a valid int(?:eger)?\.", r"'\1' ist keine ganze Zahl."),
    (r"'([^']*)' is not a valid float\.", r"'\1' ist keine Zahl."),
    (r"'([^']*)' is not a valid boolean\.", r"'\1' ist kein Ja/Nein-Wert."),
    (r"(\S+) is not in the range ([^.]*)\.", r"\1 liegt nicht im Bereich \2."),
    (r"Option '([^']*)' requires an argument\.", r"Die Option '\1' braucht einen Wert."),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"Die Option '\1' braucht \2 Werte."),
    (r"Option '([^']*)' does not take a value\.", r"Die Option '\1' nimmt keinen Wert."),
    (r"Got unexpected extra argument(?:s|\(s\))? \(([^)]*)\)", r"Unerwartete Angabe: \1"),
    (r"^Aborted!$", "Abgebrochen!"),
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The patterns of :data:`PHRASES`, compiled when a help page or error first needs them."""
    return tuple((re.compile(p, re.MULTILINE), de) for p, de in PHRASES)


_lang = {"value": ""}


def current_lang() -> str:
    """The language of this command line: ``--lang`` if given, else ``KI_CHECK_LANG``, else de."""
    return _lang["value"] or default_lang()


def lang_from_args(args: Sequence[str]) -> str:
    """``--lang X`` / ``--lang=X`` from the raw arguments, or ``""``."""
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value.strip().lower()[:2] in LANGUAGES:
            return value.strip().lower()[:2]
    return ""


def translate(text: str, lang: str | None = None) -> str:
    """``text`` with click's fixed phrases in German (unchanged for English)."""
    if (lang or current_lang()) != "de":
        return text
    for pattern, de in _compiled():
        text = pattern.sub(de, text)
    return text


class KiContext(_click.Context):
    """A command's context whose help page and usage line are in the command line's language."""

    def get_help(self) -> str:
        if current_lang() == "de":  # option help is wrapped with the page: translate it first
            for param in self.command.get_params(self):
                text = getattr(param, "help", None)  # options and typer's arguments have help
                if text:
                    setattr(param, "help", translate(text, "de"))  # noqa: B010
        return translate(super().get_help())

    def get_usage(self) -> str:
        return translate(super().get_usage())


def _translated(command: Any) -> None:
    """Give ``command`` and every command below it the translating context."""
    command.context_class = KiContext
    for sub in getattr(command, "commands", {}).values():
        _translated(sub)


class KiGroup(TyperGroup):
    """The root command group: help, usage and usage errors in the command line's language.

    Every command below it (including ones added later by any module) gets
    :class:`KiContext` when the command line runs.
    """

    context_class = KiContext

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        _lang["value"] = lang_from_args(argv)
        _translated(self)
        try:
            result = super().main(
                args=argv,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except (_click.exceptions.ClickException, Abort) as exc:
            if not standalone_mode:
                raise
            _exit_with(exc)
        finally:
            _lang["value"] = ""
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _exit_with(exc: _click.exceptions.ClickException | Abort) -> NoReturn:
    """Print a usage error or an abort as click would, translated, and exit with its code
    (1 for an abort)."""
    if isinstance(exc, Abort):
        sys.stderr.write(translate("Aborted!") + "\n")
        sys.exit(1)
    buffer = io.StringIO()
    exc.show(file=buffer)
    sys.stderr.write(translate(buffer.getvalue()))
    sys.exit(exc.exit_code)
