"""The Conflicts view on real conflicts made by two laptops of one manager against a real server
(SQLite and PostgreSQL): both values, who and when, masked numbers, "use mine" winning on the
server, "keep", and an edit of a record deleted elsewhere (nothing to enter again)."""

from __future__ import annotations

import pytest

from desktop.translations import install_translators
from storage.services.customers import CustomerService
from storage.sync.conflicts import ConflictService
from tests.ui.sync_server import pull_until
from ui.dialogs.conflicts_dialog import (
    CUSTOMER,
    FIELD,
    KEPT,
    KEPT_SIDE,
    LOST,
    LOST_SIDE,
    WHAT,
    ConflictsDialog,
)

ID_NUMBER = "11010519491231002X"
NEW = {"name": "张伟", "mobile": "13800138000", "id_number": ID_NUMBER, "tier": "standard"}
FULL_NUMBERS = ("13911112222", "13933334444", "13800138000", ID_NUMBER)


@pytest.fixture(autouse=True)
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def rows(dialog: ConflictsDialog) -> dict[str, list[str]]:
    """Each row's texts by its field column."""
    table = dialog.table
    texts = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    return {row[FIELD]: row for row in texts}


def select(dialog: ConflictsDialog, field: str) -> None:
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, FIELD).text() == field)
    dialog.table.selectRow(row)


def test_conflicts_show_both_sides_masked_and_use_mine_wins_on_the_server(qtbot, laptops, new_manager):
    user = new_manager()
    laptop, desktop = laptops("laptop", user), laptops("desktop", user)
    on_laptop, on_desktop = CustomerService(laptop.store), CustomerService(desktop.store)
    made = on_laptop.create(NEW).new_id
    gone = on_laptop.create({"name": "李强", "mobile": "13700137000"}).new_id
    laptop.sync(), desktop.sync()
    on_desktop.update(made, {"occupation": "医生"})  # the earlier edit
    on_desktop.update(made, {"mobile": "13933334444"})
    on_desktop.update(gone, {"occupation": "教师"})
    on_laptop.update(made, {"occupation": "教师", "mobile": "13911112222"})  # later, and first to the server
    on_laptop.delete(gone)
    laptop.sync(), desktop.sync()

    dialog = ConflictsDialog(ConflictService(desktop.store), desktop.store.device_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):
        dialog.show()
    shown = rows(dialog)
    assert set(shown) == {"职业", "手机号", "客户（整条记录）"}
    occupation, mobile, deleted = shown["职业"], shown["手机号"], shown["客户（整条记录）"]
    assert (occupation[CUSTOMER], occupation[KEPT], occupation[LOST]) == ("张伟", "教师", "医生")
    assert occupation[KEPT_SIDE].endswith("其他设备") and occupation[LOST_SIDE].endswith("本机")
    assert occupation[WHAT] == "两处都修改了：保留了另一处的修改"
    assert (mobile[KEPT], mobile[LOST]) == ("139****2222", "139****4444")  # masked, never in full
    assert (deleted[CUSTOMER], deleted[WHAT], deleted[LOST]) == ("李强", "已在其他设备上删除", "职业: 教师")
    cells = " ".join(" ".join(row) for row in shown.values())
    assert not any(number in cells for number in FULL_NUMBERS)

    select(dialog, "客户（整条记录）")  # an edit of a record deleted elsewhere: nothing to enter again
    assert not dialog.use_mine_button.isEnabled() and dialog.keep_button.isEnabled()

    select(dialog, "职业")
    assert dialog.use_mine_button.isEnabled() and dialog.keep_button.isEnabled()
    with qtbot.waitSignals([dialog.sig_settled, dialog.sig_loaded], timeout=10_000):
        dialog.use_mine_button.click()
    assert set(rows(dialog)) == {"手机号", "客户（整条记录）"}
    assert on_desktop.get(made).occupation == "医生"  # entered again, as a new edit
    desktop.sync()
    pull_until(laptop, lambda: on_laptop.get(made).occupation == "医生")  # it won on the server
    settled_there = {c.field for c in ConflictService(laptop.store).open_conflicts()}
    assert settled_there == {"mobile", None}  # settled there too

    for field in ("手机号", "客户（整条记录）"):
        select(dialog, field)
        with qtbot.waitSignals([dialog.sig_settled, dialog.sig_loaded], timeout=10_000):
            dialog.keep_button.click()
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()
    assert on_desktop.get(made).mobile == "13911112222"
