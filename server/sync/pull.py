"""Pull: the rows the caller may see that changed after their cursor, a page at a time.

A page is one statement: the caller's rows and, for a manager, their removals, merged in cursor
order. On PostgreSQL the statement also evaluates the snapshot horizon (`cursor.py`), so rows and
removals are filtered by the same one — two statements could each see a different horizon, and a
removal taken past the first would move the cursor over a row held back by the second.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property

import msgspec
from sqlalchemy import TextClause, func, select, text
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from server.accounts.models import Role, User
from server.errors import ServerError
from server.sync.access import require_customer_data, visible_rows
from server.sync.cursor import Cursor, is_postgres
from server.sync.maintenance import compacted_through
from server.sync.models import SyncRow

MAX_PAGE = 2_000


@dataclass(frozen=True)
class Page:
    items: list[Row]  # (table_name, row_id, seq, txid, deleted, fields, removed, new_owner)
    cursor: Cursor
    more: bool
    live_rows: int | None  # on the last page: how many live rows the caller should now hold

    @cached_property
    def rows(self) -> list[dict]:
        """The page's rows as the protocol describes them, with their fields parsed."""
        return [_wire(item, json.loads(item.fields) if not item.removed else None) for item in self.items]

    def wire_rows(self) -> list[dict]:
        """The same for the answer: each row's stored JSON goes out as it is, never parsed."""
        return [_wire(item, msgspec.Raw(item.fields) if not item.removed else None) for item in self.items]


def pull(
    *,
    session: Session,
    user: User,
    after: Cursor,
    limit: int = 500,
    count: bool = True,
    compacted: Cursor | None = None,
) -> Page:
    """The next page after `after` (ordered by the gap-free (txid, seq) cursor); with `count`,
    the last page says how many live rows the caller should now hold. `compacted` is the
    compaction mark when the caller already read it (else it is read here)."""
    require_customer_data(user)
    if compacted is None:
        compacted = compacted_through(session)
    if after != Cursor() and after < compacted:
        raise ServerError(
            "resync",
            "This device was away longer than the server keeps deletions: push what is pending, "
            "then pull everything again (from no cursor).",
            status=410,
        )
    limit = max(1, min(limit, MAX_PAGE))
    manager = user.role == Role.MANAGER  # only managers lose customers to a reassignment
    statement = _page_statement(is_postgres(session), manager)
    who = user.id if manager else user.branch_id
    params = {"who": who, "txid": after.txid, "seq": after.seq, "n": limit + 1}
    found = session.connection().execute(statement, params).all()
    more = len(found) > limit
    items = found[:limit]
    cursor = Cursor(items[-1].txid, items[-1].seq) if items else after
    live = _live_count(session, user) if count and not more else None
    return Page(items, cursor, more, live)


@cache
def _page_statement(postgres: bool, manager: bool) -> TextClause:
    """Rows (and a manager's removals) after the cursor, final ones only, in cursor order."""
    final = " AND txid < (SELECT xmin FROM horizon)" if postgres else ""
    after = f"(txid, seq) > (:txid, :seq){final} ORDER BY txid, seq LIMIT :n"
    rows = (
        "SELECT table_name, row_id, seq, txid, deleted, fields, 0 AS removed, NULL AS new_owner "
        f"FROM sync_row WHERE {'owner_id' if manager else 'branch_id'} = :who AND {after}"
    )
    sql = f"SELECT * FROM ({rows}) AS r"
    if manager:
        removals = (
            "SELECT table_name, row_id, seq, txid, false, NULL, 1, new_owner_id "
            f"FROM sync_removal WHERE owner_id = :who AND {after}"
        )
        sql += f" UNION ALL SELECT * FROM ({removals}) AS m"
    sql += " ORDER BY txid, seq LIMIT :n"
    if postgres:
        sql = f"WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin) {sql}"
    return text(sql)


def _wire(item: Row, fields: object) -> dict:
    if item.removed:  # reassigned away: the device drops it
        return {
            "table": item.table_name,
            "id": item.row_id,
            "version": item.seq,
            "removed": True,
            "to": item.new_owner,
        }
    return {
        "table": item.table_name,
        "id": item.row_id,
        "version": item.seq,
        "deleted": bool(item.deleted),
        "fields": fields,
    }


def _live_count(session: Session, user: User) -> int:
    """What a client holding everything it pulled should count (drift check)."""
    return session.scalar(
        select(func.count()).select_from(SyncRow).where(visible_rows(user), SyncRow.deleted.is_(False))
    )
