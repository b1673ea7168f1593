"""The in-window banner: where reminders show when the desktop has no notification service."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ui.icons import icon


class NoticeBanner(QFrame):
    """A strip across the top of the window with the notice and the same actions as a notification."""

    sig_action = Signal(str, str)
    """(action, key): "open", "snooze" or "done" chosen for the notice with that key."""
    sig_shown = Signal(bool)
    """The banner appeared (True) or went away (False): its container follows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#noticeBanner { background: #fff4d6; border: 1px solid #e0b64a; }")
        self._key = ""
        self.icon = QLabel()
        self.icon.setPixmap(icon("reminder").pixmap(20, 20))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(self.tr("Open"))
        self.snooze_button = QPushButton(self.tr("Snooze 1 h"))
        self.done_button = QPushButton(self.tr("Done"))
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("cancel"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        for button in (self.open_button, self.snooze_button, self.done_button, self.close_button):
            layout.addWidget(button)
        self.open_button.clicked.connect(lambda: self._chosen("open"))
        self.snooze_button.clicked.connect(lambda: self._chosen("snooze"))
        self.done_button.clicked.connect(lambda: self._chosen("done"))
        self.close_button.clicked.connect(self.dismiss)

    @property
    def key(self) -> str:
        """The key of the notice shown ("" for a plain message)."""
        return self._key

    def show_notice(self, key: str, title: str, body: str, with_reminder_actions: bool) -> None:
        """Show a notice with Open (and Snooze 1 h / Done for a single reminder)."""
        self._key = key
        self.text.setText(f"{title}\n{body}" if body else title)
        self.open_button.setVisible(True)
        self.snooze_button.setVisible(with_reminder_actions)
        self.done_button.setVisible(with_reminder_actions)
        self.sig_shown.emit(True)

    def show_message(self, message: str) -> None:
        """Show a plain message (no actions)."""
        self._key = ""
        self.text.setText(message)
        for button in (self.open_button, self.snooze_button, self.done_button):
            button.setVisible(False)
        self.sig_shown.emit(True)

    def withdraw(self, key: str) -> None:
        """Take the banner away if it shows the notice with `key`."""
        if key and key == self._key:
            self._key = ""
            self.dismiss()

    def dismiss(self) -> None:
        """Take the banner away."""
        self.sig_shown.emit(False)

    def _chosen(self, action: str) -> None:
        key = self._key
        self.dismiss()
        self.sig_action.emit(action, key)
