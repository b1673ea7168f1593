"""Log a call (通话/拜访记录) quickly from the keyboard, optionally completing the reminder it answers."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Operation
from desktop.labels import (
    channel_labels,
    direction_labels,
    label_of,
    outcome_labels,
    purpose_labels,
    reminder_kind_labels,
)
from storage.changes import Changes
from storage.services.calls import CallService
from storage.services.reminders import DueReminder, ReminderService
from storage.timeutil import utc_now
from ui.dialogs.pick_time_dialog import from_qdatetime, to_qdatetime
from ui.formatting import date_time_display_format, local_datetime_text
from ui.models.reminder_model import tomorrow_morning
from ui.widgets.field_errors import FieldErrors
from ui.widgets.keys import RETURN_KEYS
from ui.widgets.satisfaction_box import SatisfactionBox

PURPOSE_FOR_KIND = {
    "activation_call": "activation_follow_up",
    "periodic_revisit": "periodic_revisit",
    "new_customer_revisit": "periodic_revisit",
    "birthday": "birthday_greeting",
    "holiday": "holiday_greeting",
    "complaint_follow_up": "complaint_handling",
    "care_call": "care",
}
"""Reminder kind → the purpose of the call that answers it (any other kind: "other")."""

SAVE_KEYS = (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))
"""Ctrl+Enter (main keyboard or keypad) saves from any field."""


def purpose_for(kind: str) -> str:
    """The call purpose that answers a reminder of `kind`."""
    return PURPOSE_FOR_KIND.get(kind, "other")


def date_time_edit(value: QDateTime, *, enabled: bool = True) -> QDateTimeEdit:
    """A date-time field in the locale's short format, always with a four-digit year."""
    edit = QDateTimeEdit(value, calendarPopup=True, enabled=enabled)
    edit.setDisplayFormat(date_time_display_format())
    return edit


class LogCallDialog(QDialog):
    """The fields of one contact, saved off the GUI thread; errors show next to their field."""

    sig_logged = Signal(object)
    """The call was saved; carries the `Changes` (the caller publishes them on the bus)."""

    def __init__(
        self,
        call_service: CallService,
        reminder_service: ReminderService,
        customer_id: str,
        customer_name: str,
        *,
        reminder: DueReminder | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._calls, self._reminders = call_service, reminder_service
        self.customer_id, self.reminder = customer_id, reminder
        self.changes: Changes | None = None
        self._saving = self._purpose_touched = False
        # the read of the open reminders to offer, until its outcome arrives (None: done, or not needed)
        self._open_reminders_op: Operation | None = None
        self._open_reminders: list[DueReminder] = []
        self._errors = FieldErrors(general=True)
        self._set_title(customer_name)
        self._build()
        for keys in SAVE_KEYS:
            shortcut = QShortcut(keys, self, self.save)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        if reminder is not None:
            self._set_purpose(purpose_for(reminder.kind))
        else:
            self._load_open_reminders()
        self.channel.setFocus()

    def _set_title(self, customer_name: str) -> None:
        if self.reminder is None:
            self.setWindowTitle(self.tr("Log a call with %1").replace("%1", customer_name))
            return
        kind = label_of(reminder_kind_labels(), self.reminder.kind)
        title = self.tr("Log a call with %1 — answering the reminder “%2”")
        self.setWindowTitle(title.replace("%2", kind).replace("%1", customer_name))

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.form = QFormLayout()
        self._build_contact_fields()
        self._build_text_fields()
        self._build_reminder_field()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        keys = SAVE_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)
        self.save_button.setToolTip(self.tr("Save the call (%1)").replace("%1", keys))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(self.tr("Close without saving (Esc)"))
        for button in (self.save_button, cancel):
            # A logged call is a fact that is never rewritten: a stray Enter must not save a
            # half-filled one. Ctrl+Enter saves on purpose.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self._errors.general)
        layout.addWidget(self.buttons)
        self._set_tab_order()

    def _combo(self, labels: dict[str, str], default: str) -> QComboBox:
        combo = QComboBox()
        for code, text in labels.items():
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(default)))
        return combo

    def _build_contact_fields(self) -> None:
        self.channel = self._combo(channel_labels(), "phone")
        self.direction = self._combo(direction_labels(), "outbound")
        self.purpose = self._combo(purpose_labels(), "other")
        self.purpose.activated.connect(self._on_purpose_chosen)
        self.outcome = self._combo(outcome_labels(), "reached")
        self.satisfaction = SatisfactionBox()
        self.satisfaction.setToolTip(self.tr("Press 1–5 to score; 0 or Delete for none"))
        self.duration = QSpinBox(minimum=0, maximum=24 * 60, suffix=self.tr(" min"))
        self.duration.setSpecialValueText(self.tr("— not recorded —"))
        self.occurred_at = date_time_edit(QDateTime.currentDateTime())
        self._add_row(self.tr("&Channel:"), self.channel, "channel")
        self._add_row(self.tr("&Direction:"), self.direction, "direction")
        self._add_row(self.tr("&Purpose:"), self.purpose, "purpose")
        self._add_row(self.tr("&Outcome:"), self.outcome, "outcome")
        self._add_row(self.tr("Satis&faction:"), self.satisfaction, "satisfaction")
        self._add_row(self.tr("Duration (&minutes):"), self.duration, "duration_seconds")
        self._add_row(self.tr("&Time:"), self.occurred_at, "occurred_at")

    def _build_text_fields(self) -> None:
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)  # Tab leaves the box; the summary needs no tab characters
        self.summary.setPlaceholderText(self.tr("What was said, what the customer wants"))
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 5)
        self.next_step = QLineEdit(maxLength=500)
        self.next_step.setPlaceholderText(self.tr("e.g. send the card's fee schedule"))
        self.next_step_due = QCheckBox(self.tr("Next step &at:"))
        self.next_step_due.setToolTip(self.tr("Also create a follow-up reminder at this time"))
        self.next_step_at = date_time_edit(to_qdatetime(tomorrow_morning()), enabled=False)
        self.next_step_due.toggled.connect(self.next_step_at.setEnabled)
        self._add_row(self.tr("S&ummary:"), self.summary, "summary")
        self._add_row(self.tr("&Next step:"), self.next_step, "next_step")
        self.form.addRow(self.next_step_due, self._errors.wrap("next_step_at", self.next_step_at))

    def _build_reminder_field(self) -> None:
        self.completes_check: QCheckBox | None = None
        self.reminder_choice: QComboBox | None = None
        if self.reminder is not None:
            due = local_datetime_text(self.reminder.due_at)
            kind = label_of(reminder_kind_labels(), self.reminder.kind)
            self.completes_check = QCheckBox(self.tr("This call completes the &reminder"), checked=True)
            self.completes_check.setToolTip(self.tr("%1, due %2").replace("%2", due).replace("%1", kind))
            self.form.addRow("", self.completes_check)
            return
        self.reminder_choice = QComboBox()
        self.reminder_choice.addItem(self.tr("(none)"), "")
        self.reminder_choice.setToolTip(self.tr("Logging the call completes the reminder chosen here"))
        self.reminder_choice.currentIndexChanged.connect(self._on_reminder_chosen)
        self._add_row(self.tr("Completes &reminder:"), self.reminder_choice, "reminder")
        self.form.setRowVisible(self.reminder_choice.parentWidget(), False)  # until open ones are found

    def _add_row(self, text: str, field: QWidget, name: str) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, self._errors.wrap(name, field))

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [self.channel, self.direction, self.purpose, self.outcome, self.satisfaction,
                                self.duration, self.occurred_at, self.summary, self.next_step,
                                self.next_step_due, self.next_step_at]  # fmt: skip
        order.append(self.completes_check or self.reminder_choice)
        order += [self.save_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # --- the reminder it answers ----------------------------------------------------------------

    def _load_open_reminders(self) -> None:
        reminders, customer_id = self._reminders, self.customer_id
        self._open_reminders_op = Operation(lambda: reminders.for_customer(customer_id))
        self._open_reminders_op.success(self._offer_reminders).failure(self._offer_failed).run_in_background()

    def _offer_reminders(self, open_reminders: list[DueReminder]) -> None:
        self._open_reminders_op = None
        self._open_reminders = list(open_reminders)
        now = utc_now()
        for reminder in self._open_reminders:
            text = self.tr("%1, due %2")
            if reminder.due_at < now:
                text = self.tr("%1, due %2 (overdue)")
            kind = label_of(reminder_kind_labels(), reminder.kind)
            text = text.replace("%2", local_datetime_text(reminder.due_at)).replace("%1", kind)
            self.reminder_choice.addItem(text, reminder.id)
        self.form.setRowVisible(self.reminder_choice.parentWidget(), bool(self._open_reminders))

    def _offer_failed(self, _error: BaseException) -> None:
        self._open_reminders_op = None  # only an offer: the call can still be logged without it

    def open_reminder_choices(self) -> list[str]:
        """The ids of the open reminders offered in "Completes reminder" (empty if none / answering one)."""
        return [reminder.id for reminder in self._open_reminders]

    def choose_reminder(self, reminder_id: str) -> None:
        """Pick the offered reminder this call completes ("" for none)."""
        if self.reminder_choice is not None:
            self.reminder_choice.setCurrentIndex(max(0, self.reminder_choice.findData(reminder_id)))

    def _on_reminder_chosen(self, index: int) -> None:
        chosen = self._open_reminders[index - 1] if index > 0 else None
        if chosen is not None and not self._purpose_touched:
            self._set_purpose(purpose_for(chosen.kind))

    def _on_purpose_chosen(self, _index: int) -> None:
        self._purpose_touched = True

    def _set_purpose(self, code: str) -> None:
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(code)))

    def completes_reminder_id(self) -> str | None:
        """The reminder this call completes, if any."""
        if self.completes_check is not None:
            return self.reminder.id if self.completes_check.isChecked() else None
        return (self.reminder_choice.currentData() or None) if self.reminder_choice else None

    # --- saving ---------------------------------------------------------------------------------

    def fields(self) -> dict[str, object]:
        """The call as `CallService.log_call` takes it (unset optional fields left out)."""
        values: dict[str, object] = {
            "occurred_at": from_qdatetime(self.occurred_at.dateTime()),
            "channel": self.channel.currentData(),
            "direction": self.direction.currentData(),
            "purpose": self.purpose.currentData(),
            "outcome": self.outcome.currentData(),
            "satisfaction": self.satisfaction.score(),
            "duration_seconds": self.duration.value() * 60 or None,
            "summary": self.summary.toPlainText().strip() or None,
            "next_step": self.next_step.text().strip() or None,
        }
        if self.next_step_due.isChecked():
            values["next_step_at"] = from_qdatetime(self.next_step_at.dateTime())
        return {key: value for key, value in values.items() if value is not None}

    def save(self) -> None:
        """Log the call in the background; on success emit sig_logged and close."""
        if self._saving:
            return
        self._errors.clear()
        calls, customer_id = self._calls, self.customer_id
        fields, reminder_id = self.fields(), self.completes_reminder_id()

        def work() -> Changes:
            return calls.log_call(customer_id, fields, completes_reminder_id=reminder_id)

        self._set_saving(True)
        Operation(work).success(self._saved).failure(self._failed).run_in_background()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)

    def _saved(self, changes: Changes) -> None:
        self._set_saving(False)
        self.changes = changes
        self.sig_logged.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        self._errors.show_error(error)

    def error_text(self, field: str = "") -> str:
        """The error shown next to `field` ("" for the general one); "" when none is shown."""
        return self._errors.text(field)

    def reject(self) -> None:
        if not self._saving:  # the write is under way: its outcome decides (a moment)
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+Enter normally arrives through the shortcuts; this catches it when the dialog gets
        # the key without being the active window, or a field passes it on unhandled.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in RETURN_KEYS:
            self.save()
        else:
            super().keyPressEvent(event)
