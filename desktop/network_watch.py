"""Tells when the system's network gets better (Qt's QNetworkInformation, where a backend exists).

Absent (a Qt without the network module, no backend plugin, as in a minimal bundle), it never
tells anything, and the sync runner's back-off alone finds the server again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class NetworkWatch(QObject):
    """Emits `sig_changed(better)` whenever the system's reachability changes."""

    sig_changed = Signal(bool)
    """The reachability changed; True when it got better (offline → local, site or online)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._level: int | None = None
        self.available = self._connect()

    def _connect(self) -> bool:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:
            return False
        info = QNetworkInformation.instance()
        if info is None and QNetworkInformation.loadDefaultBackend():
            info = QNetworkInformation.instance()
        if info is None:
            return False
        self._level = _level(info.reachability())
        info.reachabilityChanged.connect(self._changed)
        return True

    def _changed(self, reachability) -> None:
        level = _level(reachability)
        better = self._level is None or level > self._level
        self._level = level
        self.sig_changed.emit(better)


def _level(reachability) -> int:
    return int(getattr(reachability, "value", reachability))
