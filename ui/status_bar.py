"""The status bar: which profile is open, changes waiting to sync, and the connection state."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.app_context import AppContext
from desktop.background import LatestOnly, Operation
from storage.outbox import pending_count
from ui.icons import icon


class MainStatusBar(QStatusBar):
    """Shows the profile, the number of changes waiting for the server and the sync state."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._latest = LatestOnly()
        name = context.store.actor.name
        if context.is_demo:
            name = self.tr("%1 (demo profile)").replace("%1", name)
        self.profile = QLabel(self.tr("Profile: %1").replace("%1", name))
        self.profile.setToolTip(str(context.folder))
        self.pending = QLabel()
        self.connection_icon = QLabel()
        self.connection_icon.setPixmap(icon("offline").pixmap(16, 16))
        self.connection = QLabel(self.tr("Offline — sync not set up"))
        self.addWidget(self.profile)
        self.addPermanentWidget(self.pending)
        self.addPermanentWidget(self.connection_icon)
        self.addPermanentWidget(self.connection)
        context.bus.sig_changed.connect(lambda _changes: self.refresh())

    def refresh(self) -> None:
        """Re-count the changes waiting to sync."""
        store = self._context.store
        if store.locked:
            return

        def count() -> int:
            with store.read() as session:
                return pending_count(session)

        self._latest.run(Operation(count).success(self._show_pending).failure(lambda _e: None))

    def _show_pending(self, n: int) -> None:
        self.pending.setText(self.tr("%n change(s) waiting to sync", "", n))
