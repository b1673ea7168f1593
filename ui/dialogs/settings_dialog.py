"""Tools → Settings: when to lock and which language to use."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from desktop import settings as opts
from desktop.settings import Settings


class SettingsDialog(QDialog):
    """Edits the idle-lock time and the language; `language_changed` tells whether to re-translate."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language_changed = False
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout(self)
        self.idle_minutes = QSpinBox(minimum=0, maximum=240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("Never"))
        self.idle_minutes.setValue(settings.get(opts.IDLE_LOCK_MINUTES))
        form.addRow(self.tr("&Lock after idle for:"), self.idle_minutes)
        self.language = QComboBox()
        for code, label in (("", self.tr("Follow the system")), ("zh_CN", "中文"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(opts.LANGUAGE))))
        form.addRow(self.tr("L&anguage:"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """Store the choices."""
        self.settings.set(opts.IDLE_LOCK_MINUTES, self.idle_minutes.value())
        language = self.language.currentData()
        self.language_changed = language != self.settings.get(opts.LANGUAGE)
        self.settings.set(opts.LANGUAGE, language)
        self.settings.sync()
        super().accept()
