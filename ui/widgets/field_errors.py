"""Inline field errors: a hidden label under each field, shown with a warning sign and the words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from storage.errors import ValidationError
from ui.errors import message_for

ERROR_STYLE = "color: #b3261e;"  # the text itself and a warning sign carry the meaning too


def error_label() -> QLabel:
    """A hidden, word-wrapped, plain-text label for an error message."""
    label = QLabel(wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages can quote customer text: never markup
    label.hide()
    return label


def show_error_text(label: QLabel, message: str) -> None:
    """Show `message` in an error label, with a warning sign so colour is not the only signal."""
    label.setText("⚠ " + message)
    label.show()


class FieldErrors:
    """The error label under each field of a form, and optionally one for errors of no field."""

    def __init__(self, *, general: bool = False) -> None:
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        # for an error that belongs to no field (None: the owner shows such errors some other way)
        self.general: QLabel | None = error_label() if general else None

    def __getitem__(self, name: str) -> QLabel:
        """The error label under the field `name`."""
        return self.labels[name]

    def wrap(self, name: str, field: QWidget) -> QWidget:
        """`field` with its (hidden) error label under it, ready to put into a form row."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        self.fields[name] = field
        self.labels[name] = error_label()
        column.addWidget(self.labels[name])
        return holder

    def show(self, name: str, message: str) -> bool:
        """Show `message` under the field `name`; False when there is no such field."""
        label = self.labels.get(name)
        if label is None:
            return False
        show_error_text(label, message)
        self.fields[name].setAccessibleDescription(message)
        return True

    def show_error(self, error: BaseException) -> None:
        """Show `error` under its field (a ValidationError's `.field`) and focus that field, or else
        in the general label."""
        name = error.field if isinstance(error, ValidationError) else ""
        message = message_for(error)
        if self.show(name, message):
            self.fields[name].setFocus()
        elif self.general is not None:
            show_error_text(self.general, message)

    def text(self, name: str = "") -> str:
        """The error shown under `name` (an unknown name: the general one); '' when none is shown."""
        label = self.labels.get(name, self.general)
        return "" if label is None or label.isHidden() else label.text()

    def clear(self) -> None:
        """Hide every error."""
        for name, label in self.labels.items():
            label.clear()
            label.hide()
            self.fields[name].setAccessibleDescription("")
        if self.general is not None:
            self.general.clear()
            self.general.hide()
