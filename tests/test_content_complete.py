"""No blank in a report: advice resolves for every questionnaire, stage and sector."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from ki_check.advice.content import first_stops_for, steps_for, use_cases_for
from ki_check.assessment.baseline import load_baselines
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.documents.report import report_html
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import READINESS
from ki_check.util.resources import bundled_questionnaires

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
def test_every_dimension_has_steps_for_every_stage(qid):
    q = load_questionnaire(qid)
    for d in q.dimensions:
        assert d.topic, f"{qid}: {d.id} has no topic"
        for stage in q.stages:
            steps = steps_for(d.topic, stage.readiness)
            assert set(steps) == {"90d", "6m", "12m"}, (qid, d.id, stage.id)


@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
@pytest.mark.parametrize("sector", [*sorted(SECTORS), None])
def test_use_cases_for_every_sector_and_readiness(qid, sector):
    for readiness in (*READINESS, None):
        assert use_cases_for(sector, readiness, qid), (qid, sector, readiness)


@pytest.mark.parametrize("state", [*sorted(STATES), None])
def test_first_stops_everywhere(state):
    assert first_stops_for(state)


def test_every_baseline_has_source_population_and_date():
    for b in load_baselines().baselines:
        assert b.source
        assert b.url.startswith("https://")
        assert b.population["de"]
        assert b.population["en"]
        dt.date.fromisoformat(b.checked)
        assert 0 < b.share < 1


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_renders_a_full_report(example):
    rendered = report_html(example, as_of=dt.date(2026, 11, 24))
    html = rendered.html
    assert "noch keine" not in html  # no empty plan horizon, strengths, gaps or steps
    assert html.count('class="step"') >= 3
    assert 'class="data use-case-table"' in html  # use cases
    assert "Kostenlose erste Anlaufstelle" in html  # and the others in one line beside it
