"""Starting the window: open (or create, or unlock) the profile, then show the main window.

Switching the language rebuilds the main window with the new translators installed, keeping
the layout and the selected customer — no restart, and no pane has to re-translate itself.
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QVBoxLayout

from desktop import settings as opts
from desktop.app_context import SETTINGS_FILE, AppContext
from desktop.change_bus import ChangeBus
from desktop.cli import open_demo, profile_folder
from desktop.notifier import Notifier
from desktop.settings import Settings
from desktop.translations import install_translators
from storage.errors import BranchDeskError
from storage.keystore import PASSPHRASE
from storage.messages import current_language, set_language
from storage.profile import key_storage, open_profile, profile_exists
from storage.store import Store
from ui.dialogs.first_run_dialog import FirstRunDialog
from ui.errors import message_for
from ui.icons import icon
from ui.lock_screen import LockScreen
from ui.main_window import MainWindow


def system_language() -> str | None:
    """The system's UI language when nothing overrides it: English for English locales, else
    Chinese (Windows sets no LANG, so ask Qt); None when BRANCHDESK_LANG decides."""
    if os.environ.get("BRANCHDESK_LANG"):
        return None
    return "en" if QLocale.system().name().startswith("en") else "zh_CN"


class UnlockDialog(QDialog):
    """Asks for the passphrase at start-up; `store` is the opened profile after acceptance."""

    def __init__(self, folder) -> None:
        super().__init__()
        self.store: Store | None = None
        self.setWindowTitle(self.tr("Unlock BranchDesk"))
        self.setWindowIcon(icon("app"))
        self.screen_widget = LockScreen(
            lambda secret: open_profile(folder, passphrase=secret), needs_passphrase=True
        )
        self.screen_widget.sig_unlocked.connect(self._opened)
        layout = QVBoxLayout(self)
        layout.addWidget(self.screen_widget)
        self.resize(420, 320)

    def _opened(self, store: Store) -> None:
        self.store = store
        self.accept()


class AppController:
    """Owns the QApplication's translators and the (re)built main window."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.translators: list[QTranslator] = []
        self.window: MainWindow | None = None
        self.context: AppContext | None = None
        self.start_minimized = False

    def apply_language(self, code: str) -> None:
        """Install the translators for `code` ("" follows the system) and use it for messages."""
        set_language(code or system_language())
        language = current_language()
        for translator in self.translators:
            self.app.removeTranslator(translator)
        self.translators = install_translators(self.app, language)
        QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_US"))

    def open_store(self, args: argparse.Namespace) -> tuple[Store | None, bool]:
        """The profile to show (None when the user gave up), and whether it is the demo."""
        if args.demo:
            return open_demo(args), True
        folder = profile_folder(args)
        if not profile_exists(folder):
            dialog = FirstRunDialog(folder)
            return (dialog.store if dialog.exec() else None), False
        if key_storage(folder) == PASSPHRASE and not os.environ.get("BRANCHDESK_PASSPHRASE"):
            dialog = UnlockDialog(folder)
            dialog.screen_widget.focus_input()
            return (dialog.store if dialog.exec() else None), False
        return open_profile(folder), False

    def show_window(self, context: AppContext) -> MainWindow:
        """Build and show the main window on an open profile."""
        self.context = context
        window = MainWindow(context)
        window.sig_language_requested.connect(self.switch_language)
        if not (self.start_minimized and window.automation.tray is not None):
            window.show()
        self.start_minimized = False  # only the first window (starting at login) stays in the tray
        window.restore_selection()
        window.start_reminder_automation()
        window.start_sync()
        self.window = window
        return window

    def switch_language(self, code: str) -> None:
        """Re-translate everything by rebuilding the window in the new language."""
        old = self.window
        old.save_layout()
        old.stop_reminder_automation()
        self.apply_language(code)
        self.context.bus = ChangeBus()  # the old panes stay on the old bus until they are gone
        new = self.show_window(self.context)
        new.restoreGeometry(old.saveGeometry())
        old.hide()
        old.deleteLater()

    def start(self, args: argparse.Namespace) -> int:
        """Open the profile and run the event loop until the window closes."""
        folder = profile_folder(args)
        self.apply_language(Settings(folder / SETTINGS_FILE).get(opts.LANGUAGE) if folder.exists() else "")
        try:
            store, is_demo = self.open_store(args)
        except BranchDeskError as exc:
            QMessageBox.critical(None, "BranchDesk", message_for(exc))
            return 2
        if store is None:
            return 0
        notifier = Notifier("BranchDesk")
        self.start_minimized = bool(getattr(args, "minimized", False))
        try:
            self.show_window(AppContext(store, store.db_path.parent, is_demo=is_demo, notifier=notifier))
            return self.app.exec()
        finally:
            if self.context is not None:
                self.context.sync_runner.shutdown()  # a sync under way records its answers first
            notifier.close()
            store.close()


def run_window(args: argparse.Namespace) -> int:
    """Entry point of the window (the command line calls this when no command is given)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BranchDesk")
    app.setOrganizationName("BranchDesk")
    app.setWindowIcon(icon("app"))
    return AppController(app).start(args)
