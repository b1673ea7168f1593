"""Native notifications against a real notification server (dunst on a private session bus)."""

from __future__ import annotations

import logging
import threading

import pytest

from desktop.notifier import Notice, Notifier

NOTICE = Notice("reminder-1", "张先生 — 激活回访", "到期 今天 09:00")


def wait_for_notifications(qtbot, server, count: int = 1):
    qtbot.waitUntil(lambda: len(server.notifications()) >= count, timeout=5000)
    return server.notifications()


def test_notice_reaches_the_server_with_its_three_actions(qtbot, notifier, notification_server, caplog):
    caplog.set_level(logging.DEBUG)
    notifier.notify(NOTICE)
    (sent,) = wait_for_notifications(qtbot, notification_server)
    assert (sent.app_name, sent.summary, sent.body) == ("BranchDesk", "张先生 — 激活回访", "到期 今天 09:00")
    assert sent.actions == [("open", "Open"), ("snooze", "Snooze 1 h"), ("done", "Done")]
    assert notifier.available
    assert "张先生" not in caplog.text  # the library's own debug log names the notification


@pytest.mark.parametrize(
    ("server_action", "chosen"), [("snooze", "snooze"), ("done", "done"), ("default", "open")]
)
def test_choosing_an_action_on_the_server_reaches_the_gui_thread(
    qtbot, notifier, notification_server, server_action, chosen
):
    threads = []
    notifier.actionChosen.connect(lambda *_: threads.append(threading.current_thread()))
    notifier.notify(Notice("reminder-0", "李女士 — 生日问候", "到期 今天 10:00"))
    notifier.notify(NOTICE)
    wait_for_notifications(qtbot, notification_server, 2)
    with qtbot.waitSignal(notifier.actionChosen, timeout=5000) as emitted:
        notification_server.invoke(server_action)  # on the newest: NOTICE ("default" = a click on it)
    assert emitted.args == [chosen, "reminder-1"]
    assert threads == [threading.main_thread()]


def test_a_summary_offers_only_open(qtbot, notifier, notification_server):
    body = "张先生 — 激活回访\n李女士 — 生日问候"
    notifier.notify(Notice("overdue", "到期回访：12", body, with_reminder_actions=False))
    (sent,) = wait_for_notifications(qtbot, notification_server)
    assert (sent.summary, sent.body) == ("到期回访：12", body)
    assert sent.actions == [("open", "Open")]


def test_a_notice_replaces_the_one_shown_for_its_key(qtbot, notifier, notification_server):
    notifier.notify(Notice("digest:2026-11-23", "今日回访：3", "张先生 …", with_reminder_actions=False))
    notifier.notify(Notice("digest:2026-11-23", "今日回访：4", "张先生 …", with_reminder_actions=False))
    notifier.notify(NOTICE)
    wait_for_notifications(qtbot, notification_server, 3)
    qtbot.waitUntil(lambda: notification_server.displayed() == 2, timeout=5000)
    with pytest.raises(AssertionError, match="no notification on screen"):
        notification_server.invoke("open", summary="今日回访：3")
    with qtbot.waitSignal(notifier.actionChosen, timeout=5000) as emitted:
        notification_server.invoke("open", summary="今日回访：4")
    assert emitted.args == ["open", "digest:2026-11-23"]


def expect_unavailable_once(qtbot, notifier: Notifier, caplog) -> list[str]:
    reasons = []
    notifier.unavailable.connect(reasons.append)
    for _ in range(3):  # before the first failure is known; none of them may raise or block
        notifier.notify(NOTICE)
    qtbot.waitUntil(lambda: bool(reasons), timeout=5000)
    for _ in range(3):  # after it
        notifier.notify(NOTICE)
    qtbot.wait(200)
    assert len(reasons) == 1 and not notifier.available
    assert "张先生" not in caplog.text
    return reasons


def test_without_a_session_bus_the_app_is_told_once_and_goes_on(qtbot, monkeypatch, caplog):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    notifier = Notifier("BranchDesk")
    try:
        assert expect_unavailable_once(qtbot, notifier, caplog) == ["FileNotFoundError"]
    finally:
        notifier.close()


def test_without_a_notification_server_the_app_is_told_once(qtbot, bus_without_notifications, caplog):
    notifier = Notifier("BranchDesk")
    try:
        assert expect_unavailable_once(qtbot, notifier, caplog) == ["DBusError"]
    finally:
        notifier.close()


def test_close_is_idempotent_and_stops_the_thread(qtbot, notification_server):
    before = set(threading.enumerate())
    notifier = Notifier("BranchDesk")
    notifier.notify(NOTICE)
    wait_for_notifications(qtbot, notification_server)
    assert set(threading.enumerate()) - before  # the loop thread runs
    notifier.close()
    notifier.close()
    assert not set(threading.enumerate()) - before
    notifier.notify(NOTICE)  # after close: nothing, and no new thread
    assert not set(threading.enumerate()) - before
    assert notifier.available
