"""The ISO week a weekly review covers: Monday 00:00 to the next Monday 00:00, local time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from storage.errors import ValidationError
from storage.timeutil import local_today

_WEEK_TEXT = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class ReviewWeek:
    """An ISO week (year, week number), e.g. 2026-W47 = Monday 16 to Sunday 22 November 2026."""

    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> ReviewWeek:
        """'2026-W47' (or '2026W47'); ValidationError for anything else or a week that does not exist."""
        found = _WEEK_TEXT.match(text or "")
        if found is None:
            raise ValidationError("week", "week_format")
        year, week = int(found[1]), int(found[2])
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValidationError("week", "week_format") from None
        return cls(year, week)

    @classmethod
    def containing(cls, day: date) -> ReviewWeek:
        """The ISO week `day` falls in."""
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def last_complete(cls, today: date | None = None) -> ReviewWeek:
        """The week before the current one: what Monday's review meeting looks at."""
        return cls.containing((today or local_today()) - timedelta(days=7))

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def days(self) -> list[date]:
        """Monday to Sunday."""
        return [self.monday + timedelta(days=n) for n in range(7)]

    @property
    def start(self) -> datetime:
        """Monday 00:00 local time (aware)."""
        return local_midnight(self.monday)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00 local time (aware): the week is [start, end)."""
        return local_midnight(self.monday + timedelta(days=7))

    def previous(self) -> ReviewWeek:
        return ReviewWeek.containing(self.monday - timedelta(days=7))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def local_midnight(day: date) -> datetime:
    """00:00 local time on `day`, as an aware datetime (a naive value's astimezone is local)."""
    return datetime.combine(day, time()).astimezone()
