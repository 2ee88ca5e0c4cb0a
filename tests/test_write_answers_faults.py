"""``batch EXPORT --write-answers DIR`` leaves no temporary file behind: not after a run
that was killed (the next run removes what it left), not after a write that failed.

Each answer file is written to ``.NAME.PID-XXXX.tmp`` and renamed; a killed run
leaves such a file with the id of a process that no longer exists.
"""

from __future__ import annotations

import os
import subprocess

from conftest import DATA, fill_disk

EXPORT = DATA / "submissions" / "kurzcheck-odk.csv"  # five valid submissions


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_temporary_files_of_a_killed_run_are_removed(cli, tmp_path):
    folder = tmp_path / "antworten"
    folder.mkdir()
    dead = folder / f".einsteiger-gmbh.yaml.{_dead_pid()}-x1y2.tmp"
    dead.write_text("questionnaire: kurz", "utf-8")  # cut off mid-write
    alive = folder / f".andere.yaml.{os.getpid()}-a1b2.tmp"  # a run still writing: kept
    alive.write_text("", "utf-8")
    result = cli("batch", EXPORT, "--write-answers", folder)
    assert result.exit_code == 0, result.stderr
    assert "5 Antwortdateien geschrieben, 0 Fehler" in result.stderr
    assert not dead.exists()
    assert alive.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [alive.name]
    assert len(list(folder.glob("*.yaml"))) == 5


def test_a_full_disk_stops_the_writing_with_a_coded_message_and_no_leftovers(
    cli, tmp_path, tiny_disk
):
    folder = tiny_disk / "antworten"
    folder.mkdir()
    filler = fill_disk(tiny_disk)
    result = cli("batch", EXPORT, "--write-answers", folder)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    said = " ".join(result.stderr.split())
    assert "0 Antwortdateien geschrieben, 0 Fehler" in said
    assert "OUT_005 Kein Platz mehr auf dem Datenträger für" in said
    assert "Lösung: Platz schaffen oder einen anderen Ort wählen." in said
    assert list(folder.iterdir()) == []  # no partial answer file, no temporary file
    filler.unlink()  # space again: the same command writes all five
    again = cli("batch", EXPORT, "--write-answers", folder)
    assert again.exit_code == 0, again.stderr
    assert len(list(folder.glob("*.yaml"))) == 5
    assert [p for p in folder.iterdir() if p.name.startswith(".")] == []
