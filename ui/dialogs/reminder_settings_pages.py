"""Settings pages for reminders: how they are announced, and the revisit rules that create them."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as opts
from desktop.labels import tier_labels
from desktop.settings import Settings
from storage.rules.settings import RuleSettings


def _spin(value: int, low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox(minimum=low, maximum=high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _time_edit(text: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(text, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    return edit


class NotificationPage(QWidget):
    """Announcements, the digest, the tray and starting at login."""

    def __init__(self, settings: Settings, autostart_enabled: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.enabled = QCheckBox(self.tr("Notify me when a revisit falls due"))
        self.enabled.setChecked(settings.get(opts.NOTIFY_ENABLED))
        self.hide_names = QCheckBox(self.tr("Hide names in notifications (show only the kind)"))
        self.hide_names.setChecked(settings.get(opts.NOTIFY_HIDE_NAMES))
        self.digest = QCheckBox(self.tr("Morning digest of today's revisits at"))
        self.digest.setChecked(settings.get(opts.DIGEST_ENABLED))
        self.digest_time = _time_edit(opts.notice_settings(settings).digest_time)
        digest_row = QHBoxLayout()
        digest_row.addWidget(self.digest)
        digest_row.addWidget(self.digest_time)
        digest_row.addStretch(1)
        self.to_tray = QCheckBox(self.tr("Closing the window keeps BranchDesk in the system tray"))
        self.to_tray.setChecked(settings.get(opts.MINIMIZE_TO_TRAY))
        self.at_login = QCheckBox(self.tr("Start BranchDesk when I log in"))
        self.at_login.setChecked(autostart_enabled)
        form.addRow(self.enabled)
        form.addRow(self.hide_names)
        form.addRow(digest_row)
        form.addRow(self.to_tray)
        form.addRow(self.at_login)

    def store(self, settings: Settings) -> None:
        """Write the choices (starting at login is applied by the caller)."""
        settings.set(opts.NOTIFY_ENABLED, self.enabled.isChecked())
        settings.set(opts.NOTIFY_HIDE_NAMES, self.hide_names.isChecked())
        settings.set(opts.DIGEST_ENABLED, self.digest.isChecked())
        settings.set(opts.DIGEST_TIME, self.digest_time.time().toString("HH:mm"))
        settings.set(opts.MINIMIZE_TO_TRAY, self.to_tray.isChecked())


class RulesPage(QWidget):
    """Each revisit rule: on or off, and its interval."""

    def __init__(self, rules: RuleSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        layout = QVBoxLayout(self)
        cards = self._group(layout, self.tr("Cards"))
        self.activation = self._switch(
            cards, self.tr("Activation call for a new card not activated"), rules.activation_call
        )
        self.activation_days = _spin(rules.activation_days, 1, 30, self.tr(" days after opening"))
        cards.addRow(self.tr("Call within:"), self.activation_days)
        self.care = self._switch(cards, self.tr("Care call after activation"), rules.care_call)
        self.care_days = _spin(rules.care_days, 1, 30, self.tr(" days after activation"))
        cards.addRow(self.tr("Call within:"), self.care_days)
        self.dormant = self._switch(
            cards, self.tr("Reactivation call for a dormant card"), rules.dormant_card
        )
        self.dormant_months = _spin(rules.dormant_months, 1, 24, self.tr(" months without use"))
        cards.addRow(self.tr("Dormant after:"), self.dormant_months)

        revisits = self._group(layout, self.tr("Revisits"))
        self.new_customer = self._switch(revisits, self.tr("Revisits of a new customer"), rules.new_customer)
        self.new_customer_days = QLineEdit(", ".join(str(d) for d in rules.new_customer_days))
        self.new_customer_days.setPlaceholderText("7, 30")
        revisits.addRow(self.tr("Days after joining:"), self.new_customer_days)
        self.periodic = self._switch(
            revisits, self.tr("Periodic revisit by tier (after the last contact)"), rules.periodic
        )
        self.periodic_months: dict[str, QSpinBox] = {}
        for tier, label in tier_labels().items():
            spin = _spin(rules.periodic_months.get(tier, 0), 0, 24, self.tr(" months"))
            spin.setSpecialValueText(self.tr("Off"))
            self.periodic_months[tier] = spin
            revisits.addRow(self.tr("%1:").replace("%1", label), spin)
        self.complaint = self._switch(revisits, self.tr("Follow up a complaint"), rules.complaint)
        self.complaint_hours = _spin(rules.complaint_hours, 1, 168, self.tr(" hours"))
        revisits.addRow(self.tr("Follow up within:"), self.complaint_hours)
        self.day_start = _time_edit(rules.default_day_start)
        revisits.addRow(self.tr("Rule reminders fall due at:"), self.day_start)

        greetings = self._group(layout, self.tr("Greetings"))
        self.birthday = self._switch(greetings, self.tr("Birthday greeting on the day"), rules.birthday)
        self.holiday = self._switch(
            greetings, self.tr("Holiday greetings (customers who opted in)"), rules.holiday
        )
        self.greeting_hour = _spin(rules.greeting_hour, 6, 21, self.tr(":00"))
        greetings.addRow(self.tr("Greeting time:"), self.greeting_hour)
        self.look_ahead = _spin(rules.look_ahead_days, 1, 60, self.tr(" days ahead"))
        greetings.addRow(self.tr("Create greetings:"), self.look_ahead)
        layout.addStretch(1)

    def _group(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        layout.addWidget(box)
        return QFormLayout(box)

    def _switch(self, form: QFormLayout, text: str, checked: bool) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(checked)
        form.addRow(box)
        return box

    def result(self) -> RuleSettings:
        """The rules as edited (new-customer days that are not whole numbers are left as they were)."""
        try:
            days = tuple(
                sorted(
                    {int(p) for p in self.new_customer_days.text().replace("，", ",").split(",") if p.strip()}
                )
            )
        except ValueError:
            days = self.rules.new_customer_days
        return replace(
            self.rules,
            activation_call=self.activation.isChecked(),
            activation_days=self.activation_days.value(),
            care_call=self.care.isChecked(),
            care_days=self.care_days.value(),
            dormant_card=self.dormant.isChecked(),
            dormant_months=self.dormant_months.value(),
            new_customer=self.new_customer.isChecked(),
            new_customer_days=tuple(d for d in days if 0 < d <= 365) or self.rules.new_customer_days,
            periodic=self.periodic.isChecked(),
            periodic_months={
                tier: spin.value() for tier, spin in self.periodic_months.items() if spin.value()
            },
            complaint=self.complaint.isChecked(),
            complaint_hours=self.complaint_hours.value(),
            default_day_start=self.day_start.time().toString("HH:mm"),
            birthday=self.birthday.isChecked(),
            holiday=self.holiday.isChecked(),
            greeting_hour=self.greeting_hour.value(),
            look_ahead_days=self.look_ahead.value(),
        )
