"""When a customer may be contacted: allowed hours and contacts per week move a due time later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache

from storage.timeutil import as_utc

MAX_WEEKS_AHEAD = 52


@dataclass(frozen=True)
class ContactLimits:
    """A customer's contact preferences (from the customer row)."""

    start: str | None = None  # "HH:MM" local, earliest contact
    end: str | None = None  # "HH:MM" local, latest contact
    per_week: int | None = None  # most contacts in one ISO week


def _clock(text: str | None, default: time) -> time:
    if not text:
        return default
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@lru_cache(maxsize=65536)  # many customers share due times; cleared by clear_caches()
def within_hours(due: datetime, limits: ContactLimits, day_start: str = "09:00") -> datetime:
    """`due` moved into the allowed hours (local): later the same day, or the next morning."""
    local = as_utc(due).astimezone()
    start = _clock(limits.start, _clock(day_start, time(9)))
    end = _clock(limits.end, time(23, 59))
    if local.time() < start:
        local = local.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    elif local.time() >= end:
        local = (local + timedelta(days=1)).replace(
            hour=start.hour, minute=start.minute, second=0, microsecond=0
        )
    return as_utc(local)


@lru_cache(maxsize=65536)
def week_start(moment: datetime) -> datetime:
    """Monday 00:00 local of the ISO week holding `moment`."""
    local = as_utc(moment).astimezone()
    monday = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return as_utc(monday)


def next_allowed(
    due: datetime, limits: ContactLimits, contacts_in_week, day_start: str = "09:00"
) -> datetime:
    """The first allowed time at or after `due`: in the allowed hours, in a week where the
    customer has had (or is planned) fewer than `per_week` contacts; `contacts_in_week(monday)`
    counts them."""
    moment = within_hours(due, limits, day_start)
    if not limits.per_week:
        return moment
    for _ in range(MAX_WEEKS_AHEAD):
        monday = week_start(moment)
        if contacts_in_week(monday) < limits.per_week:
            return moment
        moment = within_hours(monday + timedelta(days=7), limits, day_start)
    return moment


def clear_caches() -> None:
    """Forget cached local-time conversions (the machine's time zone may have changed)."""
    within_hours.cache_clear()
    week_start.cache_clear()
