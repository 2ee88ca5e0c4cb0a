"""Running totals of a batch for the portfolio overview, one section per questionnaire.

Companies of different questionnaires are never averaged or ranked together:
each questionnaire keeps its own counts, dimension means, heat map and
ranking. Memory is constant per company (the ranking keeps the best and the
weakest few hundred). The heat map counts, per dimension, how many companies
score in each band of :data:`BANDS` (0–20, 20–40, …, 80–100; 100 belongs to the
last band), so its size does not grow with the portfolio.

A provisional result (too few answers, ``docs/advice.md``) is counted apart from
the stages and left out of the ranking, the dimension means and the heat map: its
numbers rest on a few answers and would read as a company's standing. Its position
and its programmes still count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ki_check.advice.provisional import PROVISIONAL_BELOW
from ki_check.batch.output import ScoreRow
from ki_check.questionnaire.model import Questionnaire

BANDS = (0, 20, 40, 60, 80, 100)


def band(score: float) -> int:
    """The index of the heat-map band holding ``score`` (0–100; 100 is in the last band)."""
    return min(max(int(score // 20), 0), len(BANDS) - 2)


@dataclass
class Section:
    """The totals of one questionnaire."""

    ref: str
    title: dict[str, str]
    labels: dict[str, dict[str, str]]  # dimension id and "stage:<id>" → label
    dimensions: list[str]
    stage_order: list[str]
    count: int = 0
    stages: Counter[str] = field(default_factory=Counter)
    positions: Counter[str] = field(default_factory=Counter)
    dim_sum: dict[str, float] = field(default_factory=dict)
    dim_n: dict[str, int] = field(default_factory=dict)
    heat: dict[str, list[int]] = field(default_factory=dict)
    funding: Counter[str] = field(default_factory=Counter)
    # (overall, name, id): the id tells apart two companies of the same name
    ranking: list[tuple[float, str, str]] = field(default_factory=list)
    keep: int = 500

    def add(self, row: ScoreRow) -> None:
        """Count one company."""
        data = row.data
        self.count += 1
        if data["position"]:
            self.positions[data["position"]] += 1
        for pid in data["funding"]:
            self.funding[pid] += 1
        if data.get("provisional") and data["stage"]:
            self.stages["provisional"] += 1
            return
        self.stages[data["stage"] or "none"] += 1
        for did in self.dimensions:
            value = data.get(f"dim_{did}")
            if value is None:
                continue
            self.dim_sum[did] = self.dim_sum.get(did, 0.0) + value
            self.dim_n[did] = self.dim_n.get(did, 0) + 1
            self.heat.setdefault(did, [0] * (len(BANDS) - 1))[band(value)] += 1
        if data["overall"] is not None:
            self.ranking.append((data["overall"], data["name"] or data["id"], data["id"]))
            if len(self.ranking) > 4 * self.keep:  # keep the best and the weakest only
                self.ranking.sort(reverse=True)
                self.ranking = self.ranking[: self.keep] + self.ranking[-self.keep :]

    def task(self) -> dict[str, Any]:
        """Plain data for the renderer (a worker process)."""
        return {
            "ref": self.ref,
            "title": self.title,
            "count": self.count,
            "stages": {
                k: self.stages.get(k, 0) for k in [*self.stage_order, "provisional", "none"]
            },
            "positions": dict(self.positions),
            "dimensions": {k: self.dim_sum[k] / self.dim_n[k] for k in self.dim_sum},
            "dimension_n": dict(self.dim_n),
            "heat": {k: self.heat[k] for k in self.dimensions if k in self.heat},
            "bands": list(BANDS),
            "funding": self.funding.most_common(10),
            "ranking": sorted(self.ranking, reverse=True),
            "provisional_below": PROVISIONAL_BELOW,
            "labels": self.labels,
        }


@dataclass
class Portfolio:
    """Every questionnaire's section, and how many rows could not be scored."""

    sections: dict[str, Section] = field(default_factory=dict)
    failed: int = 0

    @property
    def count(self) -> int:
        """Companies scored, over all questionnaires."""
        return sum(s.count for s in self.sections.values())

    def add(self, row: ScoreRow, q: Questionnaire) -> None:
        """Count one scored company in its questionnaire's section."""
        ref = row.data["questionnaire"]
        section = self.sections.get(ref)
        if section is None:
            labels = {d.id: dict(d.label) for d in q.dimensions}
            labels.update({f"stage:{s.id}": dict(s.label) for s in q.stages})
            section = Section(
                ref,
                dict(q.title),
                labels,
                [d.id for d in q.dimensions],
                [s.id for s in q.stages],
            )
            self.sections[ref] = section
        section.add(row)

    def task(
        self, target: Path, day: dt.date, listed_in: list[str], baseline: str | None = None
    ) -> dict[str, Any]:
        """Everything the overview PDF shows, as plain data (``baseline``: the batch's
        ``--baseline``, ``None`` for the default)."""
        return {
            "baseline": baseline,
            "count": self.count,
            "failed": self.failed,
            "listed_in": listed_in,
            "sections": [s.task() for s in self.sections.values()],
            "target": str(target),
            "as_of": day.isoformat(),
        }
