"""The server's copy of every synced row, and the record of every change applied (idempotency).

Rows are kept generically — values as JSON in wire form — because the server's job is to merge
and hand them on, not to query them: one table, one pull query, one cursor. Each write gives the
row a new `seq` from a server-wide sequence and, on PostgreSQL, the id of the transaction that
wrote it (`txid`); pulls order by (txid, seq) — see `cursor.py` for why.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.database import Base, UTCTime, utc_now


class SyncRow(Base):
    __tablename__ = "sync_row"

    table_name: Mapped[str] = mapped_column(String(30), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(32))  # the manager who owns it (its customer's owner)
    branch_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[str | None] = mapped_column(String(32))
    fields: Mapped[str] = mapped_column(Text)  # JSON: every value, in wire form
    stamps: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> HLC stamp of its last edit
    seq: Mapped[int] = mapped_column(BigInteger)
    txid: Mapped[int] = mapped_column(BigInteger, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)

    __table_args__ = (
        Index("ix_sync_row_owner_cursor", "owner_id", "txid", "seq"),
        Index("ix_sync_row_branch_cursor", "branch_id", "txid", "seq"),
        Index("ix_sync_row_customer", "customer_id"),
    )


class AppliedChange(Base):
    """A change id seen once, with the answer it got: a re-sent change gets the same answer."""

    __tablename__ = "applied_change"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)


class SeqCounter(Base):
    """SQLite's sequence (PostgreSQL uses a real SEQUENCE): one row, bumped inside the writing
    transaction — SQLite serialises writers, so numbers are handed out in commit order."""

    __tablename__ = "seq_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncRemoval(Base):
    """A row taken out of a manager's view (its customer was reassigned to someone else): their
    next pull tells them to drop it. Ordered on the same (txid, seq) cursor as rows."""

    __tablename__ = "sync_removal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[str] = mapped_column(String(32))  # the manager who loses the row
    table_name: Mapped[str] = mapped_column(String(30))
    row_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[str] = mapped_column(String(32))
    # Who got the customer (None in removals written before the server recorded it).
    new_owner_id: Mapped[str | None] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    txid: Mapped[int] = mapped_column(BigInteger, default=0)

    __table_args__ = (
        Index("ix_sync_removal_owner_cursor", "owner_id", "txid", "seq"),
        Index("ix_sync_removal_owner_customer", "owner_id", "customer_id"),
    )
