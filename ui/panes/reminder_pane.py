"""The manager's reminders: overdue, today, the next 7 days and done this week, with the actions on them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ClassVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.background import LatestOnly, Operation
from desktop.change_bus import ChangeBus
from desktop.labels import label_of, reminder_kind_labels
from storage.changes import Changes
from storage.services.reminders import DueReminder, ReminderService
from storage.timeutil import as_utc, utc_now
from ui.dialogs.pick_time_dialog import PickTimeDialog
from ui.errors import message_for, show_error
from ui.formatting import local_datetime_text
from ui.icons import icon
from ui.models.reminder_model import (
    DONE,
    GROUP_KEYS,
    ReminderGroups,
    ReminderModel,
    read_groups,
    tomorrow_morning,
)
from ui.widgets.field_errors import show_error_text
from ui.widgets.keys import RETURN_KEYS, is_plain

_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class ReminderPane(QWidget):
    """Reminders grouped by urgency; Done / Snooze / Reschedule / Cancel on the selected one.

    It loads as soon as it is built and refreshes every minute and whenever the bus reports a
    change to reminders or customers; `clear()` (the app locks) stops that until `reload()`.
    """

    REFRESH_MS: ClassVar[int] = 60_000
    """How often the groups are re-read, so reminders move from Today to Overdue as time passes."""

    sig_customer_selected = Signal(str)
    """The user opened a reminder (double-click / Enter): select this customer id everywhere."""
    sig_log_call_requested = Signal(str, object)
    """Done was chosen: log a call for this customer id that completes this DueReminder."""
    sig_counts_changed = Signal(int, int, int, int)
    """The group sizes changed: overdue, today, upcoming (7 days), done this week."""

    def __init__(
        self, reminder_service: ReminderService, bus: ChangeBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._reminders, self._bus = reminder_service, bus
        self._latest = LatestOnly()
        self._running = 0  # writes under way: the actions stay disabled until each reports back
        self._active = self._restoring = False
        self._expanded = dict.fromkeys(GROUP_KEYS, True)
        self.model = ReminderModel(self)
        self._build_actions()
        self._build()
        self.refresh_timer = QTimer(self, interval=self.REFRESH_MS)
        self.refresh_timer.timeout.connect(self._tick)
        bus.sig_changed.connect(self._on_bus_changed)
        self._update_actions()
        self.reload()

    # --- building -------------------------------------------------------------------------------

    def _action(
        self, text: str, tip: str, icon_name: str | None, keys: str | None, slot: Callable
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip += " (" + action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) + ")"
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # its shortcut works anywhere in the pane
        return action

    def _build_actions(self) -> None:
        # fmt: off
        self.done_action = self._action(self.tr("D&one — log the call…"),
            self.tr("Log the call that completes this reminder"), "done", "Ctrl+D", self.mark_done)
        self.snooze_hour_action = self._action(self.tr("For 1 &hour"),
            self.tr("Snooze for an hour"), "snooze", "Ctrl+H", self.snooze_for_hour)
        self.snooze_tomorrow_action = self._action(self.tr("Until &tomorrow 09:00"),
            self.tr("Snooze until tomorrow morning"), None, "Ctrl+T", self.snooze_until_tomorrow)
        self.snooze_pick_action = self._action(self.tr("Until a time I &pick…"),
            self.tr("Snooze until a time you choose"), None, "Ctrl+Shift+H", self.pick_snooze_time)
        self.reschedule_action = self._action(self.tr("Resched&ule…"),
            self.tr("Give the reminder a new due time"), "reschedule", "Ctrl+R", self.pick_reschedule_time)
        self.cancel_action = self._action(self.tr("C&ancel reminder…"),
            self.tr("Cancel the reminder"), "cancel", "Del", self.cancel_reminder)
        self.show_customer_action = self._action(self.tr("&Show customer"),
            self.tr("Select this customer everywhere (Enter)"), "customer", None, self.show_selected_customer)
        # fmt: on
        snoozes = [self.snooze_hour_action, self.snooze_tomorrow_action, self.snooze_pick_action]
        self._write_actions = [self.done_action, *snoozes, self.reschedule_action, self.cancel_action]
        self.snooze_menu = QMenu(self.tr("Snoo&ze"), self)
        self.snooze_menu.setIcon(icon("snooze"))
        self.snooze_menu.addActions(snoozes)
        self.context_menu = QMenu(self)
        self.context_menu.addAction(self.done_action)
        self.context_menu.addMenu(self.snooze_menu)
        self.context_menu.addActions([self.reschedule_action, self.cancel_action])
        self.context_menu.addSeparator()
        self.context_menu.addAction(self.show_customer_action)  # fmt: skip

    def _build(self) -> None:
        self.done_button = self._button(self.done_action, self.tr("D&one"))
        self.snooze_button = self._button(None, self.tr("Snoo&ze"))
        self.snooze_button.setIcon(icon("snooze"))
        self.snooze_button.setMenu(self.snooze_menu)
        self.snooze_button.setToolTip(
            self.tr("Put the reminder off: 1 hour, tomorrow 09:00 or a time you pick")
        )
        self.reschedule_button = self._button(self.reschedule_action, self.tr("Resched&ule…"))
        self.cancel_button = self._button(self.cancel_action, self.tr("C&ancel…"))
        self._write_buttons = [
            self.done_button,
            self.snooze_button,
            self.reschedule_button,
            self.cancel_button,
        ]
        buttons = QHBoxLayout()
        for button in self._write_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel(wordWrap=True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self._build_tree(), 1)

    def _button(self, action: QAction | None, text: str) -> QPushButton:
        button = QPushButton(text)
        if action is not None:
            button.setIcon(action.icon())
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
        return button

    def _build_tree(self) -> QTreeView:
        tree = self.tree = QTreeView()
        tree.setModel(self.model)
        tree.setAccessibleName(self.tr("Reminders"))
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for row in range(len(GROUP_KEYS)):
            tree.setFirstColumnSpanned(row, QModelIndex(), True)
        metrics = tree.fontMetrics()
        for column, sample in enumerate(("欧阳明明明", "New customer revisit", "2025/12/31 23:59")):
            tree.setColumnWidth(column, metrics.horizontalAdvance(sample) + 48)
        tree.header().setStretchLastSection(True)
        tree.expanded.connect(lambda index: self._remember_expansion(index, True))
        tree.collapsed.connect(lambda index: self._remember_expansion(index, False))
        tree.doubleClicked.connect(self._on_double_clicked)
        tree.customContextMenuRequested.connect(self._show_context_menu)
        tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        tree.installEventFilter(self)
        self._restore_expansion()
        return tree

    # --- what is shown --------------------------------------------------------------------------

    def counts(self) -> tuple[int, int, int, int]:
        """How many reminders are overdue, due later today, upcoming (7 days), done this week."""
        return self.model.counts()

    def selected_reminder(self) -> DueReminder | None:
        """The reminder on the selected row (None when nothing or a group header is selected)."""
        return self.model.reminder_at(self._selected_index())

    def actionable_reminder(self) -> DueReminder | None:
        """The selected reminder if it can still be acted on (not one in "Done this week")."""
        index = self._selected_index()
        return None if self.model.group_key(index) == DONE else self.model.reminder_at(index)

    def _selected_index(self) -> QModelIndex:
        rows = self.tree.selectionModel().selectedIndexes()
        return rows[0].siblingAtColumn(0) if rows else QModelIndex()

    def reload(self) -> None:
        """Re-read the four groups in the background; keeps refreshing every minute until clear()."""
        self._active = True
        if not self.refresh_timer.isActive():
            self.refresh_timer.start()
        reminders = self._reminders
        operation = Operation(lambda: read_groups(reminders)).success(self._show_groups)
        self._latest.run(operation.failure(self._show_load_error))

    def clear(self) -> None:
        """Drop every reminder shown and stop refreshing (the app locks); reload() starts again."""
        self._active = False
        self._latest.cancel()
        self.refresh_timer.stop()
        self.message.hide()
        self._show_groups(ReminderGroups())

    def _show_groups(self, groups: ReminderGroups) -> None:
        self.message.hide()
        if groups == self.model.groups:
            return  # nothing moved: keep the view exactly as it is
        before, anchor = self.model.counts(), self._selection_anchor()
        self._restoring = True
        try:
            self.model.set_groups(groups)
            self._restore_expansion()
            self._restore_selection(anchor)
        finally:
            self._restoring = False
        self._update_actions()
        if self.model.counts() != before:
            self.sig_counts_changed.emit(*self.model.counts())

    def _show_load_error(self, error: BaseException) -> None:
        show_error_text(self.message, message_for(error))

    def _selection_anchor(self) -> tuple[str, int, str | None] | None:
        index = self._selected_index()
        if not index.isValid():
            return None
        reminder = self.model.reminder_at(index)
        return self.model.group_key(index), index.row(), reminder.id if reminder else None

    def _restore_selection(self, anchor: tuple[str, int, str | None] | None) -> None:
        if anchor is None:
            return
        key, row, reminder_id = anchor
        index = self.model.find(reminder_id) if reminder_id else QModelIndex()
        if not index.isValid():  # it left the lists: stay at the same place in its group
            header = self.model.group_index(key)
            count = self.model.rowCount(header)
            has_row = reminder_id and count and self.tree.isExpanded(header)
            index = self.model.index(min(row, count - 1), 0, header) if has_row else header
        self.tree.selectionModel().setCurrentIndex(index, _SELECT_ROW)

    def _remember_expansion(self, index: QModelIndex, expanded: bool) -> None:
        if not self._restoring and self.model.is_header(index):
            self._expanded[self.model.group_key(index)] = expanded

    def _restore_expansion(self) -> None:
        for key in GROUP_KEYS:
            self.tree.setExpanded(self.model.group_index(key), self._expanded[key])

    def _update_actions(self) -> None:
        enabled = self.actionable_reminder() is not None and not self._running
        for widget in (*self._write_actions, *self._write_buttons, self.snooze_menu):
            widget.setEnabled(enabled)
        self.show_customer_action.setEnabled(self.selected_reminder() is not None)

    # --- refreshing -----------------------------------------------------------------------------

    def _tick(self) -> None:
        if self._active:
            self.reload()

    def _on_bus_changed(self, changes: Changes) -> None:
        if self._active and (changes.reminders or changes.customers):
            self.reload()

    # --- opening a reminder ---------------------------------------------------------------------

    def show_selected_customer(self) -> None:
        """Select the selected reminder's customer everywhere."""
        reminder = self.selected_reminder()
        if reminder is not None:
            self.sig_customer_selected.emit(reminder.customer_id)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        reminder = self.model.reminder_at(index)
        if reminder is not None:  # a header toggles by itself on double-click
            self.sig_customer_selected.emit(reminder.customer_id)

    def _on_enter(self) -> None:
        index = self._selected_index()
        if self.model.is_header(index):
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        else:
            self.show_selected_customer()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tree
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in RETURN_KEYS
            and is_plain(event)
        ):
            self._on_enter()
            return True
        return super().eventFilter(watched, event)

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.context_menu.popup(self.tree.viewport().mapToGlobal(pos))

    # --- actions on the selected reminder -------------------------------------------------------

    def mark_done(self) -> None:
        """Ask for the call that completes the selected reminder (the main window opens the dialog)."""
        reminder = self.actionable_reminder()
        if reminder is not None:
            self.sig_log_call_requested.emit(reminder.customer_id, reminder)

    def snooze_for_hour(self) -> None:
        """Put the selected reminder off by an hour (from now, or from its due time if that is later)."""
        reminder = self.actionable_reminder()
        if reminder is not None:
            self.snooze_until(_an_hour_on(reminder))

    def snooze_until_tomorrow(self) -> None:
        """Put the selected reminder off until 09:00 tomorrow (local time)."""
        self.snooze_until(tomorrow_morning())

    def pick_snooze_time(self) -> None:
        """Ask until when to put the selected reminder off, then snooze it."""
        title, prompt = self.tr("Snooze reminder"), self.tr("Remind me about %1 again at:")
        self._pick_time(title, prompt, _an_hour_on, self.snooze_until)

    def snooze_until(self, until: datetime) -> None:
        """Put the selected reminder off until `until` (aware)."""
        reminder, reminders = self.actionable_reminder(), self._reminders
        if reminder is not None:
            self._write(lambda: reminders.snooze(reminder.id, until))

    def pick_reschedule_time(self) -> None:
        """Ask for a new due time for the selected reminder, then reschedule it."""
        title, prompt = self.tr("Reschedule reminder"), self.tr("New due time for the reminder about %1:")
        self._pick_time(title, prompt, _next_due, self.reschedule_to)

    def reschedule_to(self, due_at: datetime) -> None:
        """Give the selected reminder a new due time (aware); it becomes open again."""
        reminder, reminders = self.actionable_reminder(), self._reminders
        if reminder is not None:
            self._write(lambda: reminders.reschedule(reminder.id, due_at))

    def _pick_time(
        self,
        title: str,
        prompt: str,
        start: Callable[[DueReminder], datetime],
        then: Callable[[datetime], None],
    ) -> None:
        """Ask for a time (offering `start(reminder)`; `prompt`'s %1: the customer), then `then(time)`."""
        reminder = self.actionable_reminder()
        if reminder is None:
            return
        prompt = prompt.replace("%1", reminder.customer_name)
        chosen = PickTimeDialog.ask(self, title, prompt, start(reminder))
        if chosen is not None and self._active:
            then(chosen)

    def cancel_reminder(self) -> None:
        """Cancel the selected reminder after the user confirms."""
        reminder, reminders = self.actionable_reminder(), self._reminders
        if reminder is None:
            return
        question = (
            self.tr("Cancel the reminder “%1” for %2, due %3? It will not come back.")
            .replace("%1", label_of(reminder_kind_labels(), reminder.kind))
            .replace("%2", reminder.customer_name)
            .replace("%3", local_datetime_text(reminder.due_at))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Cancel reminder"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self._active:
            self._write(lambda: reminders.cancel(reminder.id))

    def _write(self, work: Callable[[], Changes]) -> None:
        """Run a write in the background; the actions stay disabled until it reports back."""
        self._running += 1
        self._update_actions()
        Operation(work).success(self._written).failure(self._write_failed).run_in_background()

    def _written(self, changes: Changes) -> None:
        self._running -= 1
        self._update_actions()
        self._bus.publish(changes)

    def _write_failed(self, error: BaseException) -> None:
        self._running -= 1
        self._update_actions()
        show_error(self, error)


def _an_hour_on(reminder: DueReminder) -> datetime:
    """An hour from now, or from the reminder's due time if that is later."""
    return max(utc_now(), as_utc(reminder.due_at)) + timedelta(hours=1)


def _next_due(reminder: DueReminder) -> datetime:
    """A new due time to offer: the current one if still ahead, else the next full hour."""
    now, due = utc_now(), as_utc(reminder.due_at)
    return due if due > now else now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
