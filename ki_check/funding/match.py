"""Funding programmes for one company: may it apply, why, and how much.

:func:`match_funding` checks every programme of the catalogue against a
company profile and returns the verdict with its reasons in German and
English – for the programmes that fit as much as for those that do not, so
that an advisor can say why a well-known programme is not on the list – and,
through :attr:`FundingMatch.amount`, the rate and maximum that apply.

The parts live where a reader looks for them: the records and their vocabulary
in :mod:`ki_check.funding.model`, reading the catalogue in
:mod:`ki_check.funding.catalogue`, the eligibility rules in
:mod:`ki_check.funding.rules`, amounts in :mod:`ki_check.funding.amounts`.
Their public names are importable from here as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ki_check import fmt
from ki_check.funding.amounts import amount_for, amount_lines, amount_text
from ki_check.funding.catalogue import get_programme, load_funding
from ki_check.funding.model import (
    KIND_TEXT,
    KINDS,
    LEVELS,
    NEEDS,
    SIZE_RULE,
    SIZE_TEXT,
    SIZES,
    SME_LIMITS,
    STALE_AFTER_DAYS,
    STATUS_TEXT,
    STATUSES,
    Amount,
    Eligibility,
    Programme,
    Source,
    eu_size_class,
    source_date,
)
from ki_check.funding.rules import (
    RULES,
    Check,
    Facts,
    company_checks,
    facts_of,
    holds,
    open_on,
    reasons,
)
from ki_check.i18n import Text, tr

if TYPE_CHECKING:
    from ki_check.assessment.answers import Company

__all__ = [
    "KINDS",
    "KIND_TEXT",
    "LEVELS",
    "NEEDS",
    "RULES",
    "SIZES",
    "SIZE_RULE",
    "SIZE_TEXT",
    "SME_LIMITS",
    "STALE_AFTER_DAYS",
    "STATUSES",
    "STATUS_TEXT",
    "Amount",
    "Eligibility",
    "Facts",
    "FundingMatch",
    "Programme",
    "Source",
    "amount_for",
    "amount_lines",
    "amount_text",
    "eu_size_class",
    "get_programme",
    "is_stale",
    "load_funding",
    "match_funding",
    "source_date",
    "stale_reason",
]


def is_stale(p: Programme, as_of: dt.date) -> bool:
    """Whether ``p``'s newest dated source is more than a year older than ``as_of``."""
    return (as_of - p.last_verified).days > STALE_AFTER_DAYS


class FundingMatch:
    """The verdict on one programme for one company, with reasons and amount (de + en).

    ``match`` is decided at once; the reasons and the amount are worded on
    first use, so a batch that only needs the matching ids builds no sentences.
    ``stale`` says the entry's newest dated source is older than a year.
    """

    __slots__ = ("_amount", "_facts", "_reasons", "match", "programme", "stale")

    def __init__(self, programme: Programme, match: bool, stale: bool, facts: Facts) -> None:
        self.programme = programme
        self.match = match
        self.stale = stale
        self._facts = facts
        self._reasons: tuple[Text, ...] | None = None
        self._amount: Text | Literal[False] | None = False  # False: not computed yet

    @property
    def reasons(self) -> tuple[Text, ...]:
        """Why it fits (what was checked) or why not (every rule that fails); never empty.

        A stale match ends with „möglicherweise veraltet: neueste Quelle …“.
        """
        if self._reasons is None:
            found = self.rule_reasons
            if self.stale and self.match:
                found = (*found, stale_reason(self.programme))
            self._reasons = found
        return self._reasons

    @property
    def as_of(self) -> dt.date:
        """The day the programme was matched on."""
        return self._facts.as_of

    @property
    def rule_reasons(self) -> tuple[Text, ...]:
        """The eligibility rules' reasons alone, without the staleness note; never empty."""
        return reasons(self.programme, self._facts)

    @property
    def amount(self) -> Text | None:
        """The rate and maximum that apply to this company, or ``None`` (see :func:`amount_for`)."""
        if self._amount is False:
            self._amount = amount_for(self.programme, self._facts)
        return self._amount

    def reason_text(self, lang: str = "de") -> str:
        """``passt: …`` / ``passt nicht: …`` as one sentence."""
        head = (
            ("fits" if self.match else "does not fit")
            if lang == "en"
            else ("passt" if self.match else "passt nicht")
        )
        return f"{head}: " + "; ".join(tr(r, lang) for r in self.reasons)


def stale_reason(p: Programme) -> Text:
    """``möglicherweise veraltet: neueste Quelle von 01/2023 – vor einem Antrag prüfen``."""
    newest = p.newest_source()
    if newest is not None:
        when_de, when_en = newest.when("de"), newest.when("en")
    else:
        when_de = f"vom {fmt.date(p.last_verified, 'de', 'medium')}"
        when_en = f"dated {fmt.date(p.last_verified, 'en', 'medium')}"
    return {
        "de": f"möglicherweise veraltet: neueste Quelle {when_de} – vor einem Antrag prüfen",
        "en": f"possibly outdated: newest source {when_en} – check before applying",
    }


_LEVEL_ORDER = {"land": 0, "bund": 1, "eu": 2}


def match_funding(
    company: Company,
    as_of: dt.date,
    *,
    programmes: Iterable[Programme] | None = None,
) -> list[FundingMatch]:
    """Every programme, matched or not, with reasons; matches first, then Land, Bund, EU.

    Only the company's profile is needed, so this works on an interview that has
    just started. ``programmes`` replaces the bundled catalogue. No programme
    depends on the readiness stage, so the score is not asked for.
    """
    facts = facts_of(company, as_of)
    if programmes is None:
        plan = _bundled_plan(as_of)
        verdicts = _bundled_verdicts(facts)
    else:
        plan = _plan(tuple(programmes), as_of)
        verdicts = _verdicts(plan, facts)
    fits: list[FundingMatch] = []
    fails: list[FundingMatch] = []
    for (p, stale, _), match in zip(plan, verdicts, strict=True):
        (fits if match else fails).append(FundingMatch(p, match, stale, facts))
    return fits + fails


# (programme, stale, its company checks or None when it takes no applications)
_Step = tuple[Programme, bool, "tuple[Check, ...] | None"]


def _plan(catalogue: tuple[Programme, ...], as_of: dt.date) -> tuple[_Step, ...]:
    """The catalogue in display order with what does not depend on the company worked out."""
    ordered = sorted(catalogue, key=lambda p: (_LEVEL_ORDER[p.level], p.id))
    return tuple(
        (p, is_stale(p, as_of), company_checks(p) if open_on(p, as_of) else None) for p in ordered
    )


def _verdicts(plan: tuple[_Step, ...], facts: Facts) -> tuple[bool, ...]:
    return tuple(found is not None and holds(found, facts) for _, _, found in plan)


# A portfolio of thousands of companies is matched against the same catalogue on
# the same day; companies with the same profile get the same verdicts.
@lru_cache(maxsize=64)
def _bundled_plan(as_of: dt.date) -> tuple[_Step, ...]:
    return _plan(load_funding(), as_of)


@lru_cache(maxsize=4096)
def _bundled_verdicts(facts: Facts) -> tuple[bool, ...]:
    return _verdicts(_bundled_plan(facts.as_of), facts)
