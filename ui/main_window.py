"""The main window: assembles the four panes as docks, the menus, the status bar and the lock.

It only wires panes together; each pane owns its own behaviour (STYLE.md item 2).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QSystemTrayIcon,
    QToolBar,
    QWidget,
)

from desktop import autostart
from desktop import settings as opts
from desktop.app_context import AppContext
from desktop.background import LatestOnly, Operation
from desktop.idle_lock import IdleWatcher
from desktop.notice_planner import NoticePlanner
from desktop.reminder_scheduler import ReminderScheduler
from desktop.rule_runner import RuleRunner
from storage.keystore import PASSPHRASE
from storage.profile import key_storage, unlock
from storage.rules.revisit_rules import RevisitRules
from storage.services.due_notices import DueNotices
from storage.services.reminders import DueReminder
from ui.dialogs.about_dialog import show_about
from ui.dialogs.log_call_dialog import LogCallDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.errors import show_error
from ui.icons import icon
from ui.lock_screen import LockScreen
from ui.main_menus import build_menus
from ui.panes.call_log_pane import CallLogPane
from ui.panes.customer_detail_pane import CustomerDetailPane
from ui.panes.customer_list_pane import CustomerListPane
from ui.panes.reminder_pane import ReminderPane
from ui.reminder_alerts import ReminderAlerts
from ui.status_bar import MainStatusBar
from ui.tray import TrayIcon
from ui.widgets.notice_banner import NoticeBanner

CONTENT, LOCKED = 0, 1
RULES_START_DELAY_MS = 10_000  # the daily rules run starts after the window has settled
SCHEDULER_START_DELAY_MS = 2_000  # the catch-up comes once the first page is on screen


class MainWindow(QMainWindow):
    """The relationship manager's desk: customer list, detail, call log and reminders."""

    sig_language_requested = Signal(str)
    """The manager chose another language ("zh_CN" or "en")."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.customer_id = ""
        self._customer_name = ""
        self._selection = LatestOnly()
        self.setWindowTitle(self.tr("BranchDesk — relationship manager's desk"))
        self.setWindowIcon(icon("app"))
        self.setDockNestingEnabled(True)
        self._build_panes()
        self._build_lock()
        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self.setStatusBar(MainStatusBar(context, self))
        self.statusBar().refresh()
        self._wire()
        self._restore_layout()
        self.idle = IdleWatcher(context.settings.get(opts.IDLE_LOCK_MINUTES), self)
        self.idle.sig_idle.connect(self.lock)
        self._quitting = False
        self._told_about_tray = False
        self._automation_started = False
        self._build_reminder_automation()

    # Building -------------------------------------------------------------------------------

    def _build_panes(self) -> None:
        c = self.context
        self.customer_list = CustomerListPane(c.store, c.tags, c.bus, c.settings)
        self.customer_detail = CustomerDetailPane(c.customers, c.cards, c.tags, c.bus)
        self.call_log = CallLogPane(c.calls, c.bus)
        self.reminder_pane = ReminderPane(c.reminders, c.bus)
        self.docks = {
            "customers": self._dock(
                self.customer_list, self.tr("Customers"), Qt.DockWidgetArea.LeftDockWidgetArea
            ),
            "detail": self._dock(
                self.customer_detail, self.tr("Customer"), Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "calls": self._dock(self.call_log, self.tr("Call log"), Qt.DockWidgetArea.RightDockWidgetArea),
            "reminders": self._dock(
                self.reminder_pane, self.tr("Reminders"), Qt.DockWidgetArea.RightDockWidgetArea
            ),
        }
        self.splitDockWidget(self.docks["customers"], self.docks["detail"], Qt.Orientation.Horizontal)
        self.splitDockWidget(self.docks["detail"], self.docks["reminders"], Qt.Orientation.Horizontal)
        self.splitDockWidget(self.docks["detail"], self.docks["calls"], Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.docks["customers"], self.docks["detail"], self.docks["reminders"]],
            [560, 460, 320],
            Qt.Orientation.Horizontal,
        )

    def _dock(self, pane: QWidget, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{type(pane).__name__}")  # saveState() needs stable names
        dock.setWidget(pane)
        self.addDockWidget(area, dock)
        return dock

    def _build_lock(self) -> None:
        needs_passphrase = key_storage(self.context.folder) == PASSPHRASE
        store = self.context.store
        self.lock_screen = LockScreen(
            lambda secret: unlock(store, passphrase=secret), needs_passphrase=needs_passphrase
        )
        self.lock_screen.sig_unlocked.connect(self._unlocked)
        self.stack = QStackedWidget()
        self.stack.addWidget(QWidget())  # while unlocked the docks fill the window
        self.stack.addWidget(self.lock_screen)
        self.stack.setMaximumSize(0, 0)
        self.setCentralWidget(self.stack)
        self._dock_state = QByteArray()

    def _build_reminder_automation(self) -> None:
        """The rules, the scheduler, its alerts (notification or banner) and the tray icon."""
        c = self.context
        self.banner = NoticeBanner()
        self._banner_bar = QToolBar(self.tr("Notices"), self)
        self._banner_bar.setObjectName("notice_bar")
        self._banner_bar.setMovable(False)
        self._banner_bar.addWidget(self.banner)
        self._banner_bar.hide()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self._banner_bar)
        self.banner.sig_shown.connect(self._banner_bar.setVisible)
        rules = RevisitRules(c.store, opts.rule_settings(c.settings))
        self.rule_runner = RuleRunner(rules, c.bus, first_run_delay_ms=RULES_START_DELAY_MS, parent=self)
        planner = NoticePlanner(DueNotices(c.store), opts.notice_settings(c.settings))
        delay = SCHEDULER_START_DELAY_MS
        self.scheduler = ReminderScheduler(planner, first_check_delay_ms=delay, parent=self)
        self.alerts = ReminderAlerts(self, c.notifier, self.banner, c.settings, c.reminders, c.bus, self)
        self.scheduler.sig_announce.connect(self.alerts.show)
        c.bus.sig_changed.connect(self._on_bus_changed)
        self.tray: TrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = TrayIcon(self)
            self.tray.sig_show_requested.connect(self.bring_to_front)
            self.tray.sig_quit_requested.connect(self.quit_app)
            self.scheduler.sig_overdue.connect(self.tray.set_overdue)

    def start_reminder_automation(self) -> None:
        """Run the rules and the scheduler (the app does; most tests leave them off)."""
        if self.tray is not None:
            self.tray.show()
            QApplication.instance().setQuitOnLastWindowClosed(False)
        self.rule_runner.start()
        self.scheduler.start()
        self._automation_started = True

    def stop_reminder_automation(self) -> None:
        """Stop the rules and the scheduler (locking, closing, rebuilding the window)."""
        self.rule_runner.stop()
        self.scheduler.stop()
        self._automation_started = False
        if self.tray is not None:
            self.tray.hide()

    def _on_bus_changed(self, changes) -> None:
        if changes.reminders and not self.context.store.locked:
            self.scheduler.reminders_changed()

    def bring_to_front(self) -> None:
        """Show the window (from the tray or minimised) and give it the focus."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_reminders(self) -> None:
        """Show the reminder pane."""
        self.docks["reminders"].show()
        self.docks["reminders"].raise_()

    def quit_app(self) -> None:
        """File → Quit and the tray's Quit: close for real, not to the tray."""
        self._quitting = True
        self.close()
        QApplication.instance().quit()

    def _wire(self) -> None:
        self.customer_list.sig_customer_selected.connect(self.show_customer)
        self.reminder_pane.sig_customer_selected.connect(self.select_customer)
        self.reminder_pane.sig_log_call_requested.connect(self.log_call)
        self.call_log.sig_log_call_requested.connect(lambda cid, _rid: self.log_call(cid, None))
        self.customer_detail.sig_customer_created.connect(self.select_customer)
        self.customer_detail.sig_customer_deleted.connect(lambda _cid: self.show_customer(""))

    # Selection ------------------------------------------------------------------------------

    def select_customer(self, customer_id: str) -> None:
        """Select a customer everywhere (list, detail, call log)."""
        self.customer_list.select_customer(customer_id)
        if self.customer_id != customer_id:
            self.show_customer(customer_id)

    def show_customer(self, customer_id: str) -> None:
        """Show one customer's detail and calls (the list's selection changed)."""
        self.customer_id = customer_id
        self.context.settings.set(opts.LAST_CUSTOMER, customer_id)
        self.customer_detail.show_customer(customer_id)
        if not customer_id:
            self.call_log.show_customer("", "")
            return
        customers = self.context.customers
        self._selection.run(
            Operation(lambda: customers.get(customer_id).name)
            .success(lambda name: self._show_calls(customer_id, name))
            .failure(lambda _e: self.call_log.show_customer("", ""))
        )

    def _show_calls(self, customer_id: str, name: str) -> None:
        self._customer_name = name
        self.call_log.show_customer(customer_id, name)

    def log_call(self, customer_id: str | None = None, reminder: DueReminder | None = None) -> None:
        """Open the log-a-call dialog for a customer (the selected one by default)."""
        customer_id = customer_id or self.customer_id
        if not customer_id or self.context.store.locked:
            return
        name = reminder.customer_name if reminder else self._customer_name
        dialog = LogCallDialog(
            self.context.calls, self.context.reminders, customer_id, name, reminder=reminder, parent=self
        )
        dialog.sig_logged.connect(self.context.bus.publish)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def new_customer(self) -> None:
        """Start a new customer in the detail pane."""
        self.docks["detail"].show()
        self.docks["detail"].raise_()
        self.customer_detail.new_customer()

    # Lock -----------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything, drop customer data from the panes and close the database."""
        if self.context.store.locked:
            return
        self._dock_state = self.saveState()
        for pane in (self.customer_list, self.customer_detail, self.call_log, self.reminder_pane):
            pane.clear()
        for dock in self.docks.values():
            dock.hide()
        if self._automation_started:
            self.scheduler.lock()  # reminders keep coming while locked, by kind only
        self.context.store.lock()
        self.stack.setMaximumSize(16777215, 16777215)
        self.stack.setCurrentIndex(LOCKED)
        self.menuBar().setEnabled(False)
        self.lock_screen.focus_input()

    def _unlocked(self, _result: object) -> None:
        self.stack.setCurrentIndex(CONTENT)
        self.stack.setMaximumSize(0, 0)
        self.menuBar().setEnabled(True)
        self.restoreState(self._dock_state)
        self.customer_list.reload()
        self.reminder_pane.reload()
        self.statusBar().refresh()
        if self.customer_id:
            self.select_customer(self.customer_id)
        self.idle.restart()
        if self._automation_started:
            self.scheduler.unlock()  # then catches up on anything the locked desk could not announce

    # Settings, layout -----------------------------------------------------------------------

    def open_settings(self) -> None:
        """Tools → Settings: locking, language, reminders and the revisit rules."""
        dialog = SettingsDialog(self.context.settings, self, autostart_enabled=autostart.is_enabled())
        if dialog.exec():
            self.apply_settings(dialog.rules_changed, dialog.start_at_login)
            if dialog.language_changed:
                self.sig_language_requested.emit(self.context.settings.get(opts.LANGUAGE))

    def apply_settings(self, rules_changed: bool, start_at_login: bool) -> None:
        """Put stored settings into effect: idle lock, announcements, rules, start at login."""
        settings = self.context.settings
        self.idle.set_minutes(settings.get(opts.IDLE_LOCK_MINUTES))
        self.scheduler.planner.settings = opts.notice_settings(settings)
        if rules_changed:
            self.rule_runner.rules.settings = opts.rule_settings(settings)
            self.rule_runner.run_book_now()
        if start_at_login != autostart.is_enabled():
            try:
                autostart.set_enabled(start_at_login)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                QMessageBox.warning(
                    self,
                    self.tr("BranchDesk"),
                    self.tr("BranchDesk could not change starting at login: %1").replace("%1", reason),
                )

    def about(self) -> None:
        """Help → About."""
        try:
            show_about(self, self.context.store)
        except Exception as exc:
            show_error(self, exc)

    def _restore_layout(self) -> None:
        settings = self.context.settings
        if not settings.get(opts.WINDOW_GEOMETRY).isEmpty():
            self.restoreGeometry(settings.get(opts.WINDOW_GEOMETRY))
        else:
            self.resize(1360, 820)
        if not settings.get(opts.WINDOW_STATE).isEmpty():
            self.restoreState(settings.get(opts.WINDOW_STATE))

    def restore_selection(self) -> None:
        """Select the customer that was selected when the app last closed."""
        last = self.context.settings.get(opts.LAST_CUSTOMER)
        if last:
            self.select_customer(last)

    def save_layout(self) -> None:
        """Remember geometry and dock arrangement."""
        settings = self.context.settings
        settings.set(opts.WINDOW_GEOMETRY, self.saveGeometry())
        settings.set(
            opts.WINDOW_STATE, self.saveState() if not self.context.store.locked else self._dock_state
        )
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        to_tray = (
            not self._quitting
            and self.tray is not None
            and self.tray.isVisible()
            and self.context.settings.get(opts.MINIMIZE_TO_TRAY)
        )
        if to_tray:  # reminders keep coming while the window is away
            event.ignore()
            self.hide()
            if not self._told_about_tray:  # once per session, so closing does not look like quitting
                self._told_about_tray = True
                self.tray.showMessage(
                    self.tr("BranchDesk is still running"),
                    self.tr("Reminders will still come. To quit, use Quit in the tray icon's menu."),
                    QSystemTrayIcon.MessageIcon.Information,
                    8000,
                )
            return
        started = self._automation_started
        self.stop_reminder_automation()
        super().closeEvent(event)
        if started:  # the tray kept the app from quitting on the last window
            QApplication.instance().quit()
