"""The workshop handout: the questionnaire as a paper form, with figures and funding.

A view model of plain data (every text, number and chart decided here) for the
bundled template ``handout.html``; :func:`handout_html_for` renders it. The
catalogues it shows (baselines, first stops, funding programmes) are loaded by
the caller (:mod:`ki_check.documents.handout`) and handed in as
:class:`~ki_check.render.document.Catalogues`; nothing is loaded, scored or
matched here. The PDF is written by :func:`ki_check.render.pdf.write_pdf`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ki_check import fmt
from ki_check.assessment.profile import SIZE_CLASSES, STATES
from ki_check.funding.model import KIND_TEXT, KINDS, STALE_AFTER_DAYS, Programme, source_date
from ki_check.i18n import fill, tr
from ki_check.questionnaire.conditions import AllOf, AnyOf, Condition, Not, QuestionIs
from ki_check.questionnaire.model import Question, Questionnaire
from ki_check.render.brand import Brand
from ki_check.render.charts import Bar, bar_chart
from ki_check.render.document import (
    Catalogues,
    Rendered,
    cap,
    html,
    level_text,
    logo_url,
    num,
    page,
    stage_rows,
)
from ki_check.render.templates import labels, with_scoring

if TYPE_CHECKING:
    from ki_check.advice.content import FirstStop
    from ki_check.assessment.baseline import Baseline, BaselineSet

# kinds in the order a company usually looks at them: free help first
KIND_ORDER = ("free_advice", "grant", "voucher", "loan", "tax", "equity", "stipend", "competition")
LEVEL_ORDER = {"eu": 0, "bund": 1, "land": 2}


# --- shared pieces -------------------------------------------------------------------
def adoption_figures(
    data: BaselineSet, as_of: dt.date, lang: str, t: dict[str, str], colours: dict[str, str]
) -> dict[str, Any]:
    """The default baseline of ``data`` (the strategy's 6 %) and the newest German figures
    by size published by ``as_of``; returns texts, chart, bars and sources."""
    base = data.get()
    day = as_of.isoformat()
    with_sizes = [
        b for b in data.baselines if b.region == "DE" and b.by_size and b.published <= day
    ]
    today = max(with_sizes, key=lambda b: (b.year, b.published)) if with_sizes else None
    region = "Deutschland" if lang == "de" else "Germany"
    bars = [Bar(f"{region} {base.year}", base.share * 100, fmt.percent(base.share, lang))]
    sources = [_source(base, lang)]
    today_text = ""
    if today is not None:
        sizes = [(k, today.by_size[k]) for k in ("small", "medium", "large") if k in today.by_size]
        bars.append(
            Bar(f"{region} {today.year}", today.share * 100, fmt.percent(today.share, lang))
        )
        for k, share in sizes:
            label = cap(tr(SIZE_CLASSES[k], lang).split(" (")[0])
            bars.append(Bar(f"{label} {today.year}", share * 100, fmt.percent(share, lang)))
        by_size = ", ".join(f"{tr(SIZE_CLASSES[k], lang)} {fmt.percent(s, lang)}" for k, s in sizes)
        today_text = fill(
            t["ho_today"],
            year=today.year,
            share=fmt.percent(today.share, lang),
            source=tr(today.label, lang),
            sizes=by_size,
        )
        sources.append(_source(today, lang))
    chart = bar_chart(
        bars,
        uid="adoption",
        title=t["ho_adoption_chart"],
        description="; ".join(f"{b.label}: {b.value_text}" for b in bars),
        maximum=max(50.0, *(b.value or 0 for b in bars)),
        colour=colours["primary"],
        highlight=colours["accent"],
    )
    return {
        "default_text": fill(
            t["ho_default"],
            year=base.year,
            share=fmt.percent(base.share, lang),
            source=tr(base.label, lang),
        ),
        "default_note": tr(base.note, lang) if base.note else "",
        "today_text": today_text,
        "chart": chart,
        "bars": bars,
        "sources": sources,
        "default_share": base.share,
        "today": today,
    }


def _source(b: Baseline, lang: str) -> dict[str, str]:
    return {
        "label": tr(b.label, lang),
        "population": tr(b.population, lang),
        "source": b.source,
        "url": b.url,
    }


# --- the form ------------------------------------------------------------------------
def handout_view(
    q: Questionnaire,
    *,
    lang: str,
    labels: dict[str, str],
    brand: Brand,
    trainer: bool = False,
    as_of: dt.date,
    catalogues: Catalogues,
    logo_url: str | None = None,
    funding: bool = True,
) -> dict[str, Any]:
    """Everything the form template shows; ``trainer`` adds guidance and the scoring key.

    ``funding=False`` is the short form: without the funding landscape and first stops.
    ``catalogues`` holds the baselines, programmes and first stops to print.
    """
    t = labels
    title = tr(q.title, lang)
    edition = t["ho_edition_trainer"] if trainer else t["ho_edition_form"]
    context = page(f"{title} – {edition}", lang, t, brand)
    numbers = {question.id: i for i, question in enumerate(q.questions, start=1)}
    context.update(
        {
            "trainer": trainer,
            "cover": {
                "title": title,
                "edition": edition,
                "organisation": brand.organisation,
                "logo_url": logo_url,
                "meta": fill(
                    t["ho_meta"],
                    version=q.version,
                    count=len(q.questions),
                    date=fmt.date(as_of, lang),
                ),
                "description": tr(q.description, lang) if q.description else "",
            },
            "figures": adoption_figures(catalogues.baselines, as_of, lang, t, brand.colours),
            "stages": stage_rows(q, lang, t),
            "weights": [
                {"label": tr(d.label, lang), "weight": num(d.weight, lang)} for d in q.dimensions
            ],
            "dimensions": [
                {
                    "label": tr(d.label, lang),
                    "description": tr(d.description, lang) if d.description else "",
                    "questions": [
                        question_view(x, numbers, q, lang, t, trainer) for x in d.questions
                    ],
                }
                for d in q.dimensions
            ],
            "key": scoring_key(q, numbers, lang, t) if trainer else None,
            "funding": funding_landscape(catalogues.programmes, as_of, lang, t)
            if funding
            else None,
            "first_stops": first_stops_view(catalogues.first_stops, lang, q.id)
            if funding
            else None,
        }
    )
    return context


INSTRUCTION = {
    "single_choice": "ho_one",
    "yes_no": "ho_one",
    "multiple_choice": "ho_many",
    "scale": "ho_scale",
    "number": "ho_number",
    "text": "ho_text",
    "matrix": "ho_matrix",
}


def question_view(
    x: Question,
    numbers: dict[str, int],
    q: Questionnaire,
    lang: str,
    t: dict[str, str],
    trainer: bool,
) -> dict[str, Any]:
    """One question as a block of the form: text, boxes, lines; points for trainers."""
    options = [
        {
            "label": tr(o.label, lang),
            "id": o.id,
            "points": points_text(o.points, lang, t) if trainer and x.scored else "",
            "exclusive": o.exclusive,
        }
        for o in x.options
    ]
    scale = []
    if x.type == "scale":
        names = dict(x.scale_labels)
        lo, hi = (int(end) for end in x.scale_ends)
        scale = [
            {"value": fmt.number(v, lang, 0), "label": tr(names.get(v), lang)}
            for v in range(lo, hi + 1)
        ]
    rule = _rule(x, lang, t) if trainer else ""
    return {
        "number": numbers[x.id],
        "id": x.id,
        "type": x.type,
        "text": tr(x.text, lang),
        "hint": tr(x.hint, lang) if x.hint else "",
        "guidance": tr(x.guidance, lang) if trainer and x.guidance else "",
        "instruction": t[INSTRUCTION[x.type]],
        "condition": condition_text(x.show_if, numbers, q, lang, t) if x.show_if else "",
        "options": options,
        "inline": x.type == "yes_no",
        "scale": scale,
        "rows": [tr(r.label, lang) for r in x.rows],
        "unit": tr(x.unit, lang) if x.unit else "",
        "not_relevant": x.allow_not_relevant,
        "rule": rule,
    }


def points_text(points: float, lang: str, t: dict[str, str]) -> str:
    """``2 P.`` / ``1 pt``, ``2 pts``."""
    return f"{num(points, lang)} {t['ho_point'] if points == 1 else t['ho_points']}"


def _rule(x: Question, lang: str, t: dict[str, str], weight: bool = True) -> str:
    """How a trainer turns the ticks of this question into points."""
    if not x.scored:
        return t["ho_unscored"]
    parts = []
    if x.type == "scale":
        lo, hi = x.scale_ends
        parts.append(fill(t["ho_rule_scale"], min=num(lo, lang), max=num(hi, lang)))
    elif x.type == "multiple_choice":
        top = x.max_points or sum(o.points for o in x.options)
        parts.append(fill(t["ho_rule_multiple"], max=num(top, lang)))
    elif x.type == "matrix":
        parts.append(t["ho_rule_matrix"])
    elif x.type == "number":
        bands = "; ".join(
            (num(b.min, lang) if b.min == b.max else f"{num(b.min, lang)}–{num(b.max, lang)}")
            + f": {points_text(b.points, lang, t)}"
            for b in x.bands
        )
        parts.append(bands)
    if weight and x.weight != 1:
        parts.append(f"{t['ho_weight']} {num(x.weight, lang)}")
    return " · ".join(parts)


def condition_text(
    cond: Condition, numbers: dict[str, int], q: Questionnaire, lang: str, t: dict[str, str]
) -> str:
    """Skip logic as a sentence for paper: ``Nur beantworten, wenn bei Frage 5 „Ja“ …``."""
    return f"{t['ho_only_if']} {_clause(cond, numbers, q, lang, t)}."


def _clause(
    cond: Condition, numbers: dict[str, int], q: Questionnaire, lang: str, t: dict[str, str]
) -> str:
    if isinstance(cond, AllOf | AnyOf):
        joiner = f" {t['ho_and']} " if isinstance(cond, AllOf) else f" {t['ho_or']} "
        return joiner.join(_clause(p, numbers, q, lang, t) for p in cond.parts)
    negate = isinstance(cond, Not)
    inner = cond.part if isinstance(cond, Not) else cond
    if not isinstance(inner, QuestionIs):
        return f"{t['ho_not']} ({_clause(inner, numbers, q, lang, t)})"
    target = q.question(inner.question)
    n = numbers.get(inner.question, inner.question)
    if inner.options is not None and target is not None:
        chosen = [o for o in target.options if o.id in inner.options]
        quoted = f" {t['ho_or']} ".join(t["ho_quote"].format(tr(o.label, lang)) for o in chosen)
        key = "ho_if_not_ticked" if negate else "ho_if_ticked"
        return fill(t[key], n=n, options=quoted)
    if inner.min is not None and inner.max is not None:
        value = fill(t["ho_between"], min=num(inner.min, lang), max=num(inner.max, lang))
    elif inner.min is not None:
        value = t["ho_at_least"].format(num(inner.min, lang))
    else:
        assert inner.max is not None  # a range condition has min or max (parse_condition)
        value = t["ho_at_most"].format(num(inner.max, lang))
    text = fill(t["ho_if_value"], n=n, value=value)
    return f"{t['ho_not']} ({text})" if negate else text


def scoring_key(
    q: Questionnaire, numbers: dict[str, int], lang: str, t: dict[str, str]
) -> dict[str, Any]:
    """The trainer's key: per question its id, weight, points per option (by option id)."""
    rows = []
    for d in q.dimensions:
        for x in d.questions:
            if x.options:
                points = " · ".join(
                    f"{o.id} {num(o.points, lang)}" if x.scored else o.id for o in x.options
                )
            elif x.type == "scale":
                lo, hi = x.scale_ends
                points = f"{num(lo, lang)}–{num(hi, lang)}"
            else:
                points = ""
            rows.append(
                {
                    "number": numbers[x.id],
                    "id": x.id,
                    "dimension": tr(d.label, lang),
                    "weight": num(x.weight, lang) if x.scored else "–",
                    "points": points,
                    "rule": _rule(x, lang, t, weight=False),
                    "rows": ", ".join(r.id for r in x.rows),
                }
            )
    adoption = ""
    if q.adoption is not None:
        target = q.question(q.adoption.question)
        if target is not None:
            chosen = [o for o in target.options if o.id in q.adoption.adopter_options]
            adoption = fill(
                t["ho_adoption_rule"],
                n=numbers[target.id],
                options=f" {t['ho_or']} ".join(
                    t["ho_quote"].format(tr(o.label, lang)) for o in chosen
                ),
            )
    return {
        "rows": rows,
        "adoption": adoption,
        "answer_file": fill(t["ho_answer_file"], ref=q.ref, id=q.id),
    }


# --- funding landscape and first stops ------------------------------------------------
def programme_status(
    p: Programme, as_of: dt.date, lang: str, t: dict[str, str]
) -> tuple[str, bool]:
    """The status text as of ``as_of`` and whether the programme is still available."""
    if p.status == "ended" or (p.ended_on is not None and p.ended_on < as_of):
        day = p.ended_on or p.valid_until
        if day:
            return fill(t["ho_status_ended"], date=fmt.date(day, lang, "medium")), False
        return t["ho_status_ended_plain"], False
    if p.valid_until is not None and p.valid_until < as_of:
        return fill(t["ho_status_expired"], date=fmt.date(p.valid_until, lang, "medium")), False
    if p.status == "closed_call":
        return t["ho_status_closed_call"], True
    if p.valid_until is not None:
        return fill(t["ho_status_open_until"], date=fmt.date(p.valid_until, lang, "medium")), True
    return t["ho_status_open"], True


def funding_landscape(
    programmes: Sequence[Programme], as_of: dt.date, lang: str, t: dict[str, str]
) -> dict[str, Any]:
    """``programmes`` by kind (free help first) and level, each with its status on ``as_of``."""
    groups: dict[str, list[dict[str, Any]]] = {k: [] for k in (*KIND_ORDER, *KINDS)}
    ended = []
    for p in sorted(programmes, key=lambda p: (LEVEL_ORDER[p.level], p.states, tr(p.name, lang))):
        status, available = programme_status(p, as_of, lang, t)
        stale = (as_of - p.last_verified).days > STALE_AFTER_DAYS
        row = {
            "name": tr(p.name, lang),
            "provider": tr(p.provider, lang),
            "level": level_text(p, t),
            "rate": tr(p.rate, lang),
            "maximum": fmt.money(p.max_eur, lang) if p.max_eur else "–",
            "status": status,
            "available": available,
            "verified": source_date(p, lang),
            "stale": stale,
        }
        if available:
            groups[p.kind].append(row)
        else:
            ended.append(row)
    return {
        "intro": fill(t["ho_funding_intro"], date=fmt.date(as_of, lang)),
        "groups": [
            {"title": cap(tr(KIND_TEXT[k], lang)), "programmes": rows}
            for k, rows in groups.items()
            if rows
        ],
        "ended": ended,
    }


def first_stops_view(
    stops: Sequence[FirstStop], lang: str, questionnaire: str | None = None
) -> dict[str, Any]:
    """Of ``stops``, the nationwide free first stops in full, and the regional ones per Land.

    A nationwide stop made for one trade (the Zentrum Handwerk) only on the handout
    of its questionnaire (docs/advice.md, "First stops").
    """
    national = [
        {"name": s.title(lang), "focus": tr(s.focus, lang), "url": s.url}
        for s in stops
        if "*" in s.states and (not s.questionnaires or questionnaire in s.questionnaires)
    ]
    regional = []
    for code, name in STATES.items():
        here = [s.title(lang) for s in stops if code in s.states]
        if here:
            regional.append({"state": tr(name, lang), "stops": "; ".join(here)})
    return {"national": national, "regional": regional}


def handout_html_for(
    q: Questionnaire,
    *,
    lang: str,
    brand: Brand,
    as_of: dt.date,
    catalogues: Catalogues,
    trainer: bool = False,
    funding: bool = True,
) -> Rendered:
    """The printable form of ``q`` as HTML; ``funding=False`` is the short form.

    ``catalogues``: what the caller loaded for it to print (baselines; programmes
    and first stops unless ``funding=False``).
    """
    t = with_scoring(q, labels(lang, brand.templates))
    context = handout_view(
        q,
        lang=lang,
        labels=t,
        brand=brand,
        trainer=trainer,
        as_of=as_of,
        catalogues=catalogues,
        logo_url=logo_url(brand),
        funding=funding,
    )
    return html("handout.html", context, brand, as_of=as_of, extra_css="handout.css")
