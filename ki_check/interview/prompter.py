"""Talking to the advisor: the prompter, how an interview is left, and the signals that end it.

:class:`ConsolePrompter` writes with a safe rich console
(:func:`ki_check.util.textsafe.console`) and reads lines with ``input()``; Ctrl-D
and Ctrl-C become :class:`Quit` and :class:`Interrupted`. SIGHUP (a closed
terminal, not on Windows) and SIGTERM become :class:`Hangup`, so the interview
saves before leaving.
"""

from __future__ import annotations

import signal
import sys
from typing import Any, Protocol


class Quit(Exception):
    """The advisor asked to stop (``q``, Ctrl-C, Ctrl-D or a closed terminal)."""


class Interrupted(Quit):
    """Ctrl-C: saved like ``q``, but the command exits with 130."""


class NotSaved(Quit):
    """The advisor left although the last changes could not be saved anywhere."""


class Prompter(Protocol):
    """Where the interview writes and reads."""

    def say(self, text: str, style: str | None = None) -> None: ...

    def ask(self, prompt: str) -> str: ...


class ConsolePrompter:
    """Rich output, ``input()`` for lines; Ctrl-C / Ctrl-D become :class:`Quit`."""

    def __init__(self) -> None:
        from ki_check.util.textsafe import console

        self.console = console()

    def say(self, text: str, style: str | None = None) -> None:
        self.console.print(text, style=style)

    def ask(self, prompt: str) -> str:
        try:
            return self.console.input(prompt)
        except EOFError:
            self.console.print()  # the line the terminal left open
            raise Quit from None
        except KeyboardInterrupt:
            self.console.print()  # "^C" stays on its own line
            raise Interrupted from None


class Hangup(Quit):
    """The terminal was closed (SIGHUP) or the process was asked to stop (SIGTERM)."""


def install_signal_handlers() -> None:
    """Turn SIGHUP and SIGTERM into :class:`Hangup` so the loop saves before leaving.

    Windows has no SIGHUP; there only SIGTERM is caught.
    """

    def handler(signum: int, frame: Any) -> None:
        raise Hangup

    for name in ("SIGHUP", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, handler)


def stdin_is_terminal() -> bool:
    """Whether a person can type: the interview refuses to run on a pipe."""
    return sys.stdin.isatty()
