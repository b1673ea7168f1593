"""Reminders (回访提醒): create, complete, snooze, reschedule, cancel, and the due lists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from dateutil.rrule import rrulestr
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.changes import Changes
from storage.enums import ACTIVE_REMINDER_STATUSES, ReminderStatus
from storage.errors import InvalidStateError, NotFoundError, ValidationError
from storage.models import Customer, Reminder
from storage.record_validation import clean_reminder
from storage.services import derived
from storage.services.rows import load_customer
from storage.store import Store, Tx
from storage.timeutil import as_utc, utc_now
from storage.validation import check_datetime

OPEN, DONE = ReminderStatus.OPEN.value, ReminderStatus.DONE.value
SNOOZED, CANCELLED = ReminderStatus.SNOOZED.value, ReminderStatus.CANCELLED.value
EFFECTIVE_DUE = func.coalesce(Reminder.snoozed_until, Reminder.due_at)


@dataclass(frozen=True)
class DueReminder:
    """A reminder as the reminder pane lists it."""

    id: str
    customer_id: str
    customer_name: str
    kind: str
    due_at: datetime
    status: str
    notes: str | None


def load_reminder(session: Session, reminder_id: str) -> Reminder:
    """The reminder with this id, or NotFoundError."""
    row = session.scalar(select(Reminder).where(Reminder.id == reminder_id, Reminder.deleted.is_(False)))
    if row is None:
        raise NotFoundError("reminder", reminder_id)
    return row


def _require_active(reminder: Reminder) -> None:
    if reminder.status not in ACTIVE_REMINDER_STATUSES:
        raise InvalidStateError("reminder_closed", status=reminder.status)


def complete_reminder(tx: Tx, reminder: Reminder, call_id: str | None) -> set[str]:
    """Mark a reminder done (by a call, if given); a recurring one gets its next occurrence.

    Returns the ids of reminders changed or created. Used by log-a-call as well.
    """
    _require_active(reminder)
    tx.update(
        reminder,
        {"status": DONE, "completed_at": tx.now, "completed_by_call_id": call_id, "snoozed_until": None},
    )
    changed = {reminder.id}
    following = next_occurrence(reminder)
    if following is not None:
        changed.add(
            add_reminder(
                tx,
                reminder.customer_id,
                {
                    "kind": reminder.kind,
                    "due_at": following,
                    "recurrence": reminder.recurrence,
                    "notes": reminder.notes,
                },
                source=reminder.source,
            ).id
        )
    derived.refresh_next_revisit(tx.session, reminder.customer_id)
    return changed


def next_occurrence(reminder: Reminder) -> datetime | None:
    """When a recurring reminder falls due next (after now), per its RFC 5545 RRULE."""
    if not reminder.recurrence:
        return None
    start = as_utc(reminder.due_at)
    rule = rrulestr(reminder.recurrence, dtstart=start)
    following = rule.after(max(start, utc_now()))
    return as_utc(following) if following else None


def add_reminder(tx: Tx, customer_id: str, values: dict, *, source: str = "manual") -> Reminder:
    """Insert an (already validated) reminder for a customer inside a write."""
    customer = load_customer(tx.session, customer_id)
    row = tx.insert(
        Reminder(
            customer_id=customer_id,
            owner_manager_id=customer.owner_manager_id,
            status=OPEN,
            source=source,
            **values,
        )
    )
    derived.refresh_next_revisit(tx.session, customer_id)
    return row


class ReminderService:
    """The manager's reminders and the actions on them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, customer_id: str, fields: dict[str, object], *, source: str = "manual") -> Changes:
        """Create a reminder for a customer."""
        values = clean_reminder(fields)
        with self.store.write() as tx:
            row = add_reminder(tx, customer_id, values, source=source)
        return Changes(reminders=frozenset({row.id}), customers=frozenset({customer_id}), new_id=row.id)

    def complete(self, reminder_id: str, *, call_id: str | None = None) -> Changes:
        """Mark a reminder done."""
        with self.store.write() as tx:
            reminder = load_reminder(tx.session, reminder_id)
            changed = complete_reminder(tx, reminder, call_id)
        return Changes(reminders=frozenset(changed), customers=frozenset({reminder.customer_id}))

    def snooze(self, reminder_id: str, until: datetime | str) -> Changes:
        """Put a reminder off until a later time."""
        until_utc = check_datetime(until, "snoozed_until")
        if until_utc is None or until_utc <= utc_now():
            raise ValidationError("snoozed_until", "snooze_past")
        return self._change(reminder_id, {"status": SNOOZED, "snoozed_until": until_utc})

    def reschedule(self, reminder_id: str, due_at: datetime | str) -> Changes:
        """Move a reminder to a new due time (it is open again)."""
        due = check_datetime(due_at, "due_at")
        if due is None:
            raise ValidationError("due_at", "required")
        return self._change(reminder_id, {"status": OPEN, "due_at": due, "snoozed_until": None})

    def cancel(self, reminder_id: str) -> Changes:
        """Cancel a reminder that is no longer needed."""
        return self._change(
            reminder_id, {"status": CANCELLED, "completed_at": utc_now(), "snoozed_until": None}
        )

    def _change(self, reminder_id: str, values: dict) -> Changes:
        with self.store.write() as tx:
            reminder = load_reminder(tx.session, reminder_id)
            _require_active(reminder)
            tx.update(reminder, values)
            derived.refresh_next_revisit(tx.session, reminder.customer_id)
        return Changes(reminders=frozenset({reminder_id}), customers=frozenset({reminder.customer_id}))

    # Lists -----------------------------------------------------------------------------------

    def overdue(self, now: datetime | None = None) -> list[DueReminder]:
        """Open or snoozed reminders whose (snoozed) due time has passed, oldest first."""
        now = now or utc_now()
        return self._list(now > EFFECTIVE_DUE)

    def due_today(self, now: datetime | None = None) -> list[DueReminder]:
        """Reminders falling due from now until the end of today (local time)."""
        now = now or utc_now()
        return self._list(now <= EFFECTIVE_DUE, local_day_end(now) > EFFECTIVE_DUE)

    def upcoming(self, now: datetime | None = None, days: int = 7) -> list[DueReminder]:
        """Reminders falling due after today and within `days` days."""
        now = now or utc_now()
        start = local_day_end(now)
        return self._list(start <= EFFECTIVE_DUE, start + timedelta(days=days) > EFFECTIVE_DUE)

    def done_since(self, since: datetime) -> list[DueReminder]:
        """Reminders completed since `since` (e.g. the start of the week), latest first."""
        query = (
            select(
                Reminder.id,
                Reminder.customer_id,
                Customer.name,
                Reminder.kind,
                Reminder.completed_at,
                Reminder.status,
                Reminder.notes,
            )
            .join(Customer, Customer.id == Reminder.customer_id)
            .where(
                Reminder.status == DONE,
                Reminder.deleted.is_(False),
                Reminder.completed_at >= since,
                Customer.deleted.is_(False),
            )
            .order_by(Reminder.completed_at.desc(), Reminder.id)
        )
        with self.store.read() as session:
            return [DueReminder(*row) for row in session.execute(query)]

    def still_due(self, reminder_ids: Iterable[str], now: datetime | None = None) -> set[str]:
        """Those of `reminder_ids` still open (or snoozed) and past due: the ones whose notices
        stay on screen — one done, cancelled, snoozed later or deleted (here, or on another
        device and synced) is not."""
        ids = list(reminder_ids)
        if not ids:
            return set()
        return {r.id for r in self._list(Reminder.id.in_(ids), (now or utc_now()) > EFFECTIVE_DUE)}

    def for_customer(self, customer_id: str) -> list[DueReminder]:
        """A customer's open and snoozed reminders, soonest first."""
        return self._list(Reminder.customer_id == customer_id)

    def _list(self, *conditions) -> list[DueReminder]:
        query = (
            select(
                Reminder.id,
                Reminder.customer_id,
                Customer.name,
                Reminder.kind,
                EFFECTIVE_DUE,
                Reminder.status,
                Reminder.notes,
            )
            .join(Customer, Customer.id == Reminder.customer_id)
            .where(
                Reminder.status.in_(ACTIVE_REMINDER_STATUSES),
                Reminder.deleted.is_(False),
                Customer.deleted.is_(False),
                *conditions,
            )
            .order_by(EFFECTIVE_DUE, Reminder.id)
        )
        with self.store.read() as session:
            return [
                DueReminder(r[0], r[1], r[2], r[3], _as_utc_text(r[4]), r[5], r[6])
                for r in session.execute(query)
            ]


def _as_utc_text(value) -> datetime:
    # coalesce() loses the column type, so SQLite hands back the stored text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return as_utc(value)


def local_day_end(now: datetime) -> datetime:
    """Midnight at the end of `now`'s day in local time, as UTC."""
    local = as_utc(now).astimezone()
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return as_utc(midnight)
