"""The AI-literacy light (Art. 4) in the bundled questionnaires, case by case.

The rule (docs/ai-act.md, "The AI-literacy light"): red only where the company itself
uses AI (experiments included) and nobody is trained. Employees using AI apps on
their own (shadow AI) while the owner says "not started" is amber: a usage rule
and training are needed, but the company does not use AI without training.
Each row is a company; the expected colour is written by hand from the rule.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from ki_check.assessment.answers import load_answers
from ki_check.assessment.scoring import score
from ki_check.questionnaire.load import load_questionnaire

CASES = [
    # kmu-basis: ki_stand, ki_kompetenz, eigennutzung
    ("kmu-basis", "Steuerkanzlei, noch nicht begonnen, Beschäftigte nutzen vereinzelt Chatbots",
     {"ki_stand": "nicht_begonnen", "ki_kompetenz": "niemand", "eigennutzung": "vereinzelt"},
     "amber"),
    ("kmu-basis", "Versandhandel, noch nicht begonnen, private KI-Nutzung verbreitet",
     {"ki_stand": "nicht_begonnen", "ki_kompetenz": "niemand", "eigennutzung": "verbreitet"},
     "amber"),
    ("kmu-basis", "Ingenieurbüro, erste Experimente, niemand geschult",
     {"ki_stand": "experimente", "ki_kompetenz": "niemand", "eigennutzung": "nein"},
     "red"),
    ("kmu-basis", "Druckerei, KI im Betrieb, niemand geschult, dazu private Nutzung",
     {"ki_stand": "im_betrieb", "ki_kompetenz": "niemand", "eigennutzung": "verbreitet"},
     "red"),
    ("kmu-basis", "Immobilienbüro, noch nicht begonnen, keine private Nutzung",
     {"ki_stand": "nicht_begonnen", "ki_kompetenz": "niemand", "eigennutzung": "nein"},
     "amber"),
    ("kmu-basis", "Agentur, systematisch, alle geschult und dokumentiert",
     {"ki_stand": "systematisch", "ki_kompetenz": "alle", "ki_kompetenz_doku": "ja"},
     "green"),
    # handwerk: ki_stand, ki_schulung, schatten_ki
    ("handwerk", "Malerbetrieb, noch gar nicht, Gesellen nutzen vermutlich Chatbot-Apps",
     {"ki_stand": "nicht_begonnen", "ki_schulung": "niemand", "schatten_ki": "vermutlich"},
     "amber"),
    ("handwerk", "Elektrobetrieb, noch gar nicht, KI-Apps der Beschäftigten bekannt",
     {"ki_stand": "nicht_begonnen", "ki_schulung": "niemand", "schatten_ki": "ja"},
     "amber"),
    ("handwerk", "Bäckerei, Chefin hat Texte mit einem Chatbot ausprobiert, niemand geschult",
     {"ki_stand": "experimente", "ki_schulung": "niemand", "schatten_ki": "nein"},
     "red"),
    ("handwerk", "Tischlerei, noch gar nicht, keine Apps, niemand geschult",
     {"ki_stand": "nicht_begonnen", "ki_schulung": "niemand", "schatten_ki": "nein"},
     None),
    ("handwerk", "Dachdecker, KI fest im Alltag, einzelne geschult",
     {"ki_stand": "im_betrieb", "ki_schulung": "einzelne", "schatten_ki": "nein"},
     "amber"),
    ("handwerk", "Friseursalon, alle geschult",
     {"ki_stand": "experimente", "ki_schulung": "alle", "schatten_ki": "ja"},
     "green"),
    # produktion: ki_stand, ki_schulung, schatten_ki
    ("produktion", "Zerspaner, nicht begonnen, Beschäftigte nutzen vermutlich eigene Chatbots",
     {"ki_stand": "nicht_begonnen", "ki_schulung": "niemand", "schatten_ki": "vermutlich"},
     "amber"),
    ("produktion", "Kunststoffspritzerei, Kamerasystem mit KI im Betrieb, niemand geschult",
     {"ki_stand": "im_betrieb", "ki_schulung": "niemand", "schatten_ki": "nein"},
     "red"),
    ("produktion", "Gießerei, Experimente, ganze Teams geschult",
     {"ki_stand": "experimente", "ki_schulung": "teams", "schatten_ki": "nein"},
     "amber"),
    # kurzcheck: ki_stand, ki_schulung (no shadow-AI question)
    ("kurzcheck", "Reisebüro, nicht begonnen, niemand geschult",
     {"ki_stand": "nicht_begonnen", "ki_schulung": "niemand"},
     None),
    ("kurzcheck", "Autohaus, erste Versuche, niemand geschult",
     {"ki_stand": "experimente", "ki_schulung": "niemand"},
     "red"),
    ("kurzcheck", "Spedition, systematisch, einzelne geschult",
     {"ki_stand": "systematisch", "ki_schulung": "einzelne"},
     "amber"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("questionnaire", "company", "answers", "literacy"),
    CASES,
    ids=[c[1] for c in CASES],
)
def test_literacy_light(write_answers, questionnaire, company, answers, literacy):
    path = ROOT / "questionnaires" / f"{questionnaire}.yaml"
    q = load_questionnaire(path)
    af = load_answers(write_answers(str(path), answers, company={"name": company}), q)
    result = score(q, af, as_of=dt.date(2026, 11, 24))
    assert result.ai_act.get("literacy") == literacy
