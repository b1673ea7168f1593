"""The scheduler on Qt's timers, with a clock the test moves: due now, after a sleep, overdue count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.notice_planner import AnnouncementKind, NoticePlanner, NoticeSettings
from desktop.reminder_scheduler import ReminderScheduler
from storage.services.customers import CustomerService
from storage.services.due_notices import DueNotices
from storage.services.reminders import ReminderService


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_announces_on_start_when_due_and_after_a_sleep(qtbot, store):
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    cid = (
        CustomerService(store)
        .create({"name": "张伟", "tier": "standard", "lifecycle_stage": "active"})
        .new_id
    )
    reminders = ReminderService(store)
    first = reminders.create(cid, {"kind": "care_call", "due_at": start - timedelta(minutes=5)}).new_id
    DueNotices(store).set_notified_until(start - timedelta(hours=1))
    clock = Clock(start)
    planner = NoticePlanner(DueNotices(store), NoticeSettings(digest_enabled=False))
    scheduler = ReminderScheduler(planner, clock=clock, interval_ms=60_000)
    announced, overdue = [], []
    scheduler.sig_announce.connect(announced.append)
    scheduler.sig_overdue.connect(overdue.append)
    with qtbot.waitSignal(scheduler.sig_checked, timeout=5000):
        scheduler.start()  # the catch-up on start
    assert [a.key for a in announced] == [first] and overdue == [1]
    assert not scheduler._at_due.isActive()  # nothing else planned

    # Four more fall due while the machine sleeps through the afternoon: one summary on waking.
    for seconds in (30, 1200, 1800, 2400):
        reminders.create(cid, {"kind": "periodic_revisit", "due_at": start + timedelta(seconds=seconds)})
    with qtbot.waitSignal(scheduler.sig_checked, timeout=5000):
        scheduler.reminders_changed()
    assert len(announced) == 1 and scheduler._at_due.isActive()  # wakes at the next due time (30 s)
    clock.now = start + timedelta(hours=5)
    with qtbot.waitSignal(scheduler.sig_checked, timeout=5000):
        scheduler.check()
    assert announced[-1].kind == AnnouncementKind.SUMMARY and announced[-1].total == 4
    assert overdue[-1] == 5  # recounted once the next due time had passed
    with qtbot.waitSignal(scheduler.sig_checked, timeout=5000):
        scheduler.check()
    assert len(announced) == 2  # never twice
    scheduler.stop()
