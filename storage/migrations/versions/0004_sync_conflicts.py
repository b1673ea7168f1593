"""sync conflicts (synced among a manager's devices) and reassignment notices (local-only)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 05:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("owner_manager_id", sa.String(length=32), nullable=False),
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=30), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.Column("customer_ref", sa.String(length=32), nullable=True),
        sa.Column("field", sa.String(length=50), nullable=True),
        sa.Column("kept", sa.Text(), nullable=True),
        sa.Column("lost", sa.Text(), nullable=True),
        sa.Column("kept_at", sa.DateTime(), nullable=True),
        sa.Column("kept_device", sa.String(length=64), nullable=True),
        sa.Column("lost_at", sa.DateTime(), nullable=True),
        sa.Column("lost_device", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_manager_id"], ["manager.id"], name=op.f("fk_sync_conflict_owner_manager_id_manager")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_change_id"), ["change_id"], unique=False)
    op.create_table(
        "sync_notice",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.String(length=32), nullable=False),
        sa.Column("customer_name", sa.String(length=50), nullable=False),
        sa.Column("to_manager_id", sa.String(length=32), nullable=True),
        sa.Column("to_name", sa.String(length=50), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_notice")),
    )
    with op.batch_alter_table("sync_notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_notice_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    op.drop_table("sync_notice")
    op.drop_table("sync_conflict")
