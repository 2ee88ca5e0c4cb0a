"""Barriers: named by the company or derived from its answers; a figure only for the
population it counts (docs/advice.md, "Barrier figures"; review findings 10 and 11).

Expected values are read off the answer files by hand:
- Malerbetrieb Sommer (handwerk, 6 staff, no AI): ``huerden: [wissen, zeit, kosten]``;
  paper records, nobody trained and an unknown AI Act reveal legal, data, skills.
- KI-Start-up Berlin (kmu-basis, 3 staff, sells an AI system → provider):
  ``hemmnisse: [recht, kosten]``.
- Callcenter (kmu-basis, 60 staff, uses AI → deployer): ``hemmnisse: [recht]``.
- Bäckerei (kmu-basis, 15 staff, no AI): ``hemmnisse: [wissen, zeit]``.
"""

from __future__ import annotations

import pytest
from conftest import DATA

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.assessment.barrier_origin import company_barriers, named_barriers

COMPANIES = DATA / "companies"


def _assess(name: str):
    q, af = open_answers(COMPANIES / f"{name}.yaml")
    return assess(q, af)


@pytest.mark.parametrize(
    ("company", "named", "derived"),
    [
        ("malerbetrieb-thueringen", ["knowledge", "staff", "cost"], ["legal", "data", "skills"]),
        ("ki-startup-berlin", ["legal", "cost"], []),
        ("callcenter-emotionserkennung", ["legal"], []),
        ("baeckerei-ohne-datenangaben", ["knowledge", "staff"], ["legal", "skills"]),
    ],
)
def test_named_first_then_derived(company, named, derived):
    bs = company_barriers(_assess(company))
    assert [b.id for b in bs if b.named] == named
    assert [b.id for b in bs if not b.named] == derived


def test_malerbetrieb_no_budget_elsewhere_does_not_make_cost_named():
    """Only the list of barriers counts: a painter who ticks nothing there names nothing,
    whatever the other answers reveal."""
    a = _assess("malerbetrieb-thueringen")
    answers = dict(a.answers.answers, huerden=["nichts"])
    assert named_barriers(a.questionnaire, answers) == frozenset()
    assert named_barriers(a.questionnaire, a.answers.answers) == {"knowledge", "staff", "cost"}


def test_ki_startup_reads_no_figure_about_companies_without_ai():
    """3 staff, sells AI: the Bitkom 2025 figure for firms with and without AI, with the
    sentence that the survey counts firms from 20 staff only."""
    legal, cost = company_barriers(_assess("ki-startup-berlin"))
    assert "der Unternehmen ohne KI" not in legal.figure["de"]
    assert legal.figure["de"] == (
        "53 % der Unternehmen ab 20 Beschäftigten – mit und ohne KI – nennen rechtliche"
        " Hürden oder Unsicherheit (Bitkom 2025). Unternehmen mit weniger als 20"
        " Beschäftigten – wie Ihres mit 3 – zählt diese Erhebung nicht."
    )
    assert legal.figure["en"].endswith(
        "The survey does not count companies with fewer than 20 employees – like yours with 3."
    )
    assert cost.figure["de"].startswith("36 % der Unternehmen ab 20 Beschäftigten")


def test_callcenter_60_staff_reads_bitkom_without_size_sentence():
    (legal,) = company_barriers(_assess("callcenter-emotionserkennung"))
    assert legal.figure["de"] == (
        "53 % der Unternehmen ab 20 Beschäftigten – mit und ohne KI – nennen rechtliche"
        " Hürden oder Unsicherheit (Bitkom 2025)."
    )


def test_baeckerei_15_staff_no_ai_keeps_destatis_and_is_told_bitkom_counts_20_plus():
    bs = {b.id: b for b in company_barriers(_assess("baeckerei-ohne-datenangaben"))}
    assert bs["knowledge"].figure["de"] == (
        "71 % der Unternehmen ohne KI nennen fehlendes Wissen (Destatis 2024, Unternehmen"
        " ab 10 Beschäftigten)."
    )
    assert (
        bs["staff"]
        .figure["de"]
        .endswith(
            "Unternehmen mit weniger als 20 Beschäftigten – wie Ihres mit 15 – zählt diese"
            " Erhebung nicht."
        )
    )
