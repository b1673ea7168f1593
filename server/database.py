"""The server's database: one engine per process, short transactions, PostgreSQL or SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

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


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout like the app's."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Server transactions are short; one that idles holds back every pull (FINDINGS.md).
    options = "-c idle_in_transaction_session_timeout=30000 -c timezone=UTC"
    return create_engine(
        url, pool_size=8, max_overflow=8, pool_pre_ping=True, connect_args={"options": options}
    )


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
    """The engine and sessions of one server process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short write transaction: commits at the end of the block, rolls back on any error."""
        with self._sessions() as session, session.begin():
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only transaction (on SQLite it does not wait for writers)."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
