"""``archive push``: copy the records another archive lacks (offline first, shared later).

An advisor works in the local archive at the company and pushes to the
chamber's PostgreSQL back in the office. Records are matched by content hash,
so pushing twice copies nothing the second time; records the target removed
with ``forget`` or ``purge`` are not brought back. Company links go along
first, so the target counts linked keys as one company too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ki_check.archive.records import NewRecord
from ki_check.archive.schema import assessment_scores, assessments, company_links
from ki_check.archive.sql import CHUNK, insert_stmt, recompute_latest
from ki_check.archive.store import Archive, guard_call
from ki_check.errors import KiCheckError


@dataclass
class PushSummary:
    """How many records were copied, were there already, or were forgotten there."""

    copied: int = 0
    present: int = 0
    forgotten: int = 0
    links: int = 0


def push(source: Archive, target: Archive) -> PushSummary:
    """Copy every record of ``source`` that ``target`` lacks; see :class:`PushSummary`.

    Raises :class:`~ki_check.errors.KiCheckError` when both are the same archive and
    :class:`~ki_check.errors.ArchiveError` for trouble with either database.
    """
    if source.target.url == target.target.url:
        raise KiCheckError.coded("USAGE_010", "--to")
    summary = PushSummary()
    links = guard_call(source, _links)
    if links:
        summary.links = guard_call(target, _push_links, links)
    after = 0
    while True:
        batch = guard_call(source, _page, after)
        if not batch:
            break
        after = batch[-1][0]
        for added in target.add([r for _, r in batch]):
            if added.status == "stored":
                summary.copied += 1
            elif added.status == "duplicate":
                summary.present += 1
            else:
                summary.forgotten += 1
    return summary


def _links(archive: Archive) -> list[tuple[str, str]]:
    with archive.reading() as conn:
        if conn is None:
            return []
        return [
            tuple(r)
            for r in conn.execute(sa.select(company_links.c.key, company_links.c.canonical))
        ]


def _push_links(archive: Archive, links: list[tuple[str, str]]) -> int:
    def work(conn: Connection) -> int:
        stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        known = set(conn.execute(sa.select(company_links.c.key)).scalars())
        new = [(k, c) for k, c in links if k not in known]
        if not new:
            return 0
        conn.execute(
            insert_stmt(conn, company_links).on_conflict_do_nothing(),
            [{"key": k, "canonical": c, "linked_at": stamp} for k, c in new],
        )
        recompute_latest(conn, {c for _, c in new})
        return len(new)

    return archive.writing(work)


def _page(archive: Archive, after: int) -> list[tuple[int, NewRecord]]:
    """The next :data:`CHUNK` records after id ``after``, as records to store elsewhere."""
    with archive.reading() as conn:
        if conn is None:
            return []
        rows = (
            conn.execute(
                sa.select(assessments)
                .where(assessments.c.id > after)
                .order_by(assessments.c.id)
                .limit(CHUNK)
            )
            .mappings()
            .all()
        )
        if not rows:
            return []
        dims: dict[int, list[tuple[str, float | None]]] = {}
        for aid, dim, score in conn.execute(
            sa.select(
                assessment_scores.c.assessment_id,
                assessment_scores.c.dimension,
                assessment_scores.c.score,
            ).where(assessment_scores.c.assessment_id.in_([r["id"] for r in rows]))
        ):
            dims.setdefault(aid, []).append((dim, score))
    return [
        (
            r["id"],
            NewRecord(
                content_hash=r["content_hash"],
                company_key=r["company_key"],
                company_name=r["company_name"],
                state=r["state"],
                sector=r["sector"],
                size_class=r["size_class"],
                employees=r["employees"],
                questionnaire_id=r["questionnaire_id"],
                questionnaire_version=r["questionnaire_version"],
                as_of=r["as_of"],
                advisor=r["advisor"],
                status=r["status"],
                overall=r["overall"],
                stage=r["stage"],
                coverage=r["coverage"],
                dimensions=tuple(dims.get(r["id"], ())),
                answers=r["answers"],
                result=r["result"],
                ki_check_version=r["ki_check_version"],
                source=r["source"],
                added_at=r["added_at"],
            ),
        )
        for r in rows
    ]
