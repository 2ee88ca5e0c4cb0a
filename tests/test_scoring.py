"""Scoring rules as tables of hand-computed cases (questionnaire: data/questionnaires/scoring.yaml).

Dimension a (weight 1): a1 single 0/1/2; a2 yes/no ×3; a3 multiple m1=1 m2=1 m3=2 (of 4), none.
Dimension b (weight 3): b1 scale 1–5; b2 matrix lo/mid/hi = 0/1/2; b3 number bands 0 / 1 / 2.
Dimension c (weight 1): c1 single 0/4 (not relevant allowed); c2 yes/no only if c1 = y; c3 text.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import QDATA

from ki_check.assessment.answers import load_answers
from ki_check.assessment.scoring import round1, score
from ki_check.questionnaire.load import load_questionnaire

Q = str(QDATA / "scoring.yaml")
AS_OF = dt.date(2026, 11, 24)
ALL_MAX = {
    "a1": "z",
    "a2": "ja",
    "a3": ["m1", "m2", "m3"],
    "b1": 5,
    "b2": {"r1": "hi", "r2": "hi"},
    "b3": 60,
    "c1": "y",
    "c2": "ja",
}

CASES = [
    # id, answers, overall, stage, {dimension: score}, coverage
    ("all-max", ALL_MAX, 100.0, "top", {"a": 100, "b": 100, "c": 100}, 1.0),
    (
        "all-zero",
        {
            "a1": "x",
            "a2": "nein",
            "a3": ["none"],
            "b1": 1,
            "b2": {"r1": "lo", "r2": "lo"},
            "b3": 0,
            "c1": "x",
        },
        0.0,
        "low",
        {"a": 0, "b": 0, "c": 0},
        1.0,
    ),
    (
        # a = (0.5·1 + 1·3 + 0.5·1) / 5 = 80; b = (0.5 + 0.75 + 0.5) / 3 = 58.33…;
        # c = 0 (c2 hidden); overall = (80·1 + 58.33·3 + 0·1) / 5 = 51.0
        "weights-matrix-multiple",
        {
            "a1": "y",
            "a2": "ja",
            "a3": ["m3"],
            "b1": 3,
            "b2": {"r1": "mid", "r2": "hi"},
            "b3": 20,
            "c1": "x",
        },
        51.0,
        "high",
        {"a": 80, "b": 58.3, "c": 0},
        1.0,
    ),
    (
        "all-dont-know",
        {k: "dont_know" for k in ("a1", "a2", "a3", "b1", "b2", "b3", "c1")},
        None,
        None,
        {"a": None, "b": None, "c": None},
        0.0,
    ),
    (
        # only a answered: a = (1 + 3 + 0.5) / 5 = 90; b, c empty → overall 90;
        # applicable: a1 a2 a3 b1 b2 b3 c1 (c2 hidden) = 7, answered 3
        "one-dimension-only",
        {"a1": "z", "a2": "ja", "a3": ["m3"]},
        90.0,
        "top",
        {"a": 90, "b": None, "c": None},
        3 / 7,
    ),
    (
        # not relevant leaves score and coverage alone; c has no score
        "not-relevant",
        {**ALL_MAX, "c1": "not_relevant", "c2": None},
        100.0,
        "top",
        {"a": 100, "b": 100, "c": None},
        1.0,
    ),
    (
        # dont_know lowers coverage but not the score
        "dont-know-lowers-coverage",
        {**ALL_MAX, "a1": "dont_know"},
        100.0,
        "top",
        {"a": 100, "b": 100, "c": 100},
        7 / 8,
    ),
    (
        # matrix: a dont_know row is left out of the mean
        "matrix-row-dont-know",
        {"b2": {"r1": "mid", "r2": "dont_know"}},
        50.0,
        "high",
        {"a": None, "b": 50, "c": None},
        1 / 7,
    ),
    (
        # skip logic: c2 shown when c1 = y; c = (1·1 + 0·1) / 2 = 50
        "skip-logic-shown",
        {"c1": "y", "c2": "nein"},
        50.0,
        "high",
        {"a": None, "b": None, "c": 50},
        2 / 8,
    ),
    (
        # c2 answered but hidden (c1 = x): it does not count
        "skip-logic-hidden-answer-ignored",
        {"c1": "x", "c2": "ja"},
        0.0,
        "low",
        {"a": None, "b": None, "c": 0},
        1 / 7,
    ),
    (
        # number outside every band scores 0; exclusive "none" scores 0
        "multiple-none",
        {"a3": ["none"]},
        0.0,
        "low",
        {"a": 0, "b": None, "c": None},
        1 / 7,
    ),
]


@pytest.mark.parametrize(
    ("case", "answers", "overall", "stage", "dims", "coverage"), CASES, ids=[c[0] for c in CASES]
)
def test_scoring_table(write_answers, case, answers, overall, stage, dims, coverage):
    q = load_questionnaire(Q)
    path = write_answers(Q, {k: v for k, v in answers.items() if v is not None})
    result = score(q, load_answers(path, q), as_of=AS_OF)
    assert result.overall == overall
    assert (result.stage.id if result.stage else None) == stage
    got = {d.id: (None if d.score is None else round1(d.score)) for d in result.dimensions}
    assert got == dims
    assert result.coverage == pytest.approx(coverage)


@pytest.mark.parametrize(
    ("b1", "overall", "stage"),
    [(1, 0.0, "low"), (2, 25.0, "mid"), (3, 50.0, "high"), (4, 75.0, "top"), (5, 100.0, "top")],
)
def test_exact_stage_boundaries(write_answers, b1, overall, stage):
    """A stage holds min <= score < max; the last one includes 100."""
    q = load_questionnaire(Q)
    result = score(q, load_answers(write_answers(Q, {"b1": b1}), q), as_of=AS_OF)
    assert result.overall == overall
    assert result.stage.id == stage


@pytest.mark.parametrize(
    ("value", "stage"),
    [
        (0, "low"),
        (24.9, "low"),
        (25, "mid"),
        (49.9, "mid"),
        (50, "high"),
        (74.9, "high"),
        (75, "top"),
        (100, "top"),
    ],
)
def test_stage_lookup(value, stage):
    assert load_questionnaire(Q).stage_for(value).id == stage


@pytest.mark.parametrize(
    ("x", "expected"), [(24.95, 25.0), (24.94, 24.9), (0.05, 0.1), (51.25, 51.3), (100.0, 100.0)]
)
def test_round_half_up(x, expected):
    assert round1(x) == expected


def test_dimension_counts(write_answers):
    q = load_questionnaire(Q)
    answers = {"a1": "z", "a2": "dont_know", "b2": {"r1": "not_relevant", "r2": "not_relevant"}}
    result = score(q, load_answers(write_answers(Q, answers), q), as_of=AS_OF)
    a, b, c = result.dimensions
    assert (a.answered, a.total) == (1, 3)
    # an all-"not relevant" matrix is not applicable: b1, b3 remain
    assert (b.answered, b.total) == (0, 2)
    assert b.score is None
    assert (c.answered, c.total) == (0, 1)


def test_recommendations_from_options_and_ranges(write_answers):
    q = load_questionnaire(Q)
    result = score(q, load_answers(write_answers(Q, ALL_MAX), q), as_of=AS_OF)
    ids = [r.id for r in result.recommendations]
    assert ids == ["c1.y", "overall_top"]
    low = score(q, load_answers(write_answers(Q, {"a1": "x"}), q), as_of=AS_OF)
    assert [r.id for r in low.recommendations] == ["a_low"]


@pytest.mark.parametrize(
    ("answers", "position", "adopter"),
    [
        (ALL_MAX, "adopter", True),
        ({**ALL_MAX, "c1": "x", "c2": None}, "ready", False),
        ({"b1": 2}, "emerging", None),
        ({"b1": 1, "c1": "x"}, "early", False),
        ({"a1": "dont_know"}, "unknown", None),
    ],
)
def test_baseline_position(write_answers, answers, position, adopter):
    q = load_questionnaire(Q)
    path = write_answers(Q, {k: v for k, v in answers.items() if v is not None})
    b = score(q, load_answers(path, q), as_of=AS_OF).baseline
    assert b.position == position
    assert b.adopter is adopter
    assert b.id == "bmwi-2019"
    assert b.share == 0.058


@pytest.mark.parametrize(
    ("employees", "as_of", "size", "share", "source"),
    [
        (20, dt.date(2026, 11, 24), "small", 0.17, "destatis-2024"),
        (120, dt.date(2026, 11, 24), "medium", 0.28, "destatis-2024"),
        (900, dt.date(2026, 11, 24), "large", 0.48, "destatis-2024"),
        # before the 2024 release, the 2023 figure was the newest one
        (20, dt.date(2024, 6, 1), "small", 0.10, "destatis-2023"),
        # micro firms: no official figure; KfW's panel (published 11 Feb 2026) by headcount
        (4, dt.date(2026, 11, 24), "micro", 0.19, "kfw-2024"),  # fewer than 5 staff
        (5, dt.date(2026, 11, 24), "micro", 0.20, "kfw-2024"),  # 5–9: KfW overall
        (9, dt.date(2026, 11, 24), "micro", 0.20, "kfw-2024"),
        (4, dt.date(2026, 2, 10), "micro", None, None),  # the day before KfW published
    ],
)
def test_size_class_figure(write_answers, employees, as_of, size, share, source):
    q = load_questionnaire(Q)
    path = write_answers(Q, {"a1": "z"}, company={"name": "X", "employees": employees})
    b = score(q, load_answers(path, q), as_of=as_of).baseline
    assert b.size_class == size
    assert b.size_share == share
    assert b.size_baseline == source


def test_chosen_baseline_with_own_size_classes(write_answers):
    q = load_questionnaire(Q)
    path = write_answers(Q, {"a1": "z"}, company={"name": "X", "employees": 60})
    b = score(q, load_answers(path, q), baseline="eurostat-eu-2025", as_of=AS_OF).baseline
    assert (b.id, b.share, b.region) == ("eurostat-eu-2025", 0.1995, "EU")
    assert (b.size_class, b.size_share, b.size_baseline) == ("medium", 0.304, "eurostat-eu-2025")


def test_score_is_deterministic(write_answers):
    q = load_questionnaire(Q)
    path = write_answers(Q, ALL_MAX)
    first = score(q, load_answers(path, q), as_of=AS_OF).to_json()
    second = score(q, load_answers(path, q), as_of=AS_OF).to_json()
    assert first == second
