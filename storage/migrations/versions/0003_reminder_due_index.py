"""index open reminders by when they fall due (the notification scheduler)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 23:05:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_reminder_effective_due ON reminder (coalesce(snoozed_until, due_at)) "
        "WHERE deleted = 0 AND status IN ('open', 'snoozed')"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_reminder_effective_due")
