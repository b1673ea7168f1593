"""Benchmark of the revisit rules on a branch-sized profile. Prints figures only.

    .venv/bin/python -u bench/rules.py [--customers 100000] [--keep DIR]

Measures: all rules from scratch over the whole book (median of --repeat runs, each on a fresh
copy of the profile); the daily re-evaluation of the whole book in batches (what the app runs each
day, nothing new to create); incremental evaluation for one customer after one change (a logged
call), median of 30.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from storage.bulk_load import fill_demo
from storage.keystore import ScryptParams
from storage.profile import create_profile, open_profile
from storage.rules.revisit_rules import RevisitRules
from storage.services.calls import CallService

PASSPHRASE = "bench passphrase"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--calls-per-customer", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="a generated profile folder to reuse (kept as it is)")
    parser.add_argument("--repeat", type=int, default=3, help="from-scratch runs, each on a fresh copy")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-rules-")) / "profile"
    if not (folder / "key.json").exists():
        store = create_profile(folder, passphrase=PASSPHRASE, use_keyring=False, scrypt=ScryptParams(n=2**14))
        fill_demo(store, args.customers, args.calls_per_customer, seed=1)
        store.close()
    work = folder.parent / "evaluated"
    fulls = []
    for _ in range(args.repeat):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(folder, work)
        store = open_profile(work, passphrase=PASSPHRASE)
        rules = RevisitRules(store)
        start = time.perf_counter()
        changes = rules.evaluate()
        fulls.append(time.perf_counter() - start)
        if len(fulls) < args.repeat:
            store.close()
    print(
        f"all rules from scratch: median {statistics.median(fulls):.1f} s of {[round(f, 1) for f in fulls]}, "
        f"{len(changes.reminders):,} reminders for {len(changes.customers):,} customers (target <= 10 s)"
    )
    start = time.perf_counter()
    daily = rules.evaluate_book()
    print(
        f"daily re-evaluation of the whole book in batches of 20,000: {time.perf_counter() - start:.1f} s, "
        f"{len(daily.reminders):,} reminders changed"
    )
    with store.read() as session:
        ids = session.execute(
            text("SELECT id FROM customer WHERE deleted = 0 ORDER BY random() LIMIT 30")
        ).scalars()
        ids = list(ids)
    calls, samples = CallService(store), []
    for cid in ids:
        calls.log_call(
            cid,
            {
                "channel": "phone",
                "purpose": "periodic_revisit",
                "outcome": "reached",
                "occurred_at": datetime.now(UTC) - timedelta(minutes=1),
            },
        )
        start = time.perf_counter()
        rules.evaluate([cid])
        samples.append((time.perf_counter() - start) * 1000)
    print(
        f"incremental, one customer after a logged call: median {statistics.median(samples):.1f} ms, "
        f"max {max(samples):.1f} ms (target <= 50 ms)"
    )
    store.close()
    shutil.rmtree(work)
    if not args.keep:
        shutil.rmtree(folder.parent)


if __name__ == "__main__":
    main()
