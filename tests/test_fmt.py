"""German and English formatting agrees with Babel's (the reference) for the same patterns."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from ki_check import fmt

VALUES = [0, 0.05, 1, 9.95, 24.95, 51.25, 99.99, 100, 1234.5, 1500000, 6800000.5, 12345678.9]


@pytest.mark.parametrize("x", VALUES)
@pytest.mark.parametrize(("lang", "locale"), [("de", "de_DE"), ("en", "en_GB")])
@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_number_matches_babel(x, lang, locale, decimals):
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    # Babel rounds half-even; give it the half-up value so both mean the same number
    expected = format_decimal(fmt._half_up(x, decimals), format=pattern, locale=locale)
    assert fmt.number(x, lang, decimals) == expected


@pytest.mark.parametrize(
    ("share", "de", "en"),
    [
        (0.058, "5,8\xa0%", "5.8%"),
        (0.17, "17\xa0%", "17%"),
        (0.1348, "13,5\xa0%", "13.5%"),
        (1.0, "100\xa0%", "100%"),
        (0.0, "0\xa0%", "0%"),
    ],
)
def test_percent(share, de, en):
    assert fmt.percent(share, "de") == de
    assert fmt.percent(share, "en") == en
    assert de == format_percent(share, "#,##0.#\xa0%", locale="de_DE")


def test_money_matches_babel():
    assert fmt.money(1500000) == format_currency(
        1500000, "EUR", "#,##0\xa0¤", locale="de_DE", currency_digits=False
    )
    assert fmt.money(1234.5, "en", 2) == "€1,234.50"


def test_dates():
    assert fmt.date(dt.date(2026, 3, 5)) == "5. März 2026"
    assert fmt.date("2026-11-20", "en") == "20 November 2026"
    assert fmt.date("2026-11-20", "de", "medium") == "20.11.2026"


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize(("lang", "locale"), [("de", "de_DE"), ("en", "en_GB")])
@pytest.mark.parametrize("style", ["long", "medium"])
def test_dates_match_babel(month, lang, locale, style):
    day = dt.date(2026, month, 7)
    assert fmt.date(day, lang, style) == format_date(day, format=style, locale=locale)
