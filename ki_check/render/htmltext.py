"""The text of a rendered HTML page, changed node by node and nothing else.

:func:`map_text` splits the page at its tags and hands every text run between them
to a function, except inside elements whose content is not page text (``<style>``,
``<script>``, the ``<title>`` that becomes PDF metadata, …). Tags and their
attribute values (links) are never touched. Used by
:mod:`ki_check.render.wordbreak` and :mod:`ki_check.render.typography`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_TAG = re.compile(r"(<[^>]*>)")


def map_text(html: str, change: Callable[[str], str], raw: Iterable[str]) -> str:
    """``html`` with ``change`` applied to each non-empty text run outside the ``raw`` elements."""
    opening = re.compile(rf"<(/?)({'|'.join(raw)})\b", re.IGNORECASE)
    parts = _TAG.split(html)
    raw_depth = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            m = opening.match(part)
            if m:
                raw_depth = max(0, raw_depth + (-1 if m.group(1) else 1))
            continue
        if raw_depth == 0 and part:
            parts[i] = change(part)
    return "".join(parts)
