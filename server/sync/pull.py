"""Pull: the rows the caller may see that changed after their cursor, a page at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from server.accounts.models import User
from server.sync.access import require_customer_data, visible_rows
from server.sync.cursor import Cursor, visible_horizon
from server.sync.models import SyncRow

MAX_PAGE = 2_000


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    cursor: Cursor
    more: bool
    live_rows: int | None  # on the last page: how many live rows the caller should now hold


def pull(*, session: Session, user: User, after: Cursor, limit: int = 500) -> Page:
    """The next page after `after` (ordered by the gap-free (txid, seq) cursor)."""
    require_customer_data(user)
    limit = max(1, min(limit, MAX_PAGE))
    query = select(SyncRow).where(
        visible_rows(user), tuple_(SyncRow.txid, SyncRow.seq) > (after.txid, after.seq)
    )
    horizon = visible_horizon(session)
    if horizon is not None:
        query = query.where(SyncRow.txid < horizon)
    found = list(session.scalars(query.order_by(SyncRow.txid, SyncRow.seq).limit(limit + 1)))
    more = len(found) > limit
    rows = found[:limit]
    cursor = Cursor(rows[-1].txid, rows[-1].seq) if rows else after
    live = None if more else _live_count(session, user)
    return Page([_wire(row) for row in rows], cursor, more, live)


def _wire(row: SyncRow) -> dict:
    return {
        "table": row.table_name,
        "id": row.row_id,
        "version": row.seq,
        "deleted": row.deleted,
        "fields": json.loads(row.fields),
    }


def _live_count(session: Session, user: User) -> int:
    """What a client holding everything it pulled should count (drift check)."""
    return session.scalar(
        select(func.count()).select_from(SyncRow).where(visible_rows(user), SyncRow.deleted.is_(False))
    )
