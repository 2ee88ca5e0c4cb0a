"""The rate and maximum of a programme that apply to one company.

Programmes whose terms depend on the company – the Forschungszulage pays SMEs
a higher share than large firms, the BAFA consulting grant pays 80 % in some
regions and 50 % elsewhere – list them under ``amounts`` in
``ki_check/data/funding.yaml``. :func:`amount_for` picks the one that applies
and words it as the report shows it, e.g. ``80 % von höchstens 3.500 €
Beratungskosten (max. 2.800 €)``. Where the profile cannot decide (the state
is missing, or the Land is split into regions), it names each candidate with
its condition. The rule is documented in ``docs/funding-catalogue.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ki_check import fmt
from ki_check.assessment.profile import STATES
from ki_check.funding.model import Amount, Programme, eu_size_class, size_words
from ki_check.i18n import Text, tr

if TYPE_CHECKING:
    from ki_check.assessment.answers import Company
    from ki_check.funding.rules import Facts

_SME = ("micro", "small", "medium")


def amount_for(programme: Programme, company: Company | Facts) -> Text | None:
    """The rate and maximum that apply to ``company``, in German and English.

    ``company`` is the profile, or the facts worked out from it (which carry the size).
    Returns ``None`` when the catalogue gives no amounts for the programme (its
    general ``rate`` text then stands) or none applies to the company.
    """
    if not programme.amounts:
        return None
    size = getattr(company, "size", None)
    if size is None:
        size = eu_size_class(company.employees, company.turnover_eur, company.balance_sheet_eur)[0]
    state = company.state
    # the words depend on the programme, the size class and the state alone: a portfolio
    # of thousands of companies words each combination once
    key = (id(programme), size, state)
    known = _WORDED.get(key)
    if known is None or known[0] is not programme:
        if len(_WORDED) > 4096:
            _WORDED.clear()
        known = _WORDED[key] = (programme, _amount(programme, size, state))
    return dict(known[1]) if known[1] is not None else None


_WORDED: dict[tuple[int, str | None, str | None], tuple[Programme, Text | None]] = {}


def _amount(programme: Programme, size: str | None, state: str | None) -> Text | None:
    candidates: list[tuple[Amount, bool]] = []
    for a in programme.amounts:
        size_known = not a.sizes or size is not None
        state_known = not a.states or state is not None
        if (size_known and a.sizes and size not in a.sizes) or (
            state_known and a.states and state not in a.states
        ):
            continue  # certainly not this company's amount
        certain = size_known and state_known and a.region is None
        candidates.append((a, certain))
        if certain:
            break
    if not candidates:
        return None
    if len(candidates) == 1:
        return {lang: amount_text(candidates[0][0], lang) for lang in ("de", "en")}
    return {lang: _alternatives(candidates, lang) for lang in ("de", "en")}


def amount_text(a: Amount, lang: str) -> str:
    """``80 % von höchstens 3.500 € Beratungskosten (max. 2.800 €)`` – one amount in words."""
    en = lang == "en"
    rate = fmt.percent(a.rate_pct / 100, lang)
    if a.up_to:
        rate = f"up to {rate}" if en else f"bis {rate}"
    if a.cost_cap_eur is not None:
        basis = f" {tr(a.basis, lang)}" if a.basis else ""
        cap = fmt.money(a.cost_cap_eur, lang)
        rate += f" of at most {cap}{basis}" if en else f" von höchstens {cap}{basis}"
    maximum = a.maximum
    if maximum is not None:
        most = fmt.money(maximum, lang)
        rate += f" (max {most})" if en else f" (max. {most})"
    return rate


def _alternatives(candidates: list[tuple[Amount, bool]], lang: str) -> str:
    """``Region Lüneburg: 80 % …; sonst: 50 % …`` – each possible amount with its condition."""
    groups: dict[str, list[str]] = {}
    for i, (a, certain) in enumerate(candidates):
        text = amount_text(a, lang)
        if certain and i > 0:
            label = "otherwise" if lang == "en" else "sonst"
        else:
            label = condition(a, lang)
        labels = groups.setdefault(text, [])
        if label not in labels:
            labels.append(label)
    return "; ".join(f"{', '.join(labels)}: {text}" for text, labels in groups.items())


def amount_lines(programme: Programme, lang: str = "de") -> list[str]:
    """Every amount of ``programme`` with its condition, e.g. ``KMU: 35 % von …``."""
    lines = []
    for i, a in enumerate(programme.amounts):
        text = amount_text(a, lang)
        if a.sizes or a.states:
            lines.append(f"{condition(a, lang)}: {text}")
        else:
            lines.append(f"{'otherwise' if lang == 'en' else 'sonst'}: {text}" if i else text)
    return lines


def condition(a: Amount, lang: str) -> str:
    """The condition of an amount in words: ``KMU``, ``Brandenburg``, ``Region Lüneburg``."""
    parts = []
    if a.sizes:
        if a.sizes == _SME:
            parts.append("SMEs" if lang == "en" else "KMU")
        else:
            parts.append(size_words(a.sizes, lang))
    if a.region is not None:
        parts.append(tr(a.region, lang))
    elif a.states:
        parts.append(", ".join(tr(STATES[s], lang) for s in a.states))
    return " – ".join(parts) if parts else ("otherwise" if lang == "en" else "sonst")
