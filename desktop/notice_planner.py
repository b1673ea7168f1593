"""Decides what to announce at a moment: reminders that fell due, summaries, the morning digest.

Qt-free and clock-free (the moment is an argument), so tests can replay a day, a sleep or a
week away in a few calls. `ReminderScheduler` runs it on a timer; the UI words and shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import StrEnum

from storage.services.due_notices import DueNotice, DueNotices
from storage.services.reminders import local_day_end
from storage.timeutil import as_utc

DIGEST_SAMPLE = 5  # the digest names the first few of today's revisits


class AnnouncementKind(StrEnum):
    REMINDER = "reminder"  # one reminder fell due
    SUMMARY = "summary"  # many fell due at once (the app was closed, the machine slept)
    DIGEST = "digest"  # the morning list of today's revisits


@dataclass(frozen=True)
class Announcement:
    """One notification to show: a reminder, or a summary of many."""

    kind: AnnouncementKind
    key: str  # the reminder id, or an id for the summary / digest
    notices: tuple[DueNotice, ...]  # the reminder, or the first few of those summarised
    total: int  # how many reminders it stands for
    overdue_before: int = 0  # digest: reminders still open from before today
    locked: bool = False  # made while the profile was locked: the kind only, and no actions on it


@dataclass(frozen=True)
class NoticeSettings:
    """How the scheduler announces (desktop settings)."""

    enabled: bool = True
    digest_enabled: bool = True
    digest_time: str = "08:30"  # local "HH:MM"
    summarise_over: int = 3  # more reminders than this falling due together: one summary


@dataclass(frozen=True)
class CheckResult:
    """What one check found: what to announce now, and when to look again at the latest."""

    announcements: tuple[Announcement, ...]
    next_due: datetime | None


class NoticePlanner:
    """Turns 'what fell due since the last announcement' into announcements, once per device."""

    def __init__(self, notices: DueNotices, settings: NoticeSettings | None = None) -> None:
        self.notices = notices
        self.settings = settings or NoticeSettings()

    def check(self, now: datetime) -> CheckResult:
        """Announce what fell due up to `now` and was not announced yet on this device.

        The first check on a device starts from the beginning of today, so a new profile does not
        replay its whole past; after that, everything due since the last announcement (while the
        app was closed or the machine slept) comes out once, summarised when there are many.
        """
        now = as_utc(now)
        announcements: list[Announcement] = []
        if self.settings.enabled:
            announcements += self._fallen_due(now)
            digest = self._digest(now)
            if digest is not None:
                announcements.append(digest)
        return CheckResult(tuple(announcements), self.notices.next_due_after(now))

    def watch_while_locked(self, now: datetime) -> LockedWatch:
        """Before locking: what will fall due over the next day, to announce without the database."""
        now = as_utc(now)
        since = self.notices.notified_until() or _local_midnight(now)
        until = now + LOCKED_LOOK_AHEAD
        upcoming, total = self.notices.due_between(since, until, limit=LOCKED_SNAPSHOT_LIMIT)
        if not self.settings.enabled:
            upcoming, total = [], 0
        # A cut-off snapshot covers only up to its last reminder; later ones wait for the unlock.
        horizon = upcoming[-1].due_at if total > len(upcoming) else until
        return LockedWatch(upcoming, self.settings.summarise_over, horizon)

    def resume(self, watch: LockedWatch) -> None:
        """After unlocking: what the watch announced is not announced again."""
        if watch.announced_until is not None:
            self.notices.set_notified_until(watch.announced_until)

    def _fallen_due(self, now: datetime) -> list[Announcement]:
        since = self.notices.notified_until() or _local_midnight(now)
        if since >= now:
            return []
        limit = self.settings.summarise_over
        due, total = self.notices.due_between(since, now, limit=max(limit, DIGEST_SAMPLE))
        if not total:
            return []  # nothing to record either: a check that finds nothing writes nothing
        self.notices.set_notified_until(now)
        if total <= limit:
            return [Announcement(AnnouncementKind.REMINDER, n.reminder_id, (n,), 1) for n in due]
        key = f"summary:{now.isoformat()}"
        return [Announcement(AnnouncementKind.SUMMARY, key, tuple(due[:DIGEST_SAMPLE]), total)]

    def _digest(self, now: datetime) -> Announcement | None:
        s = self.settings
        local = now.astimezone()
        today = local.date()
        if not s.digest_enabled or local.time() < _clock(s.digest_time):
            return None
        if self.notices.digest_day() == today:
            return None
        midnight = _local_midnight(now)
        due, total = self.notices.due_between(midnight, local_day_end(now), limit=DIGEST_SAMPLE)
        overdue = self.notices.overdue_count(midnight)
        if not total and not overdue:
            return None  # nothing yet: a digest comes when today has something (the rules may still run)
        self.notices.set_digest_day(today)
        return Announcement(AnnouncementKind.DIGEST, f"digest:{today}", tuple(due), total, overdue)


LOCKED_LOOK_AHEAD = timedelta(hours=24)
LOCKED_SNAPSHOT_LIMIT = 500


class LockedWatch:
    """Announces, while the profile is locked and its database closed, the reminders falling due.

    Made from a snapshot read just before locking. It keeps no names — only each reminder's id,
    kind and due time — because a locked desk must not show whom the manager looks after.
    """

    def __init__(self, upcoming: list[DueNotice], summarise_over: int, horizon: datetime) -> None:
        anonymous = [replace(n, customer_id="", surname="", gender=None) for n in upcoming]
        self.pending = sorted(anonymous, key=lambda n: n.due_at)
        self.summarise_over = summarise_over
        self.horizon = horizon  # the snapshot holds everything falling due up to here
        self.announced_until: datetime | None = None

    def check(self, now: datetime) -> list[Announcement]:
        """What fell due by `now` since the last check (each reminder once)."""
        now = as_utc(now)
        due = [n for n in self.pending if n.due_at <= now]
        if not due:
            return []
        self.pending = self.pending[len(due) :]
        self.announced_until = min(now, self.horizon)
        if len(due) > self.summarise_over:
            key = f"locked-summary:{now.isoformat()}"
            return [
                Announcement(AnnouncementKind.SUMMARY, key, tuple(due[:DIGEST_SAMPLE]), len(due), locked=True)
            ]
        return [Announcement(AnnouncementKind.REMINDER, n.reminder_id, (n,), 1, locked=True) for n in due]


def _clock(value: str) -> time:
    hours, minutes = (int(part) for part in value.split(":"))
    return time(hours, minutes)


def _local_midnight(now: datetime) -> datetime:
    """The start of `now`'s day in local time, as UTC."""
    local = as_utc(now).astimezone()
    return as_utc(local.replace(hour=0, minute=0, second=0, microsecond=0))
