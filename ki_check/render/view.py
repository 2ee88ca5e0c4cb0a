"""The report's view model: every text, number and chart precomputed for the templates.

Templates only loop and print; all decisions about the page (what to show, in
which order, how to format) are made here and in :mod:`view_answers` and
:mod:`view_funding`, in pure functions a test can call. The advice itself —
actions, tiers, the shortlist, the light, strengths — comes from the
:class:`~ki_check.assessment.assess.Assessment` and is only laid out.

The report has four parts (``docs/report.md``): the cover, a two-page management
summary, the details and the appendix; ``full`` keeps every answer and every
verdict in the appendix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ki_check import fmt
from ki_check.assessment.explain import baseline_sentences
from ki_check.assessment.profile import SECTORS, SIZE_CLASSES, STATES
from ki_check.i18n import tr
from ki_check.render.brand import Brand
from ki_check.render.charts import Bar, bar_chart
from ki_check.render.document import cap, page
from ki_check.render.view_answers import answer_text, appendix_answers, dimensions, profile_chart
from ki_check.render.view_funding import (
    check_first,
    count_text,
    funding_details,
    funding_verdicts,
    plan_view,
    shortlist,
)
from ki_check.render.view_history import development_line, development_view, peers_view

if TYPE_CHECKING:
    from ki_check.advice.priorities import Action
    from ki_check.archive.history import ReportHistory
    from ki_check.archive.queries import PeerChoice
    from ki_check.assessment.assess import Assessment
    from ki_check.assessment.scoring import ScoreResult

__all__ = ["answer_text", "plan_view", "report_view"]

SUMMARY_ACTIONS = 3
# the stop of the network the summary names besides the nearest one
ZENTRUM_KIND = "mittelstand_digital"


def report_view(
    a: Assessment,
    *,
    lang: str,
    labels: dict[str, str],
    brand: Brand,
    logo_url: str | None = None,
    full: bool = False,
    history: ReportHistory | None = None,
) -> dict[str, Any]:
    """Everything the report template shows, laid out from the assessment (no advice decided).

    ``full`` lists every answer with its recommendations and every funding verdict
    in the appendix; the default keeps the report to its page budget. ``history``
    (:func:`ki_check.archive.history.report_history`) adds the development since the last
    assessment and the peer group where the archive has them.
    """
    t = labels
    q, af, result = a.questionnaire, a.answers, a.result
    c = af.company
    title = f"{t['report_title']} – {c.name}" if c.name else t["report_title"]
    advisor = af.interview.advisor or ""
    context = page(title, lang, t, brand, draft=af.interview.status != "complete")
    if advisor:
        context["doc"]["author"] = advisor
    return {
        **context,
        "full": full,
        "cover": _cover(a, lang, t, brand, logo_url),
        "summary": _summary(a, lang, t, brand, history),
        "development": development_view(history.development, a, lang, t, brand.colours)
        if history and history.development
        else None,
        "profile": profile_chart(result, q, lang, t, brand.colours),
        "dimensions": dimensions(a, lang, t),
        "use_cases": _use_cases(a, lang, t),
        "barriers": _barriers(a, lang),
        "ai_act": _ai_act(a, lang, t),
        "funding": funding_details(a, lang, t),
        "plan": plan_view(a.actions, lang, t),
        "first_stops": [
            {"name": x.title(lang), "focus": tr(x.focus, lang), "url": x.url} for x in a.first_stops
        ],
        "appendix": {
            "answers": appendix_answers(a, lang, t, full=full),
            "funding": funding_verdicts(a, lang, t, full=full),
        },
        "method": _method(a, lang),
    }


# --- cover --------------------------------------------------------------------------
def _cover(
    a: Assessment, lang: str, t: dict[str, str], brand: Brand, logo_url: str | None
) -> dict[str, Any]:
    af, result = a.answers, a.result
    c = af.company
    facts = []
    if c.state:
        facts.append(tr(STATES[c.state], lang))
    if c.sector:
        facts.append(f"{c.sector} – {tr(SECTORS[c.sector], lang)}")
    if c.employees is not None:
        facts.append(f"{fmt.number(c.employees, lang, 0)} {t['employees']}")
    day = af.interview.date or result.as_of.isoformat()
    return {
        "company": c.name or "—",
        "facts": " · ".join(facts),
        "date": fmt.date(day, lang),
        "advisor": af.interview.advisor or "",
        "organisation": brand.organisation,
        "logo_url": logo_url,
        "questionnaire": tr(a.questionnaire.title, lang),
        "version": a.questionnaire.version,
        "as_of": fmt.date(result.as_of, lang),
    }


# --- the management summary (two pages) ------------------------------------------------
def _peers(
    history: ReportHistory | None, a: Assessment, lang: str, t: dict[str, str], brand: Brand
) -> dict[str, Any] | None:
    if history is None or history.peers is None:
        return None
    p = history.peers
    return peers_view(p, history.peer_position, a, lang, t, brand.colours, brand.organisation)


def _summary(
    a: Assessment, lang: str, t: dict[str, str], brand: Brand, history: ReportHistory | None = None
) -> dict[str, Any]:
    result = a.result
    development = history.development if history else None
    peers = history.peers if history else None
    b = result.baseline
    actions = a.actions[:SUMMARY_ACTIONS]
    stops = _stops(a, lang)
    return {
        "overall": fmt.number(result.overall, lang, result.decimals)
        if result.overall is not None
        else None,
        "provisional": a.provisional,  # the big number is marked, not only the stage
        "comparability": tr(result.comparability, lang) if result.comparability else "",
        "stage": _stage(a, lang, t),
        "stage_description": tr(result.stage.description, lang)
        if result.stage and result.stage.description and not a.provisional
        else "",
        "coverage": fmt.percent(result.coverage, lang, decimals=0),
        "low_coverage": t["low_coverage"].format(
            coverage=fmt.percent(result.coverage, lang),
            limit=fmt.percent(a.provisional_below, lang, decimals=0),
        )
        if a.provisional
        else "",
        "baseline": baseline_sentences(b, lang) if b else [],
        "position": _position(a, lang),
        "position_sentence": tr(b.position_sentence, lang) if b else "",
        "baseline_chart": _baseline_chart(result, lang, brand.colours, peers, t)
        if b
        else Markup(""),
        "development": development_line(development, lang, t) if development else "",
        "peers": _peers(history, a, lang, t, brand),
        "red_flags": [
            {"title": tr(x.title, lang), "article": _article(x, lang), "text": tr(x.text, lang)}
            for x in a.act_items
            if x.level == "red"
        ],
        "actions": _first_steps(actions, lang, t),
        "more_actions": count_text(t, "more_actions", len(a.actions) - len(actions)),
        "shortlist": shortlist(a, lang, t),
        "check_first": check_first(a, lang, t),
        "strengths": [
            f"{tr(d.label, lang)} ({fmt.number(d.score, lang)})"  # type: ignore[arg-type]
            for d in a.strengths
        ],
        "no_strengths": t["no_strengths"].format(min=fmt.number(a.strength_from, lang, 0)),
        "gaps": _gap_lines(a, lang),
        "no_gaps": t["provisional_gaps"] if a.provisional else t["no_gaps"],
        "contact": _contact(a, brand),
        "stops": stops,
        "more_stops": [
            x.title(lang) for x in a.first_stops if x.title(lang) not in {s["name"] for s in stops}
        ],
        "conclusion": a.conclusion or "",
        "follow_up": fmt.date(a.follow_up, lang) if a.follow_up else "",
    }


def _first_steps(actions: Sequence[Action], lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    """The summary's first steps, numbered; a legal one is due now."""
    return [
        {
            "number": i,
            "title": tr(x.title, lang),
            "when": t[f"horizon_{x.when}"],
            "urgent": x.kind == "legal",
            "owner": tr(x.owner, lang),
            "duration": tr(x.duration, lang) if x.duration else "",
            "why": tr(x.why, lang),
        }
        for i, x in enumerate(actions, start=1)
    ]


def _position(a: Assessment, lang: str) -> str:
    """The position's label, left out where it only repeats the stage ("Am Anfang")."""
    b, stage = a.result.baseline, a.result.stage
    if b is None:
        return ""
    label = tr(b.position_label, lang)
    if stage is not None and label.casefold() == tr(stage.label, lang).casefold():
        return ""
    return cap(label)


def _stage(a: Assessment, lang: str, t: dict[str, str]) -> str | None:
    """The stage's label, marked provisional where the assessment says so."""
    stage = a.result.stage
    if stage is None:
        return None
    label = tr(stage.label, lang)
    return f"{label} ({t['provisional']})" if a.provisional else label


def _gap_lines(a: Assessment, lang: str) -> list[str]:
    """The three costliest dimension gaps with their score."""
    return [
        f"{tr(g.dimension.label, lang)} ({fmt.number(g.dimension.score, lang)})"  # type: ignore[arg-type]
        for g in a.summary_gaps
    ]


def _contact(a: Assessment, brand: Brand) -> dict[str, Any]:
    """Who the company calls: the brand's contact, else the advisor of the interview."""
    c = brand.contact
    name = c.get("name") or a.answers.interview.advisor or ""
    reach = [c[k] for k in ("phone", "email", "web") if c.get(k)]
    return {"name": name, "organisation": brand.organisation, "reach": reach}


def _stops(a: Assessment, lang: str) -> list[dict[str, str]]:
    """The nearest free first stop and, if that is none, the nearest Zentrum."""
    stops = list(a.first_stops[:1])
    zentrum = next((s for s in a.first_stops if s.kind == ZENTRUM_KIND), None)
    if zentrum is not None and zentrum not in stops:
        stops.append(zentrum)
    return [{"name": s.title(lang), "focus": tr(s.focus, lang), "url": s.url} for s in stops]


def _baseline_chart(
    result: ScoreResult,
    lang: str,
    colours: dict[str, str],
    peers: PeerChoice | None = None,
    t: dict[str, str] | None = None,
) -> Markup:
    """Today's figure for the size class, the 2019 figure, the peer group of the archive
    (its share using AI, where it is large enough) and the company itself."""
    b = result.baseline
    assert b is not None
    region = "Deutschland" if lang == "de" else "Germany"
    if b.region == "EU":
        region = "EU"
    bars = []
    now = b.current
    if now is not None and (now.size_class or now.short):
        # today's figure for the company's size first, the strategy's starting point after it
        label = tr(now.short, lang) if now.short else tr(SIZE_CLASSES[now.size_class], lang)  # type: ignore[index]
        label = cap(label.split(" (")[0])
        bars.append(
            Bar(f"{label} {now.baseline.when}", now.share * 100, fmt.percent(now.share, lang))
        )
    if b.trade is not None:  # the company's trade beside its size class
        short = tr(b.trade.short or b.trade.label, lang)
        bars.append(
            Bar(f"{short} {b.trade.when}", b.trade.share * 100, fmt.percent(b.trade.share, lang))
        )
    bars.append(Bar(f"{region} {b.year}", b.share * 100, fmt.percent(b.share, lang)))
    group = peers.group if peers else None
    if group is not None and group.placed and group.adopters is not None and t is not None:
        share = group.adopters / group.placed
        label = t["peers_chart_group"].format(n=group.placed)
        bars.append(Bar(label, share * 100, fmt.percent(share, lang, decimals=0)))
    uses = b.adopter
    you = "Ihr Unternehmen" if lang == "de" else "Your company"
    status = {
        True: "nutzt KI produktiv" if lang == "de" else "uses AI productively",
        False: "nutzt KI noch nicht produktiv"
        if lang == "de"
        else "does not use AI productively yet",
        None: "KI-Einsatz nicht angegeben" if lang == "de" else "AI use not stated",
    }[uses]
    # the company is one firm, not a share: no bar on the share axis, only its status
    # (a full-length bar read as "100 %"; docs/report.md)
    bars.append(Bar(f"{you}", None, status, highlight=True))
    title = (
        "Anteil der Unternehmen, die KI nutzen" if lang == "de" else "Share of companies using AI"
    )
    desc = "; ".join(f"{x.label}: {x.value_text}" for x in bars)
    maximum = max(50.0, *(x.value or 0 for x in bars if not x.highlight))
    return bar_chart(
        bars,
        uid="baseline",
        title=title,
        description=desc,
        maximum=maximum,
        colour=colours["primary"],
        highlight=colours["accent"],
        row=21,
    )


# --- details: use cases, barriers, the AI Act ------------------------------------------
def _use_cases(a: Assessment, lang: str, t: dict[str, str]) -> list[dict[str, str]]:
    return [
        {
            "title": tr(u.title, lang),
            "description": tr(u.description, lang),
            "data": tr(u.needs_data, lang),
            "skills": tr(u.needs_skills, lang),
            "effort": t[f"effort_{u.effort}"],
            "benefit": tr(u.benefit, lang),
        }
        for u in a.use_cases
    ]


def _barriers(a: Assessment, lang: str) -> list[dict[str, Any]]:
    """The barriers, named by the company first, then those its answers show."""
    return [
        {
            "label": tr(b.label, lang),
            "figure": tr(b.figure, lang),
            "recommendation": tr(b.recommendation, lang),
            "named": bool(b.named),
        }
        for b in a.barriers
    ]


def _article(x: Any, lang: str) -> str:
    """The article cited in ``lang`` ("Anhang III" / "Annex III"), German where only that."""
    return tr(x.citation, lang) if x.citation else x.article


def _ai_act(a: Assessment, lang: str, t: dict[str, str]) -> dict[str, Any]:
    items = [
        {
            "title": tr(x.title, lang),
            "article": _article(x, lang),
            "date": tr(x.when, lang),
            "pending": [tr(p, lang) for p in x.pending],
            "level": x.level or "none",
            "level_label": t[f"level_{x.level or 'none'}"],
            "text": tr(x.text, lang),
            "provider": tr(x.provider, lang),
        }
        for x in a.act_items
    ]
    clarify = [
        {
            "title": tr(c.title, lang),
            "text": tr(c.text, lang),
            "source": tr(c.cited, lang) if c.cited else c.source,
            "url": c.url,
        }
        for c in a.clarify
    ]
    return {
        "regime": tr(a.act_regime, lang),
        "items": items,
        "clarify": clarify,
        "any": bool(a.ai_act) or bool(clarify),
        "role": t["role_none_provisional"]
        if a.provisional and a.role == "none"
        else t[f"role_{a.role}"],
    }


# --- appendix: method and sources -------------------------------------------------------
def _method(a: Assessment, lang: str) -> dict[str, Any]:
    used = [
        {
            "label": tr(x.label, lang),
            "share": fmt.percent(x.share, lang),
            "population": tr(x.population, lang),
            "source": x.source,
            "url": x.url,
            "checked": fmt.date(x.checked, lang),
            "note": tr(x.note, lang) if x.note else "",
        }
        for x in a.baselines_used
    ]
    return {"baselines": used, "as_of": fmt.date(a.as_of, lang)}
