"""Outputs on a faulty machine: read-only folders, full disks, no permission, leftovers.

Every case is the real CLI writing into a real tmpfs or read-only bind mount
(as root; otherwise a folder without write permission). Expected: a message
that names the file and the fix, exit status 2 (1 for a batch whose reports
failed), no traceback and no temporary file left behind.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import rich.progress  # noqa: F401 - imported before the child without root runs
from conftest import EXAMPLE, FOLDER_CSV_ROWS, fill_disk
from typer.testing import CliRunner

import ki_check.batch.run
import ki_check.batch.template
import ki_check.documents.handout
import ki_check.documents.report
import ki_check.render.handout
import ki_check.render.pdf
import ki_check.render.report  # noqa: F401 - imported before the child without root runs
from ki_check.cli import app

AS_OF = "2026-11-24"
FULL = "Kein Platz mehr auf dem Datenträger"
RO_FILE = "ist schreibgeschützt und wird nicht ersetzt"


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _said(result) -> str:
    """stderr with the console's line breaks undone."""
    return " ".join(result.stderr.split())


def _clean(result, code: int = 2) -> None:
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _portfolio(tmp_path: Path, rows: int = 2) -> Path:
    path = tmp_path / "kunden.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerows(FOLDER_CSV_ROWS[: rows + 1])
    return path


COMMANDS = {
    "report": lambda out: ("report", EXAMPLE, "--out", out / "bericht.pdf", "--as-of", AS_OF),
    "handout": lambda out: ("handout", "kurzcheck", "--out", out / "handout.pdf"),
    "batch template": lambda out: ("batch", "template", "kurzcheck", "--out", out / "k.xlsx"),
    "batch": lambda out: ("batch", "{csv}", "--out", out / "ergebnis", "--no-pdf"),
}


def _args(name: str, out: Path, tmp_path: Path) -> list:
    args = list(COMMANDS[name](out))
    return [str(_portfolio(tmp_path)) if a == "{csv}" else a for a in args]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_read_only_output_folder_is_named_with_exit_2(cli, tmp_path, read_only, command):
    read_only.protect()
    result = cli(*_args(command, read_only.path, tmp_path))
    _clean(result)
    assert read_only.message in _said(result)
    assert str(read_only.path) in _said(result)
    assert list(read_only.path.iterdir()) == []


@pytest.mark.parametrize("command", list(COMMANDS))
def test_full_disk_is_named_with_exit_2_and_no_leftovers(cli, tmp_path, tiny_disk, command):
    filler = fill_disk(tiny_disk)
    result = cli(*_args(command, tiny_disk, tmp_path))
    _clean(result)
    assert FULL in _said(result)
    assert "Platz schaffen" in _said(result)
    left = [p for p in tiny_disk.rglob("*") if p != filler and p.is_file()]
    assert left == []


@pytest.fixture
def open_tmp():
    """A folder everyone may enter (pytest's own is root's alone)."""
    base = Path(tempfile.mkdtemp(prefix="ki-check-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("command", ["report", "handout", "batch template", "batch"])
def test_output_folder_without_write_permission_is_named_with_exit_2(
    open_tmp, without_root, command
):
    folder = open_tmp / "fremd"
    folder.mkdir(mode=0o755)
    args = [str(a) for a in _args(command, folder, open_tmp)]

    def run():
        result = CliRunner().invoke(app, args)
        return result.exit_code, result.stderr + repr(result.exception)

    code, stderr = without_root(run)
    assert code == 2, stderr
    assert f"Keine Schreibrechte für {folder}" in " ".join(stderr.split())
    assert "Traceback" not in stderr
    assert list(folder.iterdir()) == []


def test_read_only_report_is_not_replaced_even_with_force(cli, tmp_path):
    out = tmp_path / "bericht.pdf"
    out.write_bytes(b"%PDF alt")
    out.chmod(0o444)
    result = cli("report", EXAMPLE, "--out", out, "--force", "--as-of", AS_OF)
    _clean(result)
    assert f"{out} {RO_FILE}" in _said(result)
    assert "chmod u+w" in _said(result)
    assert out.read_bytes() == b"%PDF alt"


def test_leftover_temporary_report_of_a_killed_run_is_removed_by_the_next(cli, tmp_path):
    dead = tmp_path / f".bericht.pdf.{_dead_pid()}-q8w7e6r5.tmp"
    dead.write_bytes(b"%PDF-1.7 halb")
    other = tmp_path / ".bericht.pdf.1-zzzzzzzz.tmp"  # pid 1 runs: not ours to remove
    other.write_bytes(b"")
    result = cli("handout", "kurzcheck", "--out", tmp_path / "bericht.pdf")
    _clean(result, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "bericht.pdf"]


@pytest.mark.disk_size("48k")
def test_batch_with_pdfs_to_a_full_disk_lists_each_report_and_the_portfolio(
    cli, tmp_path, tiny_disk
):
    out = tiny_disk / "ergebnis"  # 48 KiB: the tables fit (written first), no PDF does
    result = cli("batch", _portfolio(tmp_path), "--out", out, "--jobs", "1", "--as-of", AS_OF)
    _clean(result, 1)
    with (out / "errors.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert [r["Kennung"] for r in rows] == ["K1", "K2", "portfolio.pdf"]
    # a full disk is named with its own code and a fix, in one line each
    assert [r["Code"] for r in rows] == ["BATCH_009"] * 3
    assert all(
        r["Meldung"].startswith("Bericht nicht erstellt: kein Platz mehr auf dem Datenträger für")
        for r in rows
    )
    assert all(r["Lösung"].startswith("Platz schaffen (oder mit --out") for r in rows)
    assert all("\n" not in r["Meldung"] for r in rows)
    assert "BATCH_009" in result.stderr
    with (out / "scores.csv").open(encoding="utf-8-sig") as fh:
        assert [r["Kennung"] for r in csv.DictReader(fh, delimiter=";")] == ["K1", "K2"]
    assert sorted(p.name for p in out.iterdir()) == [
        "errors.csv",
        "reports",
        "scores.csv",
        "scores.json",
        "scores.xlsx",
    ]
    assert list((out / "reports").iterdir()) == []


def test_leftover_batch_tables_of_a_killed_run_are_removed(cli, tmp_path):
    out = tmp_path / "ergebnis"
    out.mkdir()
    stale = out / f".scores.csv.{_dead_pid()}-batch.tmp"
    stale.write_text("source,id\n")
    result = cli("batch", _portfolio(tmp_path), "--out", out, "--no-pdf", "--as-of", AS_OF)
    _clean(result, 0)
    assert sorted(p.name for p in out.iterdir()) == [
        "errors.csv",
        "scores.csv",
        "scores.json",
        "scores.xlsx",
    ]
