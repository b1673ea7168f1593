"""The sync client against a real server: login, push, pull, merges, conflicts, reassignment."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from storage.errors import BranchDeskError
from storage.models import Customer, Outbox, SyncConflict, SyncNotice
from storage.outbox import pending_count
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService
from storage.services.tags import TagService
from storage.sync.account import load_account, refresh_token
from storage.sync.client import SyncClient, live_row_count
from storage.sync.conflicts import ConflictService
from storage.timeutil import utc_now
from tests.server.conftest import PASSWORD

NEW = {"name": "张伟", "mobile": "13800138000", "tier": "standard", "lifecycle_stage": "active"}
CALL = {
    "occurred_at": "2026-11-20T10:00:00+08:00",
    "channel": "phone",
    "purpose": "periodic_revisit",
    "outcome": "reached",
}


def customers(device) -> dict[str, Customer]:
    with device.store.read() as session:
        return {c.id: c for c in session.scalars(select(Customer).where(Customer.deleted.is_(False)))}


def conflicts(device) -> list[SyncConflict]:
    with device.store.read() as session:
        return list(
            session.scalars(select(SyncConflict).order_by(SyncConflict.created_at, SyncConflict.field))
        )


def book(device) -> dict[str, set]:
    """What a device holds, comparable across devices (synced columns of live rows)."""
    held = {}
    with device.store.read() as session:
        for table in ("customer", "card", "tag", "customer_tag", "call_log", "reminder"):
            rows = session.execute(text(f"SELECT * FROM {table} WHERE deleted = 0")).mappings()
            skip = {
                "seq",
                "version",
                "name_pinyin",
                "name_initials",
                "name_sort_key",
                "birth_mmdd",
                "last_contact_at",
                "next_revisit_at",
            }
            held[table] = {tuple(sorted((k, v) for k, v in row.items() if k not in skip)) for row in rows}
    return held


def test_login_binds_the_profile_and_keeps_the_token_encrypted(devices, branch_users, server, tmp_path):
    laptop = devices("laptop", login=False)
    CustomerService(laptop.store).create(NEW)  # entered offline before the first login
    account = SyncClient.login(laptop.store, server, "wang", PASSWORD)
    assert account.user_id == branch_users["wang"] and load_account(laptop.store).role == "manager"
    assert laptop.store.actor.id == branch_users["wang"]
    [mine] = customers(laptop).values()
    assert mine.owner_manager_id == branch_users["wang"]  # the offline customer is wang's now
    laptop.sync()
    assert pending_count_of(laptop) == 0
    token = refresh_token(laptop.store, load_account(laptop.store))
    assert token and not account.token_in_keyring  # no keyring here: kept in the encrypted profile
    for path in (tmp_path / "laptop").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    with pytest.raises(BranchDeskError) as other:
        SyncClient.login(laptop.store, server, "li", PASSWORD)
    assert other.value.code == "sync_other_account"


def pending_count_of(device) -> int:
    with device.store.read() as session:
        return pending_count(session)


def test_a_second_device_of_the_manager_gets_the_same_book(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    CallService(laptop.store).log_call(made, CALL)
    ReminderService(laptop.store).create(made, {"kind": "follow_up", "due_at": utc_now() + timedelta(days=2)})
    TagService(laptop.store).add(made, "车主")
    report = laptop.sync()
    assert report.pushed >= 5 and report.conflicts == report.rejected == 0
    desktop.sync()
    assert book(desktop) == book(laptop)
    there = customers(desktop)[made]
    assert there.name_initials == "zw" and there.last_contact_at is not None  # derived on the device
    assert there.next_revisit_at is not None
    assert live_row_count(desktop.store) == live_row_count(laptop.store)


def test_edits_of_different_fields_on_two_devices_both_survive(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    laptop.sync(), desktop.sync()
    CustomerService(laptop.store).update(made, {"tier": "high_value"})
    CustomerService(desktop.store).update(made, {"occupation": "教师"})
    laptop.sync(), desktop.sync(), laptop.sync()
    for device in (laptop, desktop):
        held = customers(device)[made]
        assert (held.tier, held.occupation) == ("high_value", "教师")
    assert conflicts(laptop) == conflicts(desktop) == []


def test_the_same_ordinary_field_the_later_edit_wins_and_the_loser_is_listed(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    laptop.sync(), desktop.sync()
    CustomerService(desktop.store).update(made, {"occupation": "医生"})  # earlier
    CustomerService(laptop.store).update(made, {"occupation": "教师"})  # later
    desktop.sync(), laptop.sync(), desktop.sync(), laptop.sync()
    assert customers(laptop)[made].occupation == customers(desktop)[made].occupation == "教师"
    # Noted by the laptop (whose push met the clash), listed on both devices alike.
    [lost] = conflicts(desktop)
    assert [c.id for c in conflicts(laptop)] == [lost.id]
    assert (lost.kind, lost.field, json.loads(lost.lost), json.loads(lost.kept)) == (
        "conflict",
        "occupation",
        "医生",
        "教师",
    )
    assert lost.kept_device == laptop.store.device_id and lost.lost_device == desktop.store.device_id
    assert lost.kept_at > lost.lost_at and lost.customer_ref == made


def test_an_identity_field_clash_keeps_the_servers_value(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    laptop.sync(), desktop.sync()
    CustomerService(laptop.store).update(made, {"mobile": "13911112222"})
    CustomerService(desktop.store).update(made, {"mobile": "13933334444"})  # later, still loses
    laptop.sync(), desktop.sync()
    assert customers(desktop)[made].mobile == "13911112222"  # the device took the server's value
    [lost] = conflicts(desktop)
    assert (lost.field, json.loads(lost.lost), json.loads(lost.kept)) == (
        "mobile",
        "13933334444",
        "13911112222",
    )


def test_delete_against_edit_ends_deleted_and_lists_the_edit(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    laptop.sync(), desktop.sync()
    CustomerService(laptop.store).delete(made)
    CustomerService(desktop.store).update(made, {"occupation": "教师"})
    laptop.sync(), desktop.sync()
    assert made not in customers(laptop) and made not in customers(desktop)
    assert [c.kind for c in conflicts(desktop)] == ["deleted"]


def test_a_reminder_done_on_one_device_and_snoozed_on_the_other_ends_done(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    reminder = (
        ReminderService(laptop.store)
        .create(made, {"kind": "follow_up", "due_at": utc_now() + timedelta(hours=1)})
        .reminders
    )
    [reminder_id] = reminder
    laptop.sync(), desktop.sync()
    ReminderService(laptop.store).complete(reminder_id)
    ReminderService(desktop.store).snooze(reminder_id, utc_now() + timedelta(days=1))
    laptop.sync(), desktop.sync(), laptop.sync()
    for device in (laptop, desktop):
        with device.store.read() as session:
            status = session.scalar(text("SELECT status FROM reminder WHERE id = :id"), {"id": reminder_id})
        assert status == "done", device.name
    assert ReminderService(desktop.store).overdue(utc_now() + timedelta(days=3)) == []


def test_a_reminder_done_on_both_devices_keeps_the_later_completion_time(devices):
    """Both laptops mark it done offline; the earlier completion loses on the time field (a
    datetime written back onto the loser's row at once — soak seed 1461 failed writing it)."""
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    [reminder_id] = (
        ReminderService(laptop.store)
        .create(made, {"kind": "follow_up", "due_at": utc_now() + timedelta(hours=1)})
        .reminders
    )
    laptop.sync(), desktop.sync()
    ReminderService(laptop.store).complete(reminder_id)
    time.sleep(0.01)
    ReminderService(desktop.store).complete(reminder_id)
    desktop.sync()
    report = laptop.sync()
    assert report.conflicts == 1
    desktop.sync()
    query = text("SELECT status, completed_at FROM reminder WHERE id = :id")
    with laptop.store.read() as a, desktop.store.read() as b:
        assert a.execute(query, {"id": reminder_id}).one() == b.execute(query, {"id": reminder_id}).one()


@pytest.mark.parametrize("first", ["remover", "adder"])
def test_a_tag_added_on_one_device_and_removed_on_the_other_stays(devices, first):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    TagService(laptop.store).add(made, "车主")
    laptop.sync(), desktop.sync()
    [(tag_id, _)] = TagService(desktop.store).tags_of(made)
    TagService(desktop.store).remove(made, tag_id)  # the remover
    TagService(laptop.store).remove(made, tag_id)  # the adder: took it off, then put it back
    TagService(laptop.store).add(made, "车主")
    order = [desktop, laptop] if first == "remover" else [laptop, desktop]
    for device in (*order, *order):
        device.sync()
    for device in (laptop, desktop):
        assert [name for _, name in TagService(device.store).tags_of(made)] == ["车主"], device.name


def test_reassignment_leaves_the_old_owner_with_a_notice(devices, branch_users, server):
    import httpx

    from tests.server.conftest import PASSWORD

    wang, li = devices("wang-laptop", "wang"), devices("li-laptop", "li")
    made = CustomerService(wang.store).create(NEW).new_id
    CallService(wang.store).log_call(made, CALL)
    TagService(wang.store).add(made, "车主")
    wang.sync()
    tokens = httpx.post(
        f"{server}/v1/login", json={"username": "zhou", "password": PASSWORD, "device_id": "z"}
    ).json()
    moved = httpx.post(
        f"{server}/v1/sync/reassign",
        json={"customer_id": made, "to": branch_users["li"]},
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )
    assert moved.status_code == 200
    CustomerService(wang.store).update(made, {"occupation": "教师"})  # wang has not heard yet
    CallService(wang.store).log_call(made, CALL)  # a call logged meanwhile is a fact: it is kept
    wang.sync()
    li.sync()
    assert made not in customers(wang)
    with wang.store.read() as session:
        [notice] = session.scalars(select(SyncNotice))
        assert (notice.customer_name, notice.to_name) == ("张伟", "李娜")
        assert session.scalar(text("SELECT count(*) FROM call_log WHERE customer_id = :c"), {"c": made}) == 0
    assert [c.kind for c in conflicts(wang)] == ["reassigned"]
    assert customers(li)[made].owner_manager_id == branch_users["li"]
    with li.store.read() as session:
        calls = session.scalar(text("SELECT count(*) FROM call_log WHERE customer_id = :c"), {"c": made})
    assert calls == 2
    assert [name for _, name in TagService(li.store).tags_of(made)] == ["车主"]
    assert pending_count_of(wang) == 0


def test_nothing_pending_is_lost_when_the_outbox_is_pushed_in_batches(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    service = CustomerService(laptop.store)
    made = [service.create({**NEW, "mobile": f"139{i:08d}"}).new_id for i in range(620)]
    with laptop.store.read() as session:
        assert session.scalar(select(text("count(*)")).select_from(Outbox)) >= 1240  # rows + audit
    report = laptop.sync()
    assert report.pushed >= 1240 and pending_count_of(laptop) == 0
    desktop.sync()
    assert set(customers(desktop)) == set(made)


@pytest.mark.parametrize("kind", ["unreachable"])
def test_a_server_that_is_down_is_a_clear_retryable_error(devices, kind, tmp_path):
    from storage.sync.api import SyncError

    laptop = devices("laptop")
    CustomerService(laptop.store).create(NEW)
    laptop.client._api_factory = lambda account: __import__("storage.sync.api", fromlist=["SyncApi"]).SyncApi(
        "http://127.0.0.1:9"
    )
    laptop.client._api = None
    with pytest.raises(SyncError) as failure:
        laptop.sync()
    assert failure.value.retry and failure.value.code == "sync_unreachable"
    assert "无法连接服务器" in failure.value.message("zh_CN")
    assert pending_count_of(laptop) == 2  # kept for later


def test_use_mine_enters_the_lost_value_again_and_settles_the_conflict_everywhere(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    made = CustomerService(laptop.store).create(NEW).new_id
    laptop.sync(), desktop.sync()
    CustomerService(desktop.store).update(made, {"occupation": "医生"})
    CustomerService(laptop.store).update(made, {"occupation": "教师"})  # later: wins
    desktop.sync(), laptop.sync(), desktop.sync()
    [shown] = ConflictService(desktop.store).open_conflicts()
    assert (shown.customer_name, shown.field, shown.kept, shown.lost) == (
        "张伟",
        "occupation",
        "教师",
        "医生",
    )
    assert shown.can_use_mine and ConflictService(desktop.store).open_count() == 1
    ConflictService(desktop.store).use_mine(shown.id)
    desktop.sync(), laptop.sync()
    assert customers(laptop)[made].occupation == customers(desktop)[made].occupation == "医生"
    assert ConflictService(laptop.store).open_conflicts() == []  # settled on the other laptop too
    with pytest.raises(BranchDeskError):
        ConflictService(desktop.store).keep(shown.id)  # already settled
