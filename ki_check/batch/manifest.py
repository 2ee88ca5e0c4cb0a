"""When a batch's report is up to date: the same inputs, not a newer file.

A report is made from the company's answers, its questionnaire, the options
that change what the PDF says or looks like (language, baseline, as-of date,
brand, PDF variant) and the ki-check version (code, templates and bundled
data). :func:`options_key` and :func:`report_key` hash exactly these; the
manifest ``manifest.json`` in the output folder keeps, per output
file, the key it was made from. A rerun skips a report only when the file
exists and its key is unchanged, so ``--lang en``, another ``--baseline`` or
``--as-of``, a changed brand or an edited answer re-renders it. An output
without an entry (made by hand or by an older ki-check) is made again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from ki_check import __version__
from ki_check.util.fsutil import atomic_write_text

MANIFEST = "manifest.json"
REPORT_VARIANT = "pdf/ua-1"


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def brand_digest(brand: Path | None) -> str:
    """A hash of the brand file and the files it brings (logo, template folder)."""
    if brand is None:
        return ""
    from ki_check.render.brand import load_brand

    b = load_brand(brand)
    files = [Path(brand)]
    if b.logo is not None:
        files.append(b.logo)
    if b.templates is not None:
        files += sorted(p for p in b.templates.rglob("*") if p.is_file())
    parts: list[bytes] = []
    for file in files:
        parts.append(str(file).encode())
        with contextlib.suppress(OSError):
            parts.append(file.read_bytes())
    return _digest(*parts)


def options_key(
    *,
    lang: str,
    baseline: str | None,
    as_of: dt.date,
    brand: Path | None,
    variant: str = REPORT_VARIANT,
) -> str:
    """The hash of everything but the company that decides a report's content."""
    options = {
        "lang": lang,
        "baseline": baseline,
        "as_of": as_of.isoformat(),
        "brand": brand_digest(brand),
        "variant": variant,
        "version": __version__,
    }
    return _digest(json.dumps(options, sort_keys=True, allow_nan=False).encode())


_QUESTIONNAIRES: dict[str, str] = {}


def questionnaire_digest(path: Path | None, ref: str) -> str:
    """A hash of the questionnaire file (cached per file for the run)."""
    if path is None:
        return ref
    key = str(path)
    if key not in _QUESTIONNAIRES:
        try:
            _QUESTIONNAIRES[key] = _digest(path.read_bytes())
        except OSError:
            _QUESTIONNAIRES[key] = ref
    return _QUESTIONNAIRES[key]


def report_key(options: str, questionnaire: str, data: dict[str, Any]) -> str:
    """The key of one company's report: options, questionnaire and the answers' content."""
    content = json.dumps(
        data, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False
    ).encode()
    return _digest(options.encode(), questionnaire.encode(), content)


class Manifest:
    """Output file (relative to the output folder) → the key it was made from."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir
        self.path = out_dir / MANIFEST
        self.entries: dict[str, str] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError, AttributeError):
            data = json.loads(self.path.read_text("utf-8"))
            self.entries = {str(k): str(v) for k, v in data.get("outputs", {}).items()}

    def fresh(self, target: Path, key: str) -> bool:
        """Whether ``target`` exists and was made from exactly these inputs."""
        return target.exists() and self.entries.get(self._name(target)) == key

    def made(self, target: Path, key: str) -> None:
        """Record that ``target`` was made from ``key``."""
        self.entries[self._name(target)] = key
        self.changed = True

    def save(self) -> None:
        """Write the manifest (atomically) if anything was made."""
        if not self.changed:
            return
        data = {"ki_check": __version__, "outputs": dict(sorted(self.entries.items()))}
        atomic_write_text(
            self.path, json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
        )

    def _name(self, target: Path) -> str:
        try:
            return target.relative_to(self.dir).as_posix()
        except ValueError:
            return str(target)
