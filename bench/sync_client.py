"""Benchmark of the sync client (storage/sync) against a real server. Prints figures only.

    .venv/bin/python -u bench/sync_client.py [--backend postgresql|sqlite] [--runs 3]

The server's database is seeded like bench/sync_server.py (manager "wang" owns 5,000 customers,
50,000 calls and 10,000 reminders) and served by a real `branchdesk-server` process on loopback.
Each device is a real encrypted profile (SQLCipher, key wrapped by a passphrase). Measured:
- the initial pull of wang's book into a fresh profile (median of --runs fresh profiles);
- an incremental sync with nothing to do (median / p95 of 30);
- an incremental sync carrying 100 local edits (median / p95 of 10);
- how long an edit takes to reach the manager's other online device: device A edits, waits the
  app's debounce and syncs; device B sits in the long poll (wait_for_changes) and syncs when it
  returns; the time from A's edit to the row in B's database (median / p95 of 20).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import text
from sync_load import PASSWORD
from sync_server import drop_database, fresh_database, seed, start_server

from storage.keystore import ScryptParams
from storage.profile import create_profile
from storage.services.customers import CustomerService
from storage.sync.client import SyncClient

DEBOUNCE = 1.0  # seconds the app waits after an edit before it syncs (desktop/sync_runner.py)


def device(folder: Path, name: str, base: str):
    store = create_profile(
        folder / name, passphrase="benchmark passphrase", use_keyring=False, scrypt=ScryptParams(n=2**14)
    )
    SyncClient.login(store, base, "wang", PASSWORD, device_name=name)
    return store, SyncClient(store)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(0.95 * len(values)) - 1)]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def initial_pulls(folder: Path, base: str, runs: int) -> tuple[object, SyncClient]:
    times, kept = [], None
    for n in range(runs):
        store, client = device(folder, f"initial-{n}", base)
        started = time.perf_counter()
        report = client.sync()
        times.append(time.perf_counter() - started)
        print(f"  initial pull #{n + 1}: {report.pulled:,} rows in {times[-1]:.1f} s", flush=True)
        if kept is None:
            kept = (store, client)
        else:
            client.close()
            store.close()
    print(f"  initial pull, median of {runs}: {statistics.median(times):.1f} s (target <= 10 s)")
    return kept


def incremental(store, client: SyncClient) -> None:
    idle = []
    for _ in range(30):
        started = time.perf_counter()
        client.sync()
        idle.append(time.perf_counter() - started)
    print(
        f"  sync with nothing to do: median {ms(statistics.median(idle))}, p95 {ms(p95(idle))}"
        " (target <= 100 ms)"
    )
    with store.read() as session:
        ids = [row for (row,) in session.execute(text("SELECT id FROM customer LIMIT 100"))]
    service, busy = CustomerService(store), []
    for round_ in range(10):
        for n, customer_id in enumerate(ids):
            service.update(customer_id, {"occupation": f"职业{round_}-{n}"})
        started = time.perf_counter()
        report = client.sync()
        busy.append(time.perf_counter() - started)
        assert report.pushed >= 100, report
    print(
        f"  sync with 100 local edits: median {ms(statistics.median(busy))}, p95 {ms(p95(busy))}"
        " (target <= 300 ms)"
    )


def propagation(folder: Path, base: str, store_a, client_a: SyncClient) -> None:
    store_b, client_b = device(folder, "second", base)
    client_b.sync()
    client_a.sync()
    with store_a.read() as session:
        target = session.execute(text("SELECT id FROM customer LIMIT 1")).scalar()
    arrived: dict[str, float] = {}
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            if client_b.wait_for_changes(5):
                client_b.sync()
                with store_b.read() as session:
                    value = session.execute(
                        text("SELECT occupation FROM customer WHERE id = :id"), {"id": target}
                    ).scalar()
                arrived.setdefault(value, time.perf_counter())

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    delays = []
    for n in range(20):
        value = f"传播{n}"
        edited = time.perf_counter()
        CustomerService(store_a).update(target, {"occupation": value})
        time.sleep(DEBOUNCE)
        client_a.sync()
        deadline = time.perf_counter() + 15
        while value not in arrived and time.perf_counter() < deadline:
            time.sleep(0.01)
        delays.append(arrived.get(value, deadline) - edited)
    stop.set()
    print(
        f"  an edit reaching the other device (incl. {DEBOUNCE:.0f} s debounce): "
        f"median {statistics.median(delays):.2f} s, "
        f"p95 {p95(delays):.2f} s (target p95 <= 3 s)"
    )
    listener.join(timeout=10)
    client_b.close()
    store_b.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="postgresql", choices=["postgresql", "sqlite"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bd-sync-client-"))
    url = fresh_database(args.backend, folder)
    print(f"== server on {args.backend}")
    try:
        seed(url, 5000, 10)
        process, base = start_server(url, folder, 2 if args.backend == "postgresql" else 1)
        try:
            store, client = initial_pulls(folder, base, args.runs)
            incremental(store, client)
            propagation(folder, base, store, client)
            client.close()
            store.close()
        finally:
            process.terminate()
            process.wait(timeout=60)
    finally:
        drop_database(url)


if __name__ == "__main__":
    main()
