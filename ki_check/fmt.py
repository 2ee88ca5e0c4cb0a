"""Numbers, percentages, dates and money for people, in German or English.

Numbers use Python's own grouping with the separators of the language
(``1.234,5`` in German, ``1,234.5`` in English) and half-up rounding; dates use
the month names of the two languages. The tests hold every function equal to
Babel's (CLDR) output for the same patterns, so Babel is the reference but not
a run-time dependency: loading its locale data costs 25–50 ms per process,
most of the start-up budget of ``ki-check score`` and a good part of the
report's overhead over WeasyPrint. Machine output (``--json``) never goes
through here: it stays plain numbers and ISO dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
_DE = str.maketrans({",": ".", ".": ","})


_QUANTUM = {d: Decimal(1).scaleb(-d) for d in range(4)}  # 1, 0.1, 0.01, 0.001


def _half_up(x: float, decimals: int) -> Decimal:
    quantum = _QUANTUM.get(decimals) or Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(x))).quantize(quantum, rounding=ROUND_HALF_UP)


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


# Units of number questions are written in the plural ("Jahre"); exactly one takes the
# singular. Grammar, not content: the few units the questionnaires use.
SINGULAR = {
    "Jahre": "Jahr",
    "Monate": "Monat",
    "Tage": "Tag",
    "Personen": "Person",
    "years": "year",
    "months": "month",
    "days": "day",
    "people": "person",
}


def quantity(x: float, unit: str, lang: str = "de", decimals: int = 0) -> str:
    """``3 Jahre`` / ``1 Jahr`` (no-break space): the unit in the singular for exactly one."""
    word = SINGULAR.get(unit, unit) if x == 1 else unit
    return f"{number(x, lang, decimals)}{NBSP}{word}"


def money(x: float, lang: str = "de", decimals: int = 0) -> str:
    """``1.500.000 €`` (de, no-break space) / ``€1,500,000`` (en)."""
    text = number(x, lang, decimals)
    return f"€{text}" if lang == "en" else f"{text}{NBSP}€"


MONTHS = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


# CLDR's abbreviations for en_GB (September is "Sept")
SHORT_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")


def date(d: dt.date | str, lang: str = "de", style: str = "long") -> str:
    """``20. November 2026`` / ``20 November 2026`` (long), ``20.11.2026`` / ``20 Nov 2026``."""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    month = MONTHS["en" if lang == "en" else "de"][d.month - 1]
    if style == "medium":
        return f"{d.day} {SHORT_EN[d.month - 1]} {d.year}" if lang == "en" else f"{d:%d.%m.%Y}"
    return f"{d.day} {month} {d.year}" if lang == "en" else f"{d.day}. {month} {d.year}"
