"""Re-assessment: what changed between two assessments of one company (T0 → T1).

Both sides are snapshots (:mod:`ki_check.archive.snapshot`): from an answer file,
scored as of its interview day, or from the archive as stored then. Per
dimension and overall: before, after and the change (after − before, one
decimal); the stage before and after; gaps (relevant but little used) closed
and opened; and the actions of the earlier plan (``assess()``, by id) that the
later plan no longer needs: done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.assessment.scoring import round1
from ki_check.errors import KiCheckError, NotFoundError
from ki_check.i18n import Text, tr


class Side(NamedTuple):
    """One assessment to compare: where it came from, whose it is, its snapshot."""

    source: str  # the file, or "#12" for an archive id
    company: str
    as_of: str
    snapshot: dict[str, Any]
    advisor: str | None = None
    key: str | None = None  # the archive's company key (id:… or name:…/Land), if known


class Change(NamedTuple):
    """One figure before and after; ``delta`` is ``None`` when either side has none."""

    id: str
    label: Text
    before: float | None
    after: float | None
    delta: float | None


def delta(before: float | None, after: float | None) -> float | None:
    """``after − before`` rounded half-up to one decimal, or ``None``."""
    if before is None or after is None:
        return None
    return round1(after - before)


@dataclass
class Comparison:
    """Everything ``ki-check compare`` shows."""

    questionnaire: str
    before: Side
    after: Side
    overall: Change
    stage_before: dict[str, Any] | None
    stage_after: dict[str, Any] | None
    dimensions: list[Change] = field(default_factory=list)
    gaps_closed: list[dict[str, Any]] = field(default_factory=list)
    gaps_opened: list[dict[str, Any]] = field(default_factory=list)
    actions_done: list[dict[str, Any]] = field(default_factory=list)
    reordered: bool = False  # the two were given later first and compared the other way

    @property
    def versions(self) -> tuple[str | None, str | None]:
        """The questionnaire versions before and after (they may differ within one id)."""
        return (
            self.before.snapshot["questionnaire"].get("version"),
            self.after.snapshot["questionnaire"].get("version"),
        )

    def to_json(self, lang: str = "de") -> dict[str, Any]:
        """Plain data for ``compare --json`` (labels in ``lang``)."""

        def side(s: Side) -> dict[str, Any]:
            return {"source": s.source, "company": s.company, "as_of": s.as_of}

        def stage(value: dict[str, Any] | None) -> str | None:
            return value["id"] if value else None

        return {
            "questionnaire": self.questionnaire,
            "before_assessment": side(self.before),
            "after_assessment": side(self.after),
            "overall": {
                "before": self.overall.before,
                "after": self.overall.after,
                "delta": self.overall.delta,
            },
            "stage": {
                "before": stage(self.stage_before),
                "after": stage(self.stage_after),
                "before_label": tr(self.stage_before["label"], lang) if self.stage_before else None,
                "after_label": tr(self.stage_after["label"], lang) if self.stage_after else None,
            },
            "dimensions": [
                {
                    "id": c.id,
                    "label": tr(c.label, lang),
                    "before": c.before,
                    "after": c.after,
                    "delta": c.delta,
                }
                for c in self.dimensions
            ],
            "gaps_closed": [
                {"question": g["question"], "text": tr(g.get("text"), lang)}
                for g in self.gaps_closed
            ],
            "gaps_opened": [
                {"question": g["question"], "text": tr(g.get("text"), lang)}
                for g in self.gaps_opened
            ],
            "actions_done": [
                {"id": a["id"], "title": tr(a.get("title"), lang)} for a in self.actions_done
            ],
        }


def compare(before: Side, after: Side) -> Comparison:
    """Compare two snapshots of the same questionnaire (see the module docstring).

    Raises :class:`~ki_check.errors.KiCheckError` when they belong to different
    questionnaires: their dimensions would not match.
    """
    a, b = before.snapshot, after.snapshot
    qa, qb = a["questionnaire"]["id"], b["questionnaire"]["id"]
    if qa != qb:
        raise KiCheckError.coded("USAGE_012", first=qa, second=qb)
    dims_a = {d["id"]: d for d in a["dimensions"]}
    dims_b = {d["id"]: d for d in b["dimensions"]}
    order = [d["id"] for d in b["dimensions"]] + [i for i in dims_a if i not in dims_b]
    changes = []
    for did in order:
        da, db = dims_a.get(did), dims_b.get(did)
        label = (db or da or {}).get("label") or {"de": did}
        sa_ = da["score"] if da else None
        sb = db["score"] if db else None
        changes.append(Change(did, label, sa_, sb, delta(sa_, sb)))
    gaps_a = {g["question"]: g for g in a.get("gaps", [])}
    gaps_b = {g["question"]: g for g in b.get("gaps", [])}
    done_ids = {x["id"] for x in b.get("actions", [])}
    return Comparison(
        questionnaire=qa,
        before=before,
        after=after,
        overall=Change(
            "overall",
            {"de": "Gesamt", "en": "Overall"},
            a["overall"],
            b["overall"],
            delta(a["overall"], b["overall"]),
        ),
        stage_before=a.get("stage"),
        stage_after=b.get("stage"),
        dimensions=changes,
        gaps_closed=[g for q, g in gaps_a.items() if q not in gaps_b],
        gaps_opened=[g for q, g in gaps_b.items() if q not in gaps_a],
        actions_done=[x for x in a.get("actions", []) if x["id"] not in done_ids],
    )


def _is_archive_ref(text: str) -> bool:
    t = text.strip().lstrip("#")
    return t.isdigit() or (len(t) >= 8 and all(c in "0123456789abcdefABCDEF" for c in t))


def side_from_file(path: Path) -> Side:
    """An answer file scored as of its interview day, as the archive would store it."""
    from ki_check.archive.records import assessment_day, company_key
    from ki_check.archive.snapshot import snapshot
    from ki_check.assessment.answers import open_answers
    from ki_check.assessment.assess import assess
    from ki_check.errors import ValidationError

    q, af = open_answers(path)
    day = assessment_day(af)
    snap = snapshot(assess(q, af, as_of=day))
    try:
        key: str | None = company_key(af)[0]
    except ValidationError:
        key = None
    return Side(str(path), af.company.name, day.isoformat(), snap, af.interview.advisor, key)


def side_from_row(row: dict[str, Any]) -> Side:
    """A stored assessment (:meth:`~ki_check.archive.store.Archive.get`) as a side."""
    return Side(
        f"#{row['id']}",
        row["company_name"],
        row["as_of"],
        row["result"],
        row.get("advisor"),
        row.get("company") or row.get("company_key"),
    )


def load_side(ref: str, db: str | None = None) -> Side:
    """An answer file (when ``ref`` names one) or an archive id / content-hash prefix.

    Raises :class:`~ki_check.errors.NotFoundError` for neither, and the errors of
    reading the file or opening the archive.
    """
    path = Path(ref)
    if path.is_file():
        return side_from_file(path)
    if _is_archive_ref(ref):
        from ki_check.archive.store import open_archive

        with open_archive(db) as archive:
            row = archive.get(ref)
        return side_from_row(row)
    raise NotFoundError.coded("REF_008", ref=ref)


def compare_refs(old: str, new: str, db: str | None = None) -> Comparison:
    """:func:`compare` for two answer files or archive ids (see :func:`load_side`), the
    earlier first (:func:`chronological`); ``reordered`` says whether they were swapped."""
    before, after = load_side(old, db), load_side(new, db)
    first, second = chronological(before, after)
    result = compare(first, second)
    result.reordered = first is not before
    return result


def chronological(a: Side, b: Side) -> tuple[Side, Side]:
    """The two sides by as-of date, then by archive id (as ``archive list`` orders them);
    two answer files of the same day stay in the order given."""

    def archive_id(side: Side) -> int | None:
        number = side.source[1:]
        return int(number) if side.source.startswith("#") and number.isdigit() else None

    if a.as_of != b.as_of:
        return (a, b) if a.as_of < b.as_of else (b, a)
    ia, ib = archive_id(a), archive_id(b)
    if ia is not None and ib is not None and ia > ib:
        return b, a
    return a, b
