"""The call log (通话/拜访记录): logging contacts and reading a customer's history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, tuple_

from storage.changes import Changes
from storage.enums import ReminderKind
from storage.models import CallLog
from storage.record_validation import clean_call, clean_reminder
from storage.services import derived
from storage.services.reminders import add_reminder, complete_reminder, load_reminder
from storage.services.rows import load_customer
from storage.store import Store
from storage.timeutil import as_utc


class CallService:
    """Log contacts with customers and page through their history."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def log_call(
        self, customer_id: str, fields: dict[str, object], *, completes_reminder_id: str | None = None
    ) -> Changes:
        """Log a contact in one transaction: the call, the customer's last-contact time, the
        reminder it answers (done; a recurring one moves on) and, when the call names a next
        step date, a follow-up reminder for it."""
        values = clean_call(fields)
        with self.store.write() as tx:
            customer = load_customer(tx.session, customer_id)
            call = tx.insert(
                CallLog(
                    customer_id=customer_id,
                    manager_id=self.store.actor.id,
                    owner_manager_id=customer.owner_manager_id,
                    **values,
                )
            )
            derived.refresh_last_contact(tx.session, customer_id)
            reminders: set[str] = set()
            if completes_reminder_id:
                reminder = load_reminder(tx.session, completes_reminder_id)
                reminders |= complete_reminder(tx, reminder, call.id)
            if values.get("next_step_at"):
                follow_up = clean_reminder(
                    {
                        "kind": ReminderKind.FOLLOW_UP,
                        "due_at": values["next_step_at"],
                        "notes": values.get("next_step"),
                    }
                )
                reminders.add(add_reminder(tx, customer_id, follow_up, source=f"call:{call.id}").id)
        return Changes(
            calls=frozenset({call.id}),
            customers=frozenset({customer_id}),
            reminders=frozenset(reminders),
            new_id=call.id,
        )

    def history(
        self, customer_id: str, *, limit: int = 50, before: tuple[datetime, str] | None = None
    ) -> list[CallLog]:
        """A customer's calls newest first; pass the last row's (occurred_at, id) as `before` for
        the next page (keyset paging stays fast however long the history is)."""
        query = select(CallLog).where(CallLog.customer_id == customer_id, CallLog.deleted.is_(False))
        if before is not None:
            query = query.where(
                tuple_(CallLog.occurred_at, CallLog.id) < tuple_(as_utc(before[0]), before[1])
            )
        query = query.order_by(CallLog.occurred_at.desc(), CallLog.id.desc()).limit(limit)
        with self.store.read() as session:
            return list(session.scalars(query))
