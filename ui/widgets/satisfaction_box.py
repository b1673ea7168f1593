"""A satisfaction score (1–5 stars, or none) chosen with the number keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ui.formatting import satisfaction_text
from ui.widgets.keys import CLEAR_KEYS, is_plain

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}


class SatisfactionBox(QComboBox):
    """Satisfaction 1–5 or none; the keys 1–5 choose a score, 0 / Delete / Backspace clear it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("— not asked —"), None)
        for score in range(1, 6):
            self.addItem(satisfaction_text(score), score)
            spoken = self.tr("Satisfaction %1 of 5").replace("%1", str(score))
            self.setItemData(score, spoken, Qt.ItemDataRole.AccessibleTextRole)

    def score(self) -> int | None:
        """The chosen score (None when not asked)."""
        return self.currentData()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_plain(event) and event.key() in _DIGITS:
            self.setCurrentIndex(_DIGITS[event.key()])
        elif is_plain(event) and event.key() in CLEAR_KEYS:
            self.setCurrentIndex(0)
        else:
            super().keyPressEvent(event)
