"""What the reminder scheduler asks the book: which reminders fell due, and when the next one does.

Every query walks `ix_reminder_effective_due` (open and snoozed reminders by the time they fall
due), so the scheduler's periodic check costs a fraction of a millisecond on a branch's book.
This device's progress — everything due up to `notified_until` has been announced, the digest
of `digest_day` was shown — is kept in `sync_state`, which is local: each device announces each
reminder once, and a reminder done on another device (after sync) is no longer open to announce.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text

from storage.local_state import read_state, write_state
from storage.pinyin_names import split_surname
from storage.store import Store
from storage.timeutil import as_utc, db_time

NOTIFIED_UNTIL = "notices.notified_until"
DIGEST_DAY = "notices.digest_day"

# Counting reads the index alone: a deleted customer's open reminders are cancelled with them.
_OPEN_BY_DUE = (
    "FROM reminder r INDEXED BY ix_reminder_effective_due "
    "WHERE r.deleted = 0 AND r.status IN ('open', 'snoozed') "
)
_OPEN_BY_DUE_WITH_CUSTOMER = (
    "FROM reminder r INDEXED BY ix_reminder_effective_due "
    "JOIN customer c ON c.id = r.customer_id AND c.deleted = 0 "
    "WHERE r.deleted = 0 AND r.status IN ('open', 'snoozed') "
)
_DUE = "coalesce(r.snoozed_until, r.due_at)"
_NOTICE_COLUMNS = f"SELECT r.id, r.customer_id, c.name, c.gender, r.kind, {_DUE} "


@dataclass(frozen=True)
class DueNotice:
    """A reminder to announce: what a notification may say about it (never a phone or ID)."""

    reminder_id: str
    customer_id: str
    surname: str
    gender: str | None
    kind: str
    due_at: datetime


class DueNotices:
    """Reads for the scheduler, and this device's record of what it has announced."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def due_between(self, after: datetime, until: datetime, limit: int = 20) -> tuple[list[DueNotice], int]:
        """Open reminders falling due in (`after`, `until`]: the first `limit`, soonest first, and
        how many there are in all."""
        span = {"after": db_time(after), "until": db_time(until)}
        where = f"AND {_DUE} > :after AND {_DUE} <= :until "
        with self.store.read() as session:
            total = session.execute(text(f"SELECT count(*) {_OPEN_BY_DUE}{where}"), span).scalar_one()
            rows = session.execute(
                text(
                    f"{_NOTICE_COLUMNS}{_OPEN_BY_DUE_WITH_CUSTOMER}{where}ORDER BY {_DUE}, r.id LIMIT :limit"
                ),
                {**span, "limit": limit},
            ).all()
        return [_notice(row) for row in rows], total

    def next_due_after(self, moment: datetime) -> datetime | None:
        """When the first open reminder after `moment` falls due (None: nothing is planned)."""
        with self.store.read() as session:
            value = session.execute(
                text(f"SELECT min({_DUE}) {_OPEN_BY_DUE}AND {_DUE} > :moment"),
                {"moment": db_time(moment)},
            ).scalar_one()
        return None if value is None else _utc(value)

    def overdue_count(self, now: datetime) -> int:
        """How many open reminders are past due (the tray icon's number)."""
        with self.store.read() as session:
            return session.execute(
                text(f"SELECT count(*) {_OPEN_BY_DUE}AND {_DUE} <= :now"), {"now": db_time(now)}
            ).scalar_one()

    # This device's progress --------------------------------------------------------------------

    def notified_until(self) -> datetime | None:
        """Everything due up to this moment has been announced on this device."""
        value = read_state(self.store, NOTIFIED_UNTIL)
        return None if value is None else as_utc(datetime.fromisoformat(value))

    def set_notified_until(self, moment: datetime) -> None:
        write_state(self.store, NOTIFIED_UNTIL, as_utc(moment).isoformat())

    def digest_day(self) -> date | None:
        """The last day whose morning digest was shown on this device."""
        value = read_state(self.store, DIGEST_DAY)
        return None if value is None else date.fromisoformat(value)

    def set_digest_day(self, day: date) -> None:
        write_state(self.store, DIGEST_DAY, day.isoformat())


def _notice(row) -> DueNotice:
    reminder_id, customer_id, name, gender, kind, due = row
    return DueNotice(reminder_id, customer_id, split_surname(name)[0], gender, kind, _utc(due))


def _utc(value) -> datetime:
    return as_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)
