"""Turning any failure into a clear, translated message for the manager."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from storage.errors import BranchDeskError
from storage.messages import current_language


def message_for(error: BaseException) -> str:
    """What to tell the user about `error` (never a traceback)."""
    if isinstance(error, BranchDeskError):
        return error.message(current_language())
    return QCoreApplication.translate(
        "Errors", "Something went wrong and nothing was saved. Please try again. (%1)"
    ).replace("%1", type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A modal message box with the translated message."""
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "BranchDesk"), message_for(error))
