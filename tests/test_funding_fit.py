"""Which step a programme pays for, and what the report must say about it.

The rules are in docs/advice.md, "Funding tiers"; every expected value below was
worked out by hand from the company's answers, its plan (listed in the comments),
the catalogue (ki_check/data/funding.yaml) and the step data
(ki_check/data/next_steps.yaml, ``buys``), as of 24 Nov 2026.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import DATA

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.funding.match import load_funding
from ki_check.i18n import tr
from ki_check.render.brand import load_brand
from ki_check.render.report import report_html_for

AS_OF = dt.date(2026, 11, 24)
COMPANIES = DATA / "companies"
NO_RND = "fördert eigene Forschung und Entwicklung – Ihre Antworten zeigen keine"
RND = ("forschungszulage", "zim", "eic-accelerator", "kfw-erp-innovation")
BAFA_ENDS = "läuft am 31.12.2026 aus – Antrag vorher stellen"
LATER = (
    "fördert Kauf und Einführung digitaler oder KI-Lösungen – für ein späteres Umsetzungsvorhaben"
)
LATER_LOAN = (
    "Darlehen für größere Investitionen – für ein späteres Vorhaben; keiner Ihrer ersten"
    " Schritte ist eine solche Investition"
)


def assessed(name: str, catalogue: Path | None = None) -> Assessment:
    q, af = open_answers(COMPANIES / f"{name}.yaml")
    programmes = load_funding(catalogue) if catalogue else None
    return assess(q, af, as_of=AS_OF, programmes=programmes)


def verdict(a: Assessment, programme_id: str):
    return next(v for v in a.funding if v.programme.id == programme_id)


def html_text(a: Assessment, lang: str = "de") -> str:
    """The report's HTML with tags removed and whitespace collapsed."""
    html = report_html_for(a, lang=lang, brand=load_brand(None)).html
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- finding 1: research money for a company that does no research --------------------
# Each of these companies answers "no own development"; the R&D programmes are eligible
# by size and place but require the fact rnd: they do not fit ("Passt nicht").
@pytest.mark.parametrize(
    ("company", "extra"),
    [
        ("malerbetrieb-thueringen", ()),
        ("tischlerei-bayern", ()),
        ("logistik-nrw", ("nrw-mid-digitalisierung",)),  # NRW: MID now for AI products
        ("callcenter-emotionserkennung", ("hh-profi",)),  # Hamburg: R&D grant
    ],
)
def test_research_money_without_research_does_not_match(company, extra):
    a = assessed(company)
    assert "rnd" not in a.facts
    for pid in (*RND, *extra):
        v = verdict(a, pid)
        assert v.match.match, pid  # eligible …
        assert v.tier == "not_matching", pid  # … but it does not fit
        assert [tr(r, "de") for r in v.reasons] == [NO_RND]
        assert v not in a.tier("possible")


def test_painter_counts_only_programmes_that_could_help():
    """Malerbetrieb Sommer: 10 eligible programmes, 4 of them R&D money: 6 fit at all,
    1 recommended, 4 possible (BAFA, INQA, Digitalbonus Thüringen, the KfW loan), 1 to
    check first (EDIH). The report counts the 4 + 1 "weitere Programme"."""
    a = assessed("malerbetrieb-thueringen")
    assert len(a.tier("recommended")) == 1
    assert {v.programme.id for v in a.tier("possible")} == {
        "bafa-unternehmensberatung",
        "inqa-coaching",
        "th-digitalbonus",
        "kfw-erp-digitalisierung",
        "edih-netzwerk",
    }
    text = html_text(a)
    assert "5 weitere Programme erfüllen die Voraussetzungen" in text
    appendix = text[text.index("Anhang: alle Förderprogramme geprüft") :]
    possible = appendix[: appendix.index("Bekannte Programme, die nicht passen")]
    unfit = appendix[appendix.index("Bekannte Programme, die nicht passen") :]
    for name in ("EIC Accelerator", "Zentrales Innovationsprogramm", "Forschungszulage"):
        assert name not in possible
        assert name in unfit
    # the four fail for one reason: one row, named in the catalogue's order, no dates
    # (three or more programmes for one reason share a row: view_funding.SAME_REASON_ROW)
    assert (
        "Forschungszulage (steuerliche FuE-Förderung) · ERP-Förderkredit Innovation (KfW"
        " 513/514) · Zentrales Innovationsprogramm Mittelstand (ZIM) · EIC Accelerator"
        f" – {NO_RND}"
    ) in unfit


# --- finding 2: a programme that ends before its step is due ---------------------------
# BAFA's guideline ends on 31.12.2026, 37 days after the report date: within every
# horizon (90 days at least), so every company it is recommended to is told.
@pytest.mark.parametrize(
    ("company", "step"),
    [
        ("maschinenbau-bayern", 1),  # "Den lästigsten Ablauf aufschreiben", 90 days
        ("logistik-nrw", 2),  # "Kennzahlen der KI-gestützten Abläufe verfolgen", 90 days
        ("ki-startup-berlin", 2),  # "Abläufe nach KI-Eignung bewerten", 90 days
        ("callcenter-emotionserkennung", 3),  # the same step, 90 days
    ],
)
def test_bafa_says_it_ends_before_the_step_is_due(company, step):
    a = assessed(company)
    bafa = verdict(a, "bafa-unternehmensberatung")
    assert (bafa.tier, bafa.action) == ("recommended", step)
    assert bafa.ends == dt.date(2026, 12, 31)
    assert tr(bafa.reasons[1], "de") == BAFA_ENDS
    assert tr(bafa.reasons[1], "en") == "ends on 31 Dec 2026 – apply before then"
    # open-ended programmes say nothing of the kind
    assert verdict(a, "mittelstand-digital-zentren").ends is None
    # on the summary, next to the amount
    text = html_text(a)
    summary = text[text.index("Förderprogramme für Ihre ersten Schritte") :]
    summary = summary[: summary.index("Höchstens fünf")]
    assert "Förderung von Unternehmensberatungen für KMU (BAFA)" in summary
    assert BAFA_ENDS in summary


def test_the_step_horizon_decides_whether_an_end_date_is_said():
    """Prüfwerk KI UG with a catalogue made for it (tests/data/funding-ends.yaml).

    Plan, in time (docs/advice.md, "One order"): 1 provider duties (no need), 2 "Abläufe
    nach KI-Eignung bewerten" (90 days, orientation), 3 "Eigene Entwicklung fördern
    lassen" (6 months, rnd and founding). From 24.11.2026 a 90-day horizon runs to
    22.02.2027, six months (183 days) to 26.05.2027.
    """
    a = assessed("ki-startup-berlin", DATA / "funding-ends.yaml")
    # founding grant until 31.03.2027 for step 3 (6 months): ends within, said
    founding = verdict(a, "founding-march")
    assert (founding.tier, founding.action, founding.ends) == (
        "recommended",
        3,
        dt.date(2027, 3, 31),
    )
    # orientation grant until 31.03.2027 for step 2 (90 days): after the horizon, not said
    later = verdict(a, "orientation-march")
    assert (later.tier, later.action, later.ends) == ("recommended", 2, None)
    assert not any("läuft am" in tr(r, "de") for r in later.reasons)
    # orientation grant until 01.02.2027 for step 2 (90 days): within, said
    soon = verdict(a, "orientation-february")
    assert (soon.action, soon.ends) == (2, dt.date(2027, 2, 1))
    assert "läuft am 01.02.2027 aus – Antrag vorher stellen" in [tr(r, "de") for r in soon.reasons]


def test_terminal_names_the_end_date_with_the_programme(cli):
    path = COMPANIES / "logistik-nrw.yaml"
    result = cli("score", path, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert f"Förderung von Unternehmensberatungen für KMU (BAFA) ({BAFA_ENDS})" in text


# --- finding 3: a programme is tied only to a step it can pay for -----------------------
FIT_CASES = [
    # Huber Sondermaschinen: step 1 writes a process down, no step of the plan buys
    # anything (step 5 "Neuen Ablauf festschreiben" neither): the purchase grant waits
    ("maschinenbau-bayern", "digitalbonus-bayern", "possible", None,
     f"{LATER}; Ihre ersten Schritte kommen ohne Anschaffung aus"),
    # Malerbetrieb Sommer: steps 1-3 take stock and try; step 6 introduces a second
    # application (ki_einsatz_early_12m, buys: tools)
    ("malerbetrieb-thueringen", "th-digitalbonus", "possible", None,
     f"{LATER} wie Schritt 6 „Nutzung auswerten und zweite Anwendung starten“;"
     " Ihre ersten Schritte kommen ohne Anschaffung aus"),
    # Rhein-Ruhr Logistik (200 staff, uses AI productively): a loan of up to 25 Mio. €
    # needs an investment; tracking KPIs (step 2) is none
    ("logistik-nrw", "kfw-erp-digitalisierung", "possible", None, LATER_LOAN),
    ("callcenter-emotionserkennung", "kfw-erp-digitalisierung", "possible", None, LATER_LOAN),
    # a free offer helps, it does not pay
    ("malerbetrieb-thueringen", "mittelstand-digital-zentren", "recommended", 1,
     "hilft bei Schritt 1 „Datenbestände erfassen“: Orientierung, erster Anwendungsfall,"
     " Ausprobieren vor dem Investieren"),
    # consulting money pays for the process analysis of step 1
    ("maschinenbau-bayern", "bafa-unternehmensberatung", "recommended", 1,
     "bezahlt Schritt 1 „Den lästigsten Ablauf aufschreiben“: Beratung zu Strategie, Abläufen"
     " und Organisation"),
]  # fmt: skip


@pytest.mark.parametrize(("company", "programme", "tier", "step", "reason"), FIT_CASES)
def test_programme_is_tied_only_to_a_step_it_can_pay_for(company, programme, tier, step, reason):
    a = assessed(company)
    v = verdict(a, programme)
    assert (v.tier, v.action, v.fresh_action) == (tier, step, None)
    assert tr(v.reasons[0], "de") == reason
    assert v.programme.id not in {x.programme.id for x in a.check_first}


def test_a_loan_pays_for_an_investment_step():
    """Rhein-Ruhr Logistik with step 2 declared an investment (``buys``): the KfW loan
    (adopter, 200 staff) would pay for it; its newest source (04.07.2025) is older than
    12 months, so it is to be checked first, for step 2."""
    from ki_check.funding.match import match_funding
    from ki_check.funding.tiers import tier_funding

    a = assessed("logistik-nrw")
    assert a.actions[1].id == "prozesse_ready_90d"
    matches = match_funding(a.answers.company, AS_OF)
    verdicts = tier_funding(
        matches,
        a.actions,
        a.facts,
        position=a.position,
        company=a.answers.company,
        fact_words={},
        buys={"prozesse_ready_90d": "investment"},
    )
    loan = next(v for v in verdicts if v.programme.id == "kfw-erp-digitalisierung")
    assert (loan.tier, loan.fresh_action) == ("possible", 2)
    assert tr(loan.reasons[0], "de") == "Angaben älter als 12 Monate – vor einem Antrag prüfen"
    assert tr(loan.reasons[1], "de").startswith("bezahlt Schritt 2 „Kennzahlen")


def test_only_steps_that_buy_say_so():
    """The judgement in next_steps.yaml, by hand: taking stock, writing down, choosing and
    measuring buy nothing; introducing software, interfaces, pilots and tools does."""
    from ki_check.advice.content import load_steps

    buys = {s.id: s.buys for s in load_steps() if s.buys}
    assert buys == {
        "infrastruktur_early_6m": "tools",
        "infrastruktur_early_12m": "tools",
        "infrastruktur_emerging_6m": "tools",
        "infrastruktur_emerging_12m": "tools",
        "daten_ready_6m": "tools",
        "prozesse_emerging_6m": "tools",
        "prozesse_emerging_12m": "tools",
        "prozesse_ready_12m": "tools",
        "ki_einsatz_early_6m": "tools",
        "ki_einsatz_early_12m": "tools",
        "ki_einsatz_emerging_6m": "tools",
        "ki_einsatz_emerging_12m": "tools",
        "ki_einsatz_ready_6m": "tools",
        "ressourcen_emerging_6m": "tools",
        "ressourcen_emerging_12m": "tools",
        "ressourcen_ready_6m": "investment",
        "nachhaltigkeit_early_6m": "tools",
        "nachhaltigkeit_emerging_6m": "tools",
        "nachhaltigkeit_ready_6m": "tools",
    }


# --- finding 4: a founded start-up gets no pre-founding money ---------------------------
def test_founded_start_up_is_not_pointed_to_money_before_founding():
    """Prüfwerk KI UG, a TU spin-off founded in 2025: EXIST (both parts) fits only before
    founding; HTGF (under three years) and INVEST (up to seven) fit its age."""
    a = assessed("ki-startup-berlin")
    for pid in ("exist-gruendungsstipendium", "exist-forschungstransfer"):
        v = verdict(a, pid)
        assert v.tier == "not_matching"
        assert "nur vor der Gründung; hier gegründet 2025" in [tr(r, "de") for r in v.reasons]
    for pid in ("htgf", "invest-zuschuss-wagniskapital"):
        assert verdict(a, pid).match.match
    fund = next(x for x in a.actions if x.id == "fund_development")
    text = tr(fund.text, "de")
    assert "vor der Gründung" not in text
    assert "EXIST" not in text
    assert "INVEST" in text
    summary = html_text(a)
    summary = summary[: summary.index("Ihre Ansprechperson")]
    assert "EXIST" not in summary
    assert "Phase I" not in summary


# --- finding 5: the definition of "Empfohlen" covers what is recommended ------------------
def test_recommended_definition_names_the_development_step_where_it_counts():
    # Huber Sondermaschinen: the Forschungszulage pays for step 4
    text = html_text(assessed("maschinenbau-bayern"))
    assert (
        "und das Programm bezahlt einen Ihrer ersten drei Schritte oder hilft kostenlos dabei"
        " – oder es bezahlt Schritt 4 „Eigene Entwicklung fördern lassen“, der unabhängig von"
        " seiner Stelle im Plan zählt"
    ) in text
    english = html_text(assessed("maschinenbau-bayern"), "en")
    assert "or it pays for step 4 “Get your own development funded”" in english
    # Malerbetrieb Sommer: nothing beyond step 3 is recommended
    painter = html_text(assessed("malerbetrieb-thueringen"))
    assert "bezahlt einen Ihrer ersten drei Schritte oder hilft kostenlos dabei." in painter
    assert "oder es bezahlt Schritt" not in painter


# --- finding 9: Digitalbonus Bayern, Standard and Plus ------------------------------------
def test_digitalbonus_bayern_names_standard_and_plus():
    # Schreinerei Brandl (9 staff, Bavaria): eligible; the amount names both variants
    v = verdict(assessed("tischlerei-bayern"), "digitalbonus-bayern")
    assert v.match.match
    assert {k: x.replace("\xa0", " ") for k, x in v.amount.items()} == {
        "de": "bis 50 % der förderfähigen Ausgaben; Digitalbonus Standard höchstens 7.500 €,"
        " Digitalbonus Plus höchstens 30.000 €",
        "en": "up to 50 % of eligible costs; Digitalbonus Standard at most €7,500,"
        " Digitalbonus Plus at most €30,000",
    }
