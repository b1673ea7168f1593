"""Everything that reminds the manager by itself: the revisit rules, the reminder scheduler, its
alerts (a desktop notification, or the window's banner) and the tray icon with the overdue count.

The main window owns one and only forwards to it: start and stop with the window, lock and unlock
with the profile, new settings, and closing the window to the tray.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QToolBar

from desktop import settings as opts
from desktop.app_context import AppContext
from desktop.notice_planner import NoticePlanner
from desktop.reminder_scheduler import ReminderScheduler
from desktop.rule_runner import RuleRunner
from storage.changes import Changes
from storage.rules.revisit_rules import RevisitRules
from storage.services.due_notices import DueNotices
from ui.reminder_alerts import AlertWindow, ReminderAlerts
from ui.tray import TrayIcon
from ui.widgets.notice_banner import NoticeBanner

RULES_START_DELAY_MS = 10_000  # the daily rules run starts after the window has settled
SCHEDULER_START_DELAY_MS = 2_000  # the catch-up comes once the first page is on screen


class ReminderAutomation(QObject):
    """The rules, the scheduler, the alerts and the tray of one main window (a QMainWindow with
    what the alerts need, and `quit_app`)."""

    def __init__(self, window: AlertWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.started = False
        self._told_about_tray = False
        self.banner = NoticeBanner()
        bar = QToolBar(self.tr("Notices"), window)
        bar.setObjectName("notice_bar")
        bar.setMovable(False)
        bar.addWidget(self.banner)
        bar.hide()
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.banner.sig_shown.connect(bar.setVisible)
        c = context
        rules = RevisitRules(c.store, opts.rule_settings(c.settings))
        self.rule_runner = RuleRunner(rules, c.bus, first_run_delay_ms=RULES_START_DELAY_MS, parent=self)
        planner = NoticePlanner(DueNotices(c.store), opts.notice_settings(c.settings))
        delay = SCHEDULER_START_DELAY_MS
        self.scheduler = ReminderScheduler(planner, first_check_delay_ms=delay, parent=self)
        self.alerts = ReminderAlerts(window, c.notifier, self.banner, c.settings, c.reminders, c.bus, self)
        self.scheduler.sig_announce.connect(self.alerts.show)
        c.bus.sig_changed.connect(self._on_changed)
        self.tray: TrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = TrayIcon(window)
            self.tray.sig_show_requested.connect(window.bring_to_front)
            self.tray.sig_quit_requested.connect(window.quit_app)
            self.scheduler.sig_overdue.connect(self.tray.set_overdue)

    def start(self) -> None:
        """Run the rules and the scheduler, and show the tray icon (the app does; tests mostly not)."""
        if self.tray is not None:
            self.tray.show()
            QApplication.instance().setQuitOnLastWindowClosed(False)
        self.rule_runner.start()
        self.scheduler.start()
        self.started = True

    def stop(self) -> None:
        """Stop the rules and the scheduler (closing, rebuilding the window)."""
        self.rule_runner.stop()
        self.scheduler.stop()
        self.started = False
        if self.tray is not None:
            self.tray.hide()

    def lock(self) -> None:
        """The profile is about to lock: reminders keep coming, by kind only."""
        if self.started:
            self.scheduler.lock()

    def unlock(self) -> None:
        """The profile is open again: catch up on what the locked desk could not announce."""
        if self.started:
            self.scheduler.unlock()

    def apply_settings(self, rules_changed: bool) -> None:
        """New settings: announcements at once; the rules over the whole book again if they changed."""
        settings = self.context.settings
        self.scheduler.planner.settings = opts.notice_settings(settings)
        if rules_changed:
            self.rule_runner.rules.settings = opts.rule_settings(settings)
            self.rule_runner.run_book_now()

    def keeps_running_when_closed(self) -> bool:
        """Closing the window hides it to the tray instead of quitting (then says so, once)."""
        tray = self.tray
        if tray is None or not tray.isVisible() or not self.context.settings.get(opts.MINIMIZE_TO_TRAY):
            return False
        if not self._told_about_tray:  # once per session, so closing does not look like quitting
            self._told_about_tray = True
            tray.showMessage(
                self.tr("BranchDesk is still running"),
                self.tr("Reminders will still come. To quit, use Quit in the tray icon's menu."),
                QSystemTrayIcon.MessageIcon.Information,
                8000,
            )
        return True

    def _on_changed(self, changes: Changes) -> None:
        if changes.reminders and not self.context.store.locked:
            self.scheduler.reminders_changed()
