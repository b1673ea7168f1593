"""The customer's risk flags as one checkbox each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from desktop import labels
from ui.icons import icon


class RiskFlagsBox(QWidget):
    """One checkbox per risk flag; the value is the sorted comma-separated codes."""

    sig_changed = Signal()
    """A flag was checked or unchecked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for code, text in labels.risk_flag_labels().items():
            box = QCheckBox(text)
            box.setIcon(icon("risk"))
            box.toggled.connect(self.sig_changed)
            layout.addWidget(box)
            self.boxes[code] = box

    def value(self) -> str:
        """The checked flags."""
        return ",".join(sorted(code for code, box in self.boxes.items() if box.isChecked()))

    def set_value(self, value: str | None) -> None:
        """Check exactly the flags in `value`."""
        codes = set((value or "").split(","))
        for code, box in self.boxes.items():
            box.setChecked(code in codes)
