"""Advisory content as data: next steps, use cases, barriers, first stops.

Each file in ``ki_check/data/`` is checked when loaded (with file and line for
every problem) and cached. Selection functions are pure: they take a score
result or a company profile and return what applies, never a blank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ki_check.advice.ai_act import (  # noqa: F401 - the AI Act data, re-exported for callers here
    LEVEL_ORDER,
    ActItem,
    ActRules,
    load_ai_act,
)
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.diagnostics import Bi, has_errors
from ki_check.errors import ValidationError
from ki_check.i18n import Text
from ki_check.questionnaire.model import READINESS, TOPICS
from ki_check.util.cache import cached
from ki_check.util.readers import SLUG_RE, Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import YamlDoc, load_yaml

HORIZONS = ("90d", "6m", "12m")
EFFORTS = ("low", "medium", "high")
STOP_KINDS = ("mittelstand_digital", "edih", "other")
T = TypeVar("T")
# what a step buys, if anything: ``tools`` (software, an interface, an implementation
# partner), ``investment`` (a larger project to finance); docs/advice.md, "Funding tiers"
BUYS = ("tools", "investment")


class FigureVariant(NamedTuple):
    """A barrier's figure for one population (e.g. crafts firms), with its source.

    It applies to companies interviewed with one of ``questionnaires`` or in one
    of the WZ ``sectors``; an empty list does not restrict.
    """

    questionnaires: tuple[str, ...]
    sectors: tuple[str, ...]
    figure: Text
    source: str

    def fits(self, questionnaire: str | None, sector: str | None) -> bool:
        """True if the company belongs to this population."""
        return (not self.questionnaires or questionnaire in self.questionnaires) and (
            not self.sectors or sector in self.sectors
        )


class Barrier(NamedTuple):
    """A barrier non-adopters name, its figure and the step that addresses it.

    ``figure`` and ``source`` are the general ones; ``variants`` hold figures for
    particular populations (see :func:`barriers_for`).
    """

    id: str
    label: Text
    figure: Text
    recommendation: Text
    source: str
    variants: tuple[FigureVariant, ...] = ()


class Step(NamedTuple):
    """A concrete next step for one topic at one readiness level and horizon.

    ``assumes_ai_use``: the step works on AI the company already uses (e.g.
    "measure what the AI applications deliver"); the plan takes it only where the
    answers show AI use (docs/advice.md). ``buys``: what the step itself buys
    (:data:`BUYS`), ``""`` for a step that is own work, advice or training; only a step
    that buys something can be paid for by an implementation grant or a loan.
    """

    id: str
    topic: str
    readiness: str
    horizon: str
    title: Text
    what: Text
    who: Text
    duration: Text
    free_help: tuple[str, ...]
    assumes_ai_use: bool = False
    buys: str = ""


class UseCase(NamedTuple):
    """An AI application for some sectors, with what it needs and what it brings."""

    id: str
    sectors: tuple[str, ...]
    questionnaires: tuple[str, ...]
    min_readiness: str
    title: Text
    description: Text
    needs_data: Text
    needs_skills: Text
    effort: str
    benefit: Text
    gaps: tuple[str, ...] = ()


class FirstStop(NamedTuple):
    """A free first point of contact (Mittelstand-Digital Zentrum, EDIH, …).

    ``questionnaires`` and ``sectors`` name the companies a nationwide stop is made
    for (the Zentrum Handwerk: firms interviewed with ``handwerk``); empty for a
    stop open to every company.
    """

    id: str
    kind: str
    name: str
    states: tuple[str, ...]
    focus: Text
    url: str
    checked: str
    source: str
    questionnaires: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    @property
    def specialised(self) -> bool:
        """Whether the stop is made for some companies only (a sector or trade)."""
        return bool(self.questionnaires or self.sectors)

    def fits(self, questionnaire: str | None, sector: str | None) -> bool:
        """Whether a specialised stop is made for this company (by questionnaire or sector)."""
        return (bool(self.questionnaires) and questionnaire in self.questionnaires) or (
            bool(self.sectors) and sector in self.sectors
        )


def _load(name: str, build: Callable[[Reader, YamlDoc], T | None], path: Path | None = None) -> T:
    file = path or data_file(name)

    def read() -> T:
        doc = load_yaml(file)
        result = build(Reader(doc), doc) if doc.data is not None else None
        if result is None or has_errors(doc.issues):
            raise ValidationError(doc.issues)
        return result

    return cached(name.removesuffix(".yaml"), file, read)


def _texts(r: Reader, m: dict[str, Any], path: Path_, keys: Iterable[str]) -> dict[str, Text]:
    return {k: r.text(m[k], (*path, k)) or {} for k in keys if k in m}


def _ids(
    r: Reader, value: Any, path: Path_, allowed: Sequence[str] | None = None
) -> tuple[str, ...]:
    items = r.seq(value, path, nonempty=False) or []
    out = []
    for i, v in enumerate(items):
        s = r.choice(v, (*path, i), allowed) if allowed is not None else r.string(v, (*path, i))
        if s is not None:
            out.append(s)
    return tuple(out)


# --- barriers ----------------------------------------------------------------------
@cache
def load_barriers(path: Path | None = None) -> dict[str, Barrier]:
    """Barriers by id, from ``data/barriers.yaml``."""
    return _load("barriers.yaml", _build_barriers, path)


def _build_barriers(r: Reader, doc: YamlDoc) -> dict[str, Barrier] | None:
    m = r.mapping(
        doc.data,
        (),
        Bi("der Hürden-Datei", "the barriers file"),
        ("checked", "barriers"),
        ("barriers",),
    )
    out: dict[str, Barrier] = {}
    keys = ("id", "label", "figure", "recommendation", "source")
    for i, item in enumerate(r.seq((m or {}).get("barriers"), ("barriers",)) or []):
        p: Path_ = ("barriers", i)
        b = r.mapping(item, p, Bi("einer Hürde", "a barrier"), (*keys, "variants"), keys)
        if b is None or any(k not in b for k in keys):
            continue
        bid = r.ident(b["id"], (*p, "id"))
        t = _texts(r, b, p, ("label", "figure", "recommendation"))
        source = r.string(b["source"], (*p, "source"))
        variants = _variants(r, b.get("variants", []), (*p, "variants"))
        if bid and source:
            out[bid] = Barrier(bid, t["label"], t["figure"], t["recommendation"], source, variants)
    return out


def _variants(r: Reader, value: Any, path: Path_) -> tuple[FigureVariant, ...]:
    out = []
    keys = ("questionnaires", "sectors", "figure", "source")
    for i, item in enumerate(r.seq(value, path, nonempty=False) or []):
        p: Path_ = (*path, i)
        v = r.mapping(item, p, Bi("einer Variante", "a variant"), keys, ("figure", "source"))
        if v is None or "figure" not in v or "source" not in v:
            continue
        if "questionnaires" not in v and "sectors" not in v:
            r.add(
                "KEY_002",
                p,
                at_key=True,
                key="questionnaires",
                where=Bi("einer Variante", "a variant"),
            )
            continue
        figure = r.text(v["figure"], (*p, "figure"))
        source = r.string(v["source"], (*p, "source"))
        qids = _ids(r, v.get("questionnaires", []), (*p, "questionnaires"))
        sectors = _ids(r, v.get("sectors", []), (*p, "sectors"), tuple(SECTORS))
        if figure and source:
            out.append(FigureVariant(qids, sectors, figure, source))
    return tuple(out)


def barriers_for(
    ids: Iterable[str], questionnaire: str | None = None, sector: str | None = None
) -> list[Barrier]:
    """The barriers ``ids`` with the figure that fits the company.

    The first variant whose questionnaires and sectors fit replaces the general
    figure and source (so a crafts business reads the Bitkom Handwerk figures,
    not figures for firms with 20 or more staff); otherwise the general one
    stays. Unknown ids are skipped.
    """
    data = load_barriers()
    out = []
    for bid in ids:
        b = data.get(bid)
        if b is None:
            continue
        v = next((v for v in b.variants if v.fits(questionnaire, sector)), None)
        out.append(b._replace(figure=v.figure, source=v.source) if v else b)
    return out


# --- next steps --------------------------------------------------------------------
@cache
def load_steps(path: Path | None = None) -> tuple[Step, ...]:
    """Next steps by topic, readiness and horizon, from ``data/next_steps.yaml``."""
    return _load("next_steps.yaml", _build_steps, path)


def _build_steps(r: Reader, doc: YamlDoc) -> tuple[Step, ...] | None:
    m = r.mapping(
        doc.data, (), Bi("der Schritte-Datei", "the steps file"), ("checked", "steps"), ("steps",)
    )
    out = []
    need = ("id", "topic", "readiness", "horizon", "title", "what", "who", "duration")
    keys = (*need, "free_help", "assumes_ai_use", "buys")
    for i, item in enumerate(r.seq((m or {}).get("steps"), ("steps",)) or []):
        p: Path_ = ("steps", i)
        s = r.mapping(item, p, Bi("einem Schritt", "a step"), keys, need)
        if s is None or any(k not in s for k in need):
            continue
        sid, topic, readiness, horizon = (
            r.ident(s["id"], (*p, "id")),
            r.choice(s["topic"], (*p, "topic"), TOPICS),
            r.choice(s["readiness"], (*p, "readiness"), READINESS),
            r.choice(s["horizon"], (*p, "horizon"), HORIZONS),
        )
        t = _texts(r, s, p, ("title", "what", "who", "duration"))
        helps = _ids(r, s.get("free_help", []), (*p, "free_help"), STOP_KINDS)
        assumes = r.boolean(s.get("assumes_ai_use", False), (*p, "assumes_ai_use"))
        buys = r.choice(s["buys"], (*p, "buys"), BUYS) if "buys" in s else ""
        if sid is None or topic is None or readiness is None or horizon is None:
            continue
        texts = (t["title"], t["what"], t["who"], t["duration"])
        out.append(Step(sid, topic, readiness, horizon, *texts, helps, bool(assumes), buys or ""))
    return tuple(out)


def steps_for(topic: str, readiness: str) -> dict[str, Step]:
    """The step per horizon for a topic at a readiness level."""
    return {s.horizon: s for s in load_steps() if s.topic == topic and s.readiness == readiness}


# --- use cases ---------------------------------------------------------------------
@cache
def load_use_cases(path: Path | None = None) -> tuple[UseCase, ...]:
    """AI use cases by sector, from ``data/use_cases.yaml``."""
    return _load("use_cases.yaml", _build_use_cases, path)


_USE_CASE_REQUIRED = (
    "id",
    "sectors",
    "min_readiness",
    "title",
    "description",
    "needs",
    "effort",
    "benefit",
)
_USE_CASE_KEYS = (*_USE_CASE_REQUIRED[:2], "questionnaires", *_USE_CASE_REQUIRED[2:], "gaps")


def _build_use_cases(r: Reader, doc: YamlDoc) -> tuple[UseCase, ...] | None:
    m = r.mapping(
        doc.data,
        (),
        Bi("der Anwendungsfall-Datei", "the use-case file"),
        ("checked", "sources", "use_cases"),
        ("use_cases",),
    )
    out = []
    required = _USE_CASE_REQUIRED
    for i, item in enumerate(r.seq((m or {}).get("use_cases"), ("use_cases",)) or []):
        p: Path_ = ("use_cases", i)
        u = r.mapping(item, p, Bi("einem Anwendungsfall", "a use case"), _USE_CASE_KEYS, required)
        if u is None or any(k not in u for k in required):
            continue
        needs = (
            r.mapping(
                u["needs"],
                (*p, "needs"),
                Bi("'needs'", "'needs'"),
                ("data", "skills"),
                ("data", "skills"),
            )
            or {}
        )
        t = _texts(r, u, p, ("title", "description", "benefit"))
        uid = r.ident(u["id"], (*p, "id"))
        sectors = _ids(r, u["sectors"], (*p, "sectors"), (*SECTORS, "*"))
        qids = _ids(r, u.get("questionnaires", []), (*p, "questionnaires"))
        readiness = r.choice(u["min_readiness"], (*p, "min_readiness"), READINESS)
        effort = r.choice(u["effort"], (*p, "effort"), EFFORTS)
        data_need = r.text(needs.get("data"), (*p, "needs", "data")) if "data" in needs else None
        skills = r.text(needs.get("skills"), (*p, "needs", "skills")) if "skills" in needs else None
        gaps = _ids(r, u.get("gaps", []), (*p, "gaps"))
        if uid and readiness and effort and data_need is not None and skills is not None:
            out.append(
                UseCase(
                    uid,
                    sectors,
                    qids,
                    readiness,
                    t["title"],
                    t["description"],
                    data_need,
                    skills,
                    effort,
                    t["benefit"],
                    gaps,
                )
            )
    return tuple(out)


def use_cases_for(
    sector: str | None,
    readiness: str | None,
    questionnaire: str,
    limit: int = 5,
    gaps: Sequence[str] = (),
) -> list[UseCase]:
    """Use cases for a company, chosen by its gaps, sector and readiness, simplest first.

    Which cases: those for its sector (or all sectors) and questionnaire that a
    company at ``readiness`` can take on, plus those answering one of ``gaps``
    (the use questions of its largest relevance/use gaps, largest first) even
    above its readiness. Up to ``limit`` are chosen: gap cases first (by gap
    rank), then sector-specific ones, then general ones (low effort first for a
    company at the start, high effort first for one that is ready). They are returned by
    effort, low first, so "the simplest first" holds. Unknown sector or
    readiness: general ones, early level.
    """
    level = READINESS.index(readiness) if readiness in READINESS else 0
    rank_of_gap = {g: i for i, g in enumerate(gaps)}

    def gap_rank(u: UseCase) -> int | None:
        ranks = [rank_of_gap[g] for g in u.gaps if g in rank_of_gap]
        return min(ranks) if ranks else None

    fits = [
        u
        for u in load_use_cases()
        if (not u.questionnaires or questionnaire in u.questionnaires)
        and (sector in u.sectors or "*" in u.sectors)
        and (READINESS.index(u.min_readiness) <= level or gap_rank(u) is not None)
    ]

    def choice(u: UseCase) -> tuple[int, int, int, int]:
        rank = gap_rank(u)
        specific = 0 if (sector in u.sectors or u.questionnaires) else 1
        # at the start the easy cases are chosen, when ready the ambitious ones
        effort = EFFORTS.index(u.effort)
        ambition = effort if level == 0 else -effort if level == 2 else 0
        return (0 if rank is not None else 1, rank if rank is not None else 0, specific, ambition)

    chosen = sorted(fits, key=choice)[:limit]  # stable: data order breaks ties
    return sorted(chosen, key=lambda u: EFFORTS.index(u.effort))


# --- first stops -------------------------------------------------------------------
@cache
def load_first_stops(path: Path | None = None) -> tuple[FirstStop, ...]:
    """Free first stops (Zentren, EDIHs), from ``data/first_stops.yaml``."""
    return _load("first_stops.yaml", _build_stops, path)


def _build_stops(r: Reader, doc: YamlDoc) -> tuple[FirstStop, ...] | None:
    m = r.mapping(
        doc.data,
        (),
        Bi("der Anlaufstellen-Datei", "the first-stops file"),
        ("checked", "note", "stops"),
        ("stops",),
    )
    out = []
    keys = ("id", "kind", "name", "states", "focus", "url", "checked", "source")
    optional = ("questionnaires", "sectors")
    for i, item in enumerate(r.seq((m or {}).get("stops"), ("stops",)) or []):
        p: Path_ = ("stops", i)
        s = r.mapping(item, p, Bi("einer Anlaufstelle", "a first stop"), keys + optional, keys)
        if s is None or any(k not in s for k in keys):
            continue
        sid, kind, name = (
            r.ident(s["id"], (*p, "id"), SLUG_RE),
            r.choice(s["kind"], (*p, "kind"), STOP_KINDS),
            r.string(s["name"], (*p, "name")),
        )
        states = _ids(r, s["states"], (*p, "states"), (*STATES, "*"))
        focus, url, checked, source = (
            r.text(s["focus"], (*p, "focus")),
            r.string(s["url"], (*p, "url")),
            r.string(s["checked"], (*p, "checked")),
            r.string(s["source"], (*p, "source")),
        )
        qids = _ids(r, s.get("questionnaires", []), (*p, "questionnaires"))
        sectors = _ids(r, s.get("sectors", []), (*p, "sectors"), tuple(SECTORS))
        if sid is None or kind is None or name is None or focus is None:
            continue
        if url is None or checked is None or source is None:
            continue
        out.append(FirstStop(sid, kind, name, states, focus, url, checked, source, qids, sectors))
    return tuple(out)


def first_stops_for(
    state: str | None, questionnaire: str | None = None, sector: str | None = None
) -> list[FirstStop]:
    """The company's first stops, nearest first (rule in ``docs/advice.md``).

    Those serving ``state``, then the nationwide ones made for the company's trade
    or sector (``questionnaire``, WZ ``sector``), then the nationwide ones for every
    company, then those made for other trades; within each group Zentren before
    EDIHs before other stops, in the file's order.
    """
    order = {k: i for i, k in enumerate(STOP_KINDS)}

    def group(s: FirstStop) -> int:
        if state and state in s.states:
            return 0
        if not s.specialised:
            return 2
        return 1 if s.fits(questionnaire, sector) else 3

    stops = [s for s in load_first_stops() if "*" in s.states or (state and state in s.states)]
    return sorted(stops, key=lambda s: (group(s), order[s.kind]))
