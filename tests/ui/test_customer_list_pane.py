"""The customer list pane on a real encrypted profile: search, filters, sort, header, selection, volume."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QIcon

from desktop import settings as opts
from desktop.background import Operation
from desktop.labels import label_of, risk_flag_labels
from desktop.settings import Settings
from storage.bulk_load import fill_demo
from storage.services.customer_query import CustomerFilter, CustomerSort, list_customers
from storage.services.reminders import ReminderService
from storage.services.tags import TagService
from ui.models.customer_list_model import (
    MAX_PAGES,
    MOBILE,
    NAME,
    NEXT_REVISIT,
    OVERDUE_COLOR,
    PAGE_SIZE,
    TAGS,
    TIER,
)
from ui.panes import customer_list_pane
from ui.panes.customer_list_pane import CustomerListPane

PINYIN_ORDER = ["阿明", "陈静", "李娜", "欧阳修", "王芳", "张伟"]


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def make_pane(qtbot, store, bus, settings):
    def make(rows: int | None = None) -> CustomerListPane:
        pane = CustomerListPane(store, TagService(store), bus, settings)
        qtbot.addWidget(pane)
        pane.resize(900, 500)
        if rows is not None:

            def landed() -> bool:
                return pane.model.rowCount() == rows and bool(pane.count_label.text())

            qtbot.waitUntil(landed, timeout=5000)
        return pane

    return make


@pytest.fixture
def three(customers):
    """张伟, 张伟明 and 李娜, by name → id."""
    return {
        name: customers.create({"name": name, "mobile": mobile}).new_id
        for name, mobile in (("张伟", "13800138000"), ("张伟明", "13900139000"), ("李娜", "13700137000"))
    }


def names(pane: CustomerListPane) -> list[str]:
    model = pane.model
    return [model.data(model.index(row, NAME)) for row in range(model.rowCount())]


def wait_names(qtbot, pane: CustomerListPane, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: names(pane) == expected, timeout=5000)


def click_header(qtbot, pane: CustomerListPane, column: int) -> None:
    header = pane.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


# Search -------------------------------------------------------------------------------------------


def test_typing_filters_the_list_and_the_count(qtbot, make_pane, three):
    pane = make_pane(rows=3)
    assert "3" in pane.count_label.text()
    qtbot.keyClicks(pane.search_box, "zw")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)
    assert sorted(names(pane)) == ["张伟", "张伟明"]
    qtbot.waitUntil(lambda: "2" in pane.count_label.text() and "3" in pane.count_label.text())
    pane.search_box.clear()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3, timeout=5000)
    qtbot.keyClicks(pane.search_box, "8000")  # mobile tail
    wait_names(qtbot, pane, ["张伟"])


def test_a_stale_search_never_lands(qtbot, make_pane, three, monkeypatch):
    pane = make_pane(rows=3)
    gate, finished = threading.Event(), []
    real_read = customer_list_pane.read_list

    def gated_read(store, f, sort, descending):
        if f.text == "李":  # the first search is slow: it returns only after the second landed
            gate.wait(5)
        result = real_read(store, f, sort, descending)
        finished.append(f.text)
        return result

    monkeypatch.setattr(customer_list_pane, "read_list", gated_read)
    pane.search_box.setText("李")
    pane.reload()
    pane.search_box.setText("zw")
    pane.reload()
    qtbot.waitUntil(lambda: finished == ["zw"] and pane.model.rowCount() == 2, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: finished == ["zw", "李"], timeout=5000)
    qtbot.waitUntil(lambda: not Operation._pending, timeout=5000)  # the stale result was delivered…
    assert sorted(names(pane)) == ["张伟", "张伟明"]  # …and dropped
    assert "2" in pane.count_label.text()


# Filters ------------------------------------------------------------------------------------------


def test_each_filter_chip_narrows_the_list(qtbot, make_pane, store, customers, bus):
    li = customers.create({"name": "李娜", "tier": "high_value"}).new_id
    wang = customers.create({"name": "王芳", "risk_flags": "overdue_repayment,dormant_card"}).new_id
    customers.create({"name": "张伟"})
    past = datetime.now(UTC) - timedelta(hours=3)
    ReminderService(store).create(wang, {"kind": "periodic_revisit", "due_at": past})
    pane = make_pane(rows=3)
    filters = pane.filters

    filters.tier_actions["high_value"].trigger()
    wait_names(qtbot, pane, ["李娜"])
    assert "1" in pane.count_label.text() and "3" in pane.count_label.text()
    filters.tier_actions["standard"].trigger()  # several tiers: either one
    wait_names(qtbot, pane, ["李娜", "王芳", "张伟"])
    filters.clear_action.trigger()
    assert not filters.is_active()

    filters.overdue_action.trigger()
    wait_names(qtbot, pane, ["王芳"])
    filters.overdue_action.trigger()
    wait_names(qtbot, pane, ["李娜", "王芳", "张伟"])

    filters.risk_action.trigger()
    wait_names(qtbot, pane, ["王芳"])
    filters.clear_action.trigger()
    wait_names(qtbot, pane, ["李娜", "王芳", "张伟"])

    bus.publish(TagService(store).add(li, "车主"))  # the tag menu follows the bus
    qtbot.waitUntil(lambda: len(filters.tag_actions) == 1, timeout=5000)
    next(iter(filters.tag_actions.values())).trigger()
    wait_names(qtbot, pane, ["李娜"])
    assert pane.model.data(pane.model.index(0, TAGS)) == "车主"


def test_overdue_revisit_and_risk_are_shown_not_only_in_colour(qtbot, make_pane, store, customers):
    wang = customers.create({"name": "王芳", "risk_flags": "overdue_repayment"}).new_id
    past = datetime.now(UTC) - timedelta(days=2)
    ReminderService(store).create(wang, {"kind": "periodic_revisit", "due_at": past})
    customers.create({"name": "张伟"})
    pane = make_pane(rows=2)
    model = pane.model
    revisit = model.index(0, NEXT_REVISIT)
    assert model.data(revisit)  # the local date and time
    assert model.data(revisit, Qt.ItemDataRole.ForegroundRole) == QBrush(OVERDUE_COLOR)
    assert isinstance(model.data(revisit, Qt.ItemDataRole.DecorationRole), QIcon)
    assert model.data(revisit) in model.data(revisit, Qt.ItemDataRole.ToolTipRole)
    name = model.index(0, NAME)
    assert isinstance(model.data(name, Qt.ItemDataRole.DecorationRole), QIcon)
    assert label_of(risk_flag_labels(), "overdue_repayment") in model.data(name, Qt.ItemDataRole.ToolTipRole)
    calm = model.index(1, NEXT_REVISIT)
    assert model.data(calm, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(1, NAME), Qt.ItemDataRole.DecorationRole) is None


# Sorting, columns ---------------------------------------------------------------------------------


def test_sorting_re_queries_in_sql_pinyin_order(qtbot, make_pane, customers):
    for name in ("张伟", "李娜", "阿明", "王芳", "欧阳修", "陈静"):
        customers.create({"name": name})
    pane = make_pane(rows=6)
    pane.show()
    wait_names(qtbot, pane, PINYIN_ORDER)
    click_header(qtbot, pane, NAME)  # the second click on the sorted column reverses it
    wait_names(qtbot, pane, PINYIN_ORDER[::-1])
    assert (pane.model.sort_key, pane.model.descending) == (CustomerSort.NAME, True)
    click_header(qtbot, pane, MOBILE)  # not sortable: nothing changes
    header = pane.table.horizontalHeader()
    assert header.sortIndicatorSection() == NAME
    assert (pane.model.sort_key, pane.model.descending) == (CustomerSort.NAME, True)
    pane.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    wait_names(qtbot, pane, PINYIN_ORDER)


def test_sort_by_tier_follows_tier_rank(qtbot, make_pane, customers):
    for name, tier in (("张伟", "standard"), ("李娜", "private_banking"), ("王芳", "high_value")):
        customers.create({"name": name, "tier": tier})
    pane = make_pane(rows=3)
    pane.table.sortByColumn(TIER, Qt.SortOrder.AscendingOrder)
    wait_names(qtbot, pane, ["李娜", "王芳", "张伟"])


def test_mobile_is_masked(make_pane, three):
    pane = make_pane(rows=3)
    row = pane.model.row_of_customer(three["张伟"])
    assert pane.model.data(pane.model.index(row, MOBILE)) == "138****8000"


def test_hidden_columns_and_order_are_saved_and_restored(qtbot, make_pane, settings, three):
    pane = make_pane(rows=3)
    pane.column_actions[TAGS].trigger()
    assert pane.table.isColumnHidden(TAGS)
    assert not pane.column_actions[NAME].isEnabled()  # the name always stays
    header = pane.table.horizontalHeader()
    header.moveSection(header.visualIndex(TIER), 0)
    pane.table.sortByColumn(TIER, Qt.SortOrder.DescendingOrder)
    assert not settings.get(opts.CUSTOMER_LIST_HEADER).isEmpty()

    again = make_pane(rows=3)
    restored = again.table.horizontalHeader()
    assert again.table.isColumnHidden(TAGS)
    assert not again.column_actions[TAGS].isChecked()
    assert restored.visualIndex(TIER) == 0
    assert (restored.sortIndicatorSection(), restored.sortIndicatorOrder()) == (
        TIER,
        Qt.SortOrder.DescendingOrder,
    )
    assert (again.model.sort_key, again.model.descending) == (CustomerSort.TIER, True)
    again.column_actions[TAGS].trigger()
    assert not again.table.isColumnHidden(TAGS)


# Selection, changes -------------------------------------------------------------------------------


def test_selecting_a_row_emits_the_customer_id(qtbot, make_pane, three):
    pane = make_pane(rows=3)
    row = pane.model.row_of_customer(three["李娜"])
    with qtbot.waitSignal(pane.sig_customer_selected, timeout=1000) as signal:
        pane.table.selectRow(row)
    assert signal.args == [three["李娜"]]
    assert pane.selected_customer_id() == three["李娜"]
    with qtbot.waitSignal(pane.sig_customer_selected, timeout=1000) as signal:
        pane.table.clearSelection()
    assert signal.args == [""]


def test_select_customer_selects_and_survives_re_queries(qtbot, make_pane, customers, bus, three):
    pane = make_pane(rows=3)
    emitted = []
    pane.sig_customer_selected.connect(emitted.append)
    pane.select_customer(three["张伟明"])
    assert pane.selected_customer_id() == three["张伟明"]
    bus.publish(customers.create({"name": "阿明"}))  # sorts first: every row moves down
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4, timeout=5000)
    assert pane.selected_customer_id() == three["张伟明"]
    pane.search_box.setText("李")  # keyClicks types ASCII only
    wait_names(qtbot, pane, ["李娜"])
    assert pane.selected_customer_id() == ""
    pane.search_box.clear()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4, timeout=5000)
    assert pane.selected_customer_id() == three["张伟明"]  # still the current customer
    assert emitted == []  # programmatic selection and re-queries do not re-announce it


def test_a_rename_on_the_bus_updates_the_visible_row(qtbot, make_pane, customers, bus, three):
    pane = make_pane(rows=3)
    assert names(pane) == ["李娜", "张伟", "张伟明"]
    bus.publish(customers.update(three["李娜"], {"name": "赵丽"}))
    wait_names(qtbot, pane, ["张伟", "张伟明", "赵丽"])
    bus.publish(customers.delete(three["张伟"]))
    wait_names(qtbot, pane, ["张伟明", "赵丽"])
    assert "2" in pane.count_label.text()


def test_clear_drops_everything_and_reload_brings_it_back(qtbot, make_pane, three):
    pane = make_pane(rows=3)
    pane.clear()
    assert pane.model.rowCount() == 0 and pane.model.cached_pages() == []
    assert pane.count_label.text() == ""
    pane.reload()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3, timeout=5000)


def test_focus_search_puts_the_cursor_in_the_search_box(qtbot, make_pane, three):
    pane = make_pane(rows=3)
    pane.show()
    qtbot.waitUntil(pane.isVisible)
    pane.activateWindow()
    pane.focus_search()
    qtbot.waitUntil(lambda: pane.search_box.hasFocus(), timeout=2000)


# Volume -------------------------------------------------------------------------------------------


def test_a_20000_customer_book_reads_only_the_pages_it_shows(qtbot, make_pane, store):
    fill_demo(store, 20000, 0, seed=1)
    pane = make_pane(rows=20000)
    pane.show()
    model = pane.model
    qtbot.waitUntil(lambda: 0 in model.cached_pages(), timeout=5000)  # the first page is painted
    pane.table.scrollToBottom()
    last_page = (20000 - 1) // PAGE_SIZE
    qtbot.waitUntil(lambda: last_page in model.cached_pages(), timeout=5000)
    assert len(model.cached_pages()) <= 3  # the first page, the last and perhaps the one before
    with store.read() as session:
        expected = list_customers(session, CustomerFilter(), CustomerSort.NAME, limit=1, offset=19999)[0]
    assert model.data(model.index(19999, NAME)) == expected.name
    assert model.customer_id_at(19999) == expected.id
    for page in range(0, last_page, 3):  # reading many pages keeps at most MAX_PAGES
        model.data(model.index(page * PAGE_SIZE, NAME))
    assert len(model.cached_pages()) <= MAX_PAGES
