"""Opening the encrypted SQLCipher database through SQLAlchemy's `sqlite+pysqlcipher` dialect.

The key is 32 random bytes, given to SQLCipher as a raw key (`x'<hex>'`): that skips SQLCipher's
own PBKDF2 (110-150 ms per connection) because the key is already random. Every connection gets
the same pragmas (WAL, foreign keys, in-memory temp store, a 64 MiB page cache — with the 8 MiB
default, encrypted scans were 3-5x slower than plain ones) and the SQL functions the search
triggers call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import QueuePool

from storage.errors import WrongKeyError
from storage.search_schema import bigrams

CACHE_KIB = 65536
BULK_CACHE_KIB = 262144  # for writes of 100,000s of rows: dirty pages stay in memory until commit
CONNECTION_PRAGMAS = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 10000",
    f"PRAGMA cache_size = -{CACHE_KIB}",
)
_WRITE = "branchdesk_write"
_UNCHECKED = "branchdesk_unchecked_foreign_keys"


def raw_key_literal(key: bytes) -> str:
    """SQLCipher's raw-key syntax for a 32-byte key."""
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    return f"x'{key.hex()}'"


def verify_key(path: Path, key: bytes) -> None:
    """Raise WrongKeyError unless `key` decrypts the database at `path`; never writes to it."""
    uri = f"file:{path.as_posix()}?mode=ro"
    try:
        conn = sqlcipher3.connect(uri, uri=True)
    except sqlcipher3.DatabaseError as exc:
        raise WrongKeyError() from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f'PRAGMA key = "{raw_key_literal(key)}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        raise WrongKeyError() from exc
    finally:
        conn.close()


def _on_connect(dbapi_conn, record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the driver's implicit one is deferred).
    dbapi_conn.isolation_level = None
    for pragma in CONNECTION_PRAGMAS:
        dbapi_conn.execute(pragma)
    fts_switch = {"on": True}
    record.info["fts_switch"] = fts_switch
    dbapi_conn.create_function("bd_fts_enabled", 0, lambda: 1 if fts_switch["on"] else 0)
    dbapi_conn.create_function("bd_bigrams", 1, bigrams, deterministic=True)


def _on_begin(conn) -> None:
    # Writers take the write lock up front: a deferred transaction that later tries to write
    # fails with SQLITE_BUSY instead of waiting when another connection wrote in between.
    options = conn.get_execution_options()
    # Foreign keys are checked in every transaction but the sync's: pulled rows arrive in the
    # server's order, where a call can come pages before its customer (edited since, so moved
    # later in that order). The PRAGMA only takes effect outside a transaction: set it each time.
    conn.exec_driver_sql(f"PRAGMA foreign_keys = {'OFF' if options.get(_UNCHECKED) else 'ON'}")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(_WRITE, False) else "BEGIN")


def create_encrypted_engine(path: Path, key: bytes, *, pool_size: int = 4) -> Engine:
    """An engine on the SQLCipher file at `path`, opened with `key` (creates the file if new)."""
    url = URL.create("sqlite+pysqlcipher", password=raw_key_literal(key), database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine, *, check_foreign_keys: bool = True) -> Engine:
    """The same engine, but transactions begin with BEGIN IMMEDIATE (for writes); without
    foreign-key checks for rows written as the server sends them (the sync client only)."""
    return engine.execution_options(**{_WRITE: True, _UNCHECKED: not check_foreign_keys})


def set_search_triggers(dbapi_record_info: dict, enabled: bool) -> None:
    """Turn the search-index triggers on or off for one pooled connection (bulk loading)."""
    dbapi_record_info["fts_switch"]["on"] = enabled


def cipher_version(engine: Engine) -> str:
    """SQLCipher's version string, e.g. '4.6.1 community'."""
    with engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA cipher_version").scalar_one()


_DISK_FULL = re.compile(r"disk is full|database or disk is full|SQLITE_FULL", re.I)


def is_disk_full(exc: BaseException) -> bool:
    """Whether a database error means the disk is full."""
    return bool(_DISK_FULL.search(str(exc)))


@contextmanager
def page_cache(raw, kib: int) -> Iterator[None]:
    """A larger page cache on this DB-API connection for the duration, then the previous size."""
    # On the DB-API connection: a PRAGMA sent via SQLAlchemy would open a transaction.
    previous = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(previous)}")
