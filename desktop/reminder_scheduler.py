"""Runs the notice planner while the app runs: on a timer, at the next due time, and after changes.

Checks run off the GUI thread (the database may be busy with a rules run); one at a time. A
check that finds nothing costs three index lookups (bench/scheduler.py). After a sleep the next
tick finds everything that fell due meanwhile, and the planner summarises it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import Operation
from desktop.notice_planner import CheckResult, LockedWatch, NoticePlanner
from storage.timeutil import utc_now

log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 30_000


class ReminderScheduler(QObject):
    """Emits what to announce as reminders fall due, and the number of overdue reminders."""

    sig_announce = Signal(object)
    """A `desktop.notice_planner.Announcement` to show now."""
    sig_overdue = Signal(int)
    """How many open reminders are past due (after it may have changed)."""
    sig_checked = Signal()
    """A check finished (tests and the benchmark wait on it)."""

    def __init__(
        self,
        planner: NoticePlanner,
        clock: Callable[[], datetime] = utc_now,
        interval_ms: int = CHECK_INTERVAL_MS,
        first_check_delay_ms: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.planner = planner
        self._clock = clock
        self._tick = QTimer(self, interval=interval_ms, timeout=self.check)
        self._at_due = QTimer(self, singleShot=True, timeout=self.check)
        self._first_check = QTimer(self, singleShot=True, timeout=self.check)
        self._running = False
        self._again = False
        self._count_stale = True
        self._next_due: datetime | None = None
        self._first_check_delay_ms = first_check_delay_ms
        self._watch: LockedWatch | None = None  # while the profile is locked

    def start(self) -> None:
        """Check now (the catch-up after the app was closed), then keep checking."""
        self._tick.start()
        if self._first_check_delay_ms:
            self._first_check.start(self._first_check_delay_ms)
        else:
            self.check()

    def stop(self) -> None:
        """Stop checking (the window is closing)."""
        self._tick.stop()
        self._at_due.stop()
        self._first_check.stop()

    def lock(self) -> None:
        """The profile is about to lock: keep announcing, by kind only, from a snapshot of the next
        day's reminders (read now, while the database is still open)."""
        self._at_due.stop()
        try:
            self._watch = self.planner.watch_while_locked(self._clock())
        except Exception as exc:  # a busy database: nothing to announce while locked, the unlock catches up
            log.warning("no snapshot before locking: %s", type(exc).__name__)
            self._watch = None

    def unlock(self) -> None:
        """The profile is open again: record what was announced while locked, then check as usual."""
        watch, self._watch = self._watch, None
        if watch is not None:
            self.planner.resume(watch)
        self._count_stale = True
        self.start()

    def reminders_changed(self) -> None:
        """Reminders were added, done or moved: check again and recount the overdue ones."""
        self._count_stale = True
        self.check()

    def check(self) -> None:
        """Look for what fell due (in the background; a second call while one runs queues one more)."""
        if self._watch is not None:
            for announcement in self._watch.check(self._clock()):
                self.sig_announce.emit(announcement)
            self.sig_checked.emit()
            return
        if self._running:
            self._again = True
            return
        self._running = True
        now = self._clock()
        count = self._count_stale or (self._next_due is not None and self._next_due <= now)
        self._count_stale = False
        planner = self.planner

        def work() -> tuple[CheckResult, int | None]:
            result = planner.check(now)
            return result, planner.notices.overdue_count(now) if count else None

        operation = Operation(work).success(lambda found: self._done(now, *found)).failure(self._failed)
        operation.run_in_background()

    def _done(self, now: datetime, result: CheckResult, overdue: int | None) -> None:
        self._running = False
        self._next_due = result.next_due
        for announcement in result.announcements:
            self.sig_announce.emit(announcement)
        if overdue is not None:
            self.sig_overdue.emit(overdue)
        self._arm(now)
        self.sig_checked.emit()
        if self._again:
            self._again = False
            self.check()

    def _failed(self, error: BaseException) -> None:
        # Locked or busy: the next tick tries again; nothing is marked announced on failure.
        self._running = False
        self._count_stale = True
        self.sig_checked.emit()

    def _arm(self, now: datetime) -> None:
        """Wake at the next due time when it comes before the next tick."""
        self._at_due.stop()
        if self._next_due is None or not self._tick.isActive():
            return
        wait_ms = int((self._next_due - now).total_seconds() * 1000) + 50
        if wait_ms < self._tick.interval():
            self._at_due.start(max(wait_ms, 0))
