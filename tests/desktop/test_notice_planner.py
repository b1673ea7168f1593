"""The scheduler's decisions with a controllable clock: due now, catch-up once, digest, snooze."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.notice_planner import AnnouncementKind, NoticePlanner, NoticeSettings
from storage.services.customers import CustomerService
from storage.services.due_notices import DueNotices
from storage.services.reminders import ReminderService

# A day next week (snoozing needs a future time); 08:00 in Beijing is 00:00 UTC.
DAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=7)


pytestmark = pytest.mark.usefixtures("shanghai_time")


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    """Beijing wall-clock time on DAY (+ days), as UTC."""
    return DAY + timedelta(days=days, hours=hour - 8, minutes=minute)


@pytest.fixture
def book(store):
    customers, reminders = CustomerService(store), ReminderService(store)
    zhang = customers.create(
        {
            "name": "张伟",
            "gender": "male",
            "mobile": "13800138000",
            "tier": "standard",
            "lifecycle_stage": "active",
        }
    ).new_id
    li = customers.create(
        {"name": "李娜", "gender": "female", "tier": "standard", "lifecycle_stage": "active"}
    ).new_id

    def remind(customer_id: str, due: datetime, kind: str = "activation_call") -> str:
        return reminders.create(customer_id, {"kind": kind, "due_at": due}).new_id

    return {"zhang": zhang, "li": li, "remind": remind, "reminders": reminders}


def planner(store, **settings) -> NoticePlanner:
    return NoticePlanner(DueNotices(store), NoticeSettings(**{"digest_enabled": False, **settings}))


def test_a_reminder_is_announced_when_due_and_only_once(store, book):
    rid = book["remind"](book["zhang"], at(10))
    p = planner(store)
    assert p.check(at(9, 59)).announcements == ()
    assert p.check(at(9, 59)).next_due == at(10)
    (announced,) = p.check(at(10, 0)).announcements
    assert announced.kind == AnnouncementKind.REMINDER and announced.key == rid
    notice = announced.notices[0]
    assert (notice.surname, notice.gender, notice.kind) == ("张", "male", "activation_call")
    assert "13800138000" not in repr(announced)
    assert p.check(at(10, 1)).announcements == ()
    assert planner(store).check(at(11)).announcements == ()  # a restart does not repeat it


def test_what_fell_due_while_closed_or_asleep_comes_once_summarised(store, book):
    planner(store).check(at(8))  # the app ran this morning
    for hour in range(9, 14):
        book["remind"](book["li"], at(hour, 30), kind="birthday")
    (summary,) = planner(store, summarise_over=3).check(at(18)).announcements  # woke at 18:00
    assert summary.kind == AnnouncementKind.SUMMARY and summary.total == 5
    assert len(summary.notices) == 5 and {n.surname for n in summary.notices} == {"李"}
    assert planner(store).check(at(18, 1)).announcements == ()


def test_a_few_missed_reminders_come_one_by_one(store, book):
    planner(store).check(at(8))
    book["remind"](book["zhang"], at(9))
    book["remind"](book["li"], at(10))
    found = planner(store, summarise_over=3).check(at(12)).announcements
    assert [a.kind for a in found] == [AnnouncementKind.REMINDER] * 2


def test_a_snoozed_reminder_is_announced_again_at_its_new_time(store, book):
    rid = book["remind"](book["zhang"], at(10))
    p = planner(store)
    assert len(p.check(at(10)).announcements) == 1
    book["reminders"].snooze(rid, at(11))
    assert p.check(at(10, 30)).announcements == ()
    (again,) = p.check(at(11)).announcements
    assert again.key == rid


def test_a_done_reminder_is_not_announced(store, book):
    rid = book["remind"](book["zhang"], at(10))
    book["reminders"].complete(rid)
    assert planner(store).check(at(12)).announcements == ()


def test_the_morning_digest_comes_once_at_its_time(store, book):
    book["remind"](book["zhang"], at(10))
    book["remind"](book["li"], at(15), kind="birthday")
    book["remind"](book["li"], at(10, days=-2))  # overdue from before today
    p = planner(store, digest_enabled=True, digest_time="08:30", summarise_over=99)
    found = p.check(at(8, 29)).announcements
    assert all(a.kind != AnnouncementKind.DIGEST for a in found)
    digests = [a for a in p.check(at(8, 30)).announcements if a.kind == AnnouncementKind.DIGEST]
    assert len(digests) == 1
    assert digests[0].total == 2 and digests[0].overdue_before == 1
    assert not [a for a in p.check(at(9)).announcements if a.kind == AnnouncementKind.DIGEST]
    tomorrow = [a for a in p.check(at(8, 31, days=1)).announcements if a.kind == AnnouncementKind.DIGEST]
    assert len(tomorrow) == 1


def test_a_digest_missed_in_the_morning_comes_on_start(store, book):
    book["remind"](book["zhang"], at(16))
    p = planner(store, digest_enabled=True, digest_time="08:30")
    digests = [a for a in p.check(at(14)).announcements if a.kind == AnnouncementKind.DIGEST]
    assert len(digests) == 1 and digests[0].total == 1


def test_notifications_off_announces_nothing(store, book):
    book["remind"](book["zhang"], at(10))
    assert planner(store, enabled=False).check(at(11)).announcements == ()


def test_an_empty_morning_gives_the_digest_later_when_today_has_revisits(store, book):
    p = planner(store, digest_enabled=True, digest_time="08:30")
    assert p.check(at(8, 45)).announcements == ()  # nothing for today (yet)
    book["remind"](book["zhang"], at(16))  # e.g. the daily rules run created one
    digests = [a for a in p.check(at(8, 50)).announcements if a.kind == AnnouncementKind.DIGEST]
    assert len(digests) == 1 and digests[0].total == 1


def test_while_locked_reminders_come_by_kind_only_and_not_again_after_unlocking(store, book):
    from storage.profile import unlock

    book["remind"](book["zhang"], at(10))
    later = book["remind"](book["li"], at(10, 30), kind="birthday")
    p = planner(store)
    p.check(at(9))
    watch = p.watch_while_locked(at(9, 5))
    store.lock()  # the database is closed from here on
    assert watch.check(at(9, 59)) == []
    (announced,) = watch.check(at(10))
    assert announced.locked and announced.notices[0].kind == "activation_call"
    assert announced.notices[0].surname == "" and announced.notices[0].customer_id == ""
    unlock(store)
    p.resume(watch)
    assert p.check(at(10, 5)).announcements == ()  # announced while locked: not again
    (after,) = p.check(at(10, 30)).announcements
    assert after.key == later and not after.locked
