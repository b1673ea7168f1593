"""The selected customer's call log (通话/拜访记录): newest first, paged, with the selected call in full."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.background import LatestOnly, Operation
from desktop.change_bus import ChangeBus
from storage.changes import Changes
from storage.services.calls import CallService
from ui.errors import message_for
from ui.formatting import local_datetime_text
from ui.icons import icon
from ui.models.call_log_model import COLUMN_COUNT, SUMMARY, CallLogModel, CallRow, read_page
from ui.widgets.field_errors import show_error_text
from ui.widgets.row_table import set_up_row_table

LOG_CALL_KEYS = QKeySequence("Ctrl+L")
"""The main window's global "Log a call" shortcut, named in the button's tooltip (bound there, not here)."""

# Column width samples (header text may be wider; the larger wins). Sized from samples, never from
# resizeColumnsToContents(), which reads a thousand rows (FINDINGS, Qt traps).
_SAMPLES = ("2025/12/31 23:59", "WeChat", "Outbound", "Activation follow-up", "Complaint raised",
            "★★★★★ 5", "125:00", "", "")  # fmt: skip


class CallLogPane(QWidget):
    """Whose calls these are, the calls newest first (paging in as you scroll), the selected call in
    full, and a button that asks for the log-a-call dialog."""

    sig_log_call_requested = Signal(str, str)
    """Log a call: carries the customer id and the id of the reminder it answers ("" for none)."""

    def __init__(self, call_service: CallService, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calls = call_service
        self._latest = LatestOnly()
        self._customer_name = ""
        self.model = CallLogModel(call_service, self)
        self.model.sig_fetch_failed.connect(self._show_error)
        self._build()
        bus.sig_changed.connect(self._on_bus_changed)
        self.clear()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(wordWrap=True)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a customer's name is never markup
        keys = LOG_CALL_KEYS.toString(QKeySequence.SequenceFormat.NativeText)
        self.log_call_button = QPushButton(icon("call"), self.tr("&Log a call…"))
        self.log_call_button.setToolTip(self.tr("Log a call with this customer (%1)").replace("%1", keys))
        self.log_call_button.clicked.connect(self.request_log_call)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.log_call_button)
        self.state_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message = QLabel(wordWrap=True)
        self.message.hide()
        self.detail = QPlainTextEdit(readOnly=True)
        self.detail.setAccessibleName(self.tr("Selected call"))
        self.detail.setPlaceholderText(self.tr("Select a call to read its full summary and next step."))
        self.detail.setTabChangesFocus(True)
        self.detail.setMaximumHeight(self.detail.fontMetrics().lineSpacing() * 7)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.state_label)
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(self.detail)

    def _build_table(self) -> QTableView:
        table = self.table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Calls"))
        set_up_row_table(table)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        columns = table.horizontalHeader()
        columns.setStretchLastSection(True)
        metrics = table.fontMetrics()
        for column in range(COLUMN_COUNT):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            sample = max(_SAMPLES[column], header, key=metrics.horizontalAdvance)
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        table.setColumnWidth(SUMMARY, metrics.horizontalAdvance("M" * 24))
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        return table

    # --- what is shown --------------------------------------------------------------------------

    @property
    def customer_id(self) -> str:
        """The customer whose calls are shown ('' for none)."""
        return self.model.customer_id

    def show_customer(self, customer_id: str, customer_name: str) -> None:
        """Show this customer's calls, newest first ("" shows the empty state)."""
        self._customer_name = customer_name if customer_id else ""
        self.message.hide()
        if not customer_id:
            self.clear()
            return
        if customer_id != self.model.customer_id:
            self.model.clear()  # never show the previous customer's calls under the new name
        self.title.setText(self.tr("Calls with %1").replace("%1", customer_name))
        self.log_call_button.setEnabled(True)
        self._load(customer_id)

    def reload(self) -> None:
        """Re-read the shown customer's calls from the newest one."""
        if self.model.customer_id:
            self._load(self.model.customer_id)

    def clear(self) -> None:
        """Show nobody's calls (no customer selected, or the app locks)."""
        self._latest.cancel()
        self._customer_name = ""
        self.model.clear()
        self.title.setText(self.tr("Call log"))
        self.log_call_button.setEnabled(False)
        self.message.hide()
        self._update_state(self.tr("Select a customer to see their calls."))
        self._show_detail(None)

    def selected_call(self) -> CallRow | None:
        """The call on the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.call_at(rows[0].row()) if rows else None

    def request_log_call(self) -> None:
        """Ask for the log-a-call dialog for the shown customer (the main window opens it)."""
        if self.model.customer_id:
            self.sig_log_call_requested.emit(self.model.customer_id, "")

    # --- loading --------------------------------------------------------------------------------

    def _load(self, customer_id: str) -> None:
        calls = self._calls
        operation = Operation(lambda: read_page(calls, customer_id))
        operation.success(lambda page: self._show_page(customer_id, page))
        self._latest.run(operation.failure(self._show_error))

    def _show_page(self, customer_id: str, page: list[CallRow]) -> None:
        selected = self.selected_call()
        self.model.set_calls(customer_id, page)
        empty = self.tr("No calls logged with %1 yet.").replace("%1", self._customer_name)
        self._update_state(empty if not page else "")
        row = self.model.row_of(selected.id) if selected is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show_detail(None)

    def _show_error(self, error: BaseException) -> None:
        show_error_text(self.message, message_for(error))

    def _update_state(self, text: str) -> None:
        self.state_label.setText(text)
        self.state_label.setVisible(bool(text))
        self.table.setVisible(not text)

    def _on_bus_changed(self, changes: Changes) -> None:
        shown = self.model.customer_id
        if not shown:
            return
        # Every write of a call names its customer (CallService.log_call does); a change to a call
        # already on screen (e.g. a sync edit) is caught by its id.
        if shown in changes.customers or not changes.calls.isdisjoint(self.model.call_ids()):
            self.reload()

    # --- the selected call ----------------------------------------------------------------------

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.selected_call())

    def _show_detail(self, call: CallRow | None) -> None:
        if call is None:
            self.detail.clear()
            return
        parts = [self.tr("Summary (%1):").replace("%1", local_datetime_text(call.occurred_at))]
        parts.append((call.summary or "").strip() or self.tr("(no summary)"))
        step = self.model.next_step_text(call)
        if step:
            parts += ["", self.tr("Next step:"), step]
        self.detail.setPlainText("\n".join(parts))
