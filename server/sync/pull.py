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
from server.accounts.tokens import AccessClaims
from server.caller import CALLER_SQL, Caller, caller_from, caller_params, identify
from server.errors import ServerError
from server.sync.access import require_customer_data, visible_rows
from server.sync.cursor import HORIZON_SQL, Cursor, is_postgres
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
    compacted = compacted_through(session) if compacted is None else compacted
    _check_not_compacted(after, compacted)
    manager = user.role == Role.MANAGER
    params = {"who": user.id if manager else user.branch_id, **_page_params(after, limit)}
    found = session.connection().execute(_page_statement(is_postgres(session), manager), params).all()
    return _page(session, user, after, limit, found, count, _liftable(found, compacted))


def pull_as(
    *, session: Session, claims: AccessClaims, after: Cursor, limit: int = 500, count: bool = False
) -> tuple[Caller, Page]:
    """The caller of `claims` (`server.caller.identify`) and their next page, in one statement:
    one round trip, where looking the caller up first took two."""
    if claims.role not in (Role.MANAGER, Role.SUPERVISOR):  # 401 first if so, then the 403
        who = identify(session, claims)
        return who, pull(session=session, user=who.user, after=after, limit=limit, count=count)
    manager = claims.role == Role.MANAGER
    statement = _caller_and_page_statement(is_postgres(session), manager)
    params = {**caller_params(claims), **_page_params(after, limit)}
    found = session.connection().execute(statement, params).all()
    who = caller_from(found[0] if found else None, claims)
    compacted = Cursor.parse(who.compacted_through)
    if who.user.role != claims.role:  # the account's role changed since the token was issued
        page = pull(
            session=session, user=who.user, after=after, limit=limit, count=count, compacted=compacted
        )
        return who, page
    _check_not_compacted(after, compacted)
    items = [row for row in found if row.row_id is not None]  # an empty page: the caller alone
    return who, _page(session, who.user, after, limit, items, count, _liftable(found, compacted))


def _liftable(found: list[Row], compacted: Cursor) -> Cursor | None:
    """The compaction mark if every row up to it is final by the statement's horizon (SQLite has
    none: one writer at a time, all final), else None — the page's cursor must not pass it."""
    if not found:  # nothing read, no horizon known (and nothing to move past)
        return None
    horizon = getattr(found[0], "horizon", None)
    return compacted if horizon is None or compacted.txid < horizon else None


def _check_not_compacted(after: Cursor, compacted: Cursor) -> None:
    if after != Cursor() and after < compacted:
        raise ServerError(
            "resync",
            "This device was away longer than the server keeps deletions: push what is pending, "
            "then pull everything again (from no cursor).",
            status=410,
        )


def _page_params(after: Cursor, limit: int) -> dict[str, int]:
    return {"txid": after.txid, "seq": after.seq, "n": _bounded(limit) + 1}


def _bounded(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))


def _page(
    session: Session, user, after: Cursor, limit: int, found: list[Row], count: bool, lift_to: Cursor | None
) -> Page:
    """A page from up to limit + 1 rows found (one more than fits says another page waits).
    The last page's cursor is lifted to `lift_to` (the compaction mark, when everything up to it
    is final): a caller whose rows all lie before the mark would otherwise be sent back to
    resync at every pull after a full one."""
    limit = _bounded(limit)
    more = len(found) > limit
    items = found[:limit]
    cursor = Cursor(items[-1].txid, items[-1].seq) if items else after
    if not more and lift_to is not None and cursor < lift_to:
        cursor = lift_to  # none of the caller's rows lies in between: they would be in this page
    live = _live_count(session, user) if count and not more else None
    return Page(items, cursor, more, live)


_HORIZON = f"horizon AS (SELECT {HORIZON_SQL} AS xmin)"


@cache
def _page_statement(postgres: bool, manager: bool) -> TextClause:
    sql = _page_sql(postgres, manager, who=":who")
    if not postgres:
        return text(sql)
    horizon = "(SELECT xmin FROM horizon) AS horizon"
    return text(f"WITH {_HORIZON} SELECT page.*, {horizon} FROM ({sql}) AS page ORDER BY page.txid, page.seq")


@cache
def _caller_and_page_statement(postgres: bool, manager: bool) -> TextClause:
    """The caller (one row) joined with the page: as many rows as the page has, at least one."""
    # A manager's rows are theirs (the token's user, checked by the join); a supervisor's are
    # their branch's, which the caller's row says.
    page = _page_sql(postgres, manager, who=":user_id" if manager else "(SELECT branch_id FROM caller)")
    ctes = f"caller AS ({CALLER_SQL})" + (f", {_HORIZON}" if postgres else "")
    horizon = ", (SELECT xmin FROM horizon) AS horizon" if postgres else ""
    return text(
        f"WITH {ctes} SELECT caller.*{horizon}, page.* FROM caller LEFT JOIN ({page}) AS page ON 1 = 1 "
        "ORDER BY page.txid, page.seq"
    )


def _page_sql(postgres: bool, manager: bool, who: str) -> str:
    """Rows (and a manager's removals) after the cursor, final ones only, in cursor order."""
    final = " AND txid < (SELECT xmin FROM horizon)" if postgres else ""
    after = f"(txid, seq) > (:txid, :seq){final} ORDER BY txid, seq LIMIT :n"
    rows = (
        "SELECT table_name, row_id, seq, txid, deleted, fields, 0 AS removed, NULL AS new_owner "
        f"FROM sync_row WHERE {'owner_id' if manager else 'branch_id'} = {who} AND {after}"
    )
    sql = f"SELECT * FROM ({rows}) AS r"
    if manager:  # only managers lose customers to a reassignment
        removals = (
            "SELECT table_name, row_id, seq, txid, false, NULL, 1, new_owner_id "
            f"FROM sync_removal WHERE owner_id = {who} AND {after}"
        )
        sql += f" UNION ALL SELECT * FROM ({removals}) AS m"
    return sql + " ORDER BY txid, seq LIMIT :n"


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
