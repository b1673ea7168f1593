"""The one way the UI runs database work: off the GUI thread, results back on it.

    op = Operation(lambda: service.update(cid, fields))
    op.success(self._saved).failure(self._show_error).run_in_background()

For work whose result can go stale (a search, the selected customer's details), run it through
a `LatestOnly` slot: each new run supersedes the previous one, and a superseded result is
dropped instead of landing on a view the user has already left (Orange's concurrent.py rule).
For work that must neither wait behind nor hold up the shared pool (a sync that may take a
minute on a slow line, a long poll), give the operation a `WorkerThread` of its own:

    op.run_in_background(self._sync_thread)   # one after another, on that thread

No widget may be touched inside the work function.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
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

    def run_in_background(self, pool: QThreadPool | WorkerThread | None = None) -> None:
        """Start the work on the thread pool (the global one by default) or a `WorkerThread`."""
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


class WorkerThread:
    """One thread of its own that runs operations one after another, in the order started.

    A daemon thread: quitting the app never waits for it (a long poll may still be out on the
    network). `retire()` lets the current thread finish its queue and end; the next operation
    starts a fresh thread, so what was retired can no longer hold it up.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._jobs: queue.SimpleQueue[QRunnable | None] | None = None
        self._thread: threading.Thread | None = None

    def start(self, task: QRunnable) -> None:
        """Queue `task` (what `Operation.run_in_background` hands over) on this thread."""
        if self._jobs is None:
            self._jobs = queue.SimpleQueue()
            self._thread = threading.Thread(target=_run_jobs, args=(self._jobs,), name=self.name, daemon=True)
            self._thread.start()
        self._jobs.put(task)

    def retire(self) -> None:
        """End the thread once what is queued has run; later operations get a new thread."""
        if self._jobs is not None:
            self._jobs.put(None)
        self._jobs = None

    def join(self, timeout: float) -> bool:
        """Retire and wait up to `timeout` seconds for the last thread; True when it has ended."""
        thread = self._thread
        self.retire()
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()


def _run_jobs(jobs: queue.SimpleQueue) -> None:
    while (task := jobs.get()) is not None:
        task.run()
