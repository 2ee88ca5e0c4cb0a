"""The portfolio overview of a batch: stages, average profile, baseline, funding, ranking.

Laid out from the batch's running totals (:class:`ki_check.batch.portfolio.Portfolio`);
the baselines and the funding catalogue (for the programmes' names) are loaded by
the caller, :mod:`ki_check.batch.reports`, and handed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ki_check import fmt
from ki_check.assessment.explain import portfolio_baseline_sentences
from ki_check.i18n import fill, tr
from ki_check.render.brand import Brand
from ki_check.render.charts import Bar, bar_chart
from ki_check.render.document import Rendered, html, page
from ki_check.render.templates import labels

if TYPE_CHECKING:
    from ki_check.assessment.baseline import BaselineSet
    from ki_check.funding.model import Programme

RANKING_ROWS = 200


def portfolio_view(
    task: dict[str, Any],
    lang: str,
    t: dict[str, str],
    brand: Brand,
    baselines: BaselineSet,
    programmes: Sequence[Programme],
) -> dict[str, Any]:
    """The overview as plain data: totals, failed rows, one section per questionnaire.

    ``baselines`` gives the figures the portfolio is compared with (the batch's
    ``--baseline`` picks one, ``task["baseline"]``), ``programmes`` the names of the
    programmes the totals count by id.
    """
    names = {p.id: tr(p.name, lang) for p in programmes}
    where = (task.get("baseline"), task["as_of"])
    sections = [
        _section(s, i, lang, t, brand, names, baselines, where)
        for i, s in enumerate(task["sections"])
    ]
    failed = task.get("failed", 0)
    return {
        "count": fmt.number(task["count"], lang, 0),
        "as_of": fmt.date(dt.date.fromisoformat(task["as_of"]), lang),
        "failed": fill(t["portfolio_failed"], count=fmt.number(failed, lang, 0), n=failed)
        if failed
        else "",
        "failed_where": t["portfolio_failed_where"].format(
            files=" / ".join(task.get("listed_in", ["errors.csv"]))
        ),
        "several": len(sections) > 1,
        "sections": sections,
    }


def _section(
    s: dict[str, Any],
    index: int,
    lang: str,
    t: dict[str, str],
    brand: Brand,
    programmes: dict[str, str],
    baselines: BaselineSet,
    compared: tuple[str | None, str],
) -> dict[str, Any]:
    """One questionnaire: stages, baseline, profile, heat map, funding, ranking.

    ``compared``: the batch's ``--baseline`` (``None``: the default) and its as-of day.
    """
    baseline, as_of = compared
    count = s["count"]
    colours = brand.colours
    names = s.get("labels", {})
    profile = _profile_chart(s["dimensions"], names, index, lang, t, colours)
    adopters = s["positions"].get("adopter", 0)
    share = adopters / count if count else 0.0
    base = baselines.get(baseline)
    day = dt.date.fromisoformat(as_of)
    framing = portfolio_baseline_sentences(baselines, baseline, adopters, count, day, lang)
    bars = [Bar(tr(base.label, lang), base.share * 100, fmt.percent(base.share, lang))]
    now = baselines.current_figure(base, None, day)
    if now is not None:  # today's figure beside the chosen one, as in the report
        label = tr(now.baseline.label, lang)
        bars.append(Bar(label, now.share * 100, fmt.percent(now.share, lang)))
    compare = bar_chart(
        [
            *bars,
            Bar(t["portfolio_adopters"], share * 100, fmt.percent(share, lang), highlight=True),
        ],
        uid=f"adoption-{index}",
        title=t["portfolio_baseline"],
        description=" ".join(framing),
        maximum=max(50.0, share * 100),
        colour=colours["primary"],
        highlight=colours["accent"],
    )
    return {
        "title": tr(s["title"], lang),
        "ref": s["ref"],
        "count": fmt.number(count, lang, 0),
        "stages": _stage_rows(s, lang, t),
        "provisional": _provisional_note(s, lang, t),
        "profile": profile,
        "compare": compare,
        "framing": framing,
        "heat": heat_map(s, lang, colours["primary"]),
        "funding": [
            {"name": programmes.get(pid, pid), "count": n, "share": fmt.percent(n / count, lang, 0)}
            for pid, n in s["funding"]
        ],
        **_ranking(s["ranking"], lang, t),
    }


def _ranking(ranking: Sequence[Sequence[Any]], lang: str, t: dict[str, str]) -> dict[str, Any]:
    """The ranking's first rows, the note on shared names and whether rows were cut."""
    rows, twins = ranking_rows(ranking[:RANKING_ROWS], lang)
    return {
        "ranking": rows,
        "ranking_twins": fill(t["portfolio_same_name"], names=" · ".join(twins)) if twins else "",
        "ranking_cut": len(ranking) > RANKING_ROWS,
    }


def _stage_rows(s: dict[str, Any], lang: str, t: dict[str, str]) -> list[dict[str, str]]:
    """The stage table: each stage, then the provisional and the unscored ones if any."""
    count, names = s["count"], s.get("labels", {})
    return [
        {
            "id": tr(names.get(f"stage:{k}"), lang) or t[_STAGE_ROWS.get(k, "portfolio_no_stage")],
            "count": v,
            "share": fmt.percent(v / count, lang, 0) if count else "",
        }
        for k, v in s["stages"].items()
        if v or k not in _STAGE_ROWS
    ]


def _provisional_note(s: dict[str, Any], lang: str, t: dict[str, str]) -> str:
    """How many results are provisional and what they are left out of ("" for none)."""
    n = s["stages"].get("provisional", 0)
    if not n:
        return ""
    limit = fmt.percent(s["provisional_below"], lang, decimals=0)
    return fill(t["portfolio_provisional_note"], count=fmt.number(n, lang, 0), n=n, limit=limit)


# the rows of the stage table that are no stage, each with its label (shown only when used)
_STAGE_ROWS = {"provisional": "portfolio_provisional_stage", "none": "portfolio_no_stage"}


def ranking_rows(
    ranking: Sequence[Sequence[Any]], lang: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """The ranking's rows and the names that occur more than once.

    A name that two or more companies share is followed by each one's id
    (``Beta & Co. KG (K6)``), so the reader can tell them apart (docs/batch.md).
    """
    seen: dict[str, int] = {}
    for entry in ranking:
        seen[entry[1]] = seen.get(entry[1], 0) + 1
    rows = []
    for i, (v, name, *rest) in enumerate(ranking):
        rid = rest[0] if rest else name
        shown = f"{name} ({rid})" if seen[name] > 1 and rid != name else name
        rows.append({"rank": i + 1, "name": shown, "score": fmt.number(v, lang)})
    return rows, [n for n, k in seen.items() if k > 1]


def _profile_chart(
    dims: dict[str, float],
    names: dict[str, Any],
    index: int,
    lang: str,
    t: dict[str, str],
    colours: dict[str, str],
) -> Markup:
    """The questionnaire's mean score per dimension, highest first, as bars."""
    bars = [
        Bar(tr(names.get(k), lang) or k, v, fmt.number(v, lang))
        for k, v in sorted(dims.items(), key=lambda kv: -kv[1])
    ]
    return bar_chart(
        bars,
        uid=f"portfolio-{index}",
        title=t["portfolio_profile"],
        description="; ".join(f"{b.label}: {b.value_text}" for b in bars),
        colour=colours["primary"],
        highlight=colours["accent"],
    )


def heat_map(s: dict[str, Any], lang: str, colour: str) -> dict[str, Any]:
    """Rows: dimensions; columns: score bands; cells: share of companies, shaded by it."""
    bands = s["bands"]
    names = s.get("labels", {})
    heads = [f"{bands[i]:g}–{bands[i + 1]:g}" for i in range(len(bands) - 1)]
    rows = []
    for did, counts in s["heat"].items():
        n = sum(counts) or 1
        cells = []
        for c in counts:
            share = c / n
            cells.append(
                {
                    "text": fmt.percent(share, lang, 0) if c else "–",
                    "background": _shade(colour, share),
                    "dark": share > 0.5,
                }
            )
        rows.append({"label": tr(names.get(did), lang) or did, "cells": cells})
    return {"heads": heads, "rows": rows}


def _shade(colour: str, share: float) -> str:
    """``colour`` mixed with white: 0 → white, 1 → the full colour (``#rrggbb``)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        value = "1f4e79"
    rgb = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 + (c - 255) * share) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def portfolio_html(
    task: dict[str, Any],
    *,
    lang: str,
    brand: Brand,
    baselines: BaselineSet,
    programmes: Sequence[Programme],
) -> Rendered:
    """The overview of a batch (its running totals, ``task``) as HTML.

    ``baselines`` and ``programmes`` (see :func:`portfolio_view`) are loaded by the caller.
    """
    t = labels(lang, brand.templates)
    context = page(t["portfolio_title"], lang, t, brand)
    context["p"] = portfolio_view(task, lang, t, brand, baselines, programmes)
    return html("portfolio.html", context, brand, as_of=dt.date.fromisoformat(task["as_of"]))
