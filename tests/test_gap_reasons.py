"""A gap's reason says in plain words where the dimension stands: below the start of the
next overall stage, or at the top stage that the company stands there already
(``docs/advice.md``, rule 4 and *Why*); it quotes what the company called important and
the 12-month step names the step it builds on. Expected values by hand from the company
files.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import DATA

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.i18n import tr

AS_OF = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("company", "action", "de", "en"),
    [
        (
            # 38.1, Entdecker (25–50): next overall stage Gestalter from 50;
            # Anwendungsfelder in der Fertigung 23.3, below 50
            "maschinenbau-bayern",
            "prozesse_early_90d",
            "Anwendungsfelder in der Fertigung: 23,3 von 100 Punkten, unter den 50, ab denen"
            " die nächste Stufe „Gestalter“ beginnt.",
            ": 23.3 of 100 points, below the 50 where the next stage “Shaper” begins.",
        ),
        (
            # 77.0, Vorreiter (75–100), the top stage: there is no next stage to name;
            # Prozesse 41.7
            "ki-startup-berlin",
            "prozesse_emerging_90d",
            "Prozesse und Anwendungsfälle: 41,7 von 100 Punkten, obwohl das Unternehmen"
            " insgesamt schon auf der obersten Stufe „Vorreiter“ steht.",
            ": 41.7 of 100 points, although the company as a whole is already at the top"
            " stage “Pioneer”.",
        ),
    ],
)
def test_gap_reason_names_the_right_distance(company, action, de, en):
    q, af = open_answers(DATA / "companies" / f"{company}.yaml")
    a = assess(q, af, as_of=AS_OF)
    why = next(x.why for x in a.actions if x.id == action)
    assert de in tr(why, "de")
    assert en in tr(why, "en")
    # plain words (docs/advice.md, Why): no scoring jargon
    for jargon in ("(ab 100)", "Gewicht", "Punkte unter", "Gesamtstufe"):
        assert jargon not in tr(why, "de")
    assert "weight" not in tr(why, "en")


@pytest.mark.parametrize(
    ("company", "step", "named"),
    [
        # Huber Sondermaschinen (produktion): the pair with the largest gap is the
        # quality inspection (relevance 5 → 1, use 1 → 0); the reason quotes what it
        # called important, not the use statement "Wir prüfen … bereits automatisch"
        (
            "maschinenbau-bayern",
            "prozesse_early_90d",
            "Als wichtig genannt, aber kaum genutzt: „Eine automatische Qualitätsprüfung –"
            " etwa mit Kameras und Bildauswertung – wäre für uns ein großer Gewinn“.",
        ),
    ],
)
def test_gap_reason_quotes_what_the_company_called_important(company, step, named):
    q, af = open_answers(DATA / "companies" / f"{company}.yaml")
    a = assess(q, af, as_of=AS_OF)
    action = next(x for x in a.actions if x.id == step)
    assert named in tr(action.why, "de")
    assert "bereits automatisch" not in tr(action.why, "de")
    # no goal stated: the step starts from that topic
    assert tr(action.text, "de").endswith(
        "Ausgangspunkt: was Sie als wichtig, aber kaum genutzt genannt haben – „Eine"
        " automatische Qualitätsprüfung – etwa mit Kameras und Bildauswertung – wäre für"
        " uns ein großer Gewinn“."
    )


def test_scale_reason_names_the_step_it_builds_on():
    # Alpha Metall (kurzcheck): lead gap Recht → step 1 "Einseitige KI-Regel aufstellen";
    # the 12-month step of that theme is "Datenschutz und Verträge der KI-Anbieter prüfen"
    q, af = open_answers(DATA / "companies" / "alpha-metall-kurzcheck.yaml")
    a = assess(q, af, as_of=AS_OF)
    scale = a.actions[-1]
    assert scale.id == "recht_early_12m"
    assert tr(scale.why, "de") == (
        "Baut auf Schritt „Einseitige KI-Regel aufstellen“ auf und führt ihn im ersten Jahr weiter."
    )


def test_a_step_says_why_it_serves_its_theme():
    # Huber Sondermaschinen: step 3 "Laufende KI-Versuche sichten" is the Strategie
    # gap's step (Strategie und Führung 25.0, emerging); the reason says why looking
    # at the trials under way serves a strategy (because: in next_steps.yaml)
    q, af = open_answers(DATA / "companies" / "maschinenbau-bayern.yaml")
    a = assess(q, af, as_of=AS_OF)
    step = next(x for x in a.actions if x.id == "strategie_emerging_90d")
    assert tr(step.why, "de") == (
        "Strategie und Führung: 25,0 von 100 Punkten, unter den 50, ab denen die nächste"
        " Stufe „Gestalter“ beginnt. Eine KI-Strategie beginnt mit dem Überblick, was im"
        " Betrieb schon ausprobiert wird."
    )
