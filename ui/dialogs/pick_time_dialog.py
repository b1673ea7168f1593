"""A small dialog asking for a future date and time (snooze until…, reschedule to…)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from storage.timeutil import as_utc


def to_qdatetime(value: datetime) -> QDateTime:
    """An aware datetime as a local QDateTime (whole seconds)."""
    return QDateTime.fromSecsSinceEpoch(int(as_utc(value).timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime as an aware UTC datetime (whole seconds)."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class PickTimeDialog(QDialog):
    """Asks for a local date and time no earlier than the moment the dialog opened."""

    def __init__(
        self, title: str, prompt: str, initial: datetime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        now = QDateTime.currentDateTime()
        self.edit = QDateTimeEdit(calendarPopup=True)
        self.edit.setMinimumDateTime(now)
        self.edit.setDateTime(to_qdatetime(initial) if initial else now.addSecs(3600))
        label = QLabel(prompt, wordWrap=True)
        label.setBuddy(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def chosen(self) -> datetime:
        """The date and time picked, as aware UTC."""
        return from_qdatetime(self.edit.dateTime())

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, prompt: str, initial: datetime | None = None
    ) -> datetime | None:
        """Show the dialog modally; the chosen time, or None when the user cancelled."""
        dialog = cls(title, prompt, initial, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
