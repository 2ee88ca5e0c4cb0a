"""Numbers, percentages, dates and money for people, in German or English (Babel).

Machine output (``--json``) never goes through here: it stays plain numbers
and ISO dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

LOCALES = {"de": "de_DE", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "de_DE")


def _half_up(x: float, decimals: int) -> Decimal:
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(x: float, lang: str = "de", decimals: int = 1) -> str:
    """``51,2`` (de) / ``51.2`` (en); rounded half-up."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_half_up(x, decimals), format=pattern, locale=_locale(lang))


def percent(share: float, lang: str = "de", decimals: int | None = None) -> str:
    """A share 0–1 as ``5,8 %`` (de) / ``5.8%`` (en); decimals shown only where needed."""
    from babel.numbers import format_percent

    value = share * 100
    if decimals is None:
        decimals = 0 if float(_half_up(value, 1)).is_integer() else 1
    pattern = (
        "#,##0" + ("." + "0" * decimals if decimals else "") + ("\u00a0%" if lang != "en" else "%")
    )
    return format_percent(_half_up(value, decimals) / 100, format=pattern, locale=_locale(lang))


def date(d: dt.date | str, lang: str = "de", style: str = "long") -> str:
    """``20. November 2026`` (de, long) / ``20 November 2026`` (en)."""
    from babel.dates import format_date

    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return format_date(d, format=style, locale=_locale(lang))


def money(x: float, lang: str = "de", decimals: int = 0) -> str:
    """``1.500.000 €`` (de) / ``€1,500,000`` (en)."""
    from babel.numbers import format_currency

    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    pattern = "¤" + digits if lang == "en" else digits + "\u00a0¤"
    return format_currency(
        _half_up(x, decimals), "EUR", format=pattern, locale=_locale(lang), currency_digits=False
    )
