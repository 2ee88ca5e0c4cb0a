"""What every PDF shares: the document and brand context, the page frame, small helpers.

The report, the handout, the group summary and the portfolio overview all
start from :func:`page` (title, author, generator with the version, brand
colours and contact) and end in :func:`html` (the Jinja environment with the
brand's own templates first, the stylesheet with the page footer, the folders
the PDF may read). Built once here, they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from ki_check import __version__, fmt
from ki_check.i18n import fill, tr
from ki_check.render.brand import Brand
from ki_check.render.templates import (
    environment,
    render,
    stylesheet,
    template_dir,
    template_source,
)

if TYPE_CHECKING:
    from ki_check.advice.content import FirstStop
    from ki_check.assessment.baseline import BaselineSet
    from ki_check.funding.model import Programme
    from ki_check.questionnaire.model import Questionnaire


class Rendered(NamedTuple):
    """A document before layout: its HTML, the folder it is relative to, what it may read.

    ``as_of`` is the day the document speaks for; the PDF's creation date is taken
    from it, so the same input gives the same bytes.
    """

    html: str
    base_dir: Path
    roots: tuple[Path, ...]
    as_of: dt.date | None = None


class Catalogues(NamedTuple):
    """The content a document prints beside its subject, loaded by its caller.

    Render never loads a catalogue: the application functions (``documents/``,
    ``batch/``) read them and hand them in. ``programmes`` and ``first_stops``
    may stay empty where a document shows none (a form without funding).
    """

    baselines: BaselineSet
    programmes: tuple[Programme, ...] = ()
    first_stops: tuple[FirstStop, ...] = ()


def page(title: str, lang: str, t: dict[str, str], brand: Brand, **doc: Any) -> dict[str, Any]:
    """The context every template starts from: language, labels, document data, brand.

    ``doc`` overrides the document data (``author``); ``draft`` marks a draft.
    Returns a new dict the caller adds its own keys to.
    """
    draft = bool(doc.pop("draft", False))
    return {
        "lang": lang,
        "t": t,
        "doc": {
            "title": title,
            "author": brand.organisation or "ki-check",
            "organisation": brand.organisation,
            "generator": f"ki-check {__version__}",
            "footer": footer(brand, t),
            **doc,
        },
        "draft": draft,
        "brand": {
            "organisation": brand.organisation,
            "contact": brand.contact,
            "primary": brand.colours["primary"],
            "accent": brand.colours["accent"],
        },
    }


def footer(brand: Brand, t: dict[str, str]) -> str:
    """The footer of every page but the first, the same in every PDF.

    ``HWK Musterstadt · Erstellt mit ki-check 0.1.0`` (``Made with …`` in English);
    without a brand organisation only the second part. Returns the text.
    """
    made = f"{t['generated_by']} {__version__}"
    return f"{brand.organisation} · {made}" if brand.organisation else made


def logo_url(brand: Brand) -> str | None:
    """The brand's logo as a ``file:`` URL for the cover, or ``None``."""
    return brand.logo.as_uri() if brand.logo else None


def html(
    template: str,
    context: dict[str, Any],
    brand: Brand,
    *,
    as_of: dt.date | None,
    extra_css: str | None = None,
) -> Rendered:
    """Render ``template`` with ``context`` and the stylesheet (plus ``extra_css``).

    Raises :class:`~ki_check.errors.TemplateError` for a broken template.
    """
    env = environment(brand.templates)
    css = stylesheet(env, "report.css", context["t"])
    if extra_css is not None:
        source = template_source(env, extra_css)
        # str(): Markup + str would HTML-escape the stylesheet (``>`` selectors, quotes)
        css = Markup(str(css) + "\n" + source)
    context["css"] = css
    roots = tuple(p for p in (template_dir(), brand.root, brand.templates) if p is not None)
    return Rendered(render(env, template, context), template_dir(), roots, as_of)


# --- small helpers the views share ---------------------------------------------------------
def cap(text: str) -> str:
    """``text`` with its first letter upper case."""
    return text[:1].upper() + text[1:]


def num(x: float, lang: str) -> str:
    """``3``, ``1,5``, ``0,25``: as many decimals as the value has (at most two)."""
    decimals = next((d for d in (0, 1) if float(x * 10**d).is_integer()), 2)
    return fmt.number(x, lang, decimals)


def level_text(p: Programme, t: dict[str, str]) -> str:
    """Who funds a programme: ``Land TH``, ``Bund``, ``EU``."""
    if p.level == "land":
        return f"{t['ho_level_land']} {', '.join(p.states)}"
    return t[f"ho_level_{p.level}"]


def stage_rows(q: Questionnaire, lang: str, t: dict[str, str]) -> list[dict[str, str]]:
    """The stages of ``q`` with their score ranges, worded by the labels ``ho_range*``."""
    rows = []
    for i, s in enumerate(q.stages):
        key = "ho_range_last" if i == len(q.stages) - 1 else "ho_range"
        rows.append(
            {
                "label": tr(s.label, lang),
                "range": fill(t[key], min=num(s.min, lang), max=num(s.max, lang)),
                "description": tr(s.description, lang) if s.description else "",
            }
        )
    return rows
