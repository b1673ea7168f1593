"""The supervisor's weekly review workbook (周报): Summary, Daily activity, Tier mix, Calls,
Reminders and Attention list for one ISO week, for one manager or the whole branch.

Everything is read in one read transaction (the sheets agree with each other), then written with
openpyxl's write-only mode and saved whole (temporary file, then rename). Mobiles are masked and
no ID number appears; the export is audited (who, which week, whose figures, how many rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from desktop.excel.cells import print_across
from desktop.excel.customer_export import ExportCancelled
from desktop.excel.review_words import word
from desktop.excel.weekly_charts import write_daily, write_tier_mix
from desktop.excel.weekly_list_sheets import write_attention, write_calls, write_reminders
from desktop.excel.weekly_summary import prepare_summary, write_summary
from desktop.excel.workbook_file import close_sheets, save_whole
from storage.database import BULK_CACHE_KIB, page_cache
from storage.errors import ValidationError
from storage.services import weekly_figures, weekly_lists
from storage.services.review_week import ReviewWeek
from storage.services.rows import raw_connection
from storage.services.weekly_figures import ManagerWeek
from storage.store import Store
from storage.timeutil import utc_now

SHEETS = ("sheet_summary", "sheet_daily", "sheet_tiers", "sheet_calls", "sheet_reminders", "sheet_attention")
STEPS = len(SHEETS) + 1  # the sheets and the save


@dataclass(frozen=True)
class WeeklyReviewExport:
    """What was written: the file, the week, whose figures, and the rows of each list sheet."""

    path: Path
    week: ReviewWeek
    managers: tuple[str, ...]
    rows: dict[str, int] = field(default_factory=dict)


@dataclass
class _Review:
    """Everything the workbook shows, read at one moment."""

    names: dict[str, str]
    managers: list[str]
    this_week: dict[str, ManagerWeek]
    previous: ManagerWeek
    per_day: list
    mix: dict
    calls: list
    reminders: list
    attention: list


def resolve_managers(store: Store, wanted: str | None, branch: bool) -> list[str] | None:
    """Whose review: None for the whole branch, else [the id of the manager named `wanted`]
    (display name, user name or id), else [the profile's own manager]."""
    if branch:
        return None
    if not wanted:
        return [store.actor.id]
    with store.read() as session:
        names = weekly_figures.manager_names(session, store.actor.id, store.actor.name)
        usernames = dict(session.connection().exec_driver_sql("SELECT username, id FROM manager").fetchall())
    for manager_id, name in names.items():
        if wanted in (name, manager_id):
            return [manager_id]
    if wanted in usernames:
        return [usernames[wanted]]
    raise ValidationError("manager", "unknown_manager", name=wanted, known="、".join(names.values()))


def export_weekly_review(
    store: Store,
    path: Path,
    *,
    week: ReviewWeek | None = None,
    managers: list[str] | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WeeklyReviewExport:
    """Write the weekly review of `week` (default: last week) for `managers` (ids; None = the
    whole branch) to `path`. `progress(step, STEPS)` follows the sheets; `cancelled()` returning
    True stops it (ExportCancelled) and leaves no file."""
    path, now = Path(path), now or utc_now()
    week = week or ReviewWeek.last_complete(now.astimezone().date())
    review = _read(store, week, managers, now)

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, STEPS)

    title = _title(week, managers, review.names, now)
    workbook = Workbook(write_only=True)
    name = review.names.get
    sheets = [workbook.create_sheet(word(key)) for key in SHEETS]
    for sheet in sheets:
        print_across(sheet)  # write-only sheets take their properties before the first row
    summary, daily, tiers, calls, reminders, attention = sheets
    as_of_now = f"{title} · {word('as_of_now')}"
    try:
        layout = prepare_summary(summary, len(review.managers))
        by_manager = [(name(m) or m[:8], review.this_week[m]) for m in review.managers]
        write_summary(summary, layout, title, by_manager, review.previous)
        step(1)
        write_daily(daily, title, week, review.per_day)
        step(2)
        write_tier_mix(tiers, as_of_now, review.mix)
        step(3)
        write_calls(calls, title, review.calls, name)
        step(4)
        write_reminders(reminders, title, review.reminders, name, now)
        step(5)
        write_attention(attention, as_of_now, review.attention, name)
        step(6)
        save_whole(workbook, path)
    except BaseException:
        close_sheets(workbook)
        raise
    if progress is not None:
        progress(STEPS, STEPS)  # saved: too late to cancel
    rows = {
        "calls": len(review.calls),
        "reminders": len(review.reminders),
        "attention": len(review.attention),
    }
    with store.write() as tx:
        tx.audit(
            "export.weekly_review",
            week=str(week),
            managers=review.managers if managers is not None else "branch",
            rows=rows,
            masked=True,
            file=path.name,
        )
    return WeeklyReviewExport(path, week, tuple(review.managers), rows)


def _read(store: Store, week: ReviewWeek, managers: list[str] | None, now: datetime) -> _Review:
    with store.read() as session, page_cache(raw_connection(session), BULK_CACHE_KIB):
        names = weekly_figures.manager_names(session, store.actor.id, store.actor.name)
        calls = weekly_lists.week_calls(session, week, managers)
        this_week = weekly_figures.manager_weeks(session, week, managers, now, calls)
        previous = ManagerWeek("total")
        for figures in weekly_figures.manager_weeks(session, week.previous(), managers, now).values():
            previous.add(figures)
        shown = managers if managers is not None else sorted(this_week, key=lambda m: names.get(m, m))
        for manager_id in shown:
            this_week.setdefault(manager_id, ManagerWeek(manager_id))
        return _Review(
            names=names,
            managers=list(shown),
            this_week=this_week,
            previous=previous,
            per_day=weekly_figures.daily_contacts(week, calls),
            mix=weekly_figures.tier_mix(session, managers),
            calls=calls,
            reminders=weekly_lists.review_reminders(session, week, managers, now),
            attention=weekly_lists.attention_list(session, managers, now),
        )


def _title(week: ReviewWeek, managers: list[str] | None, names: dict[str, str], now: datetime) -> str:
    heading = word("title", week=str(week), first=week.monday.isoformat(), last=week.days[-1].isoformat())
    whose = word("scope_branch") if managers is None else "、".join(names.get(m, m[:8]) for m in managers)
    generated = word("generated", time=f"{now.astimezone():%Y-%m-%d %H:%M}")
    return f"{heading} · {whose} · {generated} · {word('masked_note')}"


def default_file_name(week: ReviewWeek) -> str:
    """'weekly-review-2026-W47.xlsx'."""
    return f"weekly-review-{week}.xlsx"
