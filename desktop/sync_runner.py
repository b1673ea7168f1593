"""Keeps the open profile in sync with the server while the app runs, never on the GUI thread.

Syncs run one at a time on a thread of their own: when the runner starts, shortly after local
changes, every few minutes, on "Sync now", and when the network comes back. Between syncs, while
online, a long poll on a second thread waits for the server to say something new is there, so an
edit on the manager's other device arrives within seconds. While the server cannot be reached,
tries come back off exponentially, with jitter so a branch's laptops do not all return at once.
Failures the manager must act on (signed out, app too old, certificate) stop the runner until
they do. Working offline is the normal case: nothing here makes the window wait.
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import Operation, WorkerThread
from desktop.change_bus import ChangeBus
from desktop.network_watch import NetworkWatch
from desktop.shared_sync_client import shared_sync_client
from desktop.sync_status import SyncState, SyncStatus, read_status
from storage.changes import Changes
from storage.errors import LockedError
from storage.store import Store
from storage.sync.account import load_account
from storage.sync.api import SyncError
from storage.sync.client import SyncClient, SyncReport
from storage.sync.notices import Notice, mark_seen, unseen_notices

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncTimings:
    """How often and how soon the runner syncs (tests shorten them)."""

    debounce_ms: int = 1000  # after a local change, wait this long for the burst to end
    periodic_ms: int = 5 * 60 * 1000
    wait_seconds: float = 25.0  # one long poll; 0 switches long polling off
    first_retry_ms: int = 2000  # back-off while offline: doubling from here ...
    max_retry_ms: int = 5 * 60 * 1000  # ... up to here
    jitter: float = 0.2  # each delay is spread by ± this share


@dataclass
class _Outcome:
    """What one sync job brings back to the GUI thread."""

    report: SyncReport | None  # None: the profile is not connected to a server
    status: SyncStatus
    notices: list[Notice] = field(default_factory=list)


class SyncRunner(QObject):
    """Runs `SyncClient` in the background and reports what the status bar and panes need."""

    sig_state = Signal(str, str)
    """(`SyncState` value, the reason in the manager's language or "")."""
    sig_status = Signal(object)
    """A `SyncStatus`: last good sync, changes waiting, open conflicts."""
    sig_notices = Signal(list)
    """Reassignment `Notice`s not shown yet (each is reported once per session)."""
    sig_synced = Signal(object)
    """A sync worked, with its `SyncReport` (its pulled changes are on the bus already)."""
    sig_retry_scheduled = Signal(int)
    """Offline: the next try comes in this many milliseconds."""

    def __init__(
        self,
        store: Store,
        bus: ChangeBus,
        *,
        timings: SyncTimings | None = None,
        client_factory: Callable[[Store], SyncClient] = shared_sync_client,
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.bus = bus
        self.timings = timings or SyncTimings()
        self.state = SyncState.NOT_CONFIGURED
        self.message = ""
        self._client_factory = client_factory
        self._client: SyncClient | None = None
        self._watch_network = watch_network
        self._network: NetworkWatch | None = None
        self._random = random.Random()
        self._sync_thread = WorkerThread("branchdesk-sync")  # kept for life: syncs never overlap
        self._wait_thread = WorkerThread("branchdesk-sync-wait")
        self._active = False
        self._locked = False
        self._generation = 0  # bumped on stop: results of work started before are dropped
        self._syncing = False
        self._again = False
        self._waiting = False
        self._blocked = False  # only the manager (Sync now, Connect) may start a sync
        self._attempt = 0
        self._publishing = False
        self._following_bus = False
        self._told: set[int] = set()
        t = self.timings
        self._debounce = QTimer(self, singleShot=True, interval=t.debounce_ms, timeout=self._request_sync)
        self._periodic = QTimer(self, interval=t.periodic_ms, timeout=self._periodic_sync)
        self._retry = QTimer(self, singleShot=True, timeout=self._request_sync)

    # Control ------------------------------------------------------------------------------------

    def start(self) -> None:
        """Sync now, then keep syncing (the app started, or the profile was unlocked)."""
        if self._active or self.store.locked:
            return
        self._active = True
        self._follow_bus(True)
        if self._watch_network and self._network is None:
            self._network = NetworkWatch(self)
            self._network.sig_changed.connect(self.network_changed)
        self._periodic.start()
        self._attempt = 0
        self._blocked = False
        self.refresh_status()
        try:
            configured = load_account(self.store) is not None  # one local read
        except LockedError:
            configured = False
        if configured:
            self._request_sync()
        else:  # nothing to sync with until the manager connects (then `login` starts it)
            self._blocked = True
            self._set_state(SyncState.NOT_CONFIGURED, "")

    def stop(self) -> None:
        """Stop syncing; what is under way finishes on its own and its result is dropped."""
        self._active = False
        self._generation += 1
        self._syncing = self._again = self._waiting = False
        for timer in (self._debounce, self._periodic, self._retry):
            timer.stop()
        self._follow_bus(False)
        self._wait_thread.retire()  # a long poll still out must not hold up the next one

    def lock(self) -> None:
        """The profile is about to lock: stop touching the store until `unlock`."""
        self._locked = self._active
        self.stop()

    def unlock(self) -> None:
        """The profile is open again: sync at once and carry on, if the runner was running."""
        if self._locked:
            self._locked = False
            self.start()

    def shutdown(self, timeout: float = 3.0) -> None:
        """The app is quitting: stop, give a sync under way a moment to record its answers."""
        self.stop()
        client, self._client = self._client, None
        if client is not None:
            Operation(client.close).failure(lambda _e: None).run_in_background(self._sync_thread)
        self._sync_thread.join(timeout)

    def set_bus(self, bus: ChangeBus) -> None:
        """Publish on and listen to `bus` from now on (the window was rebuilt)."""
        if bus is self.bus:
            return
        following = self._following_bus
        self._follow_bus(False)
        self.bus = bus
        self._follow_bus(following)

    def sync_now(self) -> None:
        """The manager asked: sync at once, whatever the back-off or a past failure said."""
        if not self._active:
            self.start()
            return
        self._blocked = False
        self._attempt = 0
        self._request_sync()

    def schedule_sync(self) -> None:
        """Something changed locally that the bus does not carry (a conflict settled): sync soon."""
        if self._active and not self._blocked:
            self._debounce.start()

    def refresh_status(self) -> None:
        """Read the status figures again (in the background) and report them."""
        if self.store.locked:
            return
        store = self.store
        Operation(lambda: read_status(store)).success(self.sig_status.emit).failure(
            lambda _e: None
        ).run_in_background()

    def mark_notices_seen(self, notices: list[Notice]) -> None:
        """The manager was shown these reassignment notices: do not show them again."""
        store, seqs = self.store, [n.seq for n in notices]
        if seqs and not store.locked:
            Operation(lambda: mark_seen(store, seqs)).failure(lambda _e: None).run_in_background()

    # Accounts -----------------------------------------------------------------------------------

    def login(
        self,
        server: str,
        username: str,
        password: str,
        ca_file: str | None,
        done: Callable[[BaseException | None], None],
    ) -> None:
        """Log the profile in (on the sync thread, after any sync under way), then sync.

        `done(None)` on success, `done(error)` when it failed; both on the GUI thread."""
        store = self.store

        def work():
            return SyncClient.login(store, server, username, password, ca_file=ca_file or None)

        def connected(_account) -> None:
            self._new_client()
            self._blocked = False
            done(None)
            self.sync_now()

        Operation(work).success(connected).failure(done).run_in_background(self._sync_thread)

    def sign_out(self, done: Callable[[], None] | None = None) -> None:
        """Sign this device out of the server (and forget its token) — changes are kept here."""
        client = self._current_client()
        self.stop()

        def signed_out(_result=None) -> None:
            self._client = None
            self._blocked = True
            self._set_state(SyncState.SIGNED_OUT, "")
            if done is not None:
                done()

        def work() -> None:
            try:
                client.logout()
            finally:
                client.close()

        Operation(work).success(signed_out).failure(signed_out).run_in_background(self._sync_thread)

    @property
    def waiting(self) -> bool:
        """Whether a long poll is out, waiting for news from the server."""
        return self._waiting

    # Syncing ------------------------------------------------------------------------------------

    def _request_sync(self) -> None:
        if not self._active or self.store.locked:
            return
        if self._syncing:
            self._again = True
            return
        self._syncing = True
        self._debounce.stop()
        self._retry.stop()
        self._set_state(SyncState.SYNCING, "")
        client, store, generation = self._current_client(), self.store, self._generation
        told = set(self._told)

        def work() -> _Outcome:
            if client.account is None:
                return _Outcome(None, read_status(store))
            report = client.sync()
            notices = [n for n in unseen_notices(store) if n.seq not in told]
            return _Outcome(report, read_status(store), notices)

        Operation(work).success(lambda outcome: self._synced(generation, outcome)).failure(
            lambda error: self._failed(generation, error)
        ).run_in_background(self._sync_thread)

    def _synced(self, generation: int, outcome: _Outcome) -> None:
        if generation != self._generation:
            return
        self._syncing = False
        self.sig_status.emit(outcome.status)
        if outcome.report is None:
            self._blocked = True
            self._set_state(SyncState.NOT_CONFIGURED, "")
            return
        self._attempt = 0
        self._set_state(SyncState.ONLINE, "")
        self._publish(outcome.report.changes)
        self.sig_synced.emit(outcome.report)
        if outcome.notices:
            self._told |= {n.seq for n in outcome.notices}
            self.sig_notices.emit(outcome.notices)
        if self._again:
            self._again = False
            self._request_sync()
        else:
            self._wait_for_news()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._syncing = self._again = False
        self._trouble(error)

    def _trouble(self, error: BaseException) -> None:
        """Decide what a failure means: try again later, or wait for the manager."""
        if isinstance(error, LockedError):
            return  # the profile is locking: unlock starts again
        if isinstance(error, SyncError) and error.retry:
            self._set_state(SyncState.OFFLINE, error.message())
            self._schedule_retry()
            return
        if isinstance(error, SyncError):
            self._blocked = True
            self._retry.stop()
            state = {
                "sync_signed_out": SyncState.SIGNED_OUT,
                "sync_not_logged_in": SyncState.NOT_CONFIGURED,
            }.get(error.code, SyncState.ERROR)
            self._set_state(state, error.message())
            return
        # A busy or full disk, or a bug: say so, and try again later (it may pass).
        log.warning("sync failed: %s", type(error).__name__)
        message = getattr(error, "message", None)
        self._set_state(SyncState.ERROR, message() if callable(message) else type(error).__name__)
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        t = self.timings
        base = min(t.max_retry_ms, t.first_retry_ms * 2**self._attempt)
        delay = int(base * self._random.uniform(1 - t.jitter, 1 + t.jitter))
        self._attempt += 1
        self._retry.start(delay)
        self.sig_retry_scheduled.emit(delay)

    def _periodic_sync(self) -> None:
        if not self._blocked:
            self._request_sync()

    # Long poll ----------------------------------------------------------------------------------

    def _wait_for_news(self) -> None:
        seconds = self.timings.wait_seconds
        if not self._active or self._waiting or self._blocked or seconds <= 0:
            return
        if self.state != SyncState.ONLINE:
            return
        self._waiting = True
        client, generation = self._current_client(), self._generation
        Operation(lambda: client.wait_for_changes(seconds)).success(
            lambda changed: self._waited(generation, changed)
        ).failure(lambda error: self._wait_failed(generation, error)).run_in_background(self._wait_thread)

    def _waited(self, generation: int, changed: bool) -> None:
        if generation != self._generation:
            return
        self._waiting = False
        if changed and not self._blocked:
            self._request_sync()
        else:
            self._wait_for_news()

    def _wait_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._waiting = False
        if not self._syncing:  # a sync under way will tell for itself
            self._trouble(error)

    # Network ------------------------------------------------------------------------------------

    def network_changed(self, better: bool) -> None:
        """The system's network changed; when it got better, try at once instead of backing off."""
        if better and self._active and self.state in (SyncState.OFFLINE, SyncState.ERROR):
            self._attempt = 0
            self._request_sync()

    # Plumbing -----------------------------------------------------------------------------------

    def _current_client(self) -> SyncClient:
        if self._client is None:
            self._client = self._client_factory(self.store)
        return self._client

    def _new_client(self) -> None:
        """After a login: a fresh client (tokens, people) — the old one closes on the sync thread."""
        old, self._client = self._client, None
        if old is not None:
            Operation(old.close).failure(lambda _e: None).run_in_background(self._sync_thread)

    def _set_state(self, state: SyncState, message: str) -> None:
        if (state, message) != (self.state, self.message):
            self.state, self.message = state, message
            self.sig_state.emit(state.value, message)

    def _publish(self, changes: Changes) -> None:
        self._publishing = True
        try:
            self.bus.publish(changes)
        finally:
            self._publishing = False

    def _on_changed(self, _changes: Changes) -> None:
        if self._publishing or not self._active or self._blocked:
            return  # our own pull coming back, or a sync only the manager may start
        if not self._retry.isActive():  # offline: the change goes with the next try
            self._debounce.start()

    def _follow_bus(self, on: bool) -> None:
        if on and not self._following_bus:
            self.bus.sig_changed.connect(self._on_changed)
        elif not on and self._following_bus:
            with contextlib.suppress(RuntimeError, TypeError):  # the bus is gone already
                self.bus.sig_changed.disconnect(self._on_changed)
        self._following_bus = on
