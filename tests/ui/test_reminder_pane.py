"""The reminder pane on a real encrypted profile: groups, counts, actions, reloads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.change_bus import ChangeBus
from storage.models import Reminder
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService, local_day_end
from ui.dialogs.pick_time_dialog import PickTimeDialog
from ui.icons import icon
from ui.models import reminder_model
from ui.models.reminder_model import DONE, OVERDUE, OVERDUE_COLOR, TODAY, UPCOMING
from ui.panes import reminder_pane
from ui.panes.reminder_pane import ReminderPane


def tr(text: str) -> str:
    return QCoreApplication.translate("ReminderModel", text)


@pytest.fixture
def world(store):
    """Two customers with one reminder in each group: overdue, later today, in 3 days, done."""
    customers, reminders = CustomerService(store), ReminderService(store)
    li = customers.create({"name": "李娜", "mobile": "13700137000"}).new_id
    wang = customers.create({"name": "王芳", "mobile": "13800138000"}).new_id
    now = datetime.now(UTC)
    later_today = now + (local_day_end(now) - now) / 2  # still today, even close to midnight
    ids = {
        OVERDUE: reminders.create(
            li, {"kind": "periodic_revisit", "due_at": now - timedelta(hours=2), "notes": "问<b>额度</b>"}
        ).new_id,
        TODAY: reminders.create(wang, {"kind": "birthday", "due_at": later_today}).new_id,
        UPCOMING: reminders.create(li, {"kind": "activation_call", "due_at": now + timedelta(days=3)}).new_id,
        DONE: reminders.create(wang, {"kind": "care_call", "due_at": now - timedelta(hours=1)}).new_id,
    }
    reminders.complete(ids[DONE])
    return {"reminders": reminders, "ids": ids, "li": li, "wang": wang, "store": store}


@pytest.fixture
def pane(qtbot, world):
    bus = ChangeBus()
    widget = ReminderPane(world["reminders"], bus)
    widget.bus = bus  # the test's handle on the bus the pane listens to
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.counts() == (1, 1, 1, 1), timeout=5000)
    return widget


def ids_in(pane: ReminderPane, key: str) -> list[str]:
    header = pane.model.group_index(key)
    return [
        pane.model.reminder_at(pane.model.index(r, 0, header)).id for r in range(pane.model.rowCount(header))
    ]


def select(pane: ReminderPane, reminder_id: str) -> None:
    pane.tree.setCurrentIndex(pane.model.find(reminder_id))
    assert pane.selected_reminder().id == reminder_id


def status_of(store, reminder_id: str) -> Reminder:
    with store.read() as session:
        row = session.get(Reminder, reminder_id)
        session.expunge(row)
        return row


def test_reminders_land_in_their_groups_with_counts(pane, world):
    ids = world["ids"]
    for key in (OVERDUE, TODAY, UPCOMING, DONE):
        assert ids_in(pane, key) == [ids[key]]
    assert pane.model.group_index(OVERDUE).data() == tr("Overdue (%1)").replace("%1", "1")
    assert pane.model.group_index(DONE).data() == tr("Done this week (%1)").replace("%1", "1")
    today_row = pane.model.find(ids[TODAY])
    assert today_row.data() == "王芳"
    assert today_row.siblingAtColumn(1).data() == QCoreApplication.translate("Labels", "Birthday")


def test_overdue_row_is_marked_by_icon_and_word_not_colour_alone(pane, world):
    index = pane.model.find(world["ids"][OVERDUE])
    item = pane.model.itemFromIndex(index)
    assert item.text() == "李娜"
    assert item.icon().cacheKey() == icon("overdue").cacheKey()
    assert item.foreground().color() == OVERDUE_COLOR
    assert index.siblingAtColumn(3).data() == tr("Overdue")
    tooltip = index.siblingAtColumn(2).data(Qt.ItemDataRole.ToolTipRole)
    assert "问&lt;b&gt;额度&lt;/b&gt;" in tooltip  # notes shown escaped, never as markup


def test_actions_follow_the_selection(pane, world):
    assert not pane.done_action.isEnabled() and not pane.snooze_button.isEnabled()
    select(pane, world["ids"][DONE])
    assert not pane.done_action.isEnabled() and pane.show_customer_action.isEnabled()
    select(pane, world["ids"][TODAY])
    assert pane.done_action.isEnabled() and pane.cancel_button.isEnabled()
    pane.tree.setCurrentIndex(pane.model.group_index(TODAY))
    assert pane.selected_reminder() is None and not pane.reschedule_action.isEnabled()


def test_snooze_one_hour_moves_the_overdue_reminder_out_of_overdue(qtbot, pane, world):
    rid = world["ids"][OVERDUE]
    select(pane, rid)
    with qtbot.waitSignal(pane.sig_counts_changed, timeout=5000):
        pane.snooze_hour_action.trigger()
    qtbot.waitUntil(lambda: pane.counts()[0] == 0, timeout=5000)
    row = status_of(world["store"], rid)
    assert row.status == "snoozed"
    assert timedelta(minutes=59) < row.snoozed_until - datetime.now(UTC) <= timedelta(hours=1)
    assert rid not in ids_in(pane, OVERDUE) and rid in ids_in(pane, TODAY) + ids_in(pane, UPCOMING)
    assert pane.selected_reminder().id == rid  # the selection followed it to its new group
    shown = pane.model.find(rid).siblingAtColumn(3).data()
    assert shown == tr("Snoozed until %1").replace("%1", reminder_model.local_time_text(row.snoozed_until))


def test_snooze_until_a_picked_time(qtbot, pane, world):
    rid = world["ids"][TODAY]
    select(pane, rid)
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    pane.snooze_until(until)  # what "Until a time I pick…" does once the dialog is accepted
    qtbot.waitUntil(lambda: rid in ids_in(pane, UPCOMING), timeout=5000)
    assert pane.counts() == (1, 0, 2, 1)
    assert status_of(world["store"], rid).snoozed_until == until


def test_pick_time_dialog_refuses_the_past(qtbot):
    before = QDateTime.currentDateTime().addSecs(-1)
    dialog = PickTimeDialog("Snooze", "When?", datetime.now(UTC) - timedelta(days=3))
    qtbot.addWidget(dialog)
    assert dialog.edit.minimumDateTime() >= before
    assert dialog.chosen() >= datetime.now(UTC) - timedelta(seconds=2)  # the past initial was clamped
    dialog.edit.setDateTime(QDateTime.currentDateTime().addDays(-1))
    assert dialog.chosen() >= datetime.now(UTC) - timedelta(seconds=2)
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    dialog.edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(later.timestamp())))
    assert dialog.chosen() == later


def test_reschedule(qtbot, pane, world):
    rid = world["ids"][OVERDUE]
    select(pane, rid)
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    pane.reschedule_to(due)
    qtbot.waitUntil(lambda: rid in ids_in(pane, UPCOMING), timeout=5000)
    row = status_of(world["store"], rid)
    assert row.status == "open" and row.due_at == due
    assert pane.counts() == (0, 1, 2, 1)


def test_reschedule_through_the_dialog(qtbot, pane, world):
    rid = world["ids"][UPCOMING]
    select(pane, rid)
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=6)
    seen = []

    def answer_the_dialog():  # the user picks a time in the real dialog and presses OK
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet: look again
            QTimer.singleShot(10, answer_the_dialog)
            return
        seen.append(dialog)
        dialog.edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(due.timestamp())))
        dialog.accept()

    QTimer.singleShot(0, answer_the_dialog)
    pane.reschedule_action.trigger()
    assert isinstance(seen[0], PickTimeDialog)
    qtbot.waitUntil(lambda: status_of(world["store"], rid).due_at == due, timeout=5000)
    qtbot.waitUntil(
        lambda: pane.model.find(rid).siblingAtColumn(2).data() == reminder_model.local_time_text(due)
    )


def test_cancel_after_confirmation(qtbot, monkeypatch, pane, world):
    asked = []
    # A fake of the user clicking "Yes" in the confirmation box (a real modal box would block the test).
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: asked.append(args) or QMessageBox.StandardButton.Yes
    )
    rid = world["ids"][UPCOMING]
    select(pane, rid)
    pane.cancel_action.trigger()
    qtbot.waitUntil(lambda: pane.counts() == (1, 1, 0, 1), timeout=5000)
    assert len(asked) == 1 and "李娜" in asked[0][2]
    assert status_of(world["store"], rid).status == "cancelled"


def test_cancel_declined_changes_nothing(monkeypatch, pane, world):
    # A fake of the user clicking "No".
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    select(pane, world["ids"][UPCOMING])
    pane.cancel_reminder()
    assert not pane._running
    assert status_of(world["store"], world["ids"][UPCOMING]).status == "open"


def test_a_failed_write_is_shown_as_an_error(qtbot, monkeypatch, pane, world):
    shown = []
    monkeypatch.setattr(reminder_pane, "show_error", lambda parent, error: shown.append(error))
    rid = world["ids"][TODAY]
    select(pane, rid)
    world["reminders"].cancel(rid)  # meanwhile, elsewhere (not published on this pane's bus)
    pane.snooze_until_tomorrow()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert type(shown[0]).__name__ == "InvalidStateError"
    assert pane.done_action.isEnabled()  # usable again after the failure


def test_done_asks_for_the_call_with_customer_and_reminder(qtbot, pane, world):
    select(pane, world["ids"][OVERDUE])
    with qtbot.waitSignal(pane.sig_log_call_requested, timeout=1000) as signal:
        pane.done_button.click()
    customer_id, reminder = signal.args
    assert customer_id == world["li"]
    assert reminder.id == world["ids"][OVERDUE] and reminder.customer_name == "李娜"
    assert status_of(world["store"], reminder.id).status == "open"  # the call dialog completes it


def test_double_click_and_enter_select_the_customer(qtbot, pane, world):
    pane.show()
    qtbot.waitUntil(pane.tree.isVisible)
    index = pane.model.find(world["ids"][TODAY])
    pane.tree.scrollTo(index)
    centre = pane.tree.visualRect(index).center()
    # A real double-click starts with a click; the view only opens the row it saw pressed.
    qtbot.mouseClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(pane.sig_customer_selected, timeout=1000) as signal:
        qtbot.mouseDClick(pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert signal.args == [world["wang"]]
    select(pane, world["ids"][UPCOMING])
    with qtbot.waitSignal(pane.sig_customer_selected, timeout=1000) as signal:
        qtbot.keyClick(pane.tree, Qt.Key.Key_Return)
    assert signal.args == [world["li"]]
    header = pane.model.group_index(UPCOMING)
    pane.tree.setCurrentIndex(header)
    qtbot.keyClick(pane.tree, Qt.Key.Key_Enter)  # on a group header Enter folds the group
    assert not pane.tree.isExpanded(header)


def test_one_double_click_selects_once(qtbot, pane, world):
    emitted = []
    pane.sig_customer_selected.connect(emitted.append)
    pane.tree.doubleClicked.emit(pane.model.find(world["ids"][OVERDUE]).siblingAtColumn(2))
    pane.tree.doubleClicked.emit(pane.model.group_index(OVERDUE))  # a header only folds
    assert emitted == [world["li"]]


def test_a_change_on_the_bus_reloads_the_groups(qtbot, pane, world):
    changes = world["reminders"].complete(world["ids"][TODAY])
    with qtbot.waitSignal(pane.sig_counts_changed, timeout=5000) as signal:
        pane.bus.publish(changes)
    assert signal.args == [1, 0, 1, 2]
    assert world["ids"][TODAY] in ids_in(pane, DONE)


def test_selection_and_expansion_survive_a_reload(qtbot, pane, world):
    pane.tree.collapse(pane.model.group_index(DONE))
    select(pane, world["ids"][UPCOMING])
    world["reminders"].create(
        world["wang"], {"kind": "custom", "due_at": datetime.now(UTC) + timedelta(days=4)}
    )
    pane.reload()
    qtbot.waitUntil(lambda: pane.counts() == (1, 1, 2, 1), timeout=5000)
    assert pane.selected_reminder().id == world["ids"][UPCOMING]
    assert not pane.tree.isExpanded(pane.model.group_index(DONE))
    assert pane.tree.isExpanded(pane.model.group_index(OVERDUE))


def test_the_minute_timer_moves_today_to_overdue(qtbot, monkeypatch, pane, world):
    assert pane.refresh_timer.isActive() and pane.refresh_timer.interval() == 60_000
    tomorrow_evening = local_day_end(datetime.now(UTC)) + timedelta(hours=20)
    monkeypatch.setattr(reminder_model, "utc_now", lambda: tomorrow_evening)  # time passes…
    pane.refresh_timer.timeout.emit()
    qtbot.waitUntil(lambda: pane.counts()[0] == 2, timeout=5000)
    assert world["ids"][TODAY] in ids_in(pane, OVERDUE)


def test_clear_drops_everything_and_stops_refreshing(qtbot, pane, world):
    with qtbot.waitSignal(pane.sig_counts_changed, timeout=1000) as signal:
        pane.clear()
    assert signal.args == [0, 0, 0, 0] and pane.counts() == (0, 0, 0, 0)
    assert not pane.refresh_timer.isActive() and not pane.done_action.isEnabled()
    pane.bus.publish(world["reminders"].complete(world["ids"][TODAY]))
    assert pane.model.rowCount(pane.model.group_index(DONE)) == 0
    pane.reload()
    qtbot.waitUntil(lambda: pane.counts() == (1, 0, 1, 2), timeout=5000)
