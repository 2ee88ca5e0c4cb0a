"""docs/architecture.md matches the tree, and the conventions it states hold.

The import contracts themselves are checked by ``lint-imports`` in .ci/run; the
size limits by tests/test_sizes.py.
"""

from __future__ import annotations

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "ki_check"
DOC = (ROOT / "docs" / "architecture.md").read_text("utf-8")


def _rooms_table() -> str:
    return DOC[DOC.index("## The rooms") : DOC.index("## Where new things go")]


def test_every_room_is_on_the_page_and_every_room_on_the_page_exists():
    rooms = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    named = set(re.findall(r"^\| `([a-z0-9_]+)/` \|", _rooms_table(), flags=re.MULTILINE))
    assert named == rooms


def test_every_top_level_module_is_named_in_the_top_level_row():
    row = next(line for line in _rooms_table().splitlines() if line.startswith("| top level"))
    named = set(re.findall(r"`([a-z0-9_]+)(?:\.py)?`", row))
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__main__"}
    assert modules <= named, sorted(modules - named)


def test_no_module_imports_a_private_name_of_another():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "ki_check"
            ):
                continue
            if node.module == module.removesuffix(".__init__"):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{module}: from {node.module} import {alias.name}")
    assert not found, found
