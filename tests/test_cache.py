"""The content cache is an optimisation only: a changed file or a broken cache never matters."""

from __future__ import annotations

from conftest import QDATA

from ki_check.cache import cache_dir, cached


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
