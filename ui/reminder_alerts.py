"""Shows what the reminder scheduler announces and carries out the action the manager picks.

A desktop notification when the platform's service answers; otherwise the window's banner, with
one message saying why. The actions are the same in both: Open (the window, on that customer),
Snooze 1 h, and Done (the log-a-call dialog for that reminder).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import Protocol

from PySide6.QtCore import QObject

from desktop import settings as opts
from desktop.background import Operation
from desktop.change_bus import ChangeBus
from desktop.notice_planner import Announcement, AnnouncementKind
from desktop.notifier import Notice, Notifier
from desktop.settings import Settings
from storage.changes import Changes
from storage.services.reminders import DueReminder, ReminderService
from storage.timeutil import utc_now
from ui.errors import show_error
from ui.notice_wording import fallback_explained, word
from ui.widgets.notice_banner import NoticeBanner

SNOOZE = timedelta(hours=1)
REMEMBERED = 200  # announcements whose actions can still be chosen


class AlertWindow(Protocol):
    """What the alerts need from the main window."""

    def bring_to_front(self) -> None: ...
    def select_customer(self, customer_id: str) -> None: ...
    def show_reminders(self) -> None: ...
    def log_call(self, customer_id: str | None = None, reminder: DueReminder | None = None) -> None: ...


class ReminderAlerts(QObject):
    """Routes announcements to the notifier (or the banner) and actions back to the window."""

    def __init__(
        self,
        window: AlertWindow,
        notifier: Notifier | None,
        banner: NoticeBanner,
        settings: Settings,
        reminders: ReminderService,
        bus: ChangeBus,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.notifier = notifier
        self.banner = banner
        self.settings = settings
        self.reminders = reminders
        self.bus = bus
        self._shown: OrderedDict[str, Announcement] = OrderedDict()
        self._fallback_said = False
        banner.sig_action.connect(self.act)
        bus.sig_changed.connect(self._withdraw_settled)
        if notifier is not None:
            notifier.actionChosen.connect(self.act)
            notifier.unavailable.connect(self._on_unavailable)

    def show(self, announcement: Announcement) -> None:
        """Announce: as a desktop notification, or in the banner when there is no service."""
        self._remember(announcement)
        wording = word(announcement, self.settings.get(opts.NOTIFY_HIDE_NAMES))
        single = announcement.kind == AnnouncementKind.REMINDER and not announcement.locked
        if self.notifier is not None and self.notifier.available:
            self.notifier.notify(Notice(announcement.key, wording.title, wording.body, single))
        else:
            self._fall_back()
            self.banner.show_notice(announcement.key, wording.title, wording.body, single)

    def act(self, action: str, key: str) -> None:
        """Carry out Open, Snooze 1 h or Done for the announcement with `key`."""
        announcement = self._shown.get(key)
        if announcement is None:  # from an earlier session, or a plain message
            self.window.bring_to_front()
            self.window.show_reminders()
            return
        if announcement.locked:  # the database is closed: the window (its lock screen) is all there is
            self.window.bring_to_front()
            return
        notice = announcement.notices[0] if announcement.kind == AnnouncementKind.REMINDER else None
        if action == "snooze" and notice is not None:
            self._snooze(notice.reminder_id)
            return
        self.window.bring_to_front()
        if notice is None:
            self.window.show_reminders()
        elif action == "done":
            self._log_call(notice.customer_id, notice.reminder_id)
        else:
            self.window.select_customer(notice.customer_id)

    def _withdraw_settled(self, changes: Changes) -> None:
        """Reminders changed (here, or on another device and pulled by sync): take down the
        notices of those no longer due — done, cancelled, snoozed later, deleted."""
        shown = [key for key in changes.reminders if self._is_single_reminder(key)]
        if not shown:
            return
        reminders = self.reminders

        def settled(still_due: set[str]) -> None:
            for key in set(shown) - still_due:
                self._shown.pop(key, None)
                if self.notifier is not None:
                    self.notifier.withdraw(key)
                self.banner.withdraw(key)

        # A failure (the profile locked meanwhile) leaves the notices up: they are only reminders.
        Operation(lambda: reminders.still_due(shown)).success(settled).run_in_background()

    def _is_single_reminder(self, key: str) -> bool:
        announcement = self._shown.get(key)
        return announcement is not None and announcement.kind == AnnouncementKind.REMINDER

    def _snooze(self, reminder_id: str) -> None:
        reminders, until = self.reminders, utc_now() + SNOOZE
        (
            Operation(lambda: reminders.snooze(reminder_id, until))
            .success(self.bus.publish)
            .failure(lambda error: show_error(None, error))
            .run_in_background()
        )

    def _log_call(self, customer_id: str, reminder_id: str) -> None:
        reminders = self.reminders

        def find() -> DueReminder | None:
            return next((r for r in reminders.for_customer(customer_id) if r.id == reminder_id), None)

        def open_dialog(reminder: DueReminder | None) -> None:
            self.window.select_customer(customer_id)
            self.window.log_call(customer_id, reminder)  # done meanwhile: a plain call for the customer

        operation = Operation(find).success(open_dialog).failure(lambda error: show_error(None, error))
        operation.run_in_background()

    def _remember(self, announcement: Announcement) -> None:
        self._shown[announcement.key] = announcement
        self._shown.move_to_end(announcement.key)
        while len(self._shown) > REMEMBERED:
            self._shown.popitem(last=False)

    def _on_unavailable(self, _reason: str) -> None:
        self._fall_back()
        if self._shown:  # the notice that failed to go out is shown in the window instead
            last = next(reversed(self._shown.values()))
            wording = word(last, self.settings.get(opts.NOTIFY_HIDE_NAMES))
            single = last.kind == AnnouncementKind.REMINDER and not last.locked
            self.banner.show_notice(last.key, wording.title, wording.body, single)

    def _fall_back(self) -> None:
        """Say once, in the status bar, that reminders will show in the window."""
        if self._fallback_said:
            return
        self._fallback_said = True
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(fallback_explained(), 15_000)
