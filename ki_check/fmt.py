"""Numbers, percentages, dates and money for people, in German or English.

Numbers use Python's own grouping with the separators of the language
(``1.234,5`` in German, ``1,234.5`` in English) and half-up rounding; a test
holds them equal to Babel's output for the same patterns. Loading Babel's
locale data costs about 25 ms, which would be most of the start-up budget of
``ki-check score``; dates (month names) do use Babel, imported on first use.
Machine output (``--json``) never goes through here: it stays plain numbers
and ISO dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

LOCALES = {"de": "de_DE", "en": "en_GB"}
NBSP = "\u00a0"
_DE = str.maketrans({",": ".", ".": ","})


def _half_up(x: float, decimals: int) -> Decimal:
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(x: float, lang: str = "de", decimals: int = 1) -> str:
    """``1.234,5`` (de) / ``1,234.5`` (en); rounded half-up."""
    text = f"{_half_up(x, decimals):,.{decimals}f}"
    return text if lang == "en" else text.translate(_DE)


def percent(share: float, lang: str = "de", decimals: int | None = None) -> str:
    """A share 0–1 as ``5,8 %`` (de, no-break space) / ``5.8%`` (en).

    Without ``decimals``, one decimal is shown only where it is not zero.
    """
    value = share * 100
    if decimals is None:
        decimals = 0 if _half_up(value, 1) == _half_up(value, 0) else 1
    text = number(value, lang, decimals)
    return f"{text}%" if lang == "en" else f"{text}{NBSP}%"


def money(x: float, lang: str = "de", decimals: int = 0) -> str:
    """``1.500.000 €`` (de, no-break space) / ``€1,500,000`` (en)."""
    text = number(x, lang, decimals)
    return f"€{text}" if lang == "en" else f"{text}{NBSP}€"


def date(d: dt.date | str, lang: str = "de", style: str = "long") -> str:
    """``20. November 2026`` (de, long) / ``20 November 2026`` (en)."""
    from babel.dates import format_date

    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return format_date(d, format=style, locale=LOCALES.get(lang, "de_DE"))
