"""The YAML boundary: what PyYAML would hide is reported with its position."""

from __future__ import annotations

from ki_check.util.yamlsrc import parse_yaml


def test_duplicate_key_reported_with_both_lines():
    doc = parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert doc.data == {"a": 3, "b": 2}
    (issue,) = doc.issues
    assert (issue.code, issue.line, issue.col) == ("YAML_002", 3, 1)
    assert "Zeile 1" in issue.message("de")


def test_keys_stay_as_written():
    doc = parse_yaml("yes: 1\n1: 2\nno: 3\n")
    assert doc.data == {"yes": 1, "1": 2, "no": 3}


def test_merge_keys_are_refused():
    doc = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert [i.code for i in doc.issues] == ["YAML_006"]
    assert doc.data["other"] == {"y": 2}


def test_aliases_do_not_multiply():
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    doc = parse_yaml(text)  # a billion laughs: shared objects, no explosion
    assert doc.issues == []
    assert doc.data["i"][0] is doc.data["h"]


def test_syntax_error_and_tabs_have_positions():
    doc = parse_yaml("a:\n\tb: 1\n", "t.yaml")
    (issue,) = doc.issues
    assert issue.code == "YAML_001"
    assert issue.line == 2
    assert doc.data is None


def test_positions_are_found_lazily_for_nested_paths():
    doc = parse_yaml("x:\n  - {id: a}\n  - {id: yes}\n", "p.yaml")
    assert doc.position(("x", 1, "id")) == (3, 10)
    assert doc.raw(("x", 1, "id")) == "yes"
    assert doc.data["x"][1]["id"] is True
