"""Where the archive is, opening it, its schema revision, and database errors as messages.

``--db`` / ``KI_CHECK_DB`` take a path (an SQLite file) or a URL
(``sqlite:///…``, ``postgresql://user@host/db``); without either, the archive is
``archiv.sqlite`` in the user's data folder. Every database error leaves here
as an :class:`~ki_check.errors.ArchiveError` with a ``DB_…`` code, never as a
driver traceback.

SQLite transactions are begun explicitly: ``BEGIN IMMEDIATE`` for writes, so
two processes writing at once queue behind SQLite's busy timeout instead of
failing with "database is locked"; PostgreSQL writers that meet in a deadlock
are retried (:func:`retrying`).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine

from ki_check.archive.records import dumps
from ki_check.archive.schema import HEAD, REVISIONS
from ki_check.errors import ArchiveError

ENV = "KI_CHECK_DB"
FILE_NAME = "archiv.sqlite"
BUSY_TIMEOUT_S = 60
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
T = TypeVar("T")


def default_path() -> Path:
    """The default archive: ``archiv.sqlite`` in the user's data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("ki-check", appauthor=False) / FILE_NAME


@dataclass(frozen=True)
class Target:
    """A resolved ``--db``: the URL to connect to and how to name it in messages."""

    url: URL
    display: str  # the password masked
    path: Path | None = None  # the SQLite file
    is_default: bool = False

    @property
    def is_sqlite(self) -> bool:
        """True for an SQLite file."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def option(self) -> str:
        """`` --db …`` to repeat in a hint, or ``""`` for the default archive."""
        return "" if self.is_default and not os.environ.get(ENV) else f" --db {self.display}"


def resolve(value: str | None) -> Target:
    """The archive named by ``value``, else by ``KI_CHECK_DB``, else the default file.

    Raises :class:`~ki_check.errors.ArchiveError` (``DB_001``) for an address that
    is neither a path nor an SQLite or PostgreSQL URL.
    """
    value = value if value is not None else os.environ.get(ENV) or None
    if value is None:
        path = default_path()
        return Target(sa.URL.create("sqlite", database=str(path)), str(path), path, True)
    value = value.strip()
    if "://" not in value:
        if not value:
            raise ArchiveError("DB_001", "--db", url=value)
        path = Path(value).expanduser().absolute()
        return Target(sa.URL.create("sqlite", database=str(path)), str(path), path)
    try:
        url = sa.make_url(value)
    except sa_exc.ArgumentError:
        raise ArchiveError("DB_001", "--db", url=_mask(value)) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ArchiveError("DB_001", "--db", url=value)
        path = Path(url.database).expanduser().absolute()
        return Target(sa.URL.create("sqlite", database=str(path)), str(path), path)
    if backend in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
        return Target(url, url.render_as_string(hide_password=True).replace("+psycopg", ""))
    raise ArchiveError("DB_001", "--db", url=_mask(value))


def _mask(value: str) -> str:
    """A URL with any password replaced by ``***`` (for messages)."""
    head, sep, rest = value.partition("://")
    if sep and "@" in rest:
        cred, at, host = rest.rpartition("@")
        if ":" in cred:
            cred = cred.split(":", 1)[0] + ":***"
        return f"{head}://{cred}{at}{host}"
    return value


def make_engine(target: Target) -> Engine:
    """An engine for ``target``; nothing is connected yet."""
    if target.is_sqlite:
        engine = sa.create_engine(
            target.url,
            connect_args={"timeout": BUSY_TIMEOUT_S, "isolation_level": None},
            json_serializer=dumps,
        )

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, record: Any) -> None:
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            write = conn.get_execution_options().get("ki_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ArchiveError("DB_009", target.display) from None
    return sa.create_engine(
        target.url,
        connect_args={"connect_timeout": 10, "application_name": "ki-check"},
        pool_size=2,
        json_serializer=dumps,
    )


# --- errors ------------------------------------------------------------------------------
def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split())
    return text[:300] or type(orig).__name__


def translate(exc: BaseException, target: Target) -> ArchiveError:
    """The :class:`ArchiveError` for a database error met while using ``target``."""
    reason = _reason(exc)
    low = reason.lower()
    where = target.display
    if target.is_sqlite:
        if "readonly" in low or "read-only" in low or "permission" in low:
            return ArchiveError("DB_004", where, reason=reason)
        if "locked" in low or "busy" in low:
            return ArchiveError("DB_008", where, reason=reason)
        if "not a database" in low or "malformed" in low or "corrupt" in low:
            return ArchiveError("DB_005", where, reason=reason)
        if "unable to open" in low:
            return ArchiveError("DB_010", where, reason=reason)
        if "disk i/o" in low:
            return ArchiveError("DB_004", where, reason=reason)
        return ArchiveError("DB_011", where, reason=reason)
    if any(
        s in low
        for s in (
            "password authentication",
            "authentication failed",
            "pg_hba.conf",
            "does not exist",
            "no password supplied",
        )
    ) and ("role" in low or "database" in low or "password" in low or "pg_hba" in low):
        return ArchiveError("DB_003", where, reason=reason)
    if "read-only" in low or "permission denied" in low:
        return ArchiveError("DB_004", where, reason=reason)
    if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError) or "connect" in low:
        return ArchiveError("DB_002", where, reason=reason)
    return ArchiveError("DB_011", where, reason=reason)


@contextlib.contextmanager
def guarded(target: Target) -> Iterator[None]:
    """Turn any SQLAlchemy or driver error inside the block into an :class:`ArchiveError`."""
    try:
        yield
    except ArchiveError:
        raise
    except (sa_exc.SQLAlchemyError, OSError) as exc:
        raise translate(exc, target) from None


def _transient(exc: BaseException) -> bool:
    """A write that lost a race and can simply be run again (deadlock, busy, serialisation)."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None)
    if code in ("40P01", "40001"):  # deadlock detected, serialization failure
        return True
    text = str(orig or exc).lower()
    return "database is locked" in text or "database table is locked" in text


def retrying(work: Callable[[], T], attempts: int = 6) -> T:
    """Run ``work`` (one whole transaction) again when it lost a race, with a short backoff."""
    for attempt in range(attempts):
        try:
            return work()
        except sa_exc.DBAPIError as exc:
            if attempt == attempts - 1 or not _transient(exc):
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


# --- schema revision -----------------------------------------------------------------------
def revision(conn: Connection) -> str | None:
    """The schema revision stored in the database, or ``None`` for an empty database."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def check_revision(found: str | None, target: Target) -> bool:
    """True when the schema is current, False when the database is empty.

    Raises ``DB_006`` for a schema of a newer ki-check, ``DB_007`` for an older one.
    """
    if found is None:
        return False
    if found == HEAD:
        return True
    if found not in REVISIONS:
        raise ArchiveError("DB_006", target.display, found=found, head=HEAD)
    raise ArchiveError("DB_007", target.display, found=found, head=HEAD, db=target.option)


def lock_for_migration(conn: Connection) -> None:
    """Serialise schema changes between processes (SQLite: BEGIN IMMEDIATE already did)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4711001)")


def migrate(conn: Connection, to: str = "head") -> None:
    """Run the Alembic migrations on ``conn`` (in its transaction) up to ``to``."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, to)
