"""Shared fixtures: isolated environment, the CLI runner, paths to test data."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml
from typer.testing import CliRunner

from ki_check.cli import app

# the archive's fixtures: the same tests on SQLite and a throw-away PostgreSQL server
pytest_plugins = ["archive_support"]

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
QDATA = DATA / "questionnaires"
ADATA = DATA / "answers"
EXAMPLE = ROOT / "examples" / "muster-gmbh.yaml"


def pdf_text(path: Path) -> list[str]:
    """Text per page, with hyphenation undone and whitespace collapsed."""
    pages = []
    for page in pypdf.PdfReader(path).pages:
        text = page.extract_text() or ""
        text = re.sub("[\u00ad\u2010-]\n", "", text).replace("\u00ad", "")
        pages.append(re.sub(r"\s+", " ", text.replace("\xa0", " ")))
    return pages


@pytest.fixture(scope="session")
def _home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


# The variables ki-check reads that each test starts without, whatever the developer's
# shell holds (KI_CHECK_CACHE=0 while developing must not switch the cache tests off); a
# test that needs one sets it. test_isolation.py checks the code reads no other.
CLEARED_ENV = ("KI_CHECK_LANG", "KI_CHECK_DB", "KI_CHECK_CACHE", "SOURCE_DATE_EPOCH")
# ... and those each test starts with set to a folder of its session or a fixed value
SET_ENV = ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "COLUMNS", "NO_COLOR")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, _home: Path) -> None:
    """No test reads the user's settings or cache, or writes into the repository."""
    monkeypatch.setenv("HOME", str(_home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_home / "cache"))
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(_home / "data"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def cli():
    """Invoke the real CLI: ``cli("score", path)`` returns the click Result."""
    runner = CliRunner()

    def invoke(*args: object, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, env={"COLUMNS": "100"})

    return invoke


@pytest.fixture
def write_answers(tmp_path: Path):
    """Write an answer file for ``questionnaire`` with ``answers`` to disk; return its path."""

    def write(questionnaire: str, answers: dict, name: str = "answers.yaml", **extra) -> Path:
        data = {
            "questionnaire": questionnaire,
            "company": extra.pop("company", {"name": "Test GmbH", "employees": 20}),
            "interview": extra.pop("interview", {"status": "complete"}),
            "answers": answers,
        }
        data.update(extra)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


# --- faulty file systems -----------------------------------------------------------------
# Root can mount a tiny tmpfs (a disk that fills up) and read-only bind mounts; root also
# ignores folder permissions, so "no permission" runs the CLI in a child that gave them up.
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path, request: pytest.FixtureRequest):
    """A tmpfs mounted at ``tmp_path / "disk"``, 64 KiB unless the test is marked
    ``@pytest.mark.disk_size("48k")`` (skipped where it cannot be mounted)."""
    if not IS_ROOT:
        pytest.skip("mounting a tmpfs needs root")
    marker = request.node.get_closest_marker("disk_size")
    size = marker.args[0] if marker else "64k"
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(disk)):
        pytest.skip("tmpfs cannot be mounted here")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill_disk(disk: Path) -> Path:
    """Fill ``disk`` up to the last byte with one file; return it (delete it to free space)."""
    filler = disk / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


class ReadOnly:
    """A folder that can be switched to read-only: a bind mount as root, else chmod."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mounted = False

    def protect(self) -> None:
        if IS_ROOT:
            assert _mount("--bind", str(self.path), str(self.path))
            self.mounted = True
            assert _mount("-o", "remount,bind,ro", str(self.path))
        else:
            self.path.chmod(0o555)

    def release(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], check=False)
            self.mounted = False
        self.path.chmod(0o755)

    @property
    def message(self) -> str:
        """What ki-check says about it (EROFS as root, EACCES otherwise)."""
        return "Der Datenträger mit" if IS_ROOT else "Keine Schreibrechte für"


@pytest.fixture
def read_only(tmp_path: Path):
    """A folder ``tmp_path / "ro"``; ``.protect()`` makes it read-only (released afterwards)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    ro = ReadOnly(folder)
    yield ro
    ro.release()


@pytest.fixture
def without_root():
    """Run ``fn()`` in a forked child that gave up root's rights; return what it returned.

    The command's modules must be imported before (the child may not read root's files).
    Without root the function simply runs.
    """

    def run(fn):
        if not IS_ROOT:
            return fn()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 1
            try:
                os.close(read)
                os.setgid(65534)
                os.setuid(65534)
                result = fn()
                os.write(write, pickle.dumps(result))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        with os.fdopen(read, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        assert status == 0, "the child without root failed"
        assert data
        return pickle.loads(data)

    return run


def _csv_rows(path: Path) -> list[list[str]]:
    lines = path.read_text("utf-8-sig").splitlines()
    return [line.split(";") for line in lines]


# Header and the two good companies of the portfolio fixture (K1, K2), for small batches.
FOLDER_CSV_ROWS = _csv_rows(DATA / "portfolio" / "clients.csv")[:3]
