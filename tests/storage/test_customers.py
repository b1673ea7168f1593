"""Customer, card and tag services: happy paths, failures, outbox and audit."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from storage.errors import DuplicateCustomerError, InvalidStateError, NotFoundError, ValidationError
from storage.models import AuditEvent, CallLog, Card, Customer, CustomerTag, Outbox, Reminder
from storage.services.calls import CallService
from storage.services.cards import CardService
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService
from storage.services.tags import TagService
from storage.store import wire_fields

ZHANG = {"name": "张伟", "mobile": "13800138000", "id_number": "11010519491231002X", "tier": "high_value"}


def outbox(store, table=None):
    with store.read() as s:
        query = select(Outbox).order_by(Outbox.seq)
        if table:
            query = query.where(Outbox.table_name == table)
        return list(s.scalars(query))


def audits(store, action):
    with store.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_create_customer_fills_derived_columns_outbox_and_audit(store):
    changes = CustomerService(store).create(ZHANG)
    assert changes.customers == {changes.new_id}
    row = CustomerService(store).get(changes.new_id)
    assert (row.name_pinyin, row.name_initials) == ("zhangwei", "zw")
    assert row.birth_date == date(1949, 12, 31) and row.birth_mmdd == 1231
    assert row.gender == "female"  # from the ID's 17th digit
    assert row.owner_manager_id == store.actor.id
    (entry,) = outbox(store, "customer")
    assert entry.op == "insert" and entry.row_id == row.id and entry.base_version == 0
    fields = wire_fields(row)  # what the push will send for it
    assert fields["mobile"] == "13800138000" and "name_pinyin" not in fields
    assert len(audits(store, "customer.create")) == 1


def test_invalid_field_raises_and_writes_nothing(store):
    with pytest.raises(ValidationError) as err:
        CustomerService(store).create({**ZHANG, "mobile": "1380013800"})
    assert err.value.field == "mobile"
    assert "手机号" in err.value.message()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0
        assert s.scalar(select(func.count()).select_from(Outbox)) == 0


def test_id_birth_date_must_agree(store):
    with pytest.raises(ValidationError) as err:
        CustomerService(store).create({**ZHANG, "birth_date": "1950-01-01"})
    assert err.value.field == "birth_date"


def test_update_records_only_changed_fields_with_base_values(store):
    service = CustomerService(store)
    cid = service.create(ZHANG).new_id
    assert not service.update(cid, {"name": "张伟"})  # nothing differs: no change, no outbox
    changes = service.update(cid, {"name": "张薇", "employer": "中国移动"})
    assert changes.customers == {cid}
    last = outbox(store, "customer")[-1]
    assert json.loads(last.fields)["name"] == "张薇"
    assert json.loads(last.base) == {"name": "张伟", "employer": None}
    assert service.get(cid).name_pinyin == "zhangwei"  # 薇 wei


def test_sensitive_update_is_audited(store):
    service = CustomerService(store)
    cid = service.create(ZHANG).new_id
    service.update(cid, {"mobile": "13900139000"})
    (event,) = audits(store, "customer.update_sensitive")
    assert json.loads(event.detail) == {"fields": ["mobile"]}
    assert "13900139000" not in event.detail


def test_duplicate_id_number_is_refused(store):
    service = CustomerService(store)
    first = service.create(ZHANG).new_id
    with pytest.raises(DuplicateCustomerError) as err:
        service.create({"name": "张伟伟", "id_number": ZHANG["id_number"]})
    assert err.value.existing_id == first and err.value.field == "id_number"
    with pytest.raises(DuplicateCustomerError):
        service.create({"name": "李娜", "mobile": ZHANG["mobile"]})
    service.create({"name": "李娜", "mobile": ZHANG["mobile"]}, allow_shared_mobile=True)
    assert [d[2] for d in service.find_duplicates(mobile=ZHANG["mobile"])] == ["mobile", "mobile"]


def test_soft_delete_cancels_open_reminders(store):
    service = CustomerService(store)
    cid = service.create(ZHANG).new_id
    rid = ReminderService(store).create(cid, {"kind": "custom", "due_at": "2030-01-01 09:00"}).new_id
    changes = service.delete(cid)
    assert changes.reminders == {rid}
    with pytest.raises(NotFoundError):
        service.get(cid)
    with store.read() as s:
        assert s.get(Reminder, rid).status == "cancelled"
    assert outbox(store, "customer")[-1].op == "delete"
    assert len(audits(store, "customer.delete")) == 1
    with pytest.raises(NotFoundError):
        service.update(cid, {"name": "x"})


def test_merge_moves_everything_to_the_kept_customer(store):
    service, tags = CustomerService(store), TagService(store)
    keep = service.create({"name": "张伟", "mobile": "13800138000"}).new_id
    other = service.create({"name": "张伟", "id_number": ZHANG["id_number"], "employer": "中国移动"}).new_id
    CardService(store).add(other, {"product": "白金卡", "last4": "1234"})
    CallService(store).log_call(
        other,
        {
            "occurred_at": "2026-03-01 10:00",
            "channel": "phone",
            "purpose": "periodic_revisit",
            "outcome": "reached",
        },
    )
    ReminderService(store).create(other, {"kind": "custom", "due_at": "2030-01-01 09:00"})
    tags.add(keep, "车主")
    tags.add(other, "车主")
    tags.add(other, "学生")
    service.merge(keep, other)
    kept = service.get(keep)
    assert kept.id_number == ZHANG["id_number"] and kept.employer == "中国移动"
    assert kept.last_contact_at is not None and kept.next_revisit_at is not None
    with store.read() as s:
        for model in (Card, CallLog, Reminder):
            assert s.scalar(select(func.count()).select_from(model).where(model.customer_id == other)) == 0
        live = s.scalar(
            select(func.count())
            .select_from(CustomerTag)
            .where(CustomerTag.customer_id == keep, CustomerTag.deleted.is_(False))
        )
    assert live == 2
    assert [n for _, n in tags.tags_of(keep)] == sorted(["车主", "学生"])
    with pytest.raises(NotFoundError):
        service.get(other)
    with pytest.raises(InvalidStateError):
        service.merge(keep, keep)


def test_reveal_is_audited(store):
    service = CustomerService(store)
    cid = service.create(ZHANG).new_id
    assert service.reveal(cid, "mobile") == "13800138000"
    (event,) = audits(store, "customer.reveal")
    assert event.record_id == cid and json.loads(event.detail) == {"field": "mobile"}
    with pytest.raises(ValidationError):
        service.reveal(cid, "notes")


def test_audit_trail_is_append_only(store):
    CustomerService(store).create(ZHANG)
    with pytest.raises(Exception, match="append-only"), store.write() as tx:
        tx.session.execute(AuditEvent.__table__.update().values(action="x"))
    with pytest.raises(Exception, match="append-only"), store.write() as tx:
        tx.session.execute(AuditEvent.__table__.delete())


def test_tags_add_remove_and_readd(store):
    cid = CustomerService(store).create(ZHANG).new_id
    tags = TagService(store)
    tags.add(cid, " 有车一族 ")
    tags.add(cid, "有车一族")  # twice is once
    ((tag_id, name),) = tags.tags_of(cid)
    assert name == "有车一族"
    assert tags.all_tags() == [(tag_id, "有车一族", 1)]
    assert tags.tag_names() == ["有车一族"]
    tags.remove(cid, tag_id)
    assert tags.tags_of(cid) == []
    assert not tags.remove(cid, tag_id)
    tags.add(cid, "有车一族")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(CustomerTag)) == 1  # the link was revived
    ops = [(e.op, json.loads(e.fields).get("tag_id")) for e in outbox(store, "customer_tag")]
    assert ops == [("insert", None), ("delete", None), ("upsert", tag_id)]  # revived: the whole row
    with pytest.raises(ValidationError):
        tags.add(cid, "x" * 21)


def test_cards(store):
    cid = CustomerService(store).create(ZHANG).new_id
    cards = CardService(store)
    card_id = cards.add(
        cid, {"product": "白金卡", "last4": "8888", "credit_limit": 50000, "open_date": "2026-01-10"}
    ).new_id
    (card,) = cards.cards_of(cid)
    assert card.status == "pending_activation"
    cards.update(card_id, {"activation_date": "2026-01-12", "status": "active"})
    assert cards.cards_of(cid)[0].activation_date == date(2026, 1, 12)
    with pytest.raises(ValidationError) as err:
        cards.update(card_id, {"activation_date": "2025-12-01"})
    assert err.value.field == "activation_date"
    with pytest.raises(ValidationError):
        cards.add(cid, {"product": "金卡", "last4": "12a4"})
    cards.remove(card_id)
    assert cards.cards_of(cid) == []
    with pytest.raises(NotFoundError):
        cards.add("0" * 32, {"product": "金卡", "last4": "1234"})
