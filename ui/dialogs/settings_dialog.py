"""Tools → Settings: locking and language, how reminders are announced, and the revisit rules."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as opts
from desktop.settings import Settings
from ui.dialogs.reminder_settings_pages import NotificationPage, RulesPage


class SettingsDialog(QDialog):
    """Edits the settings; afterwards `language_changed`, `rules_changed` and `start_at_login`
    tell the window what to apply."""

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, autostart_enabled: bool = False
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language_changed = False
        self.rules_changed = False
        self.start_at_login = autostart_enabled
        self.setWindowTitle(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_page(), self.tr("General"))
        self.notifications = NotificationPage(settings, autostart_enabled)
        self.tabs.addTab(self.notifications, self.tr("Reminders"))
        self.rules = RulesPage(opts.rule_settings(settings))
        scroll = QScrollArea()
        scroll.setWidget(self.rules)
        scroll.setWidgetResizable(True)
        self.tabs.addTab(scroll, self.tr("Revisit rules"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def _general_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.idle_minutes = QSpinBox(minimum=0, maximum=240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("Never"))
        self.idle_minutes.setValue(self.settings.get(opts.IDLE_LOCK_MINUTES))
        form.addRow(self.tr("&Lock after idle for:"), self.idle_minutes)
        self.language = QComboBox()
        for code, label in (("", self.tr("Follow the system")), ("zh_CN", "中文"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.get(opts.LANGUAGE))))
        form.addRow(self.tr("L&anguage:"), self.language)
        return page

    def accept(self) -> None:
        """Store the choices."""
        settings = self.settings
        settings.set(opts.IDLE_LOCK_MINUTES, self.idle_minutes.value())
        language = self.language.currentData()
        self.language_changed = language != settings.get(opts.LANGUAGE)
        settings.set(opts.LANGUAGE, language)
        self.notifications.store(settings)
        self.start_at_login = self.notifications.at_login.isChecked()
        rules = self.rules.result()
        self.rules_changed = rules != opts.rule_settings(settings)
        opts.set_rule_settings(settings, rules)
        settings.sync()
        super().accept()
