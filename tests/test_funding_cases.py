"""Verdicts and amounts of the real catalogue for companies on disk, one file per company.

Each answer file in ``tests/data/funding`` describes one company (its comment
says which); the expected verdicts, reasons and amounts are worked out by hand
from the catalogue's rules and sources (docs/funding-catalogue.md) and checked
through the real CLI (``funding match --json``) on the research day.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA

FUNDING = DATA / "funding"
DAY = "2026-11-24"

# BAFA consulting grant: at most €3,500 consulting costs; 80 % → €2,800, 50 % → €1,750
BAFA_80 = "80 % von höchstens 3.500 € Beratungskosten (max. 2.800 €)"
BAFA_50 = "50 % von höchstens 3.500 € Beratungskosten (max. 1.750 €)"
# Forschungszulage from 2026: €12m assessment base; SMEs 35 % → €4.2m, large 25 % → €3m
FZ_SME = "35 % von höchstens 12.000.000 € förderfähigen Aufwendungen je Jahr (max. 4.200.000 €)"
FZ_LARGE = "25 % von höchstens 12.000.000 € förderfähigen Aufwendungen je Jahr (max. 3.000.000 €)"


def _match(cli, name: str, lang: str = "de") -> dict[str, dict]:
    result = cli("funding", "match", FUNDING / name, "--json", "--as-of", DAY, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return {d["id"]: d for d in json.loads(result.stdout)}


def _plain(text: str | None) -> str | None:
    return text.replace("\xa0", " ") if text else text


@pytest.mark.parametrize(
    ("company", "programme", "match", "reason"),
    [
        # ZIM: fewer than 500 staff AND turnover ≤ €50m or balance sheet ≤ €43m
        (
            "spedition-100-85mio-umsatz.yaml",
            "zim",
            False,
            "nur bis 50.000.000 € Umsatz oder 43.000.000 € Bilanzsumme; hier 85.000.000 € Umsatz",
        ),
        ("spedition-100-85mio-umsatz-40mio-bilanz.yaml", "zim", True, "100 Beschäftigte"),
        ("zulieferer-28-80mio-umsatz.yaml", "zim", False, "hier 80.600.000 € Umsatz"),
        ("zulieferer-28-80mio-umsatz-43mio-bilanz.yaml", "zim", True, "43.000.000 € Bilanzsumme"),
        ("zulieferer-28-80mio-umsatz-43mio-1-bilanz.yaml", "zim", False, "43.000.001 €"),
        ("konzern-900-forschung.yaml", "zim", False, "nur bis 499 Beschäftigte; hier 900"),
        # INQA-Coaching: SMEs by the EU definition (headcount and financial ceilings)
        (
            "zulieferer-28-80mio-umsatz.yaml",
            "inqa-coaching",
            False,
            "nur für KMU (unter 250 Beschäftigte, bis 50 Mio. € Umsatz oder 43 Mio. € Bilanzsumme);"
            " hier: großes Unternehmen mit 28 Beschäftigten, 80.600.000 € Umsatz",
        ),
        (
            "zulieferer-28-80mio-umsatz-43mio-bilanz.yaml",
            "inqa-coaching",
            True,
            "KMU mit 28 Beschäftigten",
        ),
        ("zulieferer-28-80mio-umsatz-43mio-1-bilanz.yaml", "inqa-coaching", False, "großes"),
        ("spedition-100-85mio-umsatz.yaml", "inqa-coaching", False, "großes Unternehmen"),
        ("spedition-100-85mio-umsatz-40mio-bilanz.yaml", "inqa-coaching", True, "KMU mit 100"),
        ("logistik-200-nrw.yaml", "inqa-coaching", True, "KMU mit 200 Beschäftigten"),
        # EXIST-Gründungsstipendium: only a university team before founding
        (
            "spinoff-ug-2025-berlin.yaml",
            "exist-gruendungsstipendium",
            False,
            "nur vor der Gründung; hier gegründet 2025",
        ),
        (
            "gruenderteam-vor-gruendung.yaml",
            "exist-gruendungsstipendium",
            True,
            "noch nicht gegründet (kein Gründungsjahr angegeben); Ausgründung aus einer Hochschule",
        ),
        ("maler-6-thueringen.yaml", "exist-gruendungsstipendium", False, "gegründet 1998"),
        # EXIST-Forschungstransfer: phase I before founding; phase II only for the company
        # founded during phase I – a UG founded in 2025 cannot start it
        (
            "spinoff-ug-2025-berlin.yaml",
            "exist-forschungstransfer",
            False,
            "nur vor der Gründung; hier gegründet 2025",
        ),
        ("gruenderteam-vor-gruendung.yaml", "exist-forschungstransfer", True, "Ausgründung"),
        # programmes without a restriction still say why they fit
        ("maler-6-thueringen.yaml", "forschungszulage", True, "jeder Größe und Branche"),
        ("hersteller-45-bayern.yaml", "kfw-erp-digitalisierung", True, "9.000.000 € Umsatz"),
    ],
)
def test_verdict_at_each_limit(cli, company, programme, match, reason):
    verdict = _match(cli, company)[programme]
    assert verdict["match"] is match
    assert reason in _plain("; ".join(verdict["reasons"]))


@pytest.mark.parametrize(
    ("company", "programme", "amount"),
    [
        # BAFA: 80 % in the eastern Länder except Berlin and the Leipzig region, …
        ("maler-6-thueringen.yaml", "bafa-unternehmensberatung", BAFA_80),
        # … 50 % in the west and in Berlin
        ("hersteller-45-bayern.yaml", "bafa-unternehmensberatung", BAFA_50),
        ("logistik-200-nrw.yaml", "bafa-unternehmensberatung", BAFA_50),
        ("spinoff-ug-2025-berlin.yaml", "bafa-unternehmensberatung", BAFA_50),
        # split Länder: the profile does not say the region, so both rates with their region
        (
            "werkstatt-12-niedersachsen.yaml",
            "bafa-unternehmensberatung",
            f"Region Lüneburg (Niedersachsen): {BAFA_80}; sonst: {BAFA_50}",
        ),
        (
            "druckerei-20-sachsen.yaml",
            "bafa-unternehmensberatung",
            f"Sachsen ohne die Region Leipzig: {BAFA_80}; sonst: {BAFA_50}",
        ),
        (
            "buero-8-ohne-bundesland.yaml",
            "bafa-unternehmensberatung",
            "Brandenburg, Mecklenburg-Vorpommern, Sachsen-Anhalt, Thüringen, Sachsen ohne die"
            " Region Leipzig, Region Lüneburg (Niedersachsen), Region Trier (Rheinland-Pfalz): "
            f"{BAFA_80}; sonst: {BAFA_50}",
        ),
        # Forschungszulage: the maximum of the company's size class
        ("maler-6-thueringen.yaml", "forschungszulage", FZ_SME),
        ("logistik-200-nrw.yaml", "forschungszulage", FZ_SME),
        ("konzern-900-forschung.yaml", "forschungszulage", FZ_LARGE),
        # 28 staff but €80.6m turnover and no balance sheet: a large firm by the EU definition
        ("zulieferer-28-80mio-umsatz.yaml", "forschungszulage", FZ_LARGE),
        ("zulieferer-28-80mio-umsatz-43mio-bilanz.yaml", "forschungszulage", FZ_SME),
        # no amounts to resolve in the catalogue: its rate text, which names both variants
        # (Standard 7.500 €, Plus 30.000 €), so the maximum (max_eur 30000) is not repeated
        (
            "hersteller-45-bayern.yaml",
            "digitalbonus-bayern",
            "bis 50 % der förderfähigen Ausgaben; Digitalbonus Standard höchstens 7.500 €,"
            " Digitalbonus Plus höchstens 30.000 €",
        ),
    ],
)
def test_amount_that_applies_to_the_company(cli, company, programme, amount):
    verdict = _match(cli, company)[programme]
    assert verdict["match"]
    assert _plain(verdict["amount"]) == amount


def test_amounts_in_english(cli):
    verdict = _match(cli, "konzern-900-forschung.yaml", "en")["forschungszulage"]
    assert _plain(verdict["amount"]) == (
        "25% of at most €12,000,000 eligible costs a year (max €3,000,000)"
    )
    bafa = _match(cli, "werkstatt-12-niedersachsen.yaml", "en")["bafa-unternehmensberatung"]
    assert _plain(bafa["amount"]) == (
        "Lüneburg region (Lower Saxony): 80% of at most €3,500 consulting costs (max €2,800);"
        " otherwise: 50% of at most €3,500 consulting costs (max €1,750)"
    )


@pytest.mark.parametrize("company", sorted(p.name for p in FUNDING.glob("*.yaml")))
def test_every_verdict_has_a_reason_and_no_readiness_decoration(cli, company):
    for lang in ("de", "en"):
        for verdict in _match(cli, company, lang).values():
            assert verdict["reasons"], verdict["id"]
            assert all(r.strip() for r in verdict["reasons"])
            assert not any(r.startswith(("Phase", "stage")) for r in verdict["reasons"])
            assert verdict["amount"] is None or verdict["match"]


def test_match_text_shows_the_amount(cli):
    result = cli("funding", "match", FUNDING / "maler-6-thueringen.yaml", "--as-of", DAY)
    assert result.exit_code == 0, result.stderr
    text = _plain(" ".join(result.stdout.split()))
    assert f"Betrag: {BAFA_80}" in text
    assert "✗ EXIST-Gründungsstipendium" in text


def test_show_prints_amount_rules_and_dated_sources(cli):
    result = cli("funding", "show", "bafa-unternehmensberatung")
    assert result.exit_code == 0
    text = _plain(result.stdout)
    assert "Betrag je nach Unternehmen:" in text
    assert f"– Region Trier (Rheinland-Pfalz): {BAFA_80}" in text
    assert f"– sonst: {BAFA_50}" in text
    assert "Neueste Quelle: 12/2025" in text
    assert "(12/2025; Dritte) https://www.pervushin.de/" in text
    assert "(ohne Datum; Dritte) https://guo.de/?p=362" in text
    english = _plain(cli("funding", "show", "eic-accelerator", "--lang", "en").stdout)
    assert "Newest source: not before 6 Nov 2025" in english


def test_report_card_shows_the_amount_for_this_company():
    """The report's programme card adds the resolved amount under the general rate."""
    import datetime as dt
    import re

    from ki_check.documents.report import report_html

    painter = DATA / "companies" / "malerbetrieb-thueringen.yaml"
    html = report_html(painter, as_of=dt.date(2026, 11, 24)).html
    text = _plain(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
    # a painter in Thuringia: BAFA pays 80 % (a possible programme: in the appendix, with
    # the amount that applies); Digitalbonus Thüringen has no amounts to resolve
    assert f"Förderung für Sie: {BAFA_80}" in text
    assert "Förderung von Unternehmensberatungen für KMU (BAFA) (Förderung für Sie:" in text
