"""A trainer's paper answers typed into the batch template make a group summary.

Paper forms carry no company name: such rows are used (and listed as
"Teilnehmer N" with --named, N the place among the rows used), and a row that
cannot be used is reported in the batch's one format: row, cell, column,
code, message and fix.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import DATA, pdf_text

WORKSHOP = DATA / "workshop"
AS_OF = ("--as-of", "2026-11-24")


def paper_sheet(cli, tmp_path: Path, rows: list[dict]) -> Path:
    """The kurzcheck template from the real CLI, example row removed, ``rows`` from row 4 on."""
    from openpyxl import load_workbook

    path = tmp_path / "workshop.xlsx"
    result = cli("batch", "template", "kurzcheck", "--out", path)
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(path)
    sheet = wb["Unternehmen"]
    header = [c.value for c in sheet[2]]
    sheet.delete_rows(4)  # the example row
    for number, cells in enumerate(rows, start=4):
        for column, value in cells.items():
            text = "; ".join(value) if isinstance(value, list) else value
            sheet.cell(number, header.index(column) + 1, text)
    wb.save(path)
    return path


def answers_of(name: str, **company: object) -> dict:
    """A workshop fixture's company and answers as the cells of one row."""
    data = yaml.safe_load((WORKSHOP / f"{name}.yaml").read_text("utf-8"))
    return {**data["company"], **company, **data["answers"]}


def test_paper_answers_without_names_are_used_and_numbered(cli, tmp_path):
    rows = [
        {k: v for k, v in answers_of("alpha").items() if k != "name"},  # row 4: no name
        answers_of("beta"),  # row 5: Bergmann Logistik KG
        {k: v for k, v in answers_of("gamma").items() if k != "name"},  # row 6: no name
    ]
    sheet = paper_sheet(cli, tmp_path, rows)
    out = tmp_path / "gruppe.pdf"
    result = cli("handout", "kurzcheck", "--results", sheet, "--out", out, "--named", *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "(3 von 3 Zeilen ausgewertet)" in result.stdout
    assert "BATCH_004" not in result.stderr
    text = " ".join(pdf_text(out))
    # named first, then the nameless by their place among the rows used: 1st and 3rd
    assert "Bergmann Logistik KG" in text
    assert text.index("Bergmann Logistik KG") < text.index("Teilnehmer 1")
    assert text.index("Teilnehmer 1") < text.index("Teilnehmer 3")
    assert "Teilnehmer 2" not in text


def test_nameless_participants_in_english(cli, tmp_path):
    rows = [{k: v for k, v in answers_of(n).items() if k != "name"} for n in ("alpha", "beta")]
    sheet = paper_sheet(cli, tmp_path, rows)
    out = tmp_path / "group.pdf"
    result = cli(
        "handout", "kurzcheck", "--results", sheet, "--out", out, "--named", "--lang", "en", *AS_OF
    )
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(out))
    assert "Participant 1" in text
    assert "Participant 2" in text


def test_batch_still_needs_the_company_name(cli, tmp_path):
    rows = [{k: v for k, v in answers_of("alpha").items() if k != "name"}]
    sheet = paper_sheet(cli, tmp_path, rows)
    result = cli("batch", sheet, "--out", tmp_path / "out", "--no-pdf", *AS_OF)
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "workshop.xlsx, Zeile 4, Zelle C4 (name)" in said
    assert "BATCH_004" in said


def test_a_skipped_row_lists_every_error_like_batch(cli, tmp_path):
    # row 5 has two faults: employees "viele" (column E) and Bundesland "XX" (column D)
    rows = [answers_of("alpha"), answers_of("beta", employees="viele", state="XX")]
    rows.append(answers_of("gamma"))
    sheet = paper_sheet(cli, tmp_path, rows)
    out = tmp_path / "gruppe.pdf"
    result = cli("handout", "kurzcheck", "--results", sheet, "--out", out, *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "(2 von 3 Zeilen ausgewertet)" in result.stdout
    lines = result.stderr.splitlines()
    assert lines[0] == "Übersprungen:"
    heads = [x for x in lines if x.startswith("workshop.xlsx")]
    assert len(heads) == 2  # both faults of the row, not only the first
    assert heads[0].startswith("workshop.xlsx, Zeile 5, Zelle D5 (state) · Bergmann Logistik KG:")
    assert heads[1].startswith(
        "workshop.xlsx, Zeile 5, Zelle E5 (employees) · Bergmann Logistik KG:"
    )
    assert heads[0].endswith("PROFILE_001 'XX' ist kein Bundesland-Kürzel.")
    assert (
        "PROFILE_003 Angabe „Beschäftigte“ muss eine ganze Zahl ≥ 0 sein; gefunden wurde"
        ' ein Text ("viele").' in heads[1]
    )
    assert sum(1 for x in lines if x.strip().startswith("Lösung:")) == 2
    # the batch reports the same row with the same two errors
    batch = cli("batch", sheet, "--out", tmp_path / "out", "--no-pdf", *AS_OF)
    batch_heads = [x for x in batch.stderr.splitlines() if x.startswith("workshop.xlsx")]
    assert batch_heads == heads


def test_a_company_twice_counts_once_like_batch(cli, tmp_path):
    # clients.csv: K1 Alpha Metall in row 2 and again in row 7; batch sets row 7 aside
    # (BATCH_003), so the workshop does too. Used: K1, K2, K5, K6, K7 (rows 4 and 5 are
    # invalid, row 6 empty) = 5 of the 9 rows.
    clients = DATA / "portfolio" / "clients.csv"
    out = tmp_path / "gruppe.pdf"
    result = cli("handout", "kurzcheck", "--results", clients, "--out", out, "--named", *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "(5 von 9 Zeilen ausgewertet)" in result.stdout
    said = " ".join(result.stderr.split())
    assert (
        "clients.csv, Zeile 7, Zelle A7 (id) · K1 Alpha Metall GmbH: BATCH_003 Das Unternehmen"
        " 'K1' kommt doppelt vor (zuerst in clients.csv:2)." in said
    )
    assert " ".join(pdf_text(out)).count("Alpha Metall GmbH") == 1
