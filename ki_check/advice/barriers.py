"""Barriers companies name, with the figure that fits the company (``data/barriers.yaml``).

A figure is quoted only to a company in the population it counts: figures about
companies without AI never to a company that uses AI, and where the smallest
firms counted are larger than the company, the report says so. Which barriers the
company named itself and which the answers only show:
:mod:`ki_check.assessment.barrier_origin`. The rules: ``docs/advice.md`` ("Hürden").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.advice.datafile import load_data as _load
from ki_check.advice.datafile import read_ids as _ids
from ki_check.advice.datafile import read_texts as _texts
from ki_check.assessment.profile import SECTORS
from ki_check.diagnostics import Bi
from ki_check.i18n import Text
from ki_check.util.readers import Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import YamlDoc, load_yaml


class FigureVariant(NamedTuple):
    """A barrier's figure for one population (e.g. crafts firms), with its source.

    It applies to companies interviewed with one of ``questionnaires`` or in one
    of the WZ ``sectors``; an empty list does not restrict. ``uses_ai`` (when set)
    picks companies that do (``True``) or do not use AI; ``non_users``: the figure
    counts companies without AI only, so it never fits one that uses AI;
    ``min_staff``: the smallest firms the figure counts (docs/advice.md, "Hürden").
    """

    questionnaires: tuple[str, ...]
    sectors: tuple[str, ...]
    figure: Text
    source: str
    uses_ai: bool | None = None
    non_users: bool = False
    min_staff: int | None = None

    def fits(
        self, questionnaire: str | None, sector: str | None, uses_ai: bool | None = None
    ) -> bool:
        """True if the company belongs to this population (``uses_ai`` None: not known)."""
        if self.uses_ai is not None and self.uses_ai is not bool(uses_ai):
            return False
        if self.non_users and uses_ai:
            return False
        return (not self.questionnaires or questionnaire in self.questionnaires) and (
            not self.sectors or sector in self.sectors
        )


class Barrier(NamedTuple):
    """A barrier non-adopters name, its figure and the step that addresses it.

    ``figure`` and ``source`` are the general ones, counting ``non_users`` only
    and firms from ``min_staff``; ``variants`` hold figures for particular
    populations (see :func:`barriers_for`). ``named``: the company named the
    barrier itself (``True``) or the answers show it (``False``); ``None`` where
    not decided (:func:`ki_check.assessment.barrier_origin.company_barriers`).
    """

    id: str
    label: Text
    figure: Text
    recommendation: Text
    source: str
    variants: tuple[FigureVariant, ...] = ()
    non_users: bool = False
    min_staff: int | None = None
    named: bool | None = None


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
        ("checked", "named_in", "notes", "barriers"),
        ("barriers",),
    )
    _ids(r, (m or {}).get("named_in", []), ("named_in",))
    if m and "notes" in m:
        notes = ("no_figure", "size")
        n = r.mapping(m["notes"], ("notes",), Bi("'notes'", "'notes'"), notes, notes)
        _texts(r, n or {}, ("notes",), notes)
    out: dict[str, Barrier] = {}
    keys = ("id", "label", "figure", "recommendation", "source")
    optional = ("variants", "non_users", "min_staff")
    for i, item in enumerate(r.seq((m or {}).get("barriers"), ("barriers",)) or []):
        p: Path_ = ("barriers", i)
        b = r.mapping(item, p, Bi("einer Hürde", "a barrier"), (*keys, *optional), keys)
        if b is None or any(k not in b for k in keys):
            continue
        bid = r.ident(b["id"], (*p, "id"))
        t = _texts(r, b, p, ("label", "figure", "recommendation"))
        source = r.string(b["source"], (*p, "source"))
        variants = _variants(r, b.get("variants", []), (*p, "variants"))
        non_users, min_staff = _population(r, b, p)
        if bid and source:
            out[bid] = Barrier(
                bid,
                t["label"],
                t["figure"],
                t["recommendation"],
                source,
                variants,
                non_users,
                min_staff,
            )
    return out


def _population(r: Reader, m: dict[str, Any], path: Path_) -> tuple[bool, int | None]:
    """``non_users`` and ``min_staff`` of a figure (whom it counts)."""
    non_users = r.boolean(m.get("non_users", False), (*path, "non_users"))
    staff = m.get("min_staff")
    if staff is not None:
        staff = r.number(staff, (*path, "min_staff"), minimum=1)
    return bool(non_users), int(staff) if staff is not None else None


def _variants(r: Reader, value: Any, path: Path_) -> tuple[FigureVariant, ...]:
    out = []
    keys = ("questionnaires", "sectors", "uses_ai", "non_users", "min_staff", "figure", "source")
    for i, item in enumerate(r.seq(value, path, nonempty=False) or []):
        p: Path_ = (*path, i)
        v = r.mapping(item, p, Bi("einer Variante", "a variant"), keys, ("figure", "source"))
        if v is None or "figure" not in v or "source" not in v:
            continue
        if "questionnaires" not in v and "sectors" not in v and "uses_ai" not in v:
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
        uses_ai = r.boolean(v["uses_ai"], (*p, "uses_ai")) if "uses_ai" in v else None
        non_users, min_staff = _population(r, v, p)
        if figure and source:
            out.append(FigureVariant(qids, sectors, figure, source, uses_ai, non_users, min_staff))
    return tuple(out)


def barriers_for(
    ids: Iterable[str],
    questionnaire: str | None = None,
    sector: str | None = None,
    uses_ai: bool | None = None,
) -> list[Barrier]:
    """The barriers ``ids`` with the figure that fits the company.

    The first variant whose questionnaires, sectors and AI use fit replaces the
    general figure, source and population (so a crafts business reads the Bitkom
    Handwerk figures, not figures for firms with 20 or more staff, and a company
    using AI never a figure about companies without AI); otherwise the general
    one stays. Unknown ids are skipped. Whether the figure fits the company's
    size and AI use in the end: :func:`ki_check.advice.barrier_fit.fitted`.
    """
    data = load_barriers()
    out = []
    for bid in ids:
        b = data.get(bid)
        if b is None:
            continue
        v = next((v for v in b.variants if v.fits(questionnaire, sector, uses_ai)), None)
        if v:
            b = b._replace(
                figure=v.figure, source=v.source, non_users=v.non_users, min_staff=v.min_staff
            )
        out.append(b)
    return out


class BarrierNotes(NamedTuple):
    """The file's own words: where a company names barriers and what a figure lacks.

    ``named_in``: ids of the questions in which a company picks its barriers itself
    (``huerden``, ``hemmnisse``); ``no_figure``: said instead of a figure that counts
    another population; ``size``: added where the figure counts larger firms only
    (``{staff}`` the company's, ``{min}`` the smallest counted).
    """

    named_in: frozenset[str]
    no_figure: Text
    size: Text


@cache
def barrier_notes(path: Path | None = None) -> BarrierNotes:
    """``named_in`` and ``notes`` of ``data/barriers.yaml`` (checked with the barriers)."""
    load_barriers(path)  # the file is valid, so the keys below have their shape
    data: dict[str, Any] = load_yaml(path or data_file("barriers.yaml")).data
    notes = data.get("notes", {})
    return BarrierNotes(
        frozenset(data.get("named_in", ())),
        notes.get("no_figure", {}),
        notes.get("size", {}),
    )


def fitted(b: Barrier, uses_ai: bool | None, staff: int | None) -> Barrier:
    """``b`` with a figure that is true for this company (docs/advice.md, "Hürden").

    A figure that counts companies without AI is replaced by the ``no_figure``
    note for a company that uses AI; a figure that counts firms from
    ``min_staff`` gets the ``size`` note for a smaller company (staff known).
    """
    notes = barrier_notes()
    if b.non_users and uses_ai:
        return b._replace(figure=notes.no_figure, source="")
    if b.min_staff and staff is not None and staff < b.min_staff:
        add = {k: v.format(staff=staff, min=b.min_staff) for k, v in notes.size.items()}
        return b._replace(figure={k: f"{v} {add.get(k, '')}".rstrip() for k, v in b.figure.items()})
    return b
