"""The weekly review's figures (周报): what each manager did in one ISO week, counted in SQL.

Definitions, as the supervisor reads them:
- a *contact* is a logged call (any channel) made by the manager in the week;
- a *revisit due* is a reminder of the manager's that fell due in the week and was not cancelled.
  It was done *on time* when it was done by the end of its due day, *late* when done after that,
  is *still overdue* when it is open (or snoozed) and its due time has passed, and *not yet due*
  when the week is still running and its time has not come. The on-time rate is on time / (on
  time + late + still overdue): a revisit not yet due counts neither way;
- a *complaint* is a call with the outcome "complaint raised"; it was *followed up within 24 h*
  when the customer was contacted again (by anyone) within 24 hours after it;
- *not contacted for 30+ days* counts, at the end of the week (or now, for the running week),
  the manager's customers who can be contacted (not closed, not do-not-contact) and whose last
  contact is more than 30 days old — or who have never been contacted and have been customers for
  more than 30 days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from storage.enums import Channel, Purpose
from storage.services.review_week import ReviewWeek, local_midnight
from storage.services.rows import raw_connection
from storage.timeutil import as_utc, db_time, from_db_time

SILENCE_DAYS = 30
FOLLOW_UP_HOURS = 24


@dataclass
class ManagerWeek:
    """One manager's figures for one week."""

    manager_id: str
    by_channel: Counter = field(default_factory=Counter)
    by_purpose: Counter = field(default_factory=Counter)
    customers_contacted: int = 0
    revisits_due: int = 0
    revisits_on_time: int = 0
    revisits_late: int = 0
    revisits_overdue: int = 0
    revisits_not_yet_due: int = 0
    new_customers: int = 0
    cards_activated: int = 0
    complaints: int = 0
    complaints_followed_up: int = 0
    rated_calls: int = 0
    satisfaction_sum: int = 0
    not_contacted: int = 0

    @property
    def contacts(self) -> int:
        return sum(self.by_channel.values())

    @property
    def on_time_rate(self) -> float | None:
        decided = self.revisits_on_time + self.revisits_late + self.revisits_overdue
        return self.revisits_on_time / decided if decided else None

    @property
    def follow_up_rate(self) -> float | None:
        return self.complaints_followed_up / self.complaints if self.complaints else None

    @property
    def average_satisfaction(self) -> float | None:
        return self.satisfaction_sum / self.rated_calls if self.rated_calls else None

    def add(self, other: ManagerWeek) -> None:
        """Fold another manager's figures into these (for totals)."""
        for name, value in vars(other).items():
            if name == "manager_id":
                continue
            if isinstance(value, Counter):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)


class CallFacts(NamedTuple):
    """What the figures need of a call (the week's calls as the Calls sheet reads them will do)."""

    occurred_at: object  # a datetime, or the stored text when only counted
    manager_id: str
    customer_id: str
    channel: str
    purpose: str
    satisfaction: int | None


CHANNELS = tuple(c.value for c in Channel)
PURPOSES = tuple(p.value for p in Purpose)


def manager_weeks(
    session: Session,
    week: ReviewWeek,
    manager_ids: list[str] | None,
    now: datetime,
    calls: Iterable[CallFacts] | None = None,
) -> dict[str, ManagerWeek]:
    """Every manager's figures for `week` (only `manager_ids` when given), by manager id.

    `calls` are the week's calls when the caller has read them already (the Calls sheet does);
    else they are read here. A manager asked for by id is there even with nothing in the week.
    """
    raw = raw_connection(session)
    start, end = db_time(week.start), db_time(week.end)
    out: dict[str, ManagerWeek] = {m: ManagerWeek(m) for m in manager_ids or ()}

    def figures(manager_id: str) -> ManagerWeek | None:
        if manager_ids is not None and manager_id not in out:
            return None
        return out.setdefault(manager_id, ManagerWeek(manager_id))

    if calls is None:
        calls = (
            CallFacts(*row)
            for row in raw.execute(
                "SELECT occurred_at, manager_id, customer_id, channel, purpose, satisfaction FROM call_log "
                "WHERE deleted = 0 AND occurred_at >= ? AND occurred_at < ?",
                (start, end),
            )
        )
    _count_calls(calls, figures)
    _count_revisits(raw, week, now, figures)
    _count_complaints(raw, start, end, figures)
    for manager_id, n in raw.execute(
        "SELECT owner_manager_id, count(*) FROM customer "
        "WHERE deleted = 0 AND created_at >= ? AND created_at < ? GROUP BY owner_manager_id",
        (start, end),
    ):
        if (mine := figures(manager_id)) is not None:
            mine.new_customers = n
    first, last = week.monday.isoformat(), week.days[-1].isoformat()
    for manager_id, n in raw.execute(
        "SELECT owner_manager_id, count(*) FROM card "
        "WHERE deleted = 0 AND activation_date BETWEEN ? AND ? GROUP BY owner_manager_id",
        (first, last),
    ):
        if (mine := figures(manager_id)) is not None:
            mine.cards_activated = n
    for manager_id, n in not_contacted_counts(session, min(as_utc(now), week.end)).items():
        if (mine := figures(manager_id)) is not None:
            mine.not_contacted = n
    return out


def _count_calls(calls: Iterable[CallFacts], figures) -> None:
    customers: dict[str, set[str]] = {}
    for call in calls:
        mine = figures(call.manager_id)
        if mine is None:
            continue
        mine.by_channel[call.channel] += 1
        mine.by_purpose[call.purpose] += 1
        customers.setdefault(call.manager_id, set()).add(call.customer_id)
        if call.satisfaction is not None:
            mine.rated_calls += 1
            mine.satisfaction_sum += call.satisfaction
    for manager_id, seen in customers.items():
        figures(manager_id).customers_contacted = len(seen)


def _count_revisits(raw, week: ReviewWeek, now: datetime, figures) -> None:
    now_text = db_time(now)
    for manager_id, due_at, status, completed_at, effective_due in raw.execute(
        "SELECT owner_manager_id, due_at, status, completed_at, coalesce(snoozed_until, due_at) "
        "FROM reminder WHERE deleted = 0 AND status IN ('open', 'snoozed', 'done') "
        "AND due_at >= ? AND due_at < ?",
        (db_time(week.start), db_time(week.end)),
    ):
        mine = figures(manager_id)
        if mine is None:
            continue
        mine.revisits_due += 1
        if status == "done":
            deadline = _end_of_local_day(due_at)
            done_at = completed_at or deadline  # a done reminder without a time: take it as on time
            if done_at < deadline:
                mine.revisits_on_time += 1
            else:
                mine.revisits_late += 1
        elif effective_due < now_text:
            mine.revisits_overdue += 1
        else:
            mine.revisits_not_yet_due += 1


def _end_of_local_day(stored: str) -> str:
    """The stored text of midnight after the local day of a stored (UTC) time."""
    local_day = from_db_time(stored).astimezone().date()
    return db_time(local_midnight(local_day + timedelta(days=1)))


def _count_complaints(raw, start: str, end: str, figures) -> None:
    # The partial index holds only complaints: a handful among a million calls.
    for manager_id, customer_id, occurred_at in raw.execute(
        "SELECT manager_id, customer_id, occurred_at FROM call_log INDEXED BY ix_call_log_complaints "
        "WHERE deleted = 0 AND outcome = 'complaint_raised' AND occurred_at >= ? AND occurred_at < ?",
        (start, end),
    ).fetchall():
        mine = figures(manager_id)
        if mine is None:
            continue
        mine.complaints += 1
        raised = from_db_time(occurred_at)
        followed = raw.execute(
            "SELECT 1 FROM call_log WHERE customer_id = ? AND deleted = 0 "
            "AND occurred_at > ? AND occurred_at <= ? LIMIT 1",
            (customer_id, occurred_at, db_time(raised + timedelta(hours=FOLLOW_UP_HOURS))),
        ).fetchone()
        if followed:
            mine.complaints_followed_up += 1


def silence_cutoff(as_of: datetime) -> datetime:
    """Contacts before this time are more than SILENCE_DAYS old at `as_of`."""
    return as_utc(as_of) - timedelta(days=SILENCE_DAYS)


# Contactable customers: the ones a manager is expected to keep in touch with.
_CONTACTABLE = "c.deleted = 0 AND c.lifecycle_stage != 'closed' AND c.do_not_contact = 0"


def not_contacted_counts(session: Session, as_of: datetime) -> dict[str, int]:
    """Per owning manager: contactable customers not contacted in the SILENCE_DAYS before `as_of`."""
    raw = raw_connection(session)
    cut, as_of_text = db_time(silence_cutoff(as_of)), db_time(as_of)
    counts: Counter = Counter()
    # last_contact_at is the latest contact ever: older than the cut-off means silent at `as_of`.
    for manager_id, n in raw.execute(
        f"SELECT c.owner_manager_id, count(*) FROM customer c WHERE {_CONTACTABLE} "
        "AND (c.last_contact_at < ? OR (c.last_contact_at IS NULL AND c.created_at < ?)) "
        "GROUP BY c.owner_manager_id",
        (cut, cut),
    ):
        counts[manager_id] += n
    # For a past week, a customer contacted since may still have been silent back then.
    for manager_id, n in raw.execute(
        f"SELECT c.owner_manager_id, count(*) FROM customer c WHERE {_CONTACTABLE} "
        "AND c.last_contact_at >= ? AND c.created_at < ? AND NOT EXISTS (SELECT 1 FROM call_log k "
        "WHERE k.customer_id = c.id AND k.deleted = 0 AND k.occurred_at >= ? AND k.occurred_at < ?) "
        "GROUP BY c.owner_manager_id",
        (as_of_text, cut, cut, as_of_text),
    ):
        counts[manager_id] += n
    return dict(counts)


def daily_contacts(week: ReviewWeek, calls: Iterable[CallFacts]) -> list[Counter]:
    """Contacts per channel on each day of the week (Monday first), local days."""
    per_day = [Counter() for _ in week.days]
    for call in calls:
        per_day[call.occurred_at.astimezone().weekday()][call.channel] += 1
    return per_day


def tier_mix(session: Session, manager_ids: list[str] | None) -> dict[tuple[str, str], int]:
    """Live customers per (tier, lifecycle stage), now."""
    raw = raw_connection(session)
    mix: Counter = Counter()
    wanted = None if manager_ids is None else set(manager_ids)
    for manager_id, tier, stage, n in raw.execute(
        "SELECT owner_manager_id, tier, lifecycle_stage, count(*) FROM customer WHERE deleted = 0 "
        "GROUP BY owner_manager_id, tier, lifecycle_stage"
    ):
        if wanted is None or manager_id in wanted:
            mix[(tier, stage)] += n
    return dict(mix)


def manager_names(session: Session, own_id: str, own_name: str) -> dict[str, str]:
    """Every manager this profile knows of (the manager table after sync, the owners of the
    customers held here, and the profile's own manager), id → display name, by name."""
    raw = raw_connection(session)
    names = {own_id: own_name}
    for (manager_id,) in raw.execute("SELECT DISTINCT owner_manager_id FROM customer"):
        names.setdefault(manager_id, manager_id[:8])
    for manager_id, display_name in raw.execute("SELECT id, display_name FROM manager WHERE deleted = 0"):
        names[manager_id] = display_name
    return dict(sorted(names.items(), key=lambda item: item[1]))
