"""The status bar: which profile is open, the sync state, the last good sync, the changes waiting to
be sent and the open sync conflicts."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from desktop.app_context import AppContext
from desktop.background import LatestOnly, Operation
from desktop.sync_runner import SyncRunner
from desktop.sync_status import SyncState, SyncStatus
from storage.outbox import pending_count
from storage.timeutil import as_utc
from ui.formatting import local_datetime_text
from ui.icons import icon

STATE_ICONS = {
    SyncState.ONLINE: "online",
    SyncState.SYNCING: "sync",
    SyncState.ERROR: "risk",
    SyncState.SIGNED_OUT: "risk",
}


class MainStatusBar(QStatusBar):
    """Shows the profile and how its sync stands; clicking the state syncs now or connects."""

    sig_connect_requested = Signal()
    """The manager clicked the state while not connected or signed out."""
    sig_sync_requested = Signal()
    """The manager clicked the state to sync now."""
    sig_conflicts_requested = Signal()
    """The manager clicked the conflicts count."""

    def __init__(self, context: AppContext, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._latest = LatestOnly()
        self._state = SyncState(runner.state)
        name = context.store.actor.name
        if context.is_demo:
            name = self.tr("%1 (demo profile)").replace("%1", name)
        self.profile = QLabel(self.tr("Profile: %1").replace("%1", name))
        self.profile.setToolTip(str(context.folder))
        self.pending = QLabel()
        self.conflicts = QToolButton()
        self.conflicts.setIcon(icon("risk"))
        self.conflicts.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.conflicts.setAutoRaise(True)
        self.conflicts.setToolTip(self.tr("Edits that did not land as made: review them"))
        self.conflicts.hide()
        self.connection = QToolButton()
        self.connection.setObjectName("syncState")
        self.connection.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.connection.setAutoRaise(True)
        self.last_sync = QLabel()
        self.addWidget(self.profile)
        for widget in (self.pending, self.conflicts, self.connection, self.last_sync):
            self.addPermanentWidget(widget)
        self.connection.clicked.connect(self._state_clicked)
        self.conflicts.clicked.connect(self.sig_conflicts_requested)
        context.bus.sig_changed.connect(lambda _changes: self.refresh())
        runner.sig_state.connect(self.show_state)
        runner.sig_status.connect(self.show_status)
        self.show_state(runner.state, runner.message)

    def refresh(self) -> None:
        """Re-count the changes waiting to sync."""
        store = self._context.store
        if store.locked:
            return

        def count() -> int:
            with store.read() as session:
                return pending_count(session)

        self._latest.run(Operation(count).success(self._show_pending).failure(lambda _e: None))

    def show_state(self, state: str, message: str = "") -> None:
        """Show the runner's state; `message` (why it is offline or stopped) goes in the tooltip."""
        self._state = SyncState(state)
        texts = {
            SyncState.NOT_CONFIGURED: self.tr("Not connected to a server"),
            SyncState.SYNCING: self.tr("Syncing…"),
            SyncState.ONLINE: self.tr("Online"),
            SyncState.OFFLINE: self.tr("Offline"),
            SyncState.SIGNED_OUT: self.tr("Log in again"),
            SyncState.ERROR: self.tr("Sync stopped"),
        }
        self.connection.setText(texts[self._state])
        self.connection.setIcon(icon(STATE_ICONS.get(self._state, "offline")))
        if self._state in (SyncState.NOT_CONFIGURED, SyncState.SIGNED_OUT):
            action = self.tr("Click to connect to the sync server.")
        else:
            action = self.tr("Click to sync now (F5).")
        if self._state == SyncState.OFFLINE and not message:
            message = self.tr("Working offline: your changes are kept and sent later.")
        self.connection.setToolTip(f"{message}\n{action}" if message else action)

    def show_status(self, status: SyncStatus) -> None:
        """Show the last good sync, the changes waiting and the open conflicts."""
        self._show_pending(status.pending)
        if status.last_sync is None:
            self.last_sync.setText(self.tr("Never synced") if self._state != SyncState.NOT_CONFIGURED else "")
        else:
            self.last_sync.setText(self.tr("Last sync %1").replace("%1", _when(status.last_sync)))
            self.last_sync.setToolTip(local_datetime_text(status.last_sync))
        self.conflicts.setText(self.tr("%n sync conflict(s)", "", status.conflicts))
        self.conflicts.setVisible(status.conflicts > 0)

    def _show_pending(self, n: int) -> None:
        self.pending.setText(self.tr("%n change(s) waiting to be sent", "", n))

    def _state_clicked(self) -> None:
        if self._state in (SyncState.NOT_CONFIGURED, SyncState.SIGNED_OUT):
            self.sig_connect_requested.emit()
        else:
            self.sig_sync_requested.emit()


def _when(moment: datetime) -> str:
    """A time today as "14:05", an earlier one with its date."""
    shown = QDateTime.fromSecsSinceEpoch(int(as_utc(moment).timestamp()))
    if shown.date() == QDateTime.currentDateTime().date():
        return QLocale().toString(shown.time(), QLocale.FormatType.ShortFormat)
    return local_datetime_text(moment)
