"""Revisit rules: reminders the book creates by itself, from branch practice.

Each rule proposes reminders with a *reason* (stored as the reminder's `source`, e.g.
`rule:activation:<card id>`); a reason already present is never proposed twice — one-shot reasons
(a card's activation call, a birthday of one year) not even after the reminder was done. The
periodic revisit is the one standing reminder per customer: a logged call moves it out. Every due
time respects do-not-contact, the customer's allowed hours and contacts per week.
Evaluation reads everything it needs in a few bulk queries and writes in one transaction.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from storage.changes import Changes
from storage.database import BULK_CACHE_KIB, CACHE_KIB, page_cache
from storage.enums import ACTIVE_REMINDER_STATUSES, ReminderKind
from storage.models import Reminder
from storage.rules.contact_window import ContactLimits, clear_caches, next_allowed, week_start, within_hours
from storage.rules.holidays import holidays_between
from storage.rules.settings import RuleSettings
from storage.services import derived
from storage.store import Store, Tx
from storage.timeutil import as_utc, db_time, utc_now

PAST_GRACE = timedelta(days=3)  # on a first run, don't flood the list with long-past one-shots
PERIODIC = "rule:periodic"
# Urgent or date-bound reasons are not pushed to another week by the weekly contact limit.
NO_WEEKLY_LIMIT = ("rule:complaint:", "rule:birthday:", "rule:holiday:")


class Proposal(NamedTuple):  # a tuple: a full evaluation makes 100,000s of them
    """A reminder a rule wants: for whom, why (the dedupe key), what and when."""

    customer_id: str
    reason: str
    kind: str
    due_at: datetime
    once: bool = True
    recurrence: str | None = None


class CustomerFacts(NamedTuple):
    """What the rules read about one customer."""

    id: str
    tier: str
    lifecycle: str
    created_at: datetime
    last_contact_at: datetime | None
    birth_date: date | None
    consent: bool
    limits: ContactLimits
    owner: str


def _utc(value) -> datetime | None:
    if value is None:
        return None
    return as_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


@lru_cache(maxsize=65536)  # customers share days: one time-zone conversion per day and clock
def _at(day: date, clock: str) -> datetime:
    """Local `day` at "HH:MM", as UTC."""
    hours, minutes = (int(p) for p in clock.split(":"))
    return as_utc(datetime.combine(day, time(hours, minutes)).astimezone())


class RevisitRules:
    """Evaluates the rules for some customers (or the whole book) and writes the reminders."""

    def __init__(self, store: Store, settings: RuleSettings | None = None) -> None:
        self.store = store
        self.settings = settings or RuleSettings()

    def evaluate(self, customer_ids: Iterable[str] | None = None, now: datetime | None = None) -> Changes:
        """Create, move or cancel rule reminders for `customer_ids` (None: everyone)."""
        ids = None if customer_ids is None else sorted(set(customer_ids))
        return self._evaluate(ids, None, now)

    def evaluate_book(self, now: datetime | None = None, batch_size: int = 20_000) -> Changes:
        """evaluate() for the whole book in batches of customers, one transaction each, so the
        manager's own writes never wait for more than one batch (the daily run)."""
        with self.store.read() as session:
            raw = session.connection().connection.driver_connection
            ids = [row[0] for row in raw.execute("SELECT id FROM customer WHERE deleted = 0 ORDER BY id")]
        changes = Changes()
        for start in range(0, len(ids), batch_size):
            # A range of ids walks the customer-id indexes; a list of 20,000 ids made SQLite scan.
            span = (ids[start], ids[min(start + batch_size, len(ids)) - 1])
            changes |= self._evaluate(None, span, now)
        return changes

    def _evaluate(self, ids: list[str] | None, span: tuple[str, str] | None, now: datetime | None) -> Changes:
        now = as_utc(now or utc_now())
        _at.cache_clear()
        clear_caches()
        with self.store.write() as tx:
            # The whole book writes 100,000s of rows: keep them in memory until the commit.
            cache = BULK_CACHE_KIB if ids is None and span is None else CACHE_KIB
            with page_cache(tx.session.connection().connection.dbapi_connection, cache):
                reader = _Reader(tx, ids, span)
                proposals = list(self._propose(reader, now))
                return _Writer(tx, reader, self.settings, now).apply(proposals)

    # Rules -----------------------------------------------------------------------------------

    def _propose(self, reader: _Reader, now: datetime) -> Iterable[Proposal]:
        s, today = self.settings, now.astimezone().date()
        customers = reader.customers()
        # Card dates come as ISO text, which compares like the dates: parse only what is used.
        opened_since = (today - timedelta(days=90)).isoformat()
        activated_since = (today - timedelta(days=30)).isoformat()
        dormant_before = (today - relativedelta(months=s.dormant_months)).isoformat()
        for cid, card_id, opened, activated, used, status in reader.cards():
            if cid not in customers:
                continue
            if s.activation_call and status == "pending_activation" and opened and opened >= opened_since:
                due = _at(_day(opened) + timedelta(days=s.activation_days), s.default_day_start)
                yield Proposal(cid, f"rule:activation:{card_id}", ReminderKind.ACTIVATION_CALL, due)
            if s.care_call and activated and activated >= activated_since:
                due = _at(_day(activated) + timedelta(days=s.care_days), s.default_day_start)
                yield Proposal(cid, f"rule:care:{card_id}", ReminderKind.CARE_CALL, due)
            if s.dormant_card and used and status in ("active", "dormant") and used <= dormant_before:
                yield Proposal(cid, f"rule:dormant:{card_id}:{used}", ReminderKind.DORMANT_REACTIVATION, now)
        if s.complaint:
            for call_id, cid, occurred in reader.complaints(now - timedelta(days=7)):
                if cid in customers:
                    due = _utc(occurred) + timedelta(hours=s.complaint_hours)
                    yield Proposal(cid, f"rule:complaint:{call_id}", ReminderKind.COMPLAINT_FOLLOW_UP, due)
        holidays = holidays_between(today, today + timedelta(days=s.look_ahead_days)) if s.holiday else []
        # Customers older than this have had (or missed for good) their new-customer revisits.
        new_since = today - timedelta(days=max(s.new_customer_days, default=0)) - PAST_GRACE
        for facts in customers.values():
            yield from self._per_customer(facts, today, holidays, new_since)

    def _per_customer(self, c: CustomerFacts, today: date, holidays, new_since: date) -> Iterable[Proposal]:
        s = self.settings
        created = c.created_at.astimezone().date()
        if (
            s.new_customer
            and created >= today - timedelta(days=max(s.new_customer_days, default=0)) - PAST_GRACE
        ):
            for days in s.new_customer_days:
                due = _at(created + timedelta(days=days), s.default_day_start)
                yield Proposal(c.id, f"rule:new_customer:{days}", ReminderKind.NEW_CUSTOMER_REVISIT, due)
        months = s.periodic_months.get(c.tier)
        if s.periodic and months and c.lifecycle not in ("prospect", "closed"):
            base = (c.last_contact_at or c.created_at).astimezone().date()
            due = _at(_months_after(base, months), s.default_day_start)
            yield Proposal(
                c.id,
                PERIODIC,
                ReminderKind.PERIODIC_REVISIT,
                due,
                once=False,
                recurrence=f"FREQ=MONTHLY;INTERVAL={months}",
            )
        greeting = f"{s.greeting_hour:02d}:00"
        if s.birthday and c.birth_date:
            day = _next_birthday(c.birth_date, today)
            if day <= today + timedelta(days=s.look_ahead_days):
                yield Proposal(c.id, f"rule:birthday:{day.year}", ReminderKind.BIRTHDAY, _at(day, greeting))
        if c.consent:
            for name, day in holidays:
                yield Proposal(
                    c.id, f"rule:holiday:{name}:{day.year}", ReminderKind.HOLIDAY, _at(day, greeting)
                )


@lru_cache(maxsize=65536)
def _months_after(day: date, months: int) -> date:
    return day + relativedelta(months=months)


def _next_birthday(born: date, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            day = born.replace(year=year)
        except ValueError:  # 29 February in a common year
            day = date(year, 2, 28)
        if day >= today:
            return day
    raise AssertionError("unreachable")


class _Reader:
    """The bulk reads one evaluation needs, limited to some customers when asked."""

    def __init__(self, tx: Tx, ids: list[str] | None, span: tuple[str, str] | None = None) -> None:
        self.session = tx.session
        self.ids = ids  # these customers only
        self.span = span  # or the customers whose id is in this range (both ends included)
        self._customers: dict[str, CustomerFacts] | None = None
        self._cards: list | None = None

    def _rows(self, sql: str, column: str, **params) -> list:
        """Run `sql`, its `{only}` limited to the asked customers (`column` holds their id)."""
        raw = self.session.connection().connection.driver_connection
        self.session.flush()
        if self.span is not None:
            only = f"AND {column} BETWEEN :low AND :high"
            return raw.execute(
                sql.format(only=only), {**params, "low": self.span[0], "high": self.span[1]}
            ).fetchall()
        if self.ids is None:
            return raw.execute(sql.format(only=""), params).fetchall()
        only = f"AND {column} IN (SELECT value FROM json_each(:ids))"
        return raw.execute(sql.format(only=only), {**params, "ids": json.dumps(self.ids)}).fetchall()

    def customers(self) -> dict[str, CustomerFacts]:
        """The facts of the customers the rules may contact (read once per evaluation)."""
        if self._customers is None:
            self._customers = self._read_customers()
        return self._customers

    def _read_customers(self) -> dict[str, CustomerFacts]:
        rows = self._rows(
            "SELECT id, tier, lifecycle_stage, created_at, last_contact_at, birth_date, marketing_consent, "
            "contact_hours_start, contact_hours_end, max_contacts_per_week, owner_manager_id FROM customer "
            "WHERE deleted = 0 AND do_not_contact = 0 {only}",
            "id",
        )
        limits: dict[tuple, ContactLimits] = {}  # most customers share the same few limits
        return {
            r[0]: CustomerFacts(
                r[0],
                r[1],
                r[2],
                _utc(r[3]),
                _utc(r[4]),
                _day(r[5]),
                bool(r[6]),
                limits.get(r[7:10]) or limits.setdefault(r[7:10], ContactLimits(*r[7:10])),
                r[10],
            )
            for r in rows
        }

    def cards(self) -> list:
        """(customer id, card id, opened, activated, last used, status) of the live cards."""
        if self._cards is None:
            self._cards = self._rows(
                "SELECT customer_id, id, open_date, activation_date, last_used_on, status FROM card "
                "WHERE deleted = 0 AND status != 'closed' {only}",
                "customer_id",
            )
        return self._cards

    def pending_cards(self) -> set[str]:
        """Ids of the cards still waiting for activation."""
        return {card[1] for card in self.cards() if card[5] == "pending_activation"}

    def complaints(self, since: datetime) -> list:
        sql = (
            "SELECT id, customer_id, occurred_at FROM call_log INDEXED BY ix_call_log_complaints "
            "WHERE deleted = 0 {only} "
            "AND outcome = 'complaint_raised' AND occurred_at >= :since"
        )
        # Complaints are few among a million calls: their partial index beats any other.
        return self._rows(sql, "customer_id", since=db_time(since))

    def week_counts(self, customer_ids: list[str], now: datetime) -> Counter:
        """Contacts per (customer, ISO week Monday) for these customers, from a week ago on:
        calls made and open reminders planned."""
        counts: Counter = Counter()
        raw = self.session.connection().connection.driver_connection
        moments = raw.execute(
            "SELECT customer_id, occurred_at FROM call_log WHERE deleted = 0 AND occurred_at >= :since "
            "AND customer_id IN (SELECT value FROM json_each(:ids)) "
            "UNION ALL SELECT customer_id, coalesce(snoozed_until, due_at) FROM reminder "
            "WHERE deleted = 0 AND status IN ('open', 'snoozed') "
            "AND customer_id IN (SELECT value FROM json_each(:ids))",
            {"since": db_time(now - timedelta(days=7)), "ids": json.dumps(customer_ids)},
        )
        for cid, moment in moments:
            counts[(cid, week_start(_utc(moment)))] += 1
        return counts

    def rule_reminders(self) -> list:
        return self._rows(
            "SELECT customer_id, source, id, status, due_at FROM reminder "
            "WHERE deleted = 0 AND source LIKE 'rule:%' {only}",
            "customer_id",
        )


class _Writer:
    """Turns proposals into reminders: dedupe, contact limits, moves and cancellations."""

    def __init__(self, tx: Tx, reader: _Reader, settings: RuleSettings, now: datetime) -> None:
        self.tx, self.settings, self.now = tx, settings, now
        self.grace_cutoff = now - PAST_GRACE
        self.existing: dict[tuple[str, str], list] = defaultdict(list)
        for cid, source, rid, status, due in reader.rule_reminders():
            self.existing[(cid, source)].append((rid, status, _utc(due)))
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
