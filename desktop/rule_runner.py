"""Keeps the rule reminders in step with the book: after each relevant change, and daily.

A change to customers (a logged call, an edited tier, a new card) re-evaluates the rules for the
customers it touched, shortly after and off the GUI thread; the whole book is re-evaluated once a
day (birthdays and holidays coming into view, periodic revisits rolling on), in batches so the
manager's own saves never wait long. What the rules change is published on the change bus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import Operation
from desktop.change_bus import ChangeBus
from storage.changes import Changes
from storage.errors import BranchDeskError
from storage.local_state import read_state, write_state
from storage.rules.revisit_rules import RevisitRules
from storage.timeutil import utc_now

EVALUATED_DAY = "rules.evaluated_day"
DEBOUNCE_MS = 300  # a burst of edits (an import, a merge) becomes one evaluation
DAY_CHECK_MS = 15 * 60 * 1000  # how often to look whether the local date has changed


class RuleRunner(QObject):
    """Runs the revisit rules after changes and once a day; publishes what they change."""

    sig_finished = Signal(object)
    """A run finished, with the `Changes` it made (tests and the status bar wait on it)."""

    def __init__(
        self,
        rules: RevisitRules,
        bus: ChangeBus,
        clock: Callable[[], datetime] = utc_now,
        first_run_delay_ms: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules
        self._first_run_delay_ms = first_run_delay_ms
        self.bus = bus
        self._clock = clock
        self._pending: set[str] = set()
        self._book_due = False
        self._running = False
        self._publishing = False
        self._following = False
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._run)
        self._day_timer = QTimer(self, interval=DAY_CHECK_MS, timeout=self.run_daily_if_due)
        self._first_run = QTimer(self, singleShot=True, timeout=self.run_daily_if_due)

    def start(self) -> None:
        """Follow the change bus, and run the daily evaluation if today's has not run yet."""
        if not self._following:
            self._following = True
            self.bus.sig_changed.connect(self._on_changed)
        self._day_timer.start()
        # The app waits a little: the window's first seconds belong to the manager, not the rules.
        self._first_run.start(self._first_run_delay_ms)

    def stop(self) -> None:
        """Stop following changes (the profile is locking or closing)."""
        self._day_timer.stop()
        self._first_run.stop()
        self._debounce.stop()
        if self._following:
            self._following = False
            with contextlib.suppress(RuntimeError, TypeError):  # the bus is already gone
                self.bus.sig_changed.disconnect(self._on_changed)

    def run_daily_if_due(self) -> None:
        """Evaluate the whole book if it has not been evaluated today (local date)."""
        today = self._clock().astimezone().date().isoformat()
        try:
            done_today = read_state(self.rules.store, EVALUATED_DAY) == today
        except BranchDeskError:  # locked (or closing): the next day check tries again
            return
        if not done_today:
            self.run_book_now()

    def run_book_now(self) -> None:
        """Evaluate the whole book again (the rules' settings changed)."""
        self._book_due = True
        self._debounce.start(0)

    def _on_changed(self, changes: Changes) -> None:
        if self._publishing or not changes.customers:
            return  # our own result coming back, or nothing a rule reads
        self._pending |= changes.customers
        self._debounce.start()

    def _run(self) -> None:
        if self._running:
            return  # _done starts the next run
        if not (self._book_due or self._pending):
            return
        self._running = True
        now, rules = self._clock(), self.rules
        book, ids = self._book_due, sorted(self._pending)
        self._book_due, self._pending = False, set()

        def work() -> Changes:
            if book:
                changes = rules.evaluate_book(now)
                write_state(rules.store, EVALUATED_DAY, now.astimezone().date().isoformat())
                return changes
            return rules.evaluate(ids, now)

        def failed(error: BaseException) -> None:
            # Kept for the next change or the next day check: a busy database is no reason to lose them.
            self._book_due |= book
            self._pending |= set(ids)
            self._running = False
            self.sig_finished.emit(Changes())

        Operation(work).success(self._done).failure(failed).run_in_background()

    def _done(self, changes: Changes) -> None:
        self._running = False
        self._publishing = True
        try:
            self.bus.publish(changes)
        finally:
            self._publishing = False
        self.sig_finished.emit(changes)
        if self._book_due or self._pending:
            self._debounce.start()
