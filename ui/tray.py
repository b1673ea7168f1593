"""The system-tray icon: the number of overdue reminders, and the way back to a hidden window."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ui.icons import icon

ICON_SIZE = 64


def badged_icon(count: int) -> QIcon:
    """The app icon with a red badge showing `count` (no badge at 0; "99+" above 99)."""
    pixmap = icon("app").pixmap(ICON_SIZE, ICON_SIZE)
    if count <= 0:
        return QIcon(pixmap)
    text = str(count) if count <= 99 else "99+"
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    badge = QRect(ICON_SIZE // 3, 0, ICON_SIZE * 2 // 3, ICON_SIZE // 2)
    painter.setBrush(QColor("#d93025"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(ICON_SIZE // 3 if len(text) < 3 else ICON_SIZE // 4)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class TrayIcon(QSystemTrayIcon):
    """Shows the overdue count; a click brings the window back; its menu can quit the app."""

    sig_show_requested = Signal()
    sig_quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(badged_icon(0), parent)
        self.overdue = 0
        menu = QMenu(parent)
        self.show_action = QAction(icon("app"), self.tr("Show BranchDesk"), menu)
        self.quit_action = QAction(self.tr("Quit"), menu)
        self.show_action.triggered.connect(self.sig_show_requested)
        self.quit_action.triggered.connect(self.sig_quit_requested)
        menu.addAction(self.show_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.setContextMenu(menu)
        self._menu = menu
        self.activated.connect(self._on_activated)
        self.set_overdue(0)

    def set_overdue(self, count: int) -> None:
        """Show how many reminders are overdue."""
        self.overdue = count
        self.setIcon(badged_icon(count))
        if count:
            self.setToolTip(self.tr("BranchDesk — %1 overdue").replace("%1", str(count)))
        else:
            self.setToolTip(self.tr("BranchDesk — nothing overdue"))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.sig_show_requested.emit()
