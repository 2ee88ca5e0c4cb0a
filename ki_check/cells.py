"""Spreadsheet cells that can never start a formula.

Excel, LibreOffice and Google Sheets run a cell whose text starts with ``=``,
``+``, ``-`` or ``@`` as a formula (and a leading tab or carriage return can
hide such a start); a company name typed as ``=HYPERLINK(…)`` would become a
link or worse in a consultant's sheet. Every cell ki-check writes to a CSV or
XLSX goes through :func:`safe_cell`.
"""

from __future__ import annotations

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as it may go into a cell: a risky text gets a leading apostrophe.

    Numbers, ``None`` and harmless texts pass through unchanged.
    """
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value
