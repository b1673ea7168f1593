"""Date and time editors that may be left empty: their lowest value means "not set", and Delete or
Backspace over the whole text empties them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QTimeEdit, QWidget

from ui.formatting import date_display_format
from ui.widgets.keys import CLEAR_KEYS


def _asks_to_clear(edit: QAbstractSpinBox, event: QKeyEvent) -> bool:
    """Whether `event` is Delete or Backspace with the editor's whole text selected."""
    line = edit.lineEdit()
    return event.key() in CLEAR_KEYS and line.selectedText() == line.text()


class OptionalDateEdit(QDateEdit):
    """A date editor whose lowest value means "no date"; Delete or Backspace on it clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_display_format())
        self.setMinimumDate(QDate(1899, 12, 31))  # the day before any date the services accept
        self.setSpecialValueText(self.tr("Not set"))
        self.set_value(None)

    def value(self) -> date | None:
        """The chosen date, or None."""
        return None if self.date() == self.minimumDate() else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        """Show `value` (None: empty)."""
        self.setDate(QDate(value) if value else self.minimumDate())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _asks_to_clear(self, event):
            self.set_value(None)
        else:
            super().keyPressEvent(event)


class OptionalTimeEdit(QTimeEdit):
    """A time-of-day editor (HH:mm); its lowest value, 00:00, means "not set"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setMinimumTime(QTime(0, 0))
        self.setSpecialValueText(self.tr("Not set"))

    def value(self) -> str | None:
        """The time as 'HH:MM', or None."""
        return None if self.time() == self.minimumTime() else self.time().toString("HH:mm")

    def set_value(self, value: str | None) -> None:
        """Show 'HH:MM' (None: not set)."""
        self.setTime(QTime.fromString(value, "HH:mm") if value else self.minimumTime())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _asks_to_clear(self, event):
            self.set_value(None)
        else:
            super().keyPressEvent(event)
