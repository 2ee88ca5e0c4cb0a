"""A gap's reason names the distance it measures: to the next overall stage, or at the top
stage to the maximum (``docs/advice.md``, rule 4). Expected values by hand from the
company files.
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
            # Anwendungsfelder 23.3 → 50 − 23.3 = 26.7
            "maschinenbau-bayern",
            "prozesse_early_90d",
            "23,3 von 100, 26,7 Punkte unter der nächsten Gesamtstufe „Gestalter“ (ab 50);",
            "23.3 of 100, 26.7 points below the next overall stage “Shaper” (from 50);",
        ),
        (
            # 77.0, Vorreiter (75–100), the top stage: no next stage, the distance is to
            # 100; Prozesse 41.7 → 100 − 41.7 = 58.3
            "ki-startup-berlin",
            "prozesse_emerging_90d",
            "41,7 von 100, 58,3 Punkte unter dem Höchstwert 100 – insgesamt steht das"
            " Unternehmen schon auf der obersten Stufe „Vorreiter“;",
            "41.7 of 100, 58.3 points below the maximum of 100 – overall the company is"
            " already at the top stage “Pioneer”;",
        ),
    ],
)
def test_gap_reason_names_the_right_distance(company, action, de, en):
    q, af = open_answers(DATA / "companies" / f"{company}.yaml")
    a = assess(q, af, as_of=AS_OF)
    why = next(x.why for x in a.actions if x.id == action)
    assert de in tr(why, "de")
    assert en in tr(why, "en")
    assert "(ab 100)" not in tr(why, "de")
