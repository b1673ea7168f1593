"""Sync → Sync conflicts: each edit that did not land as made — the field, the value kept and the
value not kept, when and on which device — with "Use mine" (enter the value again, as a new edit)
and "Keep" (the value that stands is right). ID numbers and mobiles are shown masked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.background import LatestOnly, Operation
from storage.changes import Changes
from storage.sync.conflicts import ConflictService, ConflictView
from ui.conflict_wording import field_text, kind_text, side_text, value_text
from ui.errors import message_for
from ui.widgets.row_table import set_up_row_table

CUSTOMER, FIELD, KEPT, LOST, KEPT_SIDE, LOST_SIDE, WHAT = range(7)


class ConflictsDialog(QDialog):
    """Lists the open conflicts and settles the selected one."""

    sig_settled = Signal(object)
    """A conflict was settled, with the `Changes` "use mine" made (empty for "keep")."""
    sig_loaded = Signal()
    """The list was (re)loaded (tests wait on it)."""

    def __init__(self, conflicts: ConflictService, device_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = conflicts
        self.device_id = device_id
        self.conflicts: list[ConflictView] = []
        self._latest = LatestOnly()
        self._busy = False
        self.setWindowTitle(self.tr("Sync conflicts"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "These edits did not land as made, because the same record was changed elsewhere too. "
                "“Use mine” enters the value not kept again, as a new edit; “Keep” accepts the value "
                "that stands."
            ),
            wordWrap=True,
        )
        layout.addWidget(intro)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Customer"),
                self.tr("Field"),
                self.tr("Value kept"),
                self.tr("Value not kept"),
                self.tr("Kept: when, where"),
                self.tr("Not kept: when, where"),
                self.tr("What happened"),
            ]
        )
        set_up_row_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("No open conflicts: every edit landed as made."))
        self.empty.hide()
        layout.addWidget(self.empty)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #D32F2F;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.use_mine_button = QPushButton(self.tr("&Use mine"))
        self.use_mine_button.setToolTip(self.tr("Enter the value not kept again, as a new edit"))
        self.keep_button = QPushButton(self.tr("&Keep"))
        self.keep_button.setToolTip(self.tr("The value that stands is right: close this conflict"))
        buttons.addButton(self.use_mine_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.use_mine_button.clicked.connect(self.use_mine)
        self.keep_button.clicked.connect(self.keep)
        layout.addWidget(buttons)
        self.resize(1100, 420)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        """Read the open conflicts again (in the background)."""
        self._latest.run(Operation(self.service.open_conflicts).success(self._show).failure(self._show_error))

    def selected(self) -> ConflictView | None:
        """The conflict on the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def use_mine(self) -> None:
        """Enter the selected conflict's lost value again."""
        conflict = self.selected()
        if conflict is not None and conflict.can_use_mine:
            self._settle(lambda: self.service.use_mine(conflict.id), _changes_of(conflict))

    def keep(self) -> None:
        """Accept the value that stands for the selected conflict."""
        conflict = self.selected()
        if conflict is not None:
            self._settle(lambda: self.service.keep(conflict.id), Changes())

    def _settle(self, work, changes: Changes) -> None:
        self._busy = True
        self._update_buttons()
        self.message.clear()

        def settled(_result) -> None:
            self._busy = False
            self.sig_settled.emit(changes)
            self.reload()

        def failed(error: BaseException) -> None:
            self._show_error(error)
            self.reload()  # settled elsewhere meanwhile, perhaps: show what is still open

        Operation(work).success(settled).failure(failed).run_in_background()

    def _show(self, conflicts: list[ConflictView]) -> None:
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for row, conflict in enumerate(conflicts):
            for column, text in enumerate(self._texts(conflict)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self.table.setVisible(bool(conflicts))
        self.empty.setVisible(not conflicts)
        if conflicts:
            self.table.selectRow(0)
        self._update_buttons()
        self.sig_loaded.emit()

    def _texts(self, conflict: ConflictView) -> list[str]:
        table, name = conflict.table, conflict.field
        customer = conflict.customer_name or self.tr("(no longer on this laptop)")
        kept = "" if conflict.kind != "conflict" else value_text(table, name, conflict.kept)
        return [
            customer,
            field_text(conflict),
            kept,
            value_text(table, name, conflict.lost),
            side_text(conflict.kept_at, conflict.kept_device, self.device_id),
            side_text(conflict.lost_at, conflict.lost_device, self.device_id),
            kind_text(conflict),
        ]

    def _show_error(self, error: BaseException) -> None:
        self._busy = False
        self.message.setText(message_for(error))
        self._update_buttons()

    def _update_buttons(self) -> None:
        conflict = self.selected()
        self.use_mine_button.setEnabled(not self._busy and conflict is not None and conflict.can_use_mine)
        self.keep_button.setEnabled(not self._busy and conflict is not None)


def _changes_of(conflict: ConflictView) -> Changes:
    """What "use mine" changes, for the panes showing it."""
    customers = frozenset({conflict.customer_id} if conflict.customer_id else ())
    row = frozenset({conflict.row_id})
    by_table = {"card": "cards", "tag": "tags", "call_log": "calls", "reminder": "reminders"}
    if conflict.table in by_table:
        return Changes(customers=customers, **{by_table[conflict.table]: row})
    return Changes(customers=customers | row if conflict.table == "customer" else customers)
