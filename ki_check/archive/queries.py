"""Peer groups (``archive benchmark``): how similar companies stand, never fewer than five.

A peer group is every company whose latest complete assessment of one
questionnaire matches the filters (sector, size class, Land). Each company
counts once, with its latest assessment. Below :data:`K_MIN` companies no
figure is given at all (k-anonymity); a dimension needs that many scores too.
Quartiles: :func:`statistics.quantiles` with ``method="inclusive"`` (docs/archive.md
has a worked example).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import sqlalchemy as sa

from ki_check.archive.schema import assessment_scores, assessments, latest
from ki_check.archive.sql import canonical_key
from ki_check.archive.store import Archive, guard_call
from ki_check.assessment.scoring import round1
from ki_check.errors import KiCheckError

K_MIN = 5


class Spread(NamedTuple):
    """Median and quartiles of one figure, rounded to one decimal; ``n`` values."""

    median: float
    q1: float
    q3: float
    n: int

    def to_json(self) -> dict[str, Any]:
        """``{"median", "q1", "q3", "n"}``."""
        return self._asdict()


def spread(values: list[float]) -> Spread:
    """Median, lower and upper quartile (inclusive method) of ``values`` (at least two)."""
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(round1(median), round1(q1), round1(q3), len(values))


@dataclass
class PeerGroup:
    """The figures of one peer group; ``overall`` etc. are ``None`` below ``min_group``."""

    questionnaire: str | None
    filters: dict[str, str | None]
    min_group: int
    n: int = 0
    overall: Spread | None = None
    dimensions: dict[str, Spread | None] | None = None
    stages: dict[str, int] | None = None
    stage_order: list[str] = field(default_factory=list)
    # how many use AI productively among those whose answers say whether they do
    # (the snapshot's baseline.adopter); only asked for by the report, None when fewer
    # than min_group answered
    adopters: int | None = None
    placed: int | None = None

    @property
    def large_enough(self) -> bool:
        """True when the group has at least ``min_group`` companies."""
        return self.n >= self.min_group

    def to_json(self) -> dict[str, Any]:
        """``n``, ``overall`` and ``dimensions`` (``median``, ``q1``, ``q3``; ``null`` when
        too small), ``stages``, the group's filters and the minimum."""
        return {
            "questionnaire": self.questionnaire,
            "group": self.filters,
            "min_group": self.min_group,
            "n": self.n,
            "overall": self.overall.to_json() if self.overall else None,
            "dimensions": None
            if self.dimensions is None
            else {k: v.to_json() if v else None for k, v in self.dimensions.items()},
            "stages": self.stages,
            **(
                {"adopters": self.adopters, "placed": self.placed}
                if self.placed is not None
                else {}
            ),
        }


def check_min_group(value: int | None) -> int:
    """The minimum group size: at least :data:`K_MIN`; raises for a smaller one."""
    if value is None:
        return K_MIN
    if value < K_MIN:
        raise KiCheckError.coded("USAGE_007", value=value, minimum=K_MIN)
    return value


def benchmark(
    archive: Archive,
    *,
    questionnaire: str | None = None,
    sector: str | None = None,
    size: str | None = None,
    state: str | None = None,
    min_group: int | None = None,
    exclude: str | None = None,
    adoption: bool = False,
) -> PeerGroup:
    """The peer group of these filters (see the module docstring).

    Without ``questionnaire`` the archive must hold just one. ``exclude`` is a
    company key (``id:…``, ``name:…/Land``) left out of the group with every key
    linked to it: a company is never part of its own comparison. ``adoption``
    also counts the companies that use AI productively (``adopters`` of
    ``placed``: those whose answers say whether they do). Raises
    :class:`~ki_check.errors.KiCheckError` for several questionnaires or a
    minimum below five, :class:`~ki_check.errors.ArchiveError` for database trouble.
    """
    k = check_min_group(min_group)
    filters = {"sector": sector, "size": size, "state": state}
    return guard_call(archive, _benchmark, questionnaire, filters, k, exclude, adoption)


def _benchmark(
    archive: Archive,
    questionnaire: str | None,
    filters: dict[str, str | None],
    k: int,
    exclude: str | None = None,
    adoption: bool = False,
) -> PeerGroup:
    with archive.reading() as conn:
        if conn is None:
            return PeerGroup(questionnaire, filters, k)
        if questionnaire is None:
            questionnaire = _only_questionnaire(conn)
            if questionnaire is None:
                return PeerGroup(None, filters, k)
        where = _peers_where(conn, questionnaire, filters, exclude)
        joined = latest.join(assessments, assessments.c.id == latest.c.assessment_id)
        rows = conn.execute(
            sa.select(assessments.c.overall, assessments.c.stage).select_from(joined).where(*where)
        ).all()
        group = PeerGroup(questionnaire, filters, k, n=len(rows))
        if not group.large_enough:
            return group
        overall = [r.overall for r in rows if r.overall is not None]
        group.overall = spread(overall) if len(overall) >= k else None
        group.stages = dict(Counter(r.stage or "-" for r in rows).most_common())
        group.dimensions = _dimension_spreads(conn, joined, where, k)
        if adoption:
            group.adopters, group.placed = _adopters(conn, joined, where, k)
        return group


def _only_questionnaire(conn: sa.Connection) -> str | None:
    """The one questionnaire the archive holds (``None`` when it is empty).

    Raises ``USAGE_008`` listing them when it holds several: a peer group is
    always of one questionnaire.
    """
    found = conn.execute(
        sa.select(latest.c.questionnaire_id, sa.func.count())
        .group_by(latest.c.questionnaire_id)
        .order_by(latest.c.questionnaire_id)
    ).all()
    if len(found) > 1:
        listing = ", ".join(f"{q} ({n})" for q, n in found)
        raise KiCheckError.coded("USAGE_008", found=listing)
    return str(found[0][0]) if found else None


def _peers_where(
    conn: sa.Connection,
    questionnaire: str,
    filters: dict[str, str | None],
    exclude: str | None,
) -> list[sa.ColumnElement[bool]]:
    """Who is a peer: the latest assessments of ``questionnaire`` that match the filters,
    without the company ``exclude`` (and every key linked to it)."""
    where = [latest.c.questionnaire_id == questionnaire]
    for column, value in (
        (assessments.c.sector, filters["sector"]),
        (assessments.c.size_class, filters["size"]),
        (assessments.c.state, filters["state"]),
    ):
        if value is not None:
            where.append(column == value)
    if exclude is not None:
        where.append(latest.c.company != canonical_key(conn, exclude))
    return where


def _dimension_spreads(
    conn: sa.Connection, joined: sa.Join, where: list[sa.ColumnElement[bool]], k: int
) -> dict[str, Spread | None]:
    """The spread of each dimension's scores among the peers; ``None`` for a dimension
    fewer than ``k`` of them have a score in."""
    by_dim: dict[str, list[float]] = {}
    scores = conn.execute(
        sa.select(assessment_scores.c.dimension, assessment_scores.c.score)
        .select_from(
            joined.join(
                assessment_scores, assessment_scores.c.assessment_id == latest.c.assessment_id
            )
        )
        .where(*where)
    )
    for dim, value in scores:
        values = by_dim.setdefault(dim, [])
        if value is not None:
            values.append(value)
    return {d: spread(v) if len(v) >= k else None for d, v in by_dim.items()}


def _adopters(
    conn: sa.Connection, joined: sa.Join, where: list[sa.ColumnElement[bool]], k: int
) -> tuple[int | None, int | None]:
    """``(adopters, placed)``: how many peers use AI productively of those whose answers
    say whether they do (the snapshot's ``baseline.adopter``); ``(None, None)`` when
    fewer than ``k`` say."""
    # JSON true/false reads as "true"/"false" (PostgreSQL) or "1"/"0" (SQLite)
    answer = assessments.c.result["baseline"]["adopter"].as_string()
    said = Counter(
        str(v).lower()
        for v in conn.execute(sa.select(answer).select_from(joined).where(*where)).scalars()
        if v is not None
    )
    yes = said["true"] + said["1"]
    placed = yes + said["false"] + said["0"]
    return (yes, placed) if placed >= k else (None, None)


# --- the peer group of one company (the report) ---------------------------------------------
# From the most specific group to the broadest: the first with at least the minimum wins.
PEER_LEVELS: tuple[tuple[str, ...], ...] = (("sector", "size"), ("sector",), ("size",), ())
POSITIONS = ("top_quarter", "above_median", "median", "below_median", "bottom_quarter")


class PeerChoice(NamedTuple):
    """The peer group chosen for one company: its figures and what it is made of.

    ``level`` names the filters used (``("sector", "size")`` … ``()`` for every
    company of the questionnaire); ``tried`` the sizes of the more specific groups
    that were too small, in the order tried.
    """

    group: PeerGroup
    level: tuple[str, ...]
    tried: tuple[tuple[tuple[str, ...], int], ...] = ()

    @property
    def sector(self) -> str | None:
        """The sector filter, or ``None``."""
        return self.group.filters.get("sector")

    @property
    def size(self) -> str | None:
        """The size-class filter, or ``None``."""
        return self.group.filters.get("size")


def peer_group_for(
    archive: Archive,
    *,
    questionnaire: str,
    sector: str | None,
    size: str | None,
    exclude: str | None,
    min_group: int | None = None,
) -> PeerChoice | None:
    """The most specific peer group with at least ``min_group`` companies, or ``None``.

    Tried in the order of :data:`PEER_LEVELS` — same sector and size class, same
    sector, same size class, every company of the questionnaire — leaving out a
    level whose filter the company has no value for and the company itself
    (``exclude``). ``None`` when even the broadest group is too small: then no
    figure is shown at all. Raises like :func:`benchmark`.
    """
    values = {"sector": sector, "size": size}
    tried: list[tuple[tuple[str, ...], int]] = []
    for level in PEER_LEVELS:
        if any(values[f] is None for f in level):
            continue
        chosen = {f: values[f] for f in level}
        group = benchmark(
            archive,
            questionnaire=questionnaire,
            sector=chosen.get("sector"),
            size=chosen.get("size"),
            min_group=min_group,
            exclude=exclude,
            adoption=True,
        )
        if group.large_enough and group.overall is not None:
            return PeerChoice(group, level, tuple(tried))
        tried.append((level, group.n))
    return None


def peer_position(score: float | None, spread: Spread) -> str | None:
    """Where ``score`` lies in the group: one of :data:`POSITIONS` (``None`` without a score).

    Above the upper quartile: ``top_quarter``; above the median: ``above_median``;
    equal to it (after rounding to one decimal): ``median``; below the lower quartile:
    ``bottom_quarter``; else ``below_median``.
    """
    if score is None:
        return None
    value = round1(score)
    if value > spread.q3:
        return "top_quarter"
    if value > spread.median:
        return "above_median"
    if value == spread.median:
        return "median"
    if value < spread.q1:
        return "bottom_quarter"
    return "below_median"
