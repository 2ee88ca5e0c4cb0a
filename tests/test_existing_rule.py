"""Never advise what exists (docs/advice.md): a written AI rule is made known, not written.

Hanse Kundendialog (tests/data/companies/callcenter-emotionserkennung.yaml) has an
internal AI policy (``ki_richtlinie: ja`` → fact ``ai_policy``) and agents who use AI on
their own (``eigennutzung: vereinzelt`` → ``shadow_ai``; literacy amber, ``ki_kompetenz:
teams``). Expected texts written out from ki_check/data/actions.yaml by hand.
"""

from __future__ import annotations

import datetime as dt

from conftest import DATA

from ki_check.advice.content import load_steps
from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.i18n import tr

AS_OF = dt.date(2026, 11, 24)
CALLCENTER = DATA / "companies" / "callcenter-emotionserkennung.yaml"


def _assess(path=CALLCENTER):
    q, af = open_answers(path)
    return assess(q, af, as_of=AS_OF)


def test_existing_policy_is_made_known_not_written_again():
    a = _assess()
    assert {"ai_policy", "shadow_ai"} <= a.facts
    rule = a.actions[1]
    assert rule.id == "shadow_ai_rule"
    assert tr(rule.title, "de") == "Die bestehende KI-Regel bekannt machen und kurz schulen"
    assert tr(rule.title, "en") == "Make the existing AI rule known and give a short training"
    text = tr(rule.text, "de")
    assert text.startswith("Es gibt eine schriftliche KI-Regel, und trotzdem nutzen")
    assert "auf einer Seite festlegen" not in text
    assert tr(rule.duration, "de") == "zwei Stunden für die Regel, ein halber Tag Schulung"


def test_without_a_policy_the_rule_is_written(tmp_path):
    # the same call centre with "ki_richtlinie: nein": the one-page rule is written
    text = CALLCENTER.read_text("utf-8")
    assert text.count("  ki_richtlinie: ja\n") == 1
    path = tmp_path / "callcenter-ohne-richtlinie.yaml"
    path.write_text(text.replace("  ki_richtlinie: ja\n", "  ki_richtlinie: nein\n"), "utf-8")
    a = _assess(path)
    assert "ai_policy" not in a.facts
    rule = a.actions[1]
    assert rule.id == "shadow_ai_rule"
    assert tr(rule.title, "de") == "Eine Seite Nutzungsregel und eine Kurzschulung"


def test_the_rule_step_says_it_is_done_by_a_written_rule():
    step = next(s for s in load_steps() if s.id == "recht_early_90d")
    assert step.done_if == ("ai_policy",)


def test_a_step_whose_done_if_fact_holds_is_skipped(tmp_path):
    # Hanse Kundendialog with weaker answers on law and no private AI use: Recht 31.3
    # (emerging) is the next gap, so its 90-day step "Transparenzpflichten umsetzen"
    # is step 2 within 6 months. Marked done by a fact the answers show (the works
    # council), the plan skips it and the next gap, Kompetenzen, takes its place.
    text = CALLCENTER.read_text("utf-8")
    for old, new in WEAKER_LAW.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / "callcenter-ohne-richtlinie.yaml"
    path.write_text(text, "utf-8")
    q, af = open_answers(path)
    plain = assess(q, af, as_of=AS_OF)
    assert [x.id for x in plain.actions] == [
        "prozesse_emerging_90d",
        "recht_emerging_90d",
        "prozesse_emerging_12m",
    ]
    steps = tuple(
        s._replace(done_if=("works_council",)) if s.id == "recht_emerging_90d" else s
        for s in load_steps()
    )
    skipped = assess(q, af, as_of=AS_OF, steps=steps)
    assert [x.id for x in skipped.actions] == [
        "prozesse_emerging_90d",
        "kompetenzen_emerging_90d",
        "prozesse_emerging_12m",
    ]


WEAKER_LAW = {
    "  eigennutzung: vereinzelt\n": "  eigennutzung: nein\n",
    "  datenschutz_organisation: weitgehend\n": "  datenschutz_organisation: keine\n",
    "  ki_datenschutz: teilweise\n": "  ki_datenschutz: ungeregelt\n",
    "  ai_act_bekannt: gehoert\n": "  ai_act_bekannt: unbekannt\n",
    "  ki_kompetenz_doku: teilweise\n": "  ki_kompetenz_doku: nein\n",
    "  verbotene_praktiken: [emotionserkennung]\n": "  verbotene_praktiken: [keine]\n",
    "  ki_richtlinie: ja\n": "  ki_richtlinie: nein\n",
}
