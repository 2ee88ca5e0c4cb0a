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

from ki_check.cache import cached
from ki_check.diagnostics import Bi, has_errors, join_ids, suggest
from ki_check.errors import NotFoundError, ValidationError
from ki_check.i18n import Text
from ki_check.resources import data_file
from ki_check.schema import SLUG_RE, Path_, Reader
from ki_check.yamlsrc import load_yaml

POSITIONS = ("adopter", "ready", "emerging", "early", "unknown")
SIZE_KEYS = ("micro", "small", "medium", "large")
_BASELINE_KEYS = (
    "id",
    "label",
    "region",
    "year",
    "share",
    "by_size",
    "population",
    "note",
    "source",
    "url",
    "seen_at",
    "published",
    "checked",
    "status",
)


class Baseline(NamedTuple):
    """One sourced figure: the share of a population that used AI in a year."""

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
        best = suggest(wanted, ids)
        did_de = f" Meinten Sie '{best}'?" if best else ""
        did_en = f" Did you mean '{best}'?" if best else ""
        raise NotFoundError(
            f"Unbekannte Vergleichsbasis '{wanted}'.{did_de} Verfügbar: {join_ids(ids)}.",
            f"Unknown baseline '{wanted}'.{did_en} Available: {join_ids(ids)}.",
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
    return Baseline(**values, by_size=by_size, note=note, seen_at=seen_at)  # type: ignore[arg-type]
