"""Amounts for one company and the catalogue's source and amount format, case by case.

The catalogue files in ``tests/data/catalogues`` are named after the case they
show; amounts are checked on small programmes written for the test, with the
expected text worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import DATA

from ki_check.assessment.answers import Company
from ki_check.errors import ValidationError
from ki_check.funding.catalogue import load_funding
from ki_check.funding.match import Amount, Eligibility, Programme, Source, amount_for, amount_lines

CATALOGUES = DATA / "catalogues"
DAY = dt.date(2026, 11, 24)
TEXT = {"de": "x", "en": "x"}
NBSP = "\xa0"


def programme(*amounts: Amount) -> Programme:
    return Programme(
        id="test",
        name=TEXT,
        provider="Test",
        level="bund",
        states=("*",),
        kind="grant",
        status="open",
        funds=TEXT,
        rate=TEXT,
        max_eur=None,
        eligibility=Eligibility(),
        url="https://example.org",
        valid_until=None,
        last_verified=DAY,
        sources=(Source("Test", date=DAY.isoformat()),),
        amounts=amounts,
    )


def amount(p: Programme, lang: str = "de", **company) -> str | None:
    text = amount_for(p, Company(name="X", **company))
    return text[lang].replace(NBSP, " ") if text else None


BY_SIZE = programme(
    Amount(rate_pct=35, cost_cap_eur=1000, sizes=("micro", "small", "medium")),
    Amount(rate_pct=25, cost_cap_eur=1000, sizes=("large",)),
)


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ({"employees": 249, "turnover_eur": 50e6}, "35 % von höchstens 1.000 € (max. 350 €)"),
        ({"employees": 250, "turnover_eur": 50e6}, "25 % von höchstens 1.000 € (max. 250 €)"),
        # 10 staff but €60m turnover and no balance sheet: large by the EU definition
        ({"employees": 10, "turnover_eur": 60e6}, "25 % von höchstens 1.000 € (max. 250 €)"),
        (
            {"employees": 10, "turnover_eur": 60e6, "balance_sheet_eur": 43e6},
            "35 % von höchstens 1.000 € (max. 350 €)",
        ),
        # size unknown: both, each with its size class
        (
            {},
            "KMU: 35 % von höchstens 1.000 € (max. 350 €);"
            " große Unternehmen: 25 % von höchstens 1.000 € (max. 250 €)",
        ),
    ],
)
def test_amount_by_size_class(company, expected):
    assert amount(BY_SIZE, **company) == expected


BY_REGION = programme(
    Amount(rate_pct=80, cost_cap_eur=3500, states=("TH",)),
    Amount(rate_pct=80, cost_cap_eur=3500, states=("NI",), region={"de": "Lüneburg", "en": "L"}),
    Amount(rate_pct=50, cost_cap_eur=3500),
)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("TH", "80 % von höchstens 3.500 € (max. 2.800 €)"),
        ("BY", "50 % von höchstens 3.500 € (max. 1.750 €)"),
        (
            "NI",
            "Lüneburg: 80 % von höchstens 3.500 € (max. 2.800 €);"
            " sonst: 50 % von höchstens 3.500 € (max. 1.750 €)",
        ),
        (
            None,
            "Thüringen, Lüneburg: 80 % von höchstens 3.500 € (max. 2.800 €);"
            " sonst: 50 % von höchstens 3.500 € (max. 1.750 €)",
        ),
    ],
)
def test_amount_by_region(state, expected):
    assert amount(BY_REGION, state=state) == expected


def test_up_to_rate_with_a_stated_maximum_and_english():
    p = programme(Amount(rate_pct=50, up_to=True, max_eur=20000))
    assert amount(p) == "bis 50 % (max. 20.000 €)"
    assert amount(p, "en") == "up to 50% (max €20,000)"


def test_no_amounts_or_none_that_applies():
    assert amount(programme()) is None
    only_east = programme(Amount(rate_pct=80, states=("TH",)))
    assert amount(only_east, state="BY") is None
    assert amount(only_east, state="TH") == "80 %"


def test_amount_lines_for_funding_show():
    assert [line.replace(NBSP, " ") for line in amount_lines(BY_REGION)] == [
        "Thüringen: 80 % von höchstens 3.500 € (max. 2.800 €)",
        "Lüneburg: 80 % von höchstens 3.500 € (max. 2.800 €)",
        "sonst: 50 % von höchstens 3.500 € (max. 1.750 €)",
    ]


# --- the format in the catalogue file ---------------------------------------------------
def test_valid_catalogue_with_partial_dates_not_before_and_regions():
    (p,) = load_funding.__wrapped__(CATALOGUES / "c-valid.yaml")
    assert p.last_verified == dt.date(2025, 7, 1)  # not_before beats the 2024-06 page
    assert [s.day for s in p.sources] == [dt.date(2025, 7, 1), dt.date(2024, 6, 1)]
    assert p.sources[1].text("de") == "Pressemitteilung (06/2024)"
    assert p.sources[0].text("en") == (
        "Seite ohne Datum, berichtet ein Ereignis vom 1.7.2025 (n.d., not before 1 Jul 2025)"
    )
    assert p.amounts[0].region == {"de": "Region Lüneburg", "en": "Lüneburg region"}
    assert p.amounts[1].maximum == 1750


@pytest.mark.parametrize(
    ("case", "code", "line"),
    [
        ("c-last-verified-newer-than-sources.yaml", "FUND_001", 13),
        ("c-no-dated-source.yaml", "FUND_001", 13),
        ("c-source-date-in-words.yaml", "TYPE_001", 16),
        ("c-source-date-and-not-before.yaml", "KEY_003", 15),
        ("c-amount-region-without-states.yaml", "KEY_002", 18),
        ("c-amount-rate-over-100.yaml", "VALUE_002", 18),
    ],
)
def test_catalogue_format_errors_name_file_and_line(case, code, line):
    with pytest.raises(ValidationError) as err:
        load_funding.__wrapped__(CATALOGUES / case)
    issues = [i for i in err.value.issues if i.severity == "error"]
    assert [i.code for i in issues] == [code]
    assert issues[0].file.endswith(case)
    assert issues[0].line == line
