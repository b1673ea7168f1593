"""Benchmark of the sync server on PostgreSQL and SQLite side by side. Prints figures only.

    .venv/bin/python -u bench/sync_server.py [--customers 100000] [--calls 10] [--backends postgresql,sqlite]

For each database: a fresh schema, a branch of `--customers` customers with `--calls` calls each and
one reminder per ten customers (rows written straight into the server's tables: it is the pulls
and pushes that are measured), of which one manager ("wang") owns 5,000 customers, 50,000 calls
and 10,000 reminders. Then a real `branchdesk-server serve` process on a loopback port (2 workers
on PostgreSQL, 1 on SQLite) and, from client processes (so the load generator is not one Python
thread):
- the manager's initial pull (pages of 2,000);
- a push of 100 changes followed by a pull, repeated (median / p95);
- 50 concurrent clients each pushing 100 changes in batches of 10 and pulling after each
  (throughput, latency percentiles, errors), then empty pulls from all 50;
- the supervisor's branch-wide initial pull.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_load import PASSWORD, concurrent_load, login, pull_everything, round_trips, wrk_load, wrk_paced

PG_ADMIN = os.environ.get("BRANCHDESK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
MANAGERS = 20  # the branch's managers; wang owns the first 5,000 customers


def fresh_database(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'server.db'}"
    import psycopg

    name = f"bd_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"


def drop_database(url: str) -> None:
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def seed(url: str, customers: int, calls_each: int) -> dict[str, str]:
    """Users, then the branch's rows written straight into sync_row; returns user ids by name."""
    from sqlalchemy import insert, text

    from server.accounts.service import add_user
    from server.database import Database
    from server.migrate import migrate
    from server.org.service import add_branch
    from server.sync.models import SyncRow

    db = Database(url)
    migrate(db)
    with db.transaction() as session:
        branch = add_branch(session=session, code="0101", name="南京路支行")
        users = {
            "zhou": add_user(
                session=session,
                username="zhou",
                display_name="周杰",
                role="supervisor",
                branch_code="0101",
                password=PASSWORD,
            ).id
        }
        for n in range(MANAGERS):
            name = "wang" if n == 0 else f"m{n:02d}"
            users[name] = add_user(
                session=session,
                username=name,
                display_name=name,
                role="manager",
                branch_code="0101",
                password=PASSWORD,
            ).id
    owners = [
        users["wang"] if i < 5000 else users[f"m{1 + i % (MANAGERS - 1):02d}"] for i in range(customers)
    ]
    rng = random.Random(1)
    started = time.perf_counter()
    seq = 0
    batch: list[dict] = []

    def row(table: str, row_id: str, owner: str, customer_id: str, fields: dict) -> dict:
        nonlocal seq
        seq += 1
        return {
            "table_name": table,
            "row_id": row_id,
            "owner_id": owner,
            "branch_id": branch.id,
            "customer_id": customer_id,
            "fields": json.dumps(fields, ensure_ascii=False),
            "stamps": "{}",
            "seq": seq,
            "txid": 0,
            "deleted": False,
        }

    def flush() -> None:
        if batch:
            with db.transaction() as session:
                session.execute(insert(SyncRow), batch)
            batch.clear()

    for i, owner in enumerate(owners):
        cid = f"{i:032x}"
        batch.append(
            row(
                "customer",
                cid,
                owner,
                cid,
                {
                    "id": cid,
                    "owner_manager_id": owner,
                    "name": rng.choice("张王李赵刘陈") + rng.choice(["伟", "芳", "娜", "敏", "静"]),
                    "mobile": f"138{i:08d}",
                    "tier": "standard",
                    "lifecycle_stage": "active",
                    "do_not_contact": False,
                    "marketing_consent": False,
                    "risk_flags": "",
                    "created_at": "2025-01-01T00:00:00.000000Z",
                },
            )
        )
        for k in range(calls_each):
            kid = f"{i:024x}{k:08x}"
            batch.append(
                row(
                    "call_log",
                    kid,
                    owner,
                    cid,
                    {
                        "id": kid,
                        "customer_id": cid,
                        "manager_id": owner,
                        "owner_manager_id": owner,
                        "occurred_at": "2026-11-20T02:00:00.000000Z",
                        "channel": "phone",
                        "direction": "outbound",
                        "purpose": "periodic_revisit",
                        "outcome": "reached",
                        "satisfaction": 5,
                        "summary": "客户表示满意，下月再联系。",
                    },
                )
            )
        reminders = 2 if owner == users["wang"] else int(i % 10 == 0)  # wang: 10,000 for 5,000
        for k in range(reminders):
            rid = f"{i:024x}{k:08x}"[::-1]
            batch.append(
                row(
                    "reminder",
                    rid,
                    owner,
                    cid,
                    {
                        "id": rid,
                        "customer_id": cid,
                        "owner_manager_id": owner,
                        "kind": "periodic_revisit",
                        "due_at": "2026-12-01T01:00:00.000000Z",
                        "status": "open",
                        "source": "rule",
                    },
                )
            )
        if len(batch) >= 20_000:
            flush()
    flush()
    if url.startswith("postgresql"):
        with db.engine.begin() as connection:
            connection.execute(text(f"SELECT setval('sync_seq', {seq})"))
            connection.execute(text("ANALYZE"))
    else:
        with db.engine.begin() as connection:
            connection.execute(text(f"UPDATE seq_counter SET value = {seq} WHERE id = 1"))
    print(f"  seeded {seq:,} rows in {time.perf_counter() - started:.0f} s")
    db.dispose()
    return users


def start_server(url: str, folder: Path, workers: int) -> tuple[subprocess.Popen, str]:
    import socket

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-c",
        "from server.cli import main; raise SystemExit(main())",
        "--data-dir",
        str(folder),
        "--database-url",
        url,
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/v1/health", timeout=1)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def run(backend: str, customers: int, calls: int) -> None:
    print(f"== {backend}")
    folder = Path(tempfile.mkdtemp(prefix=f"bd-sync-{backend}-"))
    url = fresh_database(backend, folder)
    try:
        users = seed(url, customers, calls)
        process, base = start_server(url, folder, 2 if backend == "postgresql" else 1)
        try:
            count, took = pull_everything(base, login(base, "wang"))
            print(f"  manager's initial pull: {count:,} rows in {took:.1f} s (target <= 10 s)")
            times = round_trips(base, login(base, "wang"), users["wang"], 20)
            print(
                f"  push 100 changes + pull: median {statistics.median(times) * 1000:.0f} ms, "
                f"p95 {sorted(times)[int(0.95 * len(times))] * 1000:.0f} ms (target <= 300 ms)"
            )
            concurrent_load(base, url, users, 50, 5)
            managers = [name for name in users if name != "zhou"]
            logins = [
                (login(base, managers[n % len(managers)]), users[managers[n % len(managers)]])
                for n in range(50)
            ]
            wrk_load(base, logins, "pull")
            wrk_load(base, logins, "push")
            wrk_paced(base, logins)
            count, took = pull_everything(base, login(base, "zhou"))
            print(
                f"  supervisor's branch-wide initial pull: {count:,} rows in {took:.1f} s (target <= 120 s)"
            )
        finally:
            process.terminate()
            process.wait(timeout=60)
    finally:
        drop_database(url)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--backends", default="postgresql,sqlite")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        run(backend, args.customers, args.calls)


if __name__ == "__main__":
    main()
