"""The server's database: one engine per process, short transactions, PostgreSQL or SQLite."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TypeVar

from psycopg.errors import DeadlockDetected
from psycopg.types.array import ListBinaryDumper
from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

T = TypeVar("T")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UTCTime(TypeDecorator):
    """An aware UTC datetime, whatever the database keeps (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


POOL = 8  # connections per pool, and threads running requests' database work, per process


def make_engine(url: str, *, autocommit: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout like the app's.
    On PostgreSQL, `autocommit` gives connections that run each statement on its own."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Server transactions are short; one that idles holds back every pull (FINDINGS.md).
    options = "-c idle_in_transaction_session_timeout=30000 -c timezone=UTC"
    if autocommit:
        # Reads are a few fixed statements (psycopg prepares them after five uses) whose generic
        # plan is the index scan. Left to choose, PostgreSQL kept planning a pull afresh every
        # time: two thirds of an empty pull's time in PostgreSQL (0.75 -> 0.25 ms).
        options += " -c plan_cache_mode=force_generic_plan"
    # No pool_pre_ping: its round trip at every checkout was a third of an empty pull's
    # statements. A connection a database restart broke fails its request instead, SQLAlchemy
    # then drops the pool's connections, and `Database.attempt` tries once more on a new one.
    engine = create_engine(
        url,
        pool_size=POOL,
        max_overflow=POOL // 2,
        connect_args={"options": options},
        **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}),
    )
    event.listen(engine, "connect", _binary_lists)
    return engine


def _binary_lists(connection, _record) -> None:
    # Python lists go to PostgreSQL as binary arrays (a push's rows are written as arrays,
    # server/sync/bulk.py): psycopg's text format escapes each element with a regular expression,
    # and JSON is full of quotes to escape — 1.0 ms against 0.27 ms for 10 rows.
    connection.adapters.register_dumper(list, ListBinaryDumper)


def _sqlite_pragmas(connection, _record) -> None:
    connection.isolation_level = None  # SQLAlchemy's "begin" event below starts transactions
    cursor = connection.cursor()
    for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL", "busy_timeout = 30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # A write transaction takes the write lock at its start: one that began as a read and then
    # wrote would fail with "database is locked" under concurrent writers instead of waiting.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """The engines, sessions and database threads of one server process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # PostgreSQL reads in autocommit: each statement reads its own snapshot (read committed)
        # either way, and there is no BEGIN and COMMIT to send. Their own pool, so connections
        # are not switched back and forth at every checkout.
        postgres = self.engine.dialect.name == "postgresql"
        self._read_engine = make_engine(url, autocommit=True) if postgres else self.engine
        self._reads = sessionmaker(self._read_engine, expire_on_commit=False)
        self._threads = ThreadPoolExecutor(POOL, thread_name_prefix="database")

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """`work(*args)` on one of the process's database threads: no more at once than a pool
        has connections, so a request holding a thread never waits for a connection (a thread
        per request, as for FastAPI's plain `def` views, opened and closed connections beyond
        the pool's size all the time)."""
        return await asyncio.get_running_loop().run_in_executor(self._threads, work, *args)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short write transaction: commits at the end of the block, rolls back on any error."""
        with self._sessions() as session, session.begin():
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only transaction (on SQLite it does not wait for writers; on PostgreSQL each
        statement reads a snapshot of its own, as it would in a read-committed transaction)."""
        with self._reads() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self._threads.shutdown(wait=False)
        self.engine.dispose()
        self._read_engine.dispose()


def attempt(work: Callable[[], T], *, retry_on: tuple[type[Exception], ...] = (), tries: int = 3) -> T:
    """`work()`, run again (up to `tries` times in all) after one of `retry_on`, after it lost
    its connection (the database restarted: SQLAlchemy has emptied the pool meanwhile), or after
    PostgreSQL broke a deadlock by rolling it back (writes lock rows in key order, so this is a
    last resort, not a habit)."""
    for done in range(1, tries + 1):
        try:
            return work()
        except retry_on:
            if done == tries:
                raise
        except DBAPIError as error:
            again = error.connection_invalidated or isinstance(error.orig, DeadlockDetected)
            if not again or done == tries:
                raise
    raise AssertionError("tries must be at least 1")
