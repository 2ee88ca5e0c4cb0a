"""Reading one advisory data file of ``ki_check/data/``: checked once, then cached.

Shared by :mod:`ki_check.advice.content` and :mod:`ki_check.advice.barriers`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ki_check.diagnostics import has_errors
from ki_check.errors import ValidationError
from ki_check.i18n import Text
from ki_check.util.cache import cached
from ki_check.util.readers import Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import YamlDoc, load_yaml

__all__ = ["load_data", "read_ids", "read_texts"]

T = TypeVar("T")


def load_data(
    name: str, build: Callable[[Reader, YamlDoc], T | None], path: Path | None = None
) -> T:
    """What ``build`` makes of the data file ``name`` (or ``path``), cached by file.

    Raises :class:`~ki_check.errors.ValidationError` with every problem found.
    """
    file = path or data_file(name)

    def read() -> T:
        doc = load_yaml(file)
        result = build(Reader(doc), doc) if doc.data is not None else None
        if result is None or has_errors(doc.issues):
            raise ValidationError(doc.issues)
        return result

    return cached(name.removesuffix(".yaml"), file, read)


def read_texts(r: Reader, m: dict[str, Any], path: Path_, keys: Iterable[str]) -> dict[str, Text]:
    """The texts under ``keys`` that ``m`` has, checked."""
    return {k: r.text(m[k], (*path, k)) or {} for k in keys if k in m}


def read_ids(
    r: Reader, value: Any, path: Path_, allowed: Sequence[str] | None = None
) -> tuple[str, ...]:
    """A list of ids (each one of ``allowed`` where given), the invalid ones left out."""
    items = r.seq(value, path, nonempty=False) or []
    out = []
    for i, v in enumerate(items):
        s = r.choice(v, (*path, i), allowed) if allowed is not None else r.string(v, (*path, i))
        if s is not None:
            out.append(s)
    return tuple(out)
