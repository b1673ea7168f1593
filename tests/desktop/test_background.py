"""The background operation helper: results on the GUI thread, stale results dropped."""

from __future__ import annotations

import threading

from desktop.background import LatestOnly, Operation, WorkerThread


def test_result_arrives_on_the_gui_thread_without_keeping_a_reference(qtbot):
    seen = []
    gui = threading.get_ident()
    Operation(lambda: threading.get_ident()).success(
        lambda worker: seen.append((worker, threading.get_ident()))
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    worker, delivered_on = seen[0]
    assert worker != gui and delivered_on == gui


def test_errors_reach_the_failure_callback(qtbot):
    errors = []
    Operation(lambda: 1 / 0).success(lambda _r: None).failure(errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_latest_only_drops_superseded_results(qtbot):
    gate = threading.Event()
    landed = []
    slot = LatestOnly()
    slot.run(Operation(lambda: gate.wait(5) and "old").success(landed.append))
    slot.run(Operation(lambda: "new").success(landed.append))
    qtbot.waitUntil(lambda: landed == ["new"], timeout=5000)
    gate.set()
    qtbot.wait(200)
    assert landed == ["new"]


def test_many_signals_do_not_corrupt_the_interpreter(qtbot):
    # PySide6 6.12.0 lost a reference to True on every emit and aborted Python after ~600.
    done = []
    for i in range(1500):
        Operation(lambda i=i: i).success(done.append).run_in_background()
    qtbot.waitUntil(lambda: len(done) == 1500, timeout=20000)
    assert sorted(done) == list(range(1500))


def test_a_worker_thread_runs_its_operations_in_order_on_one_thread_of_its_own(qtbot):
    worker = WorkerThread("test-worker")
    gate = threading.Event()
    seen: list[tuple[int, int]] = []
    Operation(lambda: gate.wait(5) and (0, threading.get_ident())).success(seen.append).run_in_background(
        worker
    )
    for i in (1, 2):
        Operation(lambda i=i: (i, threading.get_ident())).success(seen.append).run_in_background(worker)
    qtbot.wait(100)
    assert seen == []  # queued behind the first, which waits
    gate.set()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert [i for i, _ in seen] == [0, 1, 2]
    assert len({thread for _, thread in seen}) == 1 and seen[0][1] != threading.get_ident()
    worker.retire()  # the next operation gets a fresh thread
    Operation(lambda: threading.get_ident()).success(seen.append).run_in_background(worker)
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5000)
    assert worker.join(5)
