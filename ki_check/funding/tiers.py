"""Funding in tiers: eligible is not the same as suitable (rules in ``docs/advice.md``).

Every programme gets one tier, each with at least one reason in plain words:

* ``recommended`` — eligible, its data confirmed within the last 12 months, the
  facts it requires are in the answers, and it pays for (free offers: helps with)
  what one of the company's first three actions needs — or what a plan step that
  funds own development needs, wherever it stands (need ``rnd``: *Eigene Entwicklung
  fördern lassen*). Money for buying and introducing solutions counts only for a step
  that buys something (``buys`` in ``data/next_steps.yaml``); a loan only for an
  investment or own development, and never for a company that has not yet tested AI
  or has fewer than ten staff.
* ``possible`` — eligible, but one of those conditions does not hold; the reason
  says which.
* ``not_matching`` — not eligible (the reasons are the eligibility rules that fail),
  or eligible but a fact in its ``requires`` is missing from the answers (that is the
  reason: research money for a company that does no research does not fit).

A recommended programme whose applications end before the horizon of its step is
over says so (``ends``, :func:`ends_text`).

The shortlist for the summary holds at most five recommended programmes: the free
first stop, then the grant or consulting programme that pays for the first action
that needs money, then the rest by fit (earlier action first, regional before
federal before EU).

*Check first* (:func:`check_first`): at most three programmes that would be
recommended but for their data being older than 12 months — eligible, fitting
the actions that count (above) and the company's situation — named under the shortlist
with their amount and the date of their newest source, never recommended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from ki_check import fmt
from ki_check.advice.content import load_steps
from ki_check.advice.priorities import Action
from ki_check.assessment.profile import size_class
from ki_check.funding.match import NEEDS, stale_reason
from ki_check.funding.match import amount_for as resolve_amount
from ki_check.funding.model import STALE, STALE_NOTE, TOP_ACTIONS, ends_text
from ki_check.i18n import Text, tr

if TYPE_CHECKING:
    from ki_check.assessment.answers import Company
    from ki_check.funding.match import FundingMatch
    from ki_check.funding.model import Programme

TIERS = ("recommended", "possible", "not_matching")
# the tier of an eligible programme where only the profile is known: no advice yet
ELIGIBLE = "eligible"
# a plan step that funds own development counts wherever it stands in the plan
FUNDING_NEEDS = frozenset({"rnd"})
SHORTLIST = 5
CHECK_FIRST = 3
# a loan pays for sizeable investments: only once the company is ready or uses AI,
# and not for a business of fewer than ten people
LOAN_POSITIONS = ("ready", "adopter")
_LEVEL_ORDER = {"land": 0, "bund": 1, "eu": 2}
# how long a step's horizon runs: a programme whose applications end before the
# horizon of the step it pays for is over says so (docs/advice.md, "Funding tiers")
HORIZON_DAYS = {"90d": 90, "6m": 183, "12m": 365}


@cache
def bundled_buys() -> dict[str, str]:
    """What each step of ``data/next_steps.yaml`` buys (``tools``, ``investment``), by id."""
    return {s.id: s.buys for s in load_steps() if s.buys}


class FundingVerdict:
    """The tier of one programme for one company, its reasons and the amount that applies.

    ``action`` is the number (1-based) of the action it pays for, if recommended.
    ``fresh_action`` is that number for a stale programme that would be recommended
    if its data were current (see :func:`check_first`), else ``None``. ``ends`` is the
    last day for applications where it falls before the horizon of that step is over
    (else ``None``). The eligibility reasons are worded on first use (a batch only needs
    tiers and ids).
    """

    __slots__ = (
        "_extra",
        "action",
        "amount",
        "ends",
        "fresh_action",
        "match",
        "programme",
        "tier",
    )

    def __init__(
        self,
        match: FundingMatch,
        tier: str,
        extra: Text | tuple[Text, ...] | None,
        action: int | None,
        amount: Text | None,
        fresh_action: int | None = None,
        ends: dt.date | None = None,
    ) -> None:
        self.match = match
        self.programme = match.programme
        self.tier = tier
        if extra is None:
            self._extra: tuple[Text, ...] = ()
        elif isinstance(extra, tuple):
            self._extra = extra
        else:
            self._extra = (extra,)
        self.action = action
        self.amount = amount
        self.fresh_action = fresh_action
        self.ends = ends

    @property
    def stale(self) -> bool:
        """Whether the programme's data was last confirmed more than 12 months ago."""
        return bool(self.match.stale)

    @property
    def fit(self) -> tuple[Text, ...]:
        """The reasons of the fit alone (what it pays for, or what keeps it possible)."""
        return self._extra

    @property
    def reasons(self) -> tuple[Text, ...]:
        """Why this tier: the fit (or what is missing) first, then the eligibility rules.

        An eligible programme that does not fit (a fact it requires is missing) gives
        only that reason: the rules it meets say nothing about why it does not match.
        """
        if self.tier == "not_matching" and self._extra:
            return self._extra
        # the fit (and, for old data, that it must be checked) first, then the rules
        out = self._extra + tuple(self.match.rule_reasons)
        if not out:  # a verdict is never without a reason
            out = (
                {"de": "alle Voraussetzungen erfüllt", "en": "all conditions met"}
                if self.match.match
                else {"de": "Voraussetzungen nicht erfüllt", "en": "conditions not met"},
            )
        return out

    def to_json(self, lang: str) -> dict[str, Any]:
        """``{id, name, tier, reasons, amount, stale, action}`` for ``score --json``."""
        return {
            "id": self.programme.id,
            "name": tr(self.programme.name, lang),
            "tier": self.tier,
            "reasons": [tr(r, lang) for r in self.reasons],
            "amount": tr(self.amount, lang) if self.amount else None,
            "stale": self.stale,
            "action": self.action,
        }


def eligibility_only(
    matches: Sequence[FundingMatch], company: Company
) -> tuple[FundingVerdict, ...]:
    """Verdicts from the profile alone: ``eligible`` or ``not_matching``, no advice.

    Without answers there are no actions to pay for, so nothing is ``recommended``;
    an eligible programme gets the amount that applies to the company and, if its
    data is older than 12 months, the dated note to check it first. Eligible first,
    in the catalogue's order.
    """
    out = []
    for m in matches:
        if not m.match:
            out.append(FundingVerdict(m, "not_matching", None, None, None))
            continue
        note = stale_reason(m.programme) if m.stale else None
        out.append(FundingVerdict(m, ELIGIBLE, note, None, amount_for(m.programme, company)))
    return tuple(sorted(out, key=lambda v: v.tier == "not_matching"))


def amount_for(programme: Programme, company: Company) -> Text | None:
    """The rate and maximum of ``programme`` as shown to this company, or ``None``.

    Resolved by size class and region where the catalogue lists ``amounts``
    (:func:`ki_check.funding.match.amount_for`); otherwise the programme's own rate and
    maximum.
    """
    resolved = resolve_amount(programme, company)
    if resolved is not None:
        return resolved
    rate = programme.rate or {}
    out = {}
    for lang in ("de", "en"):
        text = tr(rate, lang)
        parts = [text] if text else []
        if programme.max_eur and not _names_amount(text, programme.max_eur, lang):
            word = "höchstens" if lang == "de" else "at most"
            parts.append(f"{word} {fmt.money(programme.max_eur, lang)}")
        out[lang] = "; ".join(parts)
    return out if out["de"] else None


def _names_amount(text: str, eur: float, lang: str) -> bool:
    """Whether ``text`` already names ``eur`` (``25.000.000 €``, ``25 Mio. €``, ``€25m``):
    the maximum is then not repeated as "höchstens …" (docs/report.md, "Typography")."""
    plain = text.replace("\xa0", " ")
    forms = {fmt.money(eur, lang).replace("\xa0", " ")}
    for scale, de, en in ((1e6, "Mio.", ("m", " million")), (1e9, "Mrd.", ("bn", " billion"))):
        if eur >= scale:
            n = fmt.number(eur / scale, lang, 0 if (eur / scale).is_integer() else 1)
            forms |= {f"{n} {de} €"} if lang == "de" else {f"€{n}{e}" for e in en}
    return any(f in plain for f in forms)


def tier_funding(
    matches: Sequence[FundingMatch],
    actions: Sequence[Action],
    facts: frozenset[str],
    *,
    position: str | None,
    company: Company,
    fact_words: dict[str, Text],
    buys: Mapping[str, str] | None = None,
) -> tuple[FundingVerdict, ...]:
    """Every programme with its tier: recommended first (by fit), then possible, then the rest.

    ``matches`` are the eligibility verdicts of :func:`ki_check.funding.match.match_funding`;
    ``position`` is the company's place against the baseline (``None`` if unknown);
    ``buys`` says what each step buys, by action id (default: ``data/next_steps.yaml``).
    """
    fit = _Fit(actions, facts, position, size_class(company.employees) == "micro", fact_words)
    fit.buys = bundled_buys() if buys is None else buys
    out: list[FundingVerdict] = []
    for m in matches:
        p = m.programme
        if not m.match:
            out.append(FundingVerdict(m, "not_matching", None, None, None))
            continue
        tier, extra, action = fit.tier(p)
        if tier == "not_matching":  # eligible, but a fact it requires is missing
            out.append(FundingVerdict(m, tier, extra, None, None))
            continue
        amount = amount_for(p, company)
        ends = _ends(p, actions[action - 1] if action else None, m.as_of)
        late = (ends_text(ends),) if ends else ()
        if m.stale and tier == "recommended":  # would fit: check the data first
            out.append(
                FundingVerdict(m, "possible", (STALE, extra, *late), None, amount, action, ends)
            )
        elif m.stale:  # does not fit anyway: say why, then that the data is old too
            out.append(FundingVerdict(m, tier, (extra, STALE_NOTE), None, amount))
        else:
            out.append(FundingVerdict(m, tier, (extra, *late), action, amount, None, ends))
    rank = {t: i for i, t in enumerate(TIERS)}
    return tuple(
        sorted(
            out,
            key=lambda v: (
                rank[v.tier],
                not v.match.match,  # of those that do not fit, the eligible ones first
                v.action or 99,
                v.stale,
                _LEVEL_ORDER.get(v.programme.level, 3),
                v.programme.id,
            ),
        )
    )


def _ends(p: Programme, action: Action | None, as_of: dt.date) -> dt.date | None:
    """The programme's last day for applications if it falls within ``action``'s horizon."""
    if action is None or p.valid_until is None:
        return None
    horizon = dt.timedelta(days=HORIZON_DAYS.get(action.horizon, 365))
    return p.valid_until if p.valid_until < as_of + horizon else None


def funded_actions(actions: Sequence[Action]) -> list[tuple[int, Action]]:
    """The actions funding is matched against, with their 1-based number in the plan.

    The first :data:`TOP_ACTIONS` actions, and every later one with a need in
    :data:`FUNDING_NEEDS` (a step that asks for money for own development): the
    programmes it asks for are the point of the step, wherever it stands.
    """
    return [
        (i, a)
        for i, a in enumerate(actions, start=1)
        if i <= TOP_ACTIONS or FUNDING_NEEDS.intersection(a.needs)
    ]


class _Fit:
    """The fit of one programme to one company's plan (docs/advice.md, "Funding tiers")."""

    def __init__(
        self,
        actions: Sequence[Action],
        facts: frozenset[str],
        position: str | None,
        micro: bool,
        fact_words: dict[str, Text],
    ) -> None:
        self.plan = list(enumerate(actions, start=1))
        self.top = funded_actions(actions)
        self.facts, self.position, self.micro = facts, position, micro
        self.fact_words = fact_words
        self.buys: Mapping[str, str] = {}

    def pays(self, p: Programme, need: str, a: Action) -> bool:
        """Whether ``p`` can pay for (or, if free, help with) ``need`` of step ``a``.

        Free offers help with any step whose need they serve; a loan pays only for an
        investment or own development; money for buying and introducing solutions only
        for a step that buys something.
        """
        buys = self.buys.get(a.id, "")
        if p.kind == "free_advice":
            return True
        if p.kind == "loan":
            return buys == "investment" or need in FUNDING_NEEDS
        return need != "implementation" or bool(buys)

    def later(self, p: Programme) -> tuple[int, Action] | None:
        """The first step after those that count which ``p`` could pay for, if any."""
        counted = {i for i, _ in self.top}
        for i, a in self.plan:
            if i not in counted and any(n in p.serves and self.pays(p, n, a) for n in a.needs):
                return i, a
        return None

    def tier(self, p: Programme) -> tuple[str, Text, int | None]:
        """The tier the programme's fit gives, its first reason and the action it pays for.

        The age of the data is judged by the caller: old data is never recommended.
        """
        missing = [f for f in p.requires if f not in self.facts]
        if missing:
            words = self.fact_words.get(missing[0], {"de": missing[0], "en": missing[0]})
            return (
                "not_matching",
                _t(
                    f"fördert {tr(words, 'de')} – Ihre Antworten zeigen keine",
                    f"funds {tr(words, 'en')} – your answers show none",
                ),
                None,
            )
        if p.kind == "loan" and self.micro:
            return "possible", LOAN_MICRO, None
        if p.kind == "loan" and self.position not in LOAN_POSITIONS:
            return "possible", LOAN_UNTESTED, None
        blocked = False
        for i, a in self.top:
            shared = [n for n in a.needs if n in p.serves]
            need = next((n for n in shared if self.pays(p, n, a)), None)
            if need is None:
                blocked = blocked or bool(shared)
                continue
            free = p.kind == "free_advice"
            verb_de, verb_en = ("hilft bei", "helps with") if free else ("bezahlt", "pays for")
            return (
                "recommended",
                _t(
                    f"{verb_de} Schritt {i} „{tr(a.title, 'de')}“: {tr(NEEDS[need], 'de')}",
                    f"{verb_en} step {i} “{tr(a.title, 'en')}”: {tr(NEEDS[need], 'en')}",
                ),
                i,
            )
        if blocked or p.kind == "loan":
            return "possible", self._later_reason(p), None
        served = ", ".join(tr(NEEDS[n], "de") for n in p.serves if n in NEEDS)
        served_en = ", ".join(tr(NEEDS[n], "en") for n in p.serves if n in NEEDS)
        return (
            "possible",
            _t(
                f"fördert {served} – nicht das, was Ihre ersten drei Schritte brauchen",
                f"funds {served_en} – not what your first three steps need",
            ),
            None,
        )

    def _later_reason(self, p: Programme) -> Text:
        """Money for purchases or investments while the first steps buy nothing."""
        found = self.later(p)
        like_de = f" wie Schritt {found[0]} „{tr(found[1].title, 'de')}“" if found else ""
        like_en = f" such as step {found[0]} “{tr(found[1].title, 'en')}”" if found else ""
        if p.kind == "loan":
            return _t(
                f"Darlehen für größere Investitionen – für ein späteres Vorhaben{like_de};"
                " keiner Ihrer ersten Schritte ist eine solche Investition",
                f"loan for sizeable investments – for a later project{like_en};"
                " none of your first steps is such an investment",
            )
        served = ", ".join(tr(NEEDS[n], "de") for n in p.serves if n in NEEDS)
        served_en = ", ".join(tr(NEEDS[n], "en") for n in p.serves if n in NEEDS)
        return _t(
            f"fördert {served} – für ein späteres Umsetzungsvorhaben{like_de};"
            " Ihre ersten Schritte kommen ohne Anschaffung aus",
            f"funds {served_en} – for a later implementation project{like_en};"
            " your first steps buy nothing yet",
        )


LOAN_MICRO = {
    "de": "Darlehen für große Investitionen – für ein Kleinstunternehmen meist zu groß",
    "en": "loan for sizeable investments – usually too large for a micro business",
}
LOAN_UNTESTED = {
    "de": "Darlehen für große Investitionen – erst nach einem erprobten Vorhaben",
    "en": "loan for sizeable investments – only after a tested project",
}


def shortlist(
    verdicts: Sequence[FundingVerdict], limit: int = SHORTLIST
) -> tuple[FundingVerdict, ...]:
    """At most ``limit`` recommended programmes in the order the summary shows them."""
    recommended = [v for v in verdicts if v.tier == "recommended"]
    first: list[FundingVerdict] = []
    free = next((v for v in recommended if v.programme.kind == "free_advice"), None)
    if free is not None:
        first.append(free)
    paying = [v for v in recommended if v.programme.kind != "free_advice"]
    if paying:
        earliest = min(v.action or 99 for v in paying)
        grant = next(
            (v for v in paying if v.action == earliest and v.programme.kind != "loan"),
            next(v for v in paying if v.action == earliest),
        )
        first.append(grant)
    rest = [v for v in recommended if v not in first]
    return tuple((first + rest)[:limit])


def check_first(
    verdicts: Sequence[FundingVerdict], limit: int = CHECK_FIRST
) -> tuple[FundingVerdict, ...]:
    """At most ``limit`` stale programmes that would be recommended with current data.

    They fit a need of the first three actions and pass every other rule of the
    recommended tier; only the age of their data keeps them out of the shortlist.
    Ordered like the recommended ones: the earlier action first, then Land before
    Bund before EU, then by id.
    """
    found = [v for v in verdicts if v.tier == "possible" and v.stale and v.fresh_action]
    found.sort(
        key=lambda v: (v.fresh_action, _LEVEL_ORDER.get(v.programme.level, 3), v.programme.id)
    )
    return tuple(found[:limit])


def _t(de: str, en: str) -> Text:
    return {"de": de, "en": en}
