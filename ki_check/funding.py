"""Funding programmes as data, and a pure matching function that gives its reasons.

The catalogue is ``ki_check/data/funding.yaml``. :func:`match_funding` checks
every programme against a company profile (and, where known, its readiness)
and returns match or no match with the reasons in German and English — for
the programmes that fit as much as for those that do not, so that an advisor
can say why a well-known programme is not on the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ki_check import fmt
from ki_check.cache import cached
from ki_check.diagnostics import Bi, has_errors
from ki_check.errors import NotFoundError, ValidationError
from ki_check.i18n import Text, tr
from ki_check.model import FACTS
from ki_check.profile import SECTORS, STATES
from ki_check.resources import data_file
from ki_check.schema import SLUG_RE, Path_, Reader
from ki_check.yamlsrc import load_yaml

LEVELS = ("eu", "bund", "land")
KINDS = ("grant", "loan", "free_advice", "competition", "equity", "voucher", "stipend", "tax")
STATUSES = ("open", "ended", "closed_call")
SIZES = ("micro", "small", "medium", "large")
POSITIONS = ("early", "emerging", "ready", "adopter")
# What a programme pays for, in the words of the advice rules (docs/advice.md): an
# action serves one of these needs, and a programme whose ``serves`` names it fits.
NEEDS: dict[str, Text] = {
    "orientation": {
        "de": "Orientierung, erster Anwendungsfall, Ausprobieren vor dem Investieren",
        "en": "orientation, a first use case, test before invest",
    },
    "consulting": {
        "de": "Beratung zu Strategie, Abläufen und Organisation",
        "en": "consulting on strategy, processes and organisation",
    },
    "people": {
        "de": "Arbeitsorganisation, Kompetenzen und Weiterbildung",
        "en": "work organisation, skills and training",
    },
    "implementation": {
        "de": "Kauf und Einführung digitaler oder KI-Lösungen",
        "en": "buying and introducing digital or AI solutions",
    },
    "rnd": {
        "de": "eigene Forschung und Entwicklung, KI in eigenen Produkten",
        "en": "own research and development, AI in own products",
    },
    "founding": {
        "de": "Gründung und frühes Wachstum",
        "en": "founding and early growth",
    },
}
STALE_AFTER_DAYS = 365

# EU SME definition (Recommendation 2003/361/EC): headcount below the limit and
# turnover or balance sheet total not above its ceiling.
SME_LIMITS = {
    "micro": (10, 2_000_000, 2_000_000),
    "small": (50, 10_000_000, 10_000_000),
    "medium": (250, 50_000_000, 43_000_000),
}
SIZE_TEXT: dict[str, Text] = {
    "micro": {"de": "Kleinstunternehmen", "en": "micro enterprise"},
    "small": {"de": "kleines Unternehmen", "en": "small enterprise"},
    "medium": {"de": "mittleres Unternehmen", "en": "medium-sized enterprise"},
    "large": {"de": "großes Unternehmen", "en": "large enterprise"},
}
SIZE_RULE: dict[str, Text] = {
    "micro": {
        "de": "unter 10 Beschäftigte, bis 2 Mio. € Umsatz oder Bilanzsumme",
        "en": "under 10 staff, up to €2m turnover or balance sheet",
    },
    "small": {
        "de": "unter 50 Beschäftigte, bis 10 Mio. € Umsatz oder Bilanzsumme",
        "en": "under 50 staff, up to €10m turnover or balance sheet",
    },
    "medium": {
        "de": "unter 250 Beschäftigte, bis 50 Mio. € Umsatz oder 43 Mio. € Bilanzsumme",
        "en": "under 250 staff, up to €50m turnover or €43m balance sheet",
    },
    "large": {"de": "ab 250 Beschäftigten", "en": "250 staff or more"},
}
KIND_TEXT: dict[str, Text] = {
    "grant": {"de": "Zuschuss", "en": "grant"},
    "loan": {"de": "Darlehen", "en": "loan"},
    "free_advice": {"de": "kostenlose Beratung", "en": "free advice"},
    "competition": {"de": "Wettbewerb", "en": "competition"},
    "equity": {"de": "Beteiligung", "en": "equity"},
    "voucher": {"de": "Gutschein", "en": "voucher"},
    "stipend": {"de": "Stipendium", "en": "stipend"},
    "tax": {"de": "Steuerförderung", "en": "tax incentive"},
}
STATUS_TEXT: dict[str, Text] = {
    "open": {"de": "offen", "en": "open"},
    "ended": {"de": "beendet", "en": "ended"},
    "closed_call": {"de": "keine offene Runde", "en": "no open call"},
}
POSITION_TEXT: dict[str, Text] = {
    "early": {"de": "am Anfang", "en": "early"},
    "emerging": {"de": "auf dem Weg", "en": "emerging"},
    "ready": {"de": "startklar", "en": "ready to adopt"},
    "adopter": {"de": "KI-Anwender", "en": "AI adopter"},
}


class Eligibility(NamedTuple):
    """Who may apply; ``None`` or empty means no restriction."""

    sizes: tuple[str, ...] = ()
    min_employees: int | None = None
    max_employees: int | None = None
    max_turnover_eur: float | None = None
    max_balance_sheet_eur: float | None = None
    min_age_years: int | None = None
    max_age_years: int | None = None
    startup: bool | None = None
    university_spinoff: bool | None = None
    sectors: tuple[str, ...] = ()
    exclude_sectors: tuple[str, ...] = ()
    readiness: tuple[str, ...] = ()


class Programme(NamedTuple):
    """One funding programme with its eligibility, terms and sources."""

    id: str
    name: Text
    provider: str
    level: str
    states: tuple[str, ...]
    kind: str
    status: str
    funds: Text
    rate: Text
    max_eur: float | None
    eligibility: Eligibility
    url: str
    valid_until: dt.date | None  # None: open-ended (written as "open")
    last_verified: dt.date
    source: str
    ended_on: dt.date | None = None
    note: Text | None = None
    # the needs (NEEDS) it pays for, and the facts (model.FACTS) the answers must
    # show before it is recommended rather than merely possible
    serves: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()


class FundingMatch:
    """The verdict on one programme for one company, with reasons (de + en).

    The verdict is decided at once; the reasons are worded on first use, so a
    batch that only needs the matching ids does not build thousands of sentences.
    """

    __slots__ = ("_args", "_reasons", "match", "programme", "stale")

    def __init__(self, programme: Programme, match: bool, stale: bool, args: tuple) -> None:
        self.programme = programme
        self.match = match
        self.stale = stale
        self._args = args
        self._reasons: tuple[Text, ...] | None = None

    @property
    def reasons(self) -> tuple[Text, ...]:
        """Why it fits (all criteria met) or why not (every criterion that fails)."""
        if self._reasons is None:
            self._reasons = _reasons(self.programme, *self._args)
        return self._reasons

    def reason_text(self, lang: str = "de") -> str:
        """``passt: …`` / ``passt nicht: …`` as one sentence."""
        head = (
            ("fits" if self.match else "does not fit")
            if lang == "en"
            else ("passt" if self.match else "passt nicht")
        )
        return f"{head}: " + "; ".join(tr(r, lang) for r in self.reasons)


# --- the catalogue -------------------------------------------------------------------
@cache
def load_funding(path: Path | None = None) -> tuple[Programme, ...]:
    """The funding catalogue, checked (file and line for every problem) and cached."""
    file = path or data_file("funding.yaml")
    return cached("funding", file, lambda: _read_funding(file))


def _read_funding(file: Path) -> tuple[Programme, ...]:
    doc = load_yaml(file)
    r = Reader(doc)
    out: list[Programme] = []
    m = (
        r.mapping(
            doc.data,
            (),
            Bi("dem Förderkatalog", "the funding catalogue"),
            ("checked", "programmes"),
            ("programmes",),
        )
        if doc.data is not None
        else None
    )
    seen: set[str] = set()
    for i, item in enumerate(r.seq((m or {}).get("programmes"), ("programmes",)) or []):
        p = _programme(r, item, ("programmes", i))
        if p is not None:
            if p.id in seen:
                r.add("ID_002", ("programmes", i, "id"), id=p.id, first="?")
            seen.add(p.id)
            out.append(p)
    if has_errors(doc.issues) or doc.data is None:
        raise ValidationError(doc.issues)
    return tuple(out)


def get_programme(programme_id: str, programmes: Iterable[Programme] | None = None) -> Programme:
    """The programme with this id; :class:`NotFoundError` with a suggestion otherwise."""
    from ki_check.diagnostics import suggest

    catalogue = tuple(programmes if programmes is not None else load_funding())
    for p in catalogue:
        if p.id == programme_id:
            return p
    best = suggest(programme_id, [p.id for p in catalogue])
    raise NotFoundError(
        f"Unbekanntes Förderprogramm '{programme_id}'."
        + (f" Meinten Sie '{best}'?" if best else "")
        + " 'ki-check funding list --all' zeigt alle.",
        f"Unknown funding programme '{programme_id}'."
        + (f" Did you mean '{best}'?" if best else "")
        + " 'ki-check funding list --all' shows all.",
    )


_KEYS = (
    "id",
    "name",
    "provider",
    "level",
    "states",
    "kind",
    "status",
    "funds",
    "rate",
    "max_eur",
    "eligibility",
    "url",
    "valid_until",
    "ended_on",
    "last_verified",
    "source",
    "note",
    "serves",
    "requires",
)
_REQUIRED = (
    "id",
    "name",
    "provider",
    "level",
    "kind",
    "status",
    "funds",
    "rate",
    "url",
    "valid_until",
    "last_verified",
    "source",
    "serves",
)
_ELIGIBILITY_KEYS = Eligibility._fields


def _date(r: Reader, value: Any, path: Path_, allow_open: bool = False) -> dt.date | str | None:
    if isinstance(value, dt.date):
        return value
    if allow_open and value == "open":
        return "open"
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    expected = (
        Bi("ein Datum JJJJ-MM-TT oder 'open'", "a date YYYY-MM-DD or 'open'")
        if allow_open
        else Bi("ein Datum JJJJ-MM-TT", "a date YYYY-MM-DD")
    )
    r.wrong_type(value, path, expected)
    return None


def _programme(r: Reader, item: Any, p: Path_) -> Programme | None:
    m = r.mapping(item, p, Bi("einem Förderprogramm", "a programme"), _KEYS, _REQUIRED)
    if m is None or any(k not in m for k in _REQUIRED):
        return None
    states = tuple(
        s
        for i, v in enumerate(r.seq(m.get("states", ["*"]), (*p, "states")) or [])
        if (s := r.choice(v, (*p, "states", i), (*STATES, "*"))) is not None
    )
    valid_until = _date(r, m["valid_until"], (*p, "valid_until"), allow_open=True)
    last_verified = _date(r, m["last_verified"], (*p, "last_verified"))
    ended_on = _date(r, m["ended_on"], (*p, "ended_on")) if "ended_on" in m else None
    status = r.choice(m["status"], (*p, "status"), STATUSES)
    if status == "ended" and "ended_on" not in m:
        r.add(
            "KEY_002",
            p,
            at_key=True,
            key="ended_on",
            where=Bi("einem beendeten Programm", "an ended programme"),
        )
    max_eur = (
        r.number(m["max_eur"], (*p, "max_eur"), minimum=0) if m.get("max_eur") is not None else None
    )
    values = {
        "id": r.ident(m["id"], (*p, "id"), SLUG_RE),
        "name": r.text(m["name"], (*p, "name")),
        "provider": r.string(m["provider"], (*p, "provider")),
        "level": r.choice(m["level"], (*p, "level"), LEVELS),
        "kind": r.choice(m["kind"], (*p, "kind"), KINDS),
        "status": status,
        "funds": r.text(m["funds"], (*p, "funds")),
        "rate": r.text(m["rate"], (*p, "rate")),
        "url": r.string(m["url"], (*p, "url")),
        "source": r.string(m["source"], (*p, "source")),
        "last_verified": last_verified,
        "valid_until": valid_until,
    }
    eligibility = _eligibility(r, m.get("eligibility", {}), (*p, "eligibility"))
    note = r.text(m["note"], (*p, "note")) if "note" in m else None
    serves = _choices(r, m["serves"], (*p, "serves"), tuple(NEEDS))
    requires = _choices(r, m.get("requires", []), (*p, "requires"), tuple(FACTS), nonempty=False)
    if any(v is None for v in values.values()) or eligibility is None:
        return None
    values["valid_until"] = None if valid_until == "open" else valid_until
    return Programme(
        **values,
        states=states,
        max_eur=max_eur,
        eligibility=eligibility,
        ended_on=ended_on if isinstance(ended_on, dt.date) else None,
        note=note,
        serves=serves,
        requires=requires,
    )


def _choices(
    r: Reader, value: Any, p: Path_, allowed: tuple[str, ...], nonempty: bool = True
) -> tuple[str, ...]:
    items = r.seq(value, p, nonempty=nonempty) or []
    return tuple(c for i, v in enumerate(items) if (c := r.choice(v, (*p, i), allowed)) is not None)


def _eligibility(r: Reader, value: Any, p: Path_) -> Eligibility | None:
    m = r.mapping(value, p, Bi("'eligibility'", "'eligibility'"), _ELIGIBILITY_KEYS)
    if m is None:
        return None
    out: dict[str, Any] = {}
    lists = {
        "sizes": SIZES,
        "sectors": tuple(SECTORS),
        "exclude_sectors": tuple(SECTORS),
        "readiness": POSITIONS,
    }
    for key, allowed in lists.items():
        if key in m:
            items = r.seq(m[key], (*p, key)) or []
            out[key] = tuple(
                c
                for i, v in enumerate(items)
                if (c := r.choice(v, (*p, key, i), allowed)) is not None
            )
    for key in ("min_employees", "max_employees", "min_age_years", "max_age_years"):
        if key in m:
            out[key] = r.number(m[key], (*p, key), integer=True, minimum=0)
    for key in ("max_turnover_eur", "max_balance_sheet_eur"):
        if key in m:
            out[key] = r.number(m[key], (*p, key), minimum=0)
    for key in ("startup", "university_spinoff"):
        if key in m:
            out[key] = r.boolean(m[key], (*p, key))
    return Eligibility(**out)


# --- size class ------------------------------------------------------------------------
def eu_size_class(
    employees: int | None, turnover: float | None, balance: float | None
) -> tuple[str | None, bool]:
    """The EU size class and whether it rests on headcount alone (no financial figures).

    ``None`` when the headcount is unknown. With turnover and balance sheet both
    unknown, the class follows the headcount and the second value is ``True``.
    """
    if employees is None:
        return None, True
    money_known = turnover is not None or balance is not None
    for size, (max_staff, max_turnover, max_balance) in SME_LIMITS.items():
        if employees >= max_staff:
            continue
        if not money_known:
            return size, True
        ok_turnover = turnover is not None and turnover <= max_turnover
        ok_balance = balance is not None and balance <= max_balance
        if ok_turnover or ok_balance:
            return size, False
    return "large", not money_known


# --- matching --------------------------------------------------------------------------
def _t(de: str, en: str) -> Text:
    return {"de": de, "en": en}


class _Profile(NamedTuple):
    """The parts of a company profile eligibility looks at (hashable, for the cache)."""

    employees: int | None
    turnover_eur: float | None
    balance_sheet_eur: float | None
    founded: int | None
    sector: str | None
    startup: bool | None
    university_spinoff: bool | None


def match_funding(
    company: Any,
    as_of: dt.date,
    *,
    position: str | None = None,
    stage_label: Text | None = None,
    programmes: Iterable[Programme] | None = None,
) -> list[FundingMatch]:
    """Every programme, matched or not, with reasons; matches first, then by level.

    ``company`` is an :class:`~ki_check.answers.Company` (only the profile is
    needed, so this works on an interview that has just started); ``position``
    is the baseline position (early, emerging, ready, adopter) where known.
    """
    catalogue = programmes if programmes is not None else load_funding()
    profile = _Profile(
        company.employees,
        company.turnover_eur,
        company.balance_sheet_eur,
        company.founded,
        company.sector,
        company.startup,
        company.university_spinoff,
    )
    label = (tr(stage_label, "de"), tr(stage_label, "en")) if stage_label else None
    results = [_match_one(p, profile, company.state, as_of, position, label) for p in catalogue]
    return sorted(
        results, key=lambda r: (not r.match, _LEVEL_ORDER[r.programme.level], r.programme.id)
    )


_LEVEL_ORDER = {"land": 0, "bund": 1, "eu": 2}


def _match_one(
    p: Programme,
    profile: _Profile,
    state: str | None,
    as_of: dt.date,
    position: str | None,
    label: tuple[str, str] | None,
) -> FundingMatch:
    e = p.eligibility
    match = (
        not _programme_status(p.status, p.ended_on, p.valid_until, as_of)
        and _state_reason(p.states, state)[0]
        and _stage_reason(e.readiness, position, label)[0]
        and _company_ok(e, profile, as_of.year)
    )
    stale = (as_of - p.last_verified).days > STALE_AFTER_DAYS
    return FundingMatch(p, match, stale, (profile, state, as_of, position, label))


def _company_ok(e: Eligibility, c: _Profile, year: int) -> bool:
    """The size, age, flag and sector rules as one quick yes/no (no sentences).

    Must agree with :func:`_company_reasons`, which words the same rules; a test
    checks both on every programme of the catalogue for many profiles.
    """
    if e.sizes or e.max_employees is not None or e.min_employees is not None:
        if c.employees is None:
            return False
        size = eu_size_class(c.employees, c.turnover_eur, c.balance_sheet_eur)[0]
        if e.sizes and size not in e.sizes:
            return False
        if e.max_employees is not None and c.employees > e.max_employees:
            return False
        if e.min_employees is not None and c.employees < e.min_employees:
            return False
    if e.max_turnover_eur is not None:
        t, b = c.turnover_eur, c.balance_sheet_eur
        ok = (t is not None and t <= e.max_turnover_eur) or (
            e.max_balance_sheet_eur is not None and b is not None and b <= e.max_balance_sheet_eur
        )
        if not ok:
            return False
    if e.max_age_years is not None or e.min_age_years is not None:
        if c.founded is None:
            return False
        age = year - c.founded
        if e.max_age_years is not None and age > e.max_age_years:
            return False
        if e.min_age_years is not None and age < e.min_age_years:
            return False
    for wanted, have in ((e.startup, c.startup), (e.university_spinoff, c.university_spinoff)):
        if wanted is not None and have != wanted:
            return False
    if e.sectors or e.exclude_sectors:
        if c.sector is None:
            return False
        if (e.sectors and c.sector not in e.sectors) or c.sector in e.exclude_sectors:
            return False
    return True


def _reasons(
    p: Programme,
    profile: _Profile,
    state: str | None,
    as_of: dt.date,
    position: str | None,
    label: tuple[str, str] | None,
) -> tuple[Text, ...]:
    yes, no = _worded(p, profile, state, as_of, position, label)
    stale_reason = _staleness(p.last_verified, as_of)[1]
    if stale_reason is not None:
        (no if no else yes).append(stale_reason)
    return tuple(no or yes)


def _worded(
    p: Programme,
    profile: _Profile,
    state: str | None,
    as_of: dt.date,
    position: str | None,
    label: tuple[str, str] | None,
) -> tuple[list[Text], list[Text]]:
    """Every rule of ``p`` in words: ``(reasons it fits, reasons it does not)``."""
    no = list(_programme_status(p.status, p.ended_on, p.valid_until, as_of))
    fits_state, state_reasons = _state_reason(p.states, state)
    fits, fails = _company_reasons(p.eligibility, profile, as_of.year)
    fits_stage, stage_reasons = _stage_reason(p.eligibility.readiness, position, label)
    yes = [*(state_reasons if fits_state else ()), *fits, *(stage_reasons if fits_stage else ())]
    no.extend(() if fits_state else state_reasons)
    no.extend(fails)
    no.extend(() if fits_stage else stage_reasons)
    return yes, no


# The parts of a verdict that depend on few inputs are cached: a portfolio of
# thousands of companies is matched against the same catalogue on the same day.
@lru_cache(maxsize=1024)
def _programme_status(
    status: str, ended_on: dt.date | None, valid_until: dt.date | None, as_of: dt.date
) -> tuple[Text, ...]:
    out = []
    if status == "ended" or (ended_on is not None and ended_on < as_of):
        day = ended_on or valid_until
        when_de = f" am {fmt.date(day, 'de', 'medium')}" if day else ""
        when_en = f" on {fmt.date(day, 'en', 'medium')}" if day else ""
        out.append(_t(f"Programm beendet{when_de}", f"programme ended{when_en}"))
    elif status == "closed_call":
        out.append(_t("derzeit keine offene Ausschreibung", "no open call at present"))
    if valid_until is not None and valid_until < as_of and status != "ended":
        out.append(
            _t(
                f"Frist abgelaufen am {fmt.date(valid_until, 'de', 'medium')}",
                f"deadline passed on {fmt.date(valid_until, 'en', 'medium')}",
            )
        )
    return tuple(out)


@lru_cache(maxsize=1024)
def _staleness(last_verified: dt.date, as_of: dt.date) -> tuple[bool, Text | None]:
    if (as_of - last_verified).days <= STALE_AFTER_DAYS:
        return False, None
    return True, _t(
        f"Angaben zuletzt am {fmt.date(last_verified, 'de', 'medium')} geprüft"
        " – möglicherweise veraltet",
        f"last verified on {fmt.date(last_verified, 'en', 'medium')} – possibly outdated",
    )


@lru_cache(maxsize=4096)
def _stage_reason(
    readiness: tuple[str, ...], position: str | None, label: tuple[str, str] | None
) -> tuple[bool, tuple[Text, ...]]:
    if not readiness:
        return True, (_t(f"Phase {label[0]}", f"stage {label[1]}"),) if label else ()
    if position is None:
        return True, (
            _t(
                "Reifegrad wird nach dem Interview geprüft", "readiness checked after the interview"
            ),
        )
    if position in readiness:
        de = label[0] if label else tr(POSITION_TEXT[position], "de")
        en = label[1] if label else tr(POSITION_TEXT[position], "en")
        return True, (_t(f"Phase {de}", f"stage {en}"),)
    allowed_de = ", ".join(tr(POSITION_TEXT[x], "de") for x in readiness)
    allowed_en = ", ".join(tr(POSITION_TEXT[x], "en") for x in readiness)
    return False, (
        _t(
            f"nur für Unternehmen in der Phase: {allowed_de}",
            f"only for companies at stage: {allowed_en}",
        ),
    )


@lru_cache(maxsize=512)
def _company_reasons(
    e: Eligibility, c: _Profile, year: int
) -> tuple[tuple[Text, ...], tuple[Text, ...]]:
    """``(reasons it fits, reasons it does not)`` for size, age, flags and sector."""
    yes: list[Text] = []
    no: list[Text] = []
    _check_size(e, c, yes, no)
    _check_age_and_flags(e, c, year, yes, no)
    _check_sector(e, c, yes, no)
    return tuple(yes), tuple(no)


@lru_cache(maxsize=4096)
def _state_reason(states: tuple[str, ...], state: str | None) -> tuple[bool, tuple[Text, ...]]:
    """``(fits, reasons)`` for the state rule of a programme."""
    if "*" in states or not states:
        return True, ()
    names_de = ", ".join(tr(STATES[s], "de") for s in states)
    names_en = ", ".join(tr(STATES[s], "en") for s in states)
    if state is None:
        return False, (
            _t(
                f"Bundesland fehlt (Programm nur für {names_de})",
                f"state missing (programme only for {names_en})",
            ),
        )
    if state in states:
        return True, (
            _t(f"Sitz in {tr(STATES[state], 'de')}", f"based in {tr(STATES[state], 'en')}"),
        )
    return False, (
        _t(
            f"nur für Unternehmen mit Sitz in {names_de}", f"only for companies based in {names_en}"
        ),
    )


def _check_size(e: Eligibility, c: _Profile, yes: list[Text], no: list[Text]) -> None:
    if e.sizes or e.max_employees is not None or e.min_employees is not None:
        if c.employees is None:
            no.append(_t("Zahl der Beschäftigten fehlt", "number of employees missing"))
        else:
            _check_headcount(e, c, yes, no)
    if e.max_turnover_eur is not None:
        t, b = c.turnover_eur, c.balance_sheet_eur
        ok = (t is not None and t <= e.max_turnover_eur) or (
            e.max_balance_sheet_eur is not None and b is not None and b <= e.max_balance_sheet_eur
        )
        if t is None and b is None:
            no.append(_t("Jahresumsatz fehlt", "annual turnover missing"))
        elif not ok:
            limit_de = f"bis {fmt.money(e.max_turnover_eur, 'de')} Umsatz"
            limit_en = f"up to {fmt.money(e.max_turnover_eur, 'en')} turnover"
            if e.max_balance_sheet_eur is not None:
                limit_de += f" oder {fmt.money(e.max_balance_sheet_eur, 'de')} Bilanzsumme"
                limit_en += f" or {fmt.money(e.max_balance_sheet_eur, 'en')} balance sheet"
            no.append(_t(f"nur {limit_de}", f"only {limit_en}"))


def _check_headcount(e: Eligibility, c: _Profile, yes: list[Text], no: list[Text]) -> None:
    employees = c.employees
    assert employees is not None
    failed = len(no)
    staff_de = f"{employees} Beschäftigten"
    staff_en = f"{employees} employees"
    if e.sizes:
        size, headcount_only = eu_size_class(employees, c.turnover_eur, c.balance_sheet_eur)
        if size in e.sizes:
            kmu_de = "KMU" if size != "large" else tr(SIZE_TEXT[size], "de")
            kmu_en = "SME" if size != "large" else tr(SIZE_TEXT[size], "en")
            note_de = " (nur nach Beschäftigten; Umsatz fehlt)" if headcount_only else ""
            note_en = " (by headcount only; turnover missing)" if headcount_only else ""
            yes.append(
                _t(f"{kmu_de} mit {staff_de}{note_de}", f"{kmu_en} with {staff_en}{note_en}")
            )
        else:
            biggest = max(e.sizes, key=SIZES.index)
            rule_de = f" ({tr(SIZE_RULE[biggest], 'de')})" if biggest != "large" else ""
            rule_en = f" ({tr(SIZE_RULE[biggest], 'en')})" if biggest != "large" else ""
            no.append(
                _t(
                    f"nur für {_size_words(e.sizes, 'de')}{rule_de};"
                    f" hier: {tr(SIZE_TEXT[size], 'de')} mit {staff_de}",  # type: ignore[index]
                    f"only for {_size_words(e.sizes, 'en')}{rule_en};"
                    f" here: {tr(SIZE_TEXT[size], 'en')} with {staff_en}",  # type: ignore[index]
                )
            )
    if e.max_employees is not None and employees > e.max_employees:
        no.append(
            _t(
                f"nur bis {e.max_employees} Beschäftigte; hier {employees}",
                f"only up to {e.max_employees} employees; here {employees}",
            )
        )
    if e.min_employees is not None and employees < e.min_employees:
        no.append(
            _t(
                f"erst ab {e.min_employees} Beschäftigten; hier {employees}",
                f"only from {e.min_employees} employees; here {employees}",
            )
        )
    if not e.sizes and len(no) == failed:
        yes.append(
            _t(f"{employees} Beschäftigte im Rahmen", f"{employees} employees within the limit")
        )


def _size_words(sizes: tuple[str, ...], lang: str) -> str:
    plural = {
        "de": {
            "micro": "Kleinstunternehmen",
            "small": "kleine Unternehmen",
            "medium": "mittlere Unternehmen",
            "large": "große Unternehmen",
        },
        "en": {
            "micro": "micro enterprises",
            "small": "small enterprises",
            "medium": "medium-sized enterprises",
            "large": "large enterprises",
        },
    }[lang]
    words = [plural[s] for s in SIZES if s in sizes]
    joiner = " und " if lang == "de" else " and "
    return joiner.join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


def _check_age_and_flags(
    e: Eligibility, c: _Profile, year: int, yes: list[Text], no: list[Text]
) -> None:
    if e.max_age_years is not None or e.min_age_years is not None:
        if c.founded is None:
            no.append(_t("Gründungsjahr fehlt", "founding year missing"))
        else:
            age = year - c.founded
            if e.max_age_years is not None and age > e.max_age_years:
                no.append(
                    _t(
                        f"nur für Unternehmen bis {e.max_age_years} Jahre; gegründet {c.founded}",
                        f"only for companies up to {e.max_age_years} years old;"
                        f" founded {c.founded}",
                    )
                )
            elif e.min_age_years is not None and age < e.min_age_years:
                no.append(
                    _t(
                        f"erst ab {e.min_age_years} Jahren am Markt; gegründet {c.founded}",
                        f"only after {e.min_age_years} years in business; founded {c.founded}",
                    )
                )
            else:
                yes.append(_t(f"gegründet {c.founded}", f"founded {c.founded}"))
    for flag, de, en, de_plural, en_plural in (
        ("startup", "Start-up", "start-up", "Start-ups", "start-ups"),
        (
            "university_spinoff",
            "Ausgründung aus einer Hochschule",
            "university spin-off",
            "Ausgründungen aus Hochschulen",
            "university spin-offs",
        ),
    ):
        wanted = getattr(e, flag)
        if wanted is None:
            continue
        have = getattr(c, flag)
        if have is None:
            no.append(_t(f"Angabe fehlt: {de}?", f"missing: {en}?"))
        elif have == wanted:
            yes.append(_t(de if wanted else f"kein {de}", en if wanted else f"not a {en}"))
        else:
            no.append(
                _t(
                    f"nur für {de_plural}" if wanted else f"nicht für {de_plural}",
                    f"only for {en_plural}" if wanted else f"not for {en_plural}",
                )
            )


def _check_sector(e: Eligibility, c: _Profile, yes: list[Text], no: list[Text]) -> None:
    if not e.sectors and not e.exclude_sectors:
        return
    if c.sector is None:
        no.append(_t("Branche (WZ-Abschnitt) fehlt", "sector (WZ section) missing"))
        return
    name_de, name_en = tr(SECTORS[c.sector], "de"), tr(SECTORS[c.sector], "en")
    if (e.sectors and c.sector not in e.sectors) or c.sector in e.exclude_sectors:
        no.append(
            _t(
                f"Branche {c.sector} ({name_de}) nicht gefördert",
                f"sector {c.sector} ({name_en}) not eligible",
            )
        )
    else:
        yes.append(_t(f"Branche {c.sector} ({name_de})", f"sector {c.sector} ({name_en})"))
