"""Demo data generation and the bulk loader, on real encrypted profiles (one batch = all or nothing)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.bulk_load import fill_demo, load
from storage.demo_data import COLUMNS, DemoBatch, generate
from storage.keystore import ScryptParams
from storage.models import Base, Customer
from storage.profile import create_profile, open_profile
from storage.record_validation import (
    CALL_RULES,
    CARD_RULES,
    CUSTOMER_RULES,
    REMINDER_RULES,
    clean_call,
    clean_card,
    clean_customer,
    clean_reminder,
)
from storage.validation import (
    birth_date_from_id,
    check_id_number,
    check_mobile,
    gender_from_id,
)

NOW = datetime(2026, 11, 25, 6, 30, tzinfo=UTC)
PASSPHRASE = "test passphrase"
FAST = ScryptParams(n=2**14)
ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS, CALLS, BATCH = 1500, 4, 500
TABLES = [
    ("customer", "customers"),
    ("card", "cards"),
    ("tag", "tags"),
    ("customer_tag", "customer_tags"),
    ("call_log", "calls"),
    ("reminder", "reminders"),
]


def new_profile(folder: Path):
    return create_profile(folder, passphrase=PASSPHRASE, use_keyring=False, scrypt=FAST)


def demo(customers=CUSTOMERS, calls=CALLS, seed=3, owner="f" * 32, batch_size=BATCH) -> list[DemoBatch]:
    return list(generate(customers, calls, seed, owner_id=owner, now=NOW, batch_size=batch_size))


def rows(batches: list[DemoBatch], table: str, attr: str) -> list[dict]:
    return [dict(zip(COLUMNS[table], row, strict=True)) for b in batches for row in getattr(b, attr)]


def scalar(conn, sql: str, *params):
    return conn.exec_driver_sql(sql, params).scalar_one()


@pytest.fixture(scope="module")
def batches() -> list[DemoBatch]:
    return demo()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A profile holding the demo branch, loaded by `fill_demo`, and the counts it returned."""
    store = new_profile(tmp_path_factory.mktemp("loaded") / "p")
    counts = fill_demo(store, CUSTOMERS, CALLS, seed=5)
    yield store, counts
    store.close()


# --- generation -----------------------------------------------------------------------------


def test_same_seed_same_rows_ids_included(batches):
    assert demo() == batches
    other = demo(seed=4)
    assert [r["name"] for r in rows(other, "customer", "customers")] != [
        r["name"] for r in rows(batches, "customer", "customers")
    ]


def test_columns_are_the_tables_columns(batches):
    for table, columns in COLUMNS.items():
        assert set(columns) == {c.name for c in Base.metadata.tables[table].columns} - {"seq"}
    for table, attr in TABLES:
        assert {len(row) for b in batches for row in getattr(b, attr)} == {len(COLUMNS[table])}


def test_batches_hold_whole_customers(batches):
    assert [len(b.customers) for b in batches] == [BATCH] * (CUSTOMERS // BATCH)
    assert len(batches[0].tags) == 20 and not any(b.tags for b in batches[1:])
    for b in batches:
        ids = {c[0] for c in b.customers}
        for attr in ("cards", "customer_tags", "calls", "reminders"):
            assert {row[1] for row in getattr(b, attr)} <= ids
    assert sum(len(b.calls) for b in batches) == CUSTOMERS * CALLS
    assert 0.85 * 2 * CUSTOMERS < sum(len(b.reminders) for b in batches) < 1.15 * 2 * CUSTOMERS


def test_id_numbers_mobiles_and_genders_are_valid(batches):
    customers = rows(batches, "customer", "customers")
    for c in customers:
        assert check_id_number(c["id_number"]) == c["id_number"]
        assert birth_date_from_id(c["id_number"]).isoformat() == c["birth_date"]
        assert gender_from_id(c["id_number"]).value == c["gender"]
        assert check_mobile(c["mobile"]) == c["mobile"]
        assert c["birth_mmdd"] == int(c["birth_date"][5:7] + c["birth_date"][8:10])
        assert "1950-01-01" <= c["birth_date"] <= "2005-12-31"
    assert len({c["mobile"] for c in customers}) == len(customers)
    assert len({c["id_number"] for c in customers}) == len(customers)
    assert any(c["id_number"].endswith("X") for c in customers)
    tiers = [c["tier"] for c in customers]
    assert 0.45 < tiers.count("standard") / len(tiers) < 0.65
    assert 0 < tiers.count("private_banking") / len(tiers) < 0.05


def test_every_row_passes_the_services_validation(batches):
    """Demo rows are what a manager could have entered through the services."""
    for table, attr, clean, rules in [
        ("customer", "customers", clean_customer, CUSTOMER_RULES),
        ("card", "cards", clean_card, CARD_RULES),
        ("call_log", "calls", clean_call, CALL_RULES),
        ("reminder", "reminders", clean_reminder, REMINDER_RULES),
    ]:
        for row in rows(batches, table, attr):
            clean({k: v for k, v in row.items() if k in rules})


def test_rows_are_consistent(batches):
    customers = {c["id"]: c for c in rows(batches, "customer", "customers")}
    calls, reminders = rows(batches, "call_log", "calls"), rows(batches, "reminder", "reminders")
    last: dict[str, str] = {}
    for call in calls:
        last[call["customer_id"]] = max(last.get(call["customer_id"], ""), call["occurred_at"])
        assert call["occurred_at"] < "2026-11-25"
        assert call["next_step_at"] is None or call["next_step_at"] > call["occurred_at"]
    assert {cid: c["last_contact_at"] for cid, c in customers.items()} == last
    due: dict[str, str] = {}
    for r in reminders:
        assert (r["completed_at"] is not None) == (r["status"] in ("done", "cancelled"))
        assert (r["snoozed_until"] is not None) == (r["status"] == "snoozed")
        if r["status"] in ("open", "snoozed"):
            effective = r["snoozed_until"] or r["due_at"]
            due[r["customer_id"]] = min(due.get(r["customer_id"], effective), effective)
    assert {cid: c["next_revisit_at"] for cid, c in customers.items()} == {
        cid: due.get(cid) for cid in customers
    }
    assert {r["status"] for r in reminders} == {"open", "done", "snoozed", "cancelled"}
    for card in rows(batches, "card", "cards"):
        if card["activation_date"] is None:
            assert card["status"] == "pending_activation"
        if card["status"] == "dormant":
            assert card["last_used_on"] < "2026-05-25"


# --- loading --------------------------------------------------------------------------------


def test_counts_and_derived_columns_after_a_load(loaded):
    store, counts = loaded
    with store.engine.connect() as conn:
        for table, attr in TABLES:
            assert scalar(conn, f"SELECT count(*) FROM {table}") == getattr(counts, attr)
        assert counts.customers == CUSTOMERS and counts.calls == CUSTOMERS * CALLS and counts.tags == 20
        assert scalar(conn, "SELECT count(*) FROM outbox") == 0  # local-only: nothing to sync
        assert (
            scalar(
                conn,
                "SELECT count(*) FROM customer c WHERE last_contact_at IS NOT "
                "(SELECT max(occurred_at) FROM call_log WHERE customer_id = c.id)",
            )
            == 0
        )
        assert (
            scalar(
                conn,
                "SELECT count(*) FROM customer c WHERE next_revisit_at IS NOT "
                "(SELECT min(coalesce(snoozed_until, due_at)) FROM reminder "
                "WHERE customer_id = c.id AND status IN ('open', 'snoozed'))",
            )
            == 0
        )
        assert scalar(conn, "SELECT count(*) FROM customer WHERE owner_manager_id != ?", store.actor.id) == 0
        for fts in ("customer_fts", "customer_bigram"):
            assert scalar(conn, f"SELECT count(*) FROM {fts}") == CUSTOMERS
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]


def test_orm_reads_loaded_rows(loaded):
    store, _ = loaded
    with store.read() as session:
        query = select(Customer).where(Customer.last_contact_at.is_not(None)).limit(1)
        customer = session.scalars(query).one()
    assert customer.last_contact_at.tzinfo is not None and customer.birth_date.year >= 1950
    assert customer.name_sort_key.endswith(customer.name)


def test_search_index_finds_loaded_customers(loaded):
    store, _ = loaded
    with store.engine.connect() as conn:
        seq, name, mobile = conn.exec_driver_sql(
            "SELECT seq, name, mobile FROM customer WHERE length(name) = 3 ORDER BY seq DESC LIMIT 1"
        ).one()
        for fragment in (name, mobile[3:6]):
            found = (
                conn.exec_driver_sql(
                    "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", (f'"{fragment}"',)
                )
                .scalars()
                .all()
            )
            assert seq in found
        found = (
            conn.exec_driver_sql(
                "SELECT rowid FROM customer_bigram WHERE customer_bigram MATCH ?", (f'"{name[1:]}"',)
            )
            .scalars()
            .all()
        )
        assert seq in found


def test_search_triggers_are_on_again_after_a_load(loaded):
    store, _ = loaded
    for _ in range(3):  # whichever pooled connection comes next
        with store.engine.begin() as conn:
            assert conn.connection.info["fts_switch"]["on"] is True


def test_existing_tags_are_reused_and_a_failed_batch_leaves_nothing(tmp_path):
    store = new_profile(tmp_path / "p")
    try:
        stamp = "2026-01-01 00:00:00.000000"
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO tag (id, owner_manager_id, name, created_at, updated_at) "
                "VALUES (?, ?, '有车一族', ?, ?)",
                ("e" * 32, store.actor.id, stamp, stamp),
            )
        batches = demo(customers=400, calls=2, owner=store.actor.id, batch_size=200)
        counts = load(store, batches)
        assert counts.tags == 19
        with store.engine.connect() as conn:
            assert scalar(conn, "SELECT count(*) FROM tag") == 20
            assert scalar(conn, "SELECT count(*) FROM customer_tag WHERE tag_id = ?", "e" * 32) > 0
            tagged = "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH ?"
            assert scalar(conn, tagged, '"有车一族"') > 0
        with pytest.raises(IntegrityError):  # the same ids again: the first batch fails and rolls back
            load(store, batches)
        with store.engine.connect() as conn:
            assert scalar(conn, "SELECT count(*) FROM customer") == 400
            assert scalar(conn, "SELECT count(*) FROM customer_fts") == 400
        with store.engine.begin() as conn:
            assert conn.connection.info["fts_switch"]["on"] is True
    finally:
        store.close()


# --- a crash in the middle of a load --------------------------------------------------------

CRASH_CUSTOMERS, CRASH_CALLS, CRASH_BATCH = 12_000, 10, 400
CHILD = """
import sys, time
from datetime import datetime, timezone
from storage import bulk_load
from storage.bulk_load import load
from storage.demo_data import generate
from storage.profile import open_profile

folder, marks, passphrase = sys.argv[1:4]
store = open_profile(folder, passphrase=passphrase)
now = datetime(2026, 11, 25, 6, 30, tzinfo=timezone.utc)
# Generated up front, so that nearly all of the load's time is spent inside a write transaction.
batches = list(generate({customers}, {calls}, 11, owner_id=store.actor.id, now=now, batch_size={batch}))
# A 1 MiB page cache spills dirty pages into the WAL before the commit: the kill leaves frames of an
# uncommitted transaction behind, which recovery must ignore.
bulk_load.BULK_CACHE_KIB = 1024

def started(batches):
    for i, batch in enumerate(batches):
        with open(marks, "a") as f:
            f.write(f"{{i}} {{time.monotonic()}}\\n")
        yield batch

load(store, started(batches))
"""


def _started(marks: Path) -> list[float]:
    """When the child began each batch (monotonic clock), from its marks file."""
    if not marks.exists():
        return []
    return [float(line.split()[1]) for line in marks.read_text().splitlines() if line.count(" ") == 1]


def test_a_kill_mid_load_leaves_whole_batches_and_a_sound_database(tmp_path):
    folder, marks = tmp_path / "p", tmp_path / "marks"
    wal = folder / "branchdesk.db-wal"
    new_profile(folder).close()
    script = CHILD.format(customers=CRASH_CUSTOMERS, calls=CRASH_CALLS, batch=CRASH_BATCH)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", script, str(folder), str(marks), PASSPHRASE]
    child = subprocess.Popen(args, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while len(_started(marks)) < 5 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        starts = _started(marks)
        assert len(starts) >= 5, "the child did not get going"
        # Kill 40 % into a batch: a batch takes about as long as the ones before it.
        per_batch = (starts[-1] - starts[1]) / (len(starts) - 2)
        wal_before = wal.read_bytes()
        time.sleep(max(0.0, starts[-1] + 0.4 * per_batch - time.monotonic()))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert wal.read_bytes() != wal_before, "the batch under way had written nothing yet"
    finally:
        child.kill()
        child.wait()
    begun = len(_started(marks))

    store = open_profile(folder, passphrase=PASSPHRASE)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
            assert conn.exec_driver_sql("PRAGMA cipher_integrity_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            customers = scalar(conn, "SELECT count(*) FROM customer")
            # Every batch before the one under way, and nothing of that one.
            assert customers == (begun - 1) * CRASH_BATCH > 0
            assert scalar(conn, "SELECT count(*) FROM call_log") == customers * CRASH_CALLS
            assert scalar(conn, "SELECT count(*) FROM customer_fts") == customers
            assert scalar(conn, "SELECT count(*) FROM customer_bigram") == customers
            assert scalar(conn, "SELECT count(*) FROM customer WHERE last_contact_at IS NULL") == 0
    finally:
        store.close()
