"""Docs that cannot drift: README commands, CI, help texts."""

from __future__ import annotations

import re

from conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```\n(python3 -m venv .venv && [^\n]+)\n```", text)


def test_readme_has_the_two_newcomer_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    run, test = commands
    assert "pip install ." in run
    assert "ki-check report" in run
    assert "examples/" in run
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert _readme_commands()[1] in ci


def test_every_command_has_help_with_an_example(cli):
    commands = [
        ("questionnaires", "list"),
        ("questionnaires", "show"),
        ("questionnaires", "validate"),
        ("score",),
        ("report",),
        ("interview",),
        ("batch",),
        ("funding", "list"),
        ("funding", "show"),
        ("funding", "match"),
        ("handout",),
        ("export", "xlsform"),
        ("schema", "questionnaire"),
        ("schema", "answers"),
        ("compare",),
        ("archive", "add"),
        ("archive", "list"),
        ("archive", "show"),
        ("archive", "benchmark"),
        ("archive", "export"),
        ("archive", "push"),
        ("archive", "link"),
        ("archive", "forget"),
        ("archive", "purge"),
        ("archive", "upgrade"),
    ]
    for args in commands:
        result = cli(*args, "--help")
        assert result.exit_code == 0, args
        assert "Beispiel" in result.stdout, args


def test_every_command_is_in_the_readme(cli):
    readme = (ROOT / "README.md").read_text("utf-8")
    for command in (
        "questionnaires list",
        "questionnaires show",
        "questionnaires validate",
        "ki-check score",
        "ki-check export xlsform",
        "ki-check schema questionnaire",
        "--write-answers",
        "ki-check compare",
        "archive add",
        "archive benchmark",
        "archive export",
        "archive push",
    ):
        assert command in readme
