"""Batch outputs as German Excel reads them, every error of a row, the template round trip."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, QDATA

PORTFOLIO = DATA / "portfolio"
CLIENTS = PORTFOLIO / "clients.csv"
FOLDER = PORTFOLIO / "folder"
AS_OF = ("--as-of", "2026-11-24")


def read_csv(path: Path, delimiter: str = ";", encoding: str = "utf-8-sig") -> list[dict]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def batch(cli, source: Path, out: Path, *more: object):
    return cli("batch", source, "--out", out, "--no-pdf", *AS_OF, *more)


# --- scores.csv and errors.csv ------------------------------------------------------------
def test_scores_csv_opens_in_german_excel(cli, tmp_path):
    out = tmp_path / "out"
    assert batch(cli, CLIENTS, out).exit_code == 1
    raw = (out / "scores.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM makes Excel read UTF-8
    rows = read_csv(out / "scores.csv")
    k2 = next(r for r in rows if r["Kennung"] == "K2")
    assert k2["Unternehmen"] == "Bäckerei Brot & Söhne"
    # K2 by hand, "Abläufe": routine_relevant 2 on 1–5 → 0.25 with weight 0.25,
    # routine_genutzt 1 → 0 with weight 1: 100 × 0.0625 / 1.25 = 5.0
    assert k2["Abläufe und Anwendungsideen"] == "5,0"
    assert k2["Gesamtwert (0–100)"] == "3,5"  # as `ki-check score k2.yaml` (tests/test_batch.py)
    assert k2["Stufe"] == "Einsteiger"
    assert k2["Abdeckung %"] == "100,0"
    assert k2["Fragebogen"] == "kurzcheck@1.0"
    assert "Mittelstand-Digital Zentren" in k2["Empfohlene Förderprogramme"].split("; ")
    errors = read_csv(out / "errors.csv")
    assert (out / "errors.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert {e["Code"] for e in errors} >= {"ANS_011", "PROFILE_003", "BATCH_001", "BATCH_003"}


def test_a_row_with_only_a_name_is_reported_not_scored(cli, tmp_path):
    """Hofbäckerei Stein (row 3): name, Land, staff and sector, not one answer. It was
    counted as scored with coverage 0 and a first step; now it is BATCH_010."""
    out = tmp_path / "out"
    result = batch(cli, PORTFOLIO / "hofbaeckerei-nur-name.csv", out)
    assert result.exit_code == 1
    assert [r["Kennung"] for r in read_csv(out / "scores.csv")] == ["K1"]
    errors = read_csv(out / "errors.csv")
    assert [(e["Code"], e["Zeile"]) for e in errors] == [("BATCH_010", "3")]
    assert "keine einzige Antwort" in " ".join(result.stderr.split())


def test_plain_dialect_has_commas_and_points(cli, tmp_path):
    out = tmp_path / "out"
    assert batch(cli, CLIENTS, out, "--csv-dialect", "plain").exit_code == 1
    raw = (out / "scores.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(out / "scores.csv", ",", "utf-8")
    assert next(r for r in rows if r["Kennung"] == "K2")["Gesamtwert (0–100)"] == "3.5"
    assert read_csv(out / "errors.csv", ",", "utf-8")[0]["Code"] == "ANS_011"


def test_unknown_dialect_is_a_usage_error(cli, tmp_path):
    result = batch(cli, CLIENTS, tmp_path / "out", "--csv-dialect", "excel-fr")
    assert result.exit_code == 2
    assert "USAGE_005 --csv-dialect 'excel-fr' ist nicht erlaubt" in result.stderr
    assert "Eines von: excel-de, plain." in result.stderr


def test_a_row_with_two_faults_gives_two_errors_with_cells(cli, tmp_path):
    out = tmp_path / "out"
    result = batch(cli, PORTFOLIO / "two-faults.csv", out)
    assert result.exit_code == 1
    errors = read_csv(out / "errors.csv")
    assert [(e["Zelle"], e["Spalte"], e["Code"]) for e in errors] == [
        ("D2", "state", "PROFILE_001"),
        ("E2", "employees", "PROFILE_003"),
    ]
    for e in errors:
        assert (e["Datei"], e["Zeile"], e["Kennung"]) == ("two-faults.csv", "2", "K9")
        assert e["Unternehmen"] == "Zwei Fehler KG"
        assert e["Lösung"]
    # the terminal shows the same two, in the same format (code, message, fix)
    text = " ".join(result.stderr.split())
    assert "two-faults.csv, Zeile 2, Zelle D2 (state) · K9 Zwei Fehler KG: PROFILE_001" in text
    assert "Zelle E2 (employees) · K9 Zwei Fehler KG: PROFILE_003" in text
    assert text.count("Lösung:") == 2


# --- scores.xlsx ------------------------------------------------------------------------------
def test_scores_xlsx_numbers_labels_heat_map_and_errors(cli, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out"
    assert batch(cli, CLIENTS, out).exit_code == 1
    wb = load_workbook(out / "scores.xlsx")
    assert wb.sheetnames == ["kurzcheck", "Fehler"]
    sheet = wb["kurzcheck"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == [
        "Kennung",
        "Unternehmen",
        "Gesamtwert (0–100)",
        "Stufe",
        "Position zur Vergleichszahl",
        "Abdeckung %",
    ]
    assert "Strategie und Führung" in header  # dimension labels, not ids
    k1 = [c for c in sheet[2]]
    assert k1[0].value == "K1"
    assert not isinstance(k1[2].value, str)  # a number Excel can sort and sum
    assert k1[2].value == 36.0
    assert k1[2].number_format == "0.0"
    assert k1[3].value == "Entdecker"
    assert k1[5].value == 1.0
    assert k1[5].number_format == "0.0%"
    dims = header.index("Strategie und Führung")
    assert k1[dims].number_format == "0.0"
    ranges = [str(r.sqref) for r in sheet.conditional_formatting]
    assert ranges == ["G2:N5"]  # 8 dimensions × the 4 scored companies
    assert "Mittelstand-Digital Zentren" in k1[header.index("Empfohlene Förderprogramme")].value
    failed = wb["Fehler"]
    cells = [[c.value for c in row] for row in failed.iter_rows(min_row=2)]
    assert (cells[1][:7]) == [
        "clients.csv",
        5,
        "employees",
        "E5",
        "K4",
        "Delta Software GmbH",
        "PROFILE_003",
    ]
    assert len(cells) == 5


def test_questionnaires_are_grouped_never_ranked_together(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FOLDER / "k1.yaml", folder / "a-kurz.yaml")
    shutil.copy(FOLDER / "other-questionnaire.yaml", folder / "b-basis.yaml")
    shutil.copy(FOLDER / "k2.yaml", folder / "c-kurz.yaml")
    out = tmp_path / "out"
    assert batch(cli, folder, out).exit_code == 0
    rows = read_csv(out / "scores.csv")
    from ki_check.questionnaire.load import load_questionnaire

    basis = load_questionnaire("kmu-basis").ref
    assert [(r["Kennung"], r["Fragebogen"]) for r in rows] == [
        ("a-kurz", "kurzcheck@1.0"),
        ("c-kurz", "kurzcheck@1.0"),
        ("b-basis", basis),
    ]
    # every dimension of scores.json has its column in scores.csv
    records = json.loads((out / "scores.json").read_text("utf-8"))
    dims = {k for r in records for k in r if k.startswith("dim_")}

    for ref in ("kurzcheck", "kmu-basis"):
        for d in load_questionnaire(ref).dimensions:
            assert f"dim_{d.id}" in dims
            assert d.label["de"] in rows[0]
    # kurzcheck's 8 and kmu-basis's 9 dimensions; 3 named word for word alike share a column
    # (Strategie und Führung, Daten, KI-Einsatz heute): 14 columns, none slash-joined
    assert len(rows[0]) == 7 + 14 + 3  # 7 columns before the dimensions, 3 after
    assert not any(" / " in column for column in rows[0])
    # b-basis answers only ki_ziele (Strategie und Führung): its score is in the shared column
    kurz, basis = rows[0], rows[2]
    assert kurz["IT und IT-Sicherheit"] != ""
    assert kurz["Digitale Basis und IT-Sicherheit"] == ""
    assert kurz["Strategie und Führung"] != ""
    assert basis["Strategie und Führung"] != ""
    from openpyxl import load_workbook

    assert load_workbook(out / "scores.xlsx").sheetnames == ["kurzcheck", "kmu-basis", "Fehler"]


def test_portfolio_pdf_has_a_section_and_heat_map_per_questionnaire(cli, tmp_path):
    from conftest import pdf_text

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FOLDER / "k1.yaml", folder / "a-kurz.yaml")
    shutil.copy(FOLDER / "other-questionnaire.yaml", folder / "b-basis.yaml")
    shutil.copy(FOLDER / "bad-syntax.yaml", folder / "c-kaputt.yaml")
    out = tmp_path / "out"
    result = cli("batch", folder, "--out", out, "--jobs", "1", *AS_OF)
    assert result.exit_code == 1
    text = " ".join(pdf_text(out / "portfolio.pdf"))
    assert "2 Unternehmen" in text
    assert "1 Zeile nicht bewertet" in text
    assert "nie gemeinsam gereiht" in text
    assert "KI-Kurzcheck (kurzcheck@1.0 · 1 Unternehmen)" in text
    from ki_check.questionnaire.load import load_questionnaire

    assert f"({load_questionnaire('kmu-basis').ref} · 1 Unternehmen)" in text
    assert text.count("Verteilung je Dimension") == 2


# --- one serialiser ---------------------------------------------------------------------------
def test_batch_and_score_round_the_same_way(cli, tmp_path):
    from openpyxl import load_workbook

    folder = DATA / "batch" / "half-up"
    single = cli("score", folder / "wenig-gmbh.yaml", "--json", *AS_OF)
    assert single.exit_code == 0, single.stderr
    # by hand: 1 of 16 points = 6.25; half-up → 6.3 (Python's round() gives 6.2)
    assert json.loads(single.stdout)["dimensions"][0]["score"] == 6.3
    out = tmp_path / "out"
    assert batch(cli, folder, out).exit_code == 0
    (record,) = json.loads((out / "scores.json").read_text("utf-8"))
    assert record["dim_d1"] == 6.3
    assert read_csv(out / "scores.csv")[0]["Einzige Dimension"] == "6,3"
    assert load_workbook(out / "scores.xlsx")["half-up"]["G2"].value == 6.3


# --- example and empty rows -------------------------------------------------------------------
def test_example_row_is_refused_with_a_clear_message(cli, tmp_path):
    template = tmp_path / "kunden.csv"
    assert cli("batch", "template", "kurzcheck", "--out", template).exit_code == 0
    out = tmp_path / "out"
    result = batch(cli, template, out)
    assert result.exit_code == 1
    (error,) = read_csv(out / "errors.csv")
    assert (error["Code"], error["Zeile"], error["Zelle"]) == ("BATCH_002", "3", "A3")
    assert error["Meldung"] == "Das ist die Beispielzeile der Vorlage: nicht bewertet."
    assert "BEISPIEL" in error["Lösung"]
    assert "0 bewertet, 1 fehlerhaft" in " ".join(result.stderr.split())


def test_trailing_empty_rows_are_not_errors(cli, tmp_path):
    text = CLIENTS.read_text("utf-8-sig").splitlines()[:3]
    path = tmp_path / "kunden.csv"
    path.write_text("\n".join([*text, ";;;", ";;;", ""]), "utf-8")
    out = tmp_path / "out"
    result = batch(cli, path, out)
    assert result.exit_code == 0, result.stderr
    assert read_csv(out / "errors.csv") == []


# --- reports re-rendered when the inputs change ----------------------------------------------
@pytest.mark.parametrize("change", [("--lang", "en"), ("--as-of", "2026-12-01")])
def test_rerun_with_other_options_re_renders(cli, tmp_path, change):
    import pypdf

    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(FOLDER / "k1.yaml", source / "k1.yaml")
    out = tmp_path / "out"
    args = ("batch", source, "--out", out, "--jobs", "1")
    first = cli(*args, *AS_OF)
    assert first.exit_code == 0, first.stderr
    report = out / "reports" / "k1-alpha-metall-gmbh.pdf"
    before = report.read_bytes()
    same = cli(*args, *AS_OF)
    assert "1 aktuell gelassen" in " ".join(same.stderr.split())
    again = cli(*args, *AS_OF, *change) if change[0] != "--as-of" else cli(*args, *change)
    assert again.exit_code == 0, again.stderr
    assert ("0 aktuell gelassen" if change[0] == "--as-of" else "0 up to date") in " ".join(
        again.stderr.split()
    )
    assert report.read_bytes() != before
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(report).pages)
    if change[0] == "--lang":
        assert "AI Readiness Report" in text
        assert "KI-Reifegrad-Bericht" not in text
    else:
        assert "1. Dezember 2026" in text


def test_edited_answers_re_render(cli, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    answers = source / "k1.yaml"
    shutil.copy(FOLDER / "k1.yaml", answers)
    out = tmp_path / "out"
    args = ("batch", source, "--out", out, "--jobs", "1", *AS_OF)
    assert cli(*args).exit_code == 0
    answers.write_text(answers.read_text("utf-8").replace("Alpha Metall", "Alpha Stahl"), "utf-8")
    again = cli(*args)
    assert "0 aktuell gelassen" in " ".join(again.stderr.split())
    assert json.loads((out / "scores.json").read_text("utf-8"))[0]["name"] == "Alpha Stahl GmbH"


def test_the_half_up_fixture_is_a_real_questionnaire():
    from ki_check.questionnaire.load import load_questionnaire

    assert load_questionnaire(QDATA / "q-half-up.yaml").id == "half-up"


# --- the XLSX template --------------------------------------------------------------------------
def template(cli, tmp_path: Path, questionnaire: str = "kurzcheck") -> Path:
    path = tmp_path / "kunden.xlsx"
    result = cli("batch", "template", questionnaire, "--out", path)
    assert result.exit_code == 0, result.stderr
    return path


def test_template_has_drop_downs_number_checks_and_messages(cli, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(template(cli, tmp_path, "kmu-basis"))
    sheet = wb["Unternehmen"]
    header = [c.value for c in sheet[2]]
    by_column: dict[str, object] = {}
    for dv in sheet.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            letters = "".join(ch for ch in ref.split(":")[0] if ch.isalpha())
            by_column[letters] = dv

    def rule(column: str):
        from ki_check.batch.row_errors import column_letter

        return by_column[column_letter(header.index(column))]

    lists = wb["Listen"]
    assert lists.sheet_state == "hidden"

    def entries(dv) -> list[str]:
        ref = dv.formula1.split("!")[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    state = rule("state")
    assert state.type == "list"
    assert "BY – Bayern" in entries(state)
    assert len(entries(state)) == 16
    sector = rule("sector")
    assert "C – Verarbeitendes Gewerbe" in entries(sector)
    assert len(entries(sector)) == 21  # WZ 2008 sections A–U
    assert rule("employees").type == "whole"
    assert rule("turnover_eur").type == "decimal"
    ki_stand = rule("ki_stand")
    assert ki_stand.type == "list"
    assert "weiß nicht" in entries(ki_stand)
    assert ki_stand.showInputMessage
    assert ki_stand.prompt.startswith("Wie setzt Ihr Unternehmen KI heute ein?")  # question
    matrix = rule("datenqualitaet.kunden")
    assert matrix.type == "list"
    multiple = rule("kernsysteme")  # several answers: the list helps, typing "a; b" is allowed
    assert multiple.type == "list"
    assert not multiple.showErrorMessage
    scale = rule("leitung_unterstuetzung")
    assert (scale.type, scale.formula1, scale.formula2) == ("whole", "1", "5")
    # the example row holds numbers as numbers
    example = dict(zip(header, [c.value for c in sheet[4]], strict=False))
    assert example["id"] == "BEISPIEL"
    assert example["employees"] == 42
    assert example["turnover_eur"] == 1_500_000


def test_filled_template_round_trips(cli, tmp_path):
    """Template → cells written as Excel would (labels, numbers) → batch scores them."""
    import yaml
    from openpyxl import load_workbook

    path = template(cli, tmp_path)
    wb = load_workbook(path)
    sheet = wb["Unternehmen"]
    header = [c.value for c in sheet[2]]

    def fill(row: int, values: dict) -> None:
        for column, value in values.items():
            sheet.cell(row, header.index(column) + 1, value)

    for column in header:  # overwrite the example row completely
        sheet.cell(4, header.index(column) + 1, None)
    # K1 as a person types it from the paper form: labels and drop-down entries
    fill(
        4,
        {
            "id": "K1",
            "name": "Alpha Metall GmbH",
            "state": "BY – Bayern",
            "employees": 12,
            "turnover_eur": 1500000,
            "founded": 2001,
            "sector": "C – Verarbeitendes Gewerbe",
            "ki_ziele": "Es gibt erste Ideen",
            "daten_digital": "Überwiegend in einer Software"
            " (z. B. Warenwirtschaft, Branchensoftware)",
            "it_sicherheit": "Einiges ist geregelt, aber nicht alles",
            "routine_relevant": 4,
            "routine_genutzt": 2,
            "ki_stand": "Erste Versuche, einzelne Personen probieren aus",
            "ki_schulung": "Einzelne",
            "offenheit": 4,
            "ki_regeln": "Nein, nicht geregelt",
            "ki_anwendungen": "Nichts davon",
            "ressourcen": "Etwas Zeit, aber kein Geld",
            "huerden": "Wir wissen zu wenig darüber, was KI für uns tun kann; "
            "Unsicherheit, was rechtlich erlaubt ist",
        },
    )
    # K6 with option ids, the questionnaire cell left empty (the template names it)
    k6 = yaml.safe_load((FOLDER / "k6.yaml").read_text("utf-8"))
    answers = {k: "; ".join(v) if isinstance(v, list) else v for k, v in k6["answers"].items()}
    fill(5, {"id": "K6", **k6["company"], **answers})
    wb.save(path)
    out = tmp_path / "out"
    result = batch(cli, path, out)
    assert result.exit_code == 0, result.stderr
    scores = {r["id"]: r for r in json.loads((out / "scores.json").read_text("utf-8"))}
    for key, file in (("K1", "k1.yaml"), ("K6", "k6.yaml")):
        single = cli("score", FOLDER / file, "--json", *AS_OF)
        expected = json.loads(single.stdout)
        assert scores[key]["overall"] == expected["overall"]
        assert scores[key]["stage"] == expected["stage"]["id"]
        for d in expected["dimensions"]:
            assert scores[key][f"dim_{d['id']}"] == d["score"]


# --- trainers: the workshop's paper forms typed into the template ----------------------------
WORKSHOP = DATA / "workshop"


def workshop_sheet(cli, tmp_path: Path) -> Path:
    """The workshop's valid answer files and the one with a bad option, as template rows."""
    import yaml
    from openpyxl import load_workbook

    path = template(cli, tmp_path)
    wb = load_workbook(path)
    sheet = wb["Unternehmen"]
    header = [c.value for c in sheet[2]]
    sheet.delete_rows(4)  # the example row, as the fix says
    files = [f for f in sorted(WORKSHOP.glob("*.yaml")) if f.name != "other-questionnaire.yaml"]
    for row, file in enumerate(files, start=4):
        data = yaml.safe_load(file.read_text("utf-8"))
        cells = {**data["company"], **data["answers"]}
        for column, value in cells.items():
            text = "; ".join(value) if isinstance(value, list) else value
            sheet.cell(row, header.index(column) + 1, text)
    wb.save(path)
    return path


def test_group_summary_from_the_template_equals_the_folders(cli, tmp_path):
    from ki_check.batch.workshop import load_group
    from ki_check.questionnaire.load import load_questionnaire

    q = load_questionnaire("kurzcheck")
    day = dt.date(2026, 11, 24)
    sheet = workshop_sheet(cli, tmp_path)
    rows, skipped_rows = load_group(q, sheet, as_of=day)
    files, _ = load_group(q, WORKSHOP, as_of=day)
    assert sorted((p.name, p.result.overall) for p in rows) == sorted(
        (p.name, p.result.overall) for p in files
    )
    (skipped,) = skipped_rows
    assert skipped.kind == "invalid"
    (error,) = skipped.errors
    assert (error.row, error.column, error.cell, error.code) == (9, "ki_ziele", "N9", "ANS_011")


def test_handout_results_accepts_the_template(cli, tmp_path):
    sheet = workshop_sheet(cli, tmp_path)
    out = tmp_path / "gruppe.pdf"
    result = cli("handout", "kurzcheck", "--results", sheet, "--out", out, *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "5 von 6 Zeilen ausgewertet" in result.stdout
    # the row with the bad option, named by row and cell, with code and fix
    assert "kunden.xlsx, Zeile 9, Zelle N9 (ki_ziele)" in result.stderr
    assert "ANS_011 Frage 'ki_ziele' hat keine Option 'vielleicht'." in result.stderr
    from conftest import pdf_text

    assert "5 von 6 Zeilen ausgewertet" in " ".join(pdf_text(out))


def test_trainer_key_names_the_template(cli, tmp_path):
    from conftest import pdf_text

    out = tmp_path / "trainer.pdf"
    assert cli("handout", "kurzcheck", "--trainer", "--out", out).exit_code == 0
    text = " ".join(pdf_text(out))
    assert "ki-check batch template kurzcheck --out workshop.xlsx" in text
    assert "ki-check handout kurzcheck --results workshop.xlsx" in text
    assert "als Antwortdateien abtippen" not in text


@pytest.mark.parametrize(
    ("score", "band"),
    [(0, 0), (19.9, 0), (20, 1), (39.9, 1), (40, 2), (59.9, 2), (60, 3), (80, 4), (100, 4)],
)
def test_heat_map_bands(score, band):
    from ki_check.batch.portfolio import band as band_of

    assert band_of(score) == band  # 0–20, 20–40, 40–60, 60–80, 80–100 (100 in the last)


def test_workers_give_the_same_tables_in_the_same_order(cli, tmp_path):
    from ki_check.batch.parallel import MIN_FILES

    folder = tmp_path / "in"
    folder.mkdir()
    good = (FOLDER / "k1.yaml").read_text("utf-8")
    bad = (FOLDER / "bad-unknown-option.yaml").read_text("utf-8")
    for i in range(MIN_FILES + 50):
        text = bad if i % 97 == 0 else good.replace("Alpha Metall GmbH", f"Firma {i:04d}")
        text = text.replace("employees: 12", f"employees: {1 + i % 300}")
        (folder / f"f{i:04d}.yaml").write_text(text, "utf-8")
    tables = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = batch(cli, folder, out, "--jobs", jobs)
        assert result.exit_code == 1
        tables[jobs] = [(out / name).read_bytes() for name in ("scores.json", "errors.csv")]
        tables[jobs].append((out / "scores.csv").read_bytes())
    assert tables["1"] == tables["2"]
    records = json.loads(tables["2"][0])
    assert len(records) == MIN_FILES + 50 - 5  # f0000, f0097, … f0388 have a bad option
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)


def test_no_cell_starts_a_formula(cli, tmp_path):
    from openpyxl import load_workbook

    lines = CLIENTS.read_text("utf-8-sig").splitlines()
    path = tmp_path / "kunden.csv"
    path.write_text(
        "\n".join([lines[0], lines[1].replace("Alpha Metall GmbH", "=HYPERLINK(1)"), ""]),
        "utf-8",
    )
    out = tmp_path / "out"
    assert batch(cli, path, out).exit_code == 0
    assert read_csv(out / "scores.csv")[0]["Unternehmen"] == "'=HYPERLINK(1)"
    cell = load_workbook(out / "scores.xlsx")["kurzcheck"]["B2"]
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(1)", "s")
    assert json.loads((out / "scores.json").read_text("utf-8"))[0]["name"] == "=HYPERLINK(1)"


def test_a_row_without_questionnaire_says_where_to_name_it(cli, tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_text("id;questionnaire;name;ki_ziele\nK1;;Alpha GmbH;ideen\n", "utf-8")
    out = tmp_path / "out"
    assert batch(cli, path, out).exit_code == 1
    (error,) = read_csv(out / "errors.csv")
    assert (error["Code"], error["Zelle"]) == ("BATCH_008", "B2")
    assert "--questionnaire" in error["Lösung"]
    assert batch(cli, path, tmp_path / "ok", "--questionnaire", "kurzcheck").exit_code == 0


@pytest.mark.parametrize("file", ["k1.yaml", "k2.yaml", "k6.yaml", "k7.yaml"])
def test_a_row_reads_the_same_as_from_the_whole_score_json(file):
    from ki_check.assessment.answers import open_answers
    from ki_check.assessment.assess import assess
    from ki_check.batch.output import row_json, score_row

    q, af = open_answers(FOLDER / file)
    assessment = assess(q, af, as_of=dt.date(2026, 11, 24))
    whole = score_row(assessment.to_json("de"), file, "K", af.company.name)
    light = score_row(row_json(assessment, "de"), file, "K", af.company.name)
    assert light == whole
    assert whole.data["funding"]  # each of these companies has recommended programmes


def _rules_by_column(path: Path) -> dict[str, object]:
    """The data validations of the template's first sheet by their column header."""
    from openpyxl import load_workbook

    from ki_check.batch.row_errors import column_letter

    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[2]]
    by_letter = {}
    for dv in sheet.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            by_letter["".join(ch for ch in ref.split(":")[0] if ch.isalpha())] = dv
    return {
        h: by_letter[column_letter(i)]
        for i, h in enumerate(header)
        if column_letter(i) in by_letter
    }


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            {
                "state": ("Bundesland", "Wert prüfen", "Dieser Wert passt nicht zur Spalte."),
                "employees": (
                    "Beschäftigte",
                    "Wert prüfen",
                    "Bitte eine ganze Zahl ab 0 eingeben.",
                ),
                "founded": ("Gründungsjahr", "Wert prüfen", "Bitte eine ganze Zahl von 1000 bis"),
                "turnover_eur": ("Jahresumsatz in Euro", "Wert prüfen", "Bitte eine Zahl ab 0"),
                "questionnaire": ("Fragebogen", "Wert prüfen", "Erlaubt: kurzcheck@1.0 oder leer"),
                "ki_ziele": ("Frage 1: ki_ziele", "Wert prüfen", "Dieser Wert passt nicht"),
                "routine_relevant": (
                    "Frage 4: routine_relevant",
                    "Wert prüfen",
                    "Bitte eine ganze Zahl von 1 bis 5 eingeben.",
                ),
                "startup": (
                    "Start-up",
                    "Wert prüfen",
                    "Dieser Wert passt nicht zur Spalte. Erlaubt: ja; nein",
                ),
            },
        ),
        (
            "en",
            {
                "state": ("German state", "Check the value", "This value does not fit the column."),
                "employees": (
                    "Employees",
                    "Check the value",
                    "Please enter a whole number from 0.",
                ),
                "founded": (
                    "Year founded",
                    "Check the value",
                    "Please enter a whole number from 1000 to",
                ),
                "turnover_eur": (
                    "Annual turnover in euros",
                    "Check the value",
                    "Please enter a number from 0.",
                ),
                "questionnaire": (
                    "Questionnaire",
                    "Check the value",
                    "Allowed: kurzcheck@1.0 or empty",
                ),
                "ki_ziele": ("Question 1: ki_ziele", "Check the value", "This value does not fit"),
                "routine_relevant": (
                    "Question 4: routine_relevant",
                    "Check the value",
                    "Please enter a whole number from 1 to 5.",
                ),
                "startup": (
                    "Start-up",
                    "Check the value",
                    "This value does not fit the column. Allowed: yes; no",
                ),
            },
        ),
    ],
)
def test_template_checks_speak_the_language_of_the_template(cli, tmp_path, lang, expected):
    path = tmp_path / "kunden.xlsx"
    result = cli("batch", "template", "kurzcheck", "--out", path, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    rules = _rules_by_column(path)
    for column, (title, error_title, error) in expected.items():
        dv = rules[column]
        assert (dv.promptTitle, dv.errorTitle) == (title, error_title), column
        assert dv.error.startswith(error), (column, dv.error)
        assert len(dv.promptTitle) <= 32  # Excel refuses longer titles
    # no title is a bare column id any more (they were: "state", "ki_ziele", …)
    assert not any(dv.promptTitle == column for column, dv in rules.items())


def test_an_english_template_with_yes_round_trips(cli, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "clients.xlsx"
    assert cli("batch", "template", "kurzcheck", "--out", path, "--lang", "en").exit_code == 0
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    header = [c.value for c in sheet[2]]
    sheet.cell(4, header.index("id") + 1, "K1")  # the example row made a real one
    sheet.cell(4, header.index("startup") + 1, "yes")
    wb.save(path)
    out = tmp_path / "out"
    result = cli("batch", path, "--out", out, "--no-pdf", *AS_OF)
    assert result.exit_code == 0, result.stderr
    scored = json.loads((out / "scores.json").read_text("utf-8"))
    assert "Muster GmbH" in json.dumps(scored, ensure_ascii=False)
