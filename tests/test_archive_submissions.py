"""``archive add`` of KoboToolbox / ODK Central submission exports (issue 14).

The exports in tests/data/submissions/ are read by the same reader as ``batch``
(docs/interchange.md): every good row is stored with the submission's id in its
source, every bad row is reported with row and column, and the good rows are stored
anyway. Against SQLite and a real PostgreSQL server (fixture ``db``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import DATA

SUBMISSIONS = DATA / "submissions"
KOBO = SUBMISSIONS / "kurzcheck-kobo.csv"
ODK = SUBMISSIONS / "kurzcheck-odk.csv"
BAD = SUBMISSIONS / "kurzcheck-kobo-bad-cells.csv"


def rows_of(path: Path, delimiter: str) -> list[dict[str, str]]:
    """The export as the test reads it: one dict per submission (row 2 first)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def listed(cli, db: str) -> list[dict]:
    result = cli("archive", "list", "--json", "--db", db)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_each_submission_of_a_kobo_export_is_stored_with_its_id(cli, db):
    result = cli("archive", "add", KOBO, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "5 abgelegt, 0 schon im Archiv, 0 fehlerhaft" in result.stderr
    expected = {
        r["company/name"]: f"{KOBO}:{n} submission:{r['_uuid']}"
        for n, r in enumerate(rows_of(KOBO, ";"), start=2)
    }
    stored = {r["company_name"]: r["source"] for r in listed(cli, db)}
    assert stored == expected
    # the interview day is the form's start (docs/interchange.md)
    days = {r["company_name"]: r["as_of"] for r in listed(cli, db)}
    assert days["Nordlicht Sanitärhandel GmbH"] == "2026-11-18"


def test_the_stored_scores_are_those_of_the_same_answers_typed_as_yaml(cli, db, tmp_path):
    assert cli("archive", "add", KOBO, "--db", db).exit_code == 0
    from_yaml = str(tmp_path / "yaml.sqlite")
    result = cli("archive", "add", SUBMISSIONS / "kurzcheck", "--db", from_yaml)
    assert result.exit_code == 0, result.stderr

    def scores(rows: list[dict]) -> dict[str, tuple]:
        return {r["company_name"]: (r["overall"], r["stage"]) for r in rows}

    assert scores(listed(cli, db)) == scores(listed(cli, from_yaml))


def test_an_odk_central_export_keeps_its_key_without_uuid_prefix(cli, db):
    result = cli("archive", "add", ODK, "--db", db)
    assert result.exit_code == 0, result.stderr
    keys = [r["KEY"].removeprefix("uuid:") for r in rows_of(ODK, ",")]
    sources = sorted(r["source"] for r in listed(cli, db))
    assert sources == sorted(f"{ODK}:{n} submission:{k}" for n, k in enumerate(keys, start=2))


def test_bad_rows_are_named_by_row_and_column_and_the_good_ones_stored(cli, db):
    result = cli("archive", "add", BAD, "--db", db)
    assert result.exit_code == 1  # some rows bad, the rest stored
    # rows 2-6 each have one fault (the file's rows, see docs/interchange.md); row 7 is good
    for where, code in (
        ("Zeile 2, Zelle M2 (strategie/ki_ziele)", "ANS_011"),
        ("Zeile 3, Zelle F3 (company/employees)", "PROFILE_003"),
        ("Zeile 4, Zelle V4 (recht/ki_anwendungen)", "ANS_016"),
        ("Zeile 5, Zelle P5 (prozesse/routine_relevant)", "ANS_014"),
        ("Zeile 6, Zelle C6 (questionnaire)", "REF_002"),
    ):
        line = next(x for x in result.stderr.splitlines() if where in x)
        assert code in line, line
    assert "1 abgelegt, 0 schon im Archiv, 5 fehlerhaft" in " ".join(result.stderr.split())
    assert [r["company_name"] for r in listed(cli, db)] == ["Weißnicht & Co. KG"]


def test_the_same_export_twice_stores_nothing_new(cli, db):
    assert cli("archive", "add", KOBO, "--db", db).exit_code == 0
    again = cli("archive", "add", KOBO, "--db", db)
    assert again.exit_code == 0, again.stderr
    assert "0 abgelegt, 5 schon im Archiv" in again.stderr
    assert len(listed(cli, db)) == 5


def test_an_xlsx_export_and_answer_files_in_one_call(cli, tmp_path):
    from openpyxl import Workbook

    db = str(tmp_path / "archiv.sqlite")
    rows = list(csv.reader(KOBO.open(encoding="utf-8-sig"), delimiter=";"))
    book = Workbook()
    for row in rows:
        book.active.append(row)
    export = tmp_path / "kobo-export.xlsx"
    book.save(export)
    other = DATA / "archive" / "verlauf-2025.yaml"
    result = cli("archive", "add", export, other, "--db", db)
    assert result.exit_code == 0, result.stderr
    sources = [r["source"] for r in listed(cli, db)]
    assert str(other) in sources
    assert f"{export}:2 submission:{rows[1][rows[0].index('_uuid')]}" in sources
    assert len(sources) == 6


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_table_that_is_not_an_export_of_ours_is_one_clear_error(cli, tmp_path, lang):
    table = tmp_path / "irgendwas.csv"
    table.write_text("a;b\n1;2\n", "utf-8")
    result = cli("archive", "add", table, "--db", tmp_path / "a.sqlite", "--lang", lang)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "irgendwas.csv" in result.stderr
