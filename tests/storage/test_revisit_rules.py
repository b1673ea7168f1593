"""Revisit rules with a controllable clock: right time, never twice, contact limits respected."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from storage.models import Reminder
from storage.rules.holidays import holidays_between
from storage.rules.revisit_rules import RevisitRules
from storage.rules.settings import RuleSettings
from storage.services.calls import CallService
from storage.services.cards import CardService
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService

CALL = {"channel": "phone", "purpose": "periodic_revisit", "outcome": "reached"}
ONLY = {
    name: False
    for name in (
        "activation_call",
        "care_call",
        "new_customer",
        "periodic",
        "birthday",
        "holiday",
        "complaint",
        "dormant_card",
    )
}


pytestmark = pytest.mark.usefixtures("shanghai_time")


def rules_only(store, **enabled) -> RevisitRules:
    return RevisitRules(store, RuleSettings(**{**ONLY, **enabled}))


def reminders(store, customer_id):
    with store.read() as s:
        query = select(Reminder).where(Reminder.customer_id == customer_id).order_by(Reminder.due_at)
        return list(s.scalars(query))


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute).astimezone().astimezone(UTC)


@pytest.fixture
def customer(store):
    return (
        CustomerService(store)
        .create({"name": "张伟", "tier": "standard", "lifecycle_stage": "active"})
        .new_id
    )


def test_activation_call_three_days_after_opening_once_and_cancelled_when_activated(store, customer):
    today = datetime.now().astimezone().date()
    card = (
        CardService(store)
        .add(customer, {"product": "白金卡", "last4": "1234", "open_date": today - timedelta(days=1)})
        .new_id
    )
    rules = rules_only(store, activation_call=True)
    changes = rules.evaluate()
    assert changes.customers == {customer}
    (reminder,) = reminders(store, customer)
    assert reminder.kind == "activation_call" and reminder.source == f"rule:activation:{card}"
    assert reminder.due_at == local(today + timedelta(days=2), 9)
    assert not rules.evaluate()  # never twice
    assert len(reminders(store, customer)) == 1
    CardService(store).update(card, {"activation_date": today, "status": "active"})
    rules.evaluate()
    assert reminders(store, customer)[0].status == "cancelled"


def test_old_unactivated_card_gets_no_call(store, customer):
    CardService(store).add(customer, {"product": "金卡", "last4": "1111", "open_date": "2020-01-01"})
    rules_only(store, activation_call=True).evaluate()
    assert reminders(store, customer) == []


def test_care_call_two_days_after_activation(store, customer):
    today = datetime.now().astimezone().date()
    CardService(store).add(
        customer, {"product": "白金卡", "last4": "1234", "open_date": today, "activation_date": today}
    )
    rules_only(store, care_call=True).evaluate()
    (reminder,) = reminders(store, customer)
    assert reminder.kind == "care_call" and reminder.due_at == local(today + timedelta(days=2), 9)


def test_new_customer_revisits_at_7_and_30_days_not_repeated_later(store, customer):
    rules = rules_only(store, new_customer=True)
    rules.evaluate()
    today = datetime.now().astimezone().date()
    assert [r.due_at for r in reminders(store, customer)] == [
        local(today + timedelta(days=7), 9),
        local(today + timedelta(days=30), 9),
    ]
    rules.evaluate(now=datetime.now(UTC) + timedelta(days=10))
    assert len(reminders(store, customer)) == 2


def test_periodic_revisit_by_tier_is_pushed_out_by_a_logged_call(store):
    service, calls = CustomerService(store), CallService(store)
    vip = service.create({"name": "欧阳娜", "tier": "high_value", "lifecycle_stage": "active"}).new_id
    young = service.create({"name": "李明", "tier": "young", "lifecycle_stage": "active"}).new_id
    earlier = datetime.now(UTC) - timedelta(days=20)
    calls.log_call(vip, {**CALL, "occurred_at": earlier})
    rules = rules_only(store, periodic=True)
    rules.evaluate()
    (monthly,) = reminders(store, vip)
    assert monthly.due_at == local(earlier.astimezone().date() + relativedelta(months=1), 9)
    assert monthly.recurrence == "FREQ=MONTHLY;INTERVAL=1"
    (half_year,) = reminders(store, young)
    today = datetime.now().astimezone().date()
    assert half_year.due_at == local(today + relativedelta(months=6), 9)
    calls.log_call(vip, {**CALL, "occurred_at": datetime.now(UTC) - timedelta(minutes=1)})
    rules.evaluate([vip])
    (moved,) = reminders(store, vip)
    assert moved.id == monthly.id  # the same standing reminder, moved out
    assert moved.due_at == local(today + relativedelta(months=1), 9)


def test_birthday_greeting_at_nine_on_the_day_within_look_ahead(store):
    today = datetime.now().astimezone().date()
    soon, far = today + timedelta(days=5), today + timedelta(days=60)
    service = CustomerService(store)
    near = service.create({"name": "陈晨", "birth_date": date(1990, soon.month, min(soon.day, 28))}).new_id
    later = service.create({"name": "王芳", "birth_date": date(1985, far.month, min(far.day, 28))}).new_id
    rules = rules_only(store, birthday=True)
    rules.evaluate()
    rules.evaluate()
    (greeting,) = reminders(store, near)
    assert greeting.kind == "birthday" and greeting.due_at.astimezone().hour == 9
    assert reminders(store, later) == []


def test_holiday_greetings_only_for_customers_who_opted_in(store):
    service = CustomerService(store)
    yes = service.create({"name": "赵敏", "marketing_consent": True}).new_id
    no = service.create({"name": "钱多"}).new_id
    now = local(date(2026, 9, 20), 10)
    rules_only(store, holiday=True).evaluate(now=now)
    kinds = [(r.source, r.due_at) for r in reminders(store, yes)]
    assert kinds == [
        ("rule:holiday:mid_autumn:2026", local(date(2026, 9, 25), 9)),
        ("rule:holiday:national_day:2026", local(date(2026, 10, 1), 9)),
    ]
    assert reminders(store, no) == []


def test_holiday_table_has_the_lunar_dates():
    assert holidays_between(date(2027, 1, 1), date(2027, 12, 31)) == [
        ("new_year", date(2027, 1, 1)),
        ("spring_festival", date(2027, 2, 6)),
        ("dragon_boat", date(2027, 6, 9)),
        ("mid_autumn", date(2027, 9, 15)),
        ("national_day", date(2027, 10, 1)),
    ]


def test_complaint_follow_up_within_24_hours(store, customer):
    occurred = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    CallService(store).log_call(
        customer,
        {**CALL, "purpose": "complaint_handling", "outcome": "complaint_raised", "occurred_at": occurred},
    )
    rules_only(store, complaint=True).evaluate()
    (follow_up,) = reminders(store, customer)
    assert follow_up.kind == "complaint_follow_up"
    assert occurred + timedelta(hours=12) <= follow_up.due_at <= occurred + timedelta(hours=24 + 15)


def test_dormant_card_gets_a_reactivation_call(store, customer):
    today = datetime.now().astimezone().date()
    CardService(store).add(
        customer,
        {
            "product": "金卡",
            "last4": "2222",
            "open_date": "2023-01-01",
            "activation_date": "2023-01-02",
            "status": "active",
            "last_used_on": today - timedelta(days=200),
        },
    )
    rules_only(store, dormant_card=True).evaluate()
    (call,) = reminders(store, customer)
    assert call.kind == "dormant_reactivation"


def test_do_not_contact_gets_nothing(store):
    cid = (
        CustomerService(store)
        .create({"name": "孙丽", "do_not_contact": True, "tier": "high_value", "lifecycle_stage": "active"})
        .new_id
    )
    RevisitRules(store).evaluate()
    assert reminders(store, cid) == []


def test_allowed_hours_move_the_due_time(store):
    cid = (
        CustomerService(store)
        .create({"name": "周杰", "contact_hours_start": "14:00", "contact_hours_end": "18:00"})
        .new_id
    )
    rules_only(store, new_customer=True).evaluate()
    assert {r.due_at.astimezone().hour for r in reminders(store, cid)} == {14}


def test_weekly_contact_limit_pushes_to_the_next_week(store):
    cid = CustomerService(store).create({"name": "吴昊", "max_contacts_per_week": 1}).new_id
    rules_only(store, new_customer=True).evaluate()
    first, second = reminders(store, cid)
    today = datetime.now().astimezone().date()
    due7 = local(today + timedelta(days=7), 9)
    assert first.due_at == due7
    assert second.due_at == local(today + timedelta(days=30), 9)
    other = CustomerService(store).create({"name": "郑爽", "max_contacts_per_week": 1}).new_id
    week_of_7 = today + timedelta(days=7)
    CallService(store).log_call(other, {**CALL, "occurred_at": datetime.now(UTC) - timedelta(minutes=5)})
    # a call planned in the week of day 7 already: the revisit moves to the next Monday
    from storage.services.reminders import ReminderService

    ReminderService(store).create(other, {"kind": "custom", "due_at": local(week_of_7, 11)})
    rules_only(store, new_customer=True).evaluate([other])
    rule_made = [r for r in reminders(store, other) if r.source == "rule:new_customer:7"]
    monday_after = week_of_7 + timedelta(days=7 - week_of_7.weekday())
    assert rule_made[0].due_at == local(monday_after, 9)


def test_settings_round_trip():
    settings = RuleSettings(periodic=False, new_customer_days=(5,))
    assert RuleSettings.from_dict({**settings.to_dict(), "unknown": 1}) == settings


def test_next_revisit_is_the_earliest_open_reminder_after_rules(store):
    service, reminder_service = CustomerService(store), ReminderService(store)
    soon = service.create({"name": "王芳", "tier": "standard", "lifecycle_stage": "active"}).new_id
    later = service.create({"name": "赵磊", "tier": "standard", "lifecycle_stage": "active"}).new_id
    tomorrow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    in_a_year = datetime.now(UTC).replace(microsecond=0) + timedelta(days=365)
    reminder_service.create(soon, {"kind": "custom", "due_at": tomorrow})
    reminder_service.create(later, {"kind": "custom", "due_at": in_a_year})
    rules_only(store, periodic=True).evaluate()
    periodic = local(datetime.now().astimezone().date() + relativedelta(months=3), 9)
    assert service.get(soon).next_revisit_at == tomorrow  # the manual one stays first
    assert service.get(later).next_revisit_at == periodic  # the new rule reminder comes first


def test_re_evaluation_does_not_push_a_limited_customers_revisit_further(store):
    cid = (
        CustomerService(store)
        .create({"name": "孙悦", "tier": "standard", "lifecycle_stage": "active", "max_contacts_per_week": 1})
        .new_id
    )
    rules = rules_only(store, periodic=True)
    rules.evaluate()
    (first,) = reminders(store, cid)
    for _ in range(3):  # the daily run, again and again
        assert not rules.evaluate().reminders
    (still,) = reminders(store, cid)
    assert still.due_at == first.due_at


def test_rule_reminders_that_no_longer_apply_are_cancelled(store):
    service = CustomerService(store)
    quiet = service.create({"name": "周静", "tier": "standard", "lifecycle_stage": "active"}).new_id
    leaving = service.create({"name": "吴刚", "tier": "standard", "lifecycle_stage": "active"}).new_id
    rules = rules_only(store, periodic=True)
    rules.evaluate()
    service.update(quiet, {"do_not_contact": True})
    service.update(leaving, {"lifecycle_stage": "closed"})
    rules.evaluate()
    assert [r.status for r in reminders(store, quiet)] == ["cancelled"]
    assert [r.status for r in reminders(store, leaving)] == ["cancelled"]


def test_an_old_unactivated_cards_open_call_is_kept(store, customer):
    today = datetime.now().astimezone().date()
    CardService(store).add(
        customer, {"last4": "1234", "product": "白金卡", "status": "pending_activation", "open_date": today}
    )
    rules = rules_only(store, activation_call=True)
    rules.evaluate()
    (call,) = reminders(store, customer)
    rules.evaluate(now=datetime.now(UTC) + timedelta(days=120))  # still not activated, long after
    assert [r.status for r in reminders(store, customer)] == ["open"] and call.status == "open"


def test_a_greeting_counts_against_the_week_of_a_movable_revisit(store):
    """A birthday greeting keeps its day; the periodic revisit due the same week moves, at once."""
    tomorrow = datetime.now().astimezone().date() + timedelta(days=1)
    cid = (
        CustomerService(store)
        .create(
            {
                "name": "钱多",
                "tier": "standard",
                "lifecycle_stage": "active",
                "max_contacts_per_week": 1,
                "birth_date": date(1980, tomorrow.month, min(tomorrow.day, 28)),
            }
        )
        .new_id
    )
    base = tomorrow - relativedelta(months=3)
    CallService(store).log_call(cid, {**CALL, "occurred_at": local(base, 10)})
    rules = rules_only(store, periodic=True, birthday=True)
    rules.evaluate()
    weeks = [r.due_at.astimezone().isocalendar()[:2] for r in reminders(store, cid)]
    assert len(weeks) == len(set(weeks)) == 2
    assert not rules.evaluate().reminders  # and a second run finds nothing to move
