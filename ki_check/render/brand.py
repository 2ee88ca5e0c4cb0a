"""Brand files: the organisation's name, logo, colours, contact and own templates.

A brand file is YAML next to its assets::

    organisation: IHK Musterstadt
    logo: logo.svg                  # relative to this file: .svg .png .jpg
    colours: {primary: "#004a8f", accent: "#e5a100"}
    contact: {name: Erika Beispiel, email: e.beispiel@ihk.example, phone: "0123 4567", web: …}
    templates: vorlagen/            # optional folder whose templates replace ours

Files it names must lie inside the brand file's folder: the report may read
them and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.diagnostics import Bi, has_errors
from ki_check.errors import ValidationError
from ki_check.limits import MAX_BRAND_BYTES
from ki_check.util.readers import Path_, Reader
from ki_check.util.yamlsrc import load_yaml

COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
DEFAULT_COLOURS = {"primary": "#1d4e89", "accent": "#e08a00"}


class Brand(NamedTuple):
    """What a brand file sets; the defaults are ki-check's own look."""

    organisation: str = ""
    logo: Path | None = None
    colours: dict[str, str] = DEFAULT_COLOURS
    contact: dict[str, str] = {}  # noqa: RUF012 - never mutated
    templates: Path | None = None
    root: Path | None = None


def load_brand(path: str | Path | None) -> Brand:
    """Read and check a brand file; ``None`` gives the default look."""
    if path is None:
        return Brand()
    path = Path(path)
    doc = load_yaml(path, max_bytes=MAX_BRAND_BYTES)
    r = Reader(doc)
    root = path.resolve().parent
    keys = ("organisation", "logo", "colours", "contact", "templates")
    m = (
        r.mapping(doc.data, (), Bi("der Markendatei", "the brand file"), keys)
        if doc.data is not None
        else None
    )
    out: dict[str, Any] = {"root": root}
    if m:
        if "organisation" in m:
            out["organisation"] = r.string(m["organisation"], ("organisation",)) or ""
        if "logo" in m:
            out["logo"] = _inside(r, m["logo"], ("logo",), root, file=True)
        if "templates" in m:
            out["templates"] = _inside(r, m["templates"], ("templates",), root, file=False)
        if "colours" in m:
            out["colours"] = _colours(r, m["colours"])
        if "contact" in m:
            out["contact"] = _contact(r, m["contact"])
    if doc.data is None or has_errors(doc.issues):
        raise ValidationError(doc.issues)
    return Brand(**out)


def _colours(r: Reader, value: Any) -> dict[str, str]:
    """The default colours with those the brand file sets (``#RRGGBB`` each)."""
    colours = dict(DEFAULT_COLOURS)
    where = Bi("'colours'", "'colours'")
    for key, item in (r.mapping(value, ("colours",), where, tuple(DEFAULT_COLOURS)) or {}).items():
        s = r.string(item, ("colours", key))
        if s is not None and not COLOUR_RE.match(s):
            r.add(
                "VALUE_001",
                ("colours", key),
                value=s,
                field=f"colours.{key}",
                allowed=Bi("eine Farbe #RRGGBB, z. B. #004a8f", "a colour #RRGGBB, e.g. #004a8f"),
                suggestion="",
            )
        elif s is not None:
            colours[key] = s.lower()
    return colours


def _contact(r: Reader, value: Any) -> dict[str, str]:
    """The contact lines (name, email, phone, web) the brand file gives."""
    keys = ("name", "email", "phone", "web")
    given = r.mapping(value, ("contact",), Bi("'contact'", "'contact'"), keys) or {}
    contact = {}
    for key, item in given.items():
        s = r.string(item, ("contact", key))
        if s is not None:
            contact[key] = s
    return contact


def _inside(r: Reader, value: Any, path: Path_, root: Path, file: bool) -> Path | None:
    s = r.string(value, path)
    if s is None:
        return None
    target = (root / s).resolve()
    if not target.is_relative_to(root):
        r.add(
            "VALUE_001",
            path,
            value=s,
            field=path[0],
            allowed=Bi(
                "ein Pfad im Ordner der Markendatei", "a path inside the brand file's folder"
            ),
            suggestion="",
        )
        return None
    if file and (not target.is_file() or target.suffix.lower() not in LOGO_SUFFIXES):
        r.add("FILE_001", path, reason=f"{s} ({', '.join(LOGO_SUFFIXES)})")
        return None
    if not file and not target.is_dir():
        r.add("FILE_001", path, reason=s)
        return None
    return target
