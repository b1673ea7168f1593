"""Benchmark of the encrypted store at branch scale. Prints figures; passes or fails nothing.

    .venv/bin/python bench/store.py [--customers 100000] [--calls-per-customer 10] [--keep DIR]

Measures: generating and loading a branch (customers, calls, reminders); the database size;
p50/p95 of 200 search-as-you-type queries (name fragments, pinyin initials, 4-digit phone tails);
p50/p95 of the main list queries (first 200 rows); and the same queries on an unencrypted copy
of the same data, as an encrypted/plain ratio.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.bulk_load import fill_demo
from storage.database import CONNECTION_PRAGMAS, _on_connect
from storage.keystore import ScryptParams
from storage.profile import create_profile
from storage.services.customer_query import CustomerFilter, CustomerSort, customer_seqs


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of milliseconds."""
    ordered = sorted(samples_ms)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def timed(session: Session, f: CustomerFilter, sort=CustomerSort.NAME, limit=-1) -> tuple[float, int]:
    start = time.perf_counter()
    found = customer_seqs(session, f, sort, limit=limit)
    return (time.perf_counter() - start) * 1000, len(found)


def search_queries(session: Session, count: int, seed: int) -> list[str]:
    """Realistic things a manager types: name fragments, pinyin initials, phone tails."""
    rng = random.Random(seed)
    rows = session.execute(
        text(
            "SELECT name, name_initials, mobile FROM customer WHERE deleted = 0 ORDER BY random() LIMIT 1000"
        )
    ).all()
    queries = []
    for i in range(count):
        name, initials, mobile = rows[rng.randrange(len(rows))]
        kind = i % 4
        if kind == 0 and len(name) >= 2:
            queries.append(name[:2])  # surname + first given char
        elif kind == 1 and len(name) >= 3:
            queries.append(name[:3])  # a whole three-character name
        elif kind == 2:
            queries.append(initials[: rng.choice((2, 3))])  # pinyin initials
        else:
            queries.append(mobile[-4:])  # 4-digit phone tail
    return queries


LIST_QUERIES = {
    "tier=standard by name": (CustomerFilter(tiers=("standard",)), CustomerSort.NAME),
    "tier=high_value by last contact": (CustomerFilter(tiers=("high_value",)), CustomerSort.LAST_CONTACT),
    "revisit overdue by next revisit": (CustomerFilter(revisit_overdue=True), CustomerSort.NEXT_REVISIT),
    "no contact 30 days by last contact": (CustomerFilter(no_contact_days=30), CustomerSort.LAST_CONTACT),
    "all by name": (CustomerFilter(), CustomerSort.NAME),
}


def run_queries(session: Session, queries: list[str], repeats: int) -> dict[str, tuple[float, float]]:
    results = {}
    samples = [timed(session, CustomerFilter(text=q))[0] for q in queries]
    results["search (all matches, name order)"] = percentiles(samples)
    for label, (f, sort) in LIST_QUERIES.items():
        samples = [timed(session, f, sort, limit=200)[0] for _ in range(repeats)]
        results[f"list: {label}, first 200"] = percentiles(samples)
    samples = [timed(session, CustomerFilter(), CustomerSort.NAME)[0] for _ in range(max(5, repeats // 5))]
    results["list: all ids in name order"] = percentiles(samples)
    return results


def plain_copy(store, target: Path) -> None:
    """Export the decrypted database to a plain SQLite file (sqlcipher_export)."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection  # autocommit: DETACH must run outside a transaction
        raw.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        raw.execute("SELECT sqlcipher_export('plain')")
        raw.execute("DETACH DATABASE plain")


def plain_session(path: Path) -> Session:
    engine = create_engine(
        "sqlite://", creator=lambda: sqlcipher3.connect(str(path), check_same_thread=False)
    )
    event.listen(engine, "connect", _on_connect)
    return Session(engine)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--calls-per-customer", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="keep the profile in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-bench-"))
    profile = folder / "profile"
    store = create_profile(
        profile, passphrase="bench passphrase", use_keyring=False, scrypt=ScryptParams(n=2**14)
    )

    start = time.perf_counter()
    counts = fill_demo(store, args.customers, args.calls_per_customer, seed=1)
    generation = time.perf_counter() - start
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = (profile / "branchdesk.db").stat().st_size / 1e6
    print(f"pragmas: {', '.join(p.split('PRAGMA ')[1] for p in CONNECTION_PRAGMAS)}")
    print(f"generated {', '.join(f'{k} {v:,}' for k, v in counts.items())}")
    print(f"generation + load: {generation:.1f} s (target <= 120 s)")
    print(f"database size: {size_mb:.0f} MB")

    plain_path = folder / "plain.db"
    plain_copy(store, plain_path)
    with store.read() as session:
        queries = search_queries(session, args.queries, seed=7)
    with store.read() as session:
        run_queries(session, queries[:20], 3)  # warm the page cache the way a running app has it
        encrypted = run_queries(session, queries, args.repeats)
    plain = plain_session(plain_path)
    run_queries(plain, queries[:20], 3)
    unencrypted = run_queries(plain, queries, args.repeats)
    plain.close()

    print(f"\n{'query':55} {'enc p50':>8} {'enc p95':>8} {'plain p95':>9} {'ratio':>6}")
    for label, (p50, p95) in encrypted.items():
        plain_p95 = unencrypted[label][1]
        print(f"{label:55} {p50:8.2f} {p95:8.2f} {plain_p95:9.2f} {p95 / plain_p95:6.2f}")
    print("(milliseconds; targets: search p95 <= 30, list p95 <= 50, encrypted/plain <= 1.3)")
    store.close()
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
