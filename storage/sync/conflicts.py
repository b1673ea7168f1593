"""Conflicts: edits the server did not take as made, noted from its push answers, listed for the
manager, and settled by "use mine" (the lost value entered again, as a new edit) or "keep".

A conflict is a synced row (storage.models.SyncConflict): noted once by the device that got the
answer, it reaches the manager's other devices with the next pull, and a decision made on one
device settles it on all of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from storage.enums import ConflictKind, ConflictResolution
from storage.errors import BranchDeskError
from storage.hlc import parse_stamp
from storage.models import Customer, Outbox, SyncConflict
from storage.services.derived import derived_customer_columns
from storage.store import Store, Tx
from storage.sync.local_rows import MODELS, python_value, remove_row


def note_outcome(tx: Tx, entry: Outbox, change: dict, outcome: dict) -> int:
    """Note what of a change did not land (in the push's answer transaction); returns how many
    conflicts were noted. The local row is brought in line with what the server decided."""
    if outcome["status"] == "rejected":
        if change["op"] == "upsert" and entry.op == "insert":  # the server has no such row: nor do we
            remove_row(tx.session, entry.table_name, entry.row_id)
        return _note(tx, entry, change, ConflictKind.REJECTED, reason=outcome.get("reason"))
    noted = 0
    for clash in outcome.get("conflicts", []):
        reason = clash.get("reason")
        if reason == "deleted":  # deleted on another device: the edit had nothing to land on
            _set_local(tx.session, entry.table_name, entry.row_id, {"deleted": True})
            noted += _note(tx, entry, change, ConflictKind.DELETED)
        elif reason == "reassigned":
            noted += _note(tx, entry, change, ConflictKind.REASSIGNED)
        elif reason == "re-added":  # a tag link removed here, added again elsewhere: it stays
            _set_local(tx.session, entry.table_name, entry.row_id, {"deleted": False})
            noted += _note(tx, entry, change, ConflictKind.RE_ADDED)
        elif clash.get("field"):
            if clash.get("lost_side") == "incoming" and not _later_edit_pending(
                tx.session, entry, clash["field"]
            ):
                # At once, rather than at the next pull (which brings the row again as well).
                _set_local(
                    tx.session, entry.table_name, entry.row_id, {clash["field"]: clash["kept"]}, wire=True
                )
            noted += _note(tx, entry, change, ConflictKind.CONFLICT, clash=clash)
    return noted


def _note(tx: Tx, entry: Outbox, change: dict, kind: ConflictKind, *, clash=None, reason=None) -> int:
    """Keep one conflict for the manager; once per change id and field (a change re-sent after a
    server restore is answered again from the server's records)."""
    field = clash["field"] if clash else None
    same_field = SyncConflict.field.is_(None) if field is None else SyncConflict.field == field
    seen = select(SyncConflict.id).where(SyncConflict.change_id == entry.change_id, same_field)
    if tx.session.scalar(seen.limit(1)) is not None:
        return 0
    if clash:
        kept, lost = clash["kept"], clash["lost"]
        kept_stamp = clash.get("kept_stamp", "")
        lost_stamp = clash.get("lost_stamp") or (
            entry.edited_at if clash.get("lost_side") == "incoming" else ""
        )
    else:
        kept, lost, kept_stamp, lost_stamp = None, change["fields"], "", entry.edited_at
    kept_at, kept_device = stamp_time(kept_stamp)
    lost_at, lost_device = stamp_time(lost_stamp)
    tx.insert(
        SyncConflict(
            owner_manager_id=tx.actor.id,
            change_id=entry.change_id,
            kind=kind.value,
            table_name=entry.table_name,
            row_id=entry.row_id,
            customer_ref=_customer_of(tx.session, entry.table_name, entry.row_id, change),
            field=field,
            kept=None if kept is None else json.dumps(kept, ensure_ascii=False),
            lost=json.dumps(lost, ensure_ascii=False),
            kept_at=kept_at,
            kept_device=kept_device,
            lost_at=lost_at,
            lost_device=lost_device,
            reason=json.dumps(reason, ensure_ascii=False) if reason else None,
        )
    )
    return 1


def stamp_time(stamp: str) -> tuple[datetime | None, str | None]:
    """(when, device id) of a hybrid-logical-clock stamp; (None, None) for none."""
    if not stamp:
        return None, None
    millis, _, node = parse_stamp(stamp)
    return datetime.fromtimestamp(millis / 1000, tz=UTC), node


def _later_edit_pending(session: Session, entry: Outbox, name: str) -> bool:
    """Whether the manager changed `name` again after this entry (that edit is still to be sent)."""
    query = select(Outbox.fields, Outbox.op).where(
        Outbox.table_name == entry.table_name,
        Outbox.row_id == entry.row_id,
        Outbox.seq > entry.seq,
        Outbox.acked_at.is_(None),
    )
    return any(op == "insert" or name in json.loads(fields) for fields, op in session.execute(query))


def _set_local(session: Session, table: str, row_id: str, values: dict, *, wire: bool = False) -> None:
    """Write server-decided values onto the local row (no outbox entry: nothing to send back)."""
    if table not in MODELS:
        return
    # Through the model's column types (they turn datetimes into stored text themselves).
    stored = {k: (python_value(table, k, v) if wire else v) for k, v in values.items()}
    if table == "customer" and wire:
        stored.update(derived_customer_columns({k: python_value(table, k, v) for k, v in values.items()}))
    columns = MODELS[table].__table__
    session.execute(update(columns).where(columns.c.id == row_id).values(**stored))


def _customer_of(session: Session, table: str, row_id: str, change: dict) -> str | None:
    if table == "customer":
        return row_id
    if "customer_id" in change["fields"]:
        return change["fields"]["customer_id"]
    if table in MODELS and hasattr(MODELS[table], "customer_id"):
        return session.scalar(text(f"SELECT customer_id FROM {table} WHERE id = :id"), {"id": row_id})
    return None


# Reviewing ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictView:
    """One open conflict as the Conflicts view shows it."""

    id: str
    kind: str
    table: str
    row_id: str
    customer_id: str | None
    customer_name: str | None
    field: str | None
    kept: object
    lost: object
    kept_at: datetime | None
    kept_device: str | None
    lost_at: datetime | None
    lost_device: str | None
    reason: dict | None

    @property
    def can_use_mine(self) -> bool:
        """Whether "use mine" can enter the lost value again (a field of a row still held)."""
        return self.kind == ConflictKind.CONFLICT and self.field is not None


class ConflictService:
    """The manager's open conflicts, and settling them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def open_conflicts(self) -> list[ConflictView]:
        """Unsettled conflicts, newest first."""
        query = (
            select(SyncConflict, Customer.name)
            .outerjoin(Customer, Customer.id == SyncConflict.customer_ref)
            .where(SyncConflict.resolved_at.is_(None), SyncConflict.deleted.is_(False))
            .order_by(SyncConflict.created_at.desc())
        )
        with self.store.read() as session:
            return [_view(row, name) for row, name in session.execute(query)]

    def open_count(self) -> int:
        with self.store.read() as session:
            return session.scalar(
                text("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL AND deleted = 0")
            )

    def use_mine(self, conflict_id: str) -> None:
        """Enter the lost value again as a new edit (it goes to the server like any edit)."""
        with self.store.write() as tx:
            conflict = self._open(tx, conflict_id)
            if conflict.kind != ConflictKind.CONFLICT or conflict.field is None:
                raise BranchDeskError("conflict_not_reusable")
            model = MODELS.get(conflict.table_name)
            row = tx.session.scalar(select(model).where(model.id == conflict.row_id)) if model else None
            if row is None or row.deleted:
                raise BranchDeskError("not_found", record=conflict.table_name)
            value = python_value(conflict.table_name, conflict.field, json.loads(conflict.lost))
            values = {conflict.field: value}
            if conflict.table_name == "customer":
                values.update(derived_customer_columns(values))
            tx.update(row, values)
            tx.audit("conflict.use_mine", row, field=conflict.field)
            tx.update(conflict, {"resolved_at": tx.now, "resolution": ConflictResolution.USED_MINE.value})

    def keep(self, conflict_id: str) -> None:
        """The value that stands is right: close the conflict."""
        with self.store.write() as tx:
            conflict = self._open(tx, conflict_id)
            tx.update(conflict, {"resolved_at": tx.now, "resolution": ConflictResolution.KEPT.value})

    @staticmethod
    def _open(tx: Tx, conflict_id: str) -> SyncConflict:
        conflict = tx.session.scalar(select(SyncConflict).where(SyncConflict.id == conflict_id))
        if conflict is None or conflict.resolved_at is not None:
            raise BranchDeskError("not_found", record="sync_conflict")
        return conflict


def _view(row: SyncConflict, customer_name: str | None) -> ConflictView:
    def load(raw: str | None):
        return None if raw is None else json.loads(raw)

    return ConflictView(
        id=row.id,
        kind=row.kind,
        table=row.table_name,
        row_id=row.row_id,
        customer_id=row.customer_ref,
        customer_name=customer_name,
        field=row.field,
        kept=load(row.kept),
        lost=load(row.lost),
        kept_at=row.kept_at,
        kept_device=row.kept_device,
        lost_at=row.lost_at,
        lost_device=row.lost_device,
        reason=load(row.reason),
    )
