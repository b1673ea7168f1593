"""The customer list: search as you type, filter chips, SQL sorting, over 100,000 lazily read rows.

Every query (search, filters, sort, refresh after a change) runs off the GUI thread through one
`LatestOnly` slot, so a newer query always supersedes an older one and a stale list never lands.
The model holds only the resulting seqs and reads rows a page at a time as they are painted.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QLocale, QPoint, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as opts
from desktop.background import LatestOnly, Operation
from desktop.change_bus import ChangeBus
from desktop.settings import Settings
from storage.changes import Changes
from storage.services.customer_query import CustomerFilter, CustomerSort, count_customers, customer_seqs
from storage.services.tags import TagService
from storage.store import Store
from ui.errors import message_for
from ui.icons import icon
from ui.models.customer_list_model import (
    COLUMN_COUNT,
    NAME,
    NEXT_REVISIT,
    SORT_OF_COLUMN,
    CustomerListModel,
)
from ui.panes.filter_bar import CustomerFilterBar
from ui.widgets.row_table import set_up_row_table

SEARCH_DELAY_MS = 150
"""Typing pauses this long before the search runs (each keystroke restarts the wait)."""
HEADER_SAVE_DELAY_MS = 300
"""Column resizes are saved once the mouse has rested this long."""
MAX_INITIAL_WIDTH = 320
"""No column starts wider than this (pixels), however long its first page's texts."""

_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


@dataclass(frozen=True)
class ListResult:
    """One query's answer: the ordered seqs, how many matched, how many live customers exist."""

    seqs: array
    filtered_count: int
    total_count: int


def read_list(store: Store, f: CustomerFilter, sort: CustomerSort, descending: bool) -> ListResult:
    """Run the list query and the total count in one read (runs in the background)."""
    with store.read() as session:
        seqs = customer_seqs(session, f, sort, descending)
        total = len(seqs) if f == CustomerFilter() else count_customers(session)
    return ListResult(seqs, len(seqs), total)


class CustomerListPane(QWidget):
    """Search box, filter chips, a count and the sortable customer table."""

    sig_customer_selected = Signal(str)
    """The user selected a customer in the list: their id ("" when the selection was emptied)."""

    def __init__(self, store: Store, tag_service: TagService, bus: ChangeBus, settings: Settings) -> None:
        super().__init__()
        self._store, self._tags, self._settings = store, tag_service, settings
        self._latest, self._latest_tags = LatestOnly(), LatestOnly()
        self._active = True
        self._current_id, self._current_seq = "", None
        self._restoring = False
        self._header_restored = False
        self._sized = False
        self.result = ListResult(array("q"), 0, 0)
        """The last query's answer that landed."""
        self.model = CustomerListModel(store, self)
        self._build()
        self._build_table()
        self._restore_header()
        self.model.sig_sort_changed.connect(self.reload)
        self.filters.sig_changed.connect(self.reload)
        bus.sig_changed.connect(self._on_bus_changed)
        self.reload()
        self._load_tags()

    # Building -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search by name, pinyin initials, phone or ID tail"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setAccessibleName(self.tr("Search customers"))
        self.search_box.textChanged.connect(self._search_later)
        self.search_box.returnPressed.connect(self.reload)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.reload)
        search_label = QLabel(self.tr("&Quick search:"))
        search_label.setBuddy(self.search_box)
        self.filters = CustomerFilterBar(self)
        self.addActions([*self.filters.flag_actions, self.filters.clear_action])  # keys work pane-wide
        self.count_label = QLabel()
        self.message = QLabel(wordWrap=True)
        self.message.hide()
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        self.search_box.setMinimumWidth(self.search_box.fontMetrics().horizontalAdvance("M" * 16))
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.filters.menu_toolbar)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        self.table = QTableView()
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setFocusProxy(self.search_box)

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Customers"))
        set_up_row_table(table)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        self.header_timer = QTimer(self, singleShot=True, interval=HEADER_SAVE_DELAY_MS)
        self.header_timer.timeout.connect(self.save_header_state)
        self.column_actions = [self._column_action(column) for column in range(COLUMN_COUNT)]
        """One checkable show/hide action per column (the name column cannot be hidden)."""
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

    def _column_action(self, column: int) -> QAction:
        action = QAction(self.model.column_titles()[column], self, checkable=True, checked=True)
        action.setEnabled(column != NAME)
        action.toggled.connect(lambda shown, c=column: self.set_column_visible(c, shown))
        return action

    # Header state -------------------------------------------------------------------------------

    def _restore_header(self) -> None:
        header = self.table.horizontalHeader()
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        saved = self._settings.get(opts.CUSTOMER_LIST_HEADER)
        self._header_restored = not saved.isEmpty() and header.restoreState(saved)
        if header.sortIndicatorSection() not in SORT_OF_COLUMN:
            header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.model.set_sort(
            SORT_OF_COLUMN[header.sortIndicatorSection()],
            header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )
        for column, action in enumerate(self.column_actions):
            with QSignalBlocker(action):  # restoring is not a change to save
                action.setChecked(column == NAME or not header.isSectionHidden(column))
        self._sort_indicator = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.table.setSortingEnabled(True)  # the model sorts in SQL: see CustomerListModel.sort
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        header.sectionResized.connect(lambda *_: self._sized and self.header_timer.start())
        header.sectionMoved.connect(lambda *_: self.save_header_state())

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        if column not in SORT_OF_COLUMN:  # mobile and tags are not sortable: put the arrow back
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            return
        self._sort_indicator = (column, order)
        self.save_header_state()

    def save_header_state(self) -> None:
        """Remember column order, widths, visibility and sort in the settings."""
        self.header_timer.stop()
        self._settings.set(opts.CUSTOMER_LIST_HEADER, self.table.horizontalHeader().saveState())

    def set_column_visible(self, column: int, shown: bool) -> None:
        """Show or hide a column (the name column always stays) and remember it."""
        if column == NAME:
            return
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self.column_actions[column].setChecked(shown)
        self.save_header_state()

    def _show_column_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addSection(self.tr("Columns"))
        menu.addActions(self.column_actions)
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def _size_columns(self) -> None:
        """Initial widths from the header texts and the first page (never resizeColumnsToContents)."""
        if self._header_restored:
            self._sized = True
            return
        metrics, header = self.table.fontMetrics(), self.table.horizontalHeader()
        sample = range(min(self.model.rowCount(), 200))
        for column in range(COLUMN_COUNT - 1):  # the last one stretches
            texts = [self.model.data(self.model.index(row, column)) or "" for row in sample]
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0) + 36
            if column in (NAME, NEXT_REVISIT):  # room for the risk / overdue icon
                widest += self.table.iconSize().width() or 16
            title = metrics.horizontalAdvance(self.model.column_titles()[column]) + 36
            header.resizeSection(column, min(MAX_INITIAL_WIDTH, max(widest, title)))
        self._sized = True  # from now on a width change is the user's, and is saved

    # Querying -----------------------------------------------------------------------------------

    def current_filter(self) -> CustomerFilter:
        """The search text and chips as one filter."""
        choice = self.filters.choice()
        return CustomerFilter(
            text=self.search_box.text(),
            tiers=choice.tiers,
            lifecycle_stages=choice.lifecycle_stages,
            tag_ids=choice.tag_ids,
            revisit_overdue=choice.revisit_overdue,
            no_contact_days=choice.no_contact_days,
            birthday_within_days=choice.birthday_within_days,
            risk_flagged=choice.risk_flagged,
        )

    def _search_later(self) -> None:
        self.search_timer.start()

    def reload(self) -> None:
        """Re-query the list now (search, filters and sort as they are); superseding any query running."""
        self.search_timer.stop()
        if self._store.locked:
            return
        self._active = True
        store, f = self._store, self.current_filter()
        sort, descending = self.model.sort_key, self.model.descending
        self._latest.run(
            Operation(lambda: read_list(store, f, sort, descending))
            .success(self._list_read)
            .failure(self._list_failed)
        )

    def _list_read(self, result: ListResult) -> None:
        self.result = result
        self.message.hide()
        locale = QLocale()
        self.count_label.setText(
            self.tr("%1 of %2 customers")
            .replace("%1", locale.toString(result.filtered_count))
            .replace("%2", locale.toString(result.total_count))
        )
        self._restoring = True
        try:
            self.model.set_seqs(result.seqs)
            self._select_row(self.model.row_of_seq(self._current_seq))
        finally:
            self._restoring = False
        if not self._sized:
            self._size_columns()

    def _list_failed(self, error: BaseException) -> None:
        self.message.setText(message_for(error))
        self.message.show()

    def _load_tags(self) -> None:
        tags = self._tags
        self._latest_tags.run(
            Operation(tags.all_tags).success(self.filters.set_tags).failure(self._list_failed)
        )

    def _on_bus_changed(self, changes: Changes) -> None:
        if not self._active or self._store.locked:
            return
        if changes.tags:
            self._load_tags()
        if changes.customers:
            self.model.invalidate(changes.customers)  # shows edits at once; the re-query fixes order
            self.reload()

    # Selection ----------------------------------------------------------------------------------

    def select_customer(self, customer_id: str) -> None:
        """Select and scroll to a customer if the list shows them (no signal: the caller knows).

        A customer not in the list now stays the current one and is selected once a later query
        (after a change, or with other filters) brings them in.
        """
        self._current_id = customer_id
        self._current_seq = self.model.seq_of_customer(customer_id)
        self._restoring = True
        try:
            self._select_row(self.model.row_of_seq(self._current_seq))
        finally:
            self._restoring = False

    def selected_customer_id(self) -> str:
        """The id of the customer selected in the table ("" when none)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.customer_id_at(rows[0].row()) if rows else ""

    def _select_row(self, row: int) -> None:
        selection = self.table.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, NAME)
        selection.setCurrentIndex(index, _SELECT_ROW)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _selection_changed(self) -> None:
        if self._restoring:
            return
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        customer_id, seq = self.model.customer_id_at(row), self.model.seq_at(row)
        if customer_id == self._current_id:
            return
        self._current_id, self._current_seq = customer_id, seq
        self.sig_customer_selected.emit(customer_id)

    # Focus, lock --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def clear(self) -> None:
        """Drop every customer shown (the app locks); `reload()` brings them back."""
        self._active = False
        self.search_timer.stop()
        self._latest.cancel()
        self._latest_tags.cancel()
        self.model.clear()
        self.count_label.clear()
        self.message.hide()
