"""Spreadsheet cells that stay data: text is never run as a formula.

A company called ``=HYPERLINK("http://x","a")`` or ``=cmd|' /C calc'!A0`` would
be a live formula when a consultant opens ``scores.csv`` in Excel or
LibreOffice. As OWASP recommends for CSV injection, every text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which spreadsheets show as text. Every CSV and XLSX file ki-check
writes goes through :func:`safe_cell`.

Numbers are written as numbers: a score or a negative difference computed by
ki-check (a Python ``int``/``float``) stays a number cell in XLSX and a plain
``-1.5`` in CSV — a spreadsheet reads that as a value, not a formula. Only text
is changed, so a company literally named ``-1`` appears as ``'-1``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` for a spreadsheet cell: text a spreadsheet would evaluate gets a leading ``'``.

    Returns anything that is not text (numbers, booleans, ``None``, dates) unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(v) for v in values]
