"""The log-a-call dialog on a real encrypted profile: saving, reminders, errors, keyboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from storage.errors import ValidationError
from storage.models import Reminder
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.services.reminders import DueReminder, ReminderService
from ui.dialogs.log_call_dialog import LogCallDialog
from ui.errors import message_for

NOW = datetime.now(UTC)


@pytest.fixture
def calls(store):
    return CallService(store)


@pytest.fixture
def reminders(store):
    return ReminderService(store)


@pytest.fixture
def li(store):
    return CustomerService(store).create({"name": "李娜", "mobile": "13700137000"}).new_id


@pytest.fixture
def make_dialog(qtbot, calls, reminders, li):
    def make(reminder: DueReminder | None = None) -> LogCallDialog:
        dialog = LogCallDialog(calls, reminders, li, "李娜", reminder=reminder)
        qtbot.addWidget(dialog)
        return dialog

    return make


def local(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def reminder_row(store, reminder_id: str) -> Reminder:
    with store.read() as session:
        row = session.get(Reminder, reminder_id)
        session.expunge(row)
        return row


def show_active(qtbot, dialog: LogCallDialog) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)


def test_answering_a_reminder_completes_it_and_schedules_the_next_step(
    qtbot, store, calls, reminders, li, make_dialog
):
    rid = reminders.create(li, {"kind": "activation_call", "due_at": NOW - timedelta(hours=2)}).new_id
    (due,) = reminders.for_customer(li)
    dialog = make_dialog(due)
    assert dialog.completes_check.isChecked()
    dialog.satisfaction.setCurrentIndex(5)
    dialog.duration.setValue(3)
    dialog.summary.setPlainText("客户已激活新卡\n询问了年费政策")
    dialog.next_step.setText("寄送年费减免说明")
    next_at = (NOW + timedelta(days=3)).replace(second=0, microsecond=0)
    dialog.next_step_due.setChecked(True)
    dialog.next_step_at.setDateTime(local(next_at))
    with qtbot.waitSignal(dialog.sig_logged, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    changes = blocker.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changes == changes
    (call,) = calls.history(li)
    assert call.id == changes.new_id and call.purpose == "activation_follow_up"
    assert (call.satisfaction, call.duration_seconds, call.channel) == (5, 180, "phone")
    assert call.summary == "客户已激活新卡\n询问了年费政策"
    done = reminder_row(store, rid)
    assert done.status == "done" and done.completed_by_call_id == call.id
    (follow_up,) = reminders.for_customer(li)
    assert follow_up.kind == "follow_up" and follow_up.notes == "寄送年费减免说明"
    assert follow_up.due_at == next_at
    assert {rid, follow_up.id} <= changes.reminders and li in changes.customers


@pytest.mark.parametrize(
    ("field", "setup"),
    [
        ("occurred_at", lambda d: d.occurred_at.setDateTime(local(NOW + timedelta(days=2)))),
        ("next_step_at", lambda d: (d.next_step_due.setChecked(True),
                                    d.next_step_at.setDateTime(local(NOW - timedelta(days=1))))),
    ],
)  # fmt: skip
def test_invalid_input_shows_the_error_by_its_field_and_saves_nothing(
    qtbot, calls, reminders, li, make_dialog, field, setup
):
    rid = reminders.create(li, {"kind": "periodic_revisit", "due_at": NOW}).new_id
    dialog = make_dialog(reminders.for_customer(li)[0])
    setup(dialog)
    logged = []
    dialog.sig_logged.connect(logged.append)
    dialog.save()
    assert not dialog.save_button.isEnabled()  # disabled while the write runs
    qtbot.waitUntil(lambda: dialog.error_text(field) != "", timeout=5000)
    code = "in_future" if field == "occurred_at" else "next_step_before_call"
    assert message_for(ValidationError(field, code)) in dialog.error_text(field)
    assert dialog.save_button.isEnabled() and dialog.result() == 0 and dialog.changes is None
    assert logged == [] and calls.history(li) == []
    assert [r.id for r in reminders.for_customer(li)] == [rid]  # still open


def test_ctrl_enter_saves_from_the_dialog_and_from_the_summary(qtbot, calls, li, make_dialog):
    dialog = make_dialog()
    show_active(qtbot, dialog)
    with qtbot.waitSignal(dialog.sig_logged, timeout=5000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(calls.history(li)) == 1
    second = make_dialog()
    show_active(qtbot, second)
    second.summary.setFocus()
    second.summary.setPlainText("回访完成")  # QTest.keyClicks aborts the process on non-ASCII text
    second.summary.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(second.sig_logged, timeout=5000) as blocker:
        QTest.keyClick(second.summary, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    saved = {call.id: call.summary for call in calls.history(li)}
    assert saved[blocker.args[0].new_id] == "回访完成"  # saved, no newline typed into it


def test_keyboard_only_entry(qtbot, make_dialog):
    dialog = make_dialog()
    show_active(qtbot, dialog)
    assert dialog.channel.hasFocus() and dialog.channel.currentData() == "phone"
    dialog.satisfaction.setFocus()
    QTest.keyClick(dialog.satisfaction, Qt.Key.Key_4)
    assert dialog.satisfaction.score() == 4
    QTest.keyClick(dialog.satisfaction, Qt.Key.Key_Delete)
    assert dialog.satisfaction.score() is None
    dialog.summary.setFocus()
    QTest.keyClick(dialog.summary, Qt.Key.Key_Tab)
    assert dialog.next_step.hasFocus() and dialog.summary.toPlainText() == ""
    assert not dialog.next_step_at.isEnabled()
    dialog.next_step_due.setFocus()
    QTest.keyClick(dialog.next_step_due, Qt.Key.Key_Space)
    assert dialog.next_step_at.isEnabled()
    local_tomorrow = dialog.next_step_at.dateTime()
    assert (local_tomorrow.time().hour(), local_tomorrow.time().minute()) == (9, 0)
    assert local_tomorrow.date() == QDateTime.currentDateTime().date().addDays(1)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


@pytest.mark.parametrize(
    ("kind", "purpose"),
    [
        ("activation_call", "activation_follow_up"),
        ("periodic_revisit", "periodic_revisit"),
        ("new_customer_revisit", "periodic_revisit"),
        ("birthday", "birthday_greeting"),
        ("holiday", "holiday_greeting"),
        ("complaint_follow_up", "complaint_handling"),
        ("care_call", "care"),
        ("dormant_reactivation", "other"),
    ],
)
def test_purpose_is_prefilled_from_the_reminder_kind(make_dialog, li, kind, purpose):
    due = DueReminder("r1", li, "李娜", kind, NOW, "open", None)
    dialog = make_dialog(due)
    assert dialog.purpose.currentData() == purpose
    assert dialog.reminder_choice is None and dialog.completes_reminder_id() == "r1"
    assert "李娜" in dialog.windowTitle()


def test_the_reminder_chooser_offers_the_customers_open_reminders(
    qtbot, calls, reminders, store, li, make_dialog
):
    other = CustomerService(store).create({"name": "王芳", "mobile": "13800138000"}).new_id
    later = reminders.create(li, {"kind": "birthday", "due_at": NOW + timedelta(days=2)}).new_id
    sooner = reminders.create(li, {"kind": "complaint_follow_up", "due_at": NOW - timedelta(hours=1)}).new_id
    closed = reminders.create(li, {"kind": "care_call", "due_at": NOW}).new_id
    reminders.cancel(closed)
    reminders.create(other, {"kind": "care_call", "due_at": NOW})
    dialog = make_dialog()
    qtbot.waitUntil(lambda: dialog.open_reminder_choices() != [], timeout=5000)
    assert dialog.open_reminder_choices() == [sooner, later]
    assert dialog.form.isRowVisible(dialog.reminder_choice.parentWidget())
    assert dialog.reminder_choice.count() == 3 and dialog.completes_reminder_id() is None
    dialog.choose_reminder(sooner)
    assert dialog.purpose.currentData() == "complaint_handling"
    with qtbot.waitSignal(dialog.sig_logged, timeout=5000):
        dialog.save()
    assert [r.id for r in reminders.for_customer(li)] == [later]
    assert reminder_row(store, sooner).completed_by_call_id == calls.history(li)[0].id


def test_no_chooser_when_the_customer_has_no_open_reminders(qtbot, make_dialog):
    dialog = make_dialog()
    op_done = lambda: dialog._open_reminders_op is None  # noqa: E731
    qtbot.waitUntil(op_done, timeout=5000)
    assert not dialog.form.isRowVisible(dialog.reminder_choice.parentWidget())
    assert dialog.completes_reminder_id() is None
