"""The one way the UI runs database work: off the GUI thread, results back on it.

    op = Operation(lambda: service.update(cid, fields))
    op.success(self._saved).failure(self._show_error).run_in_background()

For work whose result can go stale (a search, the selected customer's details), run it through
a `LatestOnly` slot: each new run supersedes the previous one, and a superseded result is
dropped instead of landing on a view the user has already left (Orange's concurrent.py rule).
No widget may be touched inside the work function.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits on it, Qt queues the call across threads."""

    finished = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # every failure must reach the GUI thread
            # Only the type and code: messages can carry customer data (names, dates), logs must not.
            log.warning("background operation failed: %s %s", type(exc).__name__, getattr(exc, "code", ""))
            self._deliver(None, exc)
        else:
            self._deliver(result, None)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        with contextlib.suppress(RuntimeError):  # the app is shutting down: nobody is left to tell
            self.relay.finished.emit(result, error)


class Operation:
    """A unit of background work with success / failure callbacks run on the GUI thread."""

    # Operations (and their relays) waiting for their result. PySide holds a connected bound
    # method only weakly, so without this an unreferenced Operation would never call back.
    _pending: ClassVar[set[Operation]] = set()

    def __init__(self, work: Callable[[], Any]) -> None:
        self._work = work
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._is_current: Callable[[], bool] = lambda: True

    def success(self, callback: Callable[[Any], None]) -> Operation:
        """Call `callback(result)` on the GUI thread when the work returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        """Call `callback(error)` on the GUI thread when the work raises."""
        self._on_failure = callback
        return self

    def only_if(self, is_current: Callable[[], bool]) -> Operation:
        """Deliver the outcome only if `is_current()` is still true when it arrives."""
        self._is_current = is_current
        return self

    def run_in_background(self, pool: QThreadPool | None = None) -> None:
        """Start the work on the thread pool (the global one by default)."""
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        Operation._pending.add(self)
        (pool or QThreadPool.globalInstance()).start(_Task(self._work, self._relay))

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        Operation._pending.discard(self)
        if not self._is_current():
            return
        if error is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(error)
        else:
            log.error("unhandled background failure: %s", type(error).__name__)


class LatestOnly:
    """A slot for work where only the newest request matters (search, selection)."""

    def __init__(self) -> None:
        self._generation = 0

    def run(self, operation: Operation, pool: QThreadPool | None = None) -> None:
        """Start `operation`, superseding every earlier one started through this slot."""
        self._generation += 1
        mine = self._generation
        operation.only_if(lambda: mine == self._generation).run_in_background(pool)

    def cancel(self) -> None:
        """Drop the outcome of whatever is still running."""
        self._generation += 1
