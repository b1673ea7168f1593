"""This device's own bookkeeping in `sync_state`: local, never synced, never audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from storage.models import SyncState
from storage.store import Store


def get_state(session: Session, key: str) -> str | None:
    """The value kept under `key`, read in the caller's transaction."""
    return session.scalar(select(SyncState.value).where(SyncState.key == key))


def set_state(session: Session, key: str, value: str) -> None:
    """Keep `value` under `key` in the caller's transaction (commits with what it goes with)."""
    statement = insert(SyncState).values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def read_state(store: Store, key: str) -> str | None:
    """The value kept under `key` on this device, or None."""
    with store.read() as session:
        return get_state(session, key)


def write_state(store: Store, key: str, value: str) -> None:
    """Keep `value` under `key` (no outbox entry: it is not a change to the book)."""
    with store.write() as tx:
        set_state(tx.session, key, value)
