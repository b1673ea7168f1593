"""Pushing the outbox: the changes waiting for the server, in write order, and storing the
server's answers — acknowledged entries, new versions, and what did not go through as sent.

An entry is marked acknowledged only in the transaction that stores its answer, so a crash
before that re-sends it, and the server answers a re-sent change id from its records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from storage.local_state import set_state
from storage.models import Outbox
from storage.store import Store, Tx, wire_fields
from storage.sync.conflicts import note_outcome
from storage.sync.local_rows import ALL_FIELDS, MODELS, TABLE_ORDER
from storage.sync.state import RESYNC
from storage.wire import encode_fields

BATCH = 500  # the server's limit per push
KEEP_ACKED = timedelta(days=30)  # re-sent after the server is restored from a backup
# A change refused because the server does not know its customer yet is kept and sent again at
# later syncs for this long before it counts as refused: after a restore from a backup, the
# laptop that made the customer may re-send it only after this one pushed a call on it.
WAIT_FOR_CUSTOMER = timedelta(days=7)
WAITING = "waiting"


@dataclass(frozen=True)
class PushTally:
    """What one push batch came to."""

    sent: int = 0  # answered for good
    conflicts: int = 0
    rejected: int = 0
    waiting: int = 0  # kept for a later sync (their customer not on the server yet)


def pending_entries(session: Session, limit: int = BATCH, after: int = 0) -> list[Outbox]:
    """The oldest changes not yet acknowledged, in write order (from after entry `after`)."""
    query = select(Outbox).where(Outbox.acked_at.is_(None), Outbox.seq > after).order_by(Outbox.seq)
    return list(session.scalars(query.limit(limit)))


def wire_changes(session: Session, entries: list[Outbox]) -> list[dict | None]:
    """The push body's change for each entry (None for tables the server does not sync)."""
    inserted = _rows_for_inserts(session, entries)
    changes: list[dict | None] = []
    for entry in entries:
        if entry.table_name not in MODELS or entry.table_name not in TABLE_ORDER:
            changes.append(None)
            continue
        if entry.op == "insert":
            row = inserted.get((entry.table_name, entry.row_id))
            if row is not None:
                fields = encode_fields(wire_fields(row))
            elif entry.fields != "{}":  # gone from here since it was sent (reassigned away): as sent
                fields = json.loads(entry.fields)
            else:  # never sent, and gone: nothing to send
                changes.append(None)
                continue
            base, op = {}, "upsert"
        else:
            fields, base, op = json.loads(entry.fields), json.loads(entry.base), entry.op
        changes.append(
            {
                "change_id": entry.change_id,
                "table": entry.table_name,
                "row_id": entry.row_id,
                "op": op,
                "fields": fields,
                "base": base,
                "base_version": entry.base_version,
                "edited_at": entry.edited_at,
            }
        )
    return changes


def _rows_for_inserts(session: Session, entries: list[Outbox]) -> dict[tuple[str, str], object]:
    wanted: dict[str, list[str]] = {}
    for entry in entries:
        if entry.op == "insert" and entry.table_name in MODELS:
            wanted.setdefault(entry.table_name, []).append(entry.row_id)
    found = {}
    for table, ids in wanted.items():
        model = MODELS[table]
        for row in session.scalars(select(model).where(model.id.in_(ids))):
            found[(table, row.id)] = row
    return found


def record_answers(
    tx: Tx, entries: list[Outbox], changes: list[dict | None], results: list[dict]
) -> PushTally:
    """Store the server's answers to a push (in the caller's write transaction)."""
    session, now = tx.session, tx.now
    answers = iter(results)
    conflicts = rejected = waiting = 0
    for entry, change in zip(entries, changes, strict=True):
        if change is None:  # nothing the server syncs (or a row gone before it was ever sent)
            entry.acked_at, entry.result = now, entry.result or json.dumps({"status": "local"})
            continue
        outcome = next(answers)
        was_waiting = _waiting_since(entry) is not None
        if _wait_for_customer(entry, outcome, now):
            waiting += 1
            continue
        if was_waiting and outcome["status"] not in ("applied", "merged"):
            # A resync kept this change's customer here while it waited; refused after all, that
            # customer may be a ghost now (say, reassigned before a restore and not after): the
            # next sync pulls everything again to find out.
            set_state(session, RESYNC, "1")
        entry.acked_at, entry.result = now, json.dumps(outcome, ensure_ascii=False)
        if entry.op == "insert" and entry.fields == "{}":
            # Kept while the entry is (30 days), so it can be sent again after a server restore
            # even if the row has left this device by then.
            entry.fields = json.dumps(change["fields"], ensure_ascii=False)
        version = outcome.get("version")
        if version:
            _raise_version(session, entry.table_name, entry.row_id, int(version))
        if outcome["status"] in ("conflict", "rejected"):
            noted = note_outcome(tx, entry, change, outcome)
            conflicts += noted if outcome["status"] == "conflict" else 0
            rejected += 1 if outcome["status"] == "rejected" else 0
    sent = len(entries) - waiting
    return PushTally(sent=sent, conflicts=conflicts, rejected=rejected, waiting=waiting)


def _waiting_since(entry: Outbox) -> str | None:
    """When the entry was first answered `no_customer` (None: it is not waiting)."""
    earlier = json.loads(entry.result) if entry.result else {}
    return earlier.get("since") if earlier.get("status") == WAITING else None


def _wait_for_customer(entry: Outbox, outcome: dict, now: datetime) -> bool:
    """Keep `entry` pending (True) when it was refused only because the server does not know its
    customer yet, for WAIT_FOR_CUSTOMER from the first such answer; the row stays here meanwhile."""
    if outcome["status"] != "rejected" or (outcome.get("reason") or {}).get("code") != "no_customer":
        return False
    since = _waiting_since(entry)
    if since is not None and now - datetime.fromisoformat(since) > WAIT_FOR_CUSTOMER:
        return False  # long enough: a refusal, listed for the manager
    entry.result = json.dumps({"status": WAITING, "since": since or now.isoformat()})
    return True


def _raise_version(session: Session, table: str, row_id: str, version: int) -> None:
    session.execute(
        text(f"UPDATE {table} SET version = :v WHERE id = :id AND version < :v"), {"v": version, "id": row_id}
    )


def forget_old_acknowledged(session: Session, now: datetime) -> int:
    """Drop acknowledged entries older than 30 days (a restore re-sends only younger ones)."""
    old = delete(Outbox).where(Outbox.acked_at.is_not(None), Outbox.acked_at < now - KEEP_ACKED)
    return session.execute(old).rowcount


def resend_acknowledged(session: Session, now: datetime) -> int:
    """After the server was restored from a backup: send the last 30 days' changes again."""
    recent = update(Outbox).where(Outbox.acked_at.is_not(None), Outbox.acked_at >= now - KEEP_ACKED)
    return session.execute(recent.values(acked_at=None)).rowcount


def pending_fields(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], set[str] | str]:
    """For pulled rows: the fields each still has waiting in the outbox (ALL_FIELDS for a row
    created here and not yet acknowledged)."""
    if not keys or session.scalar(text("SELECT 1 FROM outbox WHERE acked_at IS NULL LIMIT 1")) is None:
        return {}
    ids = json.dumps(sorted({row_id for _, row_id in keys}))
    query = text(
        "SELECT table_name, row_id, op, fields FROM outbox WHERE acked_at IS NULL "
        "AND row_id IN (SELECT value FROM json_each(:ids))"
    )
    found: dict[tuple[str, str], set[str] | str] = {}
    for table, row_id, op, fields in session.execute(query, {"ids": ids}):
        key = (table, row_id)
        if key not in keys or found.get(key) == ALL_FIELDS:
            continue
        if op == "insert":
            found[key] = ALL_FIELDS
        else:
            names = set(json.loads(fields)) | ({"deleted"} if op == "delete" else set())
            found[key] = found.get(key, set()) | names
    return found


def has_pending(store: Store) -> bool:
    with store.read() as session:
        return session.scalar(text("SELECT 1 FROM outbox WHERE acked_at IS NULL LIMIT 1")) is not None
