"""What a reminder notification says: the surname and the kind, never a phone or an ID number.

Notifications appear on a screen others can see, so they carry the least that lets the manager
know whom to call: "张先生 — 激活回访". With "hide names" on, only the kind: "激活回访".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, QTime

from desktop.labels import label_of, reminder_kind_labels
from desktop.notice_planner import Announcement, AnnouncementKind
from storage.services.due_notices import DueNotice
from storage.timeutil import as_utc, utc_now
from ui.formatting import local_date_text


@dataclass(frozen=True)
class Wording:
    """The title and body of one notification."""

    title: str
    body: str


def addressed(notice: DueNotice) -> str:
    """The customer as a notification may name them: surname and title (张先生, 李女士)."""
    if notice.gender == "male":
        return QCoreApplication.translate("NoticeWording", "Mr %1").replace("%1", notice.surname)
    if notice.gender == "female":
        return QCoreApplication.translate("NoticeWording", "Ms %1").replace("%1", notice.surname)
    return QCoreApplication.translate("NoticeWording", "%1 (customer)").replace("%1", notice.surname)


def one_line(notice: DueNotice, hide_names: bool) -> str:
    """'张先生 — 激活回访', or just the kind when names are hidden."""
    kind = label_of(reminder_kind_labels(), notice.kind)
    return kind if hide_names else f"{addressed(notice)} — {kind}"


def word(announcement: Announcement, hide_names: bool) -> Wording:
    """The notification text for an announcement."""
    hide_names = hide_names or announcement.locked  # a locked desk holds no names
    lines = [one_line(n, hide_names) for n in announcement.notices]
    more = announcement.total - len(announcement.notices)
    if more > 0:
        lines.append(QCoreApplication.translate("NoticeWording", "… and %1 more").replace("%1", str(more)))
    if announcement.kind == AnnouncementKind.REMINDER:
        (notice,) = announcement.notices
        body = due_text(notice.due_at)
        if announcement.locked:
            body += "\n" + QCoreApplication.translate(
                "NoticeWording", "Unlock BranchDesk to see whom to call."
            )
        return Wording(lines[0], body)
    if announcement.kind == AnnouncementKind.SUMMARY:
        title = QCoreApplication.translate("NoticeWording", "Revisits due: %1")
        return Wording(title.replace("%1", str(announcement.total)), "\n".join(lines))
    title = QCoreApplication.translate("NoticeWording", "Today's revisits: %1").replace(
        "%1", str(announcement.total)
    )
    if announcement.overdue_before:
        lines.insert(
            0,
            QCoreApplication.translate("NoticeWording", "Overdue from earlier days: %1").replace(
                "%1", str(announcement.overdue_before)
            ),
        )
    return Wording(title, "\n".join(lines))


def due_text(due: datetime, now: datetime | None = None) -> str:
    """'Due today 09:00' (or yesterday, or the date): when the reminder fell due, in local time."""
    local = as_utc(due).astimezone()
    today = as_utc(now or utc_now()).astimezone().date()
    clock = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == today:
        text = QCoreApplication.translate("NoticeWording", "Due today %1")
    elif local.date() == today - timedelta(days=1):
        text = QCoreApplication.translate("NoticeWording", "Due yesterday %1")
    else:
        text = QCoreApplication.translate("NoticeWording", "Due %1 %2").replace("%2", clock)
        return text.replace("%1", local_date_text(local))
    return text.replace("%1", clock)


def fallback_explained() -> str:
    """Said once when the desktop's notification service cannot be reached."""
    return QCoreApplication.translate(
        "NoticeWording", "Desktop notifications are not available here; reminders will show in this window."
    )
