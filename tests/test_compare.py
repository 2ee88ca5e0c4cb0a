"""``ki-check compare``: T0 → T1 with deltas computed by hand in the fixture files
(tests/data/archive/verlauf-2025.yaml and verlauf-2026.yaml say how)."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import DATA, EXAMPLE

T0 = DATA / "archive" / "verlauf-2025.yaml"
T1 = DATA / "archive" / "verlauf-2026.yaml"


def test_compare_two_answer_files_as_json(cli):
    result = cli("compare", T0, T1, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["overall"] == {"before": 6.3, "after": 75.0, "delta": 68.7}
    assert data["stage"]["before"] == "low"
    assert data["stage"]["after"] == "top"
    assert [(d["id"], d["before"], d["after"], d["delta"]) for d in data["dimensions"]] == [
        ("strategie", 0.0, 75.0, 75.0),
        ("prozesse", 12.5, 75.0, 62.5),
    ]
    assert [g["question"] for g in data["gaps_closed"]] == ["p_use"]
    assert [g["question"] for g in data["gaps_opened"]] == ["d_use"]
    assert data["before_assessment"]["as_of"] == "2025-10-01"
    assert data["after_assessment"]["company"] == "Verlauf GmbH"


def test_actions_of_the_2025_plan_missing_from_the_2026_plan_are_done(cli):
    plan = {}
    for name, path in (("t0", T0), ("t1", T1)):
        scored = cli("score", path, "--json", "--as-of", path.stem.split("-")[1] + "-10-01")
        assert scored.exit_code == 0, scored.stderr
        plan[name] = [a["id"] for a in json.loads(scored.stdout)["actions"]]
    done = json.loads(cli("compare", T0, T1, "--json").stdout)["actions_done"]
    assert [a["id"] for a in done] == [a for a in plan["t0"] if a not in plan["t1"]]
    assert done  # the low stage's first steps are behind a company at the top stage
    assert all(a["title"] for a in done)
    text = cli("compare", T0, T1).stdout
    assert "Erledigte Maßnahmen des früheren Plans:" in text


def test_compare_in_the_terminal_german_and_english(cli):
    de = cli("compare", T0, T1)
    assert de.exit_code == 0, de.stderr
    assert "Verlauf GmbH · 01.10.2025 → 01.10.2026" in de.stdout
    assert "+62,5" in de.stdout
    assert "+68,7" in de.stdout
    assert "Stufe: niedrig → spitze" in de.stdout
    assert "Geschlossene Lücken:" in de.stdout
    assert "• Wir nutzen KI für Texte." in de.stdout
    assert "• Wir nutzen KI für Daten." in de.stdout
    en = cli("compare", T0, T1, "--lang", "en")
    assert "+62.5" in en.stdout
    assert "Stage: low → top" in en.stdout
    assert "• We use AI for data." in en.stdout


def test_a_step_back_shows_a_negative_change(cli, tmp_path):
    # a year after T1 the company answers as in T0 again: 75,0 → 6,3
    shutil.copy(DATA / "archive" / "verlauf.yaml", tmp_path / "verlauf.yaml")
    t2 = tmp_path / "verlauf-2027.yaml"
    t2.write_text(T0.read_text("utf-8").replace('date: "2025-10-01"', 'date: "2027-10-01"'))
    data = json.loads(cli("compare", T1, t2, "--json").stdout)
    assert data["overall"]["delta"] == -68.7
    text = cli("compare", T1, t2).stdout
    assert "−62,5" in text
    assert "Nach Datum geordnet" not in text


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (T0, EXAMPLE, "verschiedenen Fragebögen"),
        (T0, "gibt-es-nicht.yaml", "weder eine Antwortdatei noch eine Nummer"),
        (DATA / "answers" / "a-yaml-syntax.yaml", T1, "YAML_001"),
    ],
)
def test_what_cannot_be_compared_gives_a_message_and_exit_2(cli, old, new, message):
    result = cli("compare", old, new)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_actions_of_the_earlier_plan_that_the_later_plan_no_longer_has_are_done():
    from ki_check.archive.compare import Side, compare

    def snap(actions: list[str]) -> dict:
        return {
            "questionnaire": {"id": "verlauf"},
            "overall": 10.0,
            "stage": None,
            "dimensions": [],
            "gaps": [],
            "actions": [{"id": a, "title": {"de": f"Maßnahme {a}"}} for a in actions],
        }

    before = Side("alt.yaml", "Verlauf GmbH", "2025-10-01", snap(["ki_richtlinie", "schulung"]))
    after = Side("neu.yaml", "Verlauf GmbH", "2026-10-01", snap(["schulung", "pilot"]))
    done = compare(before, after).to_json("de")["actions_done"]
    assert done == [{"id": "ki_richtlinie", "title": "Maßnahme ki_richtlinie"}]
