"""``archive export``: counts and rows for upward reporting; pseudonymised exports carry
no names or free text; CSV as German Excel reads it; no cell starts a formula."""

from __future__ import annotations

import csv
import io
import json
import shutil

import openpyxl
import pytest
import yaml
from conftest import DATA

ARCH = DATA / "archive"
NAMES = ("Verlauf GmbH", '=HYPERLINK("http://x")', "Erika Beispiel", "K-100", "@Kante")


@pytest.fixture
def filled(cli, db, tmp_path):
    """T0 and T1 of Verlauf GmbH, and one company whose name starts a formula."""
    shutil.copy(ARCH / "verlauf.yaml", tmp_path / "verlauf.yaml")
    evil = {
        "questionnaire": "verlauf.yaml",
        "company": {"name": NAMES[1], "id": "@Kante", "state": "BY", "sector": "F",
                    "employees": 3},
        "interview": {"advisor": "-Berater", "date": "2026-03-02", "status": "complete"},
        "answers": {"s1": "z", "s2": "ja"},
        "notes": {"s1": "Freitext, der nie exportiert wird"},
    }  # fmt: skip
    (tmp_path / "evil.yaml").write_text(yaml.safe_dump(evil, allow_unicode=True), "utf-8")
    files = (ARCH / "verlauf-2025.yaml", ARCH / "verlauf-2026.yaml", tmp_path / "evil.yaml")
    assert cli("archive", "add", *files, "--db", db).exit_code == 0
    return db


def test_csv_for_german_excel_with_counts_and_safe_cells(cli, filled, tmp_path):
    target = tmp_path / "export.csv"
    result = cli("archive", "export", "--format", "csv", "--out", target, "--db", filled)
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    # headers in words, as scores.csv has them; a dimension by its name (verlauf.yaml)
    assert text.splitlines()[0].startswith(
        "Nr.;Schlüssel;Unternehmen;Bundesland;WZ-Abschnitt;Größenklasse;Beschäftigte;"
        "Fragebogen;Version;Datum der Erhebung;Berater/in;Status;Gesamtwert (0–100);Stufe;"
        "Abdeckung %;"
    )
    assert [r["Gesamtwert (0–100)"] for r in rows] == ["6,3", "100", "75"]
    assert rows[0]["Prozesse"] == "12,5"
    assert rows[0]["Abdeckung %"] == "100"
    assert rows[1]["Unternehmen"] == "'" + NAMES[1]
    assert rows[1]["Schlüssel"] == "id:@Kante"  # starts with a letter: left as it is
    assert rows[1]["Berater/in"] == "'-Berater"
    counts = (tmp_path / "export-zahlen.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert counts[0] == "Merkmal;Wert;Anzahl"
    assert "Erhebungen;;3" in counts
    assert "Unternehmen;;2" in counts
    assert "Stufe;top;2" in counts
    assert "Bundesland;NW;2" in counts
    assert "Größenklasse;micro;1" in counts
    again = cli("archive", "export", "--format", "csv", "--out", target, "--db", filled)
    assert again.exit_code == 2
    assert "--force" in again.stderr


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_a_pseudonymised_export_has_no_names_and_no_free_text(cli, filled, tmp_path, fmt):
    target = tmp_path / f"export.{fmt}"
    result = cli(
        "archive", "export", "--format", fmt, "--pseudonymise", "--out", target, "--db", filled
    )
    assert result.exit_code == 0, result.stderr
    if fmt == "xlsx":
        book = openpyxl.load_workbook(target)
        assert book.sheetnames == ["Zahlen", "Erhebungen"]
        cells = [c for ws in book for row in ws.iter_rows(values_only=True) for c in row]
        text = " ".join(str(c) for c in cells if c is not None)
        header = next(book["Erhebungen"].iter_rows(values_only=True))
        rows = list(book["Erhebungen"].iter_rows(values_only=True))[1:]
        assert [r[header.index("Schlüssel")] for r in rows] == ["P0001", "P0002", "P0001"]
        assert [r[header.index("Gesamtwert (0–100)")] for r in rows] == [6.3, 100, 75]
        assert "Datum der Erhebung" not in header  # the day is gone: the column says month
        assert [r[header.index("Monat der Erhebung")] for r in rows] == [
            "2025-10",
            "2026-03",
            "2026-10",
        ]
    else:
        text = target.read_text("utf-8-sig")
    for secret in (*NAMES, "Freitext", "Berater", "verlauf-2025.yaml", "HYPERLINK"):
        assert secret not in text, secret
    if fmt == "jsonl":
        lines = [json.loads(line) for line in text.splitlines()]
        assert lines[0]["type"] == "counts"
        assert lines[0]["assessments"] == 3
        assert lines[0]["stage"] == {"low": 1, "top": 2}
        assert [r["company"] for r in lines[1:]] == ["P0001", "P0002", "P0001"]
        assert set(lines[1]) == {
            "type", "company", "state", "sector", "size_class", "questionnaire_id",
            "questionnaire_version", "as_of_month", "status", "overall", "stage", "coverage",
            "dim_strategie", "dim_prozesse",
        }  # fmt: skip


def test_xlsx_cells_never_start_a_formula(cli, filled, tmp_path):
    target = tmp_path / "export.xlsx"
    assert (
        cli("archive", "export", "--format", "xlsx", "--out", target, "--db", filled).exit_code == 0
    )
    book = openpyxl.load_workbook(target)
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
    values = [c for row in book["Erhebungen"].iter_rows(values_only=True) for c in row]
    assert "'" + NAMES[1] in values
    assert "'-Berater" in values


def test_jsonl_goes_to_standard_output_and_since_limits_the_rows(cli, filled):
    result = cli("archive", "export", "--format", "jsonl", "--since", "2026-01-01", "--db", filled)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["as_of"] for line in lines[1:]] == ["2026-03-02", "2026-10-01"]
    assert lines[1]["company_name"] == NAMES[1]  # JSON is data, not a spreadsheet
    missing = cli("archive", "export", "--format", "xlsx", "--db", filled)
    assert missing.exit_code == 2
    assert "--out" in missing.stderr


def test_english_export_has_english_headers(cli, filled, tmp_path):
    target = tmp_path / "export.csv"
    result = cli(
        "archive", "export", "--format", "csv", "--out", target, "--db", filled, "--lang", "en"
    )
    assert result.exit_code == 0, result.stderr
    text = target.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("No.;Key;Company;State;Sector (WZ);Size class;")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["Overall (0–100)"] for r in rows] == ["6,3", "100", "75"]  # still German Excel's
    counts = (tmp_path / "export-zahlen.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert counts[0] == "Feature;Value;Count"
    assert "Assessments;;3" in counts
