"""index complaints (partial index on call_log)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("call_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_call_log_complaints",
            ["occurred_at"],
            unique=False,
            sqlite_where=sa.text("deleted = 0 AND outcome = 'complaint_raised'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("call_log", schema=None) as batch_op:
        batch_op.drop_index("ix_call_log_complaints")
