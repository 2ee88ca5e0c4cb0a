"""Reading the funding catalogue: ``ki_check/data/funding.yaml`` into checked records.

Every problem is reported with file and line; ``last_verified`` is checked
against the sources' dates (FUND_001). The records themselves are in
:mod:`ki_check.funding.model`, who may apply in :mod:`ki_check.funding.rules`,
the amount for one company in :mod:`ki_check.funding.amounts`;
:mod:`ki_check.funding.match` puts them together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.assessment.profile import SECTORS, STATES
from ki_check.diagnostics import Bi, has_errors
from ki_check.errors import NotFoundError, ValidationError
from ki_check.funding.model import (
    KINDS,
    LEVELS,
    NEEDS,
    SIZES,
    STATUSES,
    Amount,
    Eligibility,
    Programme,
    Source,
    earliest_day,
)
from ki_check.i18n import Text
from ki_check.questionnaire.model import FACTS
from ki_check.util.cache import cached
from ki_check.util.readers import SLUG_RE, Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import load_yaml


# --- loading ---------------------------------------------------------------------------
@cache
def load_funding(path: Path | None = None) -> tuple[Programme, ...]:
    """The funding catalogue, checked and cached.

    Raises :class:`~ki_check.errors.ValidationError` listing every problem with
    file and line.
    """
    file = path or data_file("funding.yaml")
    return cached("funding", file, lambda: _read_funding(file))


def get_programme(programme_id: str, programmes: Iterable[Programme] | None = None) -> Programme:
    """The programme with this id; raises :class:`NotFoundError` with a suggestion otherwise."""
    from ki_check.diagnostics import suggest

    catalogue = tuple(programmes if programmes is not None else load_funding())
    for p in catalogue:
        if p.id == programme_id:
            return p
    best = suggest(programme_id, [p.id for p in catalogue])
    raise NotFoundError.coded("REF_007", name=programme_id, suggestion=best)


def list_programmes(
    state: str | None = None, *, include_ended: bool = False, where: str = ""
) -> tuple[Programme, ...]:
    """The catalogue's programmes in file order: those open to a company in ``state`` (a
    state code in any case; ``None`` for every state), ended ones only with ``include_ended``.

    Raises :class:`~ki_check.errors.KiCheckError` ``PROFILE_001`` at ``where`` (the option
    or field that named it) for an unknown state code.
    """
    from ki_check.errors import KiCheckError

    if state is not None and state.upper() not in STATES:
        raise KiCheckError.coded("PROFILE_001", where, value=state, allowed=" ".join(STATES))
    return tuple(
        p
        for p in load_funding()
        if (include_ended or p.status != "ended")
        and (not state or "*" in p.states or state.upper() in p.states)
    )


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
    "amounts",
    "eligibility",
    "url",
    "valid_until",
    "ended_on",
    "last_verified",
    "sources",
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
    "sources",
    "serves",
)
_SOURCE_KEYS = ("title", "url", "date", "not_before", "third_party")
_AMOUNT_KEYS = (
    "rate_pct",
    "up_to",
    "cost_cap_eur",
    "max_eur",
    "basis",
    "sizes",
    "states",
    "region",
)


def _programme(r: Reader, item: Any, p: Path_) -> Programme | None:
    m = r.mapping(item, p, Bi("einem Förderprogramm", "a programme"), _KEYS, _REQUIRED)
    if m is None or any(k not in m for k in _REQUIRED):
        return None
    states = _choices(r, m.get("states", ["*"]), (*p, "states"), (*STATES, "*"))
    valid_until = _date(r, m["valid_until"], (*p, "valid_until"), allow_open=True)
    last_verified = _date(r, m["last_verified"], (*p, "last_verified"))
    ended_on = _date(r, m["ended_on"], (*p, "ended_on")) if "ended_on" in m else None
    status = r.choice(m["status"], (*p, "status"), STATUSES)
    if status == "ended" and "ended_on" not in m:
        where = Bi("einem beendeten Programm", "an ended programme")
        r.add("KEY_002", p, at_key=True, key="ended_on", where=where)
    max_eur = (
        r.number(m["max_eur"], (*p, "max_eur"), minimum=0) if m.get("max_eur") is not None else None
    )
    sources = _sources(r, m["sources"], (*p, "sources"))
    head = _head(r, m, p)
    eligibility = _eligibility(r, m.get("eligibility", {}), (*p, "eligibility"))
    amounts = _amounts(r, m["amounts"], (*p, "amounts")) if "amounts" in m else ()
    note = r.text(m["note"], (*p, "note")) if "note" in m else None
    serves = _choices(r, m["serves"], (*p, "serves"), tuple(NEEDS))
    requires = _choices(r, m.get("requires", []), (*p, "requires"), tuple(FACTS), nonempty=False)
    if (
        head is None
        or status is None
        or not isinstance(last_verified, dt.date)
        or valid_until is None
        or sources is None
        or eligibility is None
        or amounts is None
    ):
        return None
    _check_last_verified(r, last_verified, sources, (*p, "last_verified"))
    return Programme(
        id=head.id,
        name=head.name,
        provider=head.provider,
        level=head.level,
        kind=head.kind,
        status=status,
        funds=head.funds,
        rate=head.rate,
        url=head.url,
        last_verified=last_verified,
        valid_until=valid_until if isinstance(valid_until, dt.date) else None,  # "open"
        sources=sources,
        states=states,
        max_eur=max_eur,
        eligibility=eligibility,
        ended_on=ended_on if isinstance(ended_on, dt.date) else None,
        note=note,
        serves=serves,
        requires=requires,
        amounts=amounts,
    )


class _Head(NamedTuple):
    """What a programme is and who offers it (the entry's texts and codes)."""

    id: str
    name: Text
    provider: Text
    level: str
    kind: str
    funds: Text
    rate: Text
    url: str


def _head(r: Reader, m: dict[str, Any], p: Path_) -> _Head | None:
    pid = r.ident(m["id"], (*p, "id"), SLUG_RE)
    name = r.text(m["name"], (*p, "name"))
    provider = r.text(m["provider"], (*p, "provider"))
    level = r.choice(m["level"], (*p, "level"), LEVELS)
    kind = r.choice(m["kind"], (*p, "kind"), KINDS)
    funds = r.text(m["funds"], (*p, "funds"))
    rate = r.text(m["rate"], (*p, "rate"))
    url = r.string(m["url"], (*p, "url"))
    if pid is None or name is None or provider is None or level is None or kind is None:
        return None
    if funds is None or rate is None or url is None:
        return None
    return _Head(pid, name, provider, level, kind, funds, rate, url)


def _check_last_verified(
    r: Reader, last_verified: dt.date, sources: tuple[Source, ...], path: Path_
) -> None:
    """``last_verified`` may not be newer than the newest dated source (FUND_001)."""
    days = [s.day for s in sources if s.day is not None]
    newest = max(days) if days else None
    if newest is None or last_verified > newest:
        r.add(
            "FUND_001",
            path,
            value=last_verified.isoformat(),
            newest=newest.isoformat() if newest else Bi("keine", "none"),
        )


def _choices(
    r: Reader, value: Any, p: Path_, allowed: tuple[str, ...], nonempty: bool = True
) -> tuple[str, ...]:
    items = r.seq(value, p, nonempty=nonempty) or []
    return tuple(c for i, v in enumerate(items) if (c := r.choice(v, (*p, i), allowed)) is not None)


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


def _partial_date(r: Reader, value: Any, path: Path_) -> str | None:
    """A page date as written: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    try:
        earliest_day(text)
        return text
    except ValueError:
        expected = Bi(
            "ein Datum JJJJ-MM-TT, JJJJ-MM oder JJJJ", "a date YYYY-MM-DD, YYYY-MM or YYYY"
        )
        r.wrong_type(value, path, expected)
        return None


def _sources(r: Reader, value: Any, p: Path_) -> tuple[Source, ...] | None:
    """The sources, or ``None`` when one of them is unusable (each problem is recorded)."""
    items = r.seq(value, p)
    if items is None:
        return None
    out: list[Source] | None = []
    where = Bi("einer Quelle", "a source")
    for i, item in enumerate(items):
        path = (*p, i)
        m = r.mapping(item, path, where, _SOURCE_KEYS, ("title",))
        if m is None or "title" not in m:
            out = None
            continue
        if "date" in m and "not_before" in m:
            r.add("KEY_003", path, where=where, keys="date, not_before")
        title = r.string(m["title"], (*path, "title"))
        url = r.string(m["url"], (*path, "url")) if "url" in m else None
        date = _partial_date(r, m["date"], (*path, "date")) if "date" in m else None
        not_before = _date(r, m["not_before"], (*path, "not_before")) if "not_before" in m else None
        third = r.boolean(m["third_party"], (*path, "third_party")) if "third_party" in m else False
        broken = ("date" in m and date is None) or ("not_before" in m and not_before is None)
        if title is None or broken or out is None:
            out = None
            continue
        nb = not_before if isinstance(not_before, dt.date) else None
        out.append(Source(title, url, date, nb, bool(third)))
    return tuple(out) if out is not None else None


def _amounts(r: Reader, value: Any, p: Path_) -> tuple[Amount, ...] | None:
    items = r.seq(value, p)
    if items is None:
        return None
    out = []
    for i, item in enumerate(items):
        path = (*p, i)
        where = Bi("einem Betrag", "an amount")
        m = r.mapping(item, path, where, _AMOUNT_KEYS, ("rate_pct",))
        if m is None or "rate_pct" not in m:
            return None
        rate = r.number(m["rate_pct"], (*path, "rate_pct"), minimum=0, maximum=100)
        numbers = {
            key: r.number(m[key], (*path, key), minimum=0) if key in m else None
            for key in ("cost_cap_eur", "max_eur")
        }
        texts = {
            key: r.text(m[key], (*path, key)) if key in m else None for key in ("basis", "region")
        }
        up_to = r.boolean(m["up_to"], (*path, "up_to")) if "up_to" in m else False
        sizes = _choices(r, m.get("sizes", []), (*path, "sizes"), SIZES, nonempty=False)
        states = _choices(r, m.get("states", []), (*path, "states"), tuple(STATES), nonempty=False)
        if texts["region"] is not None and not states:
            r.add("KEY_002", path, at_key=True, key="states", where=where)
        if rate is None:
            return None
        out.append(
            Amount(
                rate_pct=float(rate),
                up_to=bool(up_to),
                cost_cap_eur=numbers["cost_cap_eur"],
                max_eur=numbers["max_eur"],
                basis=texts["basis"],
                region=texts["region"],
                sizes=sizes,
                states=states,
            )
        )
    return tuple(out)


def _eligibility(r: Reader, value: Any, p: Path_) -> Eligibility | None:
    m = r.mapping(value, p, Bi("'eligibility'", "'eligibility'"), Eligibility._fields)
    if m is None:
        return None
    out: dict[str, Any] = {}
    lists = {"sizes": SIZES, "sectors": tuple(SECTORS), "exclude_sectors": tuple(SECTORS)}
    for key, allowed in lists.items():
        if key in m:
            out[key] = _choices(r, m[key], (*p, key), allowed)
    for key in ("min_employees", "max_employees", "min_age_years", "max_age_years"):
        if key in m:
            out[key] = r.number(m[key], (*p, key), integer=True, minimum=0)
    for key in ("max_turnover_eur", "max_balance_sheet_eur"):
        if key in m:
            out[key] = r.number(m[key], (*p, key), minimum=0)
    for key in ("before_founding", "startup", "university_spinoff"):
        if key in m:
            out[key] = r.boolean(m[key], (*p, key))
    return Eligibility(**out)
