"""Funding in tiers: eligible is not the same as suitable (rules in ``docs/advice.md``).

Every programme gets one tier, each with at least one reason in plain words:

* ``recommended`` — eligible, its data confirmed within the last 12 months, the
  facts it requires are in the answers, it pays for what one of the company's first
  three actions needs — or what a plan step that funds own development needs,
  wherever it stands (need ``rnd``: *Eigene Entwicklung fördern lassen*) — and it
  is not a loan for a company that has not yet tested AI or has fewer than ten
  staff (loans pay for sizeable projects).
* ``possible`` — eligible, but one of those conditions does not hold; the reason
  says which.
* ``not_matching`` — not eligible; the reasons are the eligibility rules that fail.

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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ki_check import fmt
from ki_check.advice.priorities import Action
from ki_check.assessment.profile import size_class
from ki_check.funding.match import NEEDS, stale_reason
from ki_check.funding.match import amount_for as resolve_amount
from ki_check.funding.model import STALE, STALE_NOTE
from ki_check.i18n import Text, tr

if TYPE_CHECKING:
    from ki_check.assessment.answers import Company
    from ki_check.funding.match import FundingMatch
    from ki_check.funding.model import Programme

TIERS = ("recommended", "possible", "not_matching")
# the tier of an eligible programme where only the profile is known: no advice yet
ELIGIBLE = "eligible"
TOP_ACTIONS = 3
# a plan step that funds own development counts wherever it stands in the plan
FUNDING_NEEDS = frozenset({"rnd"})
SHORTLIST = 5
CHECK_FIRST = 3
# a loan pays for sizeable investments: only once the company is ready or uses AI,
# and not for a business of fewer than ten people
LOAN_POSITIONS = ("ready", "adopter")
_LEVEL_ORDER = {"land": 0, "bund": 1, "eu": 2}


class FundingVerdict:
    """The tier of one programme for one company, its reasons and the amount that applies.

    ``action`` is the number (1-based) of the action it pays for, if recommended.
    ``fresh_action`` is that number for a stale programme that would be recommended
    if its data were current (see :func:`check_first`), else ``None``. The
    eligibility reasons are worded on first use (a batch only needs tiers and ids).
    """

    __slots__ = ("_extra", "action", "amount", "fresh_action", "match", "programme", "tier")

    def __init__(
        self,
        match: FundingMatch,
        tier: str,
        extra: Text | tuple[Text, ...] | None,
        action: int | None,
        amount: Text | None,
        fresh_action: int | None = None,
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
        """Why this tier: the fit (or what is missing) first, then the eligibility rules."""
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
        money = fmt.money(programme.max_eur, lang) if programme.max_eur else ""
        if money and money.replace("\xa0", " ") not in text.replace("\xa0", " "):
            word = "höchstens" if lang == "de" else "at most"
            parts.append(f"{word} {money}")
        out[lang] = "; ".join(parts)
    return out if out["de"] else None


def tier_funding(
    matches: Sequence[FundingMatch],
    actions: Sequence[Action],
    facts: frozenset[str],
    *,
    position: str | None,
    company: Company,
    fact_words: dict[str, Text],
) -> tuple[FundingVerdict, ...]:
    """Every programme with its tier: recommended first (by fit), then possible, then the rest.

    ``matches`` are the eligibility verdicts of :func:`ki_check.funding.match.match_funding`;
    ``position`` is the company's place against the baseline (``None`` if unknown).
    """
    top = funded_actions(actions)
    out: list[FundingVerdict] = []
    for m in matches:
        p = m.programme
        if not m.match:
            out.append(FundingVerdict(m, "not_matching", None, None, None))
            continue
        amount = amount_for(p, company)
        micro = size_class(company.employees) == "micro"
        tier, extra, action = _tier(p, top, facts, position, micro, fact_words)
        if m.stale and tier == "recommended":  # would fit: check the data first
            out.append(FundingVerdict(m, "possible", (STALE, extra), None, amount, action))
        elif m.stale:  # does not fit anyway: say why, then that the data is old too
            out.append(FundingVerdict(m, tier, (extra, STALE_NOTE), None, amount))
        else:
            out.append(FundingVerdict(m, tier, extra, action, amount))
    rank = {t: i for i, t in enumerate(TIERS)}
    return tuple(
        sorted(
            out,
            key=lambda v: (
                rank[v.tier],
                v.action or 99,
                v.stale,
                _LEVEL_ORDER.get(v.programme.level, 3),
                v.programme.id,
            ),
        )
    )


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


def _tier(
    p: Programme,
    top: list[tuple[int, Action]],
    facts: frozenset[str],
    position: str | None,
    micro: bool,
    fact_words: dict[str, Text],
) -> tuple[str, Text, int | None]:
    """The tier the programme's fit gives, its first reason and the action it pays for.

    The age of the data is judged by the caller: old data is never recommended.
    """
    missing = [f for f in p.requires if f not in facts]
    if missing:
        words = fact_words.get(missing[0], {"de": missing[0], "en": missing[0]})
        return (
            "possible",
            _t(
                f"fördert {tr(words, 'de')} – Ihre Antworten zeigen keine",
                f"funds {tr(words, 'en')} – your answers show none",
            ),
            None,
        )
    for i, a in top:
        need = next((n for n in a.needs if n in p.serves), None)
        if need is None:
            continue
        if p.kind == "loan" and micro:
            return (
                "possible",
                _t(
                    "Darlehen für große Investitionen – für ein Kleinstunternehmen meist zu groß",
                    "loan for sizeable investments – usually too large for a micro business",
                ),
                None,
            )
        if p.kind == "loan" and position not in LOAN_POSITIONS:
            return (
                "possible",
                _t(
                    "Darlehen für große Investitionen – erst nach einem erprobten Vorhaben",
                    "loan for sizeable investments – only after a tested project",
                ),
                None,
            )
        return (
            "recommended",
            _t(
                f"bezahlt Schritt {i} „{tr(a.title, 'de')}“: {tr(NEEDS[need], 'de')}",
                f"pays for step {i} “{tr(a.title, 'en')}”: {tr(NEEDS[need], 'en')}",
            ),
            i,
        )
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
