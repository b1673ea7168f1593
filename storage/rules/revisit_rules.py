"""Revisit rules: reminders the book creates by itself, from branch practice.

Each rule proposes reminders with a *reason* (stored as the reminder's `source`, e.g.
`rule:activation:<card id>`); a reason already present is never proposed twice — one-shot reasons
(a card's activation call, a birthday of one year) not even after the reminder was done. The
periodic revisit is the one standing reminder per customer: a logged call moves it out. Every due
time respects do-not-contact, the customer's allowed hours and contacts per week.
Evaluation reads everything it needs in a few bulk queries and writes in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from storage.changes import Changes
from storage.database import BULK_CACHE_KIB, CACHE_KIB, page_cache
from storage.enums import ReminderKind
from storage.rules.contact_window import clear_caches
from storage.rules.holidays import holidays_between
from storage.rules.proposals import PAST_GRACE, PERIODIC, Proposal
from storage.rules.rule_reader import CustomerFacts, RuleReader, day, utc
from storage.rules.rule_writer import RuleWriter
from storage.rules.settings import RuleSettings
from storage.store import Store
from storage.timeutil import as_utc, utc_now


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
                reader = RuleReader(tx, ids, span)
                proposals = list(self._propose(reader, now))
                return RuleWriter(tx, reader, self.settings, now).apply(proposals)

    # Rules -----------------------------------------------------------------------------------

    def _propose(self, reader: RuleReader, now: datetime) -> Iterable[Proposal]:
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
                due = _at(day(opened) + timedelta(days=s.activation_days), s.default_day_start)
                yield Proposal(cid, f"rule:activation:{card_id}", ReminderKind.ACTIVATION_CALL, due)
            if s.care_call and activated and activated >= activated_since:
                due = _at(day(activated) + timedelta(days=s.care_days), s.default_day_start)
                yield Proposal(cid, f"rule:care:{card_id}", ReminderKind.CARE_CALL, due)
            if s.dormant_card and used and status in ("active", "dormant") and used <= dormant_before:
                yield Proposal(cid, f"rule:dormant:{card_id}:{used}", ReminderKind.DORMANT_REACTIVATION, now)
        if s.complaint:
            for call_id, cid, occurred in reader.complaints(now - timedelta(days=7)):
                if cid in customers:
                    due = utc(occurred) + timedelta(hours=s.complaint_hours)
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
