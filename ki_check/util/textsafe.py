"""User text shown in a terminal as text: no markup, no escape sequences, no emoji codes.

A company name like ``[red]x[/red]`` or ``[/]``, a note holding ``ESC [2J``
(clear screen) or an OSC-8 hyperlink, or ``:thumbs_up:`` must reach the
advisor's terminal as the characters typed. :func:`terminal_text` replaces
control characters (C0 except newline and tab, DEL, C1, and the bidi
overrides that reorder text) by visible stand-ins; :func:`console` gives a
rich console that parses no markup, replaces no emoji codes and passes every
string through :func:`terminal_text` — so every print site is safe by default.
Styles are given with ``style=``, never as markup in a string.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich is imported on use: `ki-check score --json` does not need it
    from rich.console import Console
    from rich.text import Text

# C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides/isolates
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    c = match.group()
    code = ord(c)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def terminal_text(text: str) -> str:
    """``text`` with every control or reordering character replaced by a visible stand-in."""
    return _CONTROL.sub(_visible, text)


def console(stderr: bool = False, **options: Any) -> Console:
    """A rich ``Console`` for ki-check output (see the module docstring).

    Colour follows ``NO_COLOR`` and whether the stream is a terminal, as rich
    decides; ``options`` go to the ``Console``.
    """
    from rich.console import Console

    class SafeConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(terminal_text(text), **kwargs)

    options = {"highlight": False, "markup": False, "emoji": False, **options}
    return SafeConsole(stderr=stderr, **options)


def styled(*parts: str | tuple[str, str]) -> Text:
    """A rich ``Text`` from plain parts and ``(text, style)`` pairs, each made safe."""
    from rich.text import Text

    return Text.assemble(
        *(terminal_text(p) if isinstance(p, str) else (terminal_text(p[0]), p[1]) for p in parts)
    )
