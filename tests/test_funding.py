"""Funding eligibility at every boundary, on small programmes written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from ki_check.assessment.answers import Company
from ki_check.assessment.profile import STATES
from ki_check.funding.match import Eligibility, Programme, Source, eu_size_class, match_funding

DAY = dt.date(2026, 11, 24)
TEXT = {"de": "x", "en": "x"}


def programme(states=("*",), status="open", valid_until=dt.date(2027, 12, 31), **eligibility):
    return Programme(
        id="test",
        name={"de": "Testprogramm", "en": "Test programme"},
        provider="Test",
        level="land" if states != ("*",) else "bund",
        states=tuple(states),
        kind="grant",
        status=status,
        funds=TEXT,
        rate=TEXT,
        max_eur=None,
        eligibility=Eligibility(**eligibility),
        url="https://example.org",
        valid_until=valid_until,
        last_verified=DAY,
        sources=(Source("Test", date=DAY.isoformat()),),
        ended_on=dt.date(2024, 12, 31) if status == "ended" else None,
    )


def company(**kw) -> Company:
    base = {
        "name": "X",
        "state": "BY",
        "employees": 20,
        "turnover_eur": 3e6,
        "founded": 2000,
        "sector": "C",
        "startup": False,
        "university_spinoff": False,
    }
    return Company(**{**base, **kw})


def verdict(p, c, day=DAY):
    (m,) = match_funding(c, day, programmes=[p])
    return m


@pytest.mark.parametrize(
    ("employees", "turnover", "balance", "size"),
    [
        (9, 2_000_000, None, "micro"),
        (10, 2_000_000, None, "small"),
        (9, 2_000_001, None, "small"),  # over the micro ceiling by turnover
        (9, 2_000_001, 2_000_000, "micro"),  # … but the balance sheet saves it
        (49, 10_000_000, None, "small"),
        (50, 10_000_000, None, "medium"),
        (49, 10_000_001, 10_000_001, "medium"),
        (249, 50_000_000, None, "medium"),
        (250, 50_000_000, None, "large"),
        (249, 50_000_001, None, "large"),
        (249, 50_000_001, 43_000_000, "medium"),  # balance-sheet alternative
        (249, 50_000_001, 43_000_001, "large"),
        (30, None, None, "small"),  # headcount only
    ],
)
def test_eu_size_class_boundaries(employees, turnover, balance, size):
    assert eu_size_class(employees, turnover, balance)[0] == size


@pytest.mark.parametrize(
    ("sizes", "employees", "turnover", "match", "reason"),
    [
        (("micro", "small"), 49, 10_000_000, True, "KMU mit 49 Beschäftigten"),
        (
            ("micro", "small"),
            50,
            10_000_000,
            False,
            "nur für Kleinstunternehmen und kleine Unternehmen",
        ),
        (("micro", "small"), 9, 2_000_000, True, "KMU mit 9 Beschäftigten"),
        (("micro",), 10, 1_000_000, False, "nur für Kleinstunternehmen"),
        (("micro", "small", "medium"), 249, 50_000_000, True, "KMU mit 249 Beschäftigten"),
        (("micro", "small", "medium"), 250, 50_000_000, False, "hier: großes Unternehmen mit 250"),
        (("micro", "small", "medium"), 100, 60_000_000, False, "unter 250 Beschäftigte"),
    ],
)
def test_size_rules(sizes, employees, turnover, match, reason):
    m = verdict(programme(sizes=sizes), company(employees=employees, turnover_eur=turnover))
    assert m.match is match
    assert reason in m.reason_text("de")


@pytest.mark.parametrize(
    ("turnover", "balance", "match"),
    [
        (20_000_000, None, True),
        (20_000_001, None, False),
        (20_000_001, 20_000_000, True),
        (20_000_001, 20_000_001, False),
    ],
)
def test_own_turnover_limit_with_balance_sheet_alternative(turnover, balance, match):
    p = programme(max_turnover_eur=20_000_000, max_balance_sheet_eur=20_000_000)
    assert verdict(p, company(turnover_eur=turnover, balance_sheet_eur=balance)).match is match


@pytest.mark.parametrize(
    ("limits", "figures", "match", "reason"),
    [
        (
            {"max_turnover_eur": 500e6},
            {"turnover_eur": 6.8e6, "balance_sheet_eur": 4.1e6},
            True,
            "6.800.000 € Umsatz (erlaubt: bis 500.000.000 € Umsatz)",  # no balance-sheet limit
        ),
        ({"max_turnover_eur": 500e6}, {"balance_sheet_eur": 4.1e6}, False, "Jahresumsatz fehlt"),
        (
            {"max_turnover_eur": 50e6, "max_balance_sheet_eur": 43e6},
            {},
            False,
            "Jahresumsatz oder Bilanzsumme fehlt",
        ),
        (
            {"max_turnover_eur": 50e6, "max_balance_sheet_eur": 43e6},
            {"turnover_eur": 50_000_001, "balance_sheet_eur": 43_000_000},
            True,
            "50.000.001 € Umsatz und 43.000.000 € Bilanzsumme (erlaubt: bis 50.000.000 € Umsatz"
            " oder 43.000.000 € Bilanzsumme)",
        ),
    ],
)
def test_financial_ceiling_names_only_the_figures_it_limits(limits, figures, match, reason):
    m = verdict(programme(**limits), company(**{"turnover_eur": None, **figures}))
    assert m.match is match
    assert reason in m.reason_text("de").replace("\xa0", " ")


@pytest.mark.parametrize(("employees", "match"), [(99, True), (100, False), (2, False), (3, True)])
def test_own_headcount_limits(employees, match):
    p = programme(max_employees=99, min_employees=3)
    assert verdict(p, company(employees=employees)).match is match


@pytest.mark.parametrize(
    ("day", "match"),
    [(dt.date(2027, 12, 30), True), (dt.date(2027, 12, 31), True), (dt.date(2028, 1, 1), False)],
)
def test_valid_until_is_the_last_day(day, match):
    m = verdict(programme(valid_until=dt.date(2027, 12, 31)), company(), day=day)
    assert m.match is match
    if not match:
        assert "Frist abgelaufen am 31.12.2027" in m.reason_text("de")


def test_ended_programme_is_never_recommended():
    m = verdict(programme(status="ended", valid_until=dt.date(2024, 12, 31)), company())
    assert not m.match
    assert m.reason_text("de") == "passt nicht: Programm beendet am 31.12.2024"
    assert m.reason_text("en") == "does not fit: programme ended on 31 Dec 2024"


@pytest.mark.parametrize("state", sorted(STATES))
def test_each_land(state):
    p = programme(states=("BY",))
    m = verdict(p, company(state=state))
    assert m.match is (state == "BY")
    expected = "Sitz in Bayern" if state == "BY" else "nur für Unternehmen mit Sitz in Bayern"
    assert expected in m.reason_text("de")


def test_missing_state_is_said():
    m = verdict(programme(states=("BY",)), company(state=None))
    assert not m.match
    assert "Bundesland fehlt" in m.reason_text("de")


@pytest.mark.parametrize(
    ("rule", "flags", "match", "reason"),
    [
        ({"startup": True}, {"startup": True}, True, "Start-up"),
        ({"startup": True}, {"startup": False}, False, "nur für Start-ups"),
        ({"startup": True}, {"startup": None}, False, "Angabe fehlt: Start-up?"),
        ({"university_spinoff": True}, {"university_spinoff": True}, True, "Ausgründung"),
        (
            {"university_spinoff": True},
            {"university_spinoff": False},
            False,
            "nur für Ausgründungen aus Hochschulen",
        ),
        ({"max_age_years": 5}, {"founded": 2021}, True, "gegründet 2021"),
        ({"max_age_years": 5}, {"founded": 2020}, False, "nur für Unternehmen bis 5 Jahre"),
    ],
)
def test_startup_spinoff_and_age(rule, flags, match, reason):
    m = verdict(programme(**rule), company(**flags))
    assert m.match is match
    assert reason in m.reason_text("de")


@pytest.mark.parametrize(
    ("rule", "sector", "match"),
    [
        ({"sectors": ("C", "F")}, "C", True),
        ({"sectors": ("C", "F")}, "G", False),
        ({"exclude_sectors": ("A",)}, "A", False),
        ({"exclude_sectors": ("A",)}, "C", True),
    ],
)
def test_sectors(rule, sector, match):
    assert verdict(programme(**rule), company(sector=sector)).match is match


def test_stale_entry_is_flagged_but_still_matches():
    p = programme()._replace(last_verified=DAY - dt.timedelta(days=366))
    m = verdict(p, company())
    assert m.match
    assert m.stale
    # the test programme's only source is dated DAY
    assert "möglicherweise veraltet: neueste Quelle vom 24.11.2026" in m.reason_text("de")
    fresh = verdict(programme()._replace(last_verified=DAY - dt.timedelta(days=365)), company())
    assert not fresh.stale


def test_stale_reason_names_the_newest_source_as_dated():
    p = programme()._replace(
        last_verified=dt.date(2023, 1, 1),
        sources=(Source("alt", date="2021-05-11"), Source("neuer", date="2023-01")),
    )
    m = verdict(p, company())
    assert m.reason_text("de").endswith(
        "möglicherweise veraltet: neueste Quelle von 01/2023 – vor einem Antrag prüfen"
    )
    assert m.reason_text("en").endswith(
        "possibly outdated: newest source dated Jan 2023 – check before applying"
    )


def test_stale_reason_only_on_a_match():
    """A programme the company may not apply for is explained by the rule that fails."""
    p = programme(states=("BY",))._replace(last_verified=DAY - dt.timedelta(days=400))
    m = verdict(p, company(state="NW"))
    assert not m.match
    assert m.stale
    assert m.reason_text("de") == "passt nicht: nur für Unternehmen mit Sitz in Bayern"


def test_cli_match_for_a_bavarian_company_with_30_and_60_employees(cli, write_answers):
    small = write_answers(
        "kmu-basis",
        {},
        name="a30.yaml",
        company={"name": "Dreißig GmbH", "state": "BY", "employees": 30, "turnover_eur": 4_000_000},
        interview={"status": "in_progress"},
    )
    result = cli("funding", "match", small, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "✓ Digitalbonus Bayern" in text
    assert "Sitz in Bayern; KMU mit 30 Beschäftigten" in text
    assert "✗ go-digital" in text
    big = write_answers(
        "kmu-basis",
        {},
        name="a60.yaml",
        company={"name": "Sechzig GmbH", "state": "BY", "employees": 60, "turnover_eur": 8_000_000},
        interview={"status": "in_progress"},
    )
    import json

    data = json.loads(cli("funding", "match", big, "--json", "--as-of", "2026-11-24").stdout)
    bonus = next(d for d in data if d["id"] == "digitalbonus-bayern")
    assert bonus["match"] is False
    assert any("nur für Kleinstunternehmen und kleine Unternehmen" in r for r in bonus["reasons"])
    assert all(set(d) >= {"id", "name", "match", "reasons"} for d in data)
    assert not next(d for d in data if d["id"] == "go-digital")["match"]


def test_funding_show_says_go_digital_ended(cli):
    result = cli("funding", "show", "go-digital")
    assert result.exit_code == 0
    assert "beendet (am 31. Dezember 2024)" in result.stdout
    english = cli("funding", "show", "go-digital", "--lang", "en")
    assert "ended (on 31 December 2024)" in english.stdout


def test_funding_list_filters(cli):
    everything = cli("funding", "list", "--all").stdout
    open_only = cli("funding", "list").stdout
    assert "go-digital" in everything
    assert "go-digital" not in open_only
    bavaria = cli("funding", "list", "--state", "BY").stdout
    assert "digitalbonus" in bavaria
    assert cli("funding", "list", "--state", "XX").exit_code == 2
    assert cli("funding", "show", "go-digitl").exit_code == 2


# (state, include_ended, listed, not listed): Digitalbonus Bayern is open to BY only,
# Mittelstand-Digital to every state, go-digital and the Lower Saxony Digitalbonus ended.
LISTS = [
    (None, False, {"digitalbonus-bayern", "mittelstand-digital-zentren"}, {"go-digital"}),
    (None, True, {"go-digital", "ni-digitalbonus-2019"}, set()),
    (
        "by",
        False,
        {"digitalbonus-bayern", "mittelstand-digital-zentren"},
        {"nrw-mid-digitalisierung"},
    ),
    ("NW", False, {"nrw-mid-digitalisierung"}, {"digitalbonus-bayern", "go-digital"}),
    ("NI", False, set(), {"ni-digitalbonus-2019"}),
    ("NI", True, {"ni-digitalbonus-2019", "go-digital"}, {"digitalbonus-bayern"}),
]


@pytest.mark.parametrize(("state", "include_ended", "listed", "not_listed"), LISTS)
def test_list_programmes_filters_by_state_and_status(state, include_ended, listed, not_listed):
    from ki_check.funding.catalogue import list_programmes

    ids = {p.id for p in list_programmes(state, include_ended=include_ended)}
    assert listed <= ids
    assert not ids & not_listed


def test_list_programmes_refuses_an_unknown_state_at_the_place_named():
    from ki_check.errors import KiCheckError
    from ki_check.funding.catalogue import list_programmes

    with pytest.raises(KiCheckError) as caught:
        list_programmes("XX", where="--state")
    assert caught.value.issues[0].code == "PROFILE_001"
    assert caught.value.issues[0].file == "--state"


PROFILES = [
    {"employees": emp, "turnover_eur": tov, "founded": founded, "sector": sector, **flags}
    for emp in (None, 9, 10, 49, 50, 249, 250, 900)
    for tov in (None, 2e6, 9.9e6, 60e6)
    for founded in (None, 1990, 2024)
    for sector in (None, "A", "C")
    for flags in (
        {"startup": None, "university_spinoff": None},
        {"startup": True, "university_spinoff": True},
        {"startup": False, "university_spinoff": False},
    )
]


def test_every_verdict_has_a_reason_and_follows_the_rule_table():
    """One table decides and words: a match has only met rules, a no names each failed one."""
    from ki_check.funding.match import load_funding
    from ki_check.funding.rules import checks, facts_of

    catalogue = [
        *load_funding(),
        programme(),
        programme(sizes=("medium", "large")),
        programme(max_turnover_eur=5e6),
        programme(min_employees=3, max_employees=99),
        programme(max_age_years=5, startup=True),
        programme(exclude_sectors=("A",)),
        programme(sectors=("C",), university_spinoff=True, before_founding=True),
    ]
    checked = 0
    for state in (None, "SL"):
        for profile in PROFILES:
            c = company(state=state, **profile)
            facts = facts_of(c, DAY)
            for m in match_funding(c, DAY, programmes=catalogue):
                assert m.reasons, (m.programme.id, c)
                assert all(r["de"] and r["en"] for r in m.reasons)
                failed = [
                    rule.word(s, facts, False)
                    for rule, s in checks(m.programme)
                    if not rule.decide(s, facts)
                ]
                assert m.match is (not failed)
                if failed:
                    expected = [f for i, f in enumerate(failed) if f not in failed[:i]]
                    assert list(m.reasons) == expected
                checked += 1
    assert checked > 80_000
