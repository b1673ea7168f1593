"""Pull: the rows the caller may see that changed after their cursor, a page at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from server.accounts.models import Role, User
from server.errors import ServerError
from server.sync.access import require_customer_data, visible_rows
from server.sync.cursor import Cursor, visible_horizon
from server.sync.maintenance import compacted_through
from server.sync.models import SyncRemoval, SyncRow

MAX_PAGE = 2_000


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    cursor: Cursor
    more: bool
    live_rows: int | None  # on the last page: how many live rows the caller should now hold


def pull(*, session: Session, user: User, after: Cursor, limit: int = 500, count: bool = True) -> Page:
    """The next page after `after` (ordered by the gap-free (txid, seq) cursor); with `count`,
    the last page says how many live rows the caller should now hold."""
    require_customer_data(user)
    if after != Cursor() and after < compacted_through(session):
        raise ServerError(
            "resync",
            "This device was away longer than the server keeps deletions: push what is pending, "
            "then pull everything again (from no cursor).",
            status=410,
        )
    limit = max(1, min(limit, MAX_PAGE))
    horizon = visible_horizon(session)
    found = _after(session, SyncRow, visible_rows(user), after, horizon, limit + 1)
    if user.role == Role.MANAGER:  # only managers lose customers to a reassignment
        found += _after(session, SyncRemoval, SyncRemoval.owner_id == user.id, after, horizon, limit + 1)
        found.sort(key=lambda item: (item.txid, item.seq))
    more = len(found) > limit
    items = found[:limit]
    cursor = Cursor(items[-1].txid, items[-1].seq) if items else after
    live = _live_count(session, user) if count and not more else None
    return Page([_wire(item) for item in items], cursor, more, live)


def _after(session: Session, model, visible, after: Cursor, horizon, limit: int) -> list:
    """Rows (or removals) the caller may see after the cursor, final ones only, in cursor order."""
    query = select(model).where(visible, tuple_(model.txid, model.seq) > (after.txid, after.seq))
    if horizon is not None:
        query = query.where(model.txid < horizon)
    return list(session.scalars(query.order_by(model.txid, model.seq).limit(limit)))


def _wire(item: SyncRow | SyncRemoval) -> dict:
    if isinstance(item, SyncRemoval):  # reassigned away: the device drops it
        return {
            "table": item.table_name,
            "id": item.row_id,
            "version": item.seq,
            "removed": True,
            "to": item.new_owner_id,
        }
    return {
        "table": item.table_name,
        "id": item.row_id,
        "version": item.seq,
        "deleted": item.deleted,
        "fields": json.loads(item.fields),
    }


def _live_count(session: Session, user: User) -> int:
    """What a client holding everything it pulled should count (drift check)."""
    return session.scalar(
        select(func.count()).select_from(SyncRow).where(visible_rows(user), SyncRow.deleted.is_(False))
    )
