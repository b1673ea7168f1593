"""The reminder pane's data: four groups (overdue, today, upcoming, done this week) as a small tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from desktop.labels import label_of, reminder_kind_labels
from storage.services.reminders import DueReminder, ReminderService
from storage.timeutil import as_utc, utc_now
from ui.formatting import local_datetime_text, text_tooltip
from ui.icons import icon

OVERDUE, TODAY, UPCOMING, DONE = "overdue", "today", "upcoming", "done"
GROUP_KEYS = (OVERDUE, TODAY, UPCOMING, DONE)
UPCOMING_DAYS = 7

REMINDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data role holding a reminder row's id (on every column)."""
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
"""Item data role holding the group key, on group headers and reminder rows alike."""

OVERDUE_COLOR = QColor("#c62828")
"""Text colour of overdue rows (always paired with the overdue icon and the word)."""

COLUMNS = 4  # customer, kind, due, status

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ReminderGroups:
    """The four lists the pane shows, read together in the background."""

    overdue: tuple[DueReminder, ...] = ()
    today: tuple[DueReminder, ...] = ()
    upcoming: tuple[DueReminder, ...] = ()
    done: tuple[DueReminder, ...] = ()

    def of(self, key: str) -> tuple[DueReminder, ...]:
        """The reminders of group `key` (one of GROUP_KEYS)."""
        return getattr(self, key)

    def counts(self) -> tuple[int, int, int, int]:
        """How many reminders each group holds: overdue, today, upcoming, done."""
        return len(self.overdue), len(self.today), len(self.upcoming), len(self.done)


def week_start(now: datetime) -> datetime:
    """Monday 00:00 local time of `now`'s week, as aware UTC."""
    local_day = as_utc(now).astimezone().date()
    monday = local_day - timedelta(days=local_day.weekday())
    return datetime.combine(monday, time()).astimezone(UTC)  # naive → local, DST-correct


def tomorrow_morning(now: datetime | None = None) -> datetime:
    """09:00 local time on the day after `now`, as aware UTC."""
    local_day = as_utc(now or utc_now()).astimezone().date()
    return datetime.combine(local_day + timedelta(days=1), time(9)).astimezone(UTC)


def read_groups(reminders: ReminderService, now: datetime | None = None) -> ReminderGroups:
    """Everything the pane lists, as of `now` (runs in the background)."""
    now = now or utc_now()
    return ReminderGroups(
        tuple(reminders.overdue(now)),
        tuple(reminders.due_today(now)),
        tuple(reminders.upcoming(now, UPCOMING_DAYS)),
        tuple(reminders.done_since(week_start(now))),
    )


local_time_text = local_datetime_text
"""Kept only because tests/ui/test_reminder_pane.py reads the due-time text through this module;
code uses `ui.formatting.local_datetime_text`."""


class ReminderModel(QStandardItemModel):
    """Group headers ("Overdue (3)") at the top level, one row per reminder beneath them."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Kind"), self.tr("Due"), self.tr("Status")]
        )
        self.groups = ReminderGroups()
        self._by_id: dict[str, DueReminder] = {}
        self._headers: dict[str, QStandardItem] = {}
        for key in GROUP_KEYS:
            header = QStandardItem(icon(key), "")
            header.setData(key, GROUP_ROLE)
            header.setEditable(False)
            font = QFont(header.font())
            font.setBold(True)
            header.setFont(font)
            if key == OVERDUE:
                header.setForeground(QBrush(OVERDUE_COLOR))
            self._headers[key] = header
            self.appendRow(header)
        self._set_header_texts()

    # Filling ------------------------------------------------------------------------------------

    def set_groups(self, groups: ReminderGroups) -> None:
        """Replace every group's rows (the group headers themselves stay, and so does their state)."""
        self.groups = groups
        self._by_id = {}
        for key in GROUP_KEYS:
            header = self._headers[key]
            header.removeRows(0, header.rowCount())
            for reminder in groups.of(key):
                self._by_id.setdefault(reminder.id, reminder)
                header.appendRow(self._row(key, reminder))
        self._set_header_texts()

    def _set_header_texts(self) -> None:
        titles = {
            OVERDUE: self.tr("Overdue (%1)"),
            TODAY: self.tr("Today (%1)"),
            UPCOMING: self.tr("Upcoming (7 days) (%1)"),
            DONE: self.tr("Done this week (%1)"),
        }
        for key, count in zip(GROUP_KEYS, self.groups.counts(), strict=True):
            self._headers[key].setText(titles[key].replace("%1", str(count)))

    def _row(self, key: str, reminder: DueReminder) -> list[QStandardItem]:
        due_text = local_datetime_text(reminder.due_at)
        texts = [
            reminder.customer_name,
            label_of(reminder_kind_labels(), reminder.kind),
            due_text,
            self._status_text(key, reminder, due_text),
        ]
        tooltip = text_tooltip(reminder.notes)
        items = []
        for text in texts:
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(reminder.id, REMINDER_ID_ROLE)
            item.setData(key, GROUP_ROLE)
            if tooltip:
                item.setToolTip(tooltip)
            if key == OVERDUE:
                item.setForeground(QBrush(OVERDUE_COLOR))
            items.append(item)
        items[0].setIcon(icon(key))
        if key == DONE:
            items[2].setToolTip(self.tr("Completed at %1").replace("%1", due_text))
        return items

    def _status_text(self, key: str, reminder: DueReminder, due_text: str) -> str:
        if key == OVERDUE:
            return self.tr("Overdue")
        if key == DONE:
            return self.tr("Done")
        if reminder.status == "snoozed":
            return self.tr("Snoozed until %1").replace("%1", due_text)
        return ""

    # Reading ------------------------------------------------------------------------------------

    def counts(self) -> tuple[int, int, int, int]:
        """How many reminders each group shows: overdue, today, upcoming, done."""
        return self.groups.counts()

    def group_index(self, key: str) -> QModelIndex:
        """The index of a group's header row."""
        return self._headers[key].index()

    def group_key(self, index: AnyIndex) -> str | None:
        """The group a header or reminder row belongs to (None for an invalid index)."""
        return index.data(GROUP_ROLE) if index.isValid() else None

    def is_header(self, index: AnyIndex) -> bool:
        """Whether `index` is on a group header row."""
        return index.isValid() and not index.parent().isValid()

    def reminder_at(self, index: AnyIndex) -> DueReminder | None:
        """The reminder on `index`'s row (None on a header or an invalid index)."""
        if not index.isValid() or self.is_header(index):
            return None
        return self._by_id.get(index.data(REMINDER_ID_ROLE))

    def find(self, reminder_id: str, key: str | None = None) -> QModelIndex:
        """The first-column index of a reminder (in group `key` if given); invalid if not shown."""
        for group in (key,) if key else GROUP_KEYS:
            header = self._headers[group]
            for row in range(header.rowCount()):
                child = header.child(row, 0)
                if child.data(REMINDER_ID_ROLE) == reminder_id:
                    return child.index()
        return QModelIndex()
