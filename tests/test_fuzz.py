"""Seeded mutation fuzzing in CI: no mutated questionnaire or answer file may crash or hang the CLI.

Each bundled questionnaire and each example answer file is mutated 200 times
(``tests/mutate.py``: byte flips, lost and doubled lines, values of the wrong
type, huge numbers, deep nesting, unicode, many keys) and run through the real
CLI — ``questionnaires validate`` and ``score`` in turn. A run may exit 0 (the
mutation left a valid file) or 2 (a coded message); anything raised, a
traceback in the output or a run over 10 s fails the test, naming file, seed
and command so that ``benchmarks/fuzz.py --seed S --n 1`` or the lines below
reproduce it. ``benchmarks/fuzz.py`` runs 10,000 per command.
"""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest
from conftest import ROOT
from mutate import mutate, problem

PER_FILE = 200
QUESTIONNAIRES = sorted((ROOT / "questionnaires").glob("*.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _example_for(questionnaire: Path) -> Path:
    for example in EXAMPLES:
        if f"questionnaire: {questionnaire.stem}@" in example.read_text("utf-8"):
            return example
    raise AssertionError(f"no example answer file for {questionnaire.name}")


def _fuzz(cli, tmp_path: Path, source: Path, commands) -> list[str]:
    data = source.read_bytes()
    base = zlib.crc32(source.name.encode())  # stable across runs and machines
    target = tmp_path / source.name
    failures = []
    for i in range(PER_FILE):
        seed = base + i
        target.write_bytes(mutate(data, seed))
        args = commands[i % len(commands)](target)
        start = time.perf_counter()
        result = cli(*args)
        found = problem(
            result.exit_code, result.exception, result.output, time.perf_counter() - start
        )
        if found:
            failures.append(f"{' '.join(map(str, args[:2]))} {source.name} seed {seed}: {found}")
    return failures


def test_mutated_examples_match_what_the_suite_covers():
    assert len(QUESTIONNAIRES) >= 5
    assert {_example_for(q) for q in QUESTIONNAIRES} == set(EXAMPLES)


@pytest.mark.parametrize("source", QUESTIONNAIRES, ids=lambda p: p.stem)
def test_mutated_questionnaire_never_crashes(cli, tmp_path, source):
    example = _example_for(source)
    commands = (
        lambda t: ("questionnaires", "validate", t),
        lambda t: ("score", example, "--questionnaire", t, "--json"),
    )
    assert _fuzz(cli, tmp_path, source, commands) == []


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.stem)
def test_mutated_answer_file_never_crashes(cli, tmp_path, source):
    commands = (
        lambda t: ("questionnaires", "validate", t),
        lambda t: ("score", t),
        lambda t: ("score", t, "--json"),
    )
    assert _fuzz(cli, tmp_path, source, commands) == []


def test_the_fuzzer_is_deterministic_and_mutates():
    data = EXAMPLES[0].read_bytes()
    assert mutate(data, 4711) == mutate(data, 4711)
    assert sum(mutate(data, seed) != data for seed in range(50)) >= 45
