"""The ID number or mobile field: masked and read-only until revealed, then editable for a while."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from storage.masking import mask_id_number, mask_mobile
from ui.icons import icon
from ui.widgets.keys import CLEAR_KEYS


class MaskedField(QWidget):
    """The ID number or mobile: masked and read-only until revealed, then editable for a while.

    The full stored value is only held while it is shown; an edit made while shown is kept (and
    shown masked) after the field masks itself again. No full value goes into a tooltip or a log.
    """

    sig_reveal_requested = Signal()
    """The user asked to see the full value (the pane fetches it; that is audited)."""
    sig_edited = Signal()
    """The user changed the value."""

    def __init__(self, mask: Callable[[str | None], str], shortcut_text: str, parent=None) -> None:
        super().__init__(parent)
        self._mask, self._shortcut_text = mask, shortcut_text
        self._plain = False  # creating a customer: nothing stored to hide
        self._masked = ""
        self._revealed: str | None = None  # the stored full value while it is shown
        self._edit: str | None = None
        self._has_edit = self._updating = False
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.mask)
        self.edit = QLineEdit()
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._on_text)
        self.show_button = QPushButton(icon("reveal"), "")
        self.show_button.clicked.connect(self.toggle)
        self.hint = QLabel(wordWrap=True)
        self.hint.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.clear()

    def is_revealed(self) -> bool:
        """Whether the full value (or the pending edit) is on screen."""
        return self._timer.isActive()

    def has_edit(self) -> bool:
        """Whether the user changed the value."""
        return bool(self.edit.text().strip()) if self._plain else self._has_edit

    def edited_value(self) -> str | None:
        """The value the user typed (None: cleared)."""
        text = self.edit.text() if self._plain else (self._edit or "")
        return text.strip() or None

    def clear(self) -> None:
        """No customer: empty and disabled."""
        self._reset(plain=False, masked="")
        self.show_button.setEnabled(False)

    def set_plain(self) -> None:
        """Empty and editable, nothing to reveal (a new customer, or none stored)."""
        self._reset(plain=True, masked="")
        self.edit.setReadOnly(False)
        self.edit.setToolTip("")
        self.show_button.hide()

    def set_masked(self, masked: str, *, keep_reveal: bool = False) -> None:
        """Show a stored value masked; with `keep_reveal`, a value still shown and unchanged stays."""
        if not masked:  # nothing stored, nothing to hide: type it straight in
            self.set_plain()
        elif not (keep_reveal and self.is_revealed() and masked == self._masked and not self._plain):
            self._reset(plain=False, masked=masked)
            self.show_button.setEnabled(True)

    def reveal(self, value: str | None, seconds: float) -> None:
        """Show the full stored `value` (None: the pending edit) for `seconds`, editable."""
        if value is not None:
            self._revealed = value
        self._set_text((self._edit or "") if self._has_edit else (value or ""))
        self.edit.setReadOnly(False)
        self.hint.hide()
        self.show_button.setText(self.tr("Hide"))
        self._timer.start(int(seconds * 1000))

    @Slot()
    def mask(self) -> None:
        """Hide the full value again (a pending edit is kept, shown masked)."""
        self._timer.stop()
        self._revealed = None
        self._set_text(self._mask(self._edit) if self._has_edit else self._masked)
        self.edit.setReadOnly(not self._plain)
        self.show_button.setText(self.tr("Show"))

    @Slot()
    def toggle(self) -> None:
        """Show (asks the pane) or hide the full value."""
        if self._plain or not self.show_button.isEnabled():
            return
        if self.is_revealed():
            self.mask()
        else:
            self.sig_reveal_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and self._is_typing_into_mask(event):
            text = self.tr("Masked. Press Show (%1) to see and edit it.")
            self.hint.setText(text.replace("%1", self._shortcut_text))
            self.hint.show()
        return super().eventFilter(watched, event)

    def _is_typing_into_mask(self, event: QEvent) -> bool:
        if self._plain or self.is_revealed() or not self.show_button.isEnabled():
            return False
        typing = event.type() == QEvent.Type.KeyPress
        return typing and (bool(event.text().strip()) or event.key() in CLEAR_KEYS)

    def _reset(self, *, plain: bool, masked: str) -> None:
        self._timer.stop()
        self._plain, self._masked, self._revealed = plain, masked, None
        self._edit, self._has_edit = None, False
        self._set_text(masked)
        self.edit.setReadOnly(not plain)
        self.edit.setToolTip(
            self.tr("Masked. Use Show (%1) to see and edit it.").replace("%1", self._shortcut_text)
        )
        self.show_button.setText(self.tr("Show"))
        self.show_button.setToolTip(
            self.tr("Show the full value for a short time (%1); this is recorded in the audit log.").replace(
                "%1", self._shortcut_text
            )
        )
        self.show_button.setVisible(not plain)
        self.hint.hide()

    def _set_text(self, text: str) -> None:
        self._updating = True
        try:
            self.edit.setText(text)
        finally:
            self._updating = False

    def _on_text(self, text: str) -> None:
        if self._updating:
            return
        if not self._plain and self.is_revealed():
            self._edit = text
            self._has_edit = self._has_edit if self._revealed is None else text != self._revealed
        self.sig_edited.emit()


def masked_id_field(shortcut_text: str) -> MaskedField:
    """The ID number field."""
    field = MaskedField(mask_id_number, shortcut_text)
    field.edit.setMaxLength(18)
    return field


def masked_mobile_field(shortcut_text: str) -> MaskedField:
    """The mobile field."""
    field = MaskedField(mask_mobile, shortcut_text)
    field.edit.setMaxLength(20)  # room for a +86 prefix and spaces; the service normalises it
    return field
