"""Every loader that caches runs cold (built, then stored) and warm (read back), and
both give the same result.

The loaders keep what they read in the process as well; each run here goes past
that (``__wrapped__``, an empty per-process table) so that the disk cache is what is
tested. A spy on ``cached`` counts the builds: one cold, none warm.
"""

from __future__ import annotations

import pytest

from ki_check.advice import actions, ai_act, barriers, content, datafile
from ki_check.assessment import baseline
from ki_check.funding import catalogue
from ki_check.questionnaire import load
from ki_check.util import cache
from ki_check.util.resources import bundled_questionnaires

# (name, module whose `cached` it calls, how to load past the in-process memo)
LOADERS = [
    ("baselines", baseline, lambda: baseline.load_baselines.__wrapped__()),
    ("actions", actions, lambda: actions.load_actions.__wrapped__()),
    ("ai_act", ai_act, lambda: ai_act.load_ai_act.__wrapped__()),
    ("funding", catalogue, lambda: catalogue.load_funding.__wrapped__()),
    # the advisory content files are read through advice/datafile.py
    ("barriers", datafile, lambda: barriers.load_barriers.__wrapped__()),
    ("next_steps", datafile, lambda: content.load_steps.__wrapped__()),
    ("use_cases", datafile, lambda: content.load_use_cases.__wrapped__()),
    ("first_stops", datafile, lambda: content.load_first_stops.__wrapped__()),
]


@pytest.fixture
def builds(monkeypatch, tmp_path):
    """An empty cache folder, and the kinds built (not read from it) since."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KI_CHECK_CACHE", raising=False)
    made: list[str] = []

    def spy(kind, path, build, deps=()):
        def counted():
            made.append(kind)
            return build()

        return cache.cached(kind, path, counted, deps)

    for module in {m for _, m, _ in LOADERS} | {load}:
        monkeypatch.setattr(module, "cached", spy)
    return made


@pytest.mark.parametrize(("name", "module", "loader"), LOADERS, ids=[n for n, _, _ in LOADERS])
def test_catalogue_cold_then_warm(builds, name, module, loader):
    cold = loader()
    assert builds == [name]
    assert list(cache.cache_dir().glob(f"{name}-*.pickle"))
    warm = loader()
    assert builds == [name]  # read back, not built again
    assert warm == cold
    assert warm is not cold


@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
def test_questionnaire_cold_then_warm(builds, monkeypatch, qid):
    monkeypatch.setattr(load, "_cache", {})
    cold = load.load_questionnaire(qid)
    # (building checks the signals against the barriers and AI Act catalogues too)
    assert builds.count("questionnaire") == 1
    monkeypatch.setattr(load, "_cache", {})
    warm = load.load_questionnaire(qid)
    assert builds.count("questionnaire") == 1
    assert warm == cold
    assert warm is not cold
