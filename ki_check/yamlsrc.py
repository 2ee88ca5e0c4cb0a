"""The YAML boundary: read a file once, keep positions, catch what YAML hides.

PyYAML's loaders silently keep the last of two duplicate keys and give no line
numbers to the data they return. Here the file is loaded with libyaml's C
loader (where available) and a constructor that

* reports duplicate keys (``YAML_002``) instead of dropping a value,
* keeps mapping keys as the text that was written (``yes:`` stays ``"yes"``),
* refuses merge keys and non-text keys.

Positions are needed only when something is wrong, so the node tree is
composed lazily, on the first finding, and then any data path such as
``("dimensions", 2, "questions", 0, "weight")`` gets its ``line:col`` and the
original spelling of a scalar (``yes`` read as ``True``). The happy path —
scoring thousands of answer files — pays for one C parse and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ki_check.diagnostics import Issue

try:  # libyaml: about ten times faster than the pure-Python parser
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader
_Loader = _Base

_MERGE = "tag:yaml.org,2002:merge"

Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class YamlDoc:
    """A parsed YAML file: plain data plus the node tree for positions."""

    file: str
    data: Any
    text: str | None = None
    issues: list[Issue] = field(default_factory=list)
    _root: Node | None = None

    @property
    def root(self) -> Node | None:
        """The node tree, composed from the text on first use."""
        if self._root is None and self.text is not None:
            try:
                self._root = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def _node(self, path: Sequence[str | int], key: bool) -> Node | None:
        node = self.root
        key_node: Node | None = None
        for step in path:
            key_node = None
            if isinstance(node, MappingNode):
                found = None
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == step:
                        found = (k, v)  # the last one wins, like the data
                if found is None:
                    return node
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node
                node = node.value[step]
            else:
                return node
        return key_node if key and key_node is not None else node

    def position(
        self, path: Sequence[str | int], key: bool = False
    ) -> tuple[int | None, int | None]:
        """1-based ``(line, column)`` of the value at ``path`` (of its key if ``key``).

        A path that does not exist in the file (a missing key) gives the
        position of its deepest existing parent.
        """
        node = self._node(path, key)
        if node is None:
            return (None, None)
        mark = node.start_mark
        return (mark.line + 1, mark.column + 1)

    def raw(self, path: Sequence[str | int]) -> str | None:
        """The scalar exactly as written in the file (``yes`` for a value read as ``True``)."""
        node = self._node(path, key=False)
        return node.value if isinstance(node, ScalarNode) else None

    def is_quoted(self, path: Sequence[str | int]) -> bool:
        """True if the scalar at ``path`` was written in quotes."""
        node = self._node(path, key=False)
        return isinstance(node, ScalarNode) and node.style in ("'", '"')

    def issue(
        self, code: str, path: Sequence[str | int], at_key: bool = False, **params: object
    ) -> Issue:
        """A finding positioned at ``path`` (at its key if ``at_key``)."""
        if self.text is None:  # data from a spreadsheet row: no lines, the path says where
            return Issue(code, self.file, None, None, params, tuple(path))
        line, col = self.position(path, at_key)
        return Issue(code, self.file, line, col, params, tuple(path))


def read_text(path: Path, display: str) -> tuple[str | None, list[Issue]]:
    """The file's text as UTF-8 (a BOM is accepted), or the issue that prevents it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Issue("FILE_001", display, params={"reason": "nicht vorhanden / missing"})]
    except OSError as exc:
        return None, [Issue("FILE_001", display, params={"reason": exc.strerror or str(exc)})]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue("FILE_002", display, line, None)]


def load_yaml(path: str | Path, display: str | None = None) -> YamlDoc:
    """Read and parse a YAML file; problems end up in ``doc.issues``, never raised."""
    path = Path(path)
    display = display or str(path)
    text, issues = read_text(path, display)
    if text is None:
        return YamlDoc(display, None, None, issues)
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str = "<text>") -> YamlDoc:
    """Parse YAML text into a :class:`YamlDoc` (see :func:`load_yaml`)."""
    doc = YamlDoc(display, None, text)
    loader = _StrictLoader(text)
    loader.doc = doc
    try:
        doc.data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        doc.issues.append(Issue("YAML_001", display, line, col, {"problem": problem}))
        doc.data = None
    except yaml.YAMLError as exc:
        doc.issues.append(Issue("YAML_001", display, params={"problem": str(exc)}))
        doc.data = None
    except RecursionError:
        doc.issues.append(Issue("YAML_001", display, 1, 1, {"problem": "nested too deeply"}))
        doc.data = None
    finally:
        loader.dispose()
    return doc


class _StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """The C loader with a mapping constructor that reports instead of hiding."""

    doc: YamlDoc

    def construct_strict_map(self, node: MappingNode) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode) or knode.tag == _MERGE:
                found = "<<" if knode.tag == _MERGE else type(knode).__name__
                mark = knode.start_mark
                self.doc.issues.append(
                    Issue(
                        "YAML_006", self.doc.file, mark.line + 1, mark.column + 1, {"found": found}
                    )
                )
                continue
            key = knode.value
            if key in out:  # positions are looked up only for the (rare) duplicate
                first = next(
                    k for k, _ in node.value if isinstance(k, ScalarNode) and k.value == key
                )
                mark = knode.start_mark
                self.doc.issues.append(
                    Issue(
                        "YAML_002",
                        self.doc.file,
                        mark.line + 1,
                        mark.column + 1,
                        {"key": key, "first": first.start_mark.line + 1},
                    )
                )
            out[key] = self.construct_object(vnode, deep=True)
        return out


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_strict_map)

# The tag of a plain scalar depends on its text alone (safe loading has no path
# resolvers), and answer files repeat the same option ids thousands of times:
# remembering the answer spares a batch most of PyYAML's regular expressions.
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}
_resolve = _StrictLoader.resolve


def _remembered_resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
    if kind is not ScalarNode or self.yaml_path_resolvers:
        return _resolve(self, kind, value, implicit)
    key = (value, implicit)
    tag = _TAGS.get(key)
    if tag is None:
        if len(_TAGS) > 50_000:
            _TAGS.clear()
        tag = _TAGS[key] = _resolve(self, kind, value, implicit)
    return tag


_StrictLoader.resolve = _remembered_resolve


def describe(value: object) -> str:
    """A short, language-neutral rendering of a YAML value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f'"{short}"'
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return str(value)
