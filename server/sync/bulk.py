"""Writing a push's rows in one statement per kind, whatever their number.

On PostgreSQL the values go as one array per column and `unnest` turns them back into rows: the
statement's text never changes, so it is parsed and planned once per connection. (A multi-row
VALUES list is new text at every batch size — psycopg re-parses it each time, 1.3 ms a push of
10 — and an executemany makes PostgreSQL run one statement per row.) SQLite runs in the server's
own process, where an executemany is already the cheap way.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Column, Connection, Table, TextClause, bindparam, insert, text, update
from sqlalchemy.dialects import postgresql

from server.sync.models import AppliedChange, SyncRow

ROWS, RECORDS = SyncRow.__table__, AppliedChange.__table__
# What an update writes, and the version the pusher read: a row changed since is not written.
_CHANGED = ("fields", "stamps", "deleted", "seq", "txid", "updated_at")


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts holding every column of `table`)."""
    rows = _in_key_order(rows, [c.name for c in table.primary_key])
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    connection.execute(_pg_insert(table), _arrays(rows, [c.name for c in table.columns]))


def update_rows(connection: Connection, rows: list[dict]) -> int:
    """Write the changed columns of sync rows still at the version the batch loaded (`loaded_seq`);
    returns how many were."""
    rows = _in_key_order(rows, ["table_name", "row_id"])
    if connection.dialect.name != "postgresql":
        keyed = [
            {"key_table": row["table_name"], "key_row": row["row_id"], "loaded_seq": row["loaded_seq"]}
            | {name: row[name] for name in _CHANGED}
            for row in rows
        ]
        return connection.execute(_sqlite_update(), keyed).rowcount
    names = ["table_name", "row_id", "loaded_seq", *_CHANGED]
    return connection.execute(_pg_update(), _arrays(rows, names)).rowcount


def _in_key_order(rows: list[dict], key: list[str]) -> list[dict]:
    # Two transactions writing the same rows lock them in the order given: in different orders
    # (each server process orders a batch by its own hash seed) they deadlock, where in one
    # order the second waits for the first and then finds the rows there.
    return sorted(rows, key=lambda row: [row[name] for name in key])


def _arrays(rows: list[dict], names: list[str]) -> dict[str, list]:
    return {name: [row[name] for row in rows] for name in names}


def _array_of(column: Column, name: str | None = None) -> str:
    return f"CAST(:{name or column.name} AS {column.type.compile(dialect=postgresql.dialect())}[])"


@cache
def _pg_insert(table: Table) -> TextClause:
    names = ", ".join(c.name for c in table.columns)
    arrays = ", ".join(_array_of(c) for c in table.columns)
    return text(f"INSERT INTO {table.name} ({names}) SELECT * FROM unnest({arrays})")


@cache
def _pg_update() -> TextClause:
    key = [ROWS.c.table_name, ROWS.c.row_id]
    arrays = [*(_array_of(c) for c in key), _array_of(ROWS.c.seq, "loaded_seq")]
    arrays += [_array_of(ROWS.c[name]) for name in _CHANGED]
    names = ", ".join(["table_name", "row_id", "loaded_seq", *_CHANGED])
    assignments = ", ".join(f"{name} = u.{name}" for name in _CHANGED)
    return text(
        f"UPDATE sync_row AS r SET {assignments} FROM unnest({', '.join(arrays)}) AS u({names}) "
        "WHERE r.table_name = u.table_name AND r.row_id = u.row_id AND r.seq = u.loaded_seq"
    )


@cache
def _sqlite_update():
    # Bound names in a WHERE clause may not be column names: hence key_table and key_row.
    return (
        update(ROWS)
        .where(
            ROWS.c.table_name == bindparam("key_table"),
            ROWS.c.row_id == bindparam("key_row"),
            ROWS.c.seq == bindparam("loaded_seq"),
        )
        .values({name: bindparam(name) for name in _CHANGED})
    )
