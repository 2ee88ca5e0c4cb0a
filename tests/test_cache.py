"""The content cache is an optimisation only: a changed file or a broken cache never matters."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, QDATA, ROOT

from ki_check.util.cache import cache_dir, cached


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test starts with an empty cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "own-cache"))


def test_changed_file_is_built_anew(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text("eins", "utf-8")
    calls = []

    def build():
        calls.append(1)
        return path.read_text("utf-8")

    assert cached("t", path, build) == "eins"
    assert cached("t", path, build) == "eins"
    assert len(calls) == 1  # the second call came from the cache
    path.write_text("zwei!", "utf-8")
    assert cached("t", path, build) == "zwei!"
    assert len(calls) == 2


def test_broken_entry_and_unwritable_folder_fall_back(tmp_path, monkeypatch):
    path = tmp_path / "data.txt"
    path.write_text("x", "utf-8")
    cached("b", path, lambda: "x")
    for entry in cache_dir().glob("b-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cached("b", path, lambda: "rebuilt") == "rebuilt"
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cached("c", path, lambda: "still works") == "still works"


def test_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("KI_CHECK_CACHE", "0")
    path = tmp_path / "data.txt"
    path.write_text("x", "utf-8")
    calls = []
    cached("d", path, lambda: calls.append(1))
    cached("d", path, lambda: calls.append(1))
    assert len(calls) == 2
    assert not list(cache_dir().glob("d-*.pickle"))


def test_invalid_questionnaire_is_never_cached(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "q.yaml"
    path.write_text((QDATA / "q-stage-gap.yaml").read_text("utf-8"), "utf-8")
    for _ in range(2):
        result = cli("questionnaires", "show", path)
        assert result.exit_code == 2
        assert "STAGE_002" in result.stderr
    assert not list(cache_dir().glob("questionnaire-*.pickle"))


# --- keyed by content, signed, private (issue 16) ----------------------------------------
def test_same_size_edit_with_the_old_mtime_is_built_anew(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text("alt", "utf-8")
    stamp = path.stat().st_mtime_ns
    calls = []

    def build():
        calls.append(1)
        return path.read_text("utf-8")

    assert cached("s", path, build) == "alt"
    path.write_text("neu", "utf-8")  # same size …
    os.utime(path, ns=(stamp, stamp))  # … and the old modification time
    assert cached("s", path, build) == "neu"
    assert len(calls) == 2


def test_a_changed_dependency_rebuilds(tmp_path):
    path, dep = tmp_path / "q.txt", tmp_path / "catalogue.txt"
    path.write_text("q", "utf-8")
    dep.write_text("a", "utf-8")
    calls = []

    def build():
        calls.append(1)
        return dep.read_text("utf-8")

    assert cached("d", path, build, deps=[dep]) == "a"
    assert cached("d", path, build, deps=[dep]) == "a"
    dep.write_text("b", "utf-8")
    assert cached("d", path, build, deps=[dep]) == "b"
    assert len(calls) == 2
    assert len(list(cache_dir().glob("d-*.pickle"))) == 1  # the old entry is dropped


class _Planted:
    """Unpickling this touches a file: proof that a planted pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _entry(kind: str) -> Path:
    (entry,) = cache_dir().glob(f"{kind}-*.pickle")
    return entry


@pytest.mark.parametrize("signed", [False, True], ids=["bare-pickle", "header-wrong-mac"])
def test_a_planted_pickle_is_never_loaded(tmp_path, signed):
    path = tmp_path / "data.txt"
    path.write_text("x", "utf-8")
    cached("p", path, lambda: "echt")
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Planted(marker))
    entry = _entry("p")
    entry.write_bytes(entry.read_bytes()[:48] + payload if signed else payload)
    assert cached("p", path, lambda: "neu gebaut") == "neu gebaut"
    assert not marker.exists()
    assert cached("p", path, lambda: "nicht nochmal") == "neu gebaut"  # rewritten, signed


def test_an_entry_signed_for_another_file_is_not_used(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("a", "utf-8")
    b.write_text("b", "utf-8")
    cached("f", a, lambda: "A")
    entry_a = _entry("f")
    cached("f", b, lambda: "B")
    entry_b = next(p for p in cache_dir().glob("f-*.pickle") if p != entry_a)
    entry_b.write_bytes(entry_a.read_bytes())  # a valid entry under another name
    assert cached("f", b, lambda: "B neu") == "B neu"


def test_an_entry_signed_with_another_key_is_not_used(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text("x", "utf-8")
    cached("k", path, lambda: "alt")
    (cache_dir() / "key").write_bytes(os.urandom(32))  # another user's or an old key
    assert cached("k", path, lambda: "neu") == "neu"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_folder_and_key_are_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    path = tmp_path / "data.txt"
    path.write_text("x", "utf-8")
    cached("m", path, lambda: 1)
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_dir() / "key").stat().st_mode) == 0o600
    assert stat.S_IMODE(_entry("m").stat().st_mode) == 0o600
    os.chmod(cache_dir(), 0o777)  # an older ki-check or a careless umask
    cached("m", path, lambda: 1)
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown")
def test_a_folder_of_another_user_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    cache_dir().mkdir(parents=True, mode=0o777)
    os.chmod(cache_dir(), 0o777)
    os.chown(cache_dir(), 65534, 65534)
    path = tmp_path / "data.txt"
    path.write_text("x", "utf-8")
    calls = []
    cached("o", path, lambda: calls.append(1))
    cached("o", path, lambda: calls.append(1))
    assert len(calls) == 2
    assert list(cache_dir().iterdir()) == []


def test_a_catalogue_edited_under_a_cached_questionnaire_is_an_error_not_a_crash(tmp_path):
    """Edit data/barriers.yaml after a score: the questionnaire is checked again (SIGNAL_001).

    Runs a copy of the package, so the test can edit its data without touching the repo.
    """
    copy = tmp_path / "pkg"
    shutil.copytree(ROOT / "ki_check", copy / "ki_check", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copytree(ROOT / "questionnaires", copy / "questionnaires")
    env = {**os.environ, "PYTHONPATH": str(copy), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("KI_CHECK_CACHE", None)
    run = [sys.executable, "-m", "ki_check", "score", str(EXAMPLE)]
    first = subprocess.run(run, env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    barriers = copy / "ki_check" / "data" / "barriers.yaml"
    text = barriers.read_text("utf-8")
    assert "  - id: legal\n" in text
    barriers.write_text(text.replace("  - id: legal\n", "  - id: legal_alt\n"), "utf-8")
    second = subprocess.run(run, env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert second.returncode == 2, second.stderr
    assert "Traceback" not in second.stderr
    assert "kmu-basis.yaml:" in second.stderr
    assert " SIGNAL_001 " in second.stderr
