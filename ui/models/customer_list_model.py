"""The customer list's data: the ordered seqs of a SQL search, rows read lazily a page at a time.

STYLE.md item 5 (Anki's browser/table/model.py): the pane's background query hands over the ordered
`customer.seq` values of everything that matches (100,000 ints in an `array('q')`, 800 KB); this
model reads the rows the view asks for, 200 at a time, and keeps at most `MAX_PAGES` pages. Sorting
never happens here: `sort()` records the wanted `CustomerSort` and asks the pane to re-query.

A page read is synchronous, on purpose: 200 rows by primary key cost about a millisecond, the view
asks from its paint code and expects an answer, and a synchronous read cannot land out of order.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import select

from desktop.labels import label_of, lifecycle_labels, risk_flag_labels, tier_labels
from storage.masking import mask_mobile
from storage.models import Customer
from storage.services.customer_query import CustomerRow, CustomerSort, fetch_rows
from storage.store import Store
from storage.timeutil import utc_now
from ui.formatting import local_date_text, local_datetime_text
from ui.icons import icon

log = logging.getLogger(__name__)

PAGE_SIZE = 200
"""Rows read at a time."""
MAX_PAGES = 20
"""Pages kept in the cache (the least recently used one is dropped first)."""

NAME, MOBILE, TIER, LIFECYCLE, LAST_CONTACT, NEXT_REVISIT, TAGS = range(7)
COLUMN_COUNT = 7

SORT_OF_COLUMN = {
    NAME: CustomerSort.NAME,
    TIER: CustomerSort.TIER,
    LIFECYCLE: CustomerSort.LIFECYCLE,
    LAST_CONTACT: CustomerSort.LAST_CONTACT,
    NEXT_REVISIT: CustomerSort.NEXT_REVISIT,
}
"""The columns the list can be sorted by, and the SQL order each one asks for."""
COLUMN_OF_SORT = {sort: column for column, sort in SORT_OF_COLUMN.items()}

CUSTOMER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data role holding the row's customer id (on every column)."""

OVERDUE_COLOR = QColor("#c62828")
"""Text colour of an overdue next revisit (always with the overdue icon and a tooltip)."""

AnyIndex = QModelIndex | QPersistentModelIndex
_Page = list[CustomerRow | None]


class CustomerListModel(QAbstractTableModel):
    """Customers in SQL order: ids held, rows fetched a page at a time and cached (LRU)."""

    sig_sort_changed = Signal()
    """The user asked for another order (`sort_key` / `descending`): the list must be re-queried."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._seqs = array("q")
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self.pages_read = 0
        """How many pages were read from the database so far (for tests and benchmarks)."""
        self.sort_key = CustomerSort.NAME
        """The SQL order the list is (or is about to be) in."""
        self.descending = False
        """Whether `sort_key` runs descending."""
        self._locale = QLocale()
        self._tiers, self._stages, self._risks = tier_labels(), lifecycle_labels(), risk_flag_labels()

    # Filling ------------------------------------------------------------------------------------

    def set_seqs(self, seqs: array) -> bool:
        """Show the customers `seqs` (in that order); returns False when they are the ones shown."""
        if seqs == self._seqs:
            return False
        self.beginResetModel()
        self._seqs = seqs
        self._pages.clear()
        self.endResetModel()
        return True

    def clear(self) -> None:
        """Drop every row and cached value (the app locks)."""
        self.beginResetModel()
        self._seqs = array("q")
        self._pages.clear()
        self.endResetModel()

    def invalidate(self, customer_ids: Iterable[str]) -> None:
        """Forget the cached rows of these customers so the view reads them again.

        Customers in no cached page need nothing: their rows are read fresh when shown.
        """
        wanted = set(customer_ids)
        stale = [
            number
            for number, page in self._pages.items()
            if any(row is not None and row.id in wanted for row in page)
        ]
        for number in stale:
            del self._pages[number]
            first = number * PAGE_SIZE
            last = min(first + PAGE_SIZE, len(self._seqs)) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    # Reading ------------------------------------------------------------------------------------

    @property
    def seqs(self) -> array:
        """The seqs shown, in row order (do not modify)."""
        return self._seqs

    def cached_pages(self) -> list[int]:
        """The numbers of the pages held in the cache, least recently used first."""
        return list(self._pages)

    def seq_at(self, row: int) -> int | None:
        """The customer seq on `row` (None when out of range)."""
        return self._seqs[row] if 0 <= row < len(self._seqs) else None

    def row_at(self, row: int) -> CustomerRow | None:
        """The list row `row` (read with its page if not cached; None out of range or on failure)."""
        if not 0 <= row < len(self._seqs):
            return None
        page = self._page(row // PAGE_SIZE)
        return page[row % PAGE_SIZE] if page is not None else None

    def customer_id_at(self, row: int) -> str:
        """The customer id on `row` ('' when out of range)."""
        found = self.row_at(row)
        return found.id if found is not None else ""

    def row_of_seq(self, seq: int | None) -> int:
        """The row showing customer `seq` (-1 if not in the list)."""
        if seq is None:
            return -1
        try:
            return self._seqs.index(seq)
        except ValueError:
            return -1

    def seq_of_customer(self, customer_id: str) -> int | None:
        """The seq of a live customer: from the cache, else one small query (None if unknown)."""
        if not customer_id:
            return None
        for page in self._pages.values():
            for found in page:
                if found is not None and found.id == customer_id:
                    return found.seq
        try:
            with self._store.read() as session:
                query = select(Customer.seq).where(Customer.id == customer_id, Customer.deleted.is_(False))
                return session.scalar(query)
        except Exception as exc:  # a locked store: the customer is simply not found
            log.warning("looking up a customer's row failed: %s", type(exc).__name__)
            return None

    def row_of_customer(self, customer_id: str) -> int:
        """The row showing `customer_id` (-1 if not in the list)."""
        return self.row_of_seq(self.seq_of_customer(customer_id)) if self._seqs else -1

    def _page(self, number: int) -> _Page | None:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        seqs = self._seqs[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        try:
            with self._store.read() as session:
                rows = fetch_rows(session, seqs)
        except Exception as exc:  # locked or failing store: show blanks rather than crash a paint
            log.warning("reading a customer list page failed: %s", type(exc).__name__)
            return None
        self.pages_read += 1
        page = [rows.get(seq) for seq in seqs]
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # Sorting ------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask for SQL order by `column` (ignored for columns that cannot be sorted)."""
        key = SORT_OF_COLUMN.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key, self.descending = key, descending
        self.sig_sort_changed.emit()

    def set_sort(self, key: CustomerSort, descending: bool) -> None:
        """Set the order without asking for a re-query (the caller queries itself)."""
        self.sort_key, self.descending = CustomerSort(key), descending

    # Qt model interface ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section not in SORT_OF_COLUMN:
            return self.tr("This column cannot be sorted")
        return None

    def column_titles(self) -> list[str]:
        """The column headers, in column order."""
        return [
            self.tr("Name"),
            self.tr("Mobile"),
            self.tr("Tier"),
            self.tr("Lifecycle"),
            self.tr("Last contact"),
            self.tr("Next revisit"),
            self.tr("Tags"),
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        customer = self.row_at(index.row())
        if customer is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(customer, column)
        if role == CUSTOMER_ID_ROLE:
            return customer.id
        if column == NAME:
            return self._name_extra(customer, role)
        if column == NEXT_REVISIT and self._overdue(customer):
            return self._overdue_extra(customer, role)
        return None

    def _display(self, customer: CustomerRow, column: int) -> str:
        if column == NAME:
            return customer.name
        if column == MOBILE:
            return mask_mobile(customer.mobile)
        if column == TIER:
            return label_of(self._tiers, customer.tier)
        if column == LIFECYCLE:
            return label_of(self._stages, customer.lifecycle_stage)
        if column == LAST_CONTACT:
            return local_date_text(customer.last_contact_at, self._locale)
        if column == NEXT_REVISIT:
            return local_datetime_text(customer.next_revisit_at, self._locale)
        return customer.tags

    def _name_extra(self, customer: CustomerRow, role: int):
        if role == Qt.ItemDataRole.DecorationRole and customer.risk_flags:
            return icon("risk")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.name_tooltip(customer) or None
        return None

    def name_tooltip(self, customer: CustomerRow) -> str:
        """The risk flags (by label) and a do-not-contact note of a customer ('' when neither)."""
        lines = []
        flags = [label_of(self._risks, code) for code in customer.risk_flags.split(",") if code]
        if flags:
            lines.append(self.tr("Risk: %1").replace("%1", ", ".join(flags)))
        if customer.do_not_contact:
            lines.append(self.tr("Do not contact"))
        return "\n".join(lines)

    @staticmethod
    def _overdue(customer: CustomerRow) -> bool:
        return customer.next_revisit_at is not None and customer.next_revisit_at < utc_now()

    def _overdue_extra(self, customer: CustomerRow, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("overdue")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            when = local_datetime_text(customer.next_revisit_at, self._locale)
            return self.tr("Revisit overdue since %1").replace("%1", when)
        return None
