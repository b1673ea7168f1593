"""Logging calls and working reminders: completion, snooze, reschedule, cancel, due lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from storage.errors import InvalidStateError, NotFoundError, ValidationError
from storage.models import Reminder
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService, local_day_end

CALL = {"channel": "phone", "purpose": "periodic_revisit", "outcome": "reached", "satisfaction": 5}


@pytest.fixture
def customer(store):
    return CustomerService(store).create({"name": "李娜", "mobile": "13700137000"}).new_id


def at(**delta) -> datetime:
    return datetime.now(UTC) + timedelta(**delta)


def test_log_call_updates_last_contact_and_creates_follow_up(store, customer):
    calls = CallService(store)
    when = at(hours=-2)
    changes = calls.log_call(
        customer, {**CALL, "occurred_at": when, "next_step": "寄送新卡资料", "next_step_at": at(days=3)}
    )
    assert changes.calls == {changes.new_id} and len(changes.reminders) == 1
    row = CustomerService(store).get(customer)
    assert abs(row.last_contact_at - when) < timedelta(milliseconds=1)
    (follow_up,) = ReminderService(store).for_customer(customer)
    assert follow_up.kind == "follow_up" and follow_up.notes == "寄送新卡资料"
    assert row.next_revisit_at == follow_up.due_at


def test_log_call_completes_the_reminder_it_answers(store, customer):
    reminders = ReminderService(store)
    rid = reminders.create(customer, {"kind": "periodic_revisit", "due_at": at(hours=-1)}).new_id
    changes = CallService(store).log_call(
        customer, {**CALL, "occurred_at": at(minutes=-5)}, completes_reminder_id=rid
    )
    with store.read() as s:
        done = s.get(Reminder, rid)
    assert done.status == "done" and done.completed_by_call_id == changes.new_id
    assert reminders.overdue() == []
    assert CustomerService(store).get(customer).next_revisit_at is None
    with pytest.raises(InvalidStateError):
        reminders.complete(rid)
    (done_row,) = reminders.done_since(at(days=-1))
    assert done_row.id == rid and done_row.status == "done" and done_row.customer_name == "李娜"
    assert reminders.done_since(at(minutes=1)) == []


def test_recurring_reminder_moves_to_next_occurrence(store, customer):
    reminders = ReminderService(store)
    due = at(days=-1)
    rid = reminders.create(
        customer, {"kind": "periodic_revisit", "due_at": due, "recurrence": "FREQ=MONTHLY;INTERVAL=1"}
    ).new_id
    changes = reminders.complete(rid)
    assert len(changes.reminders) == 2
    (following,) = reminders.for_customer(customer)
    assert following.due_at > datetime.now(UTC)
    assert timedelta(days=27) < following.due_at - due < timedelta(days=32)


def test_invalid_call_writes_nothing(store, customer):
    with pytest.raises(ValidationError) as err:
        CallService(store).log_call(customer, {**CALL, "occurred_at": at(hours=-1), "satisfaction": 6})
    assert err.value.field == "satisfaction"
    assert CallService(store).history(customer) == []
    with pytest.raises(NotFoundError):
        CallService(store).log_call("f" * 32, {**CALL, "occurred_at": at(hours=-1)})


def test_failed_reminder_completion_rolls_back_the_call(store, customer):
    with pytest.raises(NotFoundError):
        CallService(store).log_call(
            customer, {**CALL, "occurred_at": at(hours=-1)}, completes_reminder_id="0" * 32
        )
    assert CallService(store).history(customer) == []
    assert CustomerService(store).get(customer).last_contact_at is None


def test_history_newest_first_with_keyset_paging(store, customer):
    calls = CallService(store)
    for day in range(7):
        calls.log_call(customer, {**CALL, "occurred_at": at(days=-day - 1), "summary": f"第{day}次"})
    first = calls.history(customer, limit=3)
    assert [c.summary for c in first] == ["第0次", "第1次", "第2次"]
    second = calls.history(customer, limit=3, before=(first[-1].occurred_at, first[-1].id))
    assert [c.summary for c in second] == ["第3次", "第4次", "第5次"]
    last = calls.history(customer, limit=3, before=(second[-1].occurred_at, second[-1].id))
    assert [c.summary for c in last] == ["第6次"]


def test_snooze_reschedule_cancel(store, customer):
    reminders = ReminderService(store)
    rid = reminders.create(customer, {"kind": "custom", "due_at": at(hours=-3)}).new_id
    assert [r.id for r in reminders.overdue()] == [rid]
    reminders.snooze(rid, at(hours=2))
    assert reminders.overdue() == []
    (snoozed,) = reminders.for_customer(customer)
    assert snoozed.status == "snoozed"
    with pytest.raises(ValidationError):
        reminders.snooze(rid, at(hours=-1))
    reminders.reschedule(rid, at(days=3))
    (moved,) = reminders.for_customer(customer)
    assert moved.status == "open" and moved.id in [r.id for r in reminders.upcoming()]
    reminders.cancel(rid)
    assert reminders.for_customer(customer) == []
    assert CustomerService(store).get(customer).next_revisit_at is None
    with pytest.raises(InvalidStateError) as err:
        reminders.snooze(rid, at(hours=1))
    assert "取消" in err.value.message()


def test_due_lists_split_by_local_day(store, customer):
    reminders = ReminderService(store)
    now = datetime.now(UTC)
    end_of_day = local_day_end(now)
    overdue = reminders.create(customer, {"kind": "custom", "due_at": now - timedelta(minutes=5)}).new_id
    today = reminders.create(customer, {"kind": "custom", "due_at": now + (end_of_day - now) / 2}).new_id
    soon = reminders.create(customer, {"kind": "custom", "due_at": end_of_day + timedelta(days=2)}).new_id
    later = reminders.create(customer, {"kind": "custom", "due_at": end_of_day + timedelta(days=9)}).new_id
    assert [r.id for r in reminders.overdue(now)] == [overdue]
    assert [r.id for r in reminders.due_today(now)] == [today]
    assert [r.id for r in reminders.upcoming(now)] == [soon]
    assert later not in [r.id for r in reminders.upcoming(now)]
    assert reminders.overdue(now)[0].customer_name == "李娜"


def test_reminder_validation(store, customer):
    with pytest.raises(ValidationError) as err:
        ReminderService(store).create(customer, {"kind": "party", "due_at": at(days=1)})
    assert err.value.field == "kind"
    with pytest.raises(ValidationError):
        ReminderService(store).create(
            customer, {"kind": "custom", "due_at": at(days=1), "recurrence": "EVERY=DAY"}
        )
    with store.read() as s:
        assert s.scalars(select(Reminder)).all() == []


def test_history_paging_accepts_a_cursor_in_any_time_zone(store, customer):
    from datetime import timezone

    calls = CallService(store)
    for hour in range(6):
        calls.log_call(customer, {**CALL, "occurred_at": at(hours=-hour - 1)})
    first = calls.history(customer, limit=3)
    shanghai = first[-1].occurred_at.astimezone(timezone(timedelta(hours=8)))
    rest = calls.history(customer, limit=10, before=(shanghai, first[-1].id))
    assert len(rest) == 3 and not {c.id for c in rest} & {c.id for c in first}
