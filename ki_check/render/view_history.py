"""The report's development since the last assessment and its peer group, laid out.

Both are computed by :mod:`ki_check.archive.history` (the comparison by
:func:`ki_check.compare.compare`, the group by
:func:`ki_check.archive.queries.peer_group_for`); this module only turns them into
texts and charts: the line of the summary, the details section with its chart, and
the peer group beside the baseline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ki_check import fmt
from ki_check.assessment.profile import SECTORS
from ki_check.i18n import tr
from ki_check.render.charts import Pair, change_chart

if TYPE_CHECKING:
    from ki_check.archive.compare import Comparison, Side
    from ki_check.archive.queries import PeerChoice
    from ki_check.assessment.assess import Assessment

LISTED = 3  # gaps closed, gaps opened and actions done: the first three, then a count


def signed(x: float, lang: str) -> str:
    """``+12,4``, ``−3,0`` (minus sign), ``±0,0``."""
    sign = "+" if x > 0 else "−" if x < 0 else "±"
    return sign + fmt.number(abs(x), lang)


def month(day: str) -> str:
    """``2025-03-14`` → ``03/2025``."""
    return f"{day[5:7]}/{day[:4]}"


def _stage(value: dict[str, Any] | None, lang: str) -> str:
    return tr(value["label"], lang) if value else "–"


def stage_change(c: Comparison, lang: str, t: dict[str, str]) -> str:
    """``Stufe Entdecker → Gestalter``, or ``Stufe unverändert: Entdecker``."""
    before, after = _stage(c.stage_before, lang), _stage(c.stage_after, lang)
    if (c.stage_before or {}).get("id") == (c.stage_after or {}).get("id"):
        return t["development_stage_same"].format(stage=after)
    return t["development_stage"].format(before=before, after=after)


def development_line(c: Comparison, lang: str, t: dict[str, str]) -> str:
    """The summary's line: ``+12,4 Punkte seit 03/2025 · Stufe Entdecker → Gestalter``."""
    since = month(c.before.as_of)
    if c.overall.delta is not None:
        head = t["development_points"].format(delta=signed(c.overall.delta, lang), since=since)
    else:
        head = t["development_since"].format(since=since)
    return f"{head} · {stage_change(c, lang, t)}"


def _source(side: Side, t: dict[str, str]) -> str:
    """Where the earlier assessment came from: the archive number or the file's name only
    (a folder path says nothing to the company and may say too much)."""
    if side.source.startswith("#"):
        return t["development_archive_no"].format(n=side.source[1:])
    return t["development_file"].format(name=side.source.replace("\\", "/").rsplit("/", 1)[-1])


def _listed(items: list[dict[str, Any]], key: str, lang: str, t: dict[str, str]) -> str:
    """The first :data:`LISTED` texts joined by `` · ``, then ``und 2 weitere``; ``""`` for none."""
    texts = [tr(x.get(key), lang) or x.get("question") or x.get("id") or "" for x in items]
    shown = " · ".join(texts[:LISTED])
    if len(texts) > LISTED:
        shown += " " + t["development_more"].format(n=len(texts) - LISTED)
    return shown


def development_view(
    c: Comparison, a: Assessment, lang: str, t: dict[str, str], colours: dict[str, str]
) -> dict[str, Any]:
    """The details section: where the earlier assessment came from, the overall change,
    the chart (before and after per dimension with the change, stage limits dashed and a
    text alternative; it takes the place of the profile chart), gaps closed and opened,
    and the actions of the earlier plan that are done or no longer needed."""
    before_day = fmt.date(c.before.as_of, lang, "medium")
    after_day = fmt.date(c.after.as_of, lang, "medium")
    legend = (
        t["development_legend_before"].format(date=before_day),
        t["development_legend_after"].format(date=after_day),
    )
    rows, spoken = [], []
    for d in c.dimensions:
        if d.before is None and d.after is None:
            continue
        b = fmt.number(d.before, lang) if d.before is not None else "–"
        n = fmt.number(d.after, lang) if d.after is not None else "–"
        change = f" ({signed(d.delta, lang)})" if d.delta is not None else ""
        label = tr(d.label, lang)
        rows.append(Pair(label, d.before, d.after, f"{n}{change}"))
        spoken.append(t["development_chart_row"].format(label=label, values=f"{b} → {n}{change}"))
    description = "; ".join(spoken)
    chart = change_chart(
        rows,
        uid="profile",
        title=t["development_chart_title"].format(before=before_day, after=after_day),
        description=description,
        legend=legend,
        colour=colours["primary"],
        bands=[s.max for s in a.questionnaire.stages[:-1]],
        row=16,
    )
    o = c.overall
    overall = ""
    if o.before is not None and o.after is not None and o.delta is not None:
        overall = t["development_overall"].format(
            before=fmt.number(o.before, lang),
            after=fmt.number(o.after, lang),
            delta=signed(o.delta, lang),
        )
    who = f" ({c.before.advisor})" if c.before.advisor else ""
    old_v, new_v = c.versions
    lists = [
        (t["development_closed"], _listed(c.gaps_closed, "text", lang, t)),
        (t["development_opened"], _listed(c.gaps_opened, "text", lang, t)),
        (t["development_done"], _listed(c.actions_done, "title", lang, t)),
    ]
    return {
        "earlier": t["development_earlier"].format(
            date=fmt.date(c.before.as_of, lang), who=who, source=_source(c.before, t)
        ),
        "overall": overall,
        "stage": stage_change(c, lang, t),
        "chart": chart,
        "versions": t["development_versions"].format(before=old_v, after=new_v)
        if old_v != new_v
        else "",
        "lists": [{"title": title, "text": text} for title, text in lists if text],
    }


# --- the peer group ------------------------------------------------------------------------
def peer_group_text(p: PeerChoice, lang: str, t: dict[str, str], organisation: str) -> str:
    """Which group it is: ``42 Unternehmen mit 10–49 Beschäftigten im Archiv (IHK …)``."""
    parts = {"n": p.group.n, "sector": "", "size": ""}
    if p.sector:
        parts["sector"] = t["peers_sector"].format(
            code=p.sector, name=tr(SECTORS.get(p.sector, {"de": p.sector}), lang)
        )
    if p.size:
        parts["size"] = t["peers_size"].format(staff=t[f"peers_staff_{p.size}"])
    head = t["peers_companies"].format(**parts).replace("  ", " ").strip()
    where = t["peers_archive_of"].format(org=organisation) if organisation else t["peers_archive"]
    return f"{head} {where}"


def peers_view(
    p: PeerChoice,
    position: str | None,
    a: Assessment,
    lang: str,
    t: dict[str, str],
    colours: dict[str, str],
    organisation: str,
) -> dict[str, Any]:
    """The peer group beside the baseline: which group it is, how many of it use AI
    (the bar in the baseline chart shows the share), its median score and middle half,
    and where the company lies (``position``, found by the archive)."""
    s = p.group.overall
    assert s is not None  # a chosen group always has its figures
    parts = [peer_group_text(p, lang, t, organisation)]
    if p.group.adopters is not None and p.group.placed:
        parts.append(t["peers_adopters"].format(n=p.group.adopters, of=p.group.placed))
    median, q1, q3 = (fmt.number(v, lang) for v in (s.median, s.q1, s.q3))
    parts.append(t["peers_figures"].format(median=median, q1=q1, q3=q3))
    overall = a.result.overall
    if position is not None:
        own = fmt.number(overall, lang)  # type: ignore[arg-type]
        parts.append(t["peers_you"].format(score=own, where=t[f"peers_{position}"]))
    return {"text": " ".join(parts)}
