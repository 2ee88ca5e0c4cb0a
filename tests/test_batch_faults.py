"""Batch limits and injection: reports past the time limit, SIGTERM, formulas in cells."""

from __future__ import annotations

import csv
import datetime as dt
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, FOLDER_CSV_ROWS, QDATA
from openpyxl import Workbook, load_workbook

from ki_check.batch.run import run_batch
from ki_check.util.cells import safe_cell, safe_row

KI_CHECK = str(Path(sys.executable).parent / "ki-check")
AS_OF = "2026-11-24"
FORMULAS = [
    '=HYPERLINK("http://x","a")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1",
    "-1",
    "\t=1+1",
    "\r=1+1",
]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def _table(path: Path) -> list[dict[str, str]]:
    """A table as German Excel reads it (``;``, UTF-8 with BOM)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


# --- time limit ---------------------------------------------------------------------------
def test_report_over_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path):
    """50 ms is far below any layout, so every report and the portfolio are stopped."""
    source = _csv(tmp_path / "kunden.csv", FOLDER_CSV_ROWS)
    out = tmp_path / "out"
    start = time.monotonic()
    summary = run_batch(source, out, jobs=1, timeout=0.05, as_of=dt.date(2026, 11, 24))
    elapsed = time.monotonic() - start
    assert (summary.done, summary.failed, summary.reports) == (2, 2, 0)
    errors = _table(out / "errors.csv")
    over = "Bericht nicht erstellt: Zeitlimit (0.05 s) überschritten"
    assert [(e["Datei"], e["Zeile"], e["Kennung"], e["Code"], e["Meldung"]) for e in errors] == [
        ("kunden.csv", "2", "K1", "BATCH_006", over),
        ("kunden.csv", "3", "K2", "BATCH_006", over),
        (str(source), "", "portfolio.pdf", "BATCH_006", over),
    ]
    assert [r["Kennung"] for r in _table(out / "scores.csv")] == ["K1", "K2"]  # still there
    assert list((out / "reports").iterdir()) == []
    assert not (out / "portfolio.pdf").exists()
    assert multiprocessing.active_children() == []  # every worker ended
    assert elapsed < 120  # three limits plus worker start-ups, never minutes


# --- SIGTERM ------------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_sigterm_during_a_batch_writes_the_tables_for_what_was_finished(tmp_path):
    folder = tmp_path / "antworten"
    folder.mkdir()
    for i in range(12):
        shutil.copy(EXAMPLE, folder / f"firma-{i:02}.yaml")
    out = tmp_path / "out"
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [KI_CHECK, "batch", str(folder), "--out", str(out), "--jobs", "1", "--as-of", AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / "reports").glob("*.pdf")):
        time.sleep(0.2)
    workers = [
        pid
        for pid in _children(proc.pid)
        if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    ]
    assert workers, "the batch renders in worker processes"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Abgebrochen. Erneut starten setzt fort." in stderr
    rows = _table(out / "scores.csv")
    reports = list((out / "reports").glob("*.pdf"))
    assert 1 <= len(reports) <= len(rows) < 12  # scored so far, at least what was rendered
    assert [r["Quelle"] for r in rows] == [
        str(folder / f"firma-{i:02}.yaml") for i in range(len(rows))
    ]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert [p.name for p in (out / "reports").iterdir() if p.name.startswith(".")] == []
    time.sleep(1)  # an ended worker's exit may take a moment to be reaped
    assert not [w for w in workers if _alive(w)]


# --- formulas -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "cell"),
    [
        *[(f, "'" + f) for f in FORMULAS],
        ("Muster GmbH", "Muster GmbH"),
        ("", ""),
        ("1+1", "1+1"),
        (-1, -1),
        (-1.5, -1.5),
        (None, None),
    ],
)
def test_cell_starting_like_a_formula_gets_an_apostrophe(value, cell):
    assert safe_cell(value) == cell


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    """An input sheet whose cells are all text (openpyxl would store ``=…`` as a formula)."""
    wb = Workbook()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            wb.active.cell(r, c, value).data_type = "s"
    wb.save(path)
    return path


def test_company_names_and_ids_like_formulas_stay_text_in_scores_csv(cli, tmp_path):
    header, good = FOLDER_CSV_ROWS[0], FOLDER_CSV_ROWS[1]
    rows = [header]
    for i, formula in enumerate(FORMULAS):
        row = list(good)
        row[header.index("id")] = f"{formula}#{i}"
        row[header.index("name")] = f"{formula} GmbH"
        rows.append(row)
    source = _xlsx(tmp_path / "kunden.xlsx", rows)
    out = tmp_path / "out"
    result = cli("batch", source, "--out", out, "--no-pdf", "--as-of", AS_OF)
    assert result.exit_code == 0, (result.stderr, (out / "errors.csv").read_text("utf-8"))
    scores = _table(out / "scores.csv")
    # the reader strips a cell's surrounding whitespace: "\t=1+1" arrives as "=1+1"
    assert [r["Unternehmen"] for r in scores] == [f"'{f.strip()} GmbH" for f in FORMULAS]
    assert [r["Kennung"] for r in scores] == [f"'{f.strip()}#{i}" for i, f in enumerate(FORMULAS)]
    overall = [float(r["Gesamtwert (0–100)"].replace(",", ".")) for r in scores]
    assert all(v > 0 for v in overall)  # numbers stay numbers


def test_error_rows_of_a_folder_named_like_a_formula_stay_text(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("@SUM(1)")
    folder.mkdir()
    (folder / "kaputt.yaml").write_text("company: [\n", "utf-8")
    result = cli("batch", folder, "--out", "out", "--no-pdf")
    assert result.exit_code == 1
    (error,) = _table(Path("out") / "errors.csv")
    assert error["Datei"] == "'@SUM(1)/kaputt.yaml"
    assert (error["Zeile"], error["Code"]) == ("1", "YAML_001")  # where the unclosed [ opens


def test_batch_template_texts_like_formulas_are_text_cells(cli, tmp_path):
    out = tmp_path / "k.xlsx"
    result = cli("batch", "template", QDATA / "q-formula-texts.yaml", "--out", out)
    assert result.exit_code == 0, result.stderr
    guide = load_workbook(out).worksheets[1]
    cells = {row[0].value: row[1] for row in guide.iter_rows(min_row=2)}
    assert cells["q1"].value == '\'=HYPERLINK("http://x","a")'
    assert cells["q1"].data_type == "s"
    csv_out = tmp_path / "k.csv"
    assert cli("batch", "template", QDATA / "q-formula-texts.yaml", "--out", csv_out).exit_code == 0
    readme = (tmp_path / "k.README.md").read_text("utf-8")
    assert "@SUM(1)" in readme  # the guide for people keeps the text as written


def test_negative_number_stays_a_number_cell_in_xlsx(tmp_path):
    wb = Workbook()
    wb.active.append(safe_row(["-1", -1, -1.5, "=1+1"]))
    path = tmp_path / "n.xlsx"
    wb.save(path)
    row = next(load_workbook(path).active.iter_rows())
    assert [(c.value, c.data_type) for c in row] == [
        ("'-1", "s"),
        (-1, "n"),
        (-1.5, "n"),
        ("'=1+1", "s"),
    ]


# --- terminal ---------------------------------------------------------------------------
def test_progress_spinner_is_not_written_when_stderr_is_not_a_terminal(cli, tmp_path):
    source = _csv(tmp_path / "kunden.csv", FOLDER_CSV_ROWS)
    result = cli("batch", source, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"2 bewertet, 0 fehlerhaft, 0 Berichte erzeugt, 0 aktuell gelassen → {tmp_path / 'out'}"
    ]
