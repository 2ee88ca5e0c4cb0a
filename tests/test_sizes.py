"""The size limits of docs/architecture.md: no module over 500 lines, no function
body over 60 lines, no command body over 25 lines, except the named exceptions
listed here and on that page.

A function's size is its body: from the first statement after the docstring to
its last line. The signature (a command's list of options) and the docstring (a
command's --help) are declarations, not logic. An exception records the size it
had when it was named: it may shrink, not grow; one that fits the limit again
must leave the list (here and in the doc), so the list only gets shorter.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import ROOT

from ki_check.cli import app

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
MAX_COMMAND_LINES = 25
PACKAGE = ROOT / "ki_check"
DOC = ROOT / "docs" / "architecture.md"

# name -> (the size it may not exceed, or None for a data table that may grow; why)
EXCEPTIONS: dict[str, tuple[int | None, str]] = {
    "ki_check/diagnostics.py": (
        None,
        "the message catalogue: one data table, a German and an English message and fix per"
        " code; the code that uses it is 200 lines",
    ),
}

# command -> (the size it may not exceed; why): a command body over MAX_COMMAND_LINES
COMMAND_EXCEPTIONS: dict[str, tuple[int, str]] = {}


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    first = body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        body = body[1:]
    if not body:
        return 0
    start = min([body[0].lineno, *(d.lineno for d in getattr(body[0], "decorator_list", []))])
    return (node.end_lineno or start) - start + 1


def _functions(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{node.name}", _body_lines(node)
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def measure() -> dict[str, int]:
    """Lines of every module and body lines of every function, by name."""
    sizes = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text("utf-8")
        sizes[rel] = len(text.splitlines())
        for name, n in _functions(ast.parse(text)):
            sizes[f"{rel}:{name}"] = max(n, sizes.get(f"{rel}:{name}", 0))
    return sizes


SIZES = measure()


def _limit(name: str) -> int:
    return MAX_FUNCTION_LINES if ":" in name else MAX_MODULE_LINES


def test_no_module_or_function_over_the_limit_unless_named():
    over = {name: n for name, n in SIZES.items() if n > _limit(name) and name not in EXCEPTIONS}
    assert not over, f"over the size limit (docs/architecture.md, 'Size limits'): {over}"


@pytest.mark.parametrize("name", sorted(EXCEPTIONS))
def test_an_exception_exists_is_still_needed_and_does_not_grow(name):
    assert name in SIZES, f"{name} is gone: take it off the list"
    ceiling, _ = EXCEPTIONS[name]
    n = SIZES[name]
    assert n > _limit(name), f"{name} fits the limit now ({n}): take it off the list"
    if ceiling is not None:
        assert n <= ceiling, f"{name} grew from {ceiling} to {n} lines: split it instead"


def test_the_architecture_page_names_the_same_exceptions():
    text = DOC.read_text("utf-8")
    section = text[text.index("## Size limits") :]
    named = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
    assert named == set(EXCEPTIONS)


def test_the_measure_counts_what_it_says():
    # a docstring and a long signature do not count; nested functions count in
    # their own name and in the function around them
    source = (
        "def f(\n    a,\n    b,\n):\n    '''Doc.\n\n    More.\n    '''\n"
        "    x = 1\n\n    def g():\n        return x\n    return g\n"
    )
    sizes = dict(_functions(ast.parse(source)))
    assert sizes == {"f": 5, "f.g": 1}


def _command_functions(typer_app: typer.Typer) -> Iterator[Callable[..., Any]]:
    """The functions of every command in ``typer_app`` and its sub-apps."""
    for command in typer_app.registered_commands:
        assert command.callback is not None
        yield command.callback
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        yield from _command_functions(group.typer_instance)


def commands() -> dict[str, int]:
    """Body lines of every command the ``ki-check`` app registers, by name (as in SIZES)."""
    sizes = {}
    for callback in _command_functions(app):
        func = inspect.unwrap(callback)  # under handle_errors
        rel = Path(inspect.getfile(func)).resolve().relative_to(ROOT.resolve()).as_posix()
        name = f"{rel}:{func.__qualname__}"
        sizes[name] = SIZES[name]
    return sizes


COMMANDS = commands()


def test_the_commands_are_found_in_the_app():
    # top-level commands and those of sub-apps, also one defined outside its sub-app's
    # module (archive benchmark), each named by the file it is written in
    assert {
        "ki_check/cli/score.py:score",
        "ki_check/cli/funding.py:list_",
        "ki_check/cli/archive_peers.py:benchmark",
    } <= set(COMMANDS)
    assert len(COMMANDS) >= 25


def test_no_command_body_over_the_limit_unless_named():
    over = {n: k for n, k in COMMANDS.items() if k > MAX_COMMAND_LINES}
    over = {n: k for n, k in over.items() if n not in COMMAND_EXCEPTIONS}
    assert not over, f"command bodies over {MAX_COMMAND_LINES} lines (docs/architecture.md): {over}"


@pytest.mark.parametrize("name", sorted(COMMAND_EXCEPTIONS))
def test_a_command_exception_is_a_command_still_needed_and_not_growing(name):
    assert name in COMMANDS, f"{name} is no command of the app: take it off the list"
    ceiling, _ = COMMAND_EXCEPTIONS[name]
    n = COMMANDS[name]
    assert n > MAX_COMMAND_LINES, f"{name} fits the limit now ({n}): take it off the list"
    assert n <= ceiling, f"{name} grew from {ceiling} to {n} lines: thin it instead"


def test_the_architecture_page_names_the_same_command_exceptions():
    text = DOC.read_text("utf-8")
    section = text[text.index("## Command bodies") : text.index("## Size limits")]
    named = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
    assert named == set(COMMAND_EXCEPTIONS)
