"""One customer's call log, newest first, paged in with canFetchMore/fetchMore (Qt's fetchmore example)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.labels import channel_labels, direction_labels, label_of, outcome_labels, purpose_labels
from storage.models import CallLog
from storage.services.calls import CallService
from storage.timeutil import as_utc
from ui.formatting import local_datetime_text, satisfaction_text, text_tooltip

log = logging.getLogger(__name__)

PAGE_SIZE = 50
"""Calls read per page (the first page and every fetchMore)."""

CALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data role holding the call's id (on every column)."""

TIME, CHANNEL, DIRECTION, PURPOSE, OUTCOME, SATISFACTION, DURATION, SUMMARY, NEXT_STEP = range(9)
COLUMN_COUNT = 9

AnyIndex = QModelIndex | QPersistentModelIndex

_CODED = {
    CHANNEL: (channel_labels, "channel"),
    DIRECTION: (direction_labels, "direction"),
    PURPOSE: (purpose_labels, "purpose"),
    OUTCOME: (outcome_labels, "outcome"),
}


@dataclass(frozen=True)
class CallRow:
    """One logged call as the call log shows it (a plain snapshot, safe to pass between threads)."""

    id: str
    occurred_at: datetime
    channel: str
    direction: str
    purpose: str
    outcome: str
    satisfaction: int | None
    duration_seconds: int | None
    summary: str | None
    next_step: str | None
    next_step_at: datetime | None

    @classmethod
    def of(cls, row: CallLog) -> CallRow:
        """The snapshot of an ORM call-log row."""
        return cls(
            row.id,
            as_utc(row.occurred_at),
            row.channel,
            row.direction,
            row.purpose,
            row.outcome,
            row.satisfaction,
            row.duration_seconds,
            row.summary,
            row.next_step,
            as_utc(row.next_step_at) if row.next_step_at else None,
        )

    @property
    def key(self) -> tuple[datetime, str]:
        """The keyset position of this call: pass it as `before` to read the calls after it."""
        return self.occurred_at, self.id


def read_page(
    calls: CallService, customer_id: str, before: tuple[datetime, str] | None = None
) -> list[CallRow]:
    """One page of a customer's calls, newest first, older than `before` if given."""
    return [CallRow.of(row) for row in calls.history(customer_id, limit=PAGE_SIZE, before=before)]


def duration_text(seconds: int | None) -> str:
    """Seconds as m:ss (minutes may exceed 59: 75:00); '' when not recorded."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def first_line(text: str | None) -> str:
    """The first non-blank line of `text` ('' for None)."""
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


class CallLogModel(QAbstractTableModel):
    """A customer's calls newest first; starts from a page handed in, pages further on demand.

    `fetchMore` reads its page synchronously, on purpose: a keyset page of 50 calls costs about
    a millisecond (FINDINGS: last 50 calls 0.6 ms p50), the view calls fetchMore from its own
    layout and scroll code and expects the rows to exist when it returns, and a synchronous read
    cannot land out of order or twice. The first page of a newly shown customer is read off the
    GUI thread by the pane (that read races with the user changing customers; this one cannot).
    """

    sig_fetch_failed = Signal(object)
    """Reading a further page failed (e.g. the app locked); carries the exception. Paging stops."""

    def __init__(self, call_service: CallService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._calls = call_service
        self._customer_id = ""
        self._rows: list[CallRow] = []
        self._has_more = False

    # Filling ------------------------------------------------------------------------------------

    @property
    def customer_id(self) -> str:
        """Whose calls are shown ('' for nobody)."""
        return self._customer_id

    def set_calls(self, customer_id: str, first_page: list[CallRow]) -> None:
        """Show `customer_id`'s calls starting from `first_page` (newest first, as read_page gives)."""
        self.beginResetModel()
        self._customer_id = customer_id
        self._rows = list(first_page)
        self._has_more = bool(customer_id) and len(first_page) >= PAGE_SIZE
        self.endResetModel()

    def clear(self) -> None:
        """Show no calls at all."""
        self.set_calls("", [])

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 (Qt's signature)
        if parent.isValid() or not self._has_more:
            return
        before = self._rows[-1].key if self._rows else None
        try:
            page = read_page(self._calls, self._customer_id, before)
        except Exception as exc:  # a locked store, a vanished customer: stop paging, report it
            log.warning("reading more calls failed: %s", type(exc).__name__)
            self._has_more = False
            self.sig_fetch_failed.emit(exc)
            return
        self._has_more = len(page) >= PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # Reading ------------------------------------------------------------------------------------

    def call_at(self, row: int) -> CallRow | None:
        """The call on `row` (None when out of range)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, call_id: str) -> int:
        """The row showing `call_id` among the rows loaded so far (-1 if not loaded)."""
        return next((i for i, call in enumerate(self._rows) if call.id == call_id), -1)

    def call_ids(self) -> list[str]:
        """The ids of the calls loaded so far, in row order."""
        return [call.id for call in self._rows]

    # Qt model interface ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._headers()[section] if 0 <= section < COLUMN_COUNT else None

    def _headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Channel"),
            self.tr("Direction"),
            self.tr("Purpose"),
            self.tr("Outcome"),
            self.tr("Satisfaction"),
            self.tr("Duration"),
            self.tr("Summary"),
            self.tr("Next step"),
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        call = self.call_at(index.row()) if index.isValid() else None
        if call is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(call, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(call, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == SATISFACTION:
            return self._satisfaction_words(call.satisfaction)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CALL_ID_ROLE:
            return call.id
        return None

    def _display(self, call: CallRow, column: int) -> str:
        if column == TIME:
            return local_datetime_text(call.occurred_at)
        if column == SATISFACTION:
            return satisfaction_text(call.satisfaction)
        if column == DURATION:
            return duration_text(call.duration_seconds)
        if column == SUMMARY:
            return first_line(call.summary)
        if column == NEXT_STEP:
            return self.next_step_text(call)
        if column in _CODED:
            labels, attribute = _CODED[column]
            return label_of(labels(), getattr(call, attribute))
        return ""

    def _tooltip(self, call: CallRow, column: int) -> str | None:
        if column == SUMMARY:
            return text_tooltip(call.summary) or None
        if column == NEXT_STEP:
            return text_tooltip(self.next_step_text(call)) or None
        if column == SATISFACTION and call.satisfaction is not None:
            return self._satisfaction_words(call.satisfaction)
        return None

    def _satisfaction_words(self, score: int | None) -> str:
        if score is None:
            return self.tr("No satisfaction score")
        return self.tr("Satisfaction %1 of 5").replace("%1", str(score))

    def next_step_text(self, call: CallRow) -> str:
        """The next step with its date, e.g. "Send the card leaflet (2026/3/2 09:00)"."""
        step = (call.next_step or "").strip()
        if call.next_step_at is None:
            return step
        when = local_datetime_text(call.next_step_at)
        if not step:
            return when
        return self.tr("%1 (%2)").replace("%2", when).replace("%1", step)  # customer text last: never re-read
