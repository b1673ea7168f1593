"""Customers who left this device's book because a supervisor reassigned them: told once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from storage.models import SyncNotice
from storage.store import Store
from storage.timeutil import utc_now


@dataclass(frozen=True)
class Notice:
    """ "张伟 was reassigned to 李娜": who left, to whom (None when the server did not say), when."""

    seq: int
    customer_name: str
    to_name: str | None
    at: datetime


def unseen_notices(store: Store) -> list[Notice]:
    """Notices the manager has not been shown yet, oldest first."""
    query = select(SyncNotice).where(SyncNotice.seen_at.is_(None)).order_by(SyncNotice.seq)
    with store.read() as session:
        return [Notice(n.seq, n.customer_name, n.to_name, n.at) for n in session.scalars(query)]


def mark_seen(store: Store, seqs: list[int]) -> None:
    """The manager was shown these notices."""
    with store.write() as tx:
        tx.session.execute(update(SyncNotice).where(SyncNotice.seq.in_(seqs)).values(seen_at=utc_now()))
