"""Devices keep the refresh token they last replaced, honoured until the new one is presented
(a refresh whose answer was lost can be repeated).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_refresh_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_device_previous_refresh_hash"), ["previous_refresh_hash"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_previous_refresh_hash"))
        batch_op.drop_column("rotated_at")
        batch_op.drop_column("previous_refresh_hash")
