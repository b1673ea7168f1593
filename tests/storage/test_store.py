"""The write transaction's bulk insert and update: rows and their outbox entries, all or nothing."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from storage.ids import new_id
from storage.models import Customer, Outbox, Reminder
from storage.services.customers import CustomerService
from storage.store import RowUpdate, wire_fields
from storage.wire import encode_fields


def test_insert_many_writes_rows_and_outbox_entries(store):
    cid = CustomerService(store).create({"name": "张伟"}).new_id
    due = datetime(2030, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    with store.write() as tx:
        ids = tx.insert_many(
            Reminder,
            [
                {
                    "customer_id": cid,
                    "owner_manager_id": store.actor.id,
                    "kind": "custom",
                    "due_at": due,
                    "source": f"test:{n}",
                }
                for n in range(3)
            ],
        )
    with store.read() as s:
        rows = {r.id: r for r in s.scalars(select(Reminder))}
        entries = list(s.scalars(select(Outbox).where(Outbox.table_name == "reminder")))
    assert set(ids) == set(rows) and len(ids) == 3
    assert all(
        r.due_at == due and r.status == "open" and r.version == 0 and not r.deleted for r in rows.values()
    )
    assert sorted(e.row_id for e in entries) == sorted(ids)
    assert {(e.op, e.fields) for e in entries} == {("insert", "{}")}  # the push sends the row itself
    fields = encode_fields(wire_fields(rows[entries[0].row_id]))
    assert fields["due_at"] == "2030-01-02T03:04:05.678000Z" and fields["status"] == "open"
    assert "deleted" not in fields and "version" not in fields


def test_insert_many_rolls_back_with_the_transaction(store):
    cid = CustomerService(store).create({"name": "张伟"}).new_id
    with pytest.raises(RuntimeError), store.write() as tx:
        tx.insert_many(
            Reminder,
            [
                {
                    "customer_id": cid,
                    "owner_manager_id": store.actor.id,
                    "kind": "custom",
                    "due_at": datetime.now(UTC),
                }
            ],
        )
        raise RuntimeError("crash mid-write")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Reminder)) == 0
        assert s.scalar(select(func.count()).select_from(Outbox).where(Outbox.table_name == "reminder")) == 0


def test_new_ids_are_uuid7_in_creation_order():
    ids = [new_id() for _ in range(1000)]
    parsed = [uuid.UUID(i) for i in ids]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    assert len(set(ids)) == 1000
    millis = [int(i[:12], 16) for i in ids]
    assert millis == sorted(millis)
    assert abs(millis[-1] - time.time() * 1000) < 5000


def test_update_many_writes_changed_fields_and_their_outbox_entries(store):
    service = CustomerService(store)
    ids = [service.create({"name": name, "tier": "basic"}).new_id for name in ("张伟", "李娜")]
    with store.write() as tx:
        tx.update_many(
            Customer,
            [
                RowUpdate(
                    ids[0], 3, {"tier": "high_value", "birth_date": date(1990, 1, 2)}, {"tier": "basic"}
                ),
                RowUpdate(ids[1], 0, {"name_pinyin": "lina2"}, {"name_pinyin": "lina"}),  # local-only
            ],
        )
    with store.read() as s:
        rows = {c.id: c for c in s.scalars(select(Customer))}
        entries = list(s.scalars(select(Outbox).where(Outbox.op == "upsert")))
    assert rows[ids[0]].tier == "high_value" and rows[ids[0]].birth_date == date(1990, 1, 2)
    assert rows[ids[1]].name_pinyin == "lina2" and rows[ids[1]].updated_at > rows[ids[1]].created_at
    (entry,) = entries  # a local-only column is not sent
    assert entry.row_id == ids[0] and entry.base_version == 3
    assert json.loads(entry.base) == {"tier": "basic"}  # the caller's values before, as given
    fields = json.loads(entry.fields)
    assert fields["tier"] == "high_value" and fields["birth_date"] == "1990-01-02" and "updated_at" in fields
    with pytest.raises(ValueError), store.write() as tx:
        tx.update_many(Customer, [RowUpdate(ids[0], 0, {"deleted": True}, {})])
