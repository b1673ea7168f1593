"""Broadcasts what each write changed, once, so every pane can decide whether to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from storage.changes import Changes


class ChangeBus(QObject):
    """The app-wide channel for `Changes` records (Anki's OpChanges, broadcast once)."""

    sig_changed = Signal(object)
    """Emitted with a `storage.changes.Changes` after a write committed."""

    def publish(self, changes: Changes) -> None:
        """Tell every listener about a committed write (nothing when it changed nothing)."""
        if changes:
            self.sig_changed.emit(changes)
