"""Two processes adding at once to the same SQLite file and the same PostgreSQL database:
every assessment stored exactly once, no "database is locked", no traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import DATA, ROOT

OPTIONS = ("x", "y", "z")


def _files(folder: Path, prefix: str, n: int) -> None:
    folder.mkdir()
    shutil.copy(DATA / "archive" / "verlauf.yaml", folder.parent / "verlauf.yaml")
    for i in range(n):
        data = {
            "questionnaire": "../verlauf.yaml",
            "company": {"name": f"{prefix} {i}", "id": f"{prefix}-{i}", "state": "NW"},
            "interview": {"date": "2026-06-01", "status": "complete"},
            "answers": {"s1": OPTIONS[i % 3], "s2": "ja" if i % 2 else "nein", "p_use": 1 + i % 5},
        }
        (folder / f"{prefix}-{i:04d}.yaml").write_text(yaml.safe_dump(data), "utf-8")


def test_two_processes_adding_500_each_store_everything_once(db, tmp_path):
    _files(tmp_path / "a", "A", 500)
    _files(tmp_path / "b", "B", 500)
    _files(tmp_path / "both", "S", 50)  # both processes add these 50 as well
    env = {**os.environ, "KI_CHECK_CACHE": "0", "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "ki_check", "archive", "add", str(tmp_path / part),
             str(tmp_path / "both"), "--db", db],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for part in ("a", "b")
    ]  # fmt: skip
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
        assert "locked" not in err
    stored = sum(int(err.split(" abgelegt")[0].split()[-1]) for _, err in outputs)
    assert stored == 1050
    listed = subprocess.run(
        [sys.executable, "-m", "ki_check", "archive", "list", "--json", "--db", db],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    rows = json.loads(listed.stdout)
    assert len(rows) == 1050
    assert len({r["content_hash"] for r in rows}) == 1050
    assert len({r["company"] for r in rows}) == 1050
