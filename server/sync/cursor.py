"""Gap-free pull cursors.

A plain "seq > cursor" pull skips rows under concurrent writers: a transaction that took seq 41
may commit after one that took 42 was already pulled (measured: 27-30 % of rows skipped with 8-16
writers, FINDINGS.md). On PostgreSQL each row records the id of the transaction that wrote it;
a pull returns only rows written by transactions older than every transaction still running
(`HORIZON_SQL`), ordered by (txid, seq), and the cursor is that pair. A transaction still
running can then only ever add rows after the cursor. Transactions of other databases of the
cluster do not count: they cannot write these tables, and a long one must not hold pulls back.
SQLite runs one writer at a time, so its transaction ids are all 0 and seq order is commit order.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, literal_column, text, update
from sqlalchemy.orm import Session

from server.database import utc_now
from server.sync.models import SeqCounter


@dataclass(frozen=True, order=True)
class Cursor:
    txid: int = 0
    seq: int = 0

    def __str__(self) -> str:
        return f"{self.txid}.{self.seq}"

    @classmethod
    def parse(cls, text_form: str | None) -> Cursor:
        if not text_form:
            return cls()
        txid, _, seq = text_form.partition(".")
        return cls(int(txid), int(seq))


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def next_stamp(session: Session) -> tuple[int, int]:
    """(txid, seq) for a row written in this transaction."""
    if not is_postgres(session):
        session.execute(update(SeqCounter).where(SeqCounter.id == 1).values(value=SeqCounter.value + 1))
        return 0, int(session.scalar(text("SELECT value FROM seq_counter WHERE id = 1")))
    # One round trip for the transaction id and a block of sequence numbers, not two per row.
    info = session.info
    if "txid" not in info:
        info["txid"] = int(session.scalar(text("SELECT pg_current_xact_id()::text::bigint")))
    pool = info.setdefault("seq_pool", [])
    if not pool:
        pool.extend(session.scalars(text("SELECT nextval('sync_seq') FROM generate_series(1, 64)")))
        pool.reverse()
    return info["txid"], int(pool.pop())


class StampPool:
    """(txid, seq) stamps for the rows one transaction writes, taken from the database in one
    round trip the first time one is needed: `size` sequence numbers at once (the most the
    transaction can use; the unused ones are a gap, and gaps are harmless — see above)."""

    def __init__(self, session: Session, size: int) -> None:
        self._session, self._size = session, max(1, size)
        self._txid, self._seqs = 0, []

    def next(self) -> tuple[int, int]:
        if not self._seqs:
            self._txid, self._seqs = _take_stamps(self._session, self._size)
            self._seqs.reverse()
        return self._txid, self._seqs.pop()


def _take_stamps(session: Session, n: int) -> tuple[int, list[int]]:
    if not is_postgres(session):  # the writer holds SQLite's lock: numbers follow commit order
        top = session.execute(
            text("UPDATE seq_counter SET value = value + :n WHERE id = 1 RETURNING value"), {"n": n}
        ).scalar_one()
        return 0, list(range(top - n + 1, top + 1))
    found = session.execute(_STAMPS, {"n": n}).all()
    return int(found[0][0]), sorted(int(seq) for _txid, seq in found)


_STAMPS = text("SELECT pg_current_xact_id()::text::bigint, nextval('sync_seq') FROM generate_series(1, :n)")


# Rows whose txid is below this are final: the lowest transaction id still running in this
# database by the statement's snapshot, or the snapshot's xmax when none is. A transaction of the
# snapshot's in-progress list counts unless it is seen running in another database when the
# backends are read (after the snapshot): one that ended in between counts, which is only ever
# too careful, never too eager — and a prepared transaction (in no backend) always counts.
# (`pg_snapshot_xmin`, the cluster-wide lowest, let any other database's long transaction stall
# every pull.) Backends list 32-bit ids; a snapshot's are 64-bit, hence the modulo.
HORIZON_SQL = (
    "coalesce((SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x"
    " WHERE x::text::bigint % 4294967296 NOT IN ("
    "SELECT a.backend_xid::text::bigint FROM pg_stat_get_activity(NULL) AS a"
    " WHERE a.backend_xid IS NOT NULL"
    " AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),"
    " pg_snapshot_xmax(pg_current_snapshot())::text::bigint)"
)


def visible_horizon(session: Session) -> ColumnElement | None:
    """Rows with a txid below this are final (None: no limit, SQLite). An SQL expression, so the
    pull's own statement evaluates it: one round trip fewer, and the same snapshot as its rows."""
    if is_postgres(session):
        return literal_column(HORIZON_SQL)
    return None


def restamp(session: Session, row) -> None:
    """Mark a row (or removal) as written now: a new place on the cursor, a new update time."""
    row.txid, row.seq = next_stamp(session)
    if hasattr(row, "updated_at"):
        row.updated_at = utc_now()
