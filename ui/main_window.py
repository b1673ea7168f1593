"""The main window: assembles the four panes as docks, the menus, the status bar and the lock.

It only wires panes together; each pane owns its own behaviour (STYLE.md item 2).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop import autostart
from desktop import settings as opts
from desktop.app_context import AppContext
from desktop.background import LatestOnly, Operation
from desktop.excel.import_reader import read_source
from desktop.idle_lock import IdleWatcher
from storage.keystore import PASSPHRASE
from storage.profile import key_storage, unlock
from storage.services.reminders import DueReminder
from storage.services.weekly_figures import manager_names
from storage.timeutil import local_today
from ui.dialogs.about_dialog import show_about
from ui.dialogs.export_list_dialog import ExportListDialog, ListExport
from ui.dialogs.export_weekly_dialog import ExportWeeklyDialog, WeeklyExport
from ui.dialogs.import_dialog import ImportDialog, choose_file
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
from ui.reminder_automation import ReminderAutomation
from ui.status_bar import MainStatusBar
from ui.sync_controls import SyncControls

CONTENT, LOCKED = 0, 1


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
        self.setStatusBar(MainStatusBar(context, context.sync_runner, self))
        self.statusBar().refresh()
        self.sync = SyncControls(self, context, self.statusBar())
        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self._wire()
        self._restore_layout()
        self.idle = IdleWatcher(context.settings.get(opts.IDLE_LOCK_MINUTES), self)
        self.idle.sig_idle.connect(self.lock)
        self._quitting = False
        self.automation = ReminderAutomation(self, context)

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

    def start_reminder_automation(self) -> None:
        """Run the rules and the scheduler, with the tray icon (the app does; most tests do not)."""
        self.automation.start()

    def stop_reminder_automation(self) -> None:
        """Stop the rules and the scheduler (closing, rebuilding the window)."""
        self.automation.stop()

    def start_sync(self) -> None:
        """Sync with the server in the background, if this profile is connected (the app does)."""
        self.sync.start()

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

    def export_customer_list(self) -> None:
        """File → Export customer list: the list as filtered and sorted now, to an .xlsx."""
        pane = self.customer_list
        dialog = ExportListDialog(pane.model.rowCount(), self)
        if not dialog.exec() or self.context.store.locked:
            return
        self._list_export = ListExport(self)
        self._list_export.start(
            self.context.store,
            Path(dialog.path.text()),
            pane.current_filter(),
            pane.model.sort_key,
            pane.model.descending,
            dialog.unmasked.isChecked(),
        )

    def import_list(self) -> None:
        """File → Import head-office list: read the file in the background, then the preview."""
        path = choose_file(self)
        if path is None or self.context.store.locked:
            return
        self.statusBar().showMessage(self.tr("Reading %1…").replace("%1", path.name))
        Operation(lambda: read_source(path)).success(self._preview_import).failure(
            lambda error: show_error(self, error)
        ).run_in_background()

    def _preview_import(self, source) -> None:
        self.statusBar().clearMessage()
        dialog = ImportDialog(self.context.store, source, self)
        dialog.sig_imported.connect(lambda result: self.context.bus.publish(result.changes))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_weekly_review(self) -> None:
        """File → Export weekly review: a week's figures and lists for the supervisor, masked."""
        store = self.context.store
        with store.read() as session:
            managers = manager_names(session, store.actor.id, store.actor.name)
        dialog = ExportWeeklyDialog(managers, store.actor.id, local_today(), self)
        if not dialog.exec() or store.locked:
            return
        self._weekly_export = WeeklyExport(self)
        self._weekly_export.start(
            store, Path(dialog.path.text()), dialog.chosen_week(), dialog.chosen_managers()
        )

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
        self.automation.lock()  # reminders keep coming while locked, by kind only
        self.sync.lock()
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
        self.automation.unlock()
        self.sync.unlock()

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
        self.automation.apply_settings(rules_changed)
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
        if not self._quitting and self.automation.keeps_running_when_closed():
            event.ignore()  # reminders keep coming while the window is away
            self.hide()
            return
        started = self.automation.started
        self.automation.stop()
        self.sync.stop()
        super().closeEvent(event)
        if started:  # the tray kept the app from quitting on the last window
            QApplication.instance().quit()
