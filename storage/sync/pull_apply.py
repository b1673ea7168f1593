"""Applying a pulled page: every row of it and the new cursor in one write transaction, so a
crash either keeps the page and its cursor or neither. Rows never overwrite an edit still
waiting in the outbox (the server merges it when it arrives); a customer reassigned away leaves
the device with its rows — unless edits of theirs still wait, then after those are pushed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from storage.changes import Changes
from storage.local_state import get_state, set_state
from storage.models import Manager, SyncNotice
from storage.sync.local_rows import (
    TABLE_ORDER,
    derive_customer_columns,
    refresh_contact_columns,
    remove_customer_rows,
    remove_row,
    stored_fields,
    upsert_rows,
)
from storage.sync.outbox_push import pending_fields
from storage.sync.state import DEFERRED_REMOVALS
from storage.timeutil import utc_now


@dataclass
class PageResult:
    """What applying a page did."""

    rows: int = 0
    removed_customers: list[str] = field(default_factory=list)
    deferred: int = 0
    seen: set[tuple[str, str]] = field(default_factory=set)
    changes: Changes = field(default_factory=Changes)  # what the panes showing these rows refresh


def apply_page(session: Session, rows: list[dict], people: dict[str, str]) -> PageResult:
    """Write a pulled page (in the caller's transaction). `people` maps manager ids to names.

    Rows and removals take effect in the page's order: a customer moved away and back while the
    laptop slept arrives as "removed, then the rows", and must end up held.
    """
    result = PageResult(rows=len(rows))
    run: list[dict] = []
    for row in rows:
        if row.get("removed"):
            _write_rows(session, run, people, result)
            run = []
            _remove(session, row, people, result)
        else:
            run.append(row)
    _write_rows(session, run, people, result)
    return result


def _write_rows(session: Session, rows: list[dict], people: dict[str, str], result: PageResult) -> None:
    """Upsert a run of pulled rows, parents first, leaving fields with pending edits alone."""
    if not rows:
        return
    pending = pending_fields(session, {(row["table"], row["id"]) for row in rows})
    by_table: dict[str, list] = {}
    customers: dict[str, dict] = {}
    touched: set[str] = set()
    for row in rows:
        table = row["table"]
        if table not in TABLE_ORDER:
            continue  # a table this version does not know (a newer server)
        values = stored_fields(table, row["fields"])
        values.update(id=row["id"], version=row["version"], deleted=1 if row.get("deleted") else 0)
        by_table.setdefault(table, []).append((values, pending.get((table, row["id"]), set())))
        result.seen.add((table, row["id"]))
        if table == "customer":
            customers[row["id"]] = row["fields"]
            touched.add(row["id"])
        elif "customer_id" in row["fields"]:
            touched.add(row["fields"]["customer_id"])
    _ensure_managers(session, by_table, people)
    for table in TABLE_ORDER:
        if table in by_table:
            upsert_rows(session, table, by_table[table])
    derive_customer_columns(session, customers)
    refresh_contact_columns(session, touched)
    result.changes |= _changes(by_table, touched)


def _changes(by_table: dict[str, list], customers: set[str]) -> Changes:
    def ids(table: str) -> frozenset[str]:
        return frozenset(values["id"] for values, _ in by_table.get(table, []))

    return Changes(
        customers=frozenset(customers),
        cards=ids("card"),
        tags=ids("tag")
        | frozenset(v["tag_id"] for v, _ in by_table.get("customer_tag", []) if "tag_id" in v),
        calls=ids("call_log"),
        reminders=ids("reminder"),
    )


def _remove(session: Session, removal: dict, people: dict[str, str], result: PageResult) -> None:
    table, row_id = removal["table"], removal["id"]
    customer_id = row_id if table == "customer" else _customer_of(session, table, row_id)
    if customer_id is not None and _customer_has_pending(session, customer_id):
        # The manager's edits of this customer go first; the removal waits for the next push.
        deferred = json.loads(get_state(session, DEFERRED_REMOVALS) or "[]")
        deferred.append(removal)
        set_state(session, DEFERRED_REMOVALS, json.dumps(deferred))
        result.deferred += 1
        return
    if table == "customer":
        _notice(session, row_id, removal.get("to"), people)
        remove_customer_rows(session, row_id)
        result.removed_customers.append(row_id)
        result.changes |= Changes(customers=frozenset({row_id}))
    else:
        remove_row(session, table, row_id)


def apply_deferred_removals(session: Session, people: dict[str, str]) -> PageResult:
    """Removals that waited for pending edits: those whose customer has nothing pending now."""
    result = PageResult()
    waiting = json.loads(get_state(session, DEFERRED_REMOVALS) or "[]")
    if not waiting:
        return result
    set_state(session, DEFERRED_REMOVALS, "[]")
    for removal in waiting:
        if _came_back(session, removal):
            continue  # moved back to this manager since: the newer rows stand
        _remove(session, removal, people, result)  # still pending: deferred again
    return result


def _came_back(session: Session, removal: dict) -> bool:
    """Whether the row was pulled again after the removal was (a newer version is held)."""
    if removal["table"] not in TABLE_ORDER:
        return False
    held = session.scalar(
        text(f"SELECT version FROM {removal['table']} WHERE id = :id"), {"id": removal["id"]}
    )
    return held is not None and held > removal["version"]


def _customer_has_pending(session: Session, customer_id: str) -> bool:
    dependents = " UNION ALL ".join(
        f"SELECT id FROM {table} WHERE customer_id = :cid"
        for table in ("card", "call_log", "reminder", "customer_tag")
    )
    query = text(
        f"SELECT 1 FROM outbox WHERE acked_at IS NULL AND (row_id = :cid OR row_id IN ({dependents})) LIMIT 1"
    )
    return session.scalar(query, {"cid": customer_id}) is not None


def _customer_of(session: Session, table: str, row_id: str) -> str | None:
    if table not in ("card", "call_log", "reminder", "customer_tag"):
        return None
    return session.scalar(text(f"SELECT customer_id FROM {table} WHERE id = :id"), {"id": row_id})


def _notice(session: Session, customer_id: str, to: str | None, people: dict[str, str]) -> None:
    name = session.scalar(text("SELECT name FROM customer WHERE id = :id"), {"id": customer_id})
    if name is None:
        return  # never held here: nothing to tell
    session.add(
        SyncNotice(
            customer_id=customer_id,
            customer_name=name,
            to_manager_id=to,
            to_name=people.get(to) if to else None,
            at=utc_now(),
        )
    )


def _ensure_managers(session: Session, by_table: dict[str, list], people: dict[str, str]) -> None:
    """Rows name their owner (and a call its manager): make sure this device knows them all."""
    ids = {
        values.get(column)
        for rows in by_table.values()
        for values, _ in rows
        for column in ("owner_manager_id", "manager_id")
    } - {None}
    if not ids:
        return
    known = set(
        session.scalars(
            text("SELECT id FROM manager WHERE id IN (SELECT value FROM json_each(:ids))"),
            {"ids": json.dumps(sorted(ids))},
        )
    )
    for manager_id in ids - known:
        name = people.get(manager_id) or manager_id[:8]
        session.add(
            Manager(id=manager_id, username=f"server:{manager_id}", display_name=name, role="manager")
        )
    session.flush()
