"""``funding match`` reads the assessment: the same tiers, reasons and amounts as
``score`` and the report, grouped as the report's appendix groups them.

Expected values worked out by hand (docs/advice.md, worked example Malerbetrieb
Sommer, as of 24 Nov 2026).
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA, ROOT

COMPANIES = DATA / "companies"
ALL_FILES = sorted(COMPANIES.glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
DAY = "2026-11-24"


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def test_painter_gets_the_assessments_tiers(cli):
    """Malerbetrieb Sommer: one programme recommended, R&D money never."""
    path = COMPANIES / "malerbetrieb-thueringen.yaml"
    result = cli("funding", "match", path, "--as-of", DAY)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert "Empfohlen (1): ✓ Mittelstand-Digital Zentren (mittelstand-digital-zentren)" in text
    # a free offer helps with a step, it does not pay for it
    assert "hilft bei Schritt 1 „Datenbestände erfassen“: Orientierung" in text
    # BAFA and INQA: not what the first three steps need; Digitalbonus Thüringen pays for
    # purchases, and none of the first three steps buys anything; the loan: six people
    assert "Möglich (4): ○ Förderung von Unternehmensberatungen für KMU (BAFA)" in text
    assert "Betrag: 80 % von höchstens 3.500 € Beratungskosten (max. 2.800 €)" in text
    assert (
        "für ein späteres Umsetzungsvorhaben wie Schritt 6 „Nutzung auswerten und zweite"
        " Anwendung starten“; Ihre ersten Schritte kommen ohne Anschaffung aus"
    ) in text
    # R&D money for a painter who does no research: does not fit (docs/advice.md)
    for rnd in (
        "Forschungszulage",
        "Zentrales Innovationsprogramm",
        "EIC Accelerator",
        "ERP-Förderkredit Innovation",
    ):
        assert f"○ {rnd}" not in text
        assert f"✓ {rnd}" not in text
        assert f"✗ {rnd}" in text
    assert (
        "✗ Forschungszulage (steuerliche FuE-Förderung) (forschungszulage)"
        " fördert eigene Forschung und Entwicklung – Ihre Antworten zeigen keine"
    ) in text
    # the EDIHs would help with step 1, but their data is old
    assert "Vor einem Antrag prüfen (1): ! European Digital Innovation Hubs (EDIH)" in text
    assert "Passt nicht (36): ✗" in text
    assert "Nur Förderfähigkeit" not in text

    data = json.loads(cli("funding", "match", path, "--json", "--as-of", DAY).stdout)
    eligible = [d for d in data if d["match"]]
    assert len(eligible) == 10
    fitting = [d for d in eligible if d["tier"] != "not_matching"]
    assert len(fitting) == 6
    assert all(d["tier"] in ("recommended", "possible") and d["amount"] for d in fitting)
    assert {d["id"] for d in eligible if d["tier"] == "not_matching"} == {
        "forschungszulage",
        "zim",
        "eic-accelerator",
        "kfw-erp-innovation",
    }
    assert {d["id"] for d in data if d["tier"] == "recommended"} == {"mittelstand-digital-zentren"}
    assert all(d["tier"] == "not_matching" and d["reasons"] for d in data if not d["match"])


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.stem for p in ALL_FILES])
def test_funding_match_and_score_give_the_same_verdicts(cli, path):
    match = json.loads(cli("funding", "match", path, "--json", "--as-of", DAY).stdout)
    score = json.loads(cli("score", path, "--json", "--as-of", DAY).stdout)
    fits = [d for d in match if d["tier"] != "not_matching"]
    tiers = {d["id"]: (d["tier"], d["amount"], d["reasons"]) for d in fits}
    assert tiers == {d["id"]: (d["tier"], d["amount"], d["reasons"]) for d in score["funding"]}
    assert all(d["reasons"] for d in match)
    # eligible but not fitting (a required fact missing): the same reasons in both
    unfit = {d["id"]: d["reasons"] for d in match if d["match"] and d["tier"] == "not_matching"}
    said = {d["id"]: d["reasons"] for d in score["funding_not_matching"]}
    assert {k: said[k] for k in unfit} == unfit


def test_a_profile_alone_gives_eligibility_not_advice(cli):
    # Malerei Beispiel: the profile of a 6-person painter in Thuringia, no answers yet
    path = DATA / "funding" / "maler-6-thueringen.yaml"
    result = cli("funding", "match", path, "--as-of", DAY)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert "Nur Förderfähigkeit, keine Empfehlung" in text
    assert "Empfohlen" not in text
    assert "Förderfähig (10): ✓ Digitalbonus Thüringen (th-digitalbonus)" in text
    data = json.loads(cli("funding", "match", path, "--json", "--as-of", DAY).stdout)
    assert {d["tier"] for d in data} == {"eligible", "not_matching"}
    bafa = next(d for d in data if d["id"] == "bafa-unternehmensberatung")
    # Thuringia: 80 % of at most €3,500
    assert _flat(bafa["amount"]) == "80 % von höchstens 3.500 € Beratungskosten (max. 2.800 €)"
    english = cli("funding", "match", path, "--as-of", DAY, "--lang", "en").stdout
    assert "Eligibility only, no recommendation" in _flat(english)
