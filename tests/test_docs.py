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


def app_commands() -> list[tuple[str, ...]]:
    """Every command of the Typer app as its path (``("archive", "add")``), read from the app."""
    import typer.main

    from ki_check.cli import app

    # typer brings its own copy of click: groups are recognised by what they can do
    def walk(group, prefix: tuple[str, ...]):
        ctx = group.context_class(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            if hasattr(command, "list_commands"):
                yield from walk(command, (*prefix, name))
            else:
                yield (*prefix, name)

    return list(walk(typer.main.get_command(app), ()))


def test_the_app_has_the_commands_the_product_names():
    # a floor, so that a broken walk cannot pass the two tests below by finding nothing
    commands = app_commands()
    assert len(commands) >= 25
    assert {("score",), ("report",), ("interview",), ("batch",), ("funding", "match")} <= set(
        commands
    )


def test_every_command_has_help_with_an_example(cli):
    missing = []
    for path in app_commands():
        result = cli(*path, "--help")
        summary = result.stdout.split("\n\n")[1] if "\n\n" in result.stdout else ""
        if result.exit_code != 0 or not summary.strip() or "Beispiel" not in result.stdout:
            missing.append(" ".join(path))
    assert not missing, f"without help text and an example: {missing}"


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [" ".join(p) for p in app_commands() if f"ki-check {' '.join(p)}" not in readme]
    assert not missing, f"not in the README's command list: {missing}"
