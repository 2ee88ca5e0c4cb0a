"""Use cases follow the company's largest gaps and are listed simplest first.

Manufacturing (WZ C) on the produktion questionnaire: a large gap in camera-based
quality inspection (qs_genutzt) or production planning (planung_genutzt) brings
the matching case into the report even before the company is "ready"; every list
is ordered by effort (low, medium, high), as the report heading promises.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from ki_check.advice.content import EFFORTS, load_use_cases, use_cases_for
from ki_check.assessment.answers import load_answers
from ki_check.assessment.profile import SECTORS
from ki_check.assessment.scoring import score
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import READINESS

PRODUKTION = ROOT / "questionnaires" / "produktion.yaml"


def test_kunststoffspritzerei_with_inspection_and_planning_gaps(write_answers):
    """An injection moulder, early stage: need 5 and use 1 for inspection and planning.

    Gaps (relevance − use on 0–1): qs (5−1)/4 − (1−1)/4 = 1.0, planning 1.0, maintenance
    need 2 use 2 → no gap. The two largest gaps are qs_genutzt and planung_genutzt.
    """
    q = load_questionnaire(PRODUKTION)
    answers = {
        "qs_relevant": 5,
        "qs_genutzt": 1,
        "wartung_relevant": 2,
        "wartung_genutzt": 2,
        "planung_relevant": 5,
        "planung_genutzt": 1,
        "ki_stand": "nicht_begonnen",
    }
    company = {"name": "Kunststoffspritzerei", "sector": "C", "employees": 35}
    af = load_answers(write_answers(str(PRODUKTION), answers, company=company), q)
    result = score(q, af, as_of=dt.date(2026, 11, 24))
    top = [g.question for g in result.gaps[:3]]
    assert top == ["qs_genutzt", "planung_genutzt"]
    cases = use_cases_for("C", "early", "produktion", gaps=top)
    ids = [u.id for u in cases]
    assert "c_qualitaetspruefung_bild" in ids  # min_readiness "ready", chosen by the gap
    assert "c_produktionsplanung" in ids  # min_readiness "emerging", chosen by the gap
    assert len(ids) == 5
    efforts = [EFFORTS.index(u.effort) for u in cases]
    assert efforts == sorted(efforts)
    assert cases[-1].id == "c_qualitaetspruefung_bild"  # high effort comes last


def test_without_the_gaps_an_early_manufacturer_sees_neither():
    ids = [u.id for u in use_cases_for("C", "early", "produktion")]
    assert "c_qualitaetspruefung_bild" not in ids
    assert "c_produktionsplanung" not in ids


def test_kmu_basis_production_gap_brings_inspection_for_manufacturing():
    ids = [u.id for u in use_cases_for("C", "emerging", "kmu-basis", gaps=["produktion_genutzt"])]
    assert "c_qualitaetspruefung_bild" in ids
    assert "c_vorausschauende_wartung" in ids


def test_a_gap_case_stays_within_its_sector():
    """A retailer's planning gap brings the retail forecast, not production planning."""
    ids = [u.id for u in use_cases_for("G", "early", "kmu-basis", gaps=["planung_genutzt"])]
    assert "g_absatzprognose" in ids
    assert "c_produktionsplanung" not in ids


@pytest.mark.parametrize("questionnaire", ["kmu-basis", "handwerk", "produktion", "kurzcheck"])
@pytest.mark.parametrize("readiness", READINESS)
def test_every_list_is_ordered_by_effort(questionnaire, readiness):
    for sector in SECTORS:
        for gaps in ((), ("planung_genutzt", "qs_genutzt", "texte_genutzt")):
            cases = use_cases_for(sector, readiness, questionnaire, gaps=gaps)
            efforts = [EFFORTS.index(u.effort) for u in cases]
            assert efforts == sorted(efforts), (sector, readiness, gaps)


def test_every_gap_names_a_use_question_of_a_bundled_questionnaire():
    use_questions = set()
    for path in (ROOT / "questionnaires").glob("*.yaml"):
        q = load_questionnaire(path)
        use_questions |= {x.id for x in q.questions if x.relevance_question}
    named = {g for u in load_use_cases() for g in u.gaps}
    assert named, "no use case names a gap"
    assert named <= use_questions, named - use_questions
