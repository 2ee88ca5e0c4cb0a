"""The interview on a faulty machine: full disk, read-only file or folder, two processes, kills.

Each case runs the real ``ki-check interview`` in a pseudo-terminal (pexpect).
The answers typed must never be lost silently: the interview says it could not
save, keeps them in memory and lets the advisor retry or save elsewhere.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
from pathlib import Path

import pexpect
import yaml
from conftest import fill_disk
from test_interview import KI_CHECK, KURZ, KURZ_EXPECTED, PROFILE, type_lines

from ki_check.assessment.answers import load_answers


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    """The interview in a wide terminal: messages naming long paths stay on one line."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "300", "TERM": "xterm"}
    env.pop("KI_CHECK_LANG", None)
    return pexpect.spawn(
        KI_CHECK,
        ["interview", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 300),
    )


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _ended(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_second_interview_on_the_same_file_is_refused_naming_the_holder(tmp_path):
    out = tmp_path / "f.yaml"
    first = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(first, PROFILE[:2])
    first.expect_exact("> ")
    second = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    second.expect_exact("ist gerade in einem anderen Interview geöffnet")
    second.expect_exact(f"Rechner {socket.gethostname()}, Prozess {first.pid}")
    assert _ended(second) == 2
    first.sendline("8")  # the first interview goes on undisturbed
    type_lines(first, ["q"])
    assert _ended(first) == 0
    af = load_answers(out)
    assert (af.company.name, af.company.state, af.company.employees) == (PROFILE[0], "NW", 8)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]  # lock removed at the end


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    out = tmp_path / "s.yaml"
    dead = _dead_pid()
    (tmp_path / ".s.yaml.lock").write_text(
        f'{{"host": "{socket.gethostname()}", "pid": {dead}, "since": "2026-11-24T09:15:00"}}\n'
    )
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    child.expect_exact("Ein abgebrochenes Interview hatte die Datei gesperrt")
    child.expect_exact(f"Prozess {dead}, seit 24.11.2026 09:15")
    type_lines(child, [*PROFILE[:1], "q"])
    assert _ended(child) == 0
    assert load_answers(out).company.name == PROFILE[0]


def test_leftover_temporary_file_of_a_killed_run_is_removed_on_the_next_start(tmp_path):
    out = tmp_path / "t.yaml"
    stale = tmp_path / f".t.yaml.{_dead_pid()}-k9x2ab7c.tmp"
    stale.write_text("company: {name: halb")
    live = tmp_path / f".t.yaml.{os.getpid()}-a1b2c3d4.tmp"  # a running process's: kept
    live.write_text("")
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, ["Firma", "q"])
    assert _ended(child) == 0
    assert not stale.exists()
    assert live.exists()


def test_read_only_answer_file_is_not_replaced_and_the_answers_go_to_another_file(tmp_path):
    out = tmp_path / "ro.yaml"
    out.write_text(
        "questionnaire: kurzcheck@1.0\ncompany: {name: Nur Lesen GmbH}\nanswers: {}\n", "utf-8"
    )
    out.chmod(0o444)
    before = out.read_text("utf-8")
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    child.expect_exact("ist schreibgeschützt und wird nicht ersetzt")
    child.expect_exact("Dateiname: dort speichern")
    child.expect_exact("Speichern > ")
    child.sendline(str(tmp_path / "kopie.yaml"))
    type_lines(child, ["NW", "q"])  # the interview goes on at the first open field
    child.expect_exact(f"Fortsetzen mit: ki-check interview kurzcheck --out {tmp_path}/kopie.yaml")
    assert _ended(child) == 0
    assert out.read_text("utf-8") == before
    saved = load_answers(tmp_path / "kopie.yaml")
    assert (saved.company.name, saved.company.state) == ("Nur Lesen GmbH", "NW")


def test_full_disk_keeps_the_answer_and_saves_it_once_space_is_freed(tiny_disk):
    out = tiny_disk / "voll.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tiny_disk)
    type_lines(child, PROFILE)
    child.expect_exact("Frage 1 von 12")
    filler = fill_disk(tiny_disk)
    type_lines(child, KURZ[:1])
    child.expect_exact("Nicht gespeichert: Kein Platz mehr auf dem Datenträger")
    child.expect_exact("Die Antworten bleiben erhalten")
    child.expect_exact("Speichern > ")
    assert "ki_ziele" not in load_answers(out).answers
    child.sendline("")  # try again: still full
    child.expect_exact("Kein Platz mehr")
    child.expect_exact("Speichern > ")
    filler.unlink()
    child.sendline("")
    child.expect_exact("Frage 2 von 12")
    type_lines(child, ["q"])
    assert _ended(child) == 0
    assert load_answers(out).answers == {"ki_ziele": KURZ_EXPECTED["ki_ziele"]}
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["voll.yaml"]


def test_full_disk_leaving_without_saving_prints_the_answers_and_exits_2(tiny_disk):
    out = tiny_disk / "weg.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tiny_disk)
    type_lines(child, PROFILE)
    child.expect_exact("Frage 1 von 12")
    fill_disk(tiny_disk)
    type_lines(child, KURZ[:1])
    child.expect_exact("Speichern > ")
    child.sendline("q")
    child.expect_exact("ki_ziele: ideen")  # the answers, printed for copying
    child.expect_exact("Nicht gespeichert: Kein Platz mehr auf dem Datenträger")
    assert _ended(child) == 2


def test_read_only_folder_mid_interview_saves_to_another_path(tmp_path, read_only):
    out = read_only.path / "a.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, PROFILE)
    child.expect_exact("Frage 1 von 12")
    read_only.protect()
    type_lines(child, KURZ[:1])
    child.expect_exact(f"Nicht gespeichert: {read_only.message}")
    child.expect_exact("Speichern > ")
    elsewhere = tmp_path / "woanders.yaml"
    child.sendline(str(elsewhere))
    child.expect_exact("Frage 2 von 12")
    type_lines(child, [*KURZ[1:2], "q"])
    child.expect_exact(f"Fortsetzen mit: ki-check interview kurzcheck --out {elsewhere}")
    assert _ended(child) == 0
    af = load_answers(elsewhere)
    assert af.answers == dict(list(KURZ_EXPECTED.items())[:2])
    assert af.company.name == PROFILE[0]


def test_ctrl_c_prints_a_newline_saves_and_exits_130(tmp_path):
    out = tmp_path / "c.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, PROFILE[:3])
    child.expect_exact("> ")
    child.sendcontrol("c")
    child.expect_exact("^C\r\nGespeichert. Fortsetzen mit: ki-check interview kurzcheck")
    assert _ended(child) == 130
    assert load_answers(out).company.employees == 8


def test_kill_9_within_50_ms_of_an_answer_never_damages_the_file(tmp_path):
    """20 kills at random moments 0–50 ms after an answer was typed.

    An answer is on disk before the next question is shown; a kill before
    that leaves the previous complete file (never a mix, never a broken file),
    and the next start removes the temporary file the kill left.
    """
    rng = random.Random(16)
    out = tmp_path / "k.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, [*PROFILE, "q"])
    assert _ended(child) == 0
    kept = 0
    for trial in range(20):
        child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
        child.expect_exact("Frage 1 von 12")
        child.expect_exact("> ")
        child.sendline(KURZ[0])
        time.sleep(rng.uniform(0, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        child.expect(pexpect.EOF)
        child.close()
        data = yaml.safe_load(out.read_text("utf-8"))  # always a complete file
        assert data["company"]["name"] == PROFILE[0], trial
        answers = data.get("answers") or {}
        assert answers in ({}, {"ki_ziele": "ideen"}), trial
        kept += bool(answers)
        if answers:  # start the next trial from the same state
            out.write_text(out.read_text("utf-8").replace("ki_ziele: ideen", ""), "utf-8")
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, ["q"])
    assert _ended(child) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.yaml"]
