"""Art. 4 in one wording wherever a company reads it, and no paid selection programme
listed as free advice (docs/ai-act.md "One wording for Art. 4", docs/funding-catalogue.md;
review finding 25)."""

from __future__ import annotations

import datetime as dt

import pytest

from ki_check.funding.catalogue import load_funding
from ki_check.questionnaire.load import load_questionnaire
from ki_check.render.handout import funding_landscape
from ki_check.render.templates import labels

# the bundled questionnaires with a training question (its hint is printed on the handout)
TRAINING = ["kurzcheck", "kmu-basis", "produktion", "handwerk"]


def _art4_hints(qid: str) -> list[tuple[str, dict]]:
    q = load_questionnaire(qid)
    return [
        (x.id, x.hint)
        for x in q.questions
        if x.hint and ("Art. 4" in x.hint.get("de", "") or "Februar 2025" in x.hint.get("de", ""))
    ]


@pytest.mark.parametrize("qid", TRAINING)
def test_art4_hint_says_best_efforts_no_certificate_and_the_omnibus_condition(qid):
    hints = _art4_hints(qid)
    assert hints, qid
    for question, hint in hints:
        de, en = hint["de"], hint["en"]
        assert "nach besten Kräften" in de, question
        assert "Zertifikat ist nicht nötig" in de, question
        assert "Digital-Omnibus soll diese Pflicht aufheben" in de, question
        assert "Amtsblatt" in de, question
        assert "ausreichend geschult sind" not in de, question
        for word in ("best", "certificate", "Official Journal"):
            assert word in en, question


def test_kurzcheck_hint_in_full():
    ((_, hint),) = _art4_hints("kurzcheck")
    assert hint["de"] == (
        "Seit 2. Februar 2025 müssen Unternehmen, die KI einsetzen, nach besten Kräften dafür"
        " sorgen, dass alle, die KI-Werkzeuge in ihrem Auftrag bedienen, ausreichend"
        " KI-Kompetenz haben (Art. 4 KI-Verordnung); ein Zertifikat ist nicht nötig. Der"
        " Digital-Omnibus soll diese Pflicht aufheben; bis er im Amtsblatt veröffentlicht"
        " ist, gilt sie."
    )


def test_german_accelerator_is_no_free_advice_on_the_handout():
    """Selection programme, cost not confirmed: listed as a competition, and the free
    first stop of a shortlist can never be it."""
    programmes = load_funding()
    ga = next(p for p in programmes if p.id == "german-accelerator")
    assert ga.kind == "competition"
    view = funding_landscape(programmes, dt.date(2026, 11, 24), "de", labels("de"))
    groups = {g["title"]: [r["name"] for r in g["programmes"]] for g in view["groups"]}
    assert "German Accelerator" not in groups["Kostenlose Beratung"]
    assert "German Accelerator" in groups["Wettbewerb"]
