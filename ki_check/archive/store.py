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

import builtins
import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Concatenate, ParamSpec, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ki_check.archive import connection as cx
from ki_check.archive.records import NewRecord
from ki_check.archive.schema import HEAD, assessments, company_links, journal, latest
from ki_check.archive.sql import (
    CHUNK,
    LIST_COLUMNS,
    Added,
    add_chunk,
    canonical_key,
    delete_where,
    keys_of,
    list_query,
    log_action,
    now,
    plain,
    recompute_latest,
    resolve_company,
    unknown_company,
    unknown_id,
)
from ki_check.errors import KiCheckError

P = ParamSpec("P")
T = TypeVar("T")
__all__ = ["CHUNK", "Added", "Archive", "open_archive"]


def _guard(method: Callable[Concatenate[Archive, P], T]) -> Callable[Concatenate[Archive, P], T]:
    @functools.wraps(method)
    def wrapper(self: Archive, /, *args: P.args, **kwargs: P.kwargs) -> T:
        with cx.guarded(self.target):
            return method(self, *args, **kwargs)

    return wrapper


def guard_call(archive: Archive, func: Callable[..., T], *args: Any) -> T:
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
                out.extend(self.writing(functools.partial(add_chunk, records=batch)))
                batch = []
        if batch:
            out.extend(self.writing(functools.partial(add_chunk, records=batch)))
        return out

    @_guard
    def link(self, key: str, into: str) -> tuple[str, int]:
        """Make company ``key`` part of company ``into``; ``(canonical key, records moved)``.

        Both are resolved like ``--company`` (exact key, ``id:`` + text, or a name).
        Raises :class:`NotFoundError` for an unknown company or when both are one already.
        """

        def work(conn: Connection) -> tuple[str, int]:
            a = resolve_company(conn, key)
            b = resolve_company(conn, into)
            if a == b:
                raise KiCheckError.coded("USAGE_011", key=key, into=into, canonical=b)
            moved_keys = keys_of(conn, a)
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
            recompute_latest(conn, {b})
            log_action(conn, "link", moved, "Schlüssel zusammengeführt / keys merged")
            return b, moved

        return self.writing(work)

    @_guard
    def forget(self, company: str) -> tuple[str, int]:
        """Remove every record of ``company``; ``(key, number removed)``; logged without the key."""

        def work(conn: Connection) -> tuple[str, int]:
            canonical = resolve_company(conn, company)
            keys = keys_of(conn, canonical)
            n = delete_where(conn, assessments.c.company_key.in_(keys))
            conn.execute(latest.delete().where(latest.c.company == canonical))
            conn.execute(company_links.delete().where(company_links.c.canonical == canonical))
            log_action(
                conn, "forget", n, "ein Unternehmen auf Wunsch gelöscht / one company erased"
            )
            return canonical, n

        return self.writing(work)

    @_guard
    def purge(self, before: dt.date) -> int:
        """Remove every record whose assessment day is before ``before``; the number removed."""

        def work(conn: Connection) -> int:
            affected = {
                canonical_key(conn, k)
                for k in conn.execute(
                    sa.select(assessments.c.company_key)
                    .where(assessments.c.as_of < before)
                    .distinct()
                ).scalars()
            }
            n = delete_where(conn, assessments.c.as_of < before)
            recompute_latest(conn, affected)
            log_action(conn, "purge", n, f"älter als / older than {before.isoformat()}")
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
                    raise unknown_company(company)
                return []
            query = list_query()
            if company is not None:
                query = query.where(
                    assessments.c.company_key.in_(keys_of(conn, resolve_company(conn, company)))
                )
            if since is not None:
                query = query.where(assessments.c.as_of >= since)
            if questionnaire is not None:
                query = query.where(assessments.c.questionnaire_id == questionnaire)
            return [plain(row) for row in conn.execute(query).mappings()]

    @_guard
    def get(self, ref: str | int) -> dict[str, Any]:
        """One assessment in full (answers, notes, result, dimension scores).

        ``ref``: the archive id or at least 8 leading hex digits of the content hash.
        Raises :class:`NotFoundError`.
        """
        with self.reading() as conn:
            if conn is None:
                raise unknown_id(ref)
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
                raise unknown_id(ref)
            rows = conn.execute(query.limit(2)).mappings().all()
            if len(rows) != 1:
                raise unknown_id(ref)
            return plain(rows[0])

    @_guard
    def previous(self, company: str, questionnaire: str, before: dt.date) -> dict[str, Any] | None:
        """The latest complete assessment of ``company`` and ``questionnaire`` before
        ``before`` (for "Entwicklung seit der letzten Erhebung"), or ``None``.

        ``company`` is a company key (``id:…``, ``name:…/Land``) taken exactly, with
        the keys linked to it — never guessed from a name, so a report cannot show
        another company's history.
        """
        with self.reading() as conn:
            if conn is None:
                return None
            keys = keys_of(conn, canonical_key(conn, company))
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
    def journal(self) -> builtins.list[dict[str, Any]]:  # `list` here is the method
        """What forget, purge and link did: time (UTC), action, count, detail."""
        with self.reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(sa.select(journal).order_by(journal.c.id)).mappings()
            return [plain(r) for r in rows]
