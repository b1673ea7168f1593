"""The call log pane and its model on a real encrypted profile: order, paging, bus reloads, switching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from desktop.change_bus import ChangeBus
from storage.errors import LockedError
from storage.models import CallLog
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from ui.models.call_log_model import (
    DURATION,
    NEXT_STEP,
    PAGE_SIZE,
    SATISFACTION,
    SUMMARY,
    CallLogModel,
    read_page,
)
from ui.panes.call_log_pane import CallLogPane

CALL = {"channel": "phone", "purpose": "periodic_revisit", "outcome": "reached"}
NOW = datetime.now(UTC).replace(microsecond=0)


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@pytest.fixture
def calls(store):
    return CallService(store)


@pytest.fixture
def li(store):
    return CustomerService(store).create({"name": "李娜", "mobile": "13700137000"}).new_id


@pytest.fixture
def wang(store):
    return CustomerService(store).create({"name": "王芳", "mobile": "13800138000"}).new_id


@pytest.fixture
def pane(qtbot, calls):
    bus = ChangeBus()
    widget = CallLogPane(calls, bus)
    widget.bus = bus  # the test's handle on the bus the pane listens to
    qtbot.addWidget(widget)
    return widget


def log(calls: CallService, customer_id: str, hours_ago: float, **fields) -> str:
    return calls.log_call(
        customer_id, {**CALL, "occurred_at": NOW - timedelta(hours=hours_ago), **fields}
    ).new_id


def shown_ids(pane: CallLogPane) -> list[str]:
    return pane.model.call_ids()


def show(qtbot, pane: CallLogPane, customer_id: str, name: str, count: int) -> None:
    pane.show_customer(customer_id, name)
    qtbot.waitUntil(
        lambda: pane.model.customer_id == customer_id and pane.model.rowCount() == count, timeout=5000
    )


def test_shows_a_customers_calls_newest_first(qtbot, pane, calls, li):
    middle = log(calls, li, 5, satisfaction=4, duration_seconds=125, summary="问了年费\n客户想提额到5万")
    newest = log(calls, li, 1, next_step="寄送资料", next_step_at=NOW + timedelta(days=2))
    oldest = log(calls, li, 30, channel="wechat", purpose="care", outcome="no_answer")
    show(qtbot, pane, li, "李娜", 3)
    assert shown_ids(pane) == [newest, middle, oldest]
    assert pane.title.text() == tr("CallLogPane", "Calls with %1").replace("%1", "李娜")
    model = pane.model
    assert model.index(1, SATISFACTION).data() == "★★★★☆ 4"
    assert "4" in model.index(1, SATISFACTION).data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.index(1, DURATION).data() == "2:05"
    assert model.index(1, SUMMARY).data() == "问了年费"
    assert "客户想提额到5万" in model.index(1, SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, NEXT_STEP).data().startswith("寄送资料")
    assert model.index(2, 1).data() == tr("Labels", "WeChat")
    assert model.index(2, SATISFACTION).data() == ""


def test_selecting_a_call_shows_its_full_summary_and_next_step(qtbot, pane, calls, li):
    log(calls, li, 2, summary="第一行\n第二行：客户要求寄送账单", next_step="周五回电")
    show(qtbot, pane, li, "李娜", 1)
    pane.table.selectRow(0)
    assert "第二行：客户要求寄送账单" in pane.detail.toPlainText()
    assert "周五回电" in pane.detail.toPlainText()


def test_model_pages_through_120_calls_in_order_without_duplicates(store, calls, li):
    # Pairs of calls share a time, so the keyset's id tie-break is exercised on page boundaries.
    with store.write() as tx:
        manager = store.actor.id
        for i in range(120):
            tx.insert(CallLog(customer_id=li, manager_id=manager, owner_manager_id=manager,
                              occurred_at=NOW - timedelta(minutes=i // 2), **CALL))  # fmt: skip
    with store.read() as session:
        expected = [
            row.id
            for row in sorted(
                session.query(CallLog).filter_by(customer_id=li), key=lambda r: (r.occurred_at, r.id)
            )
        ][::-1]
    model = CallLogModel(calls)
    model.set_calls(li, read_page(calls, li))
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    fetches = 0
    while model.canFetchMore():
        model.fetchMore()
        fetches += 1
    assert fetches == 2 and model.rowCount() == 120
    assert model.call_ids() == expected
    assert len(set(model.call_ids())) == 120


def test_pane_starts_with_one_page_of_a_long_history(qtbot, pane, calls, li):
    for i in range(PAGE_SIZE + 5):
        log(calls, li, i + 1)
    show(qtbot, pane, li, "李娜", PAGE_SIZE)
    assert pane.model.canFetchMore()
    pane.model.fetchMore()
    assert pane.model.rowCount() == PAGE_SIZE + 5 and not pane.model.canFetchMore()


def test_a_call_published_on_the_bus_appears_at_the_top(qtbot, pane, calls, li):
    log(calls, li, 3)
    show(qtbot, pane, li, "李娜", 1)
    changes = calls.log_call(li, {**CALL, "occurred_at": NOW})
    pane.bus.publish(changes)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)
    assert shown_ids(pane)[0] == changes.new_id


def test_switching_customers_shows_only_the_new_customers_calls(qtbot, pane, calls, li, wang):
    li_calls = {log(calls, li, 1), log(calls, li, 2)}
    wang_call = log(calls, wang, 4)
    show(qtbot, pane, li, "李娜", 2)
    assert set(shown_ids(pane)) == li_calls
    pane.show_customer(wang, "王芳")
    assert not li_calls & set(shown_ids(pane))  # never the old calls under the new name
    qtbot.waitUntil(lambda: shown_ids(pane) == [wang_call], timeout=5000)
    assert "王芳" in pane.title.text()
    pane.show_customer("", "")
    assert pane.model.rowCount() == 0 and not pane.log_call_button.isEnabled()
    assert "王芳" not in pane.title.text()


def test_log_a_call_button_asks_for_the_dialog(qtbot, pane, calls, li):
    show(qtbot, pane, li, "李娜", 0)
    assert "Ctrl+L" in pane.log_call_button.toolTip()
    with qtbot.waitSignal(pane.sig_log_call_requested, timeout=1000) as blocker:
        qtbot.mouseClick(pane.log_call_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [li, ""]


def test_clear_drops_the_calls_and_a_failed_page_stops_paging(qtbot, pane, store, calls, li):
    for i in range(PAGE_SIZE):
        log(calls, li, i + 1)
    show(qtbot, pane, li, "李娜", PAGE_SIZE)
    store.lock()
    with qtbot.waitSignal(pane.model.sig_fetch_failed, timeout=1000) as blocker:
        pane.model.fetchMore()
    assert isinstance(blocker.args[0], LockedError)
    assert not pane.model.canFetchMore() and not pane.message.isHidden()
    pane.clear()
    assert pane.model.rowCount() == 0 and pane.customer_id == ""
