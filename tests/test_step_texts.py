"""Every sentence of a step is true for the company it is printed for (docs/advice.md).

* Owners name roles every business has; a data protection officer, an office
  manager or a head of HR only where the answers show one (they never do).
* A step's text fits every questionnaire it can be shown in: no trade named as if it
  were the company's (Huber Sondermaschinen, a manufacturer, read "im Handwerk").
* A 12-month step follows its theme's 90-day step in the plan, without the 6-month
  step between: it builds on what the 90-day step produces (Hanse Kundendialog
  read "Das Werkzeug aus dem Pilotprojekt" with no pilot in its plan).
* A recommendation chosen by a score range says "das nächste KI-Vorhaben", never
  "ein erstes Pilotprojekt": a score range does not say whether AI already runs.

Expected owners and texts are written out by hand from ki_check/data/next_steps.yaml.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import DATA

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.i18n import tr
from ki_check.util.resources import data_file

AS_OF = dt.date(2026, 11, 24)
COMPANIES = DATA / "companies"
# roles only some businesses have, in both languages
ASSUMED_ROLES = (
    "Datenschutzbeauftragt",
    "Büroleitung",
    "Personalleitung",
    "data protection officer",
    "office manager",
    "head of HR",
)


def assessed(name: str) -> Assessment:
    q, af = open_answers(COMPANIES / f"{name}.yaml")
    return assess(q, af, as_of=AS_OF)


def _owner_texts():
    steps = yaml.safe_load(data_file("next_steps.yaml").read_text("utf-8"))["steps"]
    for s in steps:
        for lang in ("de", "en"):
            yield s["id"], s["who"][lang]
    actions = yaml.safe_load(data_file("actions.yaml").read_text("utf-8"))["actions"]
    for a in actions:
        for case, who in a["who"].items():
            for lang in ("de", "en"):
                yield f"{a['id']}.{case}", who[lang]


@pytest.mark.parametrize(("where", "who"), list(_owner_texts()))
def test_no_owner_assumes_a_role_the_answers_do_not_show(where, who):
    assert not any(role in who for role in ASSUMED_ROLES), where


def test_alpha_metall_owners_are_roles_it_has():
    # 12 staff, kurzcheck: no answer names a data protection officer. Plan by hand:
    # Recht 0 (lead gap, early → recht_early_90d), no one in charge → named person,
    # KI-Einsatz 33.3 (emerging, AI in use → ki_einsatz_emerging_90d, 6 months),
    # then the 12-month step of the lead gap's theme, recht_early_12m.
    a = assessed("alpha-metall-kurzcheck")
    assert [(x.id, tr(x.owner, "de")) for x in a.actions] == [
        ("recht_early_90d", "Geschäftsführung mit der für den Datenschutz zuständigen Person"),
        ("named_person", "Geschäftsführung"),
        ("ki_einsatz_emerging_90d", "KI-Ansprechperson mit der IT-Betreuung"),
        ("recht_early_12m", "Geschäftsführung mit der für den Datenschutz zuständigen Person"),
    ]
    # step 4 builds on step 1's rule, not on a list only the 6-month step makes
    assert tr(a.actions[3].text, "de").startswith("Für jedes KI-Werkzeug, das die Regel erlaubt")


def test_manufacturer_is_not_told_about_crafts():
    # Huber Sondermaschinen (produktion): step 1 is prozesse_early_90d
    a = assessed("maschinenbau-bayern")
    first = a.actions[0]
    assert first.id == "prozesse_early_90d"
    for lang in ("de", "en"):
        assert "Handwerk" not in tr(first.text, lang)
        assert "crafts" not in tr(first.text, lang)


def test_twelve_month_step_builds_on_the_ninety_day_step():
    # Hanse Kundendialog: step 3 "Abläufe nach KI-Eignung bewerten" (result: a ranked
    # list of processes), step 5 its theme's 12-month step; no step sets up a pilot.
    a = assessed("callcenter-emotionserkennung")
    ids = [x.id for x in a.actions]
    assert ids[2] == "prozesse_emerging_90d"
    assert ids[4] == "prozesse_emerging_12m"
    assert "prozesse_emerging_6m" not in ids
    scale = a.actions[4]
    assert tr(scale.title, "de") == "Den besten Ablauf mit KI in den Regelbetrieb bringen"
    text = tr(scale.text, "de")
    assert text.startswith("Den ersten Ablauf der Rangliste 8–12 Wochen mit einem KI-Werkzeug")
    assert "aus dem Pilotprojekt" not in text


def test_connected_process_is_not_assumed():
    # Rhein-Ruhr Logistik: prozesse_ready_90d (track the figures) then prozesse_ready_12m;
    # "den verbundenen Ablauf" came from the 6-month step, which is not in the plan.
    a = assessed("logistik-nrw")
    ids = [x.id for x in a.actions]
    assert "prozesse_ready_90d" in ids
    assert "prozesse_ready_12m" in ids
    assert "prozesse_ready_6m" not in ids
    scale = next(x for x in a.actions if x.id == "prozesse_ready_12m")
    assert "verbundenen Ablauf" not in tr(scale.text, "de")
    assert tr(scale.text, "de").startswith("Die Abläufe mit den schwächsten Kennzahlen")


@pytest.mark.parametrize(
    "name", ["callcenter-emotionserkennung", "logistik-nrw", "ki-startup-berlin"]
)
def test_ai_users_are_not_told_to_start_a_first_pilot(name):
    # all three use AI (uses_ai) and lie at 50 or above, where pilot_starten fires
    a = assessed(name)
    assert "uses_ai" in a.facts
    texts = [tr(r.text, "de") for r in a.result.recommendations]
    assert any(r.id == "pilot_starten" for r in a.result.recommendations)
    for text in texts:
        assert "erstes Pilotprojekt" not in text
        assert "erste Pilotprojekt" not in text
    pilot = next(r for r in a.result.recommendations if r.id == "pilot_starten")
    assert tr(pilot.text, "de").startswith("Das nächste KI-Vorhaben")
