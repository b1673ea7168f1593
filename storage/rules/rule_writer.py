"""Turns rule proposals into reminders: dedupe, contact limits, moves and cancellations."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from operator import itemgetter

from storage.changes import Changes
from storage.enums import ACTIVE_REMINDER_STATUSES
from storage.models import Reminder
from storage.rules.contact_window import ContactLimits, next_allowed, week_start, within_hours
from storage.rules.proposals import NO_WEEKLY_LIMIT, PAST_GRACE, PERIODIC, Proposal
from storage.rules.rule_reader import RuleReader, utc
from storage.rules.settings import RuleSettings
from storage.services import derived
from storage.store import Tx


class RuleWriter:
    """Turns proposals into reminders: dedupe, contact limits, moves and cancellations."""

    def __init__(self, tx: Tx, reader: RuleReader, settings: RuleSettings, now: datetime) -> None:
        self.tx, self.settings, self.now = tx, settings, now
        self.grace_cutoff = now - PAST_GRACE
        self.existing: dict[tuple[str, str], list] = defaultdict(list)
        for cid, source, rid, status, due in reader.rule_reminders():
            self.existing[(cid, source)].append((rid, status, utc(due)))
        customers = reader.customers()
        self.limits = {c.id: c.limits for c in customers.values()}
        self.owners = {c.id: c.owner for c in customers.values()}
        self.new_rows: list[dict] = []
        self.reader = reader
        self.week_counts: Counter | None = None  # (customer id, Monday) → contacts, read on first use
        self.touched_customers: set[str] = set()
        self.touched_reminders: set[str] = set()

    def apply(self, proposals: list[Proposal]) -> Changes:
        wanted = {(p.customer_id, p.reason) for p in proposals}
        # Date-bound reminders (greetings, complaint follow-ups) take their day whatever the limit;
        # placed first, they count against their week before the movable ones are placed.
        proposals.sort(key=lambda p: not p.reason.startswith(NO_WEEKLY_LIMIT))
        for proposal in proposals:
            self._apply_one(proposal)
        self._cancel_moot(wanted)
        earliest: dict[str, datetime] = {}
        # In customer order, inserts walk the customer-id indexes page by page instead of at random.
        self.new_rows.sort(key=itemgetter("customer_id"))
        for row, rid in zip(self.new_rows, self.tx.insert_many(Reminder, self.new_rows), strict=True):
            cid = row["customer_id"]
            self.touched_reminders.add(rid)
            if cid not in earliest or row["due_at"] < earliest[cid]:
                earliest[cid] = row["due_at"]
        # Added reminders can only bring a customer's next revisit forward; moved or cancelled
        # ones need the full recount.
        derived.lower_next_revisit(
            self.tx.session, {c: due for c, due in earliest.items() if c not in self.touched_customers}
        )
        derived.refresh_next_revisit_many(self.tx.session, self.touched_customers)
        self.touched_customers.update(earliest)
        return Changes(
            customers=frozenset(self.touched_customers), reminders=frozenset(self.touched_reminders)
        )

    def _apply_one(self, p: Proposal) -> None:
        found = self.existing.get((p.customer_id, p.reason))
        if p.once and (found or (p.due_at < self.grace_cutoff and "complaint" not in p.reason)):
            return
        open_ones = [r for r in found if r[1] in ACTIVE_REMINDER_STATUSES] if found else None
        current = open_ones[0][2] if open_ones else None
        due = self._allowed(p, current)
        if open_ones:  # the periodic revisit: move it when a call (or a tier change) moved its date
            rid = open_ones[0][0]
            if abs((current - due).total_seconds()) > 3600:
                row = self.tx.session.get(Reminder, rid)
                self.tx.update(row, {"due_at": due, "status": "open", "snoozed_until": None})
                self._touched(p.customer_id, rid)
            return
        self.new_rows.append(
            {
                "customer_id": p.customer_id,
                "owner_manager_id": self.owners[p.customer_id],
                "kind": getattr(p.kind, "value", p.kind),
                "source": p.reason,
                "due_at": due,
                "status": "open",
                "recurrence": p.recurrence,
            }
        )
        if self.week_counts is not None:
            self.week_counts[(p.customer_id, week_start(due))] += 1
        self.existing[(p.customer_id, p.reason)].append((None, "open", due))

    def _allowed(self, p: Proposal, own: datetime | None) -> datetime:
        """The first allowed time for `p`; `own` is when its stored reminder falls due now, which
        must not count against its own week (or each evaluation would push it a week further)."""
        limits = self.limits.get(p.customer_id, ContactLimits())
        day_start = self.settings.default_day_start
        if p.reason.startswith(NO_WEEKLY_LIMIT):
            return within_hours(p.due_at, limits, day_start)
        own_week = week_start(own) if own is not None else None

        def contacts(monday: datetime) -> int:
            return self._contacts(p.customer_id, monday) - (monday == own_week)

        return next_allowed(p.due_at, limits, contacts, day_start)

    def _contacts(self, customer_id: str, monday: datetime) -> int:
        """Calls made plus reminders planned (stored or about to be) in the week from `monday`."""
        if self.week_counts is None:
            limited = [cid for cid, limits in self.limits.items() if limits.per_week]
            self.week_counts = self.reader.week_counts(limited, self.now)
            for row in self.new_rows:  # planned before this first look: they count too
                self.week_counts[(row["customer_id"], week_start(row["due_at"]))] += 1
        return self.week_counts[(customer_id, monday)]

    def _cancel_moot(self, wanted: set[tuple[str, str]]) -> None:
        """Cancel open rule reminders that no longer apply: the customer asked not to be contacted,
        the card of an activation call was activated or closed, or the periodic revisit no longer
        applies (a closed relationship, a tier without one, the rule switched off)."""
        contactable, pending = self.reader.customers(), self.reader.pending_cards()
        for (cid, source), found in self.existing.items():
            if (cid, source) in wanted:
                continue
            moot = (
                cid not in contactable
                or source == PERIODIC
                or (source.startswith("rule:activation:") and source.split(":")[2] not in pending)
            )
            if not moot:
                continue
            for rid, status, _due in found:
                if rid is not None and status in ACTIVE_REMINDER_STATUSES:
                    row = self.tx.session.get(Reminder, rid)
                    self.tx.update(row, {"status": "cancelled", "completed_at": self.now})
                    self._touched(cid, rid)

    def _touched(self, customer_id: str, reminder_id: str) -> None:
        """A stored reminder of this customer was moved or cancelled."""
        self.touched_customers.add(customer_id)
        self.touched_reminders.add(reminder_id)
