"""Where bundled content lives, in a wheel and in a source checkout.

The wheel carries ``questionnaires/`` and ``report_templates/`` inside the
package (see ``pyproject.toml``); in a source checkout or an editable install
they sit at the top of the repository, next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # ki_check/


def bundled_dir(name: str) -> Path:
    """The folder ``name`` (``questionnaires``, ``report_templates``) shipped with ki-check."""
    inside = _PACKAGE_DIR / name  # installed from a wheel
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def data_file(name: str) -> Path:
    """A file from ``ki_check/data`` (baselines, later funding and advice)."""
    return _PACKAGE_DIR / "data" / name


def bundled_questionnaires() -> dict[str, Path]:
    """Bundled questionnaire ids (file stems) and their files, sorted by id."""
    folder = bundled_dir("questionnaires")
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}
