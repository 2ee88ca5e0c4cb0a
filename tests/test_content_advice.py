"""Content of the advice data: next steps and use cases are complete and selectable."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import yaml

from ki_check.advice.content import (
    EFFORTS,
    HORIZONS,
    STOP_KINDS,
    load_steps,
    load_use_cases,
    steps_for,
    use_cases_for,
)
from ki_check.questionnaire.model import READINESS, TOPICS
from ki_check.util.resources import data_file

# The WZ 2008 sections the report promises sector-specific use cases for.
SECTORS = ("C", "F", "G", "H", "I", "J", "M", "Q")
LANGS = ("de", "en")


def _filled(text: dict[str, str] | None) -> bool:
    return bool(text) and all((text.get(lang) or "").strip() for lang in LANGS)


# --- next steps --------------------------------------------------------------------
def test_exactly_one_step_per_topic_readiness_and_horizon():
    counts = Counter((s.topic, s.readiness, s.horizon) for s in load_steps())
    expected = {(t, r, h) for t in TOPICS for r in READINESS for h in HORIZONS}
    assert set(counts) == expected
    assert [key for key, n in counts.items() if n != 1] == []
    assert len(load_steps()) == len(TOPICS) * len(READINESS) * len(HORIZONS) == 81


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("readiness", READINESS)
def test_plan_gets_all_three_horizons(topic, readiness):
    assert set(steps_for(topic, readiness)) == set(HORIZONS)


def test_step_texts_are_bilingual_and_not_empty():
    missing = [
        (s.id, field)
        for s in load_steps()
        for field in ("title", "what", "who", "duration")
        if not _filled(getattr(s, field))
    ]
    assert missing == []


def test_step_ids_unique_and_named_after_their_key():
    steps = load_steps()
    assert len({s.id for s in steps}) == len(steps)
    assert [s.id for s in steps if s.id != f"{s.topic}_{s.readiness}_{s.horizon}"] == []


def test_every_step_names_known_free_help():
    for s in load_steps():
        assert s.free_help, s.id
        assert set(s.free_help) <= set(STOP_KINDS), s.id
        assert len(set(s.free_help)) == len(s.free_help), s.id


def test_topics_cover_what_the_brief_promises():
    text = {
        topic: " ".join(s.what["de"] for s in load_steps() if s.topic == topic) for topic in TOPICS
    }
    # AI Act and GDPR in recht, AI literacy in kompetenzen, funding in ressourcen
    for term in ("Art. 5", "Art. 50", "hochriskant", "DSGVO", "2. Februar 2025", "2. August 2026"):
        assert term in text["recht"], term
    assert "Art. 4" in text["kompetenzen"]
    for term in ("INQA-Coaching", "KfW ERP-Förderkredit Digitalisierung", "Forschungszulage"):
        assert term in text["ressourcen"], term


# --- use cases ---------------------------------------------------------------------
def test_use_case_ids_unique():
    cases = load_use_cases()
    assert len({u.id for u in cases}) == len(cases)


def test_use_case_texts_are_bilingual_and_not_empty():
    missing = [
        (u.id, field)
        for u in load_use_cases()
        for field in ("title", "description", "needs_data", "needs_skills", "benefit")
        if not _filled(getattr(u, field))
    ]
    assert missing == []
    assert {u.effort for u in load_use_cases()} <= set(EFFORTS)


@pytest.mark.parametrize("sector", SECTORS)
@pytest.mark.parametrize("readiness", READINESS)
def test_every_sector_gets_at_least_three_cases(sector, readiness):
    cases = use_cases_for(sector, readiness, "kmu-basis")
    assert len(cases) >= 3
    level = READINESS.index(readiness)
    assert all(READINESS.index(u.min_readiness) <= level for u in cases)
    assert all(not u.questionnaires for u in cases)


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_has_a_case_at_each_level(sector):
    levels = {
        u.min_readiness
        for u in load_use_cases()
        if not u.questionnaires and (sector in u.sectors or "*" in u.sectors)
    }
    assert levels == set(READINESS)


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_has_three_specific_cases(sector):
    specific = [u for u in load_use_cases() if sector in u.sectors and not u.questionnaires]
    assert len(specific) >= 3


def test_general_cases_cover_every_level():
    general = [u for u in load_use_cases() if "*" in u.sectors]
    assert len(general) >= 5
    assert {u.min_readiness for u in general} == set(READINESS)


def test_handwerk_cases_exist_and_fit_crafts_sectors():
    crafts = [u for u in load_use_cases() if "handwerk" in u.questionnaires]
    assert len(crafts) >= 4
    assert all("F" in u.sectors or "C" in u.sectors for u in crafts)


@pytest.mark.parametrize("readiness", READINESS)
def test_handwerk_interview_shows_a_crafts_case(readiness):
    cases = use_cases_for("F", readiness, "handwerk")
    assert any("handwerk" in u.questionnaires for u in cases)


@pytest.mark.parametrize("readiness", READINESS)
def test_crafts_cases_stay_out_of_other_questionnaires(readiness):
    for sector in SECTORS:
        assert not any(u.questionnaires for u in use_cases_for(sector, readiness, "kmu-basis"))


def test_use_case_file_keeps_checked_date_and_names_sources():
    raw = yaml.safe_load(data_file("use_cases.yaml").read_text(encoding="utf-8"))
    assert dt.date.fromisoformat(raw["checked"])
    assert len(raw["sources"]) >= 5
    assert all(isinstance(s, str) and s.strip() for s in raw["sources"])
