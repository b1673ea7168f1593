"""Keys that mean the same thing in every widget of the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
"""Delete or Backspace: empty an optional field, or remove the focused item."""

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
"""Enter on the main keyboard or the keypad."""


def is_plain(event: QKeyEvent) -> bool:
    """Whether the key was pressed without Ctrl, Alt, Shift or Meta (the keypad does not count)."""
    return not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
