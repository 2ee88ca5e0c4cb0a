"""The report's view model: every text, number and chart precomputed for the templates.

Templates only loop and print; all decisions (what to show, in which order,
how to format) are made here, in pure functions a test can call.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ki_check import __version__, fmt
from ki_check.advice import barriers_for
from ki_check.ai_act import act_statuses, clarify_points, load_ai_act
from ki_check.assessment import GAPS, STRENGTH_READINESS, Assessment
from ki_check.baseline import load_baselines
from ki_check.conditions import DONT_KNOW, NOT_RELEVANT
from ki_check.explain import baseline_comparison
from ki_check.funding import source_date
from ki_check.funding_tiers import FundingVerdict
from ki_check.i18n import tr
from ki_check.model import Question, Questionnaire
from ki_check.priorities import Action
from ki_check.profile import SECTORS, SIZE_CLASSES, STATES
from ki_check.render.brand import Brand
from ki_check.render.charts import Bar, bar_chart
from ki_check.scoring import DimensionResult, ScoreResult

LOW_COVERAGE = 0.6
HORIZONS = ("90d", "6m", "12m")


def report_view(
    a: Assessment,
    *,
    lang: str,
    labels: dict[str, str],
    brand: Brand,
    logo_url: str | None = None,
) -> dict[str, Any]:
    """Everything the report template shows, laid out from the assessment (no decisions)."""
    t = labels
    q, af, result = a.questionnaire, a.answers, a.result
    c = af.company
    title = f"{t['report_title']} – {c.name}" if c.name else t["report_title"]
    advisor = af.interview.advisor or ""
    organisation = brand.organisation
    return {
        "lang": lang,
        "t": t,
        "doc": {
            "title": title,
            "author": advisor or organisation or "ki-check",
            "organisation": organisation,
            "generator": f"ki-check {__version__}",
        },
        "draft": af.interview.status != "complete",
        "cover": _cover(q, af, result, lang, t, brand, logo_url),
        "summary": _summary(a, lang, t, brand.colours),
        "profile": _profile(result, q, lang, t, brand.colours),
        "dimensions": [_dimension(q, af, result, d, lang, t) for d in result.dimensions],
        "use_cases": _use_cases(a, lang, t),
        "barriers": _barriers(result, c.sector, lang),
        "ai_act": _ai_act(a, lang, t),
        "funding": _funding(a, lang, t),
        "plan": plan_view(a.actions, lang, t),
        "first_stops": [
            {"name": s.name, "focus": tr(s.focus, lang), "url": s.url} for s in a.first_stops
        ],
        "method": _method(result, lang, t),
        "brand": {
            "organisation": organisation,
            "contact": brand.contact,
            "primary": brand.colours["primary"],
            "accent": brand.colours["accent"],
        },
    }


# --- cover and summary ---------------------------------------------------------------
def _cover(q, af, result, lang, t, brand, logo_url) -> dict[str, Any]:
    c = af.company
    facts = []
    if c.state:
        facts.append(tr(STATES[c.state], lang))
    if c.sector:
        facts.append(f"{c.sector} – {tr(SECTORS[c.sector], lang)}")
    if c.employees is not None:
        facts.append(
            f"{fmt.number(c.employees, lang, 0)} "
            + ("Beschäftigte" if lang == "de" else "employees")
        )
    day = af.interview.date or result.as_of.isoformat()
    return {
        "company": c.name or "—",
        "facts": " · ".join(facts),
        "date": fmt.date(day, lang),
        "advisor": af.interview.advisor or "",
        "organisation": brand.organisation,
        "logo_url": logo_url,
        "questionnaire": tr(q.title, lang),
        "version": q.version,
        "as_of": fmt.date(result.as_of, lang),
    }


def _summary(a: Assessment, lang: str, t: dict, colours: dict[str, str]) -> dict[str, Any]:
    q, result = a.questionnaire, a.result
    b = result.baseline
    ready = min((s.min for s in q.stages if s.readiness == STRENGTH_READINESS), default=50.0)
    return {
        "overall": fmt.number(result.overall, lang, result.decimals)
        if result.overall is not None
        else None,
        "comparability": tr(result.comparability, lang) if result.comparability else "",
        "stage": tr(result.stage.label, lang) if result.stage else None,
        "stage_description": tr(result.stage.description, lang)
        if result.stage and result.stage.description
        else "",
        "coverage": fmt.percent(result.coverage, lang, decimals=0),
        "low_coverage": result.coverage < LOW_COVERAGE,
        "baseline_text": baseline_comparison(b, lang) if b else "",
        "position": tr(b.position_label, lang) if b else "",
        "position_sentence": tr(b.position_sentence, lang) if b else "",
        "baseline_chart": _baseline_chart(result, lang, colours) if b else Markup(""),
        "strengths": [
            f"{tr(d.label, lang)} ({fmt.number(d.score, lang)})"  # type: ignore[arg-type]
            for d in a.strengths
        ],
        "no_strengths": t["no_strengths"].format(min=fmt.number(ready, lang, 0)),
        "gaps": _gap_lines(a, lang, t),
        "next_steps": [
            f"{tr(x.title, lang)} ({t[f'horizon_{x.horizon}']}; {tr(x.owner, lang)})"
            for x in a.actions[:3]
        ],
        "conclusion": a.conclusion or "",
        "follow_up": fmt.date(a.follow_up, lang) if a.follow_up else "",
    }


def _gap_lines(a: Assessment, lang: str, t: dict) -> list[str]:
    """The three costliest dimension gaps, with the relevance pair that weighs most."""
    q = a.questionnaire
    lines = []
    for g in a.gaps[:GAPS]:
        line = f"{tr(g.dimension.label, lang)} ({fmt.number(g.dimension.score, lang)})"  # type: ignore[arg-type]
        pair = next((x for x in a.result.gaps if x.question == g.question), None)
        question = q.question(g.question) if g.question else None
        if pair is not None and question is not None:
            line += (
                f": {tr(question.text, lang)} ({t['gap_relevance']}"
                f" {fmt.percent(pair.relevance, lang, 0)}, {t['gap_use']}"
                f" {fmt.percent(pair.use, lang, 0)})"
            )
        lines.append(line)
    return lines


def _baseline_chart(result: ScoreResult, lang: str, colours: dict[str, str]) -> Markup:
    b = result.baseline
    assert b is not None
    region = "Deutschland" if lang == "de" else "Germany"
    if b.region == "EU":
        region = "EU"
    bars = []
    now = b.current
    if now is not None and (now.size_class or now.short):
        # today's figure for the company's size first, the chosen (older) one after it
        label = tr(now.short, lang) if now.short else tr(SIZE_CLASSES[now.size_class], lang)  # type: ignore[index]
        label = label.split(" (")[0]
        label = label[:1].upper() + label[1:]
        bars.append(
            Bar(f"{label} {now.baseline.when}", now.share * 100, fmt.percent(now.share, lang))
        )
    bars.append(Bar(f"{region} {b.year}", b.share * 100, fmt.percent(b.share, lang)))
    uses = b.adopter
    you = "Ihr Unternehmen" if lang == "de" else "Your company"
    status = {
        True: "nutzt KI produktiv" if lang == "de" else "uses AI productively",
        False: "nutzt KI noch nicht produktiv"
        if lang == "de"
        else "does not use AI productively yet",
        None: "KI-Einsatz nicht angegeben" if lang == "de" else "AI use not stated",
    }[uses]
    bars.append(Bar(f"{you}", 100.0 if uses else None, status, highlight=True))
    title = (
        "Anteil der Unternehmen, die KI nutzen" if lang == "de" else "Share of companies using AI"
    )
    desc = "; ".join(f"{x.label}: {x.value_text}" for x in bars)
    maximum = max(50.0, *(x.value or 0 for x in bars if not x.highlight)) if not uses else 100.0
    return bar_chart(
        bars,
        uid="baseline",
        title=title,
        description=desc,
        maximum=maximum,
        colour=colours["primary"],
        highlight=colours["accent"],
    )


def _profile(
    result: ScoreResult, q: Questionnaire, lang: str, t: dict, colours: dict[str, str]
) -> dict[str, Any]:
    bars = [
        Bar(
            tr(d.label, lang),
            d.score,
            fmt.number(d.score, lang) if d.score is not None else t["no_answers"],
        )
        for d in result.dimensions
    ]
    desc = "; ".join(f"{b.label}: {b.value_text}" for b in bars)
    bands = [s.max for s in q.stages[:-1]]
    chart = bar_chart(
        bars,
        uid="profile",
        title=t["profile_chart_title"],
        description=desc,
        bands=bands,
        colour=colours["primary"],
        highlight=colours["accent"],
    )
    rows = []
    for d in result.dimensions:
        stage = q.stage_for(d.score) if d.score is not None else None
        rows.append(
            {
                "label": tr(d.label, lang),
                "score": fmt.number(d.score, lang) if d.score is not None else t["no_answers"],
                "stage": tr(stage.label, lang) if stage else "–",
                "answered": f"{d.answered}/{d.total}",
            }
        )
    return {"chart": chart, "rows": rows}


# --- dimensions and answers --------------------------------------------------------------
def _dimension(q, af, result, d: DimensionResult, lang, t) -> dict[str, Any]:
    dim = q.dimension(d.id)
    assert dim is not None
    shown = {r.id: r for r in result.questions}
    answers = []
    for question in dim.questions:
        qr = shown[question.id]
        if qr.status == "hidden":
            continue
        raw = af.answers.get(question.id)
        answers.append(
            {
                "question": tr(question.text, lang),
                "answer": answer_text(question, raw, lang, t),
                "status": "missing"
                if raw is None
                else raw
                if raw in (DONT_KNOW, NOT_RELEVANT)
                else "given",
                "note": af.notes.get(question.id, ""),
            }
        )
    recs = [tr(r.text, lang) for r in result.recommendations if r.dimension == d.id]
    stage = q.stage_for(d.score) if d.score is not None else None
    answered_text = f"{d.answered} {t['of']} {d.total} {t['answered']}"
    return {
        "id": d.id,
        "label": tr(d.label, lang),
        "description": tr(dim.description, lang) if dim.description else "",
        "score": fmt.number(d.score, lang) if d.score is not None else t["no_answers"],
        "stage": tr(stage.label, lang) if stage else "",
        "answered": answered_text,
        "answers": answers,
        "recommendations": recs,
    }


def answer_text(q: Question, raw: Any, lang: str, t: dict) -> str:
    """The answer as a reader sees it (option labels, units, "weiß nicht")."""
    if raw is None:
        return t["unanswered"]
    if raw == DONT_KNOW:
        return t["dont_know"]
    if raw == NOT_RELEVANT:
        return t["not_relevant"]
    if q.type in ("single_choice", "yes_no"):
        opt = q.option(raw)
        return tr(opt.label, lang) if opt else str(raw)
    if q.type == "multiple_choice":
        return "; ".join(tr(q.option_map[o].label, lang) for o in raw) or "–"
    if q.type == "matrix":
        parts = []
        for row in q.rows:
            if row.id in raw:
                v = raw[row.id]
                value = (
                    t["dont_know"]
                    if v == DONT_KNOW
                    else t["not_relevant"]
                    if v == NOT_RELEVANT
                    else tr(q.option_map[v].label, lang)
                )
                parts.append(f"{tr(row.label, lang)}: {value}")
        return "; ".join(parts)
    if q.type == "scale":
        label = dict(q.scale_labels).get(int(raw))
        text = f"{fmt.number(raw, lang, 0)} {t['scale_of']} {fmt.number(q.max, lang, 0)}"  # type: ignore[arg-type]
        return f"{text} ({tr(label, lang)})" if label else text
    if q.type == "number":
        decimals = 0 if float(raw).is_integer() else 1
        unit = f" {tr(q.unit, lang)}" if q.unit else ""
        return fmt.number(raw, lang, decimals) + unit
    return str(raw)


# --- advice ------------------------------------------------------------------------
def _use_cases(a: Assessment, lang: str, t: dict) -> list[dict[str, str]]:
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


def _barriers(result: ScoreResult, sector: str | None, lang: str) -> list[dict[str, str]]:
    return [
        {
            "label": tr(b.label, lang),
            "figure": tr(b.figure, lang),
            "recommendation": tr(b.recommendation, lang),
        }
        for b in barriers_for(result.barriers, result.questionnaire, sector)
    ]


def _ai_act(a: Assessment, lang: str, t: dict) -> dict[str, Any]:
    rules = load_ai_act()
    items = [
        {
            "title": tr(s.title, lang),
            "article": s.article,
            "date": tr(s.when, lang),
            "pending": [tr(p, lang) for p in s.pending],
            "level": s.level or "none",
            "level_label": t[f"level_{s.level or 'none'}"],
            "text": tr(s.text, lang),
            "provider": tr(s.provider, lang),
        }
        for s in act_statuses(a.ai_act, a.facts, a.as_of, rules)
    ]
    clarify = [
        {"title": tr(c.title, lang), "text": tr(c.text, lang), "source": c.source, "url": c.url}
        for c in clarify_points(a.facts, rules)
    ]
    return {
        "regime": tr(rules.regimes[rules.regime], lang),
        "items": items,
        "clarify": clarify,
        "any": bool(a.ai_act) or bool(clarify),
        "role": t[f"role_{a.role}"],
    }


def _funding(a: Assessment, lang: str, t: dict) -> dict[str, Any]:
    matches = [_programme_view(v, lang, t) for v in a.funding if v.tier != "not_matching"]
    state = a.answers.company.state
    notable = [
        {"name": tr(v.programme.name, lang), "reason": "; ".join(tr(r, lang) for r in v.reasons)}
        for v in a.tier("not_matching")
        if v.programme.level != "land"
        or (state and state in v.programme.states)
        or v.programme.status == "ended"
    ]
    return {"matches": matches, "not_matching": notable}


def _programme_view(v: FundingVerdict, lang: str, t: dict) -> dict[str, Any]:
    p = v.programme
    return {
        "name": tr(p.name, lang),
        "provider": p.provider,
        "tier": t[f"tier_{v.tier}"],
        "funds": tr(p.funds, lang),
        "rate": tr(p.rate, lang),
        "maximum": fmt.money(p.max_eur, lang) if p.max_eur else "–",
        "amount": tr(v.amount, lang) if v.amount else "",
        # the rate and maximum resolved for this company (size class, region), if any
        "amount_here": tr(v.amount, lang) if v.amount and p.amounts else "",
        "reasons": "; ".join(tr(r, lang) for r in v.reasons),
        "url": p.url,
        "deadline": fmt.date(p.valid_until, lang) if p.valid_until else t["open_end"],
        "verified": source_date(p, lang),
        "stale": v.stale,
        "note": tr(p.note, lang) if p.note else "",
    }


def plan_view(actions: tuple[Action, ...], lang: str, t: dict) -> list[dict[str, Any]]:
    """The prioritised actions as three columns by horizon, in priority order."""
    return [
        {
            "title": t[f"horizon_{h}"],
            "steps": [
                {
                    "title": tr(x.title, lang),
                    "what": tr(x.text, lang),
                    "who": tr(x.owner, lang),
                    "duration": tr(x.duration, lang) if x.duration else "",
                    "why": tr(x.why, lang),
                }
                for x in actions
                if x.horizon == h
            ],
        }
        for h in HORIZONS
    ]


def _method(result: ScoreResult, lang: str, t: dict) -> dict[str, Any]:
    data = load_baselines()
    used = []
    b = result.baseline
    ids = [b.id] if b else []
    if b and b.size_baseline and b.size_baseline not in ids:
        ids.append(b.size_baseline)
    for bid in ids:
        x = data.get(bid)
        used.append(
            {
                "label": tr(x.label, lang),
                "share": fmt.percent(x.share, lang),
                "population": tr(x.population, lang),
                "source": x.source,
                "url": x.url,
                "checked": fmt.date(x.checked, lang),
                "note": tr(x.note, lang) if x.note else "",
            }
        )
    return {"baselines": used, "as_of": fmt.date(result.as_of, lang)}
