"""This device's own bookkeeping in `sync_state`: local, never synced, never audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert

from storage.models import SyncState
from storage.store import Store


def read_state(store: Store, key: str) -> str | None:
    """The value kept under `key` on this device, or None."""
    with store.read() as session:
        return session.scalar(select(SyncState.value).where(SyncState.key == key))


def write_state(store: Store, key: str, value: str) -> None:
    """Keep `value` under `key` (no outbox entry: it is not a change to the book)."""
    statement = insert(SyncState).values(key=key, value=value)
    with store.write() as tx:
        tx.session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
