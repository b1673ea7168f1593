"""File → Import head-office list: the preview maps columns, checks every row without writing,
then imports in the background; Cancel writes nothing."""

from __future__ import annotations

from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.app_context import AppContext
from desktop.excel.import_reader import read_source
from storage.models import Customer, Outbox
from ui.dialogs.import_dialog import ImportDialog, ImportRun
from ui.main_window import MainWindow

ID_OK = "11010519491231002X"


def head_office_list(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["客户姓名", "手机号码", "身份证号", "客户等级", "客户经理备注"])
    sheet.append(["张伟", "13800138000", ID_OK, "高价值", "老客户"])
    sheet.append(["李娜", "1380013", None, "普通", None])  # a mobile too short: rejected
    sheet.append(["王芳", "13900139000", None, "普通", "转介绍"])
    book.save(path)
    return read_source(path)


def make_window(qtbot, store) -> MainWindow:
    window = MainWindow(AppContext(store, store.db_path.parent))
    qtbot.addWidget(window)
    return window


def counts(store) -> tuple[int, int]:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Customer)), s.scalar(
            select(func.count()).select_from(Outbox)
        )


def test_the_preview_maps_checks_and_imports(qtbot, store, tmp_path):
    window = make_window(qtbot, store)
    source = head_office_list(tmp_path / "名单.xlsx")
    before = counts(store)
    dialog = ImportDialog(store, source, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.mapping() == {0: "name", 1: "mobile", 2: "id_number", 3: "tier"}  # 备注 column unknown
    assert dialog.columns.item(0, 1).text() == "张伟、李娜、王芳"  # examples
    assert dialog.columns.item(1, 1).text() == "138****8000、1380013、139****9000"  # masked
    assert dialog.columns.item(2, 1).text() == "110105********002X"
    assert "2" in dialog.summary.text() and dialog.plan.created == 2 and dialog.plan.rejected == 1
    assert dialog.problems.rowCount() == 1 and dialog.problems.item(0, 0).text() == "3"
    assert dialog.import_button.isEnabled() and counts(store) == before  # checking wrote nothing
    notes = dialog.choosers[4]
    notes.setCurrentIndex(notes.findData("notes"))  # the user maps the unknown column
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.plan.mapping[4] == "notes"
    with qtbot.waitSignal(dialog.sig_imported, timeout=20_000) as imported:
        dialog.import_button.click()
    assert (imported.args[0].created, imported.args[0].rejected) == (2, 1)
    with store.read() as s:
        notes_of = dict(s.execute(select(Customer.name, Customer.notes)).all())
    assert notes_of == {"张伟": "老客户", "王芳": "转介绍"}
    assert "2" in window.statusBar().currentMessage()


def test_a_mapping_that_identifies_nobody_is_explained(qtbot, store, tmp_path):
    window = make_window(qtbot, store)
    dialog = ImportDialog(store, head_office_list(tmp_path / "l.xlsx"), window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    for column in (0, 1, 2):
        dialog.choosers[column].setCurrentIndex(0)  # "Not imported"
    qtbot.waitUntil(lambda: dialog.summary.text() and "…" not in dialog.summary.text(), timeout=10_000)
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert "姓名" in dialog.summary.text() or "name" in dialog.summary.text().lower()


def test_cancel_imports_nothing(qtbot, store, tmp_path):
    window = make_window(qtbot, store)
    dialog = ImportDialog(store, head_office_list(tmp_path / "l.xlsx"), window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    before = counts(store)
    run = ImportRun(window)
    run.cancel()  # as the progress dialog's Cancel does
    with qtbot.waitSignal(run.sig_finished, timeout=20_000) as finished:
        run.start(store, dialog.plan)
    assert finished.args[0] is None and counts(store) == before
    assert "取消" in window.statusBar().currentMessage()


def test_the_menu_entry_is_live(qtbot, store):
    window = make_window(qtbot, store)
    assert window.actions_by_name["import"].isEnabled()
