"""Locking after the manager has been idle: any keyboard or mouse input restarts the clock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.ShortcutOverride,
}


class IdleWatcher(QObject):
    """Emits `sig_idle` once after `minutes` without user input (0 turns it off)."""

    sig_idle = Signal()
    """The user has been idle for the configured time."""

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sig_idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """Change the idle time; restarts the countdown."""
        self._minutes = max(0, int(minutes))
        self.restart()

    def set_interval_ms(self, milliseconds: int) -> None:
        """An exact idle time in milliseconds (for tests and demos)."""
        self._minutes = 1
        self._timer.setInterval(milliseconds)
        self._timer.start()

    def restart(self) -> None:
        """Start counting the idle time from now."""
        if self._minutes == 0:
            self._timer.stop()
            return
        self._timer.start(self._minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # same interval, counted from now
        return False
