"""First run: create the manager's encrypted profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Operation
from storage import keystore
from storage.profile import create_profile
from storage.store import Store
from ui.errors import message_for


class FirstRunDialog(QDialog):
    """Asks for the manager's name and, without a system keyring, a passphrase; creates the profile.

    After `exec()` returns Accepted, `store` is the open profile.
    """

    def __init__(
        self, folder: Path, *, use_keyring: bool | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.use_keyring = keystore.keyring_usable() if use_keyring is None else use_keyring
        self.store: Store | None = None
        self.setWindowTitle(self.tr("Welcome to BranchDesk"))
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = self.tr("BranchDesk keeps your customers in an encrypted database on this computer.")
        if self.use_keyring:
            intro += " " + self.tr("Its key is kept in the system keyring.")
        else:
            intro += " " + self.tr(
                "Choose a passphrase of at least 8 characters; it is needed to open BranchDesk. "
                "If it is lost, the data on this computer cannot be recovered."
            )
        text = QLabel(intro, wordWrap=True)
        layout.addWidget(text)
        form = QFormLayout()
        self.name = QLineEdit()
        form.addRow(self.tr("Your &name:"), self.name)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        if not self.use_keyring:
            form.addRow(self.tr("&Passphrase:"), self.passphrase)
            form.addRow(self.tr("&Repeat passphrase:"), self.repeat)
        layout.addLayout(form)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #D32F2F;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create profile"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def create(self) -> None:
        """Validate the entries and create the profile off the GUI thread."""
        name = self.name.text().strip()
        if not name:
            self.message.setText(self.tr("Please enter your name."))
            self.name.setFocus()
            return
        passphrase = None
        if not self.use_keyring:
            passphrase = self.passphrase.text()
            if passphrase != self.repeat.text():
                self.message.setText(self.tr("The passphrases differ."))
                self.repeat.setFocus()
                return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Creating the encrypted profile…"))
        folder, use_keyring = self.folder, self.use_keyring
        Operation(
            lambda: create_profile(folder, passphrase=passphrase, manager_name=name, use_keyring=use_keyring)
        ).success(self._created).failure(self._failed).run_in_background()

    def _created(self, store: Store) -> None:
        self.store = store
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(message_for(error))
