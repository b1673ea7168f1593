"""File → Export customer list: where to, masked or not, then a progress bar with Cancel.

The export runs off the GUI thread (the window stays responsive, see `ExportRun`); Cancel stops
it between two pages and leaves no file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QWidget,
)

from desktop.excel.customer_export import CustomerExport, ExportCancelled, default_file_name, export_customers
from storage.services.customer_query import CustomerFilter, CustomerSort
from storage.store import Store
from ui.dialogs.export_run import ExportRun


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


class ListExport(ExportRun):
    """One export of the customer list, with a progress dialog; emits `sig_finished` at the end
    with the `CustomerExport` written, or None when cancelled or failed."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent, self.tr("Exporting the customer list…"), ExportCancelled.code)

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

        def work(progress, cancelled) -> CustomerExport:
            return export_customers(
                store,
                path,
                customer_filter=customer_filter,
                sort=sort,
                descending=descending,
                unmasked=unmasked,
                progress=progress,
                cancelled=cancelled,
            )

        self.run(work, self._describe_result)

    def _describe_result(self, result: CustomerExport) -> str:
        return (
            self.tr("Exported %1 customers to %2")
            .replace("%1", f"{result.rows:,}")
            .replace("%2", str(result.path))
        )
