"""The fast write path: loading generated rows in whole-batch transactions (demo data, benchmarks).

`load` writes each batch of `demo_data.DemoBatch` rows — customers with their cards, tags, calls
and reminders — with raw-SQL `executemany` in one BEGIN IMMEDIATE transaction, so a crash or a kill
mid-load leaves whole batches only and a consistent database. Inside the transaction the search
triggers are off for this connection and the index is filled once for the batch's customers
(row-by-row triggers cost 5x more); they are switched back on before the connection is reused.

Demo data are local-only: `load` writes no outbox entries and no audit events, so nothing loaded
here is ever pushed to the server. Do not use it for data a manager entered or imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from storage import search_schema
from storage.database import BULK_CACHE_KIB, is_disk_full, page_cache, set_search_triggers, writer
from storage.demo_data import COLUMNS, DemoBatch, generate
from storage.errors import BranchDeskError
from storage.store import Store
from storage.timeutil import utc_now

# 256 MiB of page cache while loading: random-id primary keys and the indexes of 1M calls touch
# pages all over the file. Loading 100k customers + 1M calls took 59 s with the usual 64 MiB,
# 46.5 s with 256 MiB and 46.9 s with 512 MiB. The previous size is restored afterwards.
# (table, DemoBatch attribute) in foreign-key order: reminders point at the calls that closed them.
_ROW_TABLES = (
    ("customer", "customers"),
    ("card", "cards"),
    ("customer_tag", "customer_tags"),
    ("call_log", "calls"),
    ("reminder", "reminders"),
)
_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for table, cols in COLUMNS.items()
}
_TAG_ID = COLUMNS["customer_tag"].index("tag_id")
_NEXT_SEQ = "SELECT coalesce(max(seq), 0) + 1 FROM customer"


@dataclass
class LoadCounts:
    """How many rows `load` wrote, per table (tags: only the ones that did not exist yet)."""

    customers: int = 0
    cards: int = 0
    tags: int = 0
    customer_tags: int = 0
    calls: int = 0
    reminders: int = 0

    def add(self, other: LoadCounts) -> None:
        """Add `other`'s counts to these."""
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def items(self) -> Iterable[tuple[str, int]]:
        """(table, count) pairs, for printing."""
        return asdict(self).items()


def load(
    store: Store, batches: Iterable[DemoBatch], *, progress: Callable[[LoadCounts], None] | None = None
) -> LoadCounts:
    """Write `batches`, one transaction each; `progress(totals so far)` runs after each commit.

    Tags are matched by (owner, name): an existing tag is reused and the batch's links point at it.
    On an error the current batch is rolled back and earlier batches stay committed; a full disk
    raises BranchDeskError('disk_full'), other database errors SQLAlchemy's.
    """
    totals = LoadCounts()
    tag_ids: dict[str, str] = {}  # generated tag id -> id of that tag in the database
    try:
        with (
            writer(store.engine).connect() as conn,
            page_cache(conn.connection.dbapi_connection, BULK_CACHE_KIB),
        ):
            for batch in batches:
                with conn.begin():
                    counts = _load_batch(conn, batch, tag_ids)
                totals.add(counts)
                if progress is not None:
                    progress(totals)
            # Fresh statistics after a big load, so the planner picks the right index per filter.
            conn.connection.driver_connection.execute("ANALYZE")
    except OperationalError as exc:
        if is_disk_full(exc):  # as Store.write reports it
            raise BranchDeskError("disk_full") from exc
        raise
    return totals


def fill_demo(
    store: Store,
    customers: int,
    calls_per_customer: int,
    seed: int,
    progress: Callable[[LoadCounts], None] | None = None,
) -> LoadCounts:
    """Generate and load a demo branch owned by the profile's manager (local-only, not synced).

    The same seed gives the same ids, so loading one seed twice into a profile fails on the first
    batch (duplicate ids) and leaves the profile as it was.
    """
    batches = generate(customers, calls_per_customer, seed, owner_id=store.actor.id, now=utc_now())
    return load(store, batches, progress=progress)


def _load_batch(conn: Connection, batch: DemoBatch, tag_ids: dict[str, str]) -> LoadCounts:
    """Insert one batch inside the open transaction and index its customers."""
    info = conn.connection.info
    set_search_triggers(info, False)
    try:
        new_tags = _insert_tags(conn, batch.tags, tag_ids)
        first_seq = conn.exec_driver_sql(_NEXT_SEQ).scalar_one()
        rows = {attr: getattr(batch, attr) for _, attr in _ROW_TABLES}
        rows["customer_tags"] = _retagged(rows["customer_tags"], tag_ids)
        for table, attr in _ROW_TABLES:
            if rows[attr]:  # executemany (as fast as a raw DBAPI cursor here, measured)
                conn.exec_driver_sql(_INSERT[table], rows[attr])
        # The write lock is ours, so the batch's customers are exactly the seqs from first_seq on.
        next_seq = conn.exec_driver_sql(_NEXT_SEQ).scalar_one()
        if next_seq > first_seq:
            for sql in search_schema.insert_sql("c.seq BETWEEN ? AND ?"):
                conn.exec_driver_sql(sql, (first_seq, next_seq - 1))
    finally:
        set_search_triggers(info, True)
    return LoadCounts(
        customers=len(batch.customers),
        cards=len(batch.cards),
        tags=new_tags,
        customer_tags=len(batch.customer_tags),
        calls=len(batch.calls),
        reminders=len(batch.reminders),
    )


def _insert_tags(conn: Connection, tags: list[tuple], tag_ids: dict[str, str]) -> int:
    """Insert the tags not yet in the database (by owner and name); map every id to the stored one."""
    columns = COLUMNS["tag"]
    owner_at, name_at = columns.index("owner_manager_id"), columns.index("name")
    created = 0
    for row in tags:
        found = conn.exec_driver_sql(
            "SELECT id FROM tag WHERE owner_manager_id = ? AND name = ?", (row[owner_at], row[name_at])
        ).scalar()
        if found is None:
            conn.exec_driver_sql(_INSERT["tag"], row)
            created += 1
        tag_ids[row[0]] = found or row[0]
    return created


def _retagged(links: list[tuple], tag_ids: dict[str, str]) -> list[tuple]:
    """customer_tag rows pointing at the stored tag ids (unchanged when they already do)."""
    if all(tag_ids.get(row[_TAG_ID], row[_TAG_ID]) == row[_TAG_ID] for row in links):
        return links
    i = _TAG_ID
    return [(*row[:i], tag_ids.get(row[i], row[i]), *row[i + 1 :]) for row in links]
