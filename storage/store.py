"""An open profile database, and the write transaction every service uses.

Every write runs in one `Tx`: the row changes, the outbox entries that carry them to the server
and, for sensitive actions, the audit event commit together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Date, DateTime, Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from storage.database import create_encrypted_engine, is_disk_full, verify_key, writer
from storage.errors import BranchDeskError, LockedError
from storage.hlc import HybridLogicalClock
from storage.ids import new_id
from storage.models import LOCAL_ONLY_COLUMNS, AuditEvent, Base, Outbox
from storage.timeutil import db_time, utc_now
from storage.wire import encode_fields, encode_value

NOT_SENT = {"version", "deleted"}


@dataclass(frozen=True)
class Actor:
    """Who is working: the local manager's id and display name."""

    id: str
    name: str


def wire_fields(row: Base) -> dict[str, object]:
    """The synced columns of `row` with their current values."""
    table = row.__table__
    skip = LOCAL_ONLY_COLUMNS.get(table.name, set()) | NOT_SENT
    return {c.key: getattr(row, c.key) for c in table.columns if c.key not in skip}


@dataclass(frozen=True)
class RowUpdate:
    """One row's change for `Tx.update_many`: the new `values` of the fields that change, their
    values before in `base`, and the row's `version` (the server's, for conflict detection)."""

    id: str
    version: int
    values: dict[str, object]
    base: dict[str, object]


@dataclass
class Tx:
    """One write transaction: a session plus the outbox and audit journal that go with it."""

    session: Session
    actor: Actor
    clock: HybridLogicalClock
    now: datetime = field(default_factory=utc_now)

    def insert(self, row: Base) -> Base:
        """Add a new synced row and queue it for the server."""
        row.created_at = row.updated_at = self.now
        self.session.add(row)
        self.session.flush()
        self._outbox(row, "insert", {}, {})
        return row

    def insert_many(self, model: type[Base], rows: list[dict[str, object]]) -> list[str]:
        """Add many new synced rows in one statement, each with its outbox entry (rules, imports).

        Columns not given take their scalar default (or NULL); returns the new ids in order.
        """
        table = model.__table__
        columns = [c for c in table.columns if not (c.primary_key and c.autoincrement is True)]
        names = [c.key for c in columns]
        base = {
            **{
                c.key: c.default.arg if c.default is not None and not callable(c.default.arg) else None
                for c in columns
            },
            "created_at": self.now,
            "updated_at": self.now,
            "version": 0,
            "deleted": False,
        }
        # Rows share many dates and times (the same due day, this transaction's time): convert
        # each distinct one once.
        to_db = _Memo(_db_value)
        temporal = _temporal_columns(table)
        base_db = {k: to_db(v) for k, v in base.items()}
        edited = self.clock.now()  # one edit: its rows share the stamp (stamps order a row's edits)
        now_db = base_db["created_at"]
        table_name = str(table.name)  # a plain str binds directly; SQLAlchemy's quoted_name does not
        stored, entries = [], []
        for values in rows:
            row_id = new_id()
            row = {**base_db, "id": row_id}
            for name, value in values.items():
                row[name] = to_db(value) if name in temporal else value
            stored.append([row[n] for n in names])
            entries.append((new_id(), table_name, row_id, "insert", "{}", "{}", 0, edited, now_db))
        if stored:
            self._executemany(table.name, names, stored)
            self._executemany(Outbox.__tablename__, _OUTBOX_INSERT_COLUMNS, entries)
        return [row[names.index("id")] for row in stored]

    def _executemany(self, table_name: str, columns: list[str], rows: list) -> None:
        # The DB-API's executemany: 4x faster than SQLAlchemy's per-row parameter processing.
        sql = f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.session.flush()
        self.session.connection().connection.driver_connection.executemany(sql, rows)

    def update_many(self, model: type[Base], updates: list[RowUpdate]) -> None:
        """Set changed fields on many rows in a few statements, each with its outbox entry (imports).

        The counterpart of `insert_many` for `update`: the caller has compared the values already,
        so every field given is written. Raw SQL: ORM rows of `model` loaded in this session are
        not refreshed, and reviving a tombstone (which sends the whole row) stays with `update`.
        """
        table = model.__table__
        temporal = _temporal_columns(table)
        synced = {c.key for c in table.columns} - LOCAL_ONLY_COLUMNS.get(table.name, set()) - NOT_SENT
        to_db = _Memo(_db_value)
        now_db = to_db(self.now)
        edited = self.clock.now()  # one edit, as in insert_many
        groups: dict[tuple[str, ...], list[list]] = {}
        entries = []
        for change in updates:
            if "deleted" in change.values:
                raise ValueError("update_many neither revives nor deletes rows: use update or delete")
            names = tuple(sorted(change.values))
            values = [to_db(change.values[n]) if n in temporal else change.values[n] for n in names]
            groups.setdefault(names, []).append([*values, now_db, change.id])
            sent = {k: v for k, v in change.values.items() if k in synced}
            if sent:
                base = {k: change.base[k] for k in sent if k in change.base}
                fields = {**sent, "updated_at": self.now}
                entries.append(_upsert_entry(str(table.name), change, fields, base, edited, now_db))
        self.session.flush()
        raw = self.session.connection().connection.driver_connection
        for names, rows in groups.items():
            assignments = ", ".join(f"{n} = ?" for n in (*names, "updated_at"))
            raw.executemany(f"UPDATE {table.name} SET {assignments} WHERE id = ?", rows)
        if entries:
            self._executemany(Outbox.__tablename__, _OUTBOX_INSERT_COLUMNS, entries)

    def update(self, row: Base, values: dict[str, object]) -> set[str]:
        """Set `values` on `row`; queue and return the names of the fields that really changed."""
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return set()
        base = {k: getattr(row, k) for k in changed}
        for name, value in changed.items():
            setattr(row, name, value)
        row.updated_at = self.now
        if changed.get("deleted") is False:  # revived: the server gets the whole row again
            self._outbox(row, "upsert", wire_fields(row), base)
            return set(changed)
        synced = set(wire_fields(row))
        sent = {k: v for k, v in changed.items() if k in synced}
        if sent:
            sent["updated_at"] = self.now
            self._outbox(row, "upsert", sent, {k: base[k] for k in sent if k in base})
        return set(changed)

    def delete(self, row: Base) -> None:
        """Set the tombstone on `row` and queue the removal."""
        if row.deleted:
            return
        row.deleted = True
        row.updated_at = self.now
        self._outbox(row, "delete", {"updated_at": self.now}, {})

    def audit(self, action: str, record: Base | None = None, **detail: object) -> None:
        """Append an audit event (who, when, what, which record) in this transaction."""
        event = AuditEvent(
            actor_id=self.actor.id,
            actor_name=self.actor.name,
            action=action,
            occurred_at=self.now,
            record_table=record.__tablename__ if record is not None else None,
            record_id=record.id if record is not None else None,
            detail=json.dumps({k: encode_value(v) for k, v in detail.items()}, ensure_ascii=False),
        )
        self.insert(event)

    def _outbox(self, row: Base, op: str, fields: dict, base: dict) -> None:
        self.session.add(
            Outbox(
                table_name=row.__tablename__,
                row_id=row.id,
                op=op,
                fields=json.dumps(encode_fields(fields), ensure_ascii=False),
                base=json.dumps(encode_fields(base), ensure_ascii=False),
                base_version=row.version or 0,
                edited_at=self.clock.now(),
                created_at=self.now,
            )
        )


_OUTBOX_INSERT_COLUMNS = [
    "change_id",
    "table_name",
    "row_id",
    "op",
    "fields",
    "base",
    "base_version",
    "edited_at",
    "created_at",
]


def _temporal_columns(table) -> set[str]:
    """Names of the date and datetime columns (their values are converted for raw statements)."""
    return {c.key for c in table.columns if isinstance(getattr(c.type, "impl", c.type), Date | DateTime)}


def _upsert_entry(table_name: str, change: RowUpdate, fields: dict, base: dict, edited: str, now_db) -> tuple:
    """An outbox row (in `_OUTBOX_INSERT_COLUMNS` order) carrying one row's changed fields."""
    return (
        new_id(),
        table_name,
        change.id,
        "upsert",
        json.dumps(encode_fields(fields), ensure_ascii=False),
        json.dumps(encode_fields(base), ensure_ascii=False),
        change.version,
        edited,
        now_db,
    )


class _Memo:
    """`convert` applied to dates and datetimes, each distinct value converted once."""

    def __init__(self, convert) -> None:
        self.convert = convert
        self.seen: dict[object, object] = {}

    def __call__(self, value: object) -> object:
        if not isinstance(value, date):  # datetime is a date too
            return value
        found = self.seen.get(value)
        if found is None:
            found = self.seen[value] = self.convert(value)
        return found


def _db_value(value: object) -> object:
    """A Python value as SQLAlchemy's SQLite types store it (for raw DB-API statements)."""
    if isinstance(value, datetime):
        return db_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value  # bools and the rest bind as they are


class Store:
    """An open, decrypted profile database."""

    def __init__(self, engine: Engine, db_path: Path, actor: Actor, device_id: str) -> None:
        self.db_path = db_path
        self.actor = actor
        self.device_id = device_id
        self._bind(engine)
        with self._reader() as session:
            last = session.scalar(select(Outbox.edited_at).order_by(Outbox.seq.desc()).limit(1))
        self.clock = HybridLogicalClock(device_id, last)

    def _bind(self, engine: Engine | None) -> None:
        self.engine = engine
        self._reader = sessionmaker(engine, expire_on_commit=False, autoflush=False) if engine else None
        self._writer = sessionmaker(writer(engine), expire_on_commit=False) if engine else None
        self._sync_writer = (
            sessionmaker(writer(engine, check_foreign_keys=False), expire_on_commit=False) if engine else None
        )

    @property
    def locked(self) -> bool:
        """Whether the database is closed and its key forgotten (the app is locked)."""
        return self.engine is None

    def lock(self) -> None:
        """Close every connection and drop the engine (and with it the key) until `unlock`."""
        if self.engine is not None:
            self.engine.dispose()
            self._bind(None)

    def unlock(self, key: bytes) -> None:
        """Reopen with `key` after `lock` (WrongKeyError if it is not this database's key)."""
        verify_key(self.db_path, key)
        self._bind(create_encrypted_engine(self.db_path, key))

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (a consistent snapshot for its duration)."""
        if self._reader is None:
            raise LockedError()
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self, *, check_foreign_keys: bool = True) -> Iterator[Tx]:
        """A write transaction; commits when the block ends, rolls back on any error.

        Only the sync client turns `check_foreign_keys` off, to write pulled rows in the order
        the server sends them (a child may come before its parent)."""
        if self._writer is None:
            raise LockedError()
        sessions = self._writer if check_foreign_keys else self._sync_writer
        try:
            with sessions() as session, session.begin():
                yield Tx(session, self.actor, self.clock)
        except OperationalError as exc:
            if is_disk_full(exc):
                raise BranchDeskError("disk_full") from exc
            raise

    def close(self) -> None:
        """Close every connection (folds the WAL back into the file)."""
        self.lock()
