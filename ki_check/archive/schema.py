"""The archive's tables as they are at the newest migration (SQLAlchemy Core, no ORM).

Queries are written against these objects; the tables themselves are created
and changed only by the Alembic migrations in ``migrations/versions`` (one per
schema revision, listed in :data:`REVISIONS`), never by ``metadata.create_all``.

- ``assessments``: one row per stored assessment, never updated (append-only);
  deleted only by ``archive forget`` and ``archive purge``.
- ``assessment_scores``: the dimension scores of each assessment, for peer groups.
- ``latest``: per company (after links) and questionnaire, its latest complete
  assessment: derived data kept with each write, so a peer group reads one row
  per company however long its history is.
- ``company_links``: ``archive link`` — a key that belongs to another company key.
- ``forgotten``: content hashes of records removed by ``forget``/``purge``, so a
  push from a laptop that still has them does not bring them back.
- ``journal``: what ``forget``, ``purge`` and ``link`` did, without personal data.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# Every schema revision this version of ki-check knows, oldest first; the last is
# the newest (tests/test_archive_schema.py checks it against the migration files).
REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD = REVISIONS[-1]

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
KEY = 200  # company keys: "id:…" or "name:…/BY"

metadata = sa.MetaData()

assessments = sa.Table(
    "assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("company_key", sa.String(KEY), nullable=False),
    sa.Column("company_name", sa.String(300), nullable=False),
    sa.Column("state", sa.String(2)),
    sa.Column("sector", sa.String(1)),
    sa.Column("size_class", sa.String(8)),
    sa.Column("employees", sa.Integer),
    sa.Column("questionnaire_id", sa.String(100), nullable=False),
    sa.Column("questionnaire_version", sa.String(40), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("advisor", sa.String(200)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("overall", sa.Float),
    sa.Column("stage", sa.String(100)),
    sa.Column("coverage", sa.Float, nullable=False),
    sa.Column("answers", JSON, nullable=False),
    sa.Column("result", JSON, nullable=False),
    sa.Column("ki_check_version", sa.String(40), nullable=False),
    sa.Column("added_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("source", sa.String(1000), nullable=False),
    sa.Index("ix_assessments_company", "company_key", "questionnaire_id", "as_of"),
    sa.Index("ix_assessments_as_of", "as_of"),
)

assessment_scores = sa.Table(
    "assessment_scores",
    metadata,
    sa.Column(
        "assessment_id",
        sa.Integer,
        sa.ForeignKey("assessments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("dimension", sa.String(100), primary_key=True),
    sa.Column("score", sa.Float),
)

journal = sa.Table(
    "journal",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),  # UTC
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("detail", sa.String(200), nullable=False),
)

company_links = sa.Table(
    "company_links",
    metadata,
    sa.Column("key", sa.String(KEY), primary_key=True),
    sa.Column("canonical", sa.String(KEY), nullable=False, index=True),
    sa.Column("linked_at", sa.DateTime, nullable=False),
)

forgotten = sa.Table(
    "forgotten",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
)

latest = sa.Table(
    "latest",
    metadata,
    sa.Column("company", sa.String(KEY), primary_key=True),
    sa.Column("questionnaire_id", sa.String(100), primary_key=True),
    sa.Column(
        "assessment_id",
        sa.Integer,
        sa.ForeignKey("assessments.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("as_of", sa.Date, nullable=False),
)
