"""The archive as an object: open it, add records, read them back, link, forget, purge.

>>> with open_archive("archiv.sqlite") as archive:   # doctest: +SKIP
...     archive.add([record])
...     rows = archive.list(company="id:IHK-4711")

Writes go in chunks of :data:`CHUNK` records, one transaction each; a chunk
that lost a race with another process is run again. Every method raises
:class:`~ki_check.errors.ArchiveError` for database trouble and
:class:`~ki_check.errors.NotFoundError` for an unknown id or company.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ki_check.archive import connection as cx
from ki_check.archive.records import NewRecord, normalise_name
from ki_check.archive.schema import (
    HEAD,
    assessment_scores,
    assessments,
    company_links,
    forgotten,
    journal,
    latest,
)
from ki_check.errors import KiCheckError, NotFoundError

CHUNK = 500
F = TypeVar("F", bound=Callable[..., Any])
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


def _guard(method: F) -> F:
    @functools.wraps(method)
    def wrapper(self: Archive, *args: Any, **kwargs: Any) -> Any:
        with cx.guarded(self.target):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _guard_call(archive: Archive, func: Callable[..., T], *args: Any) -> T:
    """``func(archive, *args)`` with database errors turned into messages."""
    with cx.guarded(archive.target):
        return func(archive, *args)


def open_archive(db: str | None = None) -> Archive:
    """The archive named by ``db`` (path or URL), ``KI_CHECK_DB`` or the default file.

    Nothing is connected until the first use. Raises ``DB_001`` for an address
    that is neither a path nor an SQLite or PostgreSQL URL.
    """
    return Archive(cx.resolve(db))


class Archive:
    """One archive (see the module docstring); use it as a context manager."""

    def __init__(self, target: cx.Target) -> None:
        self.target = target
        self._engine: Engine | None = None
        self._current = False

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connections."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (created on first use)."""
        if self._engine is None:
            self._engine = cx.make_engine(self.target)
        return self._engine

    # --- transactions ------------------------------------------------------------------
    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection | None]:
        """A read transaction, or ``None`` when nothing was ever stored (no file, no schema)."""
        path = self.target.path
        if path is not None and not path.exists():
            yield None
            return
        with self.engine.connect() as conn, conn.begin():
            if not self._current:
                self._current = cx.check_revision(cx.revision(conn), self.target)
            yield conn if self._current else None

    def writing(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction (creating the schema in an empty
        database), again if it lost a race with another writer."""
        path = self.target.path
        if path is not None and self.target.is_default:
            path.parent.mkdir(parents=True, exist_ok=True)

        def attempt() -> T:
            with self.engine.connect().execution_options(ki_write=True) as conn:
                with conn.begin():
                    if not self._current:
                        cx.lock_for_migration(conn)
                        found = cx.revision(conn)
                        if found is None:
                            cx.migrate(conn)
                        else:
                            cx.check_revision(found, self.target)
                    result = work(conn)
                self._current = True
                return result

        return cx.retrying(attempt)

    @_guard
    def ready(self) -> None:
        """Check that the archive can be reached and has a schema this version can use
        (an empty or not yet created archive is fine). Raises :class:`ArchiveError`."""
        with self.reading():
            pass

    @_guard
    def schema(self) -> str | None:
        """The stored schema revision (``None``: empty), without judging it."""
        path = self.target.path
        if path is not None and not path.exists():
            return None
        with self.engine.connect() as conn, conn.begin():
            return cx.revision(conn)

    @_guard
    def upgrade(self) -> tuple[str | None, str]:
        """Bring the schema to the newest revision; ``(before, after)``.

        Raises ``DB_006`` for a schema newer than this ki-check knows.
        """
        path = self.target.path
        if path is not None and self.target.is_default:
            path.parent.mkdir(parents=True, exist_ok=True)
        with self.engine.connect().execution_options(ki_write=True) as conn, conn.begin():
            cx.lock_for_migration(conn)
            before = cx.revision(conn)
            if before is not None and before != HEAD:
                try:
                    cx.check_revision(before, self.target)
                except KiCheckError as exc:
                    if getattr(exc, "code", "") == "DB_006":
                        raise
            if before != HEAD:
                cx.migrate(conn)
        self._current = True
        return before, HEAD

    # --- writing -------------------------------------------------------------------------
    @_guard
    def add(self, records: Iterable[NewRecord]) -> list[Added]:
        """Store ``records`` (a record whose content is already there is not stored again)."""
        out: list[Added] = []
        batch: list[NewRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= CHUNK:
                out.extend(self.writing(functools.partial(_add_chunk, records=batch)))
                batch = []
        if batch:
            out.extend(self.writing(functools.partial(_add_chunk, records=batch)))
        return out

    @_guard
    def link(self, key: str, into: str) -> tuple[str, int]:
        """Make company ``key`` part of company ``into``; ``(canonical key, records moved)``.

        Both are resolved like ``--company`` (exact key, ``id:`` + text, or a name).
        Raises :class:`NotFoundError` for an unknown company or when both are one already.
        """

        def work(conn: Connection) -> tuple[str, int]:
            a = _resolve(conn, key)
            b = _resolve(conn, into)
            if a == b:
                raise KiCheckError(
                    f"'{key}' und '{into}' sind bereits dasselbe Unternehmen ({b}).",
                    f"'{key}' and '{into}' are already the same company ({b}).",
                )
            moved_keys = _keys_of(conn, a)
            stamp = now()
            conn.execute(company_links.delete().where(company_links.c.key.in_(moved_keys)))
            conn.execute(
                company_links.insert(),
                [{"key": k, "canonical": b, "linked_at": stamp} for k in moved_keys],
            )
            moved = conn.execute(
                sa.select(sa.func.count())
                .select_from(assessments)
                .where(assessments.c.company_key.in_(moved_keys))
            ).scalar_one()
            conn.execute(latest.delete().where(latest.c.company == a))
            _recompute_latest(conn, {b})
            _log(conn, "link", moved, "Schlüssel zusammengeführt / keys merged")
            return b, moved

        return self.writing(work)

    @_guard
    def forget(self, company: str) -> tuple[str, int]:
        """Remove every record of ``company``; ``(key, number removed)``; logged without the key."""

        def work(conn: Connection) -> tuple[str, int]:
            canonical = _resolve(conn, company)
            keys = _keys_of(conn, canonical)
            n = _delete_where(conn, assessments.c.company_key.in_(keys))
            conn.execute(latest.delete().where(latest.c.company == canonical))
            conn.execute(company_links.delete().where(company_links.c.canonical == canonical))
            _log(conn, "forget", n, "ein Unternehmen auf Wunsch gelöscht / one company erased")
            return canonical, n

        return self.writing(work)

    @_guard
    def purge(self, before: dt.date) -> int:
        """Remove every record whose assessment day is before ``before``; the number removed."""

        def work(conn: Connection) -> int:
            affected = {
                _canonical(conn, k)
                for k in conn.execute(
                    sa.select(assessments.c.company_key)
                    .where(assessments.c.as_of < before)
                    .distinct()
                ).scalars()
            }
            n = _delete_where(conn, assessments.c.as_of < before)
            _recompute_latest(conn, affected)
            _log(conn, "purge", n, f"älter als / older than {before.isoformat()}")
            return n

        if self.target.path is not None and not self.target.path.exists():
            return 0
        return self.writing(work)

    # --- reading -------------------------------------------------------------------------
    @_guard
    def list(
        self,
        *,
        company: str | None = None,
        since: dt.date | None = None,
        questionnaire: str | None = None,
    ) -> list[dict[str, Any]]:
        """The stored assessments (without answers and results), oldest first.

        ``company`` is resolved like in :meth:`link`; ``company`` in each row is the
        company's key after links.
        """
        with self.reading() as conn:
            if conn is None:
                if company is not None:
                    raise _unknown_company(company)
                return []
            query = _list_query()
            if company is not None:
                query = query.where(
                    assessments.c.company_key.in_(_keys_of(conn, _resolve(conn, company)))
                )
            if since is not None:
                query = query.where(assessments.c.as_of >= since)
            if questionnaire is not None:
                query = query.where(assessments.c.questionnaire_id == questionnaire)
            return [_plain(row) for row in conn.execute(query).mappings()]

    @_guard
    def get(self, ref: str | int) -> dict[str, Any]:
        """One assessment in full (answers, notes, result, dimension scores).

        ``ref``: the archive id or at least 8 leading hex digits of the content hash.
        Raises :class:`NotFoundError`.
        """
        with self.reading() as conn:
            if conn is None:
                raise _unknown_id(ref)
            query = sa.select(
                *(assessments.c[name] for name in LIST_COLUMNS),
                assessments.c.answers,
                assessments.c.result,
                sa.func.coalesce(company_links.c.canonical, assessments.c.company_key).label(
                    "company"
                ),
            ).outerjoin(company_links, company_links.c.key == assessments.c.company_key)
            text = str(ref).strip().lstrip("#")
            if text.isdigit():
                query = query.where(assessments.c.id == int(text))
            elif len(text) >= 8 and all(c in "0123456789abcdef" for c in text.lower()):
                query = query.where(assessments.c.content_hash.like(text.lower() + "%"))
            else:
                raise _unknown_id(ref)
            rows = conn.execute(query.limit(2)).mappings().all()
            if len(rows) != 1:
                raise _unknown_id(ref)
            return _plain(rows[0])

    @_guard
    def previous(self, company: str, questionnaire: str, before: dt.date) -> dict[str, Any] | None:
        """The latest complete assessment of ``company`` and ``questionnaire`` before
        ``before`` (for "Entwicklung seit der letzten Erhebung"), or ``None``."""
        with self.reading() as conn:
            if conn is None:
                return None
            try:
                keys = _keys_of(conn, _resolve(conn, company))
            except NotFoundError:
                return None
            row = conn.execute(
                sa.select(assessments.c.id)
                .where(
                    assessments.c.company_key.in_(keys),
                    assessments.c.questionnaire_id == questionnaire,
                    assessments.c.status == "complete",
                    assessments.c.as_of < before,
                )
                .order_by(assessments.c.as_of.desc(), assessments.c.id.desc())
                .limit(1)
            ).scalar()
        return None if row is None else self.get(row)

    @_guard
    def journal(self) -> list[dict[str, Any]]:
        """What forget, purge and link did: time (UTC), action, count, detail."""
        with self.reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(sa.select(journal).order_by(journal.c.id)).mappings()
            return [_plain(r) for r in rows]


# --- helpers (all inside one transaction) --------------------------------------------------
def _insert(conn: Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _row(record: NewRecord, stamp: dt.datetime) -> dict[str, Any]:
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


def _add_chunk(conn: Connection, records: Sequence[NewRecord]) -> list[Added]:
    """Insert one chunk: skip forgotten hashes, let the unique hash drop duplicates,
    store the dimension scores and move ``latest`` forward."""
    rows = [_row(r, now()) for r in records]
    hashes = sorted({r.content_hash for r in records})
    gone = set(
        conn.execute(
            sa.select(forgotten.c.content_hash).where(forgotten.c.content_hash.in_(hashes))
        ).scalars()
    )
    fresh: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["content_hash"] not in gone:
            fresh.setdefault(row["content_hash"], row)
    ids: dict[str, int] = {}
    if fresh:
        stmt = (
            _insert(conn, assessments)
            .on_conflict_do_nothing(index_elements=["content_hash"])
            .returning(assessments.c.id, assessments.c.content_hash)
        )
        # sorted by hash: concurrent writers take the unique-index locks in one order
        values = [fresh[h] for h in sorted(fresh)]
        for id_, h in conn.execute(stmt, values).all():
            ids[h] = id_
    existing = (
        dict(
            conn.execute(
                sa.select(assessments.c.content_hash, assessments.c.id).where(
                    assessments.c.content_hash.in_([h for h in fresh if h not in ids])
                )
            ).all()
        )
        if len(ids) < len(fresh)
        else {}
    )
    by_hash = {r.content_hash: r for r in records}
    scores = [
        {"assessment_id": ids[h], "dimension": dim, "score": value}
        for h in sorted(ids)
        for dim, value in by_hash[h].dimensions
    ]
    if scores:
        conn.execute(assessment_scores.insert(), scores)
    _advance_latest(
        conn,
        [
            (by_hash[h].company_key, by_hash[h].questionnaire_id, by_hash[h].as_of, ids[h])
            for h in ids
            if by_hash[h].status == "complete"
        ],
    )
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


def _advance_latest(conn: Connection, items: list[tuple[str, str, dt.date, int]]) -> None:
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
    stmt = _insert(conn, latest)
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


def _recompute_latest(conn: Connection, companies: set[str]) -> None:
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
        _advance_latest(conn, [tuple(r) for r in rows])  # type: ignore[misc]


def _delete_where(conn: Connection, condition: Any) -> int:
    """Delete matching assessments, remembering their hashes in ``forgotten``."""
    stamp = now()
    ids_hashes = conn.execute(
        sa.select(assessments.c.id, assessments.c.content_hash).where(condition)
    ).all()
    for part in chunks(ids_hashes):
        ids = [i for i, _ in part]
        conn.execute(
            _insert(conn, forgotten).on_conflict_do_nothing(),
            [{"content_hash": h, "at": stamp} for _, h in part],
        )
        conn.execute(assessment_scores.delete().where(assessment_scores.c.assessment_id.in_(ids)))
        conn.execute(latest.delete().where(latest.c.assessment_id.in_(ids)))
        conn.execute(assessments.delete().where(assessments.c.id.in_(ids)))
    return len(ids_hashes)


def _log(conn: Connection, action: str, count: int, detail: str) -> None:
    conn.execute(journal.insert().values(at=now(), action=action, count=count, detail=detail))


def _canonical(conn: Connection, key: str) -> str:
    found = conn.execute(
        sa.select(company_links.c.canonical).where(company_links.c.key == key)
    ).scalar()
    return found or key


def _keys_of(conn: Connection, canonical: str) -> list[str]:
    """The canonical key and every key linked to it."""
    linked = conn.execute(
        sa.select(company_links.c.key).where(company_links.c.canonical == canonical)
    ).scalars()
    return sorted({canonical, *linked})


def _resolve(conn: Connection, text: str) -> str:
    """A company as typed (key, ``id:``-less id, or name) → its canonical key.

    Raises :class:`NotFoundError` for none or several matches.
    """
    text = text.strip()
    candidates = [text] if ":" in text else [f"id:{text}", f"name:{normalise_name(text)}"]
    for key in candidates:
        canonical = _canonical(conn, key)
        if conn.execute(
            sa.select(assessments.c.id)
            .where(assessments.c.company_key.in_(_keys_of(conn, canonical)))
            .limit(1)
        ).first():
            return canonical
    name = normalise_name(text.split(":", 1)[-1])
    if name:
        found = sorted(
            {
                _canonical(conn, k)
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
            raise NotFoundError(
                f"'{text}' passt auf mehrere Unternehmen: {', '.join(found)}. Bitte den"
                " Schlüssel angeben.",
                f"'{text}' matches several companies: {', '.join(found)}. Please give the key.",
            )
    raise _unknown_company(text)


def _unknown_company(text: str) -> NotFoundError:
    return NotFoundError(
        f"Kein Unternehmen '{text}' im Archiv. 'ki-check archive list' zeigt die Schlüssel"
        " (id:… oder name:…).",
        f"No company '{text}' in the archive. 'ki-check archive list' shows the keys"
        " (id:… or name:…).",
    )


def _unknown_id(ref: object) -> NotFoundError:
    return NotFoundError(
        f"Keine Erhebung '{ref}' im Archiv. 'ki-check archive list' zeigt die Nummern.",
        f"No assessment '{ref}' in the archive. 'ki-check archive list' shows the ids.",
    )


def _list_query() -> sa.Select:
    return (
        sa.select(
            *(assessments.c[name] for name in LIST_COLUMNS),
            sa.func.coalesce(company_links.c.canonical, assessments.c.company_key).label("company"),
        )
        .outerjoin(company_links, company_links.c.key == assessments.c.company_key)
        .order_by(assessments.c.as_of, assessments.c.id)
    )


def _plain(row: Any) -> dict[str, Any]:
    """A result row as plain data: dates ISO, JSON columns as dicts."""
    out = {}
    for key, value in dict(row).items():
        if isinstance(value, dt.datetime):
            value = value.replace(microsecond=0).isoformat() + "Z"
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[key] = value
    return out
