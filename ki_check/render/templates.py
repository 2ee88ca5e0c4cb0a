"""The Jinja environment: strict, autoescaping, user templates before ours."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ki_check.errors import ValidationError
from ki_check.i18n import fill
from ki_check.model import Questionnaire
from ki_check.resources import bundled_dir
from ki_check.yamlsrc import load_yaml


def template_dir() -> Path:
    """The bundled ``report_templates`` folder."""
    return bundled_dir("report_templates")


def environment(extra: Path | None = None) -> Environment:
    """Templates from ``extra`` (a brand's folder) first, then the bundled ones.

    Autoescaping is on for every template, so text a company typed can never
    become markup; ``StrictUndefined`` makes a missing value an error instead
    of a blank in a client's PDF.
    """
    loaders = [FileSystemLoader(str(extra))] if extra else []
    loaders.append(FileSystemLoader(str(template_dir())))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _labels_file(path: Path) -> dict[str, dict[str, str]]:
    doc = load_yaml(path)
    if doc.issues or not isinstance(doc.data, dict):
        raise ValidationError(doc.issues)
    return doc.data


def labels(lang: str, extra: Path | None = None) -> dict[str, str]:
    """The fixed report texts in ``lang``; a brand folder's labels.yaml overrides keys."""
    out = dict(_labels_file(template_dir() / "labels.yaml")[lang])
    if extra and (extra / "labels.yaml").is_file():
        out.update(_labels_file(extra / "labels.yaml").get(lang, {}))
    return out


def with_scoring(q: Questionnaire, t: dict[str, str]) -> dict[str, str]:
    """The labels with the scoring method worded for ``q``'s ``scoring`` settings.

    ``method_scoring`` gets ``{missing}`` (empty answers left out or counted 0)
    and ``{rounding}`` filled in; ``ho_how_2`` and ``ho_rule_matrix`` say what
    "don't know" and empty rows do. A
    brand's own ``method_scoring`` without placeholders is kept as it is.
    """
    rules = q.scoring
    out = dict(t)
    missing = t.get(f"scoring_{rules.unanswered}", "")
    rounding = t.get(f"rounding_{rules.rounding}", "")
    out["method_scoring"] = fill(t["method_scoring"], missing=missing, rounding=rounding)
    if rules.unanswered == "zero":
        for key in ("ho_how_2", "ho_rule_matrix"):
            if f"{key}_zero" in t:
                out[key] = t[f"{key}_zero"]
    return out


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (backslash escapes, no markup)."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-–()" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def stylesheet(env: Environment, name: str, t: dict[str, str]) -> Markup:
    """The template's CSS (a brand folder may replace it) plus the page-number footer."""
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    page, of = css_string(t["page"] + " "), css_string(" " + t["of"] + " ")
    footer = f"@page {{ @bottom-right {{ content: {page} counter(page) {of} counter(pages); }} }}"
    return Markup(source + "\n" + footer)


def render(env: Environment, template: str, context: dict[str, Any]) -> str:
    """Render ``template`` with ``context`` to an HTML string."""
    return env.get_template(template).render(**context)
