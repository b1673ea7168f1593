"""File → Export customer list: where to, masked or not, then a progress bar with Cancel.

The export runs off the GUI thread (the window stays responsive); its progress crosses back as a
queued signal, and Cancel sets a flag the export checks between pages.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from desktop.background import Operation
from desktop.excel.customer_export import CustomerExport, ExportCancelled, default_file_name, export_customers
from storage.services.customer_query import CustomerFilter, CustomerSort
from storage.store import Store
from ui.errors import show_error


class ExportListDialog(QDialog):
    """Asks where to write the list and whether to include full mobiles and ID numbers."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export customer list"))
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.path = QLineEdit(str(Path(folder or Path.home()) / default_file_name()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.unmasked = QCheckBox(self.tr("Include full mobile and ID numbers (recorded in the audit trail)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Export %1 customers").replace("%1", f"{count:,}")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.unmasked)
        form.addRow(buttons)
        self.setMinimumWidth(560)  # room for a whole path

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export customer list"), self.path.text(), self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")


class _Progress(QObject):
    """Lives in the GUI thread: the export's progress calls, queued across from the worker."""

    advanced = Signal(int, int)


class ListExport(QObject):
    """One export of the customer list, with a progress dialog; emits `sig_finished` at the end."""

    sig_finished = Signal(object)
    """The `CustomerExport` written, or None when cancelled or failed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self.dialog = QProgressDialog(
            self.tr("Exporting the customer list…"), self.tr("Cancel"), 0, 100, parent
        )
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self._cancel.set)
        self._progress.advanced.connect(self._advanced)

    def start(
        self,
        store: Store,
        path: Path,
        customer_filter: CustomerFilter,
        sort: CustomerSort,
        descending: bool,
        unmasked: bool,
    ) -> None:
        """Run the export in the background."""
        advanced, cancelled = self._progress.advanced, self._cancel.is_set

        def work() -> CustomerExport:
            return export_customers(
                store,
                path,
                customer_filter=customer_filter,
                sort=sort,
                descending=descending,
                unmasked=unmasked,
                progress=lambda done, total: advanced.emit(done, total),
                cancelled=cancelled,
            )

        Operation(work).success(self._done).failure(self._failed).run_in_background()

    def cancel(self) -> None:
        """Stop between two pages (what the dialog's Cancel does)."""
        self._cancel.set()

    def _advanced(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)

    def _done(self, result: CustomerExport) -> None:
        self.dialog.reset()
        self.window.statusBar().showMessage(
            self.tr("Exported %1 customers to %2")
            .replace("%1", f"{result.rows:,}")
            .replace("%2", str(result.path)),
            10_000,
        )
        self.sig_finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.dialog.reset()
        if isinstance(error, ExportCancelled):
            self.window.statusBar().showMessage(error.message(), 10_000)
        else:
            show_error(self.window, error)
        self.sig_finished.emit(None)
