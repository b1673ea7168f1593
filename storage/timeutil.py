"""Time helpers: everything is stored in UTC and shown in local time."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """`value` as aware UTC; a naive value is taken to be UTC already (as stored)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def db_time(value: datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores, for raw SQL that must compare with it."""
    v = as_utc(value)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def from_db_time(text: str | None) -> datetime | None:
    """An aware UTC datetime from the text `db_time` writes (as raw SQL reads it back)."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")


def local_today() -> date:
    """Today's date in the machine's local time zone."""
    return datetime.now().astimezone().date()


def month_day(value: date | None) -> int | None:
    """A birthday as MMDD (e.g. 1123), which SQL can compare for 'birthday within N days'."""
    return None if value is None else value.month * 100 + value.day
