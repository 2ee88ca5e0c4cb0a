"""Importing the test modules loads no catalogue and writes nothing into a cache.

Collection runs before the isolating fixtures of conftest: a module that loaded a
catalogue at import time would write into the developer's real cache folder (and
pay for it on every collection, even of a single test elsewhere).
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_importing_every_test_module_writes_no_cache(tmp_path):
    cache = tmp_path / "cache"
    modules = sorted(p.stem for p in (ROOT / "tests").glob("test_*.py"))
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT / "tests")}
    env.pop("KI_CHECK_CACHE", None)
    subprocess.run([sys.executable, "-c", code, *modules], env=env, check=True, cwd=ROOT)
    written = sorted(p.name for p in cache.rglob("*") if p.is_file()) if cache.exists() else []
    assert written == []
