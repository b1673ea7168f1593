"""Sync → Connect to server: the server's address, the manager's user name and password, and the
bank's CA file when IT gives one. The login runs in the background; errors show in the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.sync_runner import SyncRunner
from storage.sync.account import SyncAccount
from ui.errors import message_for


class ConnectDialog(QDialog):
    """Logs the profile in to the sync server; accepted once the server said yes."""

    def __init__(
        self, runner: SyncRunner, account: SyncAccount | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(self.tr("Connect to the sync server"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Your customers stay on this computer and work offline; connected, your changes also "
                "reach the server and your other computers. The password is not stored."
            ),
            wordWrap=True,
        )
        layout.addWidget(intro)
        form = QFormLayout()
        self.server = QLineEdit(account.server if account else "")
        self.server.setPlaceholderText("https://crm.bank.example")
        form.addRow(self.tr("&Server address:"), self.server)
        self.username = QLineEdit(account.username if account else "")
        form.addRow(self.tr("&User name:"), self.username)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Password:"), self.password)
        self.ca_file = QLineEdit((account.ca_file or "") if account else "")
        self.ca_file.setPlaceholderText(self.tr("Optional: the bank's CA certificate (.pem)"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._choose_ca_file)
        row = QHBoxLayout()
        row.addWidget(self.ca_file, 1)
        row.addWidget(browse)
        form.addRow(self.tr("&CA file:"), row)
        layout.addLayout(form)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #D32F2F;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("C&onnect"))
        self.buttons.accepted.connect(self.connect_to_server)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        (self.password if account else self.server).setFocus()

    def connect_to_server(self) -> None:
        """Check the entries and log in off the GUI thread."""
        entries = [(self.server, self.tr("Please enter the server's address."))]
        entries += [(self.username, self.tr("Please enter your user name."))]
        entries += [(self.password, self.tr("Please enter your password."))]
        for field, prompt in entries:
            if not field.text().strip():
                self.message.setText(prompt)
                field.setFocus()
                return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Connecting…"))
        self.runner.login(
            self.server.text().strip(),
            self.username.text().strip(),
            self.password.text(),
            self.ca_file.text().strip() or None,
            self._finished,
        )

    def _finished(self, error: BaseException | None) -> None:
        if not isValid(self) or not self.isVisible():
            return  # closed meanwhile: a login that worked still starts syncing
        if error is None:
            self.accept()
            return
        self.buttons.setEnabled(True)
        self.message.setStyleSheet("color: #D32F2F;")
        self.message.setText(message_for(error))
        self.password.selectAll()
        self.password.setFocus()

    def _choose_ca_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The bank's CA certificate"),
            self.ca_file.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_file.setText(path)
