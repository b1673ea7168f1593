"""Keeping the sync data in shape: tombstones compacted after a horizon, and a new epoch after
the database is restored from a backup.

Compaction removes deleted rows and removals older than the horizon (default 180 days) and
remembers the newest cursor it compacted. A device whose cursor is older than that may have
missed a deletion it can no longer be told about: its pull is answered "resync" and it pulls
everything again (after pushing what it has pending). Idempotency records are kept at least as
long as clients keep acknowledged changes (30 days) — longer, to the horizon.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from server import audit
from server.database import utc_now
from server.meta import COMPACTED, ServerMeta, new_epoch, read_meta
from server.sync.cursor import Cursor
from server.sync.models import AppliedChange, SyncRemoval, SyncRow

DEFAULT_HORIZON_DAYS = 180


def compact(*, session: Session, horizon_days: int = DEFAULT_HORIZON_DAYS) -> dict[str, int]:
    """Drop tombstones, removals and idempotency records older than the horizon."""
    before = utc_now() - timedelta(days=horizon_days)
    old_tombstones = select(SyncRow.txid, SyncRow.seq).where(
        SyncRow.deleted.is_(True), SyncRow.updated_at < before
    )
    newest = session.execute(
        old_tombstones.order_by(SyncRow.txid.desc(), SyncRow.seq.desc()).limit(1)
    ).first()
    counts = {"tombstones": 0, "removals": 0, "change_ids": 0}
    if newest is not None:
        mark = max(Cursor(*newest), compacted_through(session))
        session.merge(ServerMeta(key=COMPACTED, value=str(mark)))
        counts["tombstones"] = session.execute(
            delete(SyncRow).where(
                SyncRow.deleted.is_(True), tuple_(SyncRow.txid, SyncRow.seq) <= (mark.txid, mark.seq)
            )
        ).rowcount
        counts["removals"] = session.execute(
            delete(SyncRemoval).where(tuple_(SyncRemoval.txid, SyncRemoval.seq) <= (mark.txid, mark.seq))
        ).rowcount
    counts["change_ids"] = session.execute(delete(AppliedChange).where(AppliedChange.at < before)).rowcount
    audit.record(session=session, action="sync.compact", horizon_days=horizon_days, **counts)
    return counts


def compacted_through(session: Session) -> Cursor:
    """The newest cursor whose tombstones may be gone (a device behind it must resync)."""
    return Cursor.parse(read_meta(session=session, key=COMPACTED))


def mark_restored(*, session: Session) -> str:
    """After restoring the database from a backup: a new epoch. Devices that see it re-send the
    changes they had acknowledged in the last 30 days; change ids stop any double application."""
    epoch = new_epoch(session=session)
    audit.record(session=session, action="server.restored", epoch=epoch)
    return epoch
