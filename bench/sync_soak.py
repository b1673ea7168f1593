"""The sync soak: the randomized simulation (tests/sync/simulation.py) over many seeds.

    .venv/bin/python -u bench/sync_soak.py [--seeds 10000] [--first 0] [--workers 2]
                                           [--backend sqlite|postgresql] [--steps 30]

Each worker process runs its own world — a real `branchdesk-server` on loopback and seven laptops
(real encrypted profiles) behind fault-injecting proxies — over its share of the seeds. Prints
progress, then how many seeds ran and how many failed, with each failing seed and its first
lines (re-run one with BRANCHDESK_SIM_SEED=<n> pytest tests/sync/test_sync_simulation.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def worker(index: int, workers: int, first: int, seeds: int, backend: str, steps: int, queue) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sync_server import drop_database, fresh_database

    from server.accounts.service import add_user
    from server.database import Database
    from server.migrate import migrate
    from server.org.service import add_branch
    from tests.conftest import FAST_SCRYPT
    from tests.server.conftest import PASSWORD, start_server
    from tests.sync import simulation

    folder = Path(tempfile.mkdtemp(prefix=f"bd-soak-{index}-"))
    url = fresh_database(backend, folder)
    database = Database(url)
    migrate(database)
    with database.transaction() as session:
        add_branch(session=session, code="0101", name="南京路支行")
        for name, role in (("wang", "manager"), ("li", "manager"), ("zhou", "supervisor")):
            add_user(
                session=session,
                username=name,
                display_name=name,
                role=role,
                branch_code="0101",
                password=PASSWORD,
            )
    processes = []

    def start() -> str:
        for old in processes:
            old.terminate()
            old.wait(timeout=10)
        process, base = start_server("--database-url", url)
        processes.append(process)
        return base

    simulation._FAST = FAST_SCRYPT
    world = simulation.World(database, start(), folder, PASSWORD, start)
    try:
        for seed in range(first + index, first + seeds, workers):
            try:
                simulation.run_seed(world, seed, steps)
                queue.put((seed, None))
            except Exception as exc:  # every failure is reported with its seed, then the next one runs
                queue.put((seed, "".join(traceback.format_exception_only(exc)).strip()))
    finally:
        world.close()
        for process in processes:
            if process.poll() is None:
                process.terminate()
        database.dispose()
        drop_database(url)
        queue.put((None, None))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    queue = multiprocessing.get_context("spawn").Queue()
    context = multiprocessing.get_context("spawn")
    procs = [
        context.Process(
            target=worker, args=(i, args.workers, args.first, args.seeds, args.backend, args.steps, queue)
        )
        for i in range(args.workers)
    ]
    for proc in procs:
        proc.start()
    started, ran, failed, running = time.monotonic(), 0, [], args.workers
    while running:
        seed, error = queue.get()
        if seed is None:
            running -= 1
            continue
        ran += 1
        if error:
            failed.append((seed, error))
            print(f"seed {seed} FAILED: {error.splitlines()[0][:300]}", flush=True)
        if ran % 100 == 0:
            rate = ran / (time.monotonic() - started)
            print(f"{ran:,} seeds run, {len(failed)} failed ({rate:.2f} seeds/s)", flush=True)
    for proc in procs:
        proc.join()
    took = time.monotonic() - started
    print(
        f"ran {ran:,} seeds ({args.first}..{args.first + args.seeds - 1}) on {args.backend} "
        f"in {took / 60:.1f} min; failed: {len(failed)}"
    )
    for seed, error in failed:
        print(f"  seed {seed}: {error[:500]}")
    raise SystemExit(1 if failed or ran < args.seeds else 0)


if __name__ == "__main__":
    main()
