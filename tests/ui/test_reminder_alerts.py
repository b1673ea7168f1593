"""Reminder alerts in the window: a real notification whose Snooze snoozes in the database, the
in-window banner when there is no notification service, and names hidden on request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop import settings as opts
from desktop.app_context import AppContext
from desktop.notifier import Notifier
from desktop.translations import install_translators
from storage.changes import Changes
from storage.models import Reminder
from storage.rules.settings import RuleSettings
from storage.services.due_notices import DueNotices
from storage.services.reminders import ReminderService
from ui.main_window import MainWindow
from ui.tray import TrayIcon, badged_icon

MOBILE, ID_NUMBER = "13912345678", "11010519491231002X"


@pytest.fixture(autouse=True)
def chinese(qapp):
    """The UI in Chinese, as the managers use it."""
    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def due_reminder(store, customers):
    customer = customers.create(
        {
            "name": "王强",
            "gender": "male",
            "mobile": MOBILE,
            "id_number": ID_NUMBER,
            "tier": "standard",
            "lifecycle_stage": "active",
        }
    ).new_id
    now = datetime.now(UTC)
    rid = (
        ReminderService(store)
        .create(customer, {"kind": "activation_call", "due_at": now - timedelta(minutes=1)})
        .new_id
    )
    DueNotices(store).set_notified_until(now - timedelta(hours=1))
    return rid


def make_window(qtbot, store, notifier=None) -> MainWindow:
    context = AppContext(store, store.db_path.parent, notifier=notifier)
    context.settings.set(opts.DIGEST_ENABLED, False)  # the digest has tests of its own
    window = MainWindow(context)
    qtbot.addWidget(window)
    return window


def snoozed_until(store, rid):
    with store.read() as session:
        return session.scalar(select(Reminder.snoozed_until).where(Reminder.id == rid))


def test_snooze_on_a_real_notification_snoozes_the_reminder(qtbot, store, due_reminder, notification_server):
    notifier = Notifier("BranchDesk")
    try:
        window = make_window(qtbot, store, notifier)
        window.automation.scheduler.check()
        qtbot.waitUntil(lambda: bool(notification_server.notifications()), timeout=5000)
        (sent,) = notification_server.notifications()
        assert sent.summary == "王先生 — 激活回访" and sent.body.endswith("到期")
        for secret in (MOBILE, ID_NUMBER, MOBILE[-4:], ID_NUMBER[-4:]):
            assert secret not in sent.summary + sent.body
        assert [a for a, _ in sent.actions] == ["open", "snooze", "done"]
        notification_server.invoke("snooze")
        qtbot.waitUntil(lambda: snoozed_until(store, due_reminder) is not None, timeout=5000)
        delay = snoozed_until(store, due_reminder) - datetime.now(UTC)
        assert timedelta(minutes=55) < delay <= timedelta(hours=1)
    finally:
        notifier.close()


def test_a_notice_goes_away_when_its_reminder_is_done_elsewhere(
    qtbot, store, due_reminder, notification_server
):
    """Done in the reminder pane, or on the manager's other laptop and synced (the runner
    publishes the pulled reminders the same way): the notification on screen is withdrawn."""
    notifier = Notifier("BranchDesk")
    try:
        window = make_window(qtbot, store, notifier)
        window.automation.scheduler.check()
        qtbot.waitUntil(lambda: notification_server.displayed() == 1, timeout=5000)
        window.context.bus.publish(Changes(reminders=frozenset({"another-reminder"})))  # not shown: no effect
        qtbot.wait(300)
        assert notification_server.displayed() == 1
        window.context.bus.publish(ReminderService(store).complete(due_reminder))
        qtbot.waitUntil(lambda: notification_server.displayed() == 0, timeout=5000)
    finally:
        notifier.close()


def test_the_banner_goes_away_when_its_reminder_is_done_elsewhere(qtbot, store, due_reminder):
    window = make_window(qtbot, store)
    window.show()
    window.automation.scheduler.check()
    qtbot.waitUntil(window.automation.banner.isVisible, timeout=5000)
    later = datetime.now(UTC) + timedelta(hours=2)
    window.context.bus.publish(ReminderService(store).snooze(due_reminder, later))  # no longer due
    qtbot.waitUntil(lambda: not window.automation.banner.isVisible(), timeout=5000)


def test_without_a_notification_service_the_banner_shows_it(qtbot, store, due_reminder):
    window = make_window(qtbot, store)
    window.show()
    window.automation.scheduler.check()
    qtbot.waitUntil(window.automation.banner.isVisible, timeout=5000)
    assert "王先生 — 激活回访" in window.automation.banner.text.text()
    assert MOBILE not in window.automation.banner.text.text()
    assert window.statusBar().currentMessage()  # says once why reminders show here
    window.automation.banner.snooze_button.click()
    qtbot.waitUntil(lambda: snoozed_until(store, due_reminder) is not None, timeout=5000)
    assert not window.automation.banner.isVisible()


def test_hide_names_shows_only_the_kind(qtbot, store, due_reminder):
    window = make_window(qtbot, store)
    window.context.settings.set(opts.NOTIFY_HIDE_NAMES, True)
    window.show()
    window.automation.scheduler.check()
    qtbot.waitUntil(window.automation.banner.isVisible, timeout=5000)
    assert window.automation.banner.text.text().splitlines()[0] == "激活回访"
    assert "王" not in window.automation.banner.text.text()


def test_the_tray_shows_the_overdue_count(qtbot, store, due_reminder):
    window = make_window(qtbot, store)
    tray = TrayIcon(window)
    window.automation.scheduler.sig_overdue.connect(tray.set_overdue)
    with qtbot.waitSignal(window.automation.scheduler.sig_overdue, timeout=5000):
        window.automation.scheduler.check()
    assert tray.overdue == 1 and "1" in tray.toolTip()
    assert badged_icon(3).pixmap(64, 64).toImage() != badged_icon(0).pixmap(64, 64).toImage()


def test_open_and_done_from_the_banner(qtbot, store, due_reminder):
    from ui.dialogs.log_call_dialog import LogCallDialog

    window = make_window(qtbot, store)
    window.show()
    window.automation.scheduler.check()
    qtbot.waitUntil(window.automation.banner.isVisible, timeout=5000)
    customer_id = window.automation.alerts._shown[due_reminder].notices[0].customer_id
    window.automation.banner.open_button.click()
    qtbot.waitUntil(lambda: window.customer_id == customer_id, timeout=5000)
    window.automation.alerts.act("done", due_reminder)  # the same path as the notification's Done
    qtbot.waitUntil(lambda: bool(window.findChildren(LogCallDialog)), timeout=5000)
    dialog = window.findChildren(LogCallDialog)[0]
    assert dialog.isVisible()
    dialog.reject()


def test_settings_take_effect_at_once(qtbot, store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window = make_window(qtbot, store)
    settings = window.context.settings
    settings.set(opts.NOTIFY_ENABLED, False)
    opts.set_rule_settings(settings, RuleSettings(birthday=False))
    window.apply_settings(rules_changed=True, start_at_login=True)
    assert not window.automation.scheduler.planner.settings.enabled
    assert window.automation.rule_runner.rules.settings.birthday is False
    assert (tmp_path / "config" / "autostart" / "branchdesk.desktop").exists()
    with qtbot.waitSignal(window.automation.rule_runner.sig_finished, timeout=10_000):
        pass  # the rules ran again over the book with the new settings


def test_a_locked_desk_announces_by_kind_only(qtbot, store, customers):
    now = datetime.now(UTC)
    cid = customers.create(
        {"name": "王强", "gender": "male", "tier": "standard", "lifecycle_stage": "active"}
    ).new_id
    rid = (
        ReminderService(store)
        .create(cid, {"kind": "activation_call", "due_at": now + timedelta(seconds=2)})
        .new_id
    )
    DueNotices(store).set_notified_until(now - timedelta(minutes=1))
    window = make_window(qtbot, store)
    window.show()
    window.automation.started = True  # as after start_reminder_automation, without its timers
    window.lock()
    assert store.locked
    qtbot.wait(2100)
    window.automation.scheduler.check()
    qtbot.waitUntil(window.automation.banner.isVisible, timeout=5000)
    text = window.automation.banner.text.text()
    assert text.startswith("激活回访") and "王" not in text and "解锁" in text
    assert not window.automation.banner.snooze_button.isVisible()  # nothing can be done on a closed database
    assert window.automation.alerts._shown[rid].locked


def test_closing_keeps_the_app_in_the_tray_until_quit(qtbot, store):
    window = make_window(qtbot, store)
    window.automation.tray = TrayIcon(window)  # offscreen Qt has no tray host; the icon still works
    window.automation.tray.show()
    window.show()
    window.close()
    assert not window.isVisible() and window.automation._told_about_tray  # hidden, not closed; told once
    window.bring_to_front()  # the tray's "Show BranchDesk"
    assert window.isVisible()
    window.context.settings.set(opts.MINIMIZE_TO_TRAY, False)
    window.close()
    assert not window.isVisible()
