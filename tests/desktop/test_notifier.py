"""Native notifications against a real notification server (dunst on a private session bus)."""

from __future__ import annotations

import threading

from desktop.notifier import Notice, Notifier

NOTICE = Notice("reminder-1", "张先生 — 激活回访", "到期 今天 09:00")


def test_notice_reaches_the_server_with_its_three_actions(qtbot, notifier, notification_server):
    notifier.notify(NOTICE)
    qtbot.waitUntil(lambda: bool(notification_server.notifications()), timeout=5000)
    (sent,) = notification_server.notifications()
    assert (sent.app_name, sent.summary, sent.body) == ("BranchDesk", "张先生 — 激活回访", "到期 今天 09:00")
    assert [action for action, _label in sent.actions] == ["open", "snooze", "done"]
    assert all(label for _action, label in sent.actions)
    assert notifier.available


def test_choosing_an_action_on_the_server_reaches_the_app(qtbot, notifier, notification_server):
    notifier.notify(NOTICE)
    qtbot.waitUntil(lambda: bool(notification_server.notifications()), timeout=5000)
    with qtbot.waitSignal(notifier.actionChosen, timeout=5000) as chosen:
        notification_server.invoke("snooze")
    assert chosen.args == ["snooze", "reminder-1"]
    notifier.notify(Notice("reminder-2", "李女士 — 生日问候", "到期 今天 09:00"))
    qtbot.waitUntil(lambda: len(notification_server.notifications()) == 2, timeout=5000)
    with qtbot.waitSignal(notifier.actionChosen, timeout=5000) as chosen:
        notification_server.invoke("done")
    assert chosen.args == ["done", "reminder-2"]


def test_a_summary_offers_only_open(qtbot, notifier, notification_server):
    notifier.notify(Notice("summary:1", "到期回访：12", "张先生 — 激活回访", with_reminder_actions=False))
    qtbot.waitUntil(lambda: bool(notification_server.notifications()), timeout=5000)
    assert [action for action, _label in notification_server.notifications()[0].actions] == ["open"]


def test_without_a_service_the_app_is_told_once_and_goes_on(qtbot, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    notifier = Notifier("BranchDesk")
    reasons = []
    notifier.unavailable.connect(reasons.append)
    try:
        notifier.notify(NOTICE)
        qtbot.waitUntil(lambda: bool(reasons), timeout=5000)
        for _ in range(3):
            notifier.notify(NOTICE)
        qtbot.wait(300)
        assert len(reasons) == 1 and not notifier.available
    finally:
        notifier.close()


def test_close_is_idempotent_and_stops_the_thread(qtbot, notifier, notification_server):
    notifier.notify(NOTICE)
    qtbot.waitUntil(lambda: bool(notification_server.notifications()), timeout=5000)
    notifier.close()
    notifier.close()
    assert not [t for t in threading.enumerate() if t.name == "notifier"]
