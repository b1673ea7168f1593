"""Tools → Settings: the reminder and rule settings are stored and read back."""

from __future__ import annotations

from desktop import settings as opts
from desktop.settings import Settings
from ui.dialogs.settings_dialog import SettingsDialog


def test_rules_and_notification_settings_round_trip(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.rules.activation_days.setValue(5)
    dialog.rules.birthday.setChecked(False)
    dialog.rules.periodic_months["standard"].setValue(0)  # "Off" for standard customers
    dialog.rules.new_customer_days.setText("3，14, 30")
    dialog.notifications.hide_names.setChecked(True)
    dialog.notifications.to_tray.setChecked(False)
    dialog.accept()
    assert dialog.rules_changed
    again = Settings(tmp_path / "settings.ini")  # read back from the file
    rules = opts.rule_settings(again)
    assert rules.activation_days == 5 and not rules.birthday
    assert "standard" not in rules.periodic_months and rules.periodic_months["high_value"] == 1
    assert rules.new_customer_days == (3, 14, 30)
    assert again.get(opts.NOTIFY_HIDE_NAMES) is True and again.get(opts.MINIMIZE_TO_TRAY) is False
    unchanged = SettingsDialog(again)
    qtbot.addWidget(unchanged)
    unchanged.accept()
    assert not unchanged.rules_changed


def test_a_damaged_settings_file_falls_back_to_defaults(tmp_path):
    path = tmp_path / "settings.ini"
    path.write_text("[rules]\nsettings={broken\n[notifications]\ndigest_time=25:99\n")
    settings = Settings(path)
    assert opts.rule_settings(settings).activation_days == 3
    assert opts.notice_settings(settings).digest_time == "08:30"
