"""The lock screen: shown instead of the window's contents until the manager unlocks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.background import Operation
from desktop.unlock_throttle import UnlockThrottle
from storage.errors import WrongKeyError, WrongPassphraseError
from ui.errors import message_for
from ui.icons import icon


class LockScreen(QWidget):
    """Asks for the passphrase (or just a click, when the key is in the OS keyring) and runs
    `attempt(passphrase)` off the GUI thread; emits `sig_unlocked(result)` when it succeeds."""

    sig_unlocked = Signal(object)
    """The attempt succeeded; carries what `attempt` returned."""

    def __init__(
        self,
        attempt: Callable[[str | None], Any],
        *,
        needs_passphrase: bool,
        throttle: UnlockThrottle | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.needs_passphrase = needs_passphrase
        self.throttle = throttle or UnlockThrottle()
        self._countdown = QTimer(self, interval=500, timeout=self._update_wait)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        picture.setPixmap(icon("lock").pixmap(64, 64))
        self.title = QLabel(self.tr("BranchDesk is locked"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 18pt;")
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setVisible(self.needs_passphrase)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(icon("lock"), self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setStyleSheet("color: #D32F2F;")
        for widget in (picture, self.title, self.passphrase, self.unlock_button, self.message):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.passphrase.setMinimumWidth(280)
        layout.addStretch(2)

    def focus_input(self) -> None:
        """Put the cursor where the manager types."""
        (self.passphrase if self.needs_passphrase else self.unlock_button).setFocus()

    def try_unlock(self) -> None:
        """Check the passphrase (or the keyring) in the background."""
        if self.throttle.wait_seconds() > 0 or not self.unlock_button.isEnabled():
            return
        secret = self.passphrase.text() if self.needs_passphrase else None
        self.passphrase.clear()
        self._busy(True)
        self.message.setText(self.tr("Checking…"))
        Operation(lambda: self._attempt(secret)).success(self._succeeded).failure(
            self._failed
        ).run_in_background()

    def _succeeded(self, result: Any) -> None:
        self.throttle.record_success()
        self.message.clear()
        self._busy(False)
        self.sig_unlocked.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, WrongPassphraseError | WrongKeyError):
            self.throttle.record_failure()
        self.message.setText(message_for(error))
        self._update_wait()
        self.focus_input()

    def _busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)

    def _update_wait(self) -> None:
        wait = self.throttle.wait_seconds()
        if wait <= 0:
            self._countdown.stop()
            self._busy(False)
            return
        self._busy(True)
        self._countdown.start()
        self.title.setToolTip("")
        self.message.setText(
            self.tr("Too many wrong passphrases. Try again in %1 s.").replace("%1", str(int(wait + 0.999)))
        )
