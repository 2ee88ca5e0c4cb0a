"""The AI Act light says one thing per practice and role, as docs/ai-act.md decides.

* A prohibited practice the answers name is prohibited: the light, the plan's *Warum*
  and the questionnaire's recommendation say so without "möglicherweise"
  (docs/ai-act.md, *One wording for a prohibited practice*).
* A provider's duties under high-risk and transparency are conditional ("Falls …"),
  since no question asks what its product is for; its header cites Art. 16 as well
  as Art. 26 (docs/ai-act.md, *Provider items*).

Expected texts are written out by hand from ki_check/data/ai_act.yaml.
"""

from __future__ import annotations

import datetime as dt

from conftest import DATA, pdf_text

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.i18n import tr

AS_OF = dt.date(2026, 11, 24)
COMPANIES = DATA / "companies"
DEPLOYER_ARTICLE = "Art. 6 Abs. 2, Art. 26, Anhang III"
PROVIDER_ARTICLE = "Art. 6 Abs. 2, Art. 16, Art. 26, Anhang III"


def assessed(name: str) -> Assessment:
    q, af = open_answers(COMPANIES / f"{name}.yaml")
    return assess(q, af, as_of=AS_OF)


def item(a: Assessment, item_id: str):
    return next(s for s in a.act_items if s.id == item_id)


def test_emotion_recognition_is_called_prohibited_everywhere():
    # Hanse Kundendialog analyses its agents' mood in calls (verbotene_praktiken:
    # [emotionserkennung]): Art. 5 (1) (f), prohibited at work.
    a = assessed("callcenter-emotionserkennung")
    light = item(a, "prohibited")
    assert light.level == "red"
    assert tr(light.text, "de") == (
        "Ein genannter Einsatz gehört zu den nach Art. 5 verbotenen Praktiken (Ausnahmen"
        " nur eng, etwa aus medizinischen oder Sicherheitsgründen): sofort anhalten und"
        " rechtlich prüfen lassen."
    )
    stop = a.actions[0]
    assert stop.id == "stop_prohibited"
    assert tr(stop.why, "de") == "Verbotene Praktiken: " + tr(light.text, "de")
    recs = [tr(r.text, "de") for r in a.result.recommendations]
    emotion = [r for r in recs if "Emotionserkennung" in r]
    assert emotion == [
        "Den Einsatz zur Emotionserkennung am Arbeitsplatz sofort anhalten und rechtlich"
        " prüfen lassen; er ist nach Art. 5 der KI-Verordnung grundsätzlich verboten"
        " (Ausnahmen nur aus medizinischen oder Sicherheitsgründen)."
    ]
    for text in (tr(light.text, "de"), tr(stop.why, "de"), *emotion):
        assert "möglicherweise" not in text
    assert "may fall" not in tr(light.text, "en")


def test_provider_sees_conditional_duties_and_article_16():
    # Prüfwerk KI UG offers an AI system under its own name (ai_product): provider.
    # Its own use touches no high-risk area, so the light is green for its use; what
    # its product is for is not asked, so the provider duties say "falls".
    a = assessed("ki-startup-berlin")
    assert a.role == "provider"
    high = item(a, "high_risk")
    assert high.level == "green"
    assert high.article == PROVIDER_ARTICLE
    assert tr(high.provider, "de").startswith(
        "Die Einstufung betrifft Ihren eigenen Einsatz. Falls ein KI-System, das Sie"
        " selbst anbieten, für einen dieser Bereiche bestimmt ist,"
    )
    assert tr(high.provider, "en").startswith("The rating concerns your own use. If an AI")
    transparency = item(a, "transparency")
    assert tr(transparency.provider, "de").startswith(
        "Falls Ihr eigenes KI-System Texte, Bilder, Töne oder Videos erzeugt"
    )


def test_deployer_keeps_article_26_and_sees_no_provider_duties():
    a = assessed("callcenter-emotionserkennung")
    assert a.role == "deployer"
    high = item(a, "high_risk")
    assert high.article == DEPLOYER_ARTICLE
    assert high.provider is None


def test_report_shows_the_provider_article(cli, tmp_path):

    out = tmp_path / "r.pdf"
    result = cli(
        "report", COMPANIES / "ki-startup-berlin.yaml", "--out", out, "--as-of", "2026-11-24"
    )
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Art. 16, Art. 26, Anhang III" in text
    assert "Als Anbieter eines Hochrisiko-KI-Systems zusätzlich" not in text


def test_no_strength_holds_a_red_flag():
    # Hanse Kundendialog: the prohibited light is red. By score the strengths would be
    # Digitale Basis 76.2, KI-Einsatz heute 66.7 and Daten 59.9 (Recht 56.3 is fourth);
    # KI-Einsatz (theme ki_einsatz) holds the AI in use, Recht (theme recht) the rules
    # it breaks: neither is a strength while the light is red (docs/advice.md).
    a = assessed("callcenter-emotionserkennung")
    assert [d.id for d in a.strengths] == ["infrastruktur", "daten"]


def test_strengths_without_a_red_flag_are_unchanged():
    # Prüfwerk KI UG: no red light; KI-Einsatz heute stays a strength
    a = assessed("ki-startup-berlin")
    assert not any(s.level == "red" for s in a.act_items)
    assert "ki_einsatz" in [d.id for d in a.strengths]


def test_kurzcheck_decides_the_role_from_the_ai_question():
    # Bäckerei Brot & Söhne (kurzcheck): "Wie setzt Ihr Unternehmen KI heute ein?" →
    # "Noch nicht begonnen". The kurzcheck asks about AI use, not about own AI
    # products or private use: the role follows from that answer, "none", not
    # "unbekannt – noch nicht erfragt, ob das Unternehmen KI nutzt".
    a = assessed("baeckerei-brot-kurzcheck")
    assert a.answers.answers["ki_stand"] == "nicht_begonnen"
    assert a.role == "none"
    # Alpha Metall: "Erste Versuche" → uses_ai → deployer
    assert assessed("alpha-metall-kurzcheck").role == "deployer"


def test_report_says_none_for_the_bakery(cli, tmp_path):
    out = tmp_path / "b.pdf"
    result = cli(
        "report", COMPANIES / "baeckerei-brot-kurzcheck.yaml", "--out", out, "--as-of", "2026-11-24"
    )
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Ihre Rolle nach der KI-Verordnung: keine – das Unternehmen nutzt nach seinen" in text
    assert "noch nicht erfragt, ob das Unternehmen KI nutzt" not in text
