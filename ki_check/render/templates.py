"""The Jinja environment: sandboxed, strict, autoescaping, user templates before ours."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ki_check.errors import TemplateError, ValidationError
from ki_check.i18n import fill
from ki_check.questionnaire.model import Questionnaire
from ki_check.render.typography import typeset
from ki_check.render.wordbreak import break_long_words
from ki_check.util.resources import bundled_dir
from ki_check.util.yamlsrc import load_yaml


def template_dir() -> Path:
    """The bundled ``report_templates`` folder."""
    return bundled_dir("report_templates")


# What a template may compute: a string or list repeated, or a power, up to this size.
MAX_REPEAT = 100_000


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox: no ``__class__`` or other internals, no changing data.

    A brand folder's templates are code from outside the package; they run
    here, can only print and loop over the values they are given, and cannot
    build strings large enough to exhaust memory.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"exponent {right} is too large for a template")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(n, int)
                if sized and len(seq) * n > MAX_REPEAT:
                    raise SecurityError("a template may not build values this large")
        return super().call_binop(context, operator, left, right)


def environment(extra: Path | None = None) -> Environment:
    """Templates from ``extra`` (a brand's folder) first, then the bundled ones.

    Autoescaping is on for every template, so text a company typed can never
    become markup; ``StrictUndefined`` makes a missing value an error instead
    of a blank in a client's PDF. Every template runs in :class:`TemplateSandbox`
    (the bundled ones too, so they are held to the same rules a brand's are).
    """
    loaders = [FileSystemLoader(str(extra))] if extra else []
    loaders.append(FileSystemLoader(str(template_dir())))
    env = TemplateSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["shorten"] = shorten
    return env


def shorten(value: Any, length: int = 90) -> Markup:
    """A one-line text of at most ``length`` characters (cut with "…"), escaped.

    For the running page title: a company name of thousands of characters
    would otherwise be laid out again on every page.
    """
    text = value.striptags() if isinstance(value, Markup) else " ".join(str(value).split())
    if len(text) > length:
        text = text[: length - 1].rstrip() + "…"
    return escape(text)


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


def template_source(env: Environment, name: str) -> str:
    """The text of the file ``name`` where the environment finds it (a brand's folder first)."""
    loader = env.loader
    assert loader is not None  # environment() always gives one
    return loader.get_source(env, name)[0]


def stylesheet(env: Environment, name: str, t: dict[str, str]) -> Markup:
    """The template's CSS (a brand folder may replace it) plus the page-number footer."""
    source = template_source(env, name)
    page, of = css_string(t["page"] + " "), css_string(" " + t["of"] + " ")
    footer = f"@page {{ @bottom-right {{ content: {page} counter(page) {of} counter(pages); }} }}"
    return Markup(source + "\n" + footer)


def render(env: Environment, template: str, context: dict[str, Any]) -> str:
    """Render ``template`` with ``context`` to HTML: long words given break points, and no
    break between a number and its unit (:func:`ki_check.render.typography.typeset`).

    See :func:`ki_check.render.wordbreak.break_long_words`: without them one
    unbreakable word in a company name or note stalls the layout for minutes.
    Raises :class:`~ki_check.errors.TemplateError` naming the template file and
    line when a template is broken or does what templates may not.
    """
    try:
        html = env.get_template(template).render(**context)
    except TemplateSyntaxError as exc:
        raise _template_error(exc, exc.filename or exc.name or template, exc.lineno) from None
    except (SecurityError, UndefinedError, TemplateNotFound, OverflowError, TypeError) as exc:
        where, line = _template_frame(exc, env)
        raise _template_error(exc, where or template, line) from None
    return break_long_words(typeset(html))


def _template_frame(exc: BaseException, env: Environment) -> tuple[str | None, int | None]:
    """The template file and line where ``exc`` happened (Jinja maps its frames to them)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".css", ".j2")) or name == "<template>":
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_error(exc: BaseException, where: str, line: int | None) -> TemplateError:
    from ki_check.diagnostics import Issue

    code = "TMPL_001" if isinstance(exc, SecurityError) else "TMPL_002"
    return TemplateError.from_issue(Issue(code, where, line, None, {"reason": str(exc)}))
