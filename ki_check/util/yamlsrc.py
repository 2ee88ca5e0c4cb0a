"""The YAML boundary: read a file once, keep positions, catch what YAML hides.

PyYAML's loaders silently keep the last of two duplicate keys and give no line
numbers to the data they return. Here the file is loaded with libyaml's C
loader (where available) and a constructor that

* reports duplicate keys (``YAML_002``) instead of dropping a value,
* keeps mapping keys as the text that was written (``yes:`` stays ``"yes"``),
* refuses merge keys and non-text keys,
* refuses texts and keys longer than the limits (``YAML_007``) and reads
  integers too long to compute with as infinite, for the readers to refuse.

libyaml builds a node tree while parsing; it is kept, so any data path such as
``("dimensions", 2, "questions", 0, "weight")`` gets its ``line:col`` and the
original spelling of a scalar (``yes`` read as ``True``) without a second
parse. A mapping's keys are indexed on the first look-up in it, so a file with
100,000 findings costs 100,000 dictionary look-ups, not 100,000 scans. The
happy path — scoring thousands of answer files — pays for one C parse and the
plain build of :mod:`ki_check.util.yamlplain` (the batch's fast path), nothing
else. Files larger than :data:`~ki_check.limits.MAX_YAML_BYTES` and
anything that is not a regular file are refused unread.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ki_check.diagnostics import Bi, Findings, Issue
from ki_check.limits import MAX_INT_DIGITS, MAX_KEY_CHARS, MAX_TEXT_CHARS, MAX_YAML_BYTES
from ki_check.util.yamlplain import MERGE, plain_data
from ki_check.util.yamlwords import problem_words, reader_words, syntax_words

try:  # libyaml: about ten times faster than the pure-Python parser
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader
_Loader = _Base

Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class YamlDoc:
    """A parsed YAML file: plain data plus the node tree for positions."""

    file: str
    data: Any
    text: str | None = None
    issues: list[Issue] = field(default_factory=Findings)
    _root: Node | None = None
    # mapping node id -> {key: (key node, value node)}: every look-up after the first
    # in a mapping is a dict access, so a file with 100,000 findings stays linear
    _index: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict)

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
                found = self._keys(node).get(step) if isinstance(step, str) else None
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

    def _keys(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        keys = self._index.get(id(node))
        if keys is None:
            # the last of duplicate keys wins, like the data
            keys = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
            self._index[id(node)] = keys
        return keys

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

    def issue(
        self, code: str, path: Sequence[str | int], at_key: bool = False, **params: object
    ) -> Issue:
        """A finding positioned at ``path`` (at its key if ``at_key``)."""
        if self.text is None:  # data from a spreadsheet row: no lines, the path says where
            return Issue(code, self.file, None, None, params, tuple(path))
        line, col = self.position(path, at_key)
        return Issue(code, self.file, line, col, params, tuple(path))


def read_text(
    path: Path, display: str, max_bytes: int = MAX_YAML_BYTES
) -> tuple[str | None, list[Issue]]:
    """The file's text as UTF-8 (a BOM is accepted), or the issue that prevents it.

    Only regular files are read (a FIFO or a device would block or never end), and
    at most ``max_bytes`` of them: a larger file is refused with ``FILE_003``.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            reason = Bi("keine gewöhnliche Datei", "not a regular file")
            return None, [Issue("FILE_001", display, params={"reason": reason})]
        if info.st_size > max_bytes:
            return None, [_too_big(display, info.st_size, max_bytes)]
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        reason = Bi("nicht vorhanden", "does not exist")
        return None, [Issue("FILE_001", display, params={"reason": reason})]
    except OSError as exc:
        return None, [Issue("FILE_001", display, params={"reason": exc.strerror or str(exc)})]
    if len(raw) > max_bytes:
        return None, [_too_big(display, len(raw), max_bytes)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue("FILE_002", display, line, None)]


def _too_big(display: str, size: int, limit: int) -> Issue:
    return Issue("FILE_003", display, params={"size": _kib(size), "limit": _kib(limit)})


def _kib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{math.ceil(n / 1024)} KiB"


def load_yaml(
    path: str | Path, display: str | None = None, *, max_bytes: int = MAX_YAML_BYTES
) -> YamlDoc:
    """Read and parse a YAML file; problems end up in ``doc.issues``, never raised.

    Files larger than ``max_bytes`` (default :data:`~ki_check.limits.MAX_YAML_BYTES`)
    are refused unread.
    """
    path = Path(path)
    display = display or str(path)
    text, issues = read_text(path, display, max_bytes)
    if text is None:
        return YamlDoc(display, None, None, issues)
    return parse_yaml(text, display)


# Contexts in which libyaml notices a problem far from its cause: an opening bracket
# or quote that is never closed is found at the next line or at the end of the file.
_OPENED = {
    "while parsing a flow sequence": Bi("die Liste '[' aus", "the list '[' opened at"),
    "while parsing a flow mapping": Bi("die Zuordnung '{' aus", "the mapping '{' opened at"),
    "while scanning a quoted scalar": Bi(
        "der Text in Anführungszeichen aus", "the quoted text starting at"
    ),
}
# the same constructs when the problem lies inside them on their own line
_INSIDE = {
    "die Liste '[' aus": "in der Liste '[' ab",
    "die Zuordnung '{' aus": "in der Zuordnung '{' ab",
    "der Text in Anführungszeichen aus": "im Text in Anführungszeichen ab",
}


def parse_yaml(text: str, display: str = "<text>") -> YamlDoc:
    """Parse YAML text into a :class:`YamlDoc` (see :func:`load_yaml`)."""
    doc = YamlDoc(display, None, text)
    loader = (_LongTextLoader if len(text) > MAX_TEXT_CHARS else _StrictLoader)(text)
    loader.doc = doc
    try:
        # libyaml builds the node tree anyway; keeping it makes positions free later
        node = loader.get_single_node()
        doc._root = node
        doc.data = loader.construct_tree(node, text) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        doc.issues.append(_syntax_issue(exc, display, text))
        doc.data = None
    except yaml.reader.ReaderError as exc:  # a control character or an invalid byte
        pos = min(max(exc.position, 0), len(text))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        params = {"problem": reader_words(exc), "noticed": ""}
        doc.issues.append(Issue("YAML_001", display, line, col, params))
        doc.data = None
    except yaml.YAMLError as exc:
        doc.issues.append(Issue("YAML_001", display, params={"problem": str(exc), "noticed": ""}))
        doc.data = None
    except RecursionError:
        problem = Bi("zu tief verschachtelt", "nested too deeply")
        doc.issues.append(Issue("YAML_001", display, 1, 1, {"problem": problem, "noticed": ""}))
        doc.data = None
    except (ValueError, OverflowError, TypeError) as exc:  # a constructor PyYAML lets raise
        params = {"problem": str(exc)[:200], "noticed": ""}
        doc.issues.append(Issue("YAML_001", display, params=params))
        doc.data = None
    finally:
        loader.dispose()
    return doc


def _syntax_issue(exc: yaml.MarkedYAMLError, display: str, text: str) -> Issue:
    """``YAML_001`` naming where the broken construct starts and where libyaml noticed.

    An opening ``[``, ``{`` or quote that is never closed is noticed at the end of
    the file — past its last line; the finding is then placed at the opener.
    """
    problem: str | Bi = syntax_words(exc, text)
    seen = exc.problem_mark or exc.context_mark
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    at_end = seen is not None and (seen.line >= lines or seen.index >= len(text))
    opener = None
    if exc.context in _OPENED and exc.context_mark is not None:
        opener = (_OPENED[exc.context], exc.context_mark)
    elif exc.context == "while parsing a flow node" and at_end:  # "[" with nothing after it
        opener = _unclosed_flow(text)
    noticed: str | Bi = ""
    mark = seen
    if opener is not None and seen is not None:
        opened, start = opener
        found = problem_words(exc.problem, text, seen.index)
        if at_end or seen.line > start.line:  # ran on past its line: not closed
            mark = start
            if at_end:
                where = Bi("am Dateiende", "at the end of the file")
            else:
                where = Bi(
                    f"in Zeile {seen.line + 1}, Spalte {seen.column + 1}",
                    f"at line {seen.line + 1}, column {seen.column + 1}",
                )
            how = Bi("", "") if at_end else Bi(" richtig", " properly")
            problem = Bi(
                f"{opened.de} Zeile {start.line + 1} wird nicht{how.de} geschlossen",
                f"{opened.en} line {start.line + 1} is not closed{how.en}",
            )
            noticed = Bi(
                f" ({found.de}, bemerkt {where.de}).", f" ({found.en}, noticed {where.en})."
            )
        else:
            problem = Bi(
                f"{found.de} {_INSIDE[opened.de]} Spalte {start.column + 1}",
                f"{found.en} in {opened.en} column {start.column + 1}",
            )
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Issue("YAML_001", display, line, col, {"problem": problem, "noticed": noticed})


def _unclosed_flow(text: str) -> tuple[Bi, Any] | None:
    """The innermost ``[`` or ``{`` still open where the text stops being YAML."""
    stack: list[tuple[Bi, Any]] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.FlowSequenceStartToken):
                stack.append((_OPENED["while parsing a flow sequence"], token.start_mark))
            elif isinstance(token, yaml.FlowMappingStartToken):
                stack.append((_OPENED["while parsing a flow mapping"], token.start_mark))
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken) and stack:
                stack.pop()
    except yaml.YAMLError:
        pass
    return stack[-1] if stack else None


class _StrictLoader(_Base):  # type: ignore[misc]
    """The C loader with constructors that report instead of hiding or crashing."""

    doc: YamlDoc

    def _report(self, code: str, node: Node, **params: object) -> None:
        mark = node.start_mark
        self.doc.issues.append(Issue(code, self.doc.file, mark.line + 1, mark.column + 1, params))

    def construct_yaml_int(self, node: ScalarNode) -> int | float:
        """An integer; one too large to compute with is read as ±infinity (never converted).

        Python refuses to convert more than 4,300 digits at all; the readers
        (:class:`~ki_check.util.readers.Reader`) then report the value as out of range,
        quoting it as it was written.
        """
        digits = node.value.replace("_", "").lstrip("+-")
        sign = -1.0 if node.value.lstrip().startswith("-") else 1.0
        if len(digits) > MAX_INT_DIGITS:
            self.construct_scalar(node)  # the length check, where there is one
            return sign * math.inf
        value: int = super().construct_yaml_int(node)
        if abs(value) >= 10**MAX_INT_DIGITS:  # e.g. sexagesimal 1:2:3:…:59 or long hex
            return sign * math.inf
        return value

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        """A date; one that does not exist (``2024-02-30``) stays the text it was."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_tree(self, node: Node, text: str) -> Any:
        """The data of ``node``: what :meth:`construct_document` gives, for less.

        A file without anchors (``&``) is first built by the fast path,
        :func:`~ki_check.util.yamlplain.plain_data`; one that is not plain (or any
        error on the way) is built by :meth:`construct_document` from the start,
        with all its findings.
        """
        if "&" not in text:
            try:
                return plain_data(node, self)
            except Exception:  # anything unusual: PyYAML's way reports it
                pass
        return self.construct_document(node)

    def construct_strict_map(self, node: MappingNode) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for knode, vnode in node.value:
            kline, kcol = knode.start_mark.line + 1, knode.start_mark.column + 1
            if not isinstance(knode, ScalarNode) or knode.tag == MERGE:
                found = "<<" if knode.tag == MERGE else type(knode).__name__
                self.doc.issues.append(
                    Issue("YAML_006", self.doc.file, kline, kcol, {"found": found})
                )
                continue
            key = knode.value
            if len(key) > MAX_KEY_CHARS:
                self._report("YAML_007", knode, length=len(key), limit=MAX_KEY_CHARS)
                continue
            if key in first_line:
                self.doc.issues.append(
                    Issue(
                        "YAML_002",
                        self.doc.file,
                        kline,
                        kcol,
                        {"key": key, "first": first_line[key]},
                    )
                )
            else:
                first_line[key] = kline
            out[key] = self.construct_object(vnode, deep=True)
        return out


class _LongTextLoader(_StrictLoader):
    """Also checks the length of every scalar: used only for a text long enough to hold one
    longer than the limit, so the few-KB answer files of a batch never pay for it."""

    def construct_tree(self, node: Node, text: str) -> Any:
        """Always PyYAML's constructor, which checks each scalar's length."""
        return self.construct_document(node)

    def construct_scalar(self, node: Node) -> Any:
        value = super().construct_scalar(node)
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            self._report("YAML_007", node, length=len(value), limit=MAX_TEXT_CHARS)
        return value


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_strict_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def kind_of(value: object) -> Bi:
    """What a value is, without its content: for the top level of a file that may be
    anything (``questionnaires validate /etc/passwd`` must not print the file)."""
    if value is None:
        return Bi("nichts (leer)", "nothing (empty)")
    if isinstance(value, list):
        return Bi("eine Liste", "a list")
    if isinstance(value, str):
        return Bi(f"ein Text ({len(value)} Zeichen)", f"a text ({len(value)} characters)")
    if isinstance(value, bool | int | float):
        return Bi("eine Zahl oder ein Wahrheitswert", "a number or a boolean")
    return Bi("ein einzelner Wert", "a single value")


# The tag of a scalar depends on its text alone (safe loading has no path resolvers:
# resolve() reads only class attributes, so the class stands in for the loader), and
# answer files repeat the same option ids thousands of times: remembering the answer
# spares a batch most of PyYAML's regular expressions. libyaml calls resolve() for
# every node; lru_cache answers a repeated one without entering Python at all.
assert not _StrictLoader.yaml_path_resolvers
_resolve = _StrictLoader.resolve


@functools.lru_cache(maxsize=4096)
def _remembered_resolve(kind: Any, value: Any, implicit: Any) -> str:
    # the loader's base is picked at import (C or Python), so the checker sees Any here
    tag: str = _resolve(_StrictLoader, kind, value, implicit)
    return tag


_StrictLoader.resolve = staticmethod(_remembered_resolve)


def found_as(value: object) -> Bi:
    """What was found where another kind of value was expected, in plain words: the
    kind and, for a single value, the value itself (``eine Zahl (42)``)."""
    shown = describe(value)
    if value is None:
        return Bi("nichts (leerer Wert)", "nothing (an empty value)")
    if isinstance(value, bool):
        return Bi(f"ein Ja/Nein-Wert ({shown})", f"a yes/no value ({shown})")
    if isinstance(value, int | float):
        return Bi(f"eine Zahl ({shown})", f"a number ({shown})")
    if isinstance(value, str):
        return Bi(f"ein Text ({shown})", f"a text ({shown})")
    if isinstance(value, list | tuple):
        return Bi("eine Liste", "a list")
    if isinstance(value, dict):
        return Bi("eine Zuordnung (Schlüssel: Wert)", "a mapping (key: value)")
    if isinstance(value, bytes | bytearray):
        n = len(value)
        return Bi(
            f"ein Binärwert mit {n} Bytes (!!binary)", f"a binary value of {n} bytes (!!binary)"
        )
    if isinstance(value, dt.datetime):
        return Bi(f"ein Zeitpunkt ({shown})", f"a point in time ({shown})")
    if isinstance(value, dt.date):
        return Bi(f"ein Datum ({shown})", f"a date ({shown})")
    if isinstance(value, set | frozenset):
        return Bi("eine Menge (!!set)", "a set (!!set)")
    return Bi(f"ein Wert vom Typ {shown}", f"a value of type {shown}")


def describe(value: object) -> str:
    """A short, language-neutral rendering of a YAML value for messages.

    Texts are cut at 40 characters; binary data, dates and sets are named by
    their kind, never dumped.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f'"{short}"'
    if isinstance(value, list | tuple):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, bytes | bytearray):
        return f"!!binary ({len(value)} bytes)"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return "!!set {…}"
    return type(value).__name__
