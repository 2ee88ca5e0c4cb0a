"""The workshop's group summary: how many companies, spread per dimension, gaps, funding.

A view model of plain data for the template ``group.html``, laid out from a
:class:`~ki_check.assessment.group.GroupSummary` that the library computed;
:func:`group_html_for` renders it. The page frame comes from
:mod:`ki_check.render.document`, the adoption figures from the handout; the
baselines and the barriers (with the figure that fits the questionnaire) are
loaded by the caller, :mod:`ki_check.documents.handout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ki_check import fmt
from ki_check.assessment.group import (
    MIN_ANSWERS,
    DimensionSpread,
    GroupSummary,
    Member,
    Spread,
)
from ki_check.funding.model import KIND_TEXT
from ki_check.i18n import fill, tr
from ki_check.questionnaire.model import Questionnaire
from ki_check.render.brand import Brand
from ki_check.render.charts import FONT, Bar, bar_chart
from ki_check.render.document import (
    Rendered,
    cap,
    html,
    level_text,
    logo_url,
    num,
    page,
    stage_rows,
)
from ki_check.render.handout import adoption_figures
from ki_check.render.templates import labels

if TYPE_CHECKING:
    from ki_check.advice.content import Barrier
    from ki_check.assessment.baseline import BaselineSet


# --- the group summary ----------------------------------------------------------------
def group_view(
    q: Questionnaire,
    summary: GroupSummary,
    *,
    lang: str,
    labels: dict[str, str],
    brand: Brand,
    baselines: BaselineSet,
    barriers: Sequence[Barrier] = (),
    named: bool = False,
    logo_url: str | None = None,
) -> dict[str, Any]:
    """Everything the group template shows; company names only when ``named``.

    ``baselines`` gives the national figures and the wording of the positions,
    ``barriers`` the barriers the group named, each with its figure, most named first.
    """
    t = labels
    s = summary
    n = s.companies
    context = page(f"{t['grp_title']} – {tr(q.title, lang)}", lang, t, brand)
    figures = adoption_figures(baselines, s.as_of, lang, t, brand.colours)
    context.update(
        {
            "named": named,
            "cover": _cover(q, s, lang, t, brand, named, logo_url),
            "overall": _spread_view(s.overall, lang, t),
            "stage_chart": _stage_chart(s, lang, t, brand.colours),
            "stages": [
                {
                    "label": tr(sc.stage.label, lang),
                    "range": row["range"],
                    "count": fill(t["grp_of"], count=sc.companies, n=n),
                }
                for sc, row in zip(s.stages, stage_rows(q, lang, t), strict=True)
            ],
            "unscored": fill(t["grp_of"], count=s.unscored, n=n) if s.unscored else "",
            "provisional": fill(t["grp_of"], count=s.provisional, n=n) if s.provisional else "",
            "provisional_note": fill(
                t["grp_provisional_note"],
                count=s.provisional,
                limit=fmt.percent(s.provisional_below, lang, decimals=0),
            )
            if s.provisional
            else "",
            "range_chart": range_chart(s, q, lang, t, brand.colours["primary"]),
            "dimensions": [
                {
                    "label": tr(d.label, lang),
                    "weight": num(d.weight, lang),
                    **_spread_view(d.spread, lang, t),
                }
                for d in s.dimensions
            ],
            "adoption": _adoption_view(s, figures, baselines, lang, t, brand.colours),
            "figures": figures,
            "gaps": _gaps_view(q, s, lang, t),
            "barriers": _barriers_view(s, barriers, lang, t),
            "funding": _funding_view(s, lang, t),
            "members": _members_view(s, lang, t) if named else [],
            "skipped_files": [sk.path.name for sk in s.skipped] if named else [],
        }
    )
    return context


def _cover(
    q: Questionnaire,
    s: GroupSummary,
    lang: str,
    t: dict[str, str],
    brand: Brand,
    named: bool,
    logo_url: str | None,
) -> dict[str, Any]:
    rows = "_rows" if s.unit == "rows" else ""  # a sheet counts rows, a folder files
    return {
        "title": t["grp_title"],
        "questionnaire": f"{tr(q.title, lang)} · {t['version']} {q.version}",
        "organisation": brand.organisation,
        "logo_url": logo_url,
        "date": fmt.date(s.as_of, lang),
        "used": fill(t[f"grp_used{rows}"], used=s.companies, files=s.files),
        "skipped": fill(t[f"grp_skipped{rows}"], count=len(s.skipped)) if s.skipped else "",
        "privacy": t["grp_named"] if named else fill(t["grp_anonymous"], min=MIN_ANSWERS),
    }


def _stage_chart(s: GroupSummary, lang: str, t: dict[str, str], colours: dict[str, str]) -> Markup:
    """How many companies reached each stage (and how many have no score), as bars."""
    n = s.companies
    bars = [
        Bar(tr(sc.stage.label, lang), sc.companies, fill(t["grp_of"], count=sc.companies, n=n))
        for sc in s.stages
    ]
    if s.provisional:
        text = fill(t["grp_of"], count=s.provisional, n=n)
        bars.append(Bar(t["grp_provisional"], s.provisional, text))
    if s.unscored:
        bars.append(Bar(t["grp_no_score"], s.unscored, fill(t["grp_of"], count=s.unscored, n=n)))
    return bar_chart(
        bars,
        uid="stages",
        title=t["grp_stages"],
        description="; ".join(f"{b.label}: {b.value_text}" for b in bars),
        maximum=float(max(n, 1)),
        colour=colours["primary"],
        highlight=colours["accent"],
    )


def _gaps_view(
    q: Questionnaire, s: GroupSummary, lang: str, t: dict[str, str]
) -> list[dict[str, Any]]:
    dimensions = {d.id: d for d in q.dimensions}
    out = []
    for g in s.gaps:
        question = q.question_map[g.question]
        out.append(
            {
                "number": q.questions.index(question) + 1,
                "question": tr(question.text, lang),
                "dimension": tr(dimensions[g.dimension].label, lang),
                "count": fill(t["grp_of"], count=g.companies, n=s.firm),
            }
        )
    return out


def _funding_view(s: GroupSummary, lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "name": tr(pc.programme.name, lang),
            "kind": cap(tr(KIND_TEXT[pc.programme.kind], lang)),
            "level": level_text(pc.programme, t),
            "count": fill(t["grp_of"], count=pc.companies, n=s.companies),
        }
        for pc in s.funding
    ]


def _members_view(s: GroupSummary, lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "name": m.name or fill(t["grp_participant"], number=m.number),
            "overall": fmt.number(m.overall, lang) if m.overall is not None else "–",
            "stage": _member_stage(m, lang, t),
        }
        for m in s.members
    ]


def _member_stage(m: Member, lang: str, t: dict[str, str]) -> str:
    if m.stage is None:
        return t["grp_no_score"]
    label = tr(m.stage.label, lang)
    return f"{label} ({t['provisional']})" if m.provisional else label


def _spread_view(sp: Spread, lang: str, t: dict[str, str]) -> dict[str, Any]:
    if sp.figures is None:
        return {
            "shown": False,
            "n": sp.n,
            "mean": "",
            "min": "",
            "max": "",
            "hidden": t["grp_hidden"],
        }
    mean, lo, hi = sp.figures
    return {
        "shown": True,
        "n": sp.n,
        "mean": fmt.number(mean, lang),
        "min": fmt.number(lo, lang),
        "max": fmt.number(hi, lang),
        "hidden": "",
    }


def _adoption_view(
    s: GroupSummary,
    figures: dict[str, Any],
    baselines: BaselineSet,
    lang: str,
    t: dict[str, str],
    colours: dict[str, str],
) -> dict[str, Any]:
    if not s.adoption_shown:
        text = fill(t["grp_adoption_hidden"], min=MIN_ANSWERS, n=s.adoption_known)
        return {"text": text, "chart": Markup(""), "positions": ""}
    share = s.adopters / s.adoption_known
    text = fill(
        t["grp_adoption_text"],
        adopters=s.adopters,
        known=s.adoption_known,
        share=fmt.percent(share, lang, 0),
    )
    group = Bar(t["grp_this_group"], share * 100, fmt.percent(share, lang, 0), highlight=True)
    bars = [group, *figures["bars"]]
    chart = bar_chart(
        bars,
        uid="group-adoption",
        title=t["ho_adoption_chart"],
        description="; ".join(f"{b.label}: {b.value_text}" for b in bars),
        maximum=max(50.0, *(b.value or 0 for b in bars)),
        colour=colours["primary"],
        highlight=colours["accent"],
    )
    return {"text": text, "chart": chart, "positions": _positions(s, baselines, lang, t)}


def _positions(s: GroupSummary, baselines: BaselineSet, lang: str, t: dict[str, str]) -> str:
    """``Einordnung: bereits KI-Anwender 2 · startklar 1 · …`` (the baseline's categories)."""
    wording = baselines.positions
    parts = [
        f"{tr(wording[key]['label'], lang)} {s.positions.get(key, 0)}"
        for key in ("adopter", "ready", "emerging", "early", "unknown")
        if key in wording and (key != "unknown" or s.positions.get(key))
    ]
    return f"{t['grp_positions']}: " + " · ".join(parts)


def _barriers_view(
    s: GroupSummary, barriers: Sequence[Barrier], lang: str, t: dict[str, str]
) -> list[dict[str, str]]:
    counts = dict(s.barriers)
    return [
        {
            "label": tr(b.label, lang),
            "count": fill(t["grp_of"], count=counts[b.id], n=s.companies),
            "figure": tr(b.figure, lang),
        }
        for b in barriers
        if b.id in counts
    ]


def _range_words(figures: tuple[float, float, float] | None, lang: str, t: dict[str, str]) -> str:
    """A dimension's spread in the chart's description: mean, then lowest–highest."""
    if figures is None:
        return t["grp_hidden"]
    mean, lo, hi = figures
    return (
        f"{t['grp_mean']} {fmt.number(mean, lang)}, {fmt.number(lo, lang)}–{fmt.number(hi, lang)}"
    )


def range_chart(
    s: GroupSummary, q: Questionnaire, lang: str, t: dict[str, str], colour: str, width: int = 640
) -> Markup:
    """Per dimension: a bar to the group's mean and a line from its lowest to highest score.

    Drawn in dark ink on white with dashed stage limits, so it survives a grey-scale copier.
    """
    label_width, value_room, row, top = 200, 170, 30, 6
    plot = width - label_width - value_room
    height = top + row * len(s.dimensions) + 20
    x0 = label_width
    desc = "; ".join(
        f"{tr(d.label, lang)}: " + _range_words(d.spread.figures, lang, t) for d in s.dimensions
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" aria-labelledby="range-t range-d">'
        f'<title id="range-t">{escape(t["grp_range_chart"])}</title>'
        f'<desc id="range-d">{escape(desc)}</desc>'
    ]
    bands = [st.max for st in q.stages[:-1]]
    for b in bands:
        x = x0 + plot * b / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 17}" stroke="#8a8a8a"'
            ' stroke-width="1" stroke-dasharray="3 3"/>'
        )
    for i, d in enumerate(s.dimensions):
        parts.append(_range_row(d, top + i * row, x0, plot, row, lang, t, colour))
    for v in (0, *bands, 100):
        x = x0 + plot * v / 100
        parts.append(
            f'<text x="{x:.1f}" y="{height - 3}" text-anchor="middle" font-size="10" fill="#444"'
            f" {FONT}>{v:g}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _range_row(
    d: DimensionSpread,
    y: float,
    x0: float,
    plot: float,
    row: float,
    lang: str,
    t: dict[str, str],
    colour: str,
) -> str:
    """One dimension of the range chart: its label, the mean's bar, the min–max line."""
    parts = [
        f'<text x="{x0 - 8}" y="{y + row * 0.55:.1f}" text-anchor="end" font-size="12"'
        f' fill="#1b1b1b" {FONT}>{escape(tr(d.label, lang))}</text>'
        f'<rect x="{x0}" y="{y + 5}" width="{plot}" height="12" fill="#f1f1f1"'
        ' stroke="#9a9a9a" stroke-width="0.6"/>'
    ]
    sp = d.spread
    if sp.figures is not None:
        mean, lo, hi = sp.figures
        mean_x = x0 + plot * mean / 100
        lo_x, hi_x = x0 + plot * lo / 100, x0 + plot * hi / 100
        ly = y + 23
        parts.append(
            f'<rect x="{x0}" y="{y + 5}" width="{max(mean_x - x0, 1.5):.1f}" height="12"'
            f' fill="{colour}"/>'
            f'<line x1="{lo_x:.1f}" y1="{ly}" x2="{hi_x:.1f}" y2="{ly}" stroke="#000"'
            ' stroke-width="1.6"/>'
            f'<line x1="{lo_x:.1f}" y1="{ly - 4}" x2="{lo_x:.1f}" y2="{ly + 4}" stroke="#000"'
            ' stroke-width="1.6"/>'
            f'<line x1="{hi_x:.1f}" y1="{ly - 4}" x2="{hi_x:.1f}" y2="{ly + 4}" stroke="#000"'
            ' stroke-width="1.6"/>'
        )
        value = f"Ø {fmt.number(mean, lang)} ({fmt.number(lo, lang)}–{fmt.number(hi, lang)})"
    else:
        value = f"{t['grp_hidden']} (n = {sp.n})"
    parts.append(
        f'<text x="{x0 + plot + 8}" y="{y + row * 0.55:.1f}" font-size="11" font-weight="600"'
        f' fill="#1b1b1b" {FONT}>{escape(value)}</text>'
    )
    return "".join(parts)


def group_html_for(
    summary: GroupSummary,
    *,
    questionnaire: Questionnaire,
    lang: str,
    brand: Brand,
    baselines: BaselineSet,
    barriers: Sequence[Barrier] = (),
    named: bool = False,
) -> Rendered:
    """The group summary (answers to ``questionnaire``) as HTML; names only when ``named``.

    ``baselines`` and ``barriers`` (see :func:`group_view`) are loaded by the caller.
    """
    t = labels(lang, brand.templates)
    context = group_view(
        questionnaire,
        summary,
        lang=lang,
        labels=t,
        brand=brand,
        baselines=baselines,
        barriers=barriers,
        named=named,
        logo_url=logo_url(brand),
    )
    return html("group.html", context, brand, as_of=summary.as_of, extra_css="handout.css")
