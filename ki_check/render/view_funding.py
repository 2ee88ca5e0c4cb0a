"""The report's plan and funding: the shortlist of the summary, the programmes by
tier in the details, and every verdict with its reasons in the appendix.

The tiers, reasons, amounts and the shortlist are the assessment's
(:mod:`ki_check.funding.tiers`); this module only arranges them. The details
show the recommended programmes; the appendix every other verdict with its
reasons, leaving out the Land programmes of other Länder (one line counts them)
unless ``full``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ki_check import fmt
from ki_check.funding.model import STALE_NOTE, TOP_ACTIONS, ends_text, source_date
from ki_check.i18n import tr

if TYPE_CHECKING:
    from ki_check.advice.priorities import Action
    from ki_check.assessment.assess import Assessment
    from ki_check.funding.tiers import FundingVerdict

HORIZONS = ("90d", "6m", "12m")


def plan_view(actions: tuple[Action, ...], lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    """The prioritised actions as three groups by horizon, numbered in priority order."""
    numbered = list(enumerate(actions, start=1))
    return [
        {
            "title": t[f"horizon_{h}"],
            "steps": [
                {
                    "number": i,
                    "title": tr(x.title, lang),
                    "what": tr(x.text, lang),
                    "who": tr(x.owner, lang),
                    "duration": tr(x.duration, lang) if x.duration else "",
                    "why": tr(x.why, lang),
                    "urgent": x.kind == "legal",
                }
                for i, x in numbered
                if x.horizon == h
            ],
        }
        for h in HORIZONS
    ]


def shortlist(a: Assessment, lang: str, t: dict[str, str]) -> list[dict[str, str]]:
    """The summary's programmes: name, provider, the amount for this company, the step it pays."""
    out = []
    for v in a.shortlist:
        step = t["pays_step"].format(n=v.action) if v.action else ""
        out.append(
            {
                "name": tr(v.programme.name, lang),
                "provider": tr(v.programme.provider, lang),
                "amount": tr(v.amount, lang) if v.amount else "–",
                "step": step,
                "url": v.programme.url,
                # applications end before the step's horizon is over (docs/advice.md)
                "ends": tr(ends_text(v.ends), lang) if v.ends else "",
            }
        )
    return out


def check_first(a: Assessment, lang: str, t: dict[str, str]) -> list[dict[str, str]]:
    """The summary's "fits, but check first" list: stale programmes that would be
    recommended, with the amount and the date of their newest source (the rule is
    :func:`ki_check.funding_tiers.check_first`)."""
    return [
        {
            "name": tr(v.programme.name, lang),
            "amount": tr(v.amount, lang) if v.amount else "",
            "step": t["pays_step"].format(n=v.fresh_action),
            "ends": tr(ends_text(v.ends), lang) if v.ends else "",
            "source": t["newest_source"].format(date=source_date(v.programme, lang))
            if source_date(v.programme, lang)
            else "",
        }
        for v in a.check_first
    ]


def funding_details(a: Assessment, lang: str, t: dict[str, str]) -> dict[str, Any]:
    """The recommended programmes in full; the possible ones are counted (appendix)."""
    rows = a.tier("recommended")
    # a development step beyond the first three counts too (docs/advice.md): say so
    later = sorted({v.action for v in rows if v.action and v.action > TOP_ACTIONS})
    intro = t["funding_intro"]
    if later:
        opening, closing = ("“", "”") if lang == "en" else ("„", "“")
        titles = [f"{n} {opening}{tr(a.actions[n - 1].title, lang)}{closing}" for n in later]
        intro = t["funding_intro_later"].format(steps=", ".join(titles))
    return {
        "intro": intro,
        "rows": [_row(v, lang, t) for v in rows],
        "more": count_text(t, "possible_count", len(a.tier("possible"))),
    }


def _card(v: FundingVerdict, lang: str, t: dict[str, str]) -> dict[str, Any]:
    p = v.programme
    return {
        "name": tr(p.name, lang),
        "provider": tr(p.provider, lang),
        "tier": t[f"tier_{v.tier}"],
        "funds": tr(p.funds, lang),
        "amount": tr(v.amount, lang) if v.amount else "",
        "reasons": "; ".join(tr(r, lang) for r in v.reasons),
        "url": p.url,
        "deadline": fmt.date(p.valid_until, lang) if p.valid_until else t["open_end"],
        "verified": source_date(p, lang),
        "stale": v.stale,
        "note": tr(p.note, lang) if p.note else "",
    }


def _row(v: FundingVerdict, lang: str, t: dict[str, str]) -> dict[str, Any]:
    p = v.programme
    return {
        "name": tr(p.name, lang),
        "provider": tr(p.provider, lang),
        "tier": v.tier,
        "tier_label": t[f"tier_{v.tier}"],
        "amount": tr(v.amount, lang) if v.amount else "–",
        "reasons": "; ".join(tr(r, lang) for r in v.reasons),
        "deadline": fmt.date(p.valid_until, lang, "medium") if p.valid_until else "",
        "url": p.url,
    }


def funding_verdicts(a: Assessment, lang: str, t: dict[str, str], *, full: bool) -> dict[str, Any]:
    """The appendix: possible, stale and not matching programmes with reasons.

    Ended programmes are named in one paragraph with their reasons. ``full`` adds
    the recommended ones, a card for every eligible programme and the Land
    programmes of other Länder.
    """
    state = a.answers.company.state
    not_matching = a.tier("not_matching")
    shown = [
        v
        for v in not_matching
        if full or v.programme.level != "land" or (state and state in v.programme.states)
    ]
    ended = [v for v in shown if _ended(v, a)]
    groups: list[tuple[str, Sequence[FundingVerdict]]] = []
    if full:
        groups.append((t["tier_recommended_plural"], a.tier("recommended")))
    # "check first": would be recommended but for old data (fresh_action set)
    possible = a.tier("possible")
    groups.append((t["tier_possible_plural"], [v for v in possible if not v.fresh_action]))
    groups.append((t["check_first"], [v for v in possible if v.fresh_action]))
    groups.append((t["not_matching"], [v for v in shown if v not in ended]))
    unfit = t["not_matching"]
    return {
        "groups": [
            {
                "title": title,
                "rows": _same_reason([_verdict(v, lang, t, full=full) for v in rows])
                if title == unfit and not full
                else [_verdict(v, lang, t, full=full) for v in rows],
            }
            for title, rows in groups
            if rows
        ],
        "ended": [
            f"{tr(v.programme.name, lang)} ({'; '.join(tr(r, lang) for r in v.reasons)})"
            for v in ended
        ],
        "other_states": count_text(t, "other_states", len(not_matching) - len(shown)),
        "cards": [_card(v, lang, t) for v in a.funding if v.tier != "not_matching"] if full else [],
    }


def _ended(v: FundingVerdict, a: Assessment) -> bool:
    p = v.programme
    return p.status == "ended" or (p.ended_on is not None and p.ended_on < a.as_of)


def _verdict(
    v: FundingVerdict, lang: str, t: dict[str, str], *, full: bool = False
) -> dict[str, str]:
    """One row of the appendix: name, reasons, newest source (docs/report.md).

    A programme to check first gives the conditions it meets (the heading says why,
    the summary names the step); a possible one its fit alone unless ``full`` (the
    row ends with the date of its newest source, so no "data also old" note).
    """
    p = v.programme
    reasons = v.reasons
    if v.tier == "possible" and v.fresh_action:
        reasons = tuple(v.match.rule_reasons) or reasons[1:]
    elif v.tier == "possible" and not full:
        reasons = tuple(r for r in v.fit if r != STALE_NOTE) or reasons
    return {
        "name": tr(p.name, lang),
        "provider": tr(p.provider, lang),
        # no amount quoted from data to be checked first, nor for what does not match
        "amount": tr(v.amount, lang)
        if v.amount and v.tier != "not_matching" and not v.stale
        else "",
        "reasons": "; ".join(tr(r, lang) for r in reasons),
        "verified": source_date(p, lang),
    }


# from this many programmes that do not match for one reason, they share a row
SAME_REASON_ROW = 3


def _same_reason(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Programmes that do not match for the same reason (at least :data:`SAME_REASON_ROW`)
    in one row, named together ("ZIM · Forschungszulage · EIC Accelerator – fördert
    eigene Forschung …"); a row of its own keeps its source date. Order: where each
    reason first appears."""
    by_reason: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_reason.setdefault(row["reasons"], []).append(row)
    out: list[dict[str, str]] = []
    for same in by_reason.values():
        if len(same) < SAME_REASON_ROW:
            out.extend(same)
        else:
            out.append({**same[0], "name": " · ".join(r["name"] for r in same), "verified": ""})
    return out


def count_text(t: dict[str, str], key: str, n: int) -> str:
    """The label ``key_one`` or ``key_many`` filled with ``n``; empty for zero."""
    if n <= 0:
        return ""
    return t[f"{key}_one" if n == 1 else f"{key}_many"].format(n=n)
