"""Data tests for the funding catalogue and the free first stops.

They check the shipped files ``ki_check/data/funding.yaml`` and
``ki_check/data/first_stops.yaml`` as data: sources and dates present, ended
programmes really ended and never recommended, Land codes valid, ids unique,
every Land with a free first stop, and enough open programmes. The reference
day is the research date of the catalogue, 2026-11-24.

Nothing is loaded at import: the parameters are the ids in the raw YAML (read
with PyYAML alone), and the checked catalogue is loaded once per module by a
fixture, into a cache folder of the tests' own, never the developer's.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
import yaml

from ki_check.advice.content import STOP_KINDS, first_stops_for, load_first_stops
from ki_check.assessment.answers import Company
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.funding.match import (
    KINDS,
    LEVELS,
    SIZES,
    STATUSES,
    Programme,
    load_funding,
    match_funding,
)
from ki_check.util.resources import data_file

AS_OF = dt.date(2026, 11, 24)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STALE_DAYS = 365


def _raw(name: str) -> dict:
    with open(data_file(name), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


RAW_PROGRAMMES = _raw("funding.yaml")["programmes"]
RAW_STOPS = _raw("first_stops.yaml")["stops"]
PROGRAMME_IDS = [r["id"] for r in RAW_PROGRAMMES]
STOP_IDS = [r["id"] for r in RAW_STOPS]


@pytest.fixture(scope="module")
def own_cache(tmp_path_factory):
    """The loaders' disk cache in a folder of this module (the autouse isolation of
    conftest starts per test, after module fixtures)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def programmes(own_cache) -> dict[str, Programme]:
    """The checked catalogue by id."""
    return {p.id: p for p in load_funding()}


@pytest.fixture(scope="module")
def stops(own_cache):
    """The checked free first stops."""
    return load_first_stops()


def _companies() -> list[Company]:
    """A spread of profiles: every Land, every size class, start-ups, spin-offs, gaps."""
    sizes = [
        (3, 300_000.0, 200_000.0),  # micro
        (42, 6_800_000.0, 4_100_000.0),  # small
        (180, 30_000_000.0, 20_000_000.0),  # medium
        (900, 400_000_000.0, 300_000_000.0),  # large
    ]
    companies = []
    for state, (staff, turnover, balance), (founded, startup, spinoff), sector in zip(
        itertools.cycle(STATES),
        itertools.cycle(sizes),
        itertools.cycle([(2025, True, True), (1987, False, False), (2021, True, False)]),
        itertools.cycle(SECTORS),
        strict=False,
    ):
        companies.append(
            Company(
                name=f"Test {state} {staff}",
                state=state,
                employees=staff,
                turnover_eur=turnover,
                balance_sheet_eur=balance,
                founded=founded,
                sector=sector,
                startup=startup,
                university_spinoff=spinoff,
            )
        )
        if len(companies) >= 4 * len(STATES):
            break
    companies.append(Company(name="Nur Name"))  # a profile with everything missing
    return companies


# --- programmes: sources, dates, codes ------------------------------------------------
def test_catalogue_loads_and_ids_are_unique(programmes):
    ids = PROGRAMME_IDS
    assert len(programmes) == len(RAW_PROGRAMMES)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


PAGE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.mark.parametrize("raw", RAW_PROGRAMMES, ids=lambda r: r["id"])
def test_every_programme_has_sources_dates_and_link(raw):
    assert raw["sources"], "sources missing"
    for src in raw["sources"]:
        assert str(src["title"]).strip(), "a source needs a title"
        assert "date" not in src or "not_before" not in src
        if "date" in src:
            assert PAGE_DATE.match(str(src["date"])), src["date"]
        if "not_before" in src:
            assert ISO_DATE.match(str(src["not_before"])), src["not_before"]
        if "url" in src:
            assert str(src["url"]).startswith(("http://", "https://"))
    assert ISO_DATE.match(str(raw["last_verified"])), "last_verified must be YYYY-MM-DD"
    # valid_until is either an explicit open end or a date – never left out
    assert raw["valid_until"] == "open" or ISO_DATE.match(str(raw["valid_until"]))
    assert str(raw["url"]).startswith(("http://", "https://"))


def _earliest(text: str) -> dt.date:
    """The first day a page date YYYY, YYYY-MM or YYYY-MM-DD can mean, worked out here."""
    parts = [int(x) for x in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@pytest.mark.parametrize("raw", RAW_PROGRAMMES, ids=lambda r: r["id"])
def test_last_verified_is_the_date_of_the_newest_source(raw):
    """docs/funding-catalogue.md: last_verified = the newest dated source, never newer."""
    days = [
        _earliest(str(src["date"])) if "date" in src else dt.date.fromisoformat(src["not_before"])
        for src in raw["sources"]
        if "date" in src or "not_before" in src
    ]
    assert days, "at least one source with a date (or not_before)"
    last_verified = dt.date.fromisoformat(str(raw["last_verified"]))
    assert last_verified <= max(days), "last_verified is newer than every source"
    assert last_verified == max(days), "last_verified is the date of the newest source"


def test_a_newer_last_verified_is_refused_with_file_and_line(tmp_path):
    """The loader itself refuses the old habit of writing the research day (FUND_001)."""
    from ki_check.errors import ValidationError

    text = data_file("funding.yaml").read_text("utf-8")
    text = text.replace('last_verified: "2021-01-01"', 'last_verified: "2026-11-24"', 1)
    bad = tmp_path / "funding.yaml"
    bad.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as err:
        load_funding.__wrapped__(bad)
    (issue,) = err.value.issues
    assert issue.code == "FUND_001"
    assert issue.line is not None
    assert "2021-01-01" in issue.message("de")  # the newest source of Transfer BONUS


@pytest.mark.parametrize("pid", PROGRAMME_IDS)
def test_programme_codes_are_valid(programmes, pid):
    p = programmes[pid]
    assert p.level in LEVELS
    assert p.kind in KINDS
    assert p.status in STATUSES
    assert set(p.states) <= {*STATES, "*"}
    if p.level == "land":
        assert p.states, "a Land programme names its Länder"
        assert "*" not in p.states, "a Land programme names its Länder"
    else:
        assert "*" in p.states or not p.states, "federal and EU programmes are nationwide"
    assert set(p.eligibility.sectors) <= set(SECTORS)
    assert set(p.eligibility.exclude_sectors) <= set(SECTORS)
    assert p.last_verified <= AS_OF, "verified in the future"
    assert p.max_eur is None or p.max_eur > 0


@pytest.mark.parametrize("pid", PROGRAMME_IDS)
def test_unconfirmed_entries_say_so(programmes, pid):
    """An open entry whose newest source is over a year old, or without an open call, says why."""
    p = programmes[pid]
    stale = (AS_OF - p.last_verified).days > STALE_DAYS
    if (p.status == "open" and stale) or p.status == "closed_call":
        assert p.note, "say in the note what could not be confirmed"


@pytest.mark.parametrize("pid", [r["id"] for r in RAW_PROGRAMMES if r.get("amounts")])
def test_amounts_agree_with_the_stated_maximum(programmes, pid):
    """The largest amount is the maximum ``funding list`` shows; every eligible size has one."""
    p = programmes[pid]
    assert p.amounts
    assert p.max_eur == max(a.maximum for a in p.amounts)
    covered = {s for a in p.amounts for s in a.sizes}
    assert any(not a.sizes for a in p.amounts) or set(p.eligibility.sizes or SIZES) <= covered
    assert any(not a.states for a in p.amounts), "a fallback for the other Länder"


# --- ended programmes -----------------------------------------------------------------
ENDED_IDS = [r["id"] for r in RAW_PROGRAMMES if r.get("status") == "ended"]


@pytest.fixture(scope="module")
def ended(programmes) -> list[Programme]:
    return [p for p in programmes.values() if p.status == "ended"]


def test_catalogue_keeps_ended_programmes(ended):
    ids = {p.id for p in ended}
    assert ids == set(ENDED_IDS)
    assert {"go-digital", "digital-jetzt", "gaia-x-foerderwettbewerb"} <= ids
    assert {"ki-innovationswettbewerb", "bw-digitalisierungspraemie-plus-zuschuss"} <= ids
    assert "nrw-mid-analyse-innovation" in ids


@pytest.mark.parametrize("pid", ENDED_IDS)
def test_ended_programmes_have_an_end_date_in_the_past(programmes, pid):
    p = programmes[pid]
    assert p.ended_on is not None
    assert p.ended_on < AS_OF
    assert p.valid_until is None or p.valid_until <= AS_OF


def test_ended_programmes_never_match_any_company(ended):
    for company in _companies():
        for m in match_funding(company, AS_OF, programmes=ended):
            assert not m.match, (m.programme.id, company.name)
            assert "beendet" in m.reason_text("de")


def test_closed_calls_never_match_any_company(programmes):
    closed = [p for p in programmes.values() if p.status == "closed_call"]
    assert closed
    for company in _companies():
        assert not any(m.match for m in match_funding(company, AS_OF, programmes=closed))


# --- open programmes -----------------------------------------------------------------
@pytest.fixture(scope="module")
def open_programmes(programmes) -> list[Programme]:
    return [
        p
        for p in programmes.values()
        if p.status == "open" and (p.valid_until is None or p.valid_until >= AS_OF)
    ]


def test_at_least_twenty_open_programmes(open_programmes):
    assert len(open_programmes) >= 20, [p.id for p in open_programmes]


def test_open_programmes_cover_federal_eu_and_laender(open_programmes):
    levels = {p.level for p in open_programmes}
    assert levels == {"bund", "eu", "land"}
    assert len({s for p in open_programmes if p.level == "land" for s in p.states}) >= 10


def test_every_company_gets_an_open_programme(open_programmes):
    """Nobody leaves empty-handed: the free offers fit any SME profile."""
    for company in _companies()[:-1]:
        if company.employees and company.employees >= 250:
            continue
        matches = match_funding(company, AS_OF, programmes=open_programmes)
        assert any(m.match for m in matches), company


def test_muster_gmbh_bavaria_small_metalworking(own_cache):
    company = Company(
        name="Muster Metallbau GmbH",
        state="BY",
        employees=42,
        turnover_eur=6_800_000,
        balance_sheet_eur=4_100_000,
        founded=1987,
        sector="C",
        startup=False,
        university_spinoff=False,
    )
    result = {m.programme.id: m for m in match_funding(company, AS_OF)}
    assert result["digitalbonus-bayern"].match
    assert not result["go-digital"].match
    assert not result["bw-digitalisierungsfinanzierung"].match  # other Land
    assert not result["htgf"].match  # founded 1987, not a start-up
    assert not result["exist-gruendungsstipendium"].match


# --- first stops ---------------------------------------------------------------------
def test_first_stop_ids_are_unique(stops):
    ids = [s.id for s in stops]
    assert ids == STOP_IDS
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("sid", STOP_IDS)
def test_every_first_stop_has_source_checked_date_and_valid_codes(stops, sid):
    s = next(s for s in stops if s.id == sid)
    assert s.source.strip()
    assert ISO_DATE.match(s.checked)
    assert dt.date.fromisoformat(s.checked) <= AS_OF
    assert s.kind in STOP_KINDS
    assert s.states
    assert set(s.states) <= {*STATES, "*"}
    # a landing page, or none where no landing page is verified (docs/advice.md)
    assert not s.url or s.url.startswith(("http://", "https://"))
    assert s.url or "keine Anlaufseite verifiziert" in s.source
    assert s.focus.get("de")
    assert s.focus.get("en")


@pytest.mark.parametrize("state", list(STATES))
def test_every_land_has_a_mittelstand_digital_stop(state):
    stops = first_stops_for(state)
    assert stops, state
    assert any(s.kind == "mittelstand_digital" for s in stops)
    assert any(s.kind == "edih" for s in stops), "regional EDIH or the EU catalogue"


def test_nationwide_stops_exist(stops):
    nationwide = {s.id for s in stops if "*" in s.states}
    assert {"mittelstand-digital-netzwerk", "bnetza-ki-service-desk"} <= nationwide


def test_regional_zentren_cover_most_laender(stops):
    covered = {st for s in stops if s.kind == "mittelstand_digital" for st in s.states if st != "*"}
    assert len(covered) >= 13, sorted(set(STATES) - covered)
