"""Break opportunities in long words, before WeasyPrint lays a document out.

A run of characters without a space that does not fit on a line makes
WeasyPrint's line breaking (hyphenation, ``overflow-wrap``) try split after
split: a company name of one 300-character "word" cost 20 s, 1,000 characters
five minutes, 10,000 characters more than 25. :func:`break_long_words` puts a
zero-width space (U+200B) after every :data:`CHUNK` characters of any run
longer than :data:`LONG` in every text node of the rendered HTML — every
field a company or advisor typed, whichever template shows it. The space is
invisible and copies as nothing; it only gives the line a place to break.

A web address shown as text is left whole up to :data:`LONG_URL` characters,
so it can still be copied from the PDF (the templates let it break anywhere).
Attribute values (links), ``<style>``, ``<script>``, ``<title>`` (the PDF's
metadata) and inline SVG charts (their text is never wrapped) are left alone.
"""

from __future__ import annotations

import re

from ki_check.render.htmltext import map_text

LONG = 40  # runs up to this length are left whole (German compounds, e-mail addresses)
CHUNK = 24  # a break opportunity after every this many characters of a longer run
LONG_URL = 200  # a link shown as text stays copyable up to this length (CSS breaks it anywhere)
ZWSP = "\u200b"

_RUN = re.compile(rf"[^\s\u200b]{{{LONG + 1},}}")
_URL = re.compile(r"(https?://|www\.|mailto:)", re.IGNORECASE)
_CHAR = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);|.", re.DOTALL)


def _break_run(match: re.Match[str]) -> str:
    chars = _CHAR.findall(match.group())  # an entity such as &amp; counts as one character
    if len(chars) <= LONG or (len(chars) <= LONG_URL and _URL.match(match.group())):
        return match.group()
    return ZWSP.join("".join(chars[i : i + CHUNK]) for i in range(0, len(chars), CHUNK))


def break_long_words(html: str) -> str:
    """``html`` with a zero-width space every :data:`CHUNK` characters of long runs in text."""
    if not _RUN.search(html):
        return html
    return map_text(html, _break_runs, ("style", "script", "title", "svg"))


def _break_runs(part: str) -> str:
    return _RUN.sub(_break_run, part) if len(part) > LONG else part
