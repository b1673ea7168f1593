"""Where sync stands, as the status bar shows it: the runner's state and the figures beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.outbox import pending_count
from storage.store import Store
from storage.sync.client import last_sync_time
from storage.sync.conflicts import ConflictService


class SyncState(StrEnum):
    """What the runner is doing, as the status bar shows it."""

    NOT_CONFIGURED = "not_configured"  # no server account yet (or it was never logged in)
    SYNCING = "syncing"
    ONLINE = "online"  # the last sync worked; waiting for news from the server
    OFFLINE = "offline"  # the server cannot be reached: trying again later
    SIGNED_OUT = "signed_out"  # the manager must log in again
    ERROR = "error"  # something the manager must see (app too old, certificate, a refusal)


@dataclass(frozen=True)
class SyncStatus:
    """The figures the status bar shows."""

    last_sync: datetime | None = None
    pending: int = 0
    conflicts: int = 0


def read_status(store: Store) -> SyncStatus:
    """The last good sync, the changes waiting and the open conflicts (a few local reads)."""
    with store.read() as session:
        pending = pending_count(session)
    return SyncStatus(last_sync_time(store), pending, ConflictService(store).open_count())
