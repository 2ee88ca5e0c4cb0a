"""Advisory content as data: next steps, use cases, barriers, first stops.

Each file in ``ki_check/data/`` is checked when loaded (with file and line for
every problem) and cached. Selection functions are pure: they take a score
result or a company profile and return what applies, never a blank.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ki_check.advice.ai_act import (  # noqa: F401 - the AI Act data, re-exported for callers here
    LEVEL_ORDER,
    ActItem,
    ActRules,
    load_ai_act,
)
from ki_check.advice.barriers import (  # re-exported for callers here
    Barrier as Barrier,
)
from ki_check.advice.barriers import (
    FigureVariant as FigureVariant,
)
from ki_check.advice.barriers import (
    barriers_for as barriers_for,
)
from ki_check.advice.barriers import (
    load_barriers as load_barriers,
)
from ki_check.advice.datafile import load_data as _load
from ki_check.advice.datafile import read_ids as _ids
from ki_check.advice.datafile import read_texts as _texts
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.diagnostics import Bi
from ki_check.i18n import Text
from ki_check.questionnaire.model import FACTS, READINESS, TOPICS
from ki_check.util.readers import SLUG_RE, Path_, Reader
from ki_check.util.yamlsrc import YamlDoc

HORIZONS = ("90d", "6m", "12m")
EFFORTS = ("low", "medium", "high")
STOP_KINDS = ("mittelstand_digital", "edih", "other")
# what a step buys, if anything: ``tools`` (software, an interface, an implementation
# partner), ``investment`` (a larger project to finance); docs/advice.md, "Funding tiers"
BUYS = ("tools", "investment")


class Step(NamedTuple):
    """A concrete next step for one topic at one readiness level and horizon.

    ``assumes_ai_use``: the step works on AI the company already uses (e.g.
    "measure what the AI applications deliver"); the plan takes it only where the
    answers show AI use (docs/advice.md). ``done_if``: facts that say what the step
    makes exists already (e.g. ``ai_policy`` for "write a one-page AI rule"); the
    plan never takes it where the answers show one of them. ``because``: why this
    step serves its theme, where the title does not say it (added to the reason).
    ``buys``: what the step itself buys (:data:`BUYS`), ``""`` for a step that is own
    work, advice or training; only a step that buys something can be paid for by an
    implementation grant or a loan.
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
    done_if: tuple[str, ...] = ()
    because: Text | None = None
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

    ``questionnaires`` and ``sectors`` name the companies a stop is made for (the
    Zentrum Handwerk: firms interviewed with ``handwerk``); empty for a stop open
    to every company; a stop made for others is never offered. ``focus_sectors``:
    the WZ sections a stop open to all is strongest in (a Zentrum for production
    and logistics), named first to those companies. ``url``: the stop's landing
    page, empty where none is verified (never a press release: that is ``source``).
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
    focus_sectors: tuple[str, ...] = ()
    names: Text | None = None  # the name in each language where the file gives both

    def title(self, lang: str) -> str:
        """The stop's name in ``lang`` (``name``, the German one, where only that)."""
        return (self.names or {}).get(lang) or self.name

    @property
    def specialised(self) -> bool:
        """Whether the stop is made for some companies only (a sector or trade)."""
        return bool(self.questionnaires or self.sectors)

    def fits(self, questionnaire: str | None, sector: str | None) -> bool:
        """Whether a specialised stop is made for this company (by questionnaire or sector)."""
        return (bool(self.questionnaires) and questionnaire in self.questionnaires) or (
            bool(self.sectors) and sector in self.sectors
        )


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
    keys = (*need, "free_help", "assumes_ai_use", "done_if", "because", "buys")
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
        done = _ids(r, s.get("done_if", []), (*p, "done_if"), tuple(FACTS))
        because = r.text(s["because"], (*p, "because")) if "because" in s else None
        buys = r.choice(s["buys"], (*p, "buys"), BUYS) if "buys" in s else ""
        if sid is None or topic is None or readiness is None or horizon is None:
            continue
        texts = (t["title"], t["what"], t["who"], t["duration"])
        out.append(
            Step(
                sid,
                topic,
                readiness,
                horizon,
                *texts,
                helps,
                bool(assumes),
                done_if=done,
                because=because,
                buys=buys or "",
            )
        )
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
    keys = ("id", "kind", "name", "states", "focus", "checked", "source")
    optional = ("url", "questionnaires", "sectors", "focus_sectors")
    for i, item in enumerate(r.seq((m or {}).get("stops"), ("stops",)) or []):
        p: Path_ = ("stops", i)
        s = r.mapping(item, p, Bi("einer Anlaufstelle", "a first stop"), keys + optional, keys)
        if s is None or any(k not in s for k in keys):
            continue
        # a name in both languages, or one name for both
        names = (r.text(s["name"], (*p, "name")) or {}) if isinstance(s["name"], dict) else None
        values = (
            r.ident(s["id"], (*p, "id"), SLUG_RE),
            r.choice(s["kind"], (*p, "kind"), STOP_KINDS),
            names.get("de") if names is not None else r.string(s["name"], (*p, "name")),
            _ids(r, s["states"], (*p, "states"), (*STATES, "*")),
            r.text(s["focus"], (*p, "focus")),
            r.string(s.get("url", ""), (*p, "url")),
            r.string(s["checked"], (*p, "checked")),
            r.string(s["source"], (*p, "source")),
            _ids(r, s.get("questionnaires", []), (*p, "questionnaires")),
            _ids(r, s.get("sectors", []), (*p, "sectors"), tuple(SECTORS)),
            _ids(r, s.get("focus_sectors", []), (*p, "focus_sectors"), tuple(SECTORS)),
            names or None,
        )
        if None not in values[:-1]:
            out.append(FirstStop(*values))  # type: ignore[arg-type]
    return tuple(out)


def first_stops_for(
    state: str | None, questionnaire: str | None = None, sector: str | None = None
) -> list[FirstStop]:
    """The company's first stops, nearest and best fitting first (``docs/advice.md``).

    Those serving ``state``, then the nationwide ones; a stop made for other
    trades or sectors is left out. Within each group the stops made for or
    strongest in the company's trade or sector (``questionnaire``, WZ ``sector``)
    come first, then Zentren before EDIHs before other stops, in the file's order.
    """
    order = {k: i for i, k in enumerate(STOP_KINDS)}

    def rank(s: FirstStop) -> tuple[int, int, int]:
        own = s.fits(questionnaire, sector) or (sector is not None and sector in s.focus_sectors)
        return (0 if state and state in s.states else 1, 0 if own else 1, order[s.kind])

    stops = [
        s
        for s in load_first_stops()
        if ("*" in s.states or (state and state in s.states))
        and (not s.specialised or s.fits(questionnaire, sector))
    ]
    return sorted(stops, key=rank)
