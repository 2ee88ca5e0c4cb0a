"""Batch scoring: CSV (German Excel), XLSX and folders; bad rows named, good rows exact."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import DATA

from ki_check.batch.run import run_batch

PORTFOLIO = DATA / "portfolio"
CLIENTS = PORTFOLIO / "clients.csv"
FOLDER = PORTFOLIO / "folder"
GOOD = {"K1": "k1.yaml", "K2": "k2.yaml", "K6": "k6.yaml", "K7": "k7.yaml"}
BAD_ROWS = {  # row number in clients.csv → (column, code, words in the message)
    4: ("ki_ziele", "ANS_011", "keine Option 'vielleicht'"),
    5: ("employees", "PROFILE_003", "Angabe „Beschäftigte“ muss eine ganze Zahl ≥ 0 sein"),
    6: ("", "BATCH_001", "Leere Zeile"),
    7: ("id", "BATCH_003", "'K1' kommt doppelt vor (zuerst in clients.csv:2)"),
    8: ("name", "BATCH_004", "Name des Unternehmens fehlt"),
}


def read_errors(out: Path) -> dict[str, tuple[str, str]]:
    """errors.csv as German Excel reads it: file and row → (column, code and message)."""
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return {
        ":".join(x for x in (r["Datei"], r["Zeile"]) if x): (
            r["Spalte"],
            f"{r['Code']} {r['Meldung']}",
        )
        for r in rows
    }


def scores_by_id(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((out / "scores.json").read_text("utf-8"))}


def one_by_one(cli, path: Path) -> dict:
    result = cli("score", path, "--json", "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def assert_same_as_score(record: dict, single: dict) -> None:
    assert record["overall"] == single["overall"]
    assert record["stage"] == single["stage"]["id"]
    assert record["coverage"] == single["coverage"]
    assert record["position"] == single["baseline"]["position"]
    for d in single["dimensions"]:
        assert record[f"dim_{d['id']}"] == d["score"]
    assert record["funding"] == [f["id"] for f in single["funding"] if f["tier"] == "recommended"]
    assert record["first_action"] == (single["actions"][0]["id"] if single["actions"] else None)


def test_csv_with_semicolons_bom_and_comma_decimals(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("batch", CLIENTS, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert result.exit_code == 1  # some rows failed, the rest is done
    assert "4 bewertet, 5 fehlerhaft" in " ".join(result.stderr.split())
    scores = scores_by_id(out)
    assert set(scores) == set(GOOD)
    for key, file in GOOD.items():
        assert_same_as_score(scores[key], one_by_one(cli, FOLDER / file))
    errors = read_errors(out)
    assert set(errors) == {f"clients.csv:{n}" for n in BAD_ROWS}
    for n, (column, code, words) in BAD_ROWS.items():
        got_column, message = errors[f"clients.csv:{n}"]
        assert got_column == column
        assert message.startswith(code)
        assert words in message
    with (out / "scores.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert [r["Kennung"] for r in rows] == ["K1", "K2", "K6", "K7"]
    assert rows[1]["Unternehmen"] == "Bäckerei Brot & Söhne"
    assert rows[0]["Gesamtwert (0–100)"] == "36,0"  # K1 by hand: tests/test_batch_excel.py


def test_xlsx_gives_the_same_scores(cli, tmp_path):
    from openpyxl import Workbook

    text = CLIENTS.read_bytes().decode("utf-8-sig")
    wb = Workbook()
    sheet = wb.active
    for row in csv.reader(text.splitlines(), delimiter=";"):
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    xlsx = tmp_path / "kunden.xlsx"
    wb.save(xlsx)
    out = tmp_path / "out"
    result = cli("batch", xlsx, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert result.exit_code == 1
    scores = scores_by_id(out)
    for key, file in GOOD.items():
        assert_same_as_score(scores[key], one_by_one(cli, FOLDER / file))
    assert set(read_errors(out)) == {f"kunden.xlsx:{n}" for n in BAD_ROWS}


def test_folder_of_answer_files(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("batch", FOLDER, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert result.exit_code == 1
    scores = scores_by_id(out)
    for file in GOOD.values():
        assert_same_as_score(scores[Path(file).stem], one_by_one(cli, FOLDER / file))
    assert "other-questionnaire" in scores  # a file may name another questionnaire
    errors = read_errors(out)
    unknown = f"{FOLDER / 'bad-unknown-option.yaml'}:12"  # the line of the bad answer
    assert errors[unknown][1].startswith("ANS_011")
    assert errors[unknown][0] == "ki_ziele"
    assert any(k.startswith(str(FOLDER / "bad-syntax.yaml")) for k in errors)
    assert "YAML_001" in " ".join(m for k, (_, m) in errors.items() if "bad-syntax" in k)


def test_cp1252_with_commas_is_read(cli, tmp_path):
    rows = CLIENTS.read_bytes().decode("utf-8-sig").splitlines()[:3]
    text = "\r\n".join(r.replace(",", "|").replace(";", ",") for r in rows) + "\r\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(
        text.replace("1|5 Mio", '"1,5 Mio"')
        .replace("2.500.000|50", '"2.500.000,50"')
        .encode("cp1252")
    )
    out = tmp_path / "out"
    result = cli("batch", path, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert result.exit_code == 0, (result.stderr, (out / "errors.csv").read_text())
    scores = scores_by_id(out)
    assert scores["K2"]["name"] == "Bäckerei Brot & Söhne"
    assert_same_as_score(scores["K2"], one_by_one(cli, FOLDER / "k2.yaml"))


def test_reports_portfolio_and_safe_unique_names(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("batch", CLIENTS, "--out", out, "--jobs", "2", "--as-of", "2026-11-24")
    assert result.exit_code == 1
    names = sorted(p.name for p in (out / "reports").iterdir())
    assert names == [
        "k1-alpha-metall-gmbh.pdf",
        "k2-baeckerei-brot-soehne.pdf",
        "k6-beta-gamma-co-kg.pdf",
        "k7-beta-gamma-co-kg.pdf",
    ]
    assert (out / "portfolio.pdf").read_bytes().startswith(b"%PDF")
    import pypdf

    pages = pypdf.PdfReader(out / "portfolio.pdf").pages
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "4 Unternehmen" in text
    assert "5 Zeilen nicht bewertet" in text
    assert "errors.csv / scores.xlsx" in text
    assert "Verteilung je Dimension" in text  # the heat map
    assert "Alpha Metall GmbH" in text
    # K6 and K7 share a name: each is shown with its id, and the overview says so
    assert "Beta/Gamma & Co. KG (K6)" in text
    assert "Beta/Gamma & Co. KG (K7)" in text
    assert "Mehrere Unternehmen tragen denselben Namen" in text
    assert not list(out.glob(".*"))  # no temporary tables left
    # a second run leaves up-to-date reports alone; --force renders them again
    mtimes = {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}
    again = cli("batch", CLIENTS, "--out", out, "--jobs", "2", "--as-of", "2026-11-24")
    assert "4 aktuell gelassen" in " ".join(again.stderr.split())
    assert mtimes == {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}


def test_all_good_exits_zero(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for file in GOOD.values():
        (folder / file).write_bytes((FOLDER / file).read_bytes())
    result = cli("batch", folder, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    errors = (tmp_path / "out" / "errors.csv").read_text("utf-8-sig").strip()
    assert errors == "Datei;Zeile;Spalte;Zelle;Kennung;Unternehmen;Code;Meldung;Lösung"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("batch", "fehlt.csv", "--out", "x"), "INPUT_001 Eingabe nicht gefunden"),
        (("batch", "fehlt.csv"), "USAGE_002 Es fehlt, wohin das Ergebnis soll"),
        (("batch", "template", "--out", "x.xlsx"), "USAGE_003 Für die Vorlage fehlt"),
        (("batch", "template", "kmu-basic", "--out", "x.xlsx"), "REF_001 Unbekannter Fragebogen"),
    ],
)
def test_usage_errors_exit_2(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_interrupted_batch_leaves_only_complete_files(tmp_path):
    calls = []

    def stop_after_two(done, failed, skipped):
        calls.append(done)
        if done >= 2:
            raise KeyboardInterrupt

    out = tmp_path / "out"
    summary = run_batch(CLIENTS, out, pdf=False, progress=stop_after_two)
    assert summary.interrupted
    assert not list(out.glob(".*"))  # no temporary tables left
    assert len(json.loads((out / "scores.json").read_text("utf-8"))) == 2


def test_template_xlsx_has_data_sheet_and_guide(cli, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "kunden.xlsx"
    result = cli("batch", "template", "kurzcheck", "--out", path)
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(path)
    data, guide, lists = wb.worksheets
    assert lists.sheet_state == "hidden"
    header = [c.value for c in data[2]]
    assert header[:4] == ["id", "questionnaire", "name", "state"]
    assert "ki_ziele" in header
    guide_rows = {row[0]: row for row in guide.iter_rows(min_row=2, values_only=True)}
    assert "ideen (Es gibt erste Ideen)" in guide_rows["ki_ziele"][2]
    assert "dont_know" in guide_rows["ki_ziele"][2]
    # the example row is refused, with the reason, and nothing is scored
    out = tmp_path / "out"
    result = cli("batch", path, "--out", out, "--no-pdf")
    assert result.exit_code == 1
    assert "BATCH_002" in result.stderr
    assert "Beispielzeile der Vorlage" in " ".join(result.stderr.split())
    assert json.loads((out / "scores.json").read_text("utf-8")) == []


def test_template_csv_with_readme(cli, tmp_path):
    path = tmp_path / "kunden.csv"
    assert cli("batch", "template", "kmu-basis", "--out", path).exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM
    first, second = raw.decode("utf-8-sig").splitlines()[:2]
    assert first.startswith("# ki-check-vorlage kmu-basis@")  # names the questionnaire
    header = second.split(";")
    assert "datenqualitaet.kunden" in header  # matrix rows as columns
    readme = (tmp_path / "kunden.README.md").read_text("utf-8")
    assert "| ki_stand |" in readme
    assert cli("batch", "template", "kmu-basis", "--out", path).exit_code == 2  # needs --force
