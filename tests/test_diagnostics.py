"""Every finding carries the parameters its message needs; a missing one fails loudly."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from conftest import ROOT

from ki_check.diagnostics import CODES, Bi, Issue, MessageParameterMissing

# Keywords of the calls that make findings which are not message parameters.
NOT_PARAMS = {"at_key", "path", "params", "line", "col", "file"}


def _fields(code: str) -> set[str]:
    """The parameters the code's messages and fixes name ({suggestion} is optional)."""
    c = CODES[code]
    names = set()
    for template in (c.de, c.en, c.fix_de, c.fix_en):
        names |= {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return names - {"suggestion"}


def _given(call: ast.Call) -> set[str] | None:
    """The parameter names a call passes, or None if they cannot be read off the call."""
    if any(k.arg is None for k in call.keywords):  # **params
        return None
    # SomeError.coded(code, where, **params): every keyword but `where` is a parameter
    coded = isinstance(call.func, ast.Attribute) and call.func.attr == "coded"
    names = {k.arg for k in call.keywords if k.arg not in ({"where"} if coded else NOT_PARAMS)}
    # Issue(code, file, line, col, params, path): params as a dict literal
    params = next((k.value for k in call.keywords if k.arg == "params"), None)
    name = call.func.id if isinstance(call.func, ast.Name) else ""
    if params is None and name == "Issue" and len(call.args) >= 5:
        params = call.args[4]
    if params is not None:
        if not isinstance(params, ast.Dict) or None in params.keys:
            return None
        names |= {k.value for k in params.keys if isinstance(k, ast.Constant)}
    return names


def _finding_calls():
    for path in sorted((ROOT / "ki_check").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and first.value in CODES:
                yield path, node, first.value


def test_every_finding_call_gives_the_parameters_its_message_names():
    checked = 0
    missing = []
    for path, call, code in _finding_calls():
        given = _given(call)
        if given is None:
            continue
        checked += 1
        lacking = _fields(code) - given
        if lacking:
            where = f"{Path(path).relative_to(ROOT)}:{call.lineno}"
            missing.append(f"{where} {code} lacks {', '.join(sorted(lacking))}")
    assert not missing, "\n".join(missing)
    assert checked > 120  # the scan found the calls (131 when written)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_missing_parameter_fails_loudly_naming_code_and_parameter(lang):
    issue = Issue("KEY_002", "f.yaml", 3, 1, {"key": "rows"})  # 'where' is missing
    with pytest.raises(MessageParameterMissing, match=r"KEY_002: .* 'where' \(given: key\)"):
        issue.message(lang)


def test_a_full_finding_reads_as_written():
    issue = Issue("KEY_002", "f.yaml", 3, 1, {"key": "rows", "where": Bi("einer Matrix", "a m")})
    assert issue.message("de") == "Pflichtangabe 'rows' fehlt in einer Matrix."
    assert (
        issue.format("en") == "f.yaml:3:1: KEY_002 Required key 'rows' is missing in a m.\n"
        "    Fix: Add 'rows: …'."
    )
