"""File → Export weekly review: which week, whose figures, where to; then the export runs in the
background with a progress dialog and Cancel (see `ExportRun`)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QWidget,
)

from desktop.excel.customer_export import ExportCancelled
from desktop.excel.weekly_review import WeeklyReviewExport, default_file_name, export_weekly_review
from storage.services.review_week import ReviewWeek
from storage.store import Store
from ui.dialogs.export_run import ExportRun

WEEKS_OFFERED = 13  # this week and the twelve before: a quarter of reviews


class ExportWeeklyDialog(QDialog):
    """Asks for the week (last week by default), whose review (own, a manager, the branch) and
    the file. The workbook is always masked: it is circulated."""

    def __init__(
        self, managers: dict[str, str], own_id: str, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export weekly review"))
        self.week = QComboBox()
        for back in range(WEEKS_OFFERED):
            week = ReviewWeek.containing(today - timedelta(weeks=back))
            days = f"{week.monday:%m-%d} – {week.days[-1]:%m-%d}"
            text = (
                f"{week}  ({days})" if back else self.tr("%1  (this week, so far)").replace("%1", str(week))
            )
            self.week.addItem(text, week)
        self.week.setCurrentIndex(1)  # last week: what Monday's meeting reviews
        self.whose = QComboBox()
        self.whose.addItem(self.tr("My customers (%1)").replace("%1", managers.get(own_id, "")), [own_id])
        for manager_id, name in managers.items():
            if manager_id != own_id:
                self.whose.addItem(name, [manager_id])
        self.whose.addItem(self.tr("The whole branch (every manager)"), None)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._folder = Path(folder or Path.home())
        self.path = QLineEdit()
        self._follow_week = True  # the file name follows the week until the user picks a file
        self.week.currentIndexChanged.connect(self._week_changed)
        self._week_changed()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        note = QLabel(self.tr("Mobile and ID numbers are masked; the export is recorded in the audit trail."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Week:"), self.week)
        form.addRow(self.tr("Whose figures:"), self.whose)
        form.addRow(self.tr("File:"), row)
        form.addRow(note)
        form.addRow(buttons)
        self.setMinimumWidth(560)

    def chosen_week(self) -> ReviewWeek:
        return self.week.currentData()

    def chosen_managers(self) -> list[str] | None:
        """Manager ids, or None for the whole branch."""
        return self.whose.currentData()

    def _week_changed(self) -> None:
        if self._follow_week:
            self.path.setText(str(self._folder / default_file_name(self.chosen_week())))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export weekly review"), self.path.text(), self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            self._follow_week = False
            self.path.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")


class WeeklyExport(ExportRun):
    """One weekly review export; `sig_finished` carries the `WeeklyReviewExport` (or None)."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent, self.tr("Writing the weekly review…"), ExportCancelled.code)

    def start(self, store: Store, path: Path, week: ReviewWeek, managers: list[str] | None) -> None:
        """Run the export in the background."""

        def work(progress, cancelled) -> WeeklyReviewExport:
            return export_weekly_review(
                store, path, week=week, managers=managers, progress=progress, cancelled=cancelled
            )

        self.run(work, self._describe_result)

    def _describe_result(self, result: WeeklyReviewExport) -> str:
        return (
            self.tr("Weekly review %1 written to %2")
            .replace("%1", str(result.week))
            .replace("%2", str(result.path))
        )
