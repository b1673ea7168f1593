"""The background sync runner against a real server process (SQLite and PostgreSQL): the status bar
from "not connected" to online, offline with growing back-off and back; a window that keeps
turning on a slow line; an edit reaching the other laptop through the long poll; a reminder done
on one laptop leaving the other; a reassignment told once; signed out; lock and unlock."""

from __future__ import annotations

import itertools
import time
from datetime import timedelta

import httpx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from desktop.app_context import AppContext
from desktop.change_bus import ChangeBus
from desktop.sync_runner import SyncRunner, SyncTimings
from desktop.translations import install_translators
from storage.changes import Changes
from storage.errors import BranchDeskError
from storage.profile import unlock
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService
from storage.sync.notices import unseen_notices
from storage.timeutil import utc_now
from tests.server.conftest import PASSWORD
from tests.ui.sync_server import DEVICE_PASSPHRASE, pull_until, serve, stop
from ui.dialogs.connect_dialog import ConnectDialog
from ui.main_window import MainWindow
from ui.status_bar import MainStatusBar
from ui.sync_controls import SyncControls

NEW = {"name": "张伟", "mobile": "13800138000", "tier": "standard", "lifecycle_stage": "active"}
FAST = SyncTimings(
    debounce_ms=200, periodic_ms=60_000, wait_seconds=5, first_retry_ms=100, max_retry_ms=1600, jitter=0.2
)


@pytest.fixture(autouse=True)
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def runners():
    """`runners(store, bus)` makes a runner with short timings; all are shut down afterwards."""
    made: list[SyncRunner] = []

    def make(store, bus: ChangeBus) -> SyncRunner:
        runner = SyncRunner(store, bus, timings=FAST, watch_network=False)
        made.append(runner)
        return runner

    yield make
    for runner in made:
        runner.shutdown(timeout=5)


def customer(number: int = 0) -> dict:
    return {**NEW, "mobile": f"1380013{number:04d}"}


def status_bar(qtbot, context: AppContext) -> MainStatusBar:
    bar = MainStatusBar(context, context.sync_runner)
    qtbot.addWidget(bar)
    return bar


def online_and_waiting(qtbot, *runners: SyncRunner) -> None:
    qtbot.waitUntil(lambda: all(r.state == "online" and r.waiting for r in runners), timeout=30_000)


def test_status_bar_from_not_connected_to_online_offline_and_back(
    qtbot, sync_database, laptops, new_manager, runners
):
    user = new_manager()
    process, url = serve(sync_database)
    try:
        laptop = laptops("laptop", user, login=False)
        CustomerService(laptop.store).create(customer())  # entered before the laptop was connected
        context = AppContext(laptop.store, laptop.store.db_path.parent)
        runner = context.sync_runner = runners(laptop.store, context.bus)
        bar = status_bar(qtbot, context)
        states = []
        runner.sig_state.connect(lambda state, _message: states.append(state))
        runner.start()
        assert bar.connection.text() == "未连接服务器"
        qtbot.waitUntil(lambda: bar.pending.text() == "2 项修改待发送", timeout=10_000)  # customer, audit

        dialog = ConnectDialog(runner)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.server.setText(url)
        dialog.username.setText(user.username)
        dialog.password.setText("not the password")
        dialog.connect_to_server()
        qtbot.waitUntil(lambda: "用户名或密码错误" in dialog.message.text(), timeout=20_000)
        assert dialog.isVisible() and runner.state == "not_configured"
        dialog.password.setText(PASSWORD)
        with qtbot.waitSignal(dialog.accepted, timeout=20_000):
            dialog.connect_to_server()
        qtbot.waitUntil(lambda: runner.state == "online", timeout=30_000)
        assert states == ["syncing", "online"]  # from "not connected", where it started
        assert bar.connection.text() == "在线"
        assert bar.last_sync.text().startswith("上次同步 ") and ":" in bar.last_sync.text()
        assert bar.pending.text() == "0 项修改待发送"

        delays: list[int] = []
        runner.sig_retry_scheduled.connect(delays.append)
        stop(process)  # the server goes away
        changes = CustomerService(laptop.store).create(customer(1))
        context.bus.publish(changes)
        qtbot.waitUntil(lambda: len(delays) >= 4, timeout=30_000)
        assert runner.state == "offline" and bar.connection.text() == "离线"
        assert "无法连接服务器" in bar.connection.toolTip()
        assert all(later > earlier for earlier, later in itertools.pairwise(delays)), delays
        assert delays[0] <= 120 and delays[3] >= 640  # 100 ms doubling, ±20 %
        assert bar.pending.text() == "2 项修改待发送"  # kept, to be sent later

        process, _ = serve(sync_database, int(url.rsplit(":", 1)[1]))  # back on the same address
        qtbot.waitUntil(lambda: runner.state == "online", timeout=30_000)
        assert bar.connection.text() == "在线" and bar.pending.text() == "0 项修改待发送"
        assert max(delays) <= 1600 * 1.2
    finally:
        stop(process)


def test_the_window_keeps_turning_while_a_sync_waits_on_a_slow_server(
    qtbot, laptops, new_manager, slow_proxy, runners
):
    laptop = laptops("laptop", new_manager(), server=slow_proxy.url)
    for number in range(3):
        CustomerService(laptop.store).create(customer(number))
    slow_proxy.delay = 1.5  # every answer of the server held back 1.5 s
    context = AppContext(laptop.store, laptop.store.db_path.parent)
    context.sync_runner = runners(laptop.store, context.bus)
    bar = status_bar(qtbot, context)
    ticks: list[float] = []
    timer = QTimer(interval=20, timeout=lambda: ticks.append(time.monotonic()))
    timer.start()
    began = time.monotonic()
    context.sync_runner.start()
    assert time.monotonic() - began < 0.5  # start() only queues the sync
    assert bar.connection.text() == "同步中…"
    qtbot.waitUntil(lambda: context.sync_runner.state == "online", timeout=60_000)
    took = time.monotonic() - began
    timer.stop()
    during = [t for t in ticks if t <= began + took]
    gaps = [later - earlier for earlier, later in itertools.pairwise(during)]
    assert took > 3.0, took  # refresh, people, push, pull: each answer held 1.5 s
    assert max(gaps) < 1.0, max(gaps)  # the event loop kept turning all along
    assert len(during) > took / 0.02 / 4


def test_an_edit_on_one_laptop_reaches_the_other_within_seconds(qtbot, laptops, new_manager, runners):
    user = new_manager()
    a, b = laptops("a", user), laptops("b", user)
    bus_a, bus_b = ChangeBus(), ChangeBus()
    runner_a, runner_b = runners(a.store, bus_a), runners(b.store, bus_b)
    runner_a.start()
    runner_b.start()
    online_and_waiting(qtbot, runner_a, runner_b)
    arrived: list[tuple[float, object]] = []
    bus_b.sig_changed.connect(lambda changes: arrived.append((time.monotonic(), changes)))
    changes = CustomerService(a.store).create(customer())
    edited = time.monotonic()
    bus_a.publish(changes)  # as the detail pane does after saving
    qtbot.waitUntil(lambda: any(changes.new_id in c.customers for _, c in arrived), timeout=15_000)
    [seen] = [at for at, c in arrived if changes.new_id in c.customers]
    assert seen - edited < 3.0, seen - edited  # debounce, A's push, B's long poll and pull
    assert CustomerService(b.store).get(changes.new_id).name == "张伟"


def test_a_reminder_done_on_one_laptop_leaves_the_other_after_its_sync(qtbot, laptops, new_manager, runners):
    user = new_manager()
    a, b = laptops("a", user), laptops("b", user)
    made = CustomerService(a.store).create(customer()).new_id
    due = utc_now() - timedelta(minutes=5)
    reminder = ReminderService(a.store).create(made, {"kind": "follow_up", "due_at": due}).new_id
    a.sync()
    pull_until(b, lambda: [r.id for r in ReminderService(b.store).overdue()] == [reminder])
    context = AppContext(b.store, b.store.db_path.parent)
    context.sync_runner = runners(b.store, context.bus)
    window = MainWindow(context)
    qtbot.addWidget(window)
    pane = window.reminder_pane
    qtbot.waitUntil(lambda: pane.model.find(reminder, "overdue").isValid(), timeout=10_000)
    window.start_sync()
    online_and_waiting(qtbot, context.sync_runner)
    checks: list[int] = []
    window.automation.scheduler.sig_checked.connect(lambda: checks.append(1))
    ReminderService(a.store).complete(reminder)
    a.sync()
    qtbot.waitUntil(lambda: pane.model.find(reminder, "done").isValid(), timeout=15_000)
    assert not pane.model.find(reminder, "overdue").isValid()  # no longer due here either
    assert [r.id for r in ReminderService(b.store).overdue()] == []
    qtbot.waitUntil(lambda: bool(checks), timeout=10_000)  # the scheduler planned again
    window.close()


def test_a_reassignment_is_told_once(qtbot, sync_server, laptops, new_manager, runners):
    wang, li = new_manager("王芳"), new_manager("李娜")
    laptop = laptops("laptop", wang)
    made = CustomerService(laptop.store).create(customer()).new_id
    laptop.sync()
    context = AppContext(laptop.store, laptop.store.db_path.parent)
    runner = context.sync_runner = runners(laptop.store, context.bus)
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = status_bar(qtbot, context)
    window.setStatusBar(bar)
    controls = SyncControls(window, context, bar)
    told: list[list] = []
    runner.sig_notices.connect(told.append)
    controls.start()
    online_and_waiting(qtbot, runner)

    tokens = httpx.post(
        f"{sync_server}/v1/login", json={"username": "zhou", "password": PASSWORD, "device_id": "z"}
    ).json()
    moved = httpx.post(
        f"{sync_server}/v1/sync/reassign",
        json={"customer_id": made, "to": li.id},
        headers={"Authorization": f"Bearer {tokens['access_token']}", "X-BranchDesk-Protocol": "1"},
    )
    assert moved.status_code == 200, moved.text
    qtbot.waitUntil(
        lambda: controls.notice_box is not None and controls.notice_box.isVisible(), timeout=15_000
    )
    assert controls.notice_box.text() == "张伟 已由主管改派给 李娜。"
    assert "张伟" in bar.currentMessage()
    qtbot.waitUntil(lambda: unseen_notices(laptop.store) == [], timeout=10_000)
    with qtbot.waitSignal(runner.sig_synced, timeout=15_000):
        runner.sync_now()
    assert len(told) == 1
    with pytest.raises(BranchDeskError):
        CustomerService(laptop.store).get(made)  # left this laptop


def test_signed_out_elsewhere_asks_to_log_in_again_and_lock_pauses(qtbot, laptops, new_manager, runners):
    laptop = laptops("laptop", new_manager())
    context = AppContext(laptop.store, laptop.store.db_path.parent)
    runner = context.sync_runner = runners(laptop.store, context.bus)
    bar = status_bar(qtbot, context)
    runner.start()
    online_and_waiting(qtbot, runner)

    states: list[str] = []
    runner.sig_state.connect(lambda state, _message: states.append(state))
    runner.lock()
    laptop.store.lock()
    context.bus.publish(_changes("x"))  # a change published as the window locks
    qtbot.wait(600)
    assert states == [] and laptop.store.locked  # nothing touched the locked store
    unlock(laptop.store, passphrase=DEVICE_PASSPHRASE)
    with qtbot.waitSignal(runner.sig_synced, timeout=20_000):
        runner.unlock()
    assert states[-2:] == ["syncing", "online"]

    laptop.client.logout()  # the device is signed out on the server (as IT revoking it would)
    runner.sync_now()
    qtbot.waitUntil(lambda: runner.state == "signed_out", timeout=20_000)
    assert bar.connection.text() == "需要重新登录" and "重新登录" in bar.connection.toolTip()
    with qtbot.waitSignal(bar.sig_connect_requested, timeout=1000):
        bar.connection.click()
    context.bus.publish(_changes("y"))  # edits keep being kept, but no sync starts by itself
    qtbot.wait(600)
    assert runner.state == "signed_out"


def _changes(customer_id: str) -> Changes:
    return Changes(customers=frozenset({customer_id}))
