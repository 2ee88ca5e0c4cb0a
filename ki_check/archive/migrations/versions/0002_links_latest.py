"""Company links, forgotten records, and the latest assessment per company.

``latest`` lets a peer group read one row per company instead of scanning every
company's history; it is filled here from the assessments already stored.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "company_links",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("canonical", sa.String(200), nullable=False),
        sa.Column("linked_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_company_links_canonical", "company_links", ["canonical"])
    op.create_table(
        "forgotten",
        sa.Column("content_hash", sa.String(64), primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "latest",
        sa.Column("company", sa.String(200), primary_key=True),
        sa.Column("questionnaire_id", sa.String(100), primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("as_of", sa.Date, nullable=False),
    )
    op.create_index("ix_latest_assessment_id", "latest", ["assessment_id"])
    # the latest complete assessment per company and questionnaire (ties: the later id)
    op.execute(
        "INSERT INTO latest (company, questionnaire_id, assessment_id, as_of)"
        " SELECT a.company_key, a.questionnaire_id, a.id, a.as_of FROM assessments a"
        " WHERE a.status = 'complete' AND NOT EXISTS ("
        "  SELECT 1 FROM assessments b WHERE b.company_key = a.company_key"
        "  AND b.questionnaire_id = a.questionnaire_id AND b.status = 'complete'"
        "  AND (b.as_of > a.as_of OR (b.as_of = a.as_of AND b.id > a.id)))"
    )


def downgrade() -> None:
    op.drop_table("latest")
    op.drop_table("forgotten")
    op.drop_index("ix_company_links_canonical", "company_links")
    op.drop_table("company_links")
