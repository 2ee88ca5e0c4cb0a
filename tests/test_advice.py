"""The assessment as an advisor reads it: actions, funding tiers, role, strengths.

One answer file per company in ``tests/data/companies/``, named after it; every
expected value below was worked out by hand from the answers and the rules in
``docs/advice.md`` (the painter's in full in the worked example there).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import Assessment, assess, role, strengths
from ki_check.i18n import tr

AS_OF = dt.date(2026, 11, 24)
COMPANIES = DATA / "companies"
ALL_FILES = sorted(COMPANIES.glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
RND_PROGRAMMES = {"forschungszulage", "zim", "eic-accelerator", "kfw-erp-innovation"}
DELEGATED = ("Büroleitung", "Bereichsverantwortliche", "Ansprechperson", "IT-Betreuung")


def assessed(path: Path) -> Assessment:
    q, af = open_answers(path)
    return assess(q, af, as_of=AS_OF)


def recommended(a: Assessment) -> set[str]:
    return {v.programme.id for v in a.tier("recommended")}


def tier_of(a: Assessment, programme_id: str) -> str:
    return next(v.tier for v in a.funding if v.programme.id == programme_id)


# file, first three actions, must be recommended, must not be recommended, role
CASES = [
    (
        # 6 staff, Thuringia, paper only: both foundations lead (Daten 0, Infrastruktur
        # 19.4, both below 25), then the lead gap KI-Einsatz (cost 37.5); no R&D
        "malerbetrieb-thueringen",
        ["daten_early_90d", "infrastruktur_early_90d", "ki_einsatz_early_90d"],
        {"mittelstand-digital-zentren"},
        RND_PROGRAMMES
        | {"kfw-erp-digitalisierung", "ki-servicezentren", "bafa-unternehmensberatung"},
        "none",
    ),
    (
        # 45 staff, Bavaria: no red light; lead gap Anwendungsfelder (23.3, cost
        # 1.5 × 26.7 × 2 = 80); no one in charge; R&D comes fourth, and step 4 "get
        # the development funded" counts wherever it stands: the Forschungszulage is
        # recommended; ZIM, EIC and the KfW loan are not (old data; a loan waits for a
        # tested project, position emerging). Digitalbonus Bayern pays for purchases;
        # none of the first three steps buys anything (step 1 writes a process down)
        "maschinenbau-bayern",
        ["prozesse_early_90d", "named_person", "strategie_emerging_90d"],
        {"mittelstand-digital-zentren", "bafa-unternehmensberatung", "forschungszulage"},
        (RND_PROGRAMMES - {"forschungszulage"})
        | {"kfw-erp-digitalisierung", "digitalbonus-bayern"},
        "deployer",
    ),
    (
        # 200 staff, NRW: CV pre-sorting in use with open duties → red; goal
        # "Tourenplanung" ties the lead gap to Prozesse; training needs next (6m)
        "logistik-nrw",
        ["clarify_high_risk", "prozesse_ready_90d", "kompetenzen_emerging_90d"],
        {"bafa-unternehmensberatung"},
        RND_PROGRAMMES | {"nrw-mid-digitalisierung"},
        "deployer",
    ),
    (
        # 3-person TU spin-off offering its own AI system: provider first, then the
        # goal's process, then the development money (rnd and founding), numbered in time
        "ki-startup-berlin",
        # (docs/advice.md, One order)
        ["provider_duties", "prozesse_emerging_90d", "fund_development"],
        {"forschungszulage", "bafa-unternehmensberatung"},
        {"kfw-erp-innovation", "kfw-erp-digitalisierung", "htgf", "german-accelerator"},
        "provider",
    ),
    (
        # nothing answered in Daten: it never leads; Infrastruktur 23.8 is at the bottom
        "baeckerei-ohne-datenangaben",
        ["infrastruktur_early_90d", "prozesse_early_90d", "named_person"],
        {"mittelstand-digital-zentren"},
        RND_PROGRAMMES,
        "none",
    ),
    (
        # emotion recognition in calls: stop it first; staff use AI on their own
        "callcenter-emotionserkennung",
        ["stop_prohibited", "shadow_ai_rule", "prozesse_emerging_90d"],
        {"mittelstand-digital-zentren"},
        RND_PROGRAMMES,
        "deployer",
    ),
    (
        # Ingenieurbüro Lang & Partner: a draft, 3 of 33 questions (9 %) – below 60 %
        # the result is provisional (docs/advice.md): complete the check first, then
        # name a person (not answered); no step from scores or stages, so no step that
        # assumes AI use, and the role is unknown, not "none"
        "ingenieurbuero-entwurf",
        ["complete_check", "named_person"],
        {"mittelstand-digital-zentren"},
        RND_PROGRAMMES,
        "unknown",
    ),
]


@pytest.mark.parametrize(
    ("name", "first", "must", "must_not", "company_role"), CASES, ids=[c[0] for c in CASES]
)
def test_company_gets_the_advice_an_advisor_would_give(name, first, must, must_not, company_role):
    a = assessed(COMPANIES / f"{name}.yaml")
    assert [x.id for x in a.actions[:3]] == first
    assert must <= recommended(a), recommended(a)
    assert not must_not & recommended(a), must_not & recommended(a)
    assert a.role == company_role


# Programmes that pay for one of the first three steps but whose newest dated source
# is older than 12 months on AS_OF (docs/funding-catalogue.md): possible, with a note
# to check them before applying – never recommended.
STALE_FITS = [
    ("malerbetrieb-thueringen", "edih-netzwerk"),  # 12/2022
    ("logistik-nrw", "edih-netzwerk"),  # 12/2022
    ("logistik-nrw", "inqa-coaching"),  # 17.06.2024
    ("ki-startup-berlin", "zim"),  # 20.01.2025
    ("ki-startup-berlin", "be-transfer-bonus"),  # 01/2021
    ("ki-startup-berlin", "htgf"),  # 28.02.2023
    ("baeckerei-ohne-datenangaben", "sn-digitalisierung-zuschuss"),  # 05.10.2022
    ("callcenter-emotionserkennung", "inqa-coaching"),  # 17.06.2024
]


@pytest.mark.parametrize(("name", "programme"), STALE_FITS, ids=[f"{n}-{p}" for n, p in STALE_FITS])
def test_fitting_programme_with_old_data_is_possible_with_a_check_note(name, programme):
    a = assessed(COMPANIES / f"{name}.yaml")
    verdict = next(v for v in a.funding if v.programme.id == programme)
    assert verdict.match.match  # eligible
    assert verdict.stale
    assert verdict.tier == "possible"
    assert tr(verdict.reasons[0], "de") == "Angaben älter als 12 Monate – vor einem Antrag prüfen"


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.stem for p in ALL_FILES])
def test_rules_that_hold_for_every_company(path):
    a = assessed(path)
    q = a.questionnaire
    # every verdict, match or not, has a reason in both languages
    for v in a.funding:
        assert v.reasons, v.programme.id
        assert all(tr(r, "de") and tr(r, "en") for r in v.reasons), v.programme.id
    # stale data is never recommended; the shortlist is recommended, at most five
    assert not any(v.stale for v in a.tier("recommended"))
    assert len(a.shortlist) <= 5
    assert all(v.tier == "recommended" for v in a.shortlist)
    if any(v.programme.kind == "free_advice" for v in a.tier("recommended")):
        assert a.shortlist[0].programme.kind == "free_advice"
    # no duplicates; an optional or unanswered dimension never leads
    ids = [x.id for x in a.actions]
    assert len(ids) == len(set(ids))
    first_gap = next((x for x in a.actions if x.kind in ("foundation", "gap")), None)
    if first_gap is not None:
        dim = q.dimension(first_gap.dimension)
        score = next(d.score for d in a.result.dimensions if d.id == dim.id)
        assert not dim.optional
        assert score is not None
    unanswered = {d.id for d in a.unanswered}
    assert not unanswered & {x.dimension for x in a.actions}
    # owners fit the size and the works council: named where the answers show one,
    # never "if there is one" where they say whether there is
    employees = a.answers.company.employees
    council_known = bool({"works_council", "no_works_council"} & a.facts)
    for x in a.actions:
        owner = tr(x.owner, "de")
        if council_known or (employees is not None and employees < 5):
            assert "falls vorhanden" not in owner + tr(x.text, "de")
        if "works_council" not in a.facts:
            assert "Betriebsrat" not in owner.replace("Betriebsrat, falls vorhanden", "")
        if employees is not None and employees < 10:
            assert owner.startswith("Chefin oder Chef"), owner
        else:
            assert not owner.startswith("Chefin"), owner
        assert tr(x.why, "de")
        assert x.horizon in ("90d", "6m", "12m")
    # a strength is never also worked on
    assert not {d.id for d in a.strengths} & {x.dimension for x in a.actions}
    # no step works on AI the answers do not show in use
    if not {"uses_ai", "shadow_ai", "ai_product"} & a.facts:
        assert not [x.id for x in a.actions if x.id in AI_USE_STEPS]


# steps of next_steps.yaml marked assumes_ai_use: they work on AI already in use
AI_USE_STEPS = {
    "strategie_emerging_90d",  # Laufende KI-Versuche sichten
    "strategie_ready_90d",  # Nutzen der KI-Anwendungen messen
    "prozesse_ready_90d",  # Kennzahlen der KI-gestützten Abläufe verfolgen
    "ki_einsatz_emerging_90d",  # KI-Verzeichnis anlegen
    "ki_einsatz_ready_90d",  # Qualität der KI-Ergebnisse überwachen
    "kompetenzen_ready_90d",  # Wirksamkeit der Schulungen prüfen
    "recht_ready_90d",  # Rolle nach der KI-Verordnung klären (für jedes KI-System)
    "ressourcen_emerging_90d",  # Kosten und Nutzen der Versuche beziffern
    "ressourcen_ready_90d",  # KI-Kosten laufend steuern
    "infrastruktur_ready_12m",  # Den Betrieb der KI absichern
}


def test_steps_that_assume_ai_in_use_are_marked_in_the_data():
    from ki_check.advice.content import load_steps

    assert {s.id for s in load_steps() if s.assumes_ai_use} == AI_USE_STEPS


def test_draft_says_the_role_is_unknown_and_assumes_no_ai_use(cli):
    """Ingenieurbüro Lang & Partner: interview stopped after three strategy questions."""
    path = COMPANIES / "ingenieurbuero-entwurf.yaml"
    a = assessed(path)
    assert (a.result.answered, a.result.applicable) == (3, 33)  # 9 %
    # ki_stand, eigennutzung and entwicklung are shown but unanswered
    assert {"uses_ai", "shadow_ai", "ai_product", "rnd"} <= a.result.open_facts
    assert a.facts == frozenset()
    assert a.role == "unknown"
    # 9 % answered: provisional, the check is completed first (docs/advice.md)
    assert a.provisional
    assert [x.id for x in a.actions] == ["complete_check", "named_person"]
    text = " ".join(cli("score", path, "--as-of", "2026-11-24").stdout.split())
    assert "EU-KI-Verordnung, Rolle unbekannt – noch nicht erfragt: keine Angaben" in text
    assert "Nutzen der KI-Anwendungen messen" not in text
    assert "nutzt keine KI" not in text
    data = json.loads(cli("score", path, "--json", "--as-of", "2026-11-24").stdout)
    assert data["ai_act"]["role"] == "unknown"
    assert "uses_ai" in data["open_facts"]


def test_micro_business_owners_never_delegate():
    a = assessed(COMPANIES / "malerbetrieb-thueringen.yaml")
    for x in a.actions:
        assert not any(role in tr(x.owner, "de") for role in DELEGATED)
    person = next(x for x in a.actions if x.id == "named_person")
    assert tr(person.title, "de") == "Feste Zeit für KI einplanen"


def test_works_council_and_hr_ai_are_named_in_the_first_action():
    a = assessed(COMPANIES / "logistik-nrw.yaml")
    first = a.actions[0]
    assert {"works_council", "ai_in_hr"} <= a.facts
    assert "Betriebsrat" in tr(first.owner, "de")
    text = tr(first.text, "de")
    assert "BetrVG § 87 Abs. 1 Nr. 6" in text
    assert "DSGVO Art. 22" in text
    assert first.horizon == "90d"
    assert first.when == "now"  # a legal red flag starts now, in the report and in `score`
    assert "Tourenplanung mit KI verbessern" in tr(a.actions[1].why, "de")


def test_logistics_terminal_says_start_now_like_the_report(cli):
    """Rhein-Ruhr Logistik: the report's summary says "sofort" for the high-risk step;
    the terminal said "90 Tage" for the same step."""
    result = cli("score", COMPANIES / "logistik-nrw.yaml", "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "1. Pflichten beim Hochrisiko-Einsatz klären, bevor er weiterläuft (sofort ·" in said


def test_spin_off_develops_ai_so_rnd_and_founding_money_fit():
    a = assessed(COMPANIES / "ki-startup-berlin.yaml")
    assert {"rnd", "ai_product"} <= a.facts
    fund = next(x for x in a.actions if x.id == "fund_development")
    assert fund.needs == ("rnd", "founding")
    # optional Nachhaltigkeit, left unanswered, is no action at all
    assert "nachhaltigkeit" in {d.id for d in a.unanswered}
    assert "nachhaltigkeit" not in {x.dimension for x in a.actions}
    # loans are too large for three people, however ready they are
    loan = next(v for v in a.funding if v.programme.id == "kfw-erp-innovation")
    assert loan.tier == "possible"
    reasons = [tr(r, "de") for r in loan.reasons]
    # the fit is said first; old data comes first only where the programme would
    # otherwise be recommended (docs/advice.md)
    assert "Kleinstunternehmen" in reasons[0]
    assert loan.fresh_action is None
    assert ("Angaben zudem älter als 12 Monate" in reasons) is loan.stale
    assert tier_of(a, "htgf") == "possible"  # last verified 2023: check before applying


def test_painter_gets_no_rnd_money_and_says_why():
    a = assessed(COMPANIES / "malerbetrieb-thueringen.yaml")
    no_rnd = "fördert eigene Forschung und Entwicklung – Ihre Antworten zeigen keine"
    old_data = "Angaben älter als 12 Monate – vor einem Antrag prüfen"
    for pid in RND_PROGRAMMES:
        verdict = next(v for v in a.funding if v.programme.id == pid)
        # eligible, but R&D money for a painter without R&D does not fit: "Passt nicht",
        # with that reason alone (docs/advice.md, "Funding tiers")
        assert verdict.match.match
        assert verdict.tier == "not_matching"
        assert [tr(r, "de") for r in verdict.reasons] == [no_rnd]
        assert verdict.fresh_action is None
        assert verdict.amount is None
    # the EDIHs would help with step 1 (orientation), but their newest source is of 12/2022
    stale = next(v for v in a.funding if v.programme.id == "edih-netzwerk")
    assert stale.fresh_action == 1
    assert [tr(r, "de") for r in stale.reasons[:2]] == [
        old_data,
        "hilft bei Schritt 1 „Datenbestände erfassen“: Orientierung, erster Anwendungsfall,"
        " Ausprobieren vor dem Investieren",
    ]
    # the federal AI service centres' funding ran to autumn 2025: not open any more
    ended = next(v for v in a.funding if v.programme.id == "ki-servicezentren")
    assert ended.tier == "not_matching"
    assert tr(ended.reasons[0], "de").startswith("derzeit keine offene Ausschreibung")
    # the EDIHs fit too, but their newest dated source is older than 12 months
    # (docs/funding-catalogue.md): possible, not on the shortlist; Digitalbonus
    # Thüringen pays for purchases and none of the first three steps buys anything
    assert [v.programme.id for v in a.shortlist] == ["mittelstand-digital-zentren"]
    assert {"th-digitalbonus", "edih-netzwerk"} <= {v.programme.id for v in a.tier("possible")}
    bonus = next(v for v in a.funding if v.programme.id == "th-digitalbonus")
    assert bonus.fresh_action is None
    assert tr(bonus.reasons[0], "de") == (
        "fördert Kauf und Einführung digitaler oder KI-Lösungen – für ein späteres"
        " Umsetzungsvorhaben wie Schritt 6 „Nutzung auswerten und zweite Anwendung starten“;"
        " Ihre ersten Schritte kommen ohne Anschaffung aus"
    )
    assert a.strengths == ()


def test_painter_matches_the_worked_example_in_the_docs():
    a = assessed(COMPANIES / "malerbetrieb-thueringen.yaml")
    assert a.result.overall == 11.0
    costs = {g.dimension.id: round(g.cost, 2) for g in a.gaps}
    assert costs == {
        "ki_einsatz": 37.5,
        "ausfuehrung": 26.25,
        "daten": 25.0,
        "strategie": 25.0,
        "auftrag": 20.0,
        "recht": 8.33,
        "infrastruktur": 5.56,
    }
    assert [(x.id, x.horizon) for x in a.actions] == [
        ("daten_early_90d", "90d"),
        ("infrastruktur_early_90d", "90d"),
        ("ki_einsatz_early_90d", "90d"),
        ("named_person", "90d"),
        ("prozesse_early_90d", "6m"),
        ("ki_einsatz_early_12m", "12m"),
    ]
    doc = (ROOT / "docs" / "advice.md").read_text("utf-8")
    assert "**11.0**" in doc
    assert "| KI-Einsatz | 1.5 × (25 − 0) × 1 | 37.5 |" in doc


def test_manufacturers_development_step_is_paid_for_wherever_it_stands():
    """Huber Sondermaschinen: step 4 "Eigene Entwicklung fördern lassen" (fact rnd).

    Its need is rnd; the Forschungszulage serves rnd, requires rnd (shown: entwicklung
    forschung) and its newest source is younger than 12 months: recommended, paying for
    step 4. ZIM serves rnd too but its newest source is of 20.01.2025: possible, check
    first. docs/advice.md, worked example "Huber Sondermaschinen".
    """
    a = assessed(COMPANIES / "maschinenbau-bayern.yaml")
    assert [x.id for x in a.actions].index("fund_development") == 3
    fz = next(v for v in a.funding if v.programme.id == "forschungszulage")
    assert (fz.tier, fz.action) == ("recommended", 4)
    assert tr(fz.reasons[0], "de") == (
        "bezahlt Schritt 4 „Eigene Entwicklung fördern lassen“: eigene Forschung und"
        " Entwicklung, KI in eigenen Produkten"
    )
    zim = next(v for v in a.funding if v.programme.id == "zim")
    assert zim.tier == "possible"
    assert tr(zim.reasons[0], "de") == "Angaben älter als 12 Monate – vor einem Antrag prüfen"
    # the shortlist: free first stop, the grant for step 1, then by step
    assert [v.programme.id for v in a.shortlist] == [
        "mittelstand-digital-zentren",
        "bafa-unternehmensberatung",
        "forschungszulage",
    ]


def test_bakery_without_data_answers_ties_the_lead_to_its_own_goal():
    a = assessed(COMPANIES / "baeckerei-ohne-datenangaben.yaml")
    assert [d.id for d in a.unanswered] == ["daten"]
    lead = next(x for x in a.actions if x.kind == "gap")
    assert lead.goal == "Bestellmengen für die Filialen jeden Abend von Hand planen"
    assert "„Bestellmengen für die Filialen jeden Abend von Hand planen“" in tr(lead.text, "de")


def test_prohibited_practice_comes_first_with_the_works_council():
    a = assessed(COMPANIES / "callcenter-emotionserkennung.yaml")
    first = a.actions[0]
    assert first.id == "stop_prohibited"
    assert tr(first.owner, "de") == "Geschäftsführung mit Rechtsberatung und dem Betriebsrat"
    assert "Innerhalb weniger Tage" in tr(first.text, "de")
    assert first.needs == ()  # legal counsel: no programme of the catalogue pays for it


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (set(), "none"),
        ({"uses_ai"}, "deployer"),
        ({"shadow_ai"}, "deployer"),
        ({"uses_ai", "ai_product"}, "provider"),
        ({"rnd"}, "none"),  # R&D alone is no AI Act role
    ],
)
def test_role_from_facts(facts, expected):
    assert role(frozenset(facts)) == expected


@pytest.mark.parametrize(
    ("facts", "open_facts", "expected"),
    [
        (set(), {"uses_ai"}, "unknown"),  # the AI question is unanswered
        (set(), {"ai_product"}, "unknown"),  # development not asked yet
        (set(), {"works_council", "rnd"}, "none"),  # open, but none decides the role
        ({"uses_ai"}, {"ai_product"}, "deployer"),  # what the answers show already
        ({"ai_product"}, {"shadow_ai"}, "provider"),
    ],
)
def test_role_is_unknown_while_a_question_that_decides_it_is_open(facts, open_facts, expected):
    assert role(frozenset(facts), frozenset(open_facts)) == expected


def test_dma_questionnaire_asks_nothing_about_the_role():
    # eu-dma has no fact signals: whether the firm uses or offers AI is never asked
    a = assessed(ROOT / "examples" / "eu-dma-beispiel.yaml")
    assert a.role == "unknown"


def test_strengths_need_the_ready_stage_and_half_the_answers():
    q, af = open_answers(ROOT / "examples" / "muster-gmbh.yaml")
    a = assess(q, af, as_of=AS_OF)
    # ressourcen 71.4, infrastruktur 66.7, recht 64.3 (6 of 7 answered) reach 50;
    # strategie 55.0 and daten 59.9 too, but only three are named, highest first
    assert [d.id for d in strengths(q, a.result)] == ["ressourcen", "infrastruktur", "recht"]
    # nachhaltigkeit 33.3 and anything below 50 never is one
    assert all(d.score >= 50 for d in a.strengths)


def test_score_json_carries_the_advice_and_the_advisors_word(cli, tmp_path):
    source = (COMPANIES / "logistik-nrw.yaml").read_text("utf-8")
    path = tmp_path / "logistik.yaml"
    path.write_text(
        source.replace(
            "  status: complete\n",
            "  status: complete\n  conclusion: Erst die Bewerbungs-KI klären.\n"
            '  follow_up: "2027-05-14"\n',
        ),
        "utf-8",
    )
    result = cli("score", path, "--json", "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["actions"][0]["id"] == "clarify_high_risk"
    assert data["actions"][0]["horizon"] == "90d"
    assert data["actions"][0]["when"] == "now"
    assert data["actions"][1]["when"] == data["actions"][1]["horizon"]
    assert data["ai_act"]["role"] == "deployer"
    # every item with its level and its dated wording, as of 24 Nov 2026
    items = {x["id"]: x for x in data["ai_act"]["items"]}
    assert list(items) == ["literacy", "prohibited", "high_risk", "transparency"]
    high_risk = items["high_risk"]
    assert (high_risk["level"], high_risk["date"], high_risk["in_force"]) == (
        "red",
        "2026-08-02",
        True,
    )
    assert high_risk["status"] == "gilt seit 2. August 2026"
    assert high_risk["title"] == "Hochrisiko-Anwendungen (Anhang III)"
    assert items["literacy"]["status"] == "gilt seit 2. Februar 2025"
    # AI in HR with a works council: both points to clarify, with their source
    assert [(c["id"], c["source"]) for c in data["ai_act"]["clarify"]] == [
        ("mitbestimmung", "Betriebsverfassungsgesetz (BetrVG) § 87 Abs. 1 Nr. 6"),
        (
            "automatisierte_entscheidung",
            "Verordnung (EU) 2016/679 (Datenschutz-Grundverordnung) Art. 22",
        ),
    ]
    assert data["conclusion"] == "Erst die Bewerbungs-KI klären."
    assert data["follow_up"] == "2027-05-14"
    assert len(data["funding_shortlist"]) <= 5
    assert all(f["reasons"] for f in data["funding"] + data["funding_not_matching"])


def test_score_table_reads_as_advice(cli):
    result = cli("score", COMPANIES / "malerbetrieb-thueringen.yaml", "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "1. Datenbestände erfassen (90 Tage · Chefin oder Chef selbst)" in text
    assert "Stärken: Bisher keine Dimension mit mindestens 50 Punkten." in text
    assert "EU-KI-Verordnung, Rolle keine (nutzt keine KI)" in text
    # 10 eligible programmes; the four R&D ones do not fit a painter without R&D
    # (docs/advice.md): 10 − 4 − 1 on the shortlist = 5 more "in Frage"
    assert "Empfohlene Förderung: Mittelstand-Digital Zentren Weitere 5 Programme" in text


def test_actions_data_refers_only_to_steps_that_exist():
    from ki_check.advice.actions import load_actions
    from ki_check.advice.content import load_steps

    data = load_actions()
    steps = {s.id: s for s in load_steps()}
    for action in data.actions.values():
        assert set(action.covers) <= set(steps), action.id
        assert set(action.replaces) <= set(data.actions), action.id
        for text in (action.title, action.text, *action.who.values(), *action.notes.values()):
            assert text["de"], action.id
            assert text["en"], action.id
    assert set(data.step_variants) <= set(steps)
    # a step that speaks of the works council "if there is one" has words for each case
    for step in steps.values():
        if "falls vorhanden" in step.who["de"] + step.what["de"]:
            variants = data.step_variants[step.id]
            assert set(variants) == {"works_council", "no_works_council"}, step.id
            for case in variants.values():
                assert "falls vorhanden" not in case["who"]["de"] + case["what"]["de"]
                assert "if there is one" not in case["who"]["en"] + case["what"]["en"]


def test_broken_actions_file_names_line_and_value():
    from ki_check.advice.actions import load_actions
    from ki_check.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        load_actions(DATA / "actions-unknown-need.yaml")
    (issue,) = [i for i in caught.value.issues if i.severity == "error"]
    assert (issue.code, issue.line) == ("VALUE_001", 11)
    assert "money" in issue.message("de")


@pytest.mark.parametrize(
    ("betriebsrat", "owner", "in_text"),
    [
        ("nein", "Geschäftsführung, KI-Ansprechperson und Betriebsrat", "und dem Betriebsrat"),
        ("not_relevant", "Geschäftsführung mit der KI-Ansprechperson", None),
        (
            "dont_know",
            "Geschäftsführung, KI-Ansprechperson und Betriebsrat, falls vorhanden",
            "falls vorhanden",
        ),
    ],
)
def test_works_council_words_follow_the_answer(tmp_path, betriebsrat, owner, in_text):
    # the logistics firm without its stated goal and with training for a few only: the
    # lead gap is Kompetenzen (ki_kompetenz einzelne 2/3, lernzeit 1/2, offenheit 1/2 and,
    # with "nein", betriebsrat 0: 33.3 or 41.7, emerging either way), whose 12-month
    # step speaks of the works council
    source = (COMPANIES / "logistik-nrw.yaml").read_text("utf-8")
    source = source.replace("  anwendungsfall_beschreibung: Tourenplanung mit KI verbessern\n", "")
    source = source.replace("ki_kompetenz: teams", "ki_kompetenz: einzelne")
    path = tmp_path / "logistik.yaml"
    path.write_text(source.replace("betriebsrat: nein", f"betriebsrat: {betriebsrat}"), "utf-8")
    a = assessed(path)
    scale = next(x for x in a.actions if x.kind == "scale")
    assert scale.id == "kompetenzen_emerging_12m"
    assert tr(scale.owner, "de") == owner
    text = tr(scale.text, "de")
    if in_text is None:
        assert "Betriebsrat" not in text
    else:
        assert in_text in text


# the painter's first three actions need implementation and orientation but buy nothing;
# step 6 is the first that buys (worked example)
LATER = "fördert Kauf und Einführung digitaler oder KI-Lösungen – für ein späteres Umsetzungs"
TIER_CASES = [
    ("free-first", "recommended", "hilft bei Schritt 1 „Datenbestände erfassen“: Orientierung"),
    ("grant-orient", "recommended", "bezahlt Schritt 1 „Datenbestände erfassen“: Orientierung"),
    ("grant-impl", "possible", LATER + "vorhaben wie Schritt 6 „Nutzung auswerten und zweite"),
    ("grant-stale", "possible", "Angaben älter als 12 Monate – vor einem Antrag prüfen"),
    ("grant-rnd", "not_matching", "fördert eigene Forschung und Entwicklung – Ihre Antworten"),
    ("loan-impl", "possible", "Darlehen für große Investitionen – für ein Kleinstunternehmen"),
    ("grant-people", "possible", "fördert Arbeitsorganisation, Kompetenzen und Weiterbildung –"),
    ("grant-by", "not_matching", "nur für Unternehmen mit Sitz in Bayern"),
]


@pytest.mark.parametrize(("programme", "tier", "reason"), TIER_CASES)
def test_tier_rules_on_a_catalogue_made_for_them(programme, tier, reason):
    from ki_check.funding.match import load_funding

    q, af = open_answers(COMPANIES / "malerbetrieb-thueringen.yaml")
    a = assess(q, af, as_of=AS_OF, programmes=load_funding(DATA / "funding-tiers.yaml"))
    verdict = next(v for v in a.funding if v.programme.id == programme)
    assert verdict.tier == tier
    assert tr(verdict.reasons[0], "de").startswith(reason)
    assert [v.programme.id for v in a.shortlist] == ["free-first", "grant-orient"]
    if programme == "grant-impl":
        assert verdict.amount == {
            "de": "50 %; höchstens 15.000\xa0€",
            "en": "50 %; at most €15,000",
        }


# "Passt zum Bedarf – Angaben vor einem Antrag prüfen" (docs/advice.md): the painter's
# first three steps need implementation and orientation; worked out by hand per entry
# in tests/data/funding-check-first.yaml.
def test_painter_sees_fitting_programmes_with_old_data_without_them_being_recommended():
    a = assessed(COMPANIES / "malerbetrieb-thueringen.yaml")
    # the EDIHs (EU, orientation) help with step 1 but their newest source is of
    # 12/2022; Digitalbonus Thüringen pays for purchases (steps 1-3 buy nothing), INQA
    # (people, step 4), the loan (6 staff) and the R&D programmes would not be
    # recommended either way
    assert [v.programme.id for v in a.check_first] == ["edih-netzwerk"]
    assert all(v.tier == "possible" and v.stale for v in a.check_first)
    assert [v.fresh_action for v in a.check_first] == [1]
    assert not {v.programme.id for v in a.check_first} & {v.programme.id for v in a.shortlist}


def test_check_first_in_score_json(cli):
    path = COMPANIES / "malerbetrieb-thueringen.yaml"
    result = cli("score", path, "--json", "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["funding_shortlist"] == ["mittelstand-digital-zentren"]
    assert data["funding_check_first"] == [
        {
            "id": "edih-netzwerk",
            "name": "European Digital Innovation Hubs (EDIH)",
            "amount": "für KMU in der Regel kostenfrei (öffentlich gefördert, nicht"
            " gewinnorientiert)",
            "newest_source": "12/2022",
            "action": 1,
        }
    ]
    # eligible, but a fact it requires is missing: listed as not matching, with the reason
    unfit = {d["id"]: d["reasons"] for d in data["funding_not_matching"]}
    no_rnd = "fördert eigene Forschung und Entwicklung – Ihre Antworten zeigen keine"
    assert unfit["zim"] == [no_rnd]


CHECK_FIRST_CASES = [
    ("stale-land", True),  # Land, orientation, step 1: first
    ("stale-bund-a", True),  # Bund before EU, then by id
    ("stale-bund-b", True),
    ("stale-eu", False),  # fits step 1 too, but the fourth: at most three
    ("stale-people", False),  # people is the need of step 4, not of the first three
    ("stale-rnd", False),  # requires R&D the answers do not show
    ("stale-loan", False),  # a loan for a business of six
    ("stale-by", False),  # not eligible: Bavaria only
    ("stale-impl", False),  # pays for purchases; the first three steps buy nothing
    ("fresh-grant", False),  # current data: recommended, on the shortlist instead
]


@pytest.mark.parametrize(("programme", "listed"), CHECK_FIRST_CASES)
def test_check_first_rule_on_a_catalogue_made_for_it(programme, listed):
    from ki_check.funding.match import load_funding

    q, af = open_answers(COMPANIES / "malerbetrieb-thueringen.yaml")
    catalogue = load_funding(DATA / "funding-check-first.yaml")
    a = assess(q, af, as_of=AS_OF, programmes=catalogue)
    ids = [v.programme.id for v in a.check_first]
    assert ids == ["stale-land", "stale-bund-a", "stale-bund-b"]
    assert (programme in ids) is listed
    assert [v.programme.id for v in a.shortlist] == ["fresh-grant"]
    assert "recommended" not in {v.tier for v in a.check_first}


# Old data decides "check first" only where the programme would otherwise be
# recommended; one that does not fit anyway says why first (docs/advice.md).
OLD_DATA_CASES = [
    (
        "stale-land",
        "Angaben älter als 12 Monate – vor einem Antrag prüfen",
        "bezahlt Schritt 1",
    ),
    ("stale-people", "fördert Arbeitsorganisation", "Angaben zudem älter als 12 Monate"),
    ("stale-impl", "fördert Kauf und Einführung", "Angaben zudem älter als 12 Monate"),
    ("stale-loan", "Darlehen für große Investitionen", "Angaben zudem älter als 12 Monate"),
]


@pytest.mark.parametrize(("programme", "first", "second"), OLD_DATA_CASES)
def test_old_data_is_said_first_only_where_the_programme_would_fit(programme, first, second):
    from ki_check.funding.match import load_funding

    q, af = open_answers(COMPANIES / "malerbetrieb-thueringen.yaml")
    catalogue = load_funding(DATA / "funding-check-first.yaml")
    a = assess(q, af, as_of=AS_OF, programmes=catalogue)
    v = next(v for v in a.funding if v.programme.id == programme)
    assert v.tier == "possible"
    reasons = [tr(r, "de") for r in v.reasons]
    assert reasons[0].startswith(first)
    assert reasons[1].startswith(second)


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.stem for p in ALL_FILES])
def test_check_first_is_stale_fitting_and_at_most_three_for_every_company(path):
    a = assessed(path)
    assert len(a.check_first) <= 3
    for v in a.check_first:
        assert v.match.match
        assert v.stale
        assert v.tier == "possible"
        # one of the first three steps, or the development step wherever it stands
        step = a.actions[v.fresh_action - 1]
        assert v.fresh_action <= 3 or "rnd" in step.needs


def test_manufacturers_old_data_programmes_include_the_one_for_step_4():
    """Huber Sondermaschinen (docs/advice.md): INQA-Coaching (Bund, consulting) and
    the EDIH (EU, orientation) would pay for step 1, ZIM (serves and requires rnd,
    not a loan) and the EIC Accelerator for step 4 "Eigene Entwicklung fördern
    lassen"; their newest sources are older than 12 months. The summary names at most
    five programmes: three on the shortlist leave room for two, INQA (step 1, Bund)
    and the EDIH (step 1, EU)."""
    a = assessed(COMPANIES / "maschinenbau-bayern.yaml")
    assert len(a.shortlist) == 3
    assert [(v.programme.id, v.fresh_action) for v in a.check_first] == [
        ("inqa-coaching", 1),
        ("edih-netzwerk", 1),
    ]
    fresh = {v.programme.id: v.fresh_action for v in a.tier("possible") if v.fresh_action}
    assert fresh == {"inqa-coaching": 1, "edih-netzwerk": 1, "zim": 4, "eic-accelerator": 4}


# The Forschungszulage (serves and requires rnd, newest source within 12 months) for
# each company: recommended only where the plan has the development step (need rnd,
# wherever it stands) and the answers show rnd; otherwise it does not fit: not matching,
# with the reason.
NO_RND = "fördert eigene Forschung und Entwicklung – Ihre Antworten zeigen keine"
DEVELOPMENT_CASES = [
    # 6 staff, no R&D answered: no development step, no rnd fact
    ("malerbetrieb-thueringen", "not_matching", None, NO_RND),
    # entwicklung: forschung → rnd; the development step is fourth
    ("maschinenbau-bayern", "recommended", 4, "bezahlt Schritt 4"),
    # builds AI into its product (ai_product, rnd): provider duties (90 days), the lead
    # gap (90 days), then the development step (6 months) as step 3
    ("ki-startup-berlin", "recommended", 3, "bezahlt Schritt 3"),
    # uses AI of others only: no development step
    ("logistik-nrw", "not_matching", None, NO_RND),
]


@pytest.mark.parametrize(("company", "tier", "step", "reason"), DEVELOPMENT_CASES)
def test_rnd_money_follows_the_development_step_wherever_it_stands(company, tier, step, reason):
    a = assessed(COMPANIES / f"{company}.yaml")
    fz = next(v for v in a.funding if v.programme.id == "forschungszulage")
    assert (fz.tier, fz.action) == (tier, step)
    assert tr(fz.reasons[0], "de").startswith(reason)
    if step is not None:
        assert a.actions[step - 1].id == "fund_development"
