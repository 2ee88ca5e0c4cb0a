"""What the archive says, as an advisor reads it: in date order, with German dates and
word forms that agree with their number.

Fixtures: tests/data/archive/verlauf-2025.yaml (as of 01.10.2025, overall 6,3, six
answers, one note) and verlauf-2026.yaml (as of 01.10.2026, overall 75,0).
Added newer first, the 2026 file gets id 1 and the 2025 file id 2.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA, EXAMPLE

ARCH = DATA / "archive"
T0 = ARCH / "verlauf-2025.yaml"
T1 = ARCH / "verlauf-2026.yaml"


@pytest.fixture
def newer_first(cli, db):
    """The archive with T1 stored before T0: ids 1 (2026) and 2 (2025)."""
    assert cli("archive", "add", T1, "--db", db).exit_code == 0
    assert cli("archive", "add", T0, "--db", db).exit_code == 0
    return db


def test_list_orders_by_as_of_date_not_by_id(cli, newer_first):
    rows = json.loads(cli("archive", "list", "--json", "--db", newer_first).stdout)
    assert [(r["id"], r["as_of"]) for r in rows] == [(2, "2025-10-01"), (1, "2026-10-01")]
    table = cli("archive", "list", "--db", newer_first).stdout
    assert table.index("01.10.2025") < table.index("01.10.2026")  # German dates, in order


@pytest.mark.parametrize(("lang", "label"), [("de", "Gestalter"), ("en", "Shaper")])
def test_list_names_the_stage_in_words(cli, db, lang, label):
    """Muster GmbH (kmu-basis) is stored with stage id ``gestalter``; the table shows its
    label. The Verlauf questionnaire is a test file, not bundled: its id stays."""
    for path in (EXAMPLE, T1):
        assert cli("archive", "add", path, "--db", db).exit_code == 0
    table = cli("archive", "list", "--db", db, "--lang", lang).stdout
    assert label in table
    assert "gestalter" not in table
    assert "top" in table  # verlauf.yaml cannot be loaded by id: the stored id is shown


@pytest.mark.parametrize("since", ["30.11.2025", "2025-11-30", "1.12.2025"])
def test_since_takes_german_and_iso_dates(cli, newer_first, since):
    rows = json.loads(
        cli("archive", "list", "--since", since, "--json", "--db", newer_first).stdout
    )
    assert [r["as_of"] for r in rows] == ["2026-10-01"]


@pytest.mark.parametrize("since", ["31.02.2026", "30.11.26", "gestern"])
def test_since_that_is_no_date_is_a_usage_error(cli, newer_first, since):
    result = cli("archive", "list", "--since", since, "--db", newer_first)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"'{since}' ist kein Datum. Bitte JJJJ-MM-TT oder TT.MM.JJJJ angeben" in said
    export = cli("archive", "export", "--format", "jsonl", "--since", since, "--db", newer_first)
    assert export.exit_code == 2


def test_compare_puts_the_earlier_assessment_first(cli, newer_first):
    # given newer first (id 1 is 2026): compared 2025 → 2026 all the same
    result = cli("compare", "1", "2", "--json", "--db", newer_first)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["before_assessment"] == {
        "source": "#2",
        "company": "Verlauf GmbH",
        "as_of": "2025-10-01",
    }
    assert data["overall"] == {"before": 6.3, "after": 75.0, "delta": 68.7}  # 75,0 − 6,3
    text = cli("compare", "1", "2", "--db", newer_first).stdout
    said = " ".join(text.split())
    assert "Nach Datum geordnet: #2 (01.10.2025) ist die frühere Erhebung." in said
    assert "Verlauf GmbH · 01.10.2025 → 01.10.2026" in said
    in_order = cli("compare", "2", "1", "--db", newer_first).stdout
    assert "Nach Datum geordnet" not in in_order


def test_show_counts_answers_and_notes_in_agreeing_forms(cli, newer_first):
    text = " ".join(cli("archive", "show", "2", "--db", newer_first).stdout.split())
    assert "Verlauf GmbH (id:K-100) · 01.10.2025" in text
    assert "Status: abgeschlossen" in text
    assert "6 Antworten, 1 Notiz · abgelegt am " in text
    assert " UTC aus " in text
    english = " ".join(
        cli("archive", "show", "2", "--db", newer_first, "--lang", "en").stdout.split()
    )
    assert "6 answers, 1 note · added on " in english
    assert "Status: complete" in english


def test_forget_and_export_say_one_assessment(cli, db, tmp_path):
    assert cli("archive", "add", T0, "--db", db).exit_code == 0
    out = tmp_path / "export.csv"
    exported = cli("archive", "export", "--format", "csv", "--out", out, "--db", db)
    assert "1 Erhebung von 1 Unternehmen." in exported.stderr
    english = cli("archive", "export", "--format", "jsonl", "--db", db, "--lang", "en")
    assert "1 assessment of 1 company." in english.stderr
    forgotten = cli("archive", "forget", "id:K-100", "--yes", "--db", db)
    assert "1 Erhebung von id:K-100 gelöscht." in forgotten.stderr
