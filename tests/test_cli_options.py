"""Options several commands share are declared once in ki_check/cli/common.py.

Here: ``--out``. Every command that writes where the user says takes it as
``--out``/``-o`` and reads it as a path; the flag is spelled only in
``common.out_option``, so a new command cannot drift (``--output``, a ``str``).
"""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

# the commands that write a file or folder named on the command line (PRODUCT.md)
WRITERS = {
    ("report",),
    ("interview",),
    ("batch",),
    ("handout",),
    ("export", "xlsform"),
    ("archive", "export"),
}


def _out_options() -> dict[tuple[str, ...], object]:
    """Each command's parameter that takes ``--out`` or ``-o``, read from the Typer app."""
    import typer.main

    from ki_check.cli import app

    found: dict[tuple[str, ...], object] = {}

    def walk(group, prefix: tuple[str, ...]) -> None:
        ctx = group.context_class(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if hasattr(command, "list_commands"):
                walk(command, (*prefix, name))
                continue
            for param in command.params:
                if {"--out", "-o"} & set(param.opts):
                    found[(*prefix, name)] = param

    walk(typer.main.get_command(app), ())
    return found


def test_the_commands_that_write_take_out():
    assert set(_out_options()) == WRITERS


@pytest.mark.parametrize("command", sorted(WRITERS), ids=" ".join)
def test_out_is_one_flag_and_a_path(command):
    param = _out_options()[command]
    assert sorted(param.opts) == ["--out", "-o"]
    assert param.type.name == "path"
    assert param.help


def test_the_flag_is_spelled_only_in_common():
    spelled = []
    for path in sorted((ROOT / "ki_check" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ("--out", "-o"):
                spelled.append((path.name, node.value, node.lineno))
    assert [(name, flag) for name, flag, _ in spelled] == [
        ("common.py", "--out"),
        ("common.py", "-o"),
    ], spelled
