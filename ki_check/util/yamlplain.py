"""The batch's fast path at the YAML boundary: plain files built straight from the nodes.

PyYAML's constructor is general (aliases, recursive structures, state
generators) and costs as much per file as libyaml's parse. An answer file is
plain: mappings with text keys, lists, and scalars that are text, numbers,
booleans, nulls or dates, nested four levels deep. :func:`plain_data` builds
such a file's data from the node tree libyaml composed, with the loader's own
constructor per scalar, so the data is the same as PyYAML's. Anything else —
a duplicate, merge or non-text key, a key longer than the limit, another tag,
deeper nesting — raises :class:`Unusual`, and :mod:`ki_check.util.yamlsrc`
builds the file PyYAML's way from the start, with all its findings.
"""

from __future__ import annotations

from typing import Any

from yaml.constructor import BaseConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ki_check.limits import MAX_KEY_CHARS

MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# Tags whose constructor is a plain function of one scalar node (what answer files hold)
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
MAX_PLAIN_DEPTH = 50  # nesting beyond this goes PyYAML's way (answer files nest four levels)


class Unusual(Exception):
    """A node :func:`plain_data` leaves to PyYAML's constructor."""


def plain_data(node: Node, loader: BaseConstructor) -> Any:
    """The data of the plain tree ``node``: what ``loader.construct_document`` gives.

    Scalars other than text and short decimals are built by ``loader``'s
    constructor for their tag. Raises :class:`Unusual` for a tree that is not
    plain (see the module's description); the caller then builds it PyYAML's way.
    """
    return _direct(node, loader, 0)


def _direct(node: Node, loader: BaseConstructor, depth: int) -> Any:
    if isinstance(node, ScalarNode):
        return _scalar(node, loader)
    if depth > MAX_PLAIN_DEPTH:
        raise Unusual
    tag = node.tag
    if tag == _SEQ and isinstance(node, SequenceNode):
        return [
            _scalar(c, loader) if isinstance(c, ScalarNode) else _direct(c, loader, depth + 1)
            for c in node.value
        ]
    if tag != _MAP or not isinstance(node, MappingNode):
        raise Unusual
    out: dict[str, Any] = {}
    for knode, vnode in node.value:
        if not isinstance(knode, ScalarNode) or knode.tag == MERGE:
            raise Unusual
        key = knode.value
        if key in out or len(key) > MAX_KEY_CHARS:
            raise Unusual
        if isinstance(vnode, ScalarNode):
            out[key] = _scalar(vnode, loader)
        else:
            out[key] = _direct(vnode, loader, depth + 1)
    return out


def _scalar(node: ScalarNode, loader: BaseConstructor) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:  # what construct_yaml_str gives
        return value
    # a short decimal without a leading zero (YAML 1.1 reads 012 as octal): int() is
    # what construct_yaml_int gives
    if (
        tag == _INT
        and value.isascii()
        and value.isdigit()
        and len(value) < 16
        and (value[0] != "0" or len(value) == 1)
    ):
        return int(value)
    if tag in PLAIN_TAGS:
        return loader.yaml_constructors[tag](loader, node)
    raise Unusual
