"""The bulk reads one rule evaluation needs, limited to some customers when asked."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from typing import NamedTuple

from storage.rules.contact_window import ContactLimits, week_start
from storage.store import Tx
from storage.timeutil import as_utc, db_time


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


def utc(value) -> datetime | None:
    """A stored time (text or datetime) as aware UTC."""
    if value is None:
        return None
    return as_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)


def day(value) -> date | None:
    """A stored date (text or date) as a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


class RuleReader:
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
                utc(r[3]),
                utc(r[4]),
                day(r[5]),
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
            counts[(cid, week_start(utc(moment)))] += 1
        return counts

    def rule_reminders(self) -> list:
        return self._rows(
            "SELECT customer_id, source, id, status, due_at FROM reminder "
            "WHERE deleted = 0 AND source LIKE 'rule:%' {only}",
            "customer_id",
        )
