"""File → Export customer list from the window: the list as shown, in the background, cancellable."""

from __future__ import annotations

from openpyxl import load_workbook

from desktop.app_context import AppContext
from storage.services.customer_query import CustomerFilter, CustomerSort
from ui.dialogs.export_list_dialog import ExportListDialog, ListExport
from ui.main_window import MainWindow


def make_window(qtbot, store) -> MainWindow:
    window = MainWindow(AppContext(store, store.db_path.parent))
    qtbot.addWidget(window)
    return window


def test_the_list_as_filtered_goes_to_excel_in_the_background(qtbot, store, customers, tmp_path):
    customers.create(
        {"name": "张伟", "mobile": "13800138000", "tier": "high_value", "lifecycle_stage": "active"}
    )
    customers.create({"name": "李娜", "tier": "standard", "lifecycle_stage": "active"})
    window = make_window(qtbot, store)
    out = tmp_path / "vip.xlsx"
    export = ListExport(window)
    with qtbot.waitSignal(export.sig_finished, timeout=10_000) as finished:
        export.start(store, out, CustomerFilter(tiers=("high_value",)), CustomerSort.NAME, False, False)
    assert finished.args[0].rows == 1
    rows = [[c.value for c in row] for row in load_workbook(out).active.iter_rows(min_row=3)]
    assert rows[0][:2] == ["张伟", "138****8000"]
    assert "1" in window.statusBar().currentMessage()


def test_cancel_stops_the_export_and_writes_nothing(qtbot, store, customers, tmp_path):
    customers.create({"name": "张伟", "tier": "standard", "lifecycle_stage": "active"})
    window = make_window(qtbot, store)
    out = tmp_path / "cancelled.xlsx"
    export = ListExport(window)
    export.cancel()  # as the progress dialog's Cancel does
    with qtbot.waitSignal(export.sig_finished, timeout=10_000) as finished:
        export.start(store, out, CustomerFilter(), CustomerSort.NAME, False, False)
    assert finished.args[0] is None and not out.exists()
    assert "取消" in window.statusBar().currentMessage()


def test_the_dialog_offers_an_xlsx_in_documents_masked_by_default(qtbot):
    dialog = ExportListDialog(1234)
    qtbot.addWidget(dialog)
    assert dialog.path.text().endswith(".xlsx") and not dialog.unmasked.isChecked()
