"""AI-adoption baselines: sourced shares of companies that use AI, and where a company stands.

The figures live in ``ki_check/data/baselines.yaml``; the default is the federal
study behind the AI strategy's 6 % (5.8 % in 2019). The *position* of a company
is one of five documented categories:

``adopter``
    the AI adoption question says the company already uses AI productively;
``ready``, ``emerging``, ``early``
    it does not (or did not say), and its maturity stage is marked so in the
    questionnaire (``readiness`` of the stage);
``unknown``
    no overall score could be computed (nothing answered).
"""

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from ki_check.assessment.profile import SECTORS, size_class
from ki_check.diagnostics import Bi, has_errors, join_ids, suggest
from ki_check.errors import NotFoundError, ValidationError
from ki_check.i18n import Text
from ki_check.util.cache import cached
from ki_check.util.readers import SLUG_RE, Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import load_yaml

POSITIONS = ("adopter", "ready", "emerging", "early", "unknown")
SIZE_KEYS = ("micro", "small", "medium", "large")
_BASELINE_KEYS = (
    "id",
    "label",
    "role",
    "region",
    "year",
    "period",
    "share",
    "by_size",
    "by_headcount",
    "population",
    "note",
    "source",
    "url",
    "seen_at",
    "published",
    "checked",
    "status",
    "questionnaires",
    "sectors",
    "short",
    "sentence",
)


class HeadcountBand(NamedTuple):
    """A figure for companies with ``min``–``max`` staff (``None``: open), and who they are."""

    min: int | None
    max: int | None
    share: float
    group: Text
    note: Text | None = None
    short: Text | None = None

    def holds(self, employees: int) -> bool:
        """True if ``employees`` lies within the band (both ends included)."""
        return (self.min is None or employees >= self.min) and (
            self.max is None or employees <= self.max
        )


class Figure(NamedTuple):
    """A share for one group of companies, taken from ``baseline``.

    ``size_class`` is set when the group is an EU size class; ``group`` names
    the group when it is a headcount band of the source.
    """

    baseline: "Baseline"
    share: float
    size_class: str | None = None
    group: Text | None = None
    note: Text | None = None
    short: Text | None = None


class Baseline(NamedTuple):
    """One sourced figure: the share of a population that used AI in a year.

    ``role`` says what the figure stands for beyond its year (e.g. the starting
    point of the federal AI strategy); ``period`` is the survey period when it
    is more than the year (``2022–2024``); ``by_headcount`` holds figures for
    headcount bands the EU size classes do not have (e.g. under 5 staff).
    """

    id: str
    label: Text
    region: str
    year: int
    share: float
    population: Text
    source: str
    url: str
    published: str
    checked: str
    status: str
    by_size: Mapping[str, float] = MappingProxyType({})
    note: Text | None = None
    seen_at: str | None = None
    role: Text | None = None
    period: str | None = None
    by_headcount: tuple[HeadcountBand, ...] = ()
    # a figure for one trade or sector only (``questionnaires``, WZ ``sectors``): shown
    # beside the size figure to those companies, never as the general figure;
    # ``short`` labels its bar, ``sentence`` says it in the report
    questionnaires: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    short: Text | None = None
    sentence: Text | None = None

    @property
    def for_trade(self) -> bool:
        """Whether the figure counts one trade or sector only."""
        return bool(self.questionnaires or self.sectors)

    @property
    def when(self) -> str:
        """The survey period as written in a sentence: ``2024`` or ``2022–2024``."""
        return self.period or str(self.year)


class BaselineSet(NamedTuple):
    """All baselines, the default id and the wording of each position category."""

    default: str
    baselines: tuple[Baseline, ...]
    positions: dict[str, dict[str, Text]]

    def get(self, baseline_id: str | None = None) -> Baseline:
        """The baseline with this id (the default when ``None``)."""
        wanted = baseline_id or self.default
        for b in self.baselines:
            if b.id == wanted:
                return b
        ids = [b.id for b in self.baselines]
        raise NotFoundError.coded(
            "REF_006", name=wanted, available=join_ids(ids), suggestion=suggest(wanted, ids)
        )

    def size_figure(
        self, chosen: Baseline, size: str | None, as_of: dt.date
    ) -> tuple[Baseline, float] | None:
        """The figure for a size class: from ``chosen`` if it has one, else the newest
        baseline of the same region published by ``as_of`` that has one."""
        if size is None:
            return None
        if size in chosen.by_size:
            return chosen, chosen.by_size[size]
        day = as_of.isoformat()
        candidates = [
            b
            for b in self.baselines
            if b.region == chosen.region and size in b.by_size and b.published <= day
        ]
        if not candidates:
            return None
        newest = max(candidates, key=lambda b: (b.year, b.published))
        return newest, newest.by_size[size]

    def trade_figure(
        self, questionnaire: str | None, sector: str | None, as_of: dt.date
    ) -> Baseline | None:
        """The figure for the company's trade (its questionnaire) or else its WZ sector.

        The newest published by ``as_of``; ``None`` where the research has none
        (docs/report.md, "Comparison").
        """
        day = as_of.isoformat()
        found = [b for b in self.baselines if b.for_trade and b.published <= day]
        trade = [
            b for b in found if questionnaire is not None and questionnaire in b.questionnaires
        ]
        hits = trade or [b for b in found if sector is not None and sector in b.sectors]
        return max(hits, key=lambda b: (b.year, b.published)) if hits else None

    def current_figure(
        self, chosen: Baseline, employees: int | None, as_of: dt.date
    ) -> Figure | None:
        """Today's figure for a company of ``employees`` staff, to put before ``chosen``.

        In this order: the figure for its EU size class (:meth:`size_figure`);
        else a headcount band of the newest baseline of the same region that
        has one holding ``employees`` (micro firms: KfW's under-5 figure); else,
        when the headcount is unknown, the newest overall figure of the region.
        Only baselines published by ``as_of`` count. ``None`` if there is none
        newer than ``chosen``.
        """
        day = as_of.isoformat()
        region = [
            b
            for b in self.baselines
            if b.region == chosen.region and b.published <= day and not b.for_trade
        ]
        size = size_class(employees)
        if employees is not None and size is not None:  # a headcount always has its class
            found = self.size_figure(chosen, size, as_of)
            if found is not None:
                return Figure(found[0], found[1], size_class=size)
            bands = [(b, band) for b in region for band in b.by_headcount if band.holds(employees)]
            if bands:
                b, band = max(bands, key=lambda x: (x[0].year, x[0].published))
                return Figure(b, band.share, None, band.group, band.note, band.short)
            return None
        newer = [b for b in region if (b.year, b.published) > (chosen.year, chosen.published)]
        if not newer:
            return None
        newest = max(newer, key=lambda b: (b.year, b.published))
        return Figure(newest, newest.share)


class BaselineResult(NamedTuple):
    """The chosen baseline figure, the size-class figure, and where the company stands."""

    id: str
    label: Text
    region: str
    share: float
    year: int
    source: str
    url: str
    population: Text
    position: str
    position_label: Text
    position_sentence: Text
    adopter: bool | None
    size_class: str | None = None
    size_share: float | None = None
    size_year: int | None = None
    size_baseline: str | None = None
    # today's figure for the company (size class, headcount band or newest overall;
    # size_* above repeat its share, year and source) and what the chosen figure
    # stands for beyond its year
    current: Figure | None = None
    role: Text | None = None
    trade: Baseline | None = None  # the figure for the company's trade or sector


def compare(
    data: BaselineSet,
    baseline_id: str | None,
    adopter: bool | None,
    readiness: str | None,
    employees: int | None,
    as_of: dt.date,
    questionnaire: str | None = None,
    sector: str | None = None,
) -> BaselineResult:
    """Where a company stands: the chosen baseline, today's figure for it, its position.

    ``adopter`` is the answer to the adoption question (``None``: not answered);
    ``readiness`` that of its stage (``None``: no score). Raises
    :class:`~ki_check.errors.NotFoundError` for an unknown ``baseline_id``.
    """
    chosen = data.get(baseline_id)
    pos = position(adopter, readiness)
    size = size_class(employees)
    figure = data.current_figure(chosen, employees, as_of)
    wording = data.positions[pos]
    return BaselineResult(
        id=chosen.id,
        label=chosen.label,
        region=chosen.region,
        share=chosen.share,
        year=chosen.year,
        source=chosen.source,
        url=chosen.url,
        population=chosen.population,
        position=pos,
        position_label=wording["label"],
        position_sentence=wording["sentence"],
        adopter=adopter,
        size_class=size,
        size_share=figure.share if figure else None,
        size_year=figure.baseline.year if figure else None,
        size_baseline=figure.baseline.id if figure else None,
        current=figure,
        role=chosen.role,
        trade=data.trade_figure(questionnaire, sector, as_of),
    )


def position(is_adopter: bool | None, readiness: str | None) -> str:
    """The position category (see the module docstring)."""
    if readiness is None:
        return "unknown"
    if is_adopter:
        return "adopter"
    return readiness


@cache
def load_baselines(path: Path | None = None) -> BaselineSet:
    """Load and check the baselines file (the bundled one by default); cached."""
    file = path or data_file("baselines.yaml")

    def build() -> BaselineSet:
        doc = load_yaml(file)
        result = _build(Reader(doc), doc.data)
        if result is None or has_errors(doc.issues):
            raise ValidationError(doc.issues)
        return result

    return cached("baselines", file, build)


def _build(r: Reader, data: Any) -> BaselineSet | None:
    m = r.mapping(
        data,
        (),
        Bi("der Vergleichsdatei", "the baselines file"),
        ("default", "positions", "baselines"),
        ("default", "positions", "baselines"),
    )
    if m is None or len(m) < 3:
        return None
    positions: dict[str, dict[str, Text]] = {}
    pm = r.mapping(
        m["positions"], ("positions",), Bi("'positions'", "'positions'"), POSITIONS, POSITIONS
    )
    for key, value in (pm or {}).items():
        p: Path_ = ("positions", key)
        entry = r.mapping(
            value,
            p,
            Bi("einer Einordnung", "a position"),
            ("label", "sentence"),
            ("label", "sentence"),
        )
        if entry and len(entry) == 2:
            label = r.text(entry["label"], (*p, "label"))
            sentence = r.text(entry["sentence"], (*p, "sentence"))
            if label and sentence:
                positions[key] = {"label": label, "sentence": sentence}
    out = []
    for i, item in enumerate(r.seq(m["baselines"], ("baselines",)) or []):
        b = _baseline(r, item, ("baselines", i))
        if b is not None:
            out.append(b)
    default = r.string(m["default"], ("default",))
    if default not in {b.id for b in out}:
        r.add(
            "VALUE_001",
            ("default",),
            value=default,
            field="default",
            allowed=join_ids(b.id for b in out),
            suggestion="",
        )
        return None
    return BaselineSet(default, tuple(out), positions)


def _baseline(r: Reader, item: Any, p: Path_) -> Baseline | None:
    required = (
        "id",
        "label",
        "region",
        "year",
        "share",
        "population",
        "source",
        "url",
        "published",
        "checked",
        "status",
    )
    m = r.mapping(item, p, Bi("einer Vergleichszahl", "a baseline"), _BASELINE_KEYS, required)
    if m is None or any(k not in m for k in required):
        return None
    by_size: dict[str, float] = {}
    if "by_size" in m:
        sizes = (
            r.mapping(m["by_size"], (*p, "by_size"), Bi("'by_size'", "'by_size'"), SIZE_KEYS) or {}
        )
        for key, value in sizes.items():
            share = r.number(value, (*p, "by_size", key), minimum=0, maximum=1)
            if share is not None:
                by_size[key] = float(share)
    values = {
        "id": r.ident(m["id"], (*p, "id"), SLUG_RE),
        "label": r.text(m["label"], (*p, "label")),
        "region": r.choice(m["region"], (*p, "region"), ("DE", "EU")),
        "year": r.number(m["year"], (*p, "year"), integer=True, minimum=2000, maximum=2100),
        "share": r.number(m["share"], (*p, "share"), minimum=0, maximum=1),
        "population": r.text(m["population"], (*p, "population")),
        "source": r.string(m["source"], (*p, "source")),
        "url": r.string(m["url"], (*p, "url")),
        "published": r.string(m["published"], (*p, "published")),
        "checked": r.string(m["checked"], (*p, "checked")),
        "status": r.choice(m["status"], (*p, "status"), ("verified", "secondary")),
    }
    if any(v is None for v in values.values()):
        return None
    note = r.text(m["note"], (*p, "note")) if "note" in m else None
    seen_at = r.string(m["seen_at"], (*p, "seen_at")) if "seen_at" in m else None
    role = r.text(m["role"], (*p, "role")) if "role" in m else None
    period = r.string(m["period"], (*p, "period")) if "period" in m else None
    bands = _bands(r, m["by_headcount"], (*p, "by_headcount")) if "by_headcount" in m else ()
    trade = _trade(r, m, p)
    return Baseline(
        **values,  # type: ignore[arg-type]
        by_size=by_size,
        note=note,
        seen_at=seen_at,
        role=role,
        period=period,
        by_headcount=bands,
        **trade,
    )


def _trade(r: Reader, m: dict[str, Any], p: Path_) -> dict[str, Any]:
    """``questionnaires``, ``sectors``, ``short`` and ``sentence`` of a trade figure."""

    def ids(key: str, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
        items = (r.seq(m[key], (*p, key)) or []) if key in m else []
        out = []
        for i, x in enumerate(items):
            v = r.choice(x, (*p, key, i), allowed) if allowed else r.string(x, (*p, key, i))
            if v:
                out.append(v)
        return tuple(out)

    return {
        "questionnaires": ids("questionnaires", None),
        "sectors": ids("sectors", tuple(SECTORS)),
        "short": r.text(m["short"], (*p, "short")) if "short" in m else None,
        "sentence": r.text(m["sentence"], (*p, "sentence")) if "sentence" in m else None,
    }


def _bands(r: Reader, value: Any, p: Path_) -> tuple[HeadcountBand, ...]:
    out = []
    for i, item in enumerate(r.seq(value, p) or []):
        bp: Path_ = (*p, i)
        m = r.mapping(
            item,
            bp,
            Bi("einer Beschäftigtenspanne", "a headcount band"),
            ("min", "max", "share", "group", "note", "short"),
            ("share", "group"),
        )
        if m is None or "share" not in m or "group" not in m:
            continue
        lo = r.number(m["min"], (*bp, "min"), integer=True, minimum=0) if "min" in m else None
        hi = r.number(m["max"], (*bp, "max"), integer=True, minimum=0) if "max" in m else None
        share = r.number(m["share"], (*bp, "share"), minimum=0, maximum=1)
        group = r.text(m["group"], (*bp, "group"))
        note = r.text(m["note"], (*bp, "note")) if "note" in m else None
        short = r.text(m["short"], (*bp, "short")) if "short" in m else None
        bad_bound = ("min" in m and lo is None) or ("max" in m and hi is None)
        if share is not None and group and not bad_bound:
            out.append(HeadcountBand(lo, hi, float(share), group, note, short))
    return tuple(out)
