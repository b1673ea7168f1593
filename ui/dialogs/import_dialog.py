"""File → Import head-office list: a preview where the columns are mapped and every row checked
before anything is written; then the import runs in the background with progress and Cancel.

Checking is the dry run (`plan_import` reads only). The plan is made again whenever the mapping
changes, so what "Import" writes is always what the preview showed. Rejected rows can be saved
as a report (masked) to send back to head office.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.background import LatestOnly, Operation
from desktop.excel.customer_import import ImportCancelled, ImportResult, apply_import, plan_import
from desktop.excel.import_headers import IMPORT_FIELDS, column_name, guess_mapping
from desktop.excel.import_plan import ImportPlan
from desktop.excel.import_report import write_report
from desktop.excel.import_source import ImportSource
from storage.errors import BranchDeskError
from storage.masking import mask_in_text
from storage.messages import label
from storage.store import Store
from ui.dialogs.export_run import ExportRun
from ui.errors import show_error

SAMPLES = 3  # example values shown per column
PROBLEMS_SHOWN = 500  # the report holds them all


class ImportDialog(QDialog):
    """The preview of one head-office file; emits `sig_imported(ImportResult)` after an import."""

    sig_imported = Signal(object)

    def __init__(self, store: Store, source: ImportSource, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.store, self.source, self.window = store, source, parent
        self.plan: ImportPlan | None = None
        self._latest = LatestOnly()
        self.setWindowTitle(self.tr("Import head-office list"))
        self.resize(900, 640)
        details = [source.name, self.tr("%1 rows").replace("%1", f"{len(source):,}")]
        if source.sheet:
            details.insert(1, self.tr("sheet %1").replace("%1", source.sheet))
        if source.encoding:
            details.append(source.encoding)
        about = QLabel(" · ".join(details))
        hint = QLabel(
            self.tr(
                "Check what each column holds. Columns set to “Not imported” are left out. "
                "Rows whose ID number (else mobile) is already in your book update that customer."
            )
        )
        hint.setWordWrap(True)
        self.columns = self._columns_table()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().hide()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.columns)
        split.addWidget(self.problems)
        split.setSizes([380, 160])  # the columns first: that is what the user works on
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_report = QPushButton(self.tr("Save report…"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        buttons.addButton(self.save_report, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)
        self.save_report.clicked.connect(self._save_report)
        layout = QVBoxLayout(self)
        for widget in (about, hint):
            layout.addWidget(widget)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._recheck = QTimer(self, singleShot=True, interval=300)
        self._recheck.timeout.connect(self.check)
        self.check()

    def done(self, result: int) -> None:
        self._latest.cancel()  # a check still running reports to nobody
        super().done(result)

    # Mapping ---------------------------------------------------------------------------------

    def _columns_table(self) -> QTableWidget:
        source = self.source
        table = QTableWidget(len(source.headers), 3)
        titles = [self.tr("Column in the file"), self.tr("Examples"), self.tr("Import as")]
        table.setHorizontalHeaderLabels(titles)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        guessed = guess_mapping(source.headers)
        self.choosers: list[QComboBox] = []
        for index in range(len(source.headers)):
            table.setItem(index, 0, QTableWidgetItem(column_name(source.headers, index)))
            table.setItem(index, 1, QTableWidgetItem("、".join(self._samples(index))))
            chooser = QComboBox()
            chooser.addItem(self.tr("Not imported"), None)
            for field in IMPORT_FIELDS:
                chooser.addItem(label(field), field)
            chooser.setCurrentIndex(max(0, chooser.findData(guessed.get(index))))
            chooser.currentIndexChanged.connect(lambda _index: self._mapping_changed())
            table.setCellWidget(index, 2, chooser)
            self.choosers.append(chooser)
        table.resizeColumnToContents(0)
        table.setColumnWidth(2, 160)
        return table

    def _samples(self, index: int) -> list[str]:
        found = []
        for row in self.source.rows:
            value = row[index] if index < len(row) else None
            if value:
                # Masked like everywhere on screen: the preview is no reason to show whole numbers.
                found.append(mask_in_text(value[:20]))
                if len(found) == SAMPLES:
                    break
        return found

    def mapping(self) -> dict[int, str]:
        """Column index → import field, as chosen now."""
        return {i: c.currentData() for i, c in enumerate(self.choosers) if c.currentData()}

    def _mapping_changed(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.save_report.setEnabled(False)
        self.summary.setText(self.tr("Checking every row…"))
        self._recheck.start()  # once the user has stopped changing columns

    # Checking (the dry run) --------------------------------------------------------------------

    def check(self) -> None:
        """Plan the import under the current mapping, in the background; nothing is written."""
        self.plan = None
        self.import_button.setEnabled(False)
        self.save_report.setEnabled(False)
        self.summary.setText(self.tr("Checking every row…"))
        store, source, mapping = self.store, self.source, self.mapping()
        operation = Operation(lambda: plan_import(store, source, mapping))
        self._latest.run(operation.success(self._checked).failure(self._check_failed))

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.summary.setText(
            self.tr("Ready: %1 new customers, %2 updated, %3 unchanged, %4 rows rejected.")
            .replace("%1", f"{plan.created:,}")
            .replace("%2", f"{plan.updated:,}")
            .replace("%3", f"{plan.unchanged:,}")
            .replace("%4", f"{plan.rejected:,}")
        )
        self._show_problems(plan)
        self.import_button.setEnabled(plan.created + plan.updated > 0)
        self.save_report.setEnabled(True)

    def _check_failed(self, error: BaseException) -> None:
        self.problems.setRowCount(0)
        if isinstance(error, BranchDeskError):
            # A mapping that cannot work (no name / ID / mobile column, a field twice): said here.
            self.summary.setText(error.message())
        else:
            self.summary.setText("")
            show_error(self, error)

    def _show_problems(self, plan: ImportPlan) -> None:
        shown = plan.problems[:PROBLEMS_SHOWN]
        self.problems.setRowCount(len(shown))
        for row, problem in enumerate(shown):
            for column, text in enumerate((str(problem.row), problem.column or "", problem.reason())):
                self.problems.setItem(row, column, QTableWidgetItem(text))
        self.problems.resizeColumnToContents(0)

    def _save_report(self) -> None:
        if self.plan is None:
            return
        suggested = str(Path(self.source.name).with_suffix("").name) + "-report.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            try:
                write_report(Path(chosen), self.plan)
            except BranchDeskError as exc:  # a folder that cannot be written, a full disk
                show_error(self, exc)

    # Importing -------------------------------------------------------------------------------

    def start_import(self) -> None:
        """Write the checked plan in one transaction, in the background (Cancel undoes it all)."""
        if self.plan is None:
            return
        plan, store = self.plan, self.store
        self.import_button.setEnabled(False)
        run = ImportRun(self.window)
        run.sig_finished.connect(self._imported)
        run.start(store, plan)
        self._run = run

    def _imported(self, result: ImportResult | None) -> None:
        if result is None:  # cancelled or failed: nothing was written, the preview stays
            self.import_button.setEnabled(self.plan is not None)
            return
        self.sig_imported.emit(result)
        self.accept()


class ImportRun(ExportRun):
    """One import with a progress dialog; `sig_finished` carries the `ImportResult` (or None)."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent, self.tr("Importing customers…"), ImportCancelled.code)

    def start(self, store: Store, plan: ImportPlan) -> None:
        """Run the import in the background."""

        def work(progress, cancelled) -> ImportResult:
            return apply_import(store, plan, progress=progress, cancelled=cancelled)

        self.run(work, self._describe_result)

    def _describe_result(self, result: ImportResult) -> str:
        return (
            self.tr("Imported: %1 created, %2 updated, %3 rejected")
            .replace("%1", f"{result.created:,}")
            .replace("%2", f"{result.updated:,}")
            .replace("%3", f"{result.rejected:,}")
        )


def choose_file(parent: QWidget) -> Path | None:
    """Ask for a head-office file (.xlsx or .csv)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ImportDialog", "Import head-office list"),
        "",
        QCoreApplication.translate("ImportDialog", "Customer lists (*.xlsx *.csv *.txt);;All files (*)"),
    )
    return Path(chosen) if chosen else None
