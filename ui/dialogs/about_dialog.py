"""Help → About: what this is, and the versions of the parts that matter for support."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__
from storage.database import cipher_version
from storage.store import Store


def about_text(store: Store) -> str:
    """The About box's text (versions of the app, Qt, PySide6 and SQLCipher)."""
    t = QCoreApplication.translate
    lines = [
        t("About", "BranchDesk %1 — the relationship manager's desk.").replace("%1", __version__),
        t("About", "Works offline; customer data are encrypted on this computer."),
        "",
        f"Qt {qVersion()} · PySide6 {PySide6.__version__}",
        f"SQLCipher {cipher_version(store.engine)}",
    ]
    return "\n".join(lines)


def show_about(parent: QWidget, store: Store) -> None:
    """Show the About box."""
    QMessageBox.about(parent, QCoreApplication.translate("About", "About BranchDesk"), about_text(store))
