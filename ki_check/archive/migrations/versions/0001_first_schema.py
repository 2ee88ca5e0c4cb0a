"""The first schema: assessments, their dimension scores, the journal.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("company_key", sa.String(200), nullable=False),
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
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("source", sa.String(1000), nullable=False),
    )
    op.create_index(
        "ix_assessments_company", "assessments", ["company_key", "questionnaire_id", "as_of"]
    )
    op.create_index("ix_assessments_as_of", "assessments", ["as_of"])
    op.create_table(
        "assessment_scores",
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("dimension", sa.String(100), primary_key=True),
        sa.Column("score", sa.Float),
    )
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("journal")
    op.drop_table("assessment_scores")
    op.drop_table("assessments")
