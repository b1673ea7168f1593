"""The window's side of sync: the Sync menu's actions, the status bar's clicks, the conflicts view,
the reassignment notices, and the runner following the window's start, lock and close.

The runner itself belongs to the profile (`AppContext.sync_runner`) and outlives a window that is
rebuilt for another language; the main window owns one `SyncControls` and only forwards to it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox
from shiboken6 import isValid

from desktop.app_context import AppContext
from desktop.background import Operation
from desktop.sync_status import SyncState
from storage.changes import Changes
from storage.sync.account import load_account
from storage.sync.conflicts import ConflictService
from storage.sync.notices import Notice
from ui.dialogs.conflicts_dialog import ConflictsDialog
from ui.dialogs.connect_dialog import ConnectDialog
from ui.status_bar import MainStatusBar


class SyncControls(QObject):
    """Connect, sync now, conflicts, sign out — and the notices the runner brings back."""

    def __init__(self, window: QMainWindow, context: AppContext, status_bar: MainStatusBar) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.runner = context.sync_runner
        self.runner.set_bus(context.bus)
        self.status_bar = status_bar
        self.conflicts_dialog: ConflictsDialog | None = None
        self.connect_dialog: ConnectDialog | None = None
        self.notice_box: QMessageBox | None = None
        status_bar.sig_connect_requested.connect(self.connect_to_server)
        status_bar.sig_sync_requested.connect(self.sync_now)
        status_bar.sig_conflicts_requested.connect(self.show_conflicts)
        self.runner.sig_notices.connect(self.show_notices)
        self.runner.sig_synced.connect(self._synced)

    # Following the window ---------------------------------------------------------------------

    def start(self) -> None:
        """Start syncing (the app shows its window)."""
        self.runner.start()

    def stop(self) -> None:
        """Stop syncing (the window closes for good)."""
        self.runner.stop()

    def lock(self) -> None:
        """The profile locks: the runner lets go of the store."""
        self.runner.lock()
        for dialog in (self.conflicts_dialog, self.connect_dialog):
            if dialog is not None:
                dialog.reject()
        if self.notice_box is not None and isValid(self.notice_box):
            self.notice_box.close()  # customers' names: not on a locked desk
        self.notice_box = None
        self.status_bar.clearMessage()

    def unlock(self) -> None:
        """The profile is open again: sync at once."""
        self.runner.unlock()

    # The Sync menu ----------------------------------------------------------------------------

    def connect_to_server(self) -> None:
        """Sync → Connect to server…: the login dialog (filled in when this profile had an account)."""
        store = self.context.store
        if store.locked:
            return
        Operation(lambda: load_account(store)).success(self._open_connect).failure(
            lambda _e: self._open_connect(None)
        ).run_in_background()

    def _open_connect(self, account) -> None:
        if self.connect_dialog is not None or self.context.store.locked:
            return
        dialog = ConnectDialog(self.runner, account, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._connect_closed)
        self.connect_dialog = dialog
        dialog.open()

    def _connect_closed(self, result: int) -> None:
        self.connect_dialog = None
        if result:
            self.status_bar.showMessage(self.tr("Connected: syncing with the server."), 8000)

    def sync_now(self) -> None:
        """Sync → Sync now (F5): sync at once, or log in first when not connected or signed out."""
        if self.context.store.locked:
            return
        if self.runner.state in (SyncState.NOT_CONFIGURED, SyncState.SIGNED_OUT):
            self.connect_to_server()  # nothing to sync with until the manager logs in
            return
        self.runner.sync_now()

    def show_conflicts(self) -> None:
        """Sync → Sync conflicts…: the open conflicts, to settle one by one."""
        if self.context.store.locked:
            return
        if self.conflicts_dialog is not None:
            self.conflicts_dialog.raise_()
            self.conflicts_dialog.activateWindow()
            return
        store = self.context.store
        dialog = ConflictsDialog(ConflictService(store), store.device_id, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_settled.connect(self._settled)
        dialog.finished.connect(self._conflicts_closed)
        self.conflicts_dialog = dialog
        dialog.show()

    def _conflicts_closed(self, _result: int) -> None:
        self.conflicts_dialog = None

    def _settled(self, changes: Changes) -> None:
        self.context.bus.publish(changes)  # the panes show the value entered again
        self.runner.schedule_sync()  # the decision goes to the server and the other devices
        self.runner.refresh_status()

    def sign_out(self) -> None:
        """Sync → Sign out of server: this laptop stops syncing until the manager connects again."""
        answer = QMessageBox.question(
            self.window,
            self.tr("Sign out of the server"),
            self.tr(
                "Sign this laptop out of the sync server? Your customers and changes stay here; "
                "changes not sent yet go to the server when you connect again."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.runner.sign_out()

    # Notices ------------------------------------------------------------------------------------

    def show_notices(self, notices: list[Notice]) -> None:
        """Tell the manager, once, which customers were reassigned away (and left this laptop)."""
        lines = [reassigned_text(notice) for notice in notices]
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Customers reassigned"),
            "\n".join(lines),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setInformativeText(self.tr("They have left this laptop; their calls stay with the new manager."))
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.notice_box = box
        summary = lines[0] if len(lines) == 1 else self.tr("%n customer(s) reassigned", "", len(lines))
        self.status_bar.showMessage(summary, 15000)
        self.runner.mark_notices_seen(notices)

    def _synced(self, _report) -> None:
        if self.conflicts_dialog is not None:
            self.conflicts_dialog.reload()


def reassigned_text(notice: Notice) -> str:
    """ "张伟 was reassigned to 李娜 by the supervisor." """
    if notice.to_name:
        text = QCoreApplication.translate("SyncControls", "%1 was reassigned to %2 by the supervisor.")
        return text.replace("%1", notice.customer_name).replace("%2", notice.to_name)
    text = QCoreApplication.translate(
        "SyncControls", "%1 was reassigned to another manager by the supervisor."
    )
    return text.replace("%1", notice.customer_name)
