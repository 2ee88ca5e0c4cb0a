"""``batch --archive`` and ``interview --archive`` store complete assessments."""

from __future__ import annotations

import json

import pexpect
from conftest import DATA
from test_interview import KURZ, PROFILE, spawn, type_lines


def test_batch_archive_stores_each_scored_row_once(cli, db, tmp_path):
    source = DATA / "portfolio" / "clients.csv"
    first = cli("batch", source, "--out", tmp_path / "a", "--no-pdf", "--archive", "--db", db)
    assert first.exit_code == 1  # the bad rows of clients.csv; the good ones are stored
    assert "Archiv: 4 abgelegt, 0 schon vorhanden" in first.stderr
    again = cli("batch", source, "--out", tmp_path / "b", "--no-pdf", "--archive", "--db", db)
    assert "Archiv: 0 abgelegt, 4 schon vorhanden" in again.stderr
    rows = json.loads(cli("archive", "list", "--json", "--db", db).stdout)
    # the id column of the spreadsheet is the company key
    assert sorted(r["company"] for r in rows) == ["id:K1", "id:K2", "id:K6", "id:K7"]


def test_batch_archive_with_a_broken_archive_stops_before_scoring(cli, tmp_path):
    broken = tmp_path / "kaputt.sqlite"
    broken.write_bytes(b"kein SQLite" * 200)
    out = tmp_path / "out"
    result = cli(
        "batch", DATA / "portfolio" / "clients.csv", "--out", out, "--no-pdf", "--archive",
        "--db", broken,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "DB_005" in result.stderr
    assert not (out / "scores.csv").exists()


def test_interview_archive_stores_the_finished_interview(tmp_path, cli):
    out = tmp_path / "holzwurm.yaml"
    db = tmp_path / "archiv.sqlite"
    child = spawn("kurzcheck", "--out", str(out), "--archive", "--db", str(db), cwd=tmp_path)
    child.expect_exact("Name des Unternehmens")
    type_lines(child, PROFILE)
    child.expect_exact("Frage 1 von 12")
    type_lines(child, KURZ)
    child.expect_exact("Ihr Fazit in eigenen Worten")
    child.sendline("")
    child.expect_exact("Termin der Nachprüfung")
    child.sendline("")
    child.expect_exact("Im Archiv abgelegt: #1")
    child.expect_exact("Interview abgeschlossen")
    child.expect(pexpect.EOF)
    rows = json.loads(cli("archive", "list", "--json", "--db", db).stdout)
    assert [(r["source"], r["status"], r["questionnaire_id"]) for r in rows] == [
        (str(out), "complete", "kurzcheck")
    ]
