"""File → Export weekly review from the window: the choices offered, the run in the background,
and Cancel leaving no file."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from desktop.app_context import AppContext
from storage.services.review_week import ReviewWeek
from ui.dialogs.export_weekly_dialog import ExportWeeklyDialog, WeeklyExport
from ui.main_window import MainWindow


def make_window(qtbot, store) -> MainWindow:
    window = MainWindow(AppContext(store, store.db_path.parent))
    qtbot.addWidget(window)
    return window


def test_the_dialog_offers_last_week_own_figures_and_the_branch(qtbot):
    managers = {"me": "王经理", "other": "李芳"}
    dialog = ExportWeeklyDialog(managers, "me", date(2026, 11, 25), None)
    qtbot.addWidget(dialog)
    assert dialog.chosen_week() == ReviewWeek(2026, 47)  # the week before Wednesday 25 November
    assert dialog.week.itemData(0) == ReviewWeek(2026, 48) and dialog.week.count() == 13
    assert dialog.chosen_managers() == ["me"] and "王经理" in dialog.whose.currentText()
    choices = [dialog.whose.itemData(n) for n in range(dialog.whose.count())]
    assert choices == [["me"], ["other"], None]  # None: the whole branch
    assert dialog.path.text().endswith("weekly-review-2026-W47.xlsx")
    dialog.week.setCurrentIndex(2)
    assert dialog.path.text().endswith("weekly-review-2026-W46.xlsx")  # the name follows the week


def test_the_review_is_written_in_the_background(qtbot, store, customers, tmp_path):
    customers.create(
        {"name": "张伟", "mobile": "13800138000", "tier": "high_value", "lifecycle_stage": "active"}
    )
    window = make_window(qtbot, store)
    out = tmp_path / "review.xlsx"
    export = WeeklyExport(window)
    with qtbot.waitSignal(export.sig_finished, timeout=20_000) as finished:
        export.start(store, out, ReviewWeek(2026, 47), None)
    assert finished.args[0].week == ReviewWeek(2026, 47)
    book = load_workbook(out)
    assert len(book.sheetnames) == 6
    assert "2026-W47" in window.statusBar().currentMessage()
    assert window.actions_by_name["export"].isEnabled()


def test_cancel_writes_nothing(qtbot, store, tmp_path):
    window = make_window(qtbot, store)
    out = tmp_path / "cancelled.xlsx"
    export = WeeklyExport(window)
    export.cancel()
    with qtbot.waitSignal(export.sig_finished, timeout=20_000) as finished:
        export.start(store, out, ReviewWeek(2026, 47), [store.actor.id])
    assert finished.args[0] is None and not out.exists()
    assert "取消" in window.statusBar().currentMessage()
