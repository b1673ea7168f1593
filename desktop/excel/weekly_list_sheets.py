"""The weekly review's list sheets: the week's calls, the reminders, the attention list.

Mobiles are always masked here, and so is any mobile or ID number typed into a call's summary:
the workbook is circulated (PIPL).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop import labels
from desktop.excel.cells import cell, header_cells, local_datetime, title_cell
from desktop.excel.review_words import word
from storage.masking import mask_in_text, mask_mobile
from storage.messages import label
from storage.services.weekly_lists import AttentionCustomer, ReviewReminder, WeekCall

Names = Callable[[str], str]  # manager id → display name


# Times go as plain local datetimes (local_datetime): openpyxl gives them a date-time format of its
# own, where a styled cell per value would cost a second on a branch's week of calls.


def _prepare(ws: Worksheet, title: str, headers: list[str], widths: list[int], rows: int) -> None:
    """Widths, panes and filter (before the first row, as write-only sheets need), title, header."""
    for number, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{rows + 2}"
    ws.append([title_cell(ws, title)])
    ws.append(header_cells(ws, headers))


def write_calls(ws: Worksheet, title: str, calls: list[WeekCall], manager: Names) -> None:
    """Every contact of the week, in time order."""
    channels, purposes, outcomes = labels.channel_labels(), labels.purpose_labels(), labels.outcome_labels()
    headers = [label("occurred_at"), word("manager"), word("customer")] + [
        label(k) for k in ("mobile", "channel", "purpose", "outcome", "satisfaction", "summary")
    ]
    _prepare(ws, title, headers, [17, 10, 10, 14, 8, 14, 12, 8, 60], len(calls))
    for call in calls:
        ws.append(
            [
                local_datetime(call.occurred_at),
                cell(ws, manager(call.manager_id)),
                cell(ws, call.customer_name),
                mask_mobile(call.mobile),
                labels.label_of(channels, call.channel),
                labels.label_of(purposes, call.purpose),
                labels.label_of(outcomes, call.outcome),
                call.satisfaction,
                cell(ws, mask_in_text(call.summary)),
            ]
        )


def write_reminders(
    ws: Worksheet, title: str, reminders: list[ReviewReminder], manager: Names, now: datetime
):
    """Overdue reminders (as at `now`), then the others due in the week."""
    kinds, statuses = labels.reminder_kind_labels(), labels.reminder_status_labels()
    headers = [
        label("due_at"),
        word("manager"),
        word("customer"),
        label("mobile"),
        label("kind"),
        label("status"),
        word("overdue_days"),
        word("completed_at"),
    ]
    _prepare(ws, title, headers, [17, 10, 10, 14, 16, 8, 9, 17], len(reminders))
    today = now.astimezone().date()
    overdue = {code: f"{name}（{word('overdue')}）" for code, name in statuses.items()}
    for reminder in reminders:
        late = (today - reminder.due_at.astimezone().date()).days if reminder.overdue else None
        status = (overdue if reminder.overdue else statuses).get(reminder.status, reminder.status)
        ws.append(
            [
                local_datetime(reminder.due_at),
                cell(ws, manager(reminder.manager_id)),
                cell(ws, reminder.customer_name),
                mask_mobile(reminder.mobile),
                labels.label_of(kinds, reminder.kind),
                status,
                late,
                local_datetime(reminder.completed_at),
            ]
        )


def write_attention(ws: Worksheet, title: str, customers: list[AttentionCustomer], manager: Names) -> None:
    """Customers to act on, most urgent first, with why."""
    tiers, stages = labels.tier_labels(), labels.lifecycle_labels()
    headers = [
        word("priority"),
        word("manager"),
        word("customer"),
        label("mobile"),
        label("tier"),
        label("lifecycle_stage"),
        word("reasons"),
        word("overdue_since"),
        label("last_contact_at"),
        word("silent_days"),
    ]
    _prepare(ws, title, headers, [7, 10, 10, 14, 10, 10, 36, 17, 17, 10], len(customers))
    priorities = {n: word(f"priority_{n}") for n in (1, 2, 3)}
    reasons = _Reasons(labels.risk_flag_labels())
    for customer in customers:
        ws.append(
            [
                priorities[customer.priority],
                cell(ws, manager(customer.manager_id)),
                cell(ws, customer.name),
                mask_mobile(customer.mobile),
                labels.label_of(tiers, customer.tier),
                labels.label_of(stages, customer.lifecycle_stage),
                reasons.of(customer),
                local_datetime(customer.overdue_since),
                local_datetime(customer.last_contact_at),
                customer.silent_days,
            ]
        )


class _Reasons:
    """Why a customer is on the attention list, in words (looked up once per sheet, not per row)."""

    def __init__(self, risks: dict[str, str]) -> None:
        self.risks = risks
        self.overdue, self.silent, self.never = (
            word("reason_overdue"),
            word("reason_silent"),
            word("reason_never"),
        )

    def of(self, customer: AttentionCustomer) -> str:
        reasons = [labels.label_of(self.risks, flag) for flag in customer.risk_flags]
        if customer.overdue_since is not None:
            reasons.append(self.overdue)
        if customer.silent:
            reasons.append(self.never if customer.last_contact_at is None else self.silent)
        return "、".join(reasons)
