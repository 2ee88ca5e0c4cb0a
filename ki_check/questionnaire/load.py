"""Questionnaires: find, load and validate them.

:func:`validate_questionnaire` reads one YAML file and returns the model (or
``None``) with *all* findings; :func:`load_questionnaire` is the strict front
door that raises :class:`~ki_check.errors.ValidationError` on any error. The
format is documented in ``docs/questionnaire-format.md``.
"""

from __future__ import annotations

from pathlib import Path

from ki_check.diagnostics import Issue, has_errors, join_ids, suggest
from ki_check.errors import NotFoundError, ValidationError
from ki_check.limits import MAX_PATH_CHARS
from ki_check.questionnaire.build import build_questionnaire
from ki_check.questionnaire.checks import SIGNAL_CATALOGUES
from ki_check.questionnaire.model import Questionnaire
from ki_check.util.cache import cached
from ki_check.util.resources import bundled_questionnaires
from ki_check.util.yamlsrc import load_yaml


def resolve_questionnaire_path(ref: str | Path) -> Path:
    """The file of a bundled questionnaire id (``kmu-basis``, ``kmu-basis@2.1``) or a path."""
    text = str(ref)
    if len(text) > MAX_PATH_CHARS:
        shown = text[:60] + "…"
        raise NotFoundError.coded("REF_003", name=shown, length=len(text))
    path = Path(text)
    try:
        is_path = path.suffix in (".yaml", ".yml") or path.exists() or "/" in text
        if is_path and not path.is_file():
            raise NotFoundError.coded("REF_004", text)
    except OSError as exc:  # a name too long for the file system, a loop of links, …
        shown = text if len(text) <= 80 else text[:79] + "…"
        raise NotFoundError.coded("REF_005", shown, length=len(text), reason=exc.strerror) from None
    if is_path:
        return path
    qid = text.split("@", 1)[0]
    bundled = bundled_questionnaires()
    if qid not in bundled:
        raise NotFoundError.coded(
            "REF_001", name=qid, bundled=join_ids(bundled), suggestion=suggest(qid, bundled)
        )
    return bundled[qid]


_cache: dict[tuple[str, int, int], Questionnaire] = {}


def load_questionnaire(ref: str | Path) -> Questionnaire:
    """Load and validate a questionnaire by bundled id or path.

    Raises :class:`~ki_check.errors.NotFoundError` for an unknown id or file and
    :class:`~ki_check.errors.ValidationError` (with every finding) for an
    invalid one. Warnings do not stop loading. Results are cached per file.
    """
    path = resolve_questionnaire_path(ref)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)

    def build() -> Questionnaire:
        q, issues = validate_questionnaire(path)
        if q is None or has_errors(issues):
            raise ValidationError(issues)
        return q

    q = _cache.get(key) or cached("questionnaire", path, build, deps=SIGNAL_CATALOGUES)
    text = str(ref)  # the version is checked on every call, cached or not
    if "@" in text and not Path(text).exists():
        wanted = text.split("@", 1)[1]
        if wanted != q.version:
            raise NotFoundError.coded("REF_002", name=q.id, found=q.version, wanted=wanted)
    _cache[key] = q
    return q


def validate_questionnaire(path: str | Path) -> tuple[Questionnaire | None, list[Issue]]:
    """Read ``path`` and check it completely.

    Returns the model (``None`` when errors prevent building it) and all
    findings, errors and warnings, in file order.
    """
    doc = load_yaml(path)
    q = build_questionnaire(doc, Path(path))
    issues = sorted(doc.issues, key=lambda i: (i.line or 0, i.col or 0))
    return (None if has_errors(issues) else q), issues
