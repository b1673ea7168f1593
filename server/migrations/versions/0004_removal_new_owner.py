"""Removals say who got the customer, so the old owner's device can tell the manager.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_removal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("new_owner_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_removal", schema=None) as batch_op:
        batch_op.drop_column("new_owner_id")
