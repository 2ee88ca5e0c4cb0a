"""The archive's SQL, one transaction at a time: inserting records, keeping ``latest``,
deleting with tombstones, resolving companies through links.

Every function takes an open :class:`~sqlalchemy.engine.Connection` inside a
transaction; :mod:`ki_check.archive.store` decides when transactions begin and
end and turns database errors into messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Literal, NamedTuple, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ki_check.archive.records import NewRecord, normalise_name
from ki_check.archive.schema import (
    assessment_scores,
    assessments,
    company_links,
    forgotten,
    journal,
    latest,
)
from ki_check.errors import NotFoundError

CHUNK = 500
T = TypeVar("T")
LIST_COLUMNS = (
    "id",
    "content_hash",
    "company_key",
    "company_name",
    "state",
    "sector",
    "size_class",
    "employees",
    "questionnaire_id",
    "questionnaire_version",
    "as_of",
    "advisor",
    "status",
    "overall",
    "stage",
    "coverage",
    "ki_check_version",
    "added_at",
    "source",
)


class Added(NamedTuple):
    """What became of one record: ``stored`` (new id), ``duplicate`` (the id it already
    has) or ``forgotten`` (removed earlier by forget/purge, not taken back)."""

    record: NewRecord
    status: Literal["stored", "duplicate", "forgotten"]
    id: int | None


def now() -> dt.datetime:
    """The current time in UTC, without tzinfo (as stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in slices of ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def insert_stmt(conn: Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def row_values(record: NewRecord, stamp: dt.datetime) -> dict[str, Any]:
    return {
        "content_hash": record.content_hash,
        "company_key": record.company_key,
        "company_name": record.company_name,
        "state": record.state,
        "sector": record.sector,
        "size_class": record.size_class,
        "employees": record.employees,
        "questionnaire_id": record.questionnaire_id,
        "questionnaire_version": record.questionnaire_version,
        "as_of": record.as_of,
        "advisor": record.advisor,
        "status": record.status,
        "overall": record.overall,
        "stage": record.stage,
        "coverage": record.coverage,
        "answers": record.answers,
        "result": record.result,
        "ki_check_version": record.ki_check_version,
        "added_at": record.added_at or stamp,
        "source": record.source[:1000],
    }


def add_chunk(conn: Connection, records: Sequence[NewRecord]) -> list[Added]:
    """Insert one chunk: skip forgotten hashes, let the unique hash drop duplicates,
    store the dimension scores and move ``latest`` forward."""
    rows = [row_values(r, now()) for r in records]
    gone = _forgotten(conn, sorted({r.content_hash for r in records}))
    fresh: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["content_hash"] not in gone:
            fresh.setdefault(row["content_hash"], row)
    ids = _insert_assessments(conn, fresh)
    known = [h for h in fresh if h not in ids]  # stored before this chunk
    existing = _stored_ids(conn, known) if known else {}
    by_hash = {r.content_hash: r for r in records}
    _insert_scores(conn, {h: (ids[h], by_hash[h]) for h in ids})
    advance_latest(
        conn,
        [
            (by_hash[h].company_key, by_hash[h].questionnaire_id, by_hash[h].as_of, ids[h])
            for h in ids
            if by_hash[h].status == "complete"
        ],
    )
    return _outcomes(records, gone, ids, existing)


def _forgotten(conn: Connection, hashes: list[str]) -> set[str]:
    """Those of ``hashes`` whose company was forgotten (their tombstones): never stored again."""
    return set(
        conn.execute(
            sa.select(forgotten.c.content_hash).where(forgotten.c.content_hash.in_(hashes))
        ).scalars()
    )


def _insert_assessments(conn: Connection, fresh: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Insert the rows of ``assessments`` (by hash); the new ids of those stored now.

    A hash already in the archive is left alone by the unique index (no id for it).
    """
    ids: dict[str, int] = {}
    if fresh:
        stmt = (
            insert_stmt(conn, assessments)
            .on_conflict_do_nothing(index_elements=["content_hash"])
            .returning(assessments.c.id, assessments.c.content_hash)
        )
        # sorted by hash: concurrent writers take the unique-index locks in one order
        values = [fresh[h] for h in sorted(fresh)]
        for id_, h in conn.execute(stmt, values).all():
            ids[h] = id_
    return ids


def _stored_ids(conn: Connection, hashes: list[str]) -> dict[str, int]:
    """The ids of the assessments already stored under ``hashes``."""
    return dict(
        conn.execute(
            sa.select(assessments.c.content_hash, assessments.c.id).where(
                assessments.c.content_hash.in_(hashes)
            )
        ).all()
    )


def _insert_scores(conn: Connection, stored: dict[str, tuple[int, NewRecord]]) -> None:
    """Insert the rows of ``assessment_scores``: each dimension score of the assessments
    just stored (hash → id and record)."""
    scores = [
        {"assessment_id": stored[h][0], "dimension": dim, "score": value}
        for h in sorted(stored)
        for dim, value in stored[h][1].dimensions
    ]
    if scores:
        conn.execute(assessment_scores.insert(), scores)


def _outcomes(
    records: Sequence[NewRecord], gone: set[str], ids: dict[str, int], existing: dict[str, int]
) -> list[Added]:
    """What became of each record, in their order: ``forgotten``, ``stored`` (the first
    with its hash) or ``duplicate`` (with the id it duplicates)."""
    out = []
    first: set[str] = set()
    for r in records:
        h = r.content_hash
        if h in gone:
            out.append(Added(r, "forgotten", None))
        elif h in ids and h not in first:
            first.add(h)
            out.append(Added(r, "stored", ids[h]))
        else:
            out.append(Added(r, "duplicate", ids.get(h) or existing.get(h)))
    return out


def advance_latest(conn: Connection, items: list[tuple[str, str, dt.date, int]]) -> None:
    """Move ``latest`` to these (key, questionnaire, day, id) where they are newer."""
    if not items:
        return
    links = dict(
        conn.execute(
            sa.select(company_links.c.key, company_links.c.canonical).where(
                company_links.c.key.in_({k for k, _, _, _ in items})
            )
        ).all()
    )
    best: dict[tuple[str, str], tuple[dt.date, int]] = {}
    for key, qid, day, id_ in items:
        slot = (links.get(key, key), qid)
        if slot not in best or (day, id_) > best[slot]:
            best[slot] = (day, id_)
    stmt = insert_stmt(conn, latest)
    stmt = stmt.on_conflict_do_update(
        index_elements=["company", "questionnaire_id"],
        set_={"assessment_id": stmt.excluded.assessment_id, "as_of": stmt.excluded.as_of},
        where=sa.tuple_(latest.c.as_of, latest.c.assessment_id)
        < sa.tuple_(stmt.excluded.as_of, stmt.excluded.assessment_id),
    )
    conn.execute(
        stmt,
        [
            {"company": c, "questionnaire_id": q, "as_of": d, "assessment_id": i}
            for (c, q), (d, i) in sorted(best.items())
        ],
    )


def recompute_latest(conn: Connection, companies: set[str]) -> None:
    """Rebuild ``latest`` for these company keys (after links) from their records."""
    for part in chunks(sorted(companies)):
        conn.execute(latest.delete().where(latest.c.company.in_(part)))
        keys = set(part) | set(
            conn.execute(
                sa.select(company_links.c.key).where(company_links.c.canonical.in_(part))
            ).scalars()
        )
        rows = conn.execute(
            sa.select(
                assessments.c.company_key,
                assessments.c.questionnaire_id,
                assessments.c.as_of,
                assessments.c.id,
            ).where(assessments.c.company_key.in_(keys), assessments.c.status == "complete")
        ).all()
        advance_latest(conn, [tuple(r) for r in rows])


def delete_where(conn: Connection, condition: Any) -> int:
    """Delete matching assessments, remembering their hashes in ``forgotten``."""
    stamp = now()
    ids_hashes = conn.execute(
        sa.select(assessments.c.id, assessments.c.content_hash).where(condition)
    ).all()
    for part in chunks(ids_hashes):
        ids = [i for i, _ in part]
        conn.execute(
            insert_stmt(conn, forgotten).on_conflict_do_nothing(),
            [{"content_hash": h, "at": stamp} for _, h in part],
        )
        conn.execute(assessment_scores.delete().where(assessment_scores.c.assessment_id.in_(ids)))
        conn.execute(latest.delete().where(latest.c.assessment_id.in_(ids)))
        conn.execute(assessments.delete().where(assessments.c.id.in_(ids)))
    return len(ids_hashes)


def log_action(conn: Connection, action: str, count: int, detail: str) -> None:
    conn.execute(journal.insert().values(at=now(), action=action, count=count, detail=detail))


def canonical_key(conn: Connection, key: str) -> str:
    found = conn.execute(
        sa.select(company_links.c.canonical).where(company_links.c.key == key)
    ).scalar()
    return found or key


def keys_of(conn: Connection, canonical: str) -> list[str]:
    """The canonical key and every key linked to it."""
    linked = conn.execute(
        sa.select(company_links.c.key).where(company_links.c.canonical == canonical)
    ).scalars()
    return sorted({canonical, *linked})


def resolve_company(conn: Connection, text: str) -> str:
    """A company as typed (key, ``id:``-less id, or name) → its canonical key.

    Raises :class:`NotFoundError` for none or several matches.
    """
    text = text.strip()
    candidates = [text] if ":" in text else [f"id:{text}", f"name:{normalise_name(text)}"]
    for key in candidates:
        canonical = canonical_key(conn, key)
        if conn.execute(
            sa.select(assessments.c.id)
            .where(assessments.c.company_key.in_(keys_of(conn, canonical)))
            .limit(1)
        ).first():
            return canonical
    name = normalise_name(text.split(":", 1)[-1])
    if name:
        found = sorted(
            {
                canonical_key(conn, k)
                for k in conn.execute(
                    sa.select(assessments.c.company_key)
                    .where(assessments.c.company_key.like(f"name:{name}/%"))
                    .distinct()
                ).scalars()
            }
        )
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NotFoundError.coded("REF_009", name=text, found=", ".join(found))
    raise unknown_company(text)


def unknown_company(text: str) -> NotFoundError:
    return NotFoundError.coded("REF_010", name=text)


def unknown_id(ref: object) -> NotFoundError:
    return NotFoundError.coded("REF_011", ref=ref)


def list_query() -> sa.Select[Any]:  # rows of many columns: SQLAlchemy types them as Any
    return (
        sa.select(
            *(assessments.c[name] for name in LIST_COLUMNS),
            sa.func.coalesce(company_links.c.canonical, assessments.c.company_key).label("company"),
        )
        .outerjoin(company_links, company_links.c.key == assessments.c.company_key)
        .order_by(assessments.c.as_of, assessments.c.id)
    )


def plain(row: Any) -> dict[str, Any]:
    """A result row as plain data: dates ISO, JSON columns as dicts."""
    out = {}
    for key, value in dict(row).items():
        if isinstance(value, dt.datetime):
            value = value.replace(microsecond=0).isoformat() + "Z"
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[key] = value
    return out
