"""Binding a profile to its server account on first login, and knowing colleagues by name.

A profile made offline has a manager id of its own. The first login makes it the server's id
for that user — in every row, and in the changes still waiting in the outbox — so what the
manager entered offline is theirs on the server too. A profile bound to one account is never
synced as another (its rows would be refused, or worse, shown to the wrong person).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.errors import BranchDeskError
from storage.local_state import set_state
from storage.profile import LOCAL_MANAGER
from storage.store import Actor, Store
from storage.sync.account import load_account
from storage.timeutil import db_time, utc_now

# Columns that name a manager, per table.
_MANAGER_COLUMNS = {
    "customer": ("owner_manager_id",),
    "card": ("owner_manager_id",),
    "tag": ("owner_manager_id",),
    "customer_tag": ("owner_manager_id",),
    "call_log": ("owner_manager_id", "manager_id"),
    "reminder": ("owner_manager_id",),
}  # audit events keep the actor id they were written with: they are append-only


def bind_to_account(store: Store, user: dict) -> None:
    """Make the profile's manager the server's `user` (id, username, display_name, role)."""
    account = load_account(store)
    old = store.actor.id
    if account is not None and account.user_id != user["id"]:
        raise BranchDeskError("sync_other_account", owner=account.username, user=user["username"])
    new = user["id"]
    with store.write() as tx:
        session = tx.session
        if old != new:
            session.execute(text("PRAGMA defer_foreign_keys = ON"))
            session.execute(
                text("UPDATE manager SET username = username || :mark WHERE id = :old"),
                {"old": old, "mark": "~old"},
            )
            _upsert_person(session, user)
            for table, columns in _MANAGER_COLUMNS.items():
                for column in columns:
                    session.execute(
                        text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
                        {"new": new, "old": old},
                    )
            # Changes not yet sent carry the old id in their fields (ids are random hex: no clash).
            session.execute(
                text("UPDATE outbox SET fields = replace(fields, :old, :new) WHERE acked_at IS NULL"),
                {"old": old, "new": new},
            )
            set_state(session, LOCAL_MANAGER, new)
            session.execute(text("DELETE FROM manager WHERE id = :old"), {"old": old})
        else:
            _upsert_person(session, user)
    store.actor = Actor(new, user.get("display_name") or user["username"])


def refresh_people(store: Store, people: list[dict]) -> dict[str, str]:
    """Keep the colleagues the server listed; returns id -> display name."""
    with store.write() as tx:
        for person in people:
            _upsert_person(tx.session, person)
    return {p["id"]: p.get("display_name") or p["username"] for p in people}


def known_people(store: Store) -> dict[str, str]:
    """id -> display name of every manager this device knows."""
    with store.read() as session:
        return dict(session.execute(text("SELECT id, display_name FROM manager")).all())


def _upsert_person(session, person: dict) -> None:
    values = {
        "id": person["id"],
        "username": person["username"],
        "display_name": person.get("display_name") or person["username"],
        "role": person.get("role", "manager"),
    }
    statement = text(
        "INSERT INTO manager (id, username, display_name, role, created_at, updated_at, version, deleted) "
        "VALUES (:id, :username, :display_name, :role, :now, :now, 0, 0) ON CONFLICT(id) DO UPDATE SET "
        "username = excluded.username, display_name = excluded.display_name, role = excluded.role"
    )
    now = db_time(utc_now())
    try:
        with session.begin_nested():
            session.execute(statement, {**values, "now": now})
    except IntegrityError:  # a stale local row holds the user name: keep both, told apart
        with session.begin_nested():
            session.execute(
                statement, {**values, "username": f"{values['username']}:{values['id'][:8]}", "now": now}
            )
