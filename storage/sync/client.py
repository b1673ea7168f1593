"""One device's sync with the server: log in, push the outbox, pull from the cursor.

`SyncClient.sync()` is safe to interrupt anywhere — by a dropped connection, a killed process, a
full disk: each step commits on its own (a batch's answers, a page with its cursor), and what
was not committed is done again next time, answered by change id on the server's side.
"""

from __future__ import annotations

import contextlib
import platform
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, text

from storage.changes import Changes
from storage.local_state import get_state, read_state, set_state
from storage.models import Outbox, SyncState
from storage.store import Store
from storage.sync.account import (
    SyncAccount,
    forget_refresh_token,
    keep_refresh_token,
    load_account,
    refresh_token,
    save_account,
)
from storage.sync.api import EpochChanged, ResyncNeeded, SyncApi, SyncError, TokenExpired
from storage.sync.identity import bind_to_account, refresh_people
from storage.sync.local_rows import TABLE_ORDER, customers_of_pending_rows, has_customer_rows, remove_row
from storage.sync.outbox_push import (
    BATCH,
    PushTally,
    forget_old_acknowledged,
    has_pending,
    pending_entries,
    pending_fields,
    record_answers,
    resend_acknowledged,
    wire_changes,
)
from storage.sync.pull_apply import apply_deferred_removals, apply_page
from storage.sync.state import CURSOR, DEFERRED_REMOVALS, DRIFT, EPOCH, LAST_SYNC, RESYNC
from storage.timeutil import utc_now

PAGE = 2000
COUNT_EVERY = 600.0  # seconds between drift checks (a count costs the server a scan)
PRUNE_EVERY = 3600.0  # seconds between dropping acknowledged changes older than 30 days


@dataclass
class SyncReport:
    """What one sync did."""

    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    waiting: int = 0  # refused for now: their customer is not on the server yet (outbox_push)
    pulled: int = 0
    removed_customers: list[str] = field(default_factory=list)
    resynced: bool = False
    restored: bool = False
    seconds: float = 0.0
    changes: Changes = field(default_factory=Changes)  # rows the pull wrote: the panes refresh them


class SyncClient:
    """Syncs one open profile with the server it is logged in to. One sync at a time."""

    def __init__(self, store: Store, *, api_factory: Callable[[SyncAccount], SyncApi] | None = None) -> None:
        self.store = store
        self._api_factory = api_factory or (lambda a: SyncApi(a.server, ca_file=a.ca_file))
        self._lock = threading.Lock()
        self._access: str | None = None
        self._api: SyncApi | None = None
        self._people: dict[str, str] | None = None
        self._last_count: float | None = None  # when the server last counted our rows
        self._epoch: str | None = None  # the server's epoch as this device last stored it
        self._pruned = float("-inf")  # when acknowledged changes older than 30 days were last dropped

    # Accounts -------------------------------------------------------------------------------------
    @staticmethod
    def login(
        store: Store,
        server: str,
        username: str,
        password: str,
        *,
        ca_file: str | None = None,
        device_name: str | None = None,
        api: SyncApi | None = None,
    ) -> SyncAccount:
        """Log this profile in (binding it to the account on first login) and keep its tokens."""
        api = api or SyncApi(server, ca_file=ca_file)
        try:
            tokens = api.login(username, password, store.device_id, device_name or platform.node())
        finally:
            api.close()
        if tokens.user.get("role") == "admin":
            raise SyncError("sync_no_customer_data", retry=False)
        bind_to_account(store, tokens.user)
        user = tokens.user
        account = SyncAccount(
            server=api.server,
            username=user["username"],
            user_id=user["id"],
            display_name=user.get("display_name") or user["username"],
            role=user["role"],
            ca_file=ca_file,
        )
        save_account(store, account)
        keep_refresh_token(store, account, tokens.refresh_token)
        return account

    def logout(self) -> None:
        """Sign this device out on the server (when reachable) and here."""
        account = self._account()
        # Offline or signed out already: forgetting the token here is what matters.
        with contextlib.suppress(SyncError):
            self._with_token(lambda api, token: api.logout(token))
        forget_refresh_token(self.store, account)
        self._access = None

    @property
    def account(self) -> SyncAccount | None:
        return load_account(self.store)

    # Sync -----------------------------------------------------------------------------------------
    def sync(self) -> SyncReport:
        """Push everything pending, then pull everything new. Raises SyncError when it cannot."""
        with self._lock:
            started = time.monotonic()
            report = SyncReport()
            try:
                self._sync(report)
            finally:
                report.seconds = time.monotonic() - started
            with self.store.write() as tx:
                set_state(tx.session, LAST_SYNC, utc_now().isoformat())
            return report

    def _sync(self, report: SyncReport) -> None:
        if self._people is None:
            self._people = refresh_people(self.store, self._with_token(lambda api, t: api.people(t)))
        self._push_all(report)
        state = self._state()
        if state.get(DEFERRED_REMOVALS) not in (None, "", "[]"):
            with self.store.write() as tx:
                deferred = apply_deferred_removals(tx.session, self._people)
            report.removed_customers += deferred.removed_customers
            report.changes |= deferred.changes
        # A pull from no cursor is a full one: rows held here that it does not bring are ghosts
        # (a customer made here, pushed with its answer lost, then reassigned away and the
        # removal compacted before this device ever pulled).
        try:
            if state.get(RESYNC) == "1" or not state.get(CURSOR):
                self._resync(report)
            else:
                self._pull(report, state.get(CURSOR))
        except ResyncNeeded:  # told to (410), or the server was restored meanwhile: from the top
            self._mark_resync()
            self._resync(report)
        if time.monotonic() - self._pruned > PRUNE_EVERY:
            with self.store.write() as tx:
                forget_old_acknowledged(tx.session, utc_now())
            self._pruned = time.monotonic()

    def _state(self) -> dict[str, str]:
        """This device's sync bookkeeping, read at once."""
        keys = (CURSOR, RESYNC, DEFERRED_REMOVALS, EPOCH)
        with self.store.read() as session:
            found = dict(
                session.execute(select(SyncState.key, SyncState.value).where(SyncState.key.in_(keys))).all()
            )
        self._epoch = found.get(EPOCH)
        return found

    def _push_all(self, report: SyncReport) -> None:
        done = 0  # the last entry answered in this pass (those left waiting are not sent again)
        report.waiting = 0  # as this pass leaves them (a resync pushes a second time)
        while True:
            with self.store.read() as session:
                entries = pending_entries(session, BATCH, after=done)
                changes = wire_changes(session, entries)
            if not entries:
                return
            sent = [c for c in changes if c is not None]
            epoch = self._epoch
            try:
                answer = self._push_batch(sent, epoch) if sent else None
            except EpochChanged as changed:  # refused, nothing applied: re-queue, then push again
                if changed.epoch == epoch:  # a server contradicting itself: never loop on it
                    raise SyncError("sync_server_error", retry=True, status=409) from None
                report.restored = self._epoch_changed(changed.epoch) or report.restored
                done = report.waiting = 0
                continue
            if answer is not None and self._epoch_changed(answer["epoch"]):
                report.restored = True
                done = report.waiting = 0
                continue  # acknowledged changes are pending again: push them from the start
            with self.store.write() as tx:
                here = _reload(tx.session, entries)  # the same entries, in this transaction
                tally = record_answers(tx, here, changes, answer["results"] if answer else [])
            done = entries[-1].seq
            _add(report, tally)

    def _push_batch(self, changes: list[dict], epoch: str | None) -> dict:
        return self._with_token(lambda api, token: api.push(token, changes, epoch))

    def _epoch_changed(self, epoch: str) -> bool:
        """Note the server's epoch; True (and everything of the last 30 days re-queued) when the
        server was restored from a backup since this device last saw it."""
        if epoch == self._epoch:  # the usual case, known without touching the database
            return False
        with self.store.write() as tx:
            known = get_state(tx.session, EPOCH)
            self._epoch = epoch
            if known == epoch:
                return False
            set_state(tx.session, EPOCH, epoch)
            if known is None:
                return False
            resend_acknowledged(tx.session, utc_now())
            set_state(tx.session, RESYNC, "1")  # the restored server's cursor is not ours
            return True

    def _pull(self, report: SyncReport, cursor: str | None, seen: set | None = None) -> str | None:
        """Pull pages after `cursor` until the last; returns the final cursor. The next page is
        fetched while this one is written (the server's time and ours overlap)."""
        count = (
            seen is not None or self._last_count is None or time.monotonic() - self._last_count > COUNT_EVERY
        )

        def fetch(after: str | None) -> dict:
            return self._with_token(lambda api, token: api.pull(token, after, PAGE, count))

        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as fetcher:
            coming = fetcher.submit(fetch, cursor)
            while True:
                page = coming.result()
                if self._epoch_changed(page["epoch"]):
                    report.restored = True
                    raise ResyncNeeded()
                if page["more"]:
                    coming = fetcher.submit(fetch, page["cursor"])
                self._apply(report, page, seen)
                if not page["more"]:
                    if page.get("live_rows") is not None:
                        self._last_count = time.monotonic()
                        if seen is None:
                            self._check_drift(page["live_rows"])
                    return page["cursor"]

    def _apply(self, report: SyncReport, page: dict, seen: set | None) -> None:
        """Write one page, with its cursor (unless re-syncing, which saves the cursor at the end)."""
        with self.store.write(check_foreign_keys=False) as tx:
            applied = apply_page(tx.session, page["rows"], self._people or {})
            if seen is None:
                set_state(tx.session, CURSOR, page["cursor"] or "")
        if seen is not None:
            seen |= applied.seen
        report.pulled += applied.rows
        report.removed_customers += applied.removed_customers
        report.changes |= applied.changes

    def _check_drift(self, expected: int) -> None:
        """A count unlike the server's, twice running, means ghost rows or gaps: re-sync. Not
        comparable while changes wait (for their customer to reach the server)."""
        if has_pending(self.store):
            return
        held = live_row_count(self.store)
        note = f"{expected}/{held}"
        with self.store.write() as tx:
            if held == expected:
                set_state(tx.session, DRIFT, "")
            elif get_state(tx.session, DRIFT) == note:
                set_state(tx.session, DRIFT, "")
                set_state(tx.session, RESYNC, "1")
            else:
                set_state(tx.session, DRIFT, note)  # a push committing as we counted: look again later

    def _mark_resync(self) -> None:
        with self.store.write() as tx:
            set_state(tx.session, RESYNC, "1")

    def _resync(self, report: SyncReport) -> None:
        """Pull everything from no cursor; rows the server no longer has for us leave the device."""
        self._push_all(report)  # never throw pending changes away
        seen: set[tuple[str, str]] = set()
        cursor = self._pull(report, None, seen)
        with self.store.write() as tx:
            ghosts = _ghost_rows(tx.session, seen)
            for table, row_id in ghosts:
                if table == "customer" and has_customer_rows(tx.session, row_id):
                    # The server still holds rows of theirs (calls: facts outlive a customer
                    # whose tombstone was compacted): kept as a tombstone here, so those stay.
                    tx.session.execute(text("UPDATE customer SET deleted = 1 WHERE id = :id"), {"id": row_id})
                else:
                    remove_row(tx.session, table, row_id)
            set_state(tx.session, CURSOR, cursor or "")
            set_state(tx.session, RESYNC, "")
            set_state(tx.session, DRIFT, "")
        report.resynced = True

    def reassign(self, customer_id: str, to_manager_id: str) -> int:
        """(Supervisors) move a customer of the branch to another manager; rows moved."""
        return self._with_token(lambda api, token: api.reassign(token, customer_id, to_manager_id))

    def wait_for_changes(self, seconds: float = 25.0) -> bool:
        """Long poll: True as soon as the server has something new for this device (then sync),
        False after `seconds` of nothing. Raises SyncError like `sync`."""
        cursor = read_state(self.store, CURSOR) or None
        return self._with_token(lambda api, token: api.wait(token, cursor, seconds))

    # Tokens ---------------------------------------------------------------------------------------
    def _account(self) -> SyncAccount:
        account = load_account(self.store)
        if account is None:
            raise SyncError("sync_not_logged_in", retry=False)
        return account

    def _with_token(self, call):
        """Run `call(api, access_token)`, refreshing the token once when it has expired."""
        account = self._account()
        if self._api is None:
            self._api = self._api_factory(account)
        for attempt in (1, 2):
            if self._access is None:
                self._refresh(account)
            try:
                return call(self._api, self._access)
            except TokenExpired:
                self._access = None
                if attempt == 2:
                    raise SyncError("sync_signed_out", retry=False) from None
        raise AssertionError("unreachable")

    def _refresh(self, account: SyncAccount) -> None:
        token = refresh_token(self.store, account)
        if not token:
            raise SyncError("sync_signed_out", retry=False)
        try:
            tokens = self._api.refresh(token)
        except TokenExpired:
            raise SyncError("sync_signed_out", retry=False) from None
        except SyncError as exc:
            if exc.code == "sync_signed_out":  # the refresh token is dead: forget it
                forget_refresh_token(self.store, account)
            raise
        keep_refresh_token(self.store, account, tokens.refresh_token)
        self._access = tokens.access_token

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
            self._api = None


def live_row_count(store: Store) -> int:
    """Live rows of the synced tables this device holds (what the server's count should say)."""
    with store.read() as session:
        return sum(
            session.scalar(text(f"SELECT count(*) FROM {table} WHERE deleted = 0")) for table in TABLE_ORDER
        )


def last_sync_time(store: Store) -> datetime | None:
    raw = read_state(store, LAST_SYNC)
    return datetime.fromisoformat(raw) if raw else None


def _reload(session, entries: list) -> list:
    seqs = [entry.seq for entry in entries]
    found = {e.seq: e for e in session.scalars(select(Outbox).where(Outbox.seq.in_(seqs)))}
    return [found[seq] for seq in seqs]


def _ghost_rows(session, seen: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rows held here that a full pull did not bring and that have nothing pending, children
    before parents."""
    ghosts = []
    for table in TABLE_ORDER:
        if table == "audit_event":
            continue  # append-only here; the server has them or they are pending
        for (row_id,) in session.execute(text(f"SELECT id FROM {table}")):
            if (table, row_id) not in seen:
                ghosts.append((table, row_id))
    pending = pending_fields(session, set(ghosts))
    # A call waiting for its customer to come back to a restored server keeps the customer here.
    needed = {("customer", customer) for customer in customers_of_pending_rows(session)}
    gone = [key for key in ghosts if key not in pending and key not in needed]
    # A tag stays while a tag link that stays names it.
    leaving = {row_id for table, row_id in gone if table in ("customer", "customer_tag")}
    links = session.execute(text("SELECT id, customer_id, tag_id FROM customer_tag"))
    named = {("tag", tag) for link, customer, tag in links if link not in leaving and customer not in leaving}
    return [key for key in reversed(gone) if key not in named]  # children first: tags after their links


def _add(report: SyncReport, tally: PushTally) -> None:
    report.pushed += tally.sent
    report.waiting += tally.waiting
    report.conflicts += tally.conflicts
    report.rejected += tally.rejected
