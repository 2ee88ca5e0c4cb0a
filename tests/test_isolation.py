"""Importing the test modules loads no catalogue and writes nothing into a cache.

Collection runs before the isolating fixtures of conftest: a module that loaded a
catalogue at import time would write into the developer's real cache folder (and
pay for it on every collection, even of a single test elsewhere).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import CLEARED_ENV, ROOT, SET_ENV


def test_importing_every_test_module_writes_no_cache(tmp_path):
    cache = tmp_path / "cache"
    modules = sorted(p.stem for p in (ROOT / "tests").glob("test_*.py"))
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT / "tests")}
    env.pop("KI_CHECK_CACHE", None)
    subprocess.run([sys.executable, "-c", code, *modules], env=env, check=True, cwd=ROOT)
    written = sorted(p.name for p in cache.rglob("*") if p.is_file()) if cache.exists() else []
    assert written == []


# how the code reads a variable: os.environ.get("X"), "X" in os.environ, a Typer
# option's envvar="X", a module's ENV = "X"
_READS = (
    r'environ\.get\(\s*"([A-Z][A-Z0-9_]*)"',
    r'"([A-Z][A-Z0-9_]*)" in os\.environ',
    r'envvar="([A-Z][A-Z0-9_]*)"',
    r'^ENV = "([A-Z][A-Z0-9_]*)"',
)


def _variables_read() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "ki_check").rglob("*.py"):
        text = path.read_text("utf-8")
        for pattern in _READS:
            found.update(re.findall(pattern, text, re.MULTILINE))
    return found


def test_every_variable_the_code_reads_is_cleared_or_set_for_each_test():
    read = _variables_read()
    # the search finds what the code is known to read (else it proves nothing)
    assert {"KI_CHECK_CACHE", "KI_CHECK_LANG", "KI_CHECK_DB", "SOURCE_DATE_EPOCH"} <= read
    assert read - {*CLEARED_ENV, *SET_ENV} == set()


def test_a_developer_with_the_cache_switched_off_still_passes_the_cache_tests(tmp_path):
    # the shell of someone working on the code (the brief says: KI_CHECK_CACHE=0)
    env = {**os.environ, "KI_CHECK_CACHE": "0", "KI_CHECK_LANG": "en", "SOURCE_DATE_EPOCH": "0"}
    test = "tests/test_cache.py::test_changed_file_is_built_anew"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:]
