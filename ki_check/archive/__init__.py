"""The assessment archive: every scored assessment kept, append-only, with its history.

SQLite in the user's data folder by default, a shared PostgreSQL server for a
chamber (``--db postgresql://…``); one schema for both through SQLAlchemy Core,
versioned with the Alembic migrations in ``migrations/``. See docs/archive.md.

This package module stays free of SQLAlchemy imports, so that
:mod:`ki_check.archive.records` (company keys, content hashes) can be used by
commands that never open a database. Open an archive with
:func:`ki_check.archive.store.open_archive`.
"""
