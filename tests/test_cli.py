"""The command line as a user runs it: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import pytest
from conftest import ADATA, EXAMPLE, QDATA

import ki_check
from ki_check.util.resources import bundled_questionnaires


def flat(text: str) -> str:
    """Terminal text with wrapping undone and no-break spaces (Babel: ``5,8\xa0%``) plain."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_version_comes_from_one_place(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ki-check {ki_check.__version__}"
    assert version("ki-check") == ki_check.__version__


def test_no_arguments_shows_help(cli):
    result = cli()
    assert "questionnaires" in result.output
    assert "score" in result.output


def test_questionnaires_list(cli):
    result = cli("questionnaires", "list")
    assert result.exit_code == 0
    assert "kmu-basis" in result.stdout
    assert "KI-Check für kleine und mittlere Unternehmen" in result.stdout


def test_questionnaires_show(cli):
    result = cli("questionnaires", "show", "kmu-basis")
    assert result.exit_code == 0
    assert "ki_stand" in result.stdout
    assert "Wie setzt Ihr Unternehmen KI heute ein?" in result.stdout
    assert "nur wenn ki_stand ∈ {experimente, im_betrieb, systematisch}" in result.stdout
    assert "(kmu-basis 2.1)" in result.stdout
    # use is asked only where the topic is at least somewhat relevant (scale 1–5)
    assert "nur wenn 2 ≤ texte_relevant" in result.stdout
    assert "nur wenn anwendungsfaelle ≤ 0" in result.stdout
    assert "Nachhaltigkeit (optional) (nachhaltigkeit, Gewicht 0.25)" in result.stdout
    english = cli("questionnaires", "show", "kmu-basis", "--lang", "en")
    assert "How does your company use AI today?" in english.stdout


def test_show_unknown_questionnaire_suggests(cli):
    result = cli("questionnaires", "show", "kmu-basic")
    assert result.exit_code == 2
    assert "Meinten Sie 'kmu-basis'?" in result.stderr


@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
def test_bundled_questionnaires_validate_without_warnings(cli, qid):
    result = cli("questionnaires", "validate", "--strict", bundled_questionnaires()[qid])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_example_answer_file_validates(cli):
    result = cli("questionnaires", "validate", "--strict", EXAMPLE)
    assert result.exit_code == 0, result.stderr
    assert "Antwortdatei für kmu-basis@2.1" in result.stdout


def test_score_json_has_the_contract_fields(cli):
    result = cli("score", EXAMPLE, "--json", "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in (
        "overall",
        "stage",
        "dimensions",
        "coverage",
        "baseline",
        "funding",
        "recommendations",
    ):
        assert key in data
    assert set(data["stage"]) >= {"id", "label"}
    assert set(data["dimensions"][0]) >= {"id", "label", "score", "answered", "total"}
    assert set(data["baseline"]) >= {"id", "share", "year", "source", "position"}
    assert data["baseline"]["id"] == "bmwi-2019"
    assert data["baseline"]["share"] == 0.058
    funding = {f["id"]: f for f in data["funding"]}
    assert "digitalbonus-bayern" in funding  # Bavaria, 42 employees: eligible
    assert "go-digital" not in funding  # ended: not eligible, listed apart
    assert "go-digital" in {f["id"] for f in data["funding_not_matching"]}
    assert "Sitz in Bayern" in funding["digitalbonus-bayern"]["reasons"]
    for f in data["funding"]:
        assert f["tier"] in ("recommended", "possible")
        assert f["reasons"]
        assert all(f["reasons"])
        assert "amount" in f
    tiers = [f["tier"] for f in data["funding"]]
    assert tiers == sorted(tiers, key=("recommended", "possible").index)  # recommended first
    for action in data["actions"]:
        assert set(action) >= {"id", "text", "dimension", "horizon", "why", "owner", "needs"}
        assert action["horizon"] in ("90d", "6m", "12m")
    assert data["conclusion"] is None
    assert data["follow_up"] is None
    assert data["company"]["name"] == "Muster Metallbau GmbH"
    assert 0 <= data["overall"] <= 100
    assert 0 <= data["coverage"] <= 1


def test_score_json_matches_hand_computation(cli):
    """muster-gmbh: every dimension computed by hand from kmu-basis 2.1 points and weights.

    A question's value is points ÷ top points (scale: (x − 1) ÷ 4); a dimension is
    100 × Σ(weight × value) ÷ Σ weight over its answered questions. dont_know,
    not_relevant, hidden and unscored questions leave the sums.
    """
    data = json.loads(cli("score", EXAMPLE, "--json", "--as-of", "2026-11-24").stdout)
    dims = {d["id"]: d for d in data["dimensions"]}
    score = {k: d["score"] for k, d in dims.items()}
    # strategie: ki_ziele ideen 1/3 ×2, verantwortung ja 1, leitung 4 → 3/4,
    #   digitalstrategie einzelvorhaben 1/3: (2/3 + 1 + 3/4 + 1/3) / 5 = 2.75/5 = 0.55
    assert score["strategie"] == 55.0
    # infrastruktur: kernsysteme erp+dms 2 of max_points 3, cloud regelmaessig 2/3,
    #   it_sicherheit weitgehend 2/3 ×1.5: everything is 2/3
    assert score["infrastruktur"] == 66.7
    # daten: daten_digital teilweise 1/3 ×1.5 = 1/2; matrix kunden 2/3, produkt 1/3,
    #   dokumente 1/3 (maschine dont_know) → 4/9; datenzugang export 1 + schnittstellen 2
    #   of max_points 4 → 3/4; datenhistorie 6 years → band 5–100 → 1:
    #   (1/2 + 4/9 + 3/4 + 1) / 4.5 = (97/36) / (9/2) = 97/162 = 0.5988
    assert score["daten"] == 59.9
    # prozesse: prozesse_dokumentiert teilweise 1/3 ×1.5 = 0.5;
    #   relevance ×0.5: texte 5 → 1, kundenanfragen 3 → .5, verwaltung, planung,
    #   produktion 4 → .75 each: 0.5 × 3.75 = 1.875;
    #   use ×1 (all shown, every relevance ≥ 2): texte 3 → .5, kundenanfragen 1 → 0,
    #   verwaltung 2 → .25, planung 1 → 0, produktion 1 → 0: 0.75;
    #   anwendungsfaelle 3 → band 3–100 2/2 = 1 ×1.5 = 1.5;
    #   (0.5 + 1.875 + 0.75 + 1.5) / (1.5 + 2.5 + 5 + 1.5) = 4.625/10.5 = 37/84 = 0.4405
    assert score["prozesse"] == 44.0
    assert (dims["prozesse"]["answered"], dims["prozesse"]["total"]) == (12, 12)
    # ki_einsatz: ki_stand experimente 1/3 ×2, ki_bereiche text_kommunikation 1 of
    #   max_points 3 (eigennutzung and hemmnisse unscored, ki_nutzen_gemessen hidden):
    #   (2/3 + 1/3) / 3 = 1/3
    assert score["ki_einsatz"] == 33.3
    # kompetenzen: ki_kompetenz einzelne 1/3 ×2, lernzeit gelegentlich 1/2, offenheit 4
    #   → 3/4, betriebsrat not_relevant: (2/3 + 1/2 + 3/4) / 4 = 23/48 = 0.4792
    assert score["kompetenzen"] == 47.9
    # recht: datenschutz_organisation weitgehend 2/3 ×1.5 = 1, ki_datenschutz teilweise 1/2,
    #   ki_richtlinie nein 0, ai_act_bekannt gehoert 1/2, verbotene_praktiken keine
    #   2/2 ×1.5 = 1.5, ki_transparenz kein_einsatz 2/2 = 1; ki_kompetenz_doku dont_know,
    #   hochrisiko_bereiche unscored, hochrisiko_stand hidden: 4.5 / 7 = 9/14 = 0.6429
    assert score["recht"] == 64.3
    assert (dims["recht"]["answered"], dims["recht"]["total"]) == (6, 7)
    # ressourcen: budget teilweise 1/3 ×1.5 = .5, foerderung_genutzt ja 1, externe_partner
    #   it_dienstleister + kammer 2 of max_points 2 → 1: 2.5 / 3.5 = 5/7 = 0.7143
    assert score["ressourcen"] == 71.4
    # nachhaltigkeit: nachhaltigkeit_ziel idee 1/3; verbrauch_erfasst dont_know
    assert score["nachhaltigkeit"] == 33.3
    # overall, dimension weights 1.5, 1, 1.5, 1, 1.5, 1.5, 1, 0.5, 0.25 (Σ 9.75), exact values:
    #   1.5·.55 + 2/3 + 1.5·97/162 + 37/84 + 1.5/3 + 1.5·23/48 + 9/14 + .5·5/7 + .25/3
    #   = .825 + .6667 + .8981 + .4405 + .5 + .7188 + .6429 + .3571 + .0833 = 5.1324
    #   5.1324 / 9.75 = 0.5264 → 52.6
    assert data["overall"] == 52.6
    assert data["stage"]["id"] == "gestalter"  # 50 ≤ 52.6 < 75
    assert data["baseline"]["position"] == "ready"  # ki_stand experimente: no adopter
    # coverage: 40 applicable scored questions, 2 dont_know → 38/40
    assert data["coverage"] == 0.95
    # relevance − use, largest first (ties in questionnaire order)
    assert [(g["question"], g["gap"]) for g in data["gaps"]] == [
        ("planung_genutzt", 0.75),
        ("produktion_genutzt", 0.75),
        ("texte_genutzt", 0.5),
        ("kundenanfragen_genutzt", 0.5),
        ("verwaltung_genutzt", 0.5),
    ]
    # hemmnisse recht → legal; daten_digital teilweise → data; hemmnisse zeit → staff
    assert data["barriers"] == ["legal", "data", "staff"]
    assert data["ai_act"]["role"] == "deployer"  # ki_stand experimente, eigennutzung vereinzelt
    assert [(x["id"], x["level"]) for x in data["ai_act"]["items"]] == [
        ("literacy", "amber"),  # ki_kompetenz einzelne
        ("prohibited", "green"),  # verbotene_praktiken keine
        ("high_risk", "green"),  # hochrisiko_bereiche keiner
        ("transparency", "green"),  # ki_transparenz kein_einsatz
    ]
    assert data["ai_act"]["clarify"] == []  # no AI in HR


def test_score_table_in_german_and_english(cli):
    de = cli("score", EXAMPLE, "--as-of", "2026-11-24")
    assert de.exit_code == 0
    text = flat(de.stdout)
    assert "Gesamt: 52,6 von 100 · Stufe: Gestalter · Abdeckung: 95 %" in text
    assert "2019 nutzten 5,8 % der Unternehmen in Deutschland KI" in text
    assert "Für kleine Unternehmen (10–49 Beschäftigte) lag der Anteil 2024 bei 17 %" in text
    en = cli("score", EXAMPLE, "--as-of", "2026-11-24", "--lang", "en")
    assert "Overall: 52.6 of 100 · Stage: Shaper · Coverage: 95%" in flat(en.stdout)
    assert "In 2019, 5.8% of companies in Germany used AI" in flat(en.stdout)


def test_score_other_baseline(cli):
    result = cli("score", EXAMPLE, "--json", "--baseline", "destatis-2024")
    data = json.loads(result.stdout)
    assert (data["baseline"]["id"], data["baseline"]["share"], data["baseline"]["year"]) == (
        "destatis-2024",
        0.2,
        2024,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("score", "nope.yaml"), "FILE_001"),
        (("score", EXAMPLE, "--baseline", "bmwi-2091"), "Unbekannte Vergleichsbasis 'bmwi-2091'"),
        (("score", EXAMPLE, "--as-of", "31.13.2026"), "kein Datum"),
        (("score", EXAMPLE, "--lang", "fr"), "erlaubt sind"),
    ],
)
def test_score_usage_errors_exit_2_without_traceback(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_score_in_progress_interview_says_so(cli):
    result = cli("score", ADATA / "a-valid.yaml")
    assert result.exit_code == 0
    assert "nicht abgeschlossen" in result.stderr


def test_score_with_explicit_questionnaire_file(cli, write_answers):
    path = write_answers("scoring@1", {"a1": "z"})
    result = cli("score", path, "--json", "--questionnaire", QDATA / "scoring.yaml")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["overall"] == 100.0


def test_answer_file_may_name_a_questionnaire_path(tmp_path, cli):
    (tmp_path / "fb.yaml").write_text((QDATA / "scoring.yaml").read_text("utf-8"), "utf-8")
    path = tmp_path / "a.yaml"
    path.write_text("questionnaire: fb.yaml\ncompany: {name: X}\nanswers: {b1: 3}\n", "utf-8")
    result = cli("score", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["overall"] == 50.0


def test_every_command_has_help(cli):
    for args in (
        ("questionnaires", "list"),
        ("questionnaires", "show"),
        ("questionnaires", "validate"),
        ("score",),
    ):
        result = cli(*args, "--help")
        assert result.exit_code == 0
        assert "Beispiel:" in result.stdout


def test_score_table_shows_gaps_barriers_ai_act_and_funding(cli):
    text = flat(cli("score", EXAMPLE, "--as-of", "2026-11-24").stdout)
    # the report summary's gaps (dimensions with their score), not single questions
    assert "Größte Lücken: • KI-Einsatz heute (33,3) • Prozesse und Anwendungsfälle" in text
    # hemmnisse: [recht, zeit] are named; daten_digital: teilweise only shows missing data
    assert (
        "Von Ihnen genannte Hürden: Unsicherheit über rechtliche Folgen, Fehlende Zeit und"
        " Personal Aus Ihren Antworten abgeleitete Hürden: Fehlende oder unpassende Daten"
    ) in text
    # the plan is the one list of what to do: no second "Empfehlungen" block (finding 15)
    assert "Empfehlungen:" not in text
    assert "Skala 0–100" in text  # every column has a header
    assert (
        "EU-KI-Verordnung, Rolle Betreiber (nutzt KI anderer): KI-Kompetenz der Beschäftigten:"
        " gelb – prüfen" in text
    )
    assert "Nächste Schritte, in dieser Reihenfolge: 1. Eine Seite Nutzungsregel" in text
    # INQA-Coaching fits the first step, but its newest source (17.06.2024) is older
    # than 12 months: possible only (docs/funding-catalogue.md). Digitalbonus Bayern pays
    # for purchases; steps 1-3 (a usage rule, ranking processes, an AI register) buy
    # nothing (docs/advice.md). BAFA's guideline ends on 31.12.2026, within the 90 days
    # of step 2.
    assert (
        "Empfohlene Förderung: Mittelstand-Digital Zentren, Förderung von"
        " Unternehmensberatungen für KMU (BAFA) (läuft am 31.12.2026 aus – Antrag vorher"
        " stellen)" in text
    )
    assert "Digitalbonus Bayern" not in text


@pytest.mark.parametrize(
    ("args", "fix"),
    [
        (("schema", "answers", "nosuch"), "Lösung: Gebündelt: eu-dma, handwerk, kmu-basis,"),
        (("schema", "answers", "kurzchek"), "Lösung: Meinten Sie 'kurzcheck'? Gebündelt:"),
    ],
)
def test_schema_of_an_unknown_questionnaire_is_a_coded_message(cli, args, fix):
    result = cli(*args)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"REF_001 Unbekannter Fragebogen '{args[-1]}'." in said
    assert fix in said
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
