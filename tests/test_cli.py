"""The command line as a user runs it: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import pytest
from conftest import ADATA, EXAMPLE, QDATA

import ki_check
from ki_check.resources import bundled_questionnaires


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
    assert "Antwortdatei für kmu-basis@1.0" in result.stdout


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
    assert "digitalbonus-bayern" in funding  # Bavaria, 42 employees
    assert "go-digital" not in funding  # ended
    assert "Sitz in Bayern" in funding["digitalbonus-bayern"]["reasons"]
    assert data["company"]["name"] == "Muster Metallbau GmbH"
    assert 0 <= data["overall"] <= 100
    assert 0 <= data["coverage"] <= 1


def test_score_json_matches_hand_computation(cli):
    """muster-gmbh: every dimension computed by hand from kmu-basis points and weights."""
    data = json.loads(cli("score", EXAMPLE, "--json", "--as-of", "2026-11-24").stdout)
    dims = {d["id"]: d["score"] for d in data["dimensions"]}
    # strategie: ki_ziele ideen 1/3 ×2, verantwortung ja 1, leitung 4 → 0.75 : (2/3+1+.75)/4
    assert dims["strategie"] == 60.4
    # daten: teilweise 1/3; matrix (2/3 + 1/3)/2 = .5 (maschine: dont_know); export+schnitt 3/4
    assert dims["daten"] == 52.8
    assert dims["recht"] == 25.0  # nein 0, gehoert 1/2
    assert data["overall"] == 51.2
    assert data["stage"]["id"] == "gestalter"
    assert data["baseline"]["position"] == "ready"


def test_score_table_in_german_and_english(cli):
    de = cli("score", EXAMPLE, "--as-of", "2026-11-24")
    assert de.exit_code == 0
    text = flat(de.stdout)
    assert "Gesamt: 51,2 von 100 · Stufe: Gestalter · Abdeckung: 100 %" in text
    assert "2019 nutzten 5,8 % der Unternehmen in Deutschland KI" in text
    assert "Für kleine Unternehmen (10–49 Beschäftigte) lag der Anteil 2024 bei 17 %" in text
    en = cli("score", EXAMPLE, "--as-of", "2026-11-24", "--lang", "en")
    assert "Overall: 51.2 of 100 · Stage: Shaper · Coverage: 100%" in flat(en.stdout)
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
        (("score", EXAMPLE, "--as-of", "24.11.2026"), "kein Datum"),
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
