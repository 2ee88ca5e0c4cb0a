"""Eligibility as one table of rules: each rule decides and words its reason (de + en).

A programme's settings (status, Länder, size classes, limits, flags, sectors)
select the rules that apply to it; a company may apply when every one of them
holds. The same rule that decides also says why, so the yes/no and the
sentences cannot drift apart. Deciding is cheap (no sentences are built), the
wording runs only when someone reads the reasons. The table is documented in
``docs/funding-catalogue.md`` ("Regeltabelle").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from ki_check import fmt
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.funding.model import (
    SIZE_RULE,
    SIZE_TEXT,
    SIZES,
    Programme,
    eu_size_class,
    size_words,
)
from ki_check.i18n import Text, tr

if TYPE_CHECKING:
    from ki_check.assessment.answers import Company


class Facts(NamedTuple):
    """What eligibility looks at for one company on one day (hashable, for caches).

    The field names follow :class:`~ki_check.assessment.answers.Company`, so functions that
    take a company also take these facts.
    """

    state: str | None
    employees: int | None
    turnover_eur: float | None
    balance_sheet_eur: float | None
    founded: int | None
    sector: str | None
    startup: bool | None
    university_spinoff: bool | None
    size: str | None
    headcount_only: bool
    as_of: dt.date


def facts_of(company: Company, as_of: dt.date) -> Facts:
    """The facts of a company profile (an answers ``Company``) on ``as_of``."""
    size, headcount_only = eu_size_class(
        company.employees, company.turnover_eur, company.balance_sheet_eur
    )
    return Facts(
        company.state,
        company.employees,
        company.turnover_eur,
        company.balance_sheet_eur,
        company.founded,
        company.sector,
        company.startup,
        company.university_spinoff,
        size,
        headcount_only,
        as_of,
    )


class Rule(NamedTuple):
    """One eligibility rule.

    ``setting`` reads the programme's value for the rule (``None``: the rule
    does not apply to it); ``decide`` says whether the company meets it;
    ``word`` gives the reason for the verdict ``decide`` reached, or ``None``
    when a met rule has nothing worth saying.
    """

    name: str
    setting: Callable[[Programme], Any]
    decide: Callable[[Any, Facts], bool]
    word: Callable[[Any, Facts, bool], Text | None]


def _t(de: str, en: str) -> Text:
    return {"de": de, "en": en}


def _money(x: float) -> tuple[str, str]:
    return fmt.money(x, "de"), fmt.money(x, "en")


# --- status and dates ------------------------------------------------------------------
def _status_setting(p: Programme) -> tuple[str, dt.date | None, dt.date | None]:
    return p.status, p.ended_on, p.valid_until


def _ended(s: tuple[str, dt.date | None, dt.date | None], as_of: dt.date) -> bool:
    status, ended_on, _ = s
    return status == "ended" or (ended_on is not None and ended_on < as_of)


def _status_open(s: tuple[str, dt.date | None, dt.date | None], as_of: dt.date) -> bool:
    status, _, valid_until = s
    if _ended(s, as_of) or status == "closed_call":
        return False
    return valid_until is None or valid_until >= as_of


def _status_word(s: tuple[str, dt.date | None, dt.date | None], f: Facts, ok: bool) -> Text | None:
    if ok:
        return None
    status, ended_on, valid_until = s
    if _ended(s, f.as_of):
        day = ended_on or valid_until
        when_de = f" am {fmt.date(day, 'de', 'medium')}" if day else ""
        when_en = f" on {fmt.date(day, 'en', 'medium')}" if day else ""
        return _t(f"Programm beendet{when_de}", f"programme ended{when_en}")
    if status == "closed_call":
        return _t(
            "derzeit keine offene Ausschreibung oder Förderphase bestätigt",
            "no open call or funding period confirmed at present",
        )
    assert valid_until is not None
    return _t(
        f"Frist abgelaufen am {fmt.date(valid_until, 'de', 'medium')}",
        f"deadline passed on {fmt.date(valid_until, 'en', 'medium')}",
    )


# --- where -------------------------------------------------------------------------------
def _states_setting(p: Programme) -> tuple[str, ...] | None:
    return None if "*" in p.states or not p.states else p.states


def _in_state(code: str) -> str:
    """``in Bayern`` / ``im Saarland`` – where a company is based, in German."""
    return "im Saarland" if code == "SL" else f"in {tr(STATES[code], 'de')}"


def _state_word(states: tuple[str, ...], f: Facts, ok: bool) -> Text:
    if ok and f.state is not None:  # a state rule holds only for a known state
        return _t(f"Sitz {_in_state(f.state)}", f"based in {tr(STATES[f.state], 'en')}")
    names_en = ", ".join(tr(STATES[s], "en") for s in states)
    if f.state is None:
        names_de = ", ".join(tr(STATES[s], "de") for s in states)
        return _t(
            f"Bundesland fehlt (Programm nur für {names_de})",
            f"state missing (programme only for {names_en})",
        )
    where_de = " oder ".join(_in_state(s) for s in states)
    return _t(f"nur für Unternehmen mit Sitz {where_de}", f"only for companies based in {names_en}")


# --- size --------------------------------------------------------------------------------
_NO_STAFF = _t("Zahl der Beschäftigten fehlt", "number of employees missing")


def _here(f: Facts) -> tuple[str, str]:
    """``mittleres Unternehmen mit 60 Beschäftigten und 8.000.000 € Umsatz`` (de, en)."""
    de = f"{tr(SIZE_TEXT[f.size], 'de')} mit {f.employees} Beschäftigten"  # type: ignore[index]
    en = f"{tr(SIZE_TEXT[f.size], 'en')} with {f.employees} employees"  # type: ignore[index]
    if not f.headcount_only:
        parts_de, parts_en = [], []
        if f.turnover_eur is not None:
            t = _money(f.turnover_eur)
            parts_de.append(f"{t[0]} Umsatz")
            parts_en.append(f"{t[1]} turnover")
        if f.balance_sheet_eur is not None:
            b = _money(f.balance_sheet_eur)
            parts_de.append(f"{b[0]} Bilanzsumme")
            parts_en.append(f"{b[1]} balance sheet")
        de += ", " + " und ".join(parts_de)
        en += ", " + " and ".join(parts_en)
    return de, en


def _sizes_word(sizes: tuple[str, ...], f: Facts, ok: bool) -> Text:
    if f.size is None:
        return _NO_STAFF
    if ok:
        kmu_de = "KMU" if f.size != "large" else tr(SIZE_TEXT["large"], "de")
        kmu_en = "SME" if f.size != "large" else tr(SIZE_TEXT["large"], "en")
        note_de = " (nur nach Beschäftigten; Umsatz fehlt)" if f.headcount_only else ""
        note_en = " (by headcount only; turnover missing)" if f.headcount_only else ""
        return _t(
            f"{kmu_de} mit {f.employees} Beschäftigten{note_de}",
            f"{kmu_en} with {f.employees} employees{note_en}",
        )
    biggest = max(sizes, key=SIZES.index)
    rule_de = f" ({tr(SIZE_RULE[biggest], 'de')})" if biggest != "large" else ""
    rule_en = f" ({tr(SIZE_RULE[biggest], 'en')})" if biggest != "large" else ""
    here_de, here_en = _here(f)
    sme = sizes == SIZES[:3]
    who_de = "KMU" if sme else size_words(sizes, "de")
    who_en = "SMEs" if sme else size_words(sizes, "en")
    return _t(
        f"nur für {who_de}{rule_de}; hier: {here_de}",
        f"only for {who_en}{rule_en}; here: {here_en}",
    )


def _headcount_setting(p: Programme) -> tuple[int | None, int | None] | None:
    e = p.eligibility
    if e.min_employees is None and e.max_employees is None:
        return None
    return e.min_employees, e.max_employees


def _headcount_ok(limits: tuple[int | None, int | None], f: Facts) -> bool:
    lo, hi = limits
    n = f.employees
    return n is not None and (lo is None or n >= lo) and (hi is None or n <= hi)


def _headcount_word(limits: tuple[int | None, int | None], f: Facts, ok: bool) -> Text:
    lo, hi = limits
    n = f.employees
    if n is None:
        return _NO_STAFF
    if hi is not None and n > hi:
        return _t(f"nur bis {hi} Beschäftigte; hier {n}", f"only up to {hi} employees; here {n}")
    if lo is not None and n < lo:
        return _t(f"erst ab {lo} Beschäftigten; hier {n}", f"only from {lo} employees; here {n}")
    allowed_de = f"{lo} bis {hi}" if lo is not None and hi is not None else None
    allowed_en = f"{lo} to {hi}" if lo is not None and hi is not None else None
    if allowed_de is None:
        allowed_de = f"bis {hi}" if hi is not None else f"ab {lo}"
        allowed_en = f"up to {hi}" if hi is not None else f"from {lo}"
    return _t(f"{n} Beschäftigte (erlaubt: {allowed_de})", f"{n} employees (allowed: {allowed_en})")


def _finance_setting(p: Programme) -> tuple[float | None, float | None] | None:
    e = p.eligibility
    if e.max_turnover_eur is None and e.max_balance_sheet_eur is None:
        return None
    return e.max_turnover_eur, e.max_balance_sheet_eur


def _finance_ok(limits: tuple[float | None, float | None], f: Facts) -> bool:
    max_t, max_b = limits
    t, b = f.turnover_eur, f.balance_sheet_eur
    return (max_t is not None and t is not None and t <= max_t) or (
        max_b is not None and b is not None and b <= max_b
    )


def _finance_word(limits: tuple[float | None, float | None], f: Facts, ok: bool) -> Text:
    max_t, max_b = limits
    # only the figures a ceiling applies to: (value, ceiling, noun de, noun en)
    figures: list[tuple[float | None, float, str, str]] = [
        (value, limit, de, en)
        for value, limit, de, en in (
            (f.turnover_eur, max_t, "Umsatz", "turnover"),
            (f.balance_sheet_eur, max_b, "Bilanzsumme", "balance sheet"),
        )
        if limit is not None
    ]
    known = [(value, de, en) for value, _, de, en in figures if value is not None]
    if not known:
        missing_de = " oder ".join("Jahresumsatz" if x[2] == "Umsatz" else x[2] for x in figures)
        missing_en = " or ".join(f"annual {x[3]}" if x[3] == "turnover" else x[3] for x in figures)
        return _t(f"{missing_de} fehlt", f"{missing_en} missing")
    rule_de = " oder ".join(f"{_money(limit)[0]} {de}" for _, limit, de, _ in figures)
    rule_en = " or ".join(f"{_money(limit)[1]} {en}" for _, limit, _, en in figures)
    here_de = " und ".join(f"{_money(value)[0]} {de}" for value, de, _ in known)
    here_en = " and ".join(f"{_money(value)[1]} {en}" for value, _, en in known)
    if ok:
        return _t(f"{here_de} (erlaubt: bis {rule_de})", f"{here_en} (allowed: up to {rule_en})")
    return _t(f"nur bis {rule_de}; hier {here_de}", f"only up to {rule_en}; here {here_en}")


# --- age and founding --------------------------------------------------------------------
def _age_setting(p: Programme) -> tuple[int | None, int | None] | None:
    e = p.eligibility
    if e.min_age_years is None and e.max_age_years is None:
        return None
    return e.min_age_years, e.max_age_years


def _age_ok(limits: tuple[int | None, int | None], f: Facts) -> bool:
    lo, hi = limits
    if f.founded is None:
        return False
    age = f.as_of.year - f.founded
    return (lo is None or age >= lo) and (hi is None or age <= hi)


def _age_word(limits: tuple[int | None, int | None], f: Facts, ok: bool) -> Text:
    lo, hi = limits
    if f.founded is None:
        return _t("Gründungsjahr fehlt", "founding year missing")
    age = f.as_of.year - f.founded
    if hi is not None and age > hi:
        return _t(
            f"nur für Unternehmen bis {hi} Jahre; gegründet {f.founded}",
            f"only for companies up to {hi} years old; founded {f.founded}",
        )
    if lo is not None and age < lo:
        return _t(
            f"erst ab {lo} Jahren am Markt; gegründet {f.founded}",
            f"only after {lo} years in business; founded {f.founded}",
        )
    return _t(f"gegründet {f.founded}", f"founded {f.founded}")


def _founding_word(_: bool, f: Facts, ok: bool) -> Text:
    if ok:
        return _t(
            "noch nicht gegründet (kein Gründungsjahr angegeben)",
            "not yet founded (no founding year given)",
        )
    return _t(
        f"nur vor der Gründung; hier gegründet {f.founded}",
        f"only before founding; here founded {f.founded}",
    )


# --- flags -------------------------------------------------------------------------------
def _flag_word(de: str, en: str, de_plural: str, en_plural: str) -> Callable[..., Text]:
    def word(wanted: bool, f: Facts, ok: bool, *, field: str) -> Text:
        have = getattr(f, field)
        if have is None:
            return _t(f"Angabe fehlt: {de}?", f"missing: {en}?")
        if ok:
            return _t(de if wanted else f"kein {de}", en if wanted else f"not a {en}")
        return _t(
            f"nur für {de_plural}" if wanted else f"nicht für {de_plural}",
            f"only for {en_plural}" if wanted else f"not for {en_plural}",
        )

    return word


_startup_word = _flag_word("Start-up", "start-up", "Start-ups", "start-ups")
_spinoff_word = _flag_word(
    "Ausgründung aus einer Hochschule",
    "university spin-off",
    "Ausgründungen aus Hochschulen",
    "university spin-offs",
)


# --- sector ------------------------------------------------------------------------------
def _sector_setting(p: Programme) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    e = p.eligibility
    return (e.sectors, e.exclude_sectors) if e.sectors or e.exclude_sectors else None


def _sector_ok(rule: tuple[tuple[str, ...], tuple[str, ...]], f: Facts) -> bool:
    only, excluded = rule
    return f.sector is not None and (not only or f.sector in only) and f.sector not in excluded


def _sector_word(rule: tuple[tuple[str, ...], tuple[str, ...]], f: Facts, ok: bool) -> Text:
    if f.sector is None:
        return _t("Branche (WZ-Abschnitt) fehlt", "sector (WZ section) missing")
    name_de, name_en = tr(SECTORS[f.sector], "de"), tr(SECTORS[f.sector], "en")
    if ok:
        return _t(f"Branche {f.sector} ({name_de})", f"sector {f.sector} ({name_en})")
    return _t(
        f"Branche {f.sector} ({name_de}) nicht gefördert",
        f"sector {f.sector} ({name_en}) not eligible",
    )


# --- the table ---------------------------------------------------------------------------
def _flag(name: str) -> Callable[[Programme], bool | None]:
    return lambda p: getattr(p.eligibility, name)


RULES: tuple[Rule, ...] = (
    Rule("status", _status_setting, lambda s, f: _status_open(s, f.as_of), _status_word),
    Rule("state", _states_setting, lambda states, f: f.state in states, _state_word),
    Rule(
        "size_class",
        lambda p: p.eligibility.sizes or None,
        lambda sizes, f: f.size in sizes,
        _sizes_word,
    ),
    Rule("headcount", _headcount_setting, _headcount_ok, _headcount_word),
    Rule("finances", _finance_setting, _finance_ok, _finance_word),
    Rule("age", _age_setting, _age_ok, _age_word),
    Rule(
        "before_founding",
        lambda p: p.eligibility.before_founding or None,
        lambda _, f: f.founded is None,
        _founding_word,
    ),
    Rule(
        "startup",
        _flag("startup"),
        lambda wanted, f: f.startup == wanted,
        lambda w, f, ok: _startup_word(w, f, ok, field="startup"),
    ),
    Rule(
        "university_spinoff",
        _flag("university_spinoff"),
        lambda wanted, f: f.university_spinoff == wanted,
        lambda w, f, ok: _spinoff_word(w, f, ok, field="university_spinoff"),
    ),
    Rule("sector", _sector_setting, _sector_ok, _sector_word),
)
# Said of a programme no other rule limits, so that every verdict has a reason.
OPEN_TO_ALL = _t(
    "offen für Unternehmen jeder Größe und Branche", "open to companies of any size and sector"
)

Check = tuple[Rule, Any]
_COMPILED: dict[int, tuple[Programme, tuple[Check, ...]]] = {}


def checks(p: Programme) -> tuple[Check, ...]:
    """The rules that apply to ``p`` with ``p``'s setting for each, worked out once."""
    hit = _COMPILED.get(id(p))
    if hit is not None and hit[0] is p:
        return hit[1]
    out = tuple((rule, s) for rule in RULES if (s := rule.setting(p)) is not None)
    if len(_COMPILED) > 10_000:  # programmes built on the fly (tests, other catalogues)
        _COMPILED.clear()
    _COMPILED[id(p)] = (p, out)  # holds ``p``, so its id is not reused while cached
    return out


def holds(found: tuple[Check, ...], f: Facts) -> bool:
    """Whether every one of these checks holds for ``f``."""
    # a plain loop: a batch calls this for every programme of every company
    for rule, setting in found:  # noqa: SIM110
        if not rule.decide(setting, f):
            return False
    return True


def open_on(p: Programme, as_of: dt.date) -> bool:
    """Whether ``p`` takes applications on ``as_of`` (the status rule alone)."""
    return _status_open(_status_setting(p), as_of)


def company_checks(p: Programme) -> tuple[Check, ...]:
    """The checks of ``p`` that look at the company (every rule but the status)."""
    return tuple(c for c in checks(p) if c[0].name != "status")


def reasons(p: Programme, f: Facts) -> tuple[Text, ...]:
    """Why ``p`` fits (what was checked) or does not (every rule that fails); never empty."""
    fits: list[Text] = []
    fails: list[Text] = []
    limited = False
    for rule, setting in checks(p):
        ok = rule.decide(setting, f)
        limited = limited or rule.name != "status"
        text = rule.word(setting, f, ok)
        if text is not None:
            (fits if ok else fails).append(text)
    if not fails and not limited:
        fits.append(OPEN_TO_ALL)
    out: list[Text] = []
    for text in fails or fits:
        if text not in out:
            out.append(text)
    return tuple(out)
