"""Push: a batch of changes from one device's outbox, applied in one transaction.

Each change is applied at most once — its `change_id` is the idempotency key, and a re-sent
change gets the answer it got the first time — and on its own: a change refused (validation,
permission) never blocks the changes queued behind it, and leaves nothing behind, because every
rule is checked before the batch's rows (held in memory, `batch.py`) are touched. Answers per change:
applied (with the row's new version), merged (nothing left to change), conflict (with the values
on both sides), or rejected (with a reason a person can read).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field

from sqlalchemy.orm import Session

from server import audit
from server.accounts.models import User
from server.sync.access import may_write, require_customer_data
from server.sync.batch import Batch, StoredRow
from server.sync.merge import APPLIED, CONFLICT, MERGED, merge_fields
from server.sync.reassign import was_owner
from server.sync.tables import STRUCTURAL, TABLES, SyncTable
from storage.errors import BranchDeskError
from storage.hlc import format_stamp, parse_stamp
from storage.messages import EN
from storage.wire import encode_fields

REJECTED = "rejected"
_ROW_ID = re.compile(r"[0-9A-Za-z_-]{1,32}")
MAX_AHEAD_MS = 5 * 60 * 1000  # a device stamp further ahead of the server's clock is capped
# What a device did with personal data, copied from its audit events into the server's audit log
# (the events themselves sync as facts): exports and unmasked views. Only the counts, flags and
# ids of the detail — a file name or a search filter could hold a customer's name.
REPORTED_ACTIONS = ("export.", "customer.reveal")
REPORTED_DETAIL = ("rows", "masked", "week", "field")


@dataclass
class Change:
    """One outbox entry as pushed."""

    change_id: str
    table: str
    row_id: str
    op: str  # "upsert" | "delete"
    fields: dict[str, object]
    base: dict[str, object]
    base_version: int
    edited_at: str


@dataclass
class Outcome:
    change_id: str
    status: str
    version: int | None = None
    conflicts: list[dict] = field(default_factory=list)
    reason: dict | None = None


class Refused(Exception):
    """A change that cannot be applied, with a code and a sentence."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def push(*, session: Session, user: User, device_id: str, changes: list[Change]) -> list[Outcome]:
    """Apply `changes` in order; every one gets an outcome (and is recorded with it)."""
    require_customer_data(user)
    batch = Batch.load(session, [c.change_id for c in changes], _keys(changes))
    outcomes = []
    for change in changes:
        earlier = batch.seen.get(change.change_id)
        if earlier is not None and earlier.user_id == user.id:
            outcomes.append(Outcome(**json.loads(earlier.result)))
            continue
        if earlier is not None:  # another user's change id: answer nothing of theirs
            reason = {"code": "duplicate_change_id", "message": "This change id was used by someone else."}
            outcomes.append(Outcome(change.change_id, REJECTED, reason=reason))
            continue
        outcome = _apply_one(session, batch, user, change)
        if not _for_now(outcome):
            batch.record(change.change_id, user.id, device_id, outcome)  # a second use gets this answer
        if change.table == "audit_event" and outcome.status == APPLIED:
            _report(session, user, device_id, change.fields)
        outcomes.append(outcome)
    batch.write()
    return outcomes


def _for_now(outcome: Outcome) -> bool:
    """A refusal that may not hold later: the row's customer is not here (yet) — after a restore
    from a backup, the device that made it may re-send it after this change. Not recorded, so a
    re-send is judged again instead of answered from the record; it changed nothing either way."""
    return outcome.status == REJECTED and (outcome.reason or {}).get("code") == "no_customer"


def _report(session: Session, user: User, device_id: str, event: dict[str, object]) -> None:
    """A device's export or reveal, in the server's audit log (once: a re-sent change is answered
    from its record before it gets here)."""
    action = event.get("action")
    if not (isinstance(action, str) and action.startswith(REPORTED_ACTIONS)):
        return
    try:
        detail = json.loads(str(event.get("detail") or "{}"))
    except ValueError:
        detail = {}
    kept = {k: detail[k] for k in REPORTED_DETAIL if isinstance(detail, dict) and k in detail}
    audit.record(
        session=session,
        action=f"client.{action}"[:40],
        user_id=user.id,
        username=user.username,
        device_id=device_id,
        occurred_at=event.get("occurred_at"),
        record_id=event.get("record_id"),
        **kept,
    )


def _keys(changes: list[Change]) -> set[tuple[str, str]]:
    """The rows a batch may read: its own, their customers, and the tags its tag links name."""
    keys = {(c.table, c.row_id) for c in changes}
    keys |= {("customer", c.fields["customer_id"]) for c in changes if is_row_id(c.fields.get("customer_id"))}
    keys |= {("tag", c.fields["tag_id"]) for c in changes if is_row_id(c.fields.get("tag_id"))}
    return keys


def is_row_id(value: object) -> bool:
    """An id as devices make them (UUID hex): anything else never reaches a query."""
    return isinstance(value, str) and _ROW_ID.fullmatch(value) is not None


def _apply_one(session: Session, batch: Batch, user: User, change: Change) -> Outcome:
    """The change's outcome; a refusal (every rule is checked before a row is touched) is an
    outcome too, and leaves the batch's rows as they were."""
    try:
        return _apply(session, batch, user, change)
    except Refused as refusal:
        return Outcome(change.change_id, REJECTED, reason={"code": refusal.code, "message": refusal.message})
    except BranchDeskError as error:  # the record cleaners' validation errors
        reason = {"code": error.code, "message": error.message(EN), **_jsonable(error.params)}
        return Outcome(change.change_id, REJECTED, reason=reason)


def _apply(session: Session, batch: Batch, user: User, change: Change) -> Outcome:
    table = TABLES.get(change.table)
    if table is None:
        raise Refused("unknown_table", f"The server does not sync a table called {change.table!r}.")
    if change.op not in ("upsert", "delete"):
        raise Refused("unknown_op", f"A change is an upsert or a delete, not {change.op!r}.")
    row = batch.row(table.name, change.row_id)
    owner_id, customer_id = _ownership(batch, table, change, row, user)
    stamp = _bounded(change.edited_at)
    if not may_write(user, row, owner_id):
        if not (was_owner(session, user.id, customer_id) or _completes(row, change, user)):
            raise Refused("forbidden", "This row belongs to another manager's customer; nothing was changed.")
        if not (table.fact and row is None):
            reason = {
                "field": None,
                "reason": "reassigned",
                "message": "The customer was reassigned to another manager.",
            }
            if row is not None:
                _fill_missing(batch, table, row, change, stamp)
            return Outcome(change.change_id, CONFLICT, version=row.seq if row else None, conflicts=[reason])
        # A call made before the customer moved is still a fact: it goes to the new owner's book.
    if change.op == "delete":
        return _delete(batch, table, change, row)
    if row is None:
        return _create(batch, table, change, user, owner_id, customer_id, stamp)
    if table.fact:
        raise Refused("fact", f"A {table.name} row is a record of what happened: it is not edited.")
    return _update(batch, table, change, row, stamp)


def _ownership(batch: Batch, table: SyncTable, change: Change, row: StoredRow | None, user: User):
    """(owner, customer) of the row: a customer owns itself; a card, call, reminder or tag link
    belongs to its customer's owner; a tag or an audit event to the manager who made it."""
    if table.customer_field is None:
        owner = row.owner_id if row is not None else change.fields.get("owner_manager_id", user.id)
        if not is_row_id(owner):
            raise Refused("invalid", "owner_manager_id must be a manager's id.")
        return owner, (change.row_id if table.name == "customer" else None)
    customer_id = row.customer_id if row is not None else change.fields.get(table.customer_field)
    if customer_id is None:  # an edit or delete of a row that never got here (say, refused)
        raise Refused("no_row", f"The server has no such {table.name} row, and the change names no customer.")
    if not is_row_id(customer_id):
        raise Refused("invalid", f"The {table.name} row's customer_id must be a row id.")
    customer = batch.row("customer", customer_id) if customer_id else None
    if customer is None:
        raise Refused("no_customer", f"The {table.name} row names a customer the server does not have.")
    return customer.owner_id, customer_id


def _create(batch: Batch, table: SyncTable, change: Change, user: User, owner_id, customer_id, stamp):
    values = {k: v for k, v in change.fields.items() if k not in STRUCTURAL}
    cleaned = encode_fields(table.clean(values, None))
    structural = {k: change.fields[k] for k in ("created_at", "updated_at") if k in change.fields}
    if table.name == "call_log" and change.fields.get("manager_id", user.id) != user.id:
        raise Refused("forbidden", "A manager logs their own calls only.")
    if table.name == "customer_tag":
        tag = batch.row("tag", cleaned["tag_id"])
        if tag is None or tag.owner_id != owner_id:
            raise Refused("no_tag", "The tag put on the customer is not one of their manager's tags.")
    stored = {**structural, **cleaned, "owner_manager_id": owner_id}
    if table.customer_field:
        stored[table.customer_field] = customer_id
    if table.name == "call_log":
        stored["manager_id"] = user.id
    txid, seq = batch.stamp()
    row = StoredRow(
        table_name=table.name,
        row_id=change.row_id,
        owner_id=owner_id,
        branch_id=user.branch_id,
        customer_id=customer_id,
        fields=json.dumps(stored, ensure_ascii=False),
        stamps=json.dumps(dict.fromkeys(cleaned, stamp)),
        seq=seq,
        txid=txid,
        deleted=False,
    )
    batch.add(row)  # later changes of the batch find it
    return Outcome(change.change_id, APPLIED, version=seq)


def _update(batch: Batch, table: SyncTable, change: Change, row: StoredRow, stamp: str) -> Outcome:
    current, stamps = json.loads(row.fields), json.loads(row.stamps)
    incoming = {k: v for k, v in change.fields.items() if k not in STRUCTURAL}
    if row.deleted and not table.add_wins:
        reason = {"field": None, "reason": "deleted", "message": "The row was deleted on another device."}
        return Outcome(change.change_id, CONFLICT, version=row.seq, conflicts=[reason])
    cleaned = encode_fields(table.clean(incoming, current)) if incoming else {}
    base = {k: v for k, v in change.base.items() if k in cleaned}
    conflicts = _settle_status(table, current, cleaned, base)
    merged = merge_fields(
        current=current, stamps=stamps, incoming=cleaned, base=base, stamp=stamp, identity=table.identity
    )
    conflicts += [asdict(c) for c in merged.conflicts]
    revived = row.deleted  # a tag link added again: the add wins over the remove
    if _brings_creation(current, change):
        merged.values["created_at"] = change.fields["created_at"]
    if not merged.values and not revived:
        if conflicts:
            # The pusher holds values the server did not take: a new place on the cursor sends
            # the row, as the server keeps it, back to the pusher's devices at their next pull.
            batch.restamp(row)
        return Outcome(
            change.change_id, CONFLICT if conflicts else MERGED, version=row.seq, conflicts=conflicts
        )
    current.update(merged.values)
    stamps.update(merged.stamps)
    row.fields, row.stamps, row.deleted = json.dumps(current, ensure_ascii=False), json.dumps(stamps), False
    batch.restamp(row)
    return Outcome(change.change_id, CONFLICT if conflicts else APPLIED, version=row.seq, conflicts=conflicts)


def _settle_status(table: SyncTable, current: dict, incoming: dict, base: dict) -> list[dict]:
    """A terminal status (done, cancelled) wins over any other, whatever the clocks say."""
    if not table.terminal_status or "status" not in incoming:
        return []
    held, wanted = current.get("status"), incoming["status"]
    if held in table.terminal_status and wanted not in table.terminal_status:
        for name in ("status", "snoozed_until"):
            incoming.pop(name, None)
        return [{"field": "status", "kept": held, "lost": wanted, "lost_side": "incoming"}]
    if wanted in table.terminal_status and held not in table.terminal_status:
        base["status"] = held  # applies as if nobody else had changed it
    return []


def _delete(batch: Batch, table: SyncTable, change: Change, row: StoredRow | None) -> Outcome:
    if table.fact:
        raise Refused("fact", f"A {table.name} row is a record of what happened: it is not deleted.")
    if row is None:
        raise Refused("not_found", "The row to delete is not on the server.")
    if table.add_wins and not row.deleted and row.seq > change.base_version:
        # Added again (or changed) on another device after this one last saw it: it stays.
        reason = {"field": None, "reason": "re-added", "message": "It was added again on another device."}
        return Outcome(change.change_id, CONFLICT, version=row.seq, conflicts=[reason])
    if not row.deleted:
        row.deleted = True
        batch.restamp(row)
        if table.name == "customer":
            _delete_dependents(batch, row.row_id)
    return Outcome(change.change_id, APPLIED, version=row.seq)


# What goes with a deleted customer (calls and audit events are facts: they stay).
DEPENDENTS = tuple(
    t.name for t in TABLES.values() if t.customer_field and not t.fact and t.name != "customer"
)


def _delete_dependents(batch: Batch, customer_id: str) -> None:
    """A deleted customer takes their cards, reminders and tag links along (devices get the
    tombstones; compaction later drops them with the customer's — no orphans left behind)."""
    for dependent in batch.rows_of_customer(customer_id, DEPENDENTS):
        if not dependent.deleted:
            dependent.deleted = True
            batch.restamp(dependent)


def _completes(row: StoredRow | None, change: Change, user: User) -> bool:
    """Whether the change is the creation, re-sent after a restore, of a row the server first
    made from a later edit — one that has moved to another manager since. A restore loses the
    reassignment with the rest, so `was_owner` cannot tell; the creation time the row lacks and
    the change carries can. (Row ids are random 128-bit: only the device that made the row
    sends its creation. Kept within the branch all the same.)"""
    if row is None or row.branch_id != user.branch_id:
        return False
    return _brings_creation(json.loads(row.fields), change)


def _brings_creation(current: dict, change: Change) -> bool:
    """Whether the row (its fields `current`) was first made from an edit — re-sent after a
    restore before its creation was, it lacks its creation time — and the change is that
    creation, which carries it."""
    return "created_at" not in current and "created_at" in change.fields


def _fill_missing(batch: Batch, table: SyncTable, row: StoredRow, change: Change, stamp: str) -> None:
    """A row first made from an edit (re-sent after a restore ahead of its creation) lacks the
    fields that edit did not carry until the device that made it sends the whole row — which
    may by then be refused (reassigned meanwhile): what the row lacks is taken all the same
    (nothing there to overrule), or every device pulling it would fill in its own."""
    current, stamps = json.loads(row.fields), json.loads(row.stamps)
    missing = {k: v for k, v in change.fields.items() if k not in current and k not in STRUCTURAL}
    try:
        cleaned = encode_fields(table.clean(missing, current)) if missing else {}
    except BranchDeskError:
        cleaned = {}
    cleaned = {k: v for k, v in cleaned.items() if k not in current}
    if _brings_creation(current, change):
        current["created_at"] = change.fields["created_at"]
    elif not cleaned:
        return
    current.update(cleaned)
    stamps.update(dict.fromkeys(cleaned, stamp))
    row.fields, row.stamps = json.dumps(current, ensure_ascii=False), json.dumps(stamps)
    batch.restamp(row)


def _bounded(stamp: str) -> str:
    """The device's stamp, or the server's time when the device's clock runs too far ahead."""
    try:
        millis, _counter, _node = parse_stamp(stamp)
    except ValueError:
        raise Refused("bad_stamp", "The change's edit time is not a valid stamp.") from None
    now = int(time.time() * 1000)
    return stamp if millis <= now + MAX_AHEAD_MS else format_stamp(now, 0, "server")


def _jsonable(params: dict) -> dict:
    return {
        k: v if isinstance(v, str | int | float | bool | type(None)) else str(v) for k, v in params.items()
    }
