"""The fast path (ki_check/util/yamlplain.py): a plain file's data exactly as PyYAML builds it.

Each case is compared with what PyYAML's own safe constructor makes of the same node
tree, by ``repr`` (so ``1``, ``1.0`` and ``True`` are told apart); anything that is not
plain must be left to PyYAML (``Unusual``), never built differently.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA, ROOT

from ki_check.limits import MAX_KEY_CHARS
from ki_check.util.yamlplain import Unusual, plain_data
from ki_check.util.yamlsrc import parse_yaml


def _both(text: str) -> tuple[object, object]:
    """(the fast path's data, PyYAML's data) of ``text``."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        fast = plain_data(node, loader)
    finally:
        loader.dispose()
    return fast, yaml.safe_load(text)


PLAIN = {
    "text": "name: Tischlerei Wolf\n",
    "quoted-number": "id: '012'\n",
    "decimal": "employees: 78\n",
    "zero": "employees: 0\n",
    "negative": "delta: -5\n",
    "octal-yaml-1-1": "employees: 012\n",
    "hex": "employees: 0x1f\n",
    "underscores": "employees: 1_000\n",
    "sexagesimal": "minutes: 1:30\n",
    "sixteen-digits": "turnover: 1234567890123456\n",
    "float": "share: 1.5\n",
    "exponent": "share: 1.0e+3\n",
    "infinity": "share: .inf\n",
    "not-a-number": "share: .nan\n",
    "booleans": "a: yes\nb: No\nc: true\nd: off\n",
    "null": "a: ~\nb: null\nc:\n",
    "date": "date: 2026-06-01\n",
    "datetime": "at: 2026-06-01T10:00:00Z\n",
    "nested": "answers:\n  q1: [a, b]\n  q2:\n    row1: ja\n    row2: 3\n",
    "list-of-mappings": "- id: a\n  n: 1\n- id: b\n  n: [1, {x: 2}]\n",
    "empty-collections": "a: {}\nb: []\n",
    "block-text": "note: |\n  Zeile eins\n  Zeile zwei\n",
    "top-level-scalar": "42\n",
}


@pytest.mark.parametrize("text", PLAIN.values(), ids=PLAIN.keys())
def test_a_plain_file_is_built_as_pyyaml_builds_it(text):
    fast, pyyaml = _both(text)
    assert repr(fast) == repr(pyyaml)


def test_keys_stay_the_text_that_was_written():
    fast, _ = _both("yes: 1\n12: 2\n")
    assert fast == {"yes": 1, "12": 2}


UNUSUAL = {
    "duplicate-key": "a: 1\na: 2\n",
    "merge-key": "a:\n  <<: {x: 1}\n",
    "list-as-key": "? [a, b]\n: 1\n",
    "binary": "logo: !!binary aGVsbG8=\n",
    "set": "s: !!set {a, b}\n",
    "own-tag": "a: !farbe rot\n",
    "long-key": "k" * (MAX_KEY_CHARS + 1) + ": 1\n",
    "deep-nesting": "a: " + "[" * 60 + "]" * 60 + "\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_what_is_not_plain_is_left_to_pyyaml(text):
    loader = yaml.SafeLoader(text)
    try:
        with pytest.raises(Unusual):
            plain_data(loader.get_single_node(), loader)
    finally:
        loader.dispose()


def _text_keys_only(data: object) -> bool:
    if isinstance(data, dict):
        return all(isinstance(k, str) and _text_keys_only(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_text_keys_only(v) for v in data)
    return True


FILES = sorted(
    p
    for folder in (ROOT / "questionnaires", ROOT / "examples", ROOT / "ki_check" / "data", DATA)
    for p in folder.rglob("*.yaml")
)


def test_the_projects_files_are_built_as_pyyaml_builds_them():
    compared = 0
    for path in FILES:
        text = path.read_text("utf-8")
        try:
            fast, pyyaml = _both(text)
        except (Unusual, yaml.YAMLError, ValueError):
            continue  # not plain, or not YAML PyYAML reads: yamlsrc reports it
        if "&" in text or not _text_keys_only(pyyaml):
            continue  # anchors never take the fast path; keys PyYAML turns into values
        assert repr(fast) == repr(pyyaml), path
        assert repr(parse_yaml(text).data) == repr(pyyaml), path
        compared += 1
    assert compared > 100  # most files are plain: the comparison is not empty
