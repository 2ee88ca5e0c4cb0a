"""The portfolio overview of a batch: stages, average profile, baseline, funding, ranking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ki_check import fmt
from ki_check.baseline import load_baselines
from ki_check.funding import load_funding
from ki_check.i18n import tr
from ki_check.render.brand import Brand
from ki_check.render.charts import Bar, bar_chart
from ki_check.render.templates import environment, labels, render, stylesheet, template_dir

RANKING_ROWS = 200


def portfolio_view(
    task: dict[str, Any], lang: str, t: dict[str, str], brand: Brand
) -> dict[str, Any]:
    """The overview as plain data (the task holds only totals, never single reports)."""
    count = task["count"]
    colours = brand.colours
    dims = task["dimensions"]
    names = task.get("labels", {})
    bars = [
        Bar(tr(names.get(k), lang) or k, v, fmt.number(v, lang))
        for k, v in sorted(dims.items(), key=lambda kv: -kv[1])
    ]
    profile = bar_chart(
        bars,
        uid="portfolio",
        title=t["portfolio_profile"],
        description="; ".join(f"{b.label}: {b.value_text}" for b in bars),
        colour=colours["primary"],
        highlight=colours["accent"],
    )
    adopters = task["positions"].get("adopter", 0)
    share = adopters / count if count else 0.0
    base = load_baselines().get()
    compare = bar_chart(
        [
            Bar(tr(base.label, lang), base.share * 100, fmt.percent(base.share, lang)),
            Bar(t["portfolio_adopters"], share * 100, fmt.percent(share, lang), highlight=True),
        ],
        uid="adoption",
        title=t["portfolio_baseline"],
        description=f"{fmt.percent(base.share, lang)} / {fmt.percent(share, lang)}",
        maximum=max(50.0, share * 100),
        colour=colours["primary"],
        highlight=colours["accent"],
    )
    programmes = {p.id: tr(p.name, lang) for p in load_funding()}
    ranking = task["ranking"]
    shown = ranking[:RANKING_ROWS]
    return {
        "count": fmt.number(count, lang, 0),
        "as_of": fmt.date(dt.date.fromisoformat(task["as_of"]), lang),
        "stages": [
            {
                "id": tr(names.get(f"stage:{k}"), lang) or k,
                "count": v,
                "share": fmt.percent(v / count, lang, 0),
            }
            for k, v in sorted(task["stages"].items())
        ],
        "profile": profile,
        "compare": compare,
        "adopters": fmt.percent(share, lang),
        "funding": [
            {"name": programmes.get(pid, pid), "count": n, "share": fmt.percent(n / count, lang, 0)}
            for pid, n in task["funding"]
        ],
        "ranking": [
            {"rank": i + 1, "name": name, "score": fmt.number(s, lang)}
            for i, (s, name) in enumerate(shown)
        ],
        "ranking_cut": len(ranking) > RANKING_ROWS,
    }


def portfolio_html(
    task: dict[str, Any], *, lang: str, brand: Brand
) -> tuple[str, Path, tuple[Path, ...]]:
    """The overview's HTML, the folder it is relative to, and the folders it may read."""
    env = environment(brand.templates)
    t = labels(lang, brand.templates)
    context = {
        "lang": lang,
        "t": t,
        "doc": {
            "title": t["portfolio_title"],
            "author": brand.organisation or "ki-check",
            "organisation": brand.organisation,
            "generator": "ki-check",
        },
        "draft": False,
        "brand": {
            "organisation": brand.organisation,
            "contact": brand.contact,
            "primary": brand.colours["primary"],
            "accent": brand.colours["accent"],
        },
        "p": portfolio_view(task, lang, t, brand),
        "css": stylesheet(env, "report.css", t),
    }
    html = render(env, "portfolio.html", context)
    roots = tuple(x for x in (template_dir(), brand.root, brand.templates) if x is not None)
    return html, template_dir(), roots
