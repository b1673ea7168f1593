"""Benchmark of the reminder scheduler's periodic check on a branch-sized profile. Prints figures.

    .venv/bin/python -u bench/scheduler.py [--customers 100000] [--keep DIR]

Measures the CPU time of one check when nothing is due (the 30-second tick), of the overdue
recount (the tray's number, after changes), and of the catch-up on a first start that finds
every overdue reminder of a demo book.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.notice_planner import NoticePlanner, NoticeSettings
from storage.bulk_load import fill_demo
from storage.keystore import ScryptParams
from storage.local_state import write_state
from storage.profile import create_profile, open_profile
from storage.rules.revisit_rules import RevisitRules
from storage.services.due_notices import NOTIFIED_UNTIL, DueNotices
from storage.timeutil import utc_now

PASSPHRASE = "bench passphrase"


def cpu_ms(work, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.process_time()
        work()
        samples.append((time.process_time() - start) * 1000)
    return samples


def qt_tick_cpu_ms(planner: NoticePlanner, now, runs: int) -> list[float]:
    """CPU of whole ReminderScheduler ticks (all threads), each waited for until it has finished."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from desktop.reminder_scheduler import ReminderScheduler

    app = QCoreApplication.instance() or QCoreApplication([])
    scheduler = ReminderScheduler(planner, clock=lambda: now)
    done = QEventLoop()
    scheduler.sig_checked.connect(done.quit)
    samples = []
    for _ in range(runs):
        start = time.process_time()
        scheduler.check()
        done.exec()
        samples.append((time.process_time() - start) * 1000)
    del app
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="a profile folder to reuse (it is changed)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-sched-")) / "profile"
    if not (folder / "key.json").exists():
        store = create_profile(folder, passphrase=PASSPHRASE, use_keyring=False, scrypt=ScryptParams(n=2**14))
        fill_demo(store, args.customers, 10, seed=1)
        RevisitRules(store).evaluate()
        store.close()
    store = open_profile(folder, passphrase=PASSPHRASE)
    notices = DueNotices(store)
    planner = NoticePlanner(notices, NoticeSettings(digest_enabled=False))
    now = utc_now()
    with store.read() as session:
        total = session.connection().exec_driver_sql("SELECT count(*) FROM reminder").scalar()
    overdue = notices.overdue_count(now)
    print(f"profile: {total:,} reminders, {overdue:,} open and overdue")

    write_state(store, NOTIFIED_UNTIL, (now - timedelta(days=400)).isoformat())
    start = time.perf_counter()
    result = planner.check(now)
    print(
        f"first start, catch-up of everything overdue: {(time.perf_counter() - start) * 1000:.1f} ms wall, "
        f"{len(result.announcements)} summary for {result.announcements[0].total:,} reminders"
    )
    planner.check(now)  # the watermark is now at `now`
    idle = cpu_ms(lambda: planner.check(now + timedelta(seconds=1)), 300)
    print(
        f"periodic check, nothing due: CPU median {statistics.median(idle):.2f} ms, "
        f"p95 {sorted(idle)[int(len(idle) * 0.95)]:.2f} ms (target <= 5 ms)"
    )
    tick = qt_tick_cpu_ms(planner, now + timedelta(seconds=2), 200)
    print(
        f"the same tick through the Qt scheduler (thread pool, signals): CPU median "
        f"{statistics.median(tick):.2f} ms, p95 {sorted(tick)[int(len(tick) * 0.95)]:.2f} ms"
    )
    recount = cpu_ms(lambda: notices.overdue_count(now), 50)
    print(f"overdue recount (tray, after a change): CPU median {statistics.median(recount):.1f} ms")
    store.close()
    if not args.keep:
        shutil.rmtree(folder.parent)


if __name__ == "__main__":
    main()
