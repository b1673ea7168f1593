"""Benchmark of the window on a branch-sized profile. Prints figures; passes or fails nothing.

    .venv/bin/python -u bench/ui.py [--customers 100000] [--calls-per-customer 10] [--keep DIR]

Measures (targets from the main-window issue): start to window shown with the first page of the
list painted; search-as-you-type result shown after the debounce; a filter change; sorting by
each sortable column; selecting a customer until detail and call log are filled; resident memory
with the whole list open.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen warns on every window
PASSPHRASE = "bench passphrase"


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_profile(folder: Path, customers: int, calls: int) -> None:
    from storage.bulk_load import fill_demo
    from storage.keystore import ScryptParams
    from storage.profile import create_profile

    store = create_profile(
        folder,
        passphrase=PASSPHRASE,
        use_keyring=False,
        scrypt=ScryptParams(n=2**14),
        manager_name="基准经理",
    )
    start = time.perf_counter()
    fill_demo(store, customers, calls, seed=1)
    took = time.perf_counter() - start
    print(f"profile: {customers:,} customers, {customers * calls:,} calls in {took:.0f} s")
    store.close()


def child_startup(folder: Path) -> None:
    """Run as a child process: start the app, report when the first page of the list is painted."""
    from PySide6.QtWidgets import QApplication

    from desktop.cli import build_parser
    from ui.app import AppController

    app = QApplication(sys.argv[:1])
    controller = AppController(app)
    args = build_parser().parse_args(["--data-dir", str(folder)])
    controller.apply_language("")
    store, _demo = controller.open_store(args)
    from desktop.app_context import AppContext

    window = controller.show_window(AppContext(store, folder))
    pane = window.customer_list
    while pane.model.rowCount() == 0:
        app.processEvents()
    pane.table.viewport().repaint()  # the first page really painted
    print(f"FIRST_PAGE {time.time():.6f} RSS {rss_mb():.0f}", flush=True)
    store.close()
    os._exit(0)


def measure_startup(folder: Path, runs: int) -> list[float]:
    env = {**os.environ, "BRANCHDESK_PASSPHRASE": PASSPHRASE}
    times = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child-startup", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        line = next(line for line in out.splitlines() if line.startswith("FIRST_PAGE"))
        times.append(float(line.split()[1]) - start)
    return times


def wait(app, condition, timeout: float = 30.0) -> float:
    """Process events until `condition()`; returns the milliseconds it took."""
    from PySide6.QtCore import QEventLoop

    start = time.perf_counter()
    while not condition():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() - start > timeout:
            raise TimeoutError
    return (time.perf_counter() - start) * 1000


def landed(app, pane, action) -> float:
    """Milliseconds from `action()` until the list pane shows a new result."""
    before = pane.result
    start = time.perf_counter()
    action()
    wait(app, lambda: pane.result is not before)
    return (time.perf_counter() - start) * 1000


def summary(label: str, samples: list[float], target: str) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    median = statistics.median(ordered)
    print(f"{label:48} median {median:8.1f}  p95 {p95:8.1f}  max {ordered[-1]:8.1f}  ({target})")


def measure_in_process(folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.change_bus import ChangeBus
    from desktop.settings import Settings
    from storage.profile import open_profile
    from storage.services.calls import CallService
    from storage.services.cards import CardService
    from storage.services.customers import CustomerService
    from storage.services.tags import TagService
    from ui.panes.call_log_pane import CallLogPane
    from ui.panes.customer_detail_pane import CustomerDetailPane
    from ui.panes.customer_list_pane import CustomerListPane

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = open_profile(folder, passphrase=PASSPHRASE)
    bus = ChangeBus()
    tags = TagService(store)
    pane = CustomerListPane(store, tags, bus, Settings(Path(tempfile.mkdtemp()) / "s.ini"))
    pane.resize(900, 700)
    pane.show()
    wait(app, lambda: pane.model.rowCount() > 0)

    with store.read() as session:
        from sqlalchemy import text

        people = session.execute(
            text(
                "SELECT name, name_initials, mobile, id FROM customer "
                "WHERE deleted = 0 ORDER BY random() LIMIT 60"
            )
        ).all()
    queries = []
    for name, initials, mobile, _ in people[:40]:
        queries += [name[:1], name[:2], initials[:2], mobile[-4:]]
    search = [landed(app, pane, lambda q=q: (pane.search_box.setText(q), pane.reload())) for q in queries]
    pane.search_box.setText("")
    summary("search result shown after the debounce", search, "target <= 100 ms")

    flags = pane.filters.flag_actions
    filter_times = []
    for action in flags * 3:
        filter_times.append(landed(app, pane, action.trigger))
        filter_times.append(landed(app, pane, action.trigger))
    summary("filter change (each chip on / off)", filter_times, "target <= 150 ms")

    sort_times = []
    for column in range(pane.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            if not pane.model.headerData(column, Qt.Orientation.Horizontal):
                continue
            before = pane.result
            start = time.perf_counter()
            pane.model.sort(column, order)
            if pane.result is before:
                try:
                    wait(app, lambda b=before: pane.result is not b, timeout=5)
                except TimeoutError:
                    continue  # a column that does not sort (mobile, tags)
            sort_times.append((time.perf_counter() - start) * 1000)
    summary("sort by a column (100,000 rows)", sort_times, "target <= 300 ms")

    detail = CustomerDetailPane(CustomerService(store), CardService(store), tags, bus)
    calls = CallLogPane(CallService(store), bus)
    detail.show()
    calls.show()
    select_times = []
    for name, _, _, cid in people[:30]:
        start = time.perf_counter()
        detail.show_customer(cid)
        calls.show_customer(cid, name)
        wait(
            app,
            lambda c=cid: (
                detail.current_customer_id() == c
                and calls.model.rowCount() > 0
                and calls.model.customer_id == c
            ),
        )
        select_times.append((time.perf_counter() - start) * 1000)
    summary("select a customer: detail + call log filled", select_times, "target <= 100 ms")

    pane.table.scrollToBottom()
    wait(app, lambda: True)
    print(f"resident memory with the full list open: {rss_mb():.0f} MB (target <= 400 MB)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--calls-per-customer", type=int, default=10)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the profile in this folder")
    parser.add_argument("--child-startup", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_startup:
        child_startup(args.child_startup)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-ui-bench-")) / "profile"
    if not (folder / "key.json").exists():
        make_profile(folder, args.customers, args.calls_per_customer)
    starts = measure_startup(folder, args.starts)
    summary("start to first page of the list painted", [t * 1000 for t in starts], "target <= 1500 ms")
    measure_in_process(folder)
    if not args.keep:
        shutil.rmtree(folder.parent)


if __name__ == "__main__":
    main()
