"""The customer list: filters and sort run in SQL; the list pane holds ids and fetches rows lazily.

`customer_seqs` returns the ordered `customer.seq` values of everything that matches (100,000
ints fit in 800 KB); `fetch_rows` reads the visible page. The SQL is written out by hand and run
on the raw cursor because building 100,000 SQLAlchemy rows costs 3-5x the query itself.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from storage.search import search_condition
from storage.services.rows import raw_connection
from storage.timeutil import db_time, from_db_time, local_today, month_day, utc_now

TIER_RANK = (
    "CASE c.tier WHEN 'private_banking' THEN 0 WHEN 'high_value' THEN 1 WHEN 'standard' THEN 2 "
    "WHEN 'young' THEN 3 ELSE 4 END"
)
LIFECYCLE_RANK = (
    "CASE c.lifecycle_stage WHEN 'prospect' THEN 0 WHEN 'applied' THEN 1 WHEN 'new' THEN 2 "
    "WHEN 'active' THEN 3 WHEN 'dormant' THEN 4 WHEN 'churn_risk' THEN 5 ELSE 6 END"
)
LIST_COLUMNS = (
    "seq",
    "id",
    "name",
    "mobile",
    "tier",
    "lifecycle_stage",
    "last_contact_at",
    "next_revisit_at",
    "risk_flags",
    "do_not_contact",
)


class CustomerSort(StrEnum):
    NAME = "name"
    LAST_CONTACT = "last_contact"
    NEXT_REVISIT = "next_revisit"
    TIER = "tier"
    LIFECYCLE = "lifecycle"
    CREATED = "created"


SORT_SQL = {
    CustomerSort.NAME: "c.name_sort_key {dir}",
    CustomerSort.LAST_CONTACT: "c.last_contact_at {dir} NULLS LAST",
    CustomerSort.NEXT_REVISIT: "c.next_revisit_at {dir} NULLS LAST",
    CustomerSort.TIER: f"{TIER_RANK} {{dir}}, c.name_sort_key",
    CustomerSort.LIFECYCLE: f"{LIFECYCLE_RANK} {{dir}}, c.name_sort_key",
    CustomerSort.CREATED: "c.created_at {dir}",
}


@dataclass(frozen=True)
class CustomerFilter:
    """What the list pane's search box and filter chips ask for; every part is optional."""

    text: str = ""
    tiers: tuple[str, ...] = ()
    lifecycle_stages: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()
    revisit_overdue: bool = False
    no_contact_days: int | None = None
    birthday_within_days: int | None = None
    risk_flagged: bool = False
    owner_manager_id: str | None = None


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list (mobile is unmasked here: the UI masks it)."""

    seq: int
    id: str
    name: str
    mobile: str | None
    tier: str
    lifecycle_stage: str
    last_contact_at: datetime | None
    next_revisit_at: datetime | None
    risk_flags: str
    do_not_contact: bool
    tags: str


def birthday_ranges(today: date, days: int) -> list[tuple[int, int]]:
    """MMDD ranges covering the next `days` days from `today` (split where the year wraps)."""
    end = today + timedelta(days=days)
    first, last = month_day(today), month_day(end)
    if end.year == today.year:
        return [(first, last)]
    return [(first, 1231), (101, last)]


def is_selective(f: CustomerFilter) -> bool:
    """Whether the filter narrows the book by more than tier / lifecycle stage."""
    return bool(
        f.text.strip()
        or f.tag_ids
        or f.revisit_overdue
        or f.risk_flagged
        or f.no_contact_days is not None
        or f.birthday_within_days is not None
    )


def where_clause(f: CustomerFilter, now: datetime) -> tuple[str, list]:
    """The WHERE clause (on alias `c`) and its parameters for a filter."""
    parts, args = ["c.deleted = 0"], []

    def add(sql: str, *values) -> None:
        parts.append(sql)
        args.extend(values)

    if f.tiers:
        add(f"c.tier IN ({','.join('?' * len(f.tiers))})", *f.tiers)
    if f.lifecycle_stages:
        add(f"c.lifecycle_stage IN ({','.join('?' * len(f.lifecycle_stages))})", *f.lifecycle_stages)
    if f.tag_ids:
        add(
            f"c.id IN (SELECT customer_id FROM customer_tag WHERE deleted = 0 AND tag_id IN "
            f"({','.join('?' * len(f.tag_ids))}))",
            *f.tag_ids,
        )
    if f.revisit_overdue:
        add("c.next_revisit_at < ?", db_time(now))
    if f.no_contact_days is not None:
        cutoff = db_time(now - timedelta(days=f.no_contact_days))
        add("(c.last_contact_at < ? OR (c.last_contact_at IS NULL AND c.created_at < ?))", cutoff, cutoff)
    if f.birthday_within_days is not None:
        ranges = birthday_ranges(local_today(), f.birthday_within_days)
        add(
            "(" + " OR ".join("c.birth_mmdd BETWEEN ? AND ?" for _ in ranges) + ")",
            *[v for r in ranges for v in r],
        )
    if f.risk_flagged:
        add("c.risk_flags != ''")
    if f.owner_manager_id:
        add("c.owner_manager_id = ?", f.owner_manager_id)
    found = search_condition(f.text)
    if found is not None:
        add(found[0], *found[1])
    return " AND ".join(parts), args


def customer_seqs(
    session: Session,
    f: CustomerFilter,
    sort: CustomerSort = CustomerSort.NAME,
    descending: bool = False,
    *,
    now: datetime | None = None,
    limit: int = -1,
    offset: int = 0,
) -> array:
    """The seq of every customer matching `f` (or of one page of them), in the requested order."""
    where, args = where_clause(f, now or utc_now())
    order = SORT_SQL[CustomerSort(sort)].format(dir="DESC" if descending else "ASC")
    if is_selective(f):
        # Left alone, SQLite walks the sort column's index and tests every row (~100 ms at
        # 100,000 customers); `+` makes it use the filter's index and sort the few matches (~5 ms).
        order = order.replace("c.", "+c.")
    sql = f"SELECT c.seq FROM customer c WHERE {where} ORDER BY {order}, c.seq LIMIT ? OFFSET ?"
    args += [limit, offset]
    return array("q", (row[0] for row in raw_connection(session).execute(sql, args)))


def count_customers(session: Session, f: CustomerFilter | None = None, *, now: datetime | None = None) -> int:
    """How many customers match `f` (all live customers when `f` is None)."""
    where, args = where_clause(f or CustomerFilter(), now or utc_now())
    return (
        raw_connection(session).execute(f"SELECT count(*) FROM customer c WHERE {where}", args).fetchone()[0]
    )


def fetch_rows(session: Session, seqs) -> dict[int, CustomerRow]:
    """The list columns of the given customers, by seq (deleted ones are left out)."""
    seqs = list(seqs)
    if not seqs:
        return {}
    columns = ", ".join(f"c.{name}" for name in LIST_COLUMNS)
    tags = (
        "(SELECT group_concat(t.name, '、') FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.customer_id = c.id AND ct.deleted = 0)"
    )
    sql = (
        f"SELECT {columns}, {tags} FROM customer c "
        f"WHERE c.deleted = 0 AND c.seq IN ({','.join('?' * len(seqs))})"
    )
    rows = {}
    for r in raw_connection(session).execute(sql, seqs):
        rows[r[0]] = CustomerRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            from_db_time(r[6]),
            from_db_time(r[7]),
            r[8],
            bool(r[9]),
            r[10] or "",
        )
    return rows


def list_customers(
    session: Session,
    f: CustomerFilter,
    sort: CustomerSort = CustomerSort.NAME,
    descending: bool = False,
    *,
    limit: int = 200,
    offset: int = 0,
) -> list[CustomerRow]:
    """One page of the filtered, sorted list (for the CLI, exports and tests)."""
    seqs = customer_seqs(session, f, sort, descending, limit=limit, offset=offset)
    rows = fetch_rows(session, seqs)
    return [rows[s] for s in seqs if s in rows]


EXPORT_COLUMNS = (
    "name",
    "mobile",
    "id_number",
    "gender",
    "tier",
    "lifecycle_stage",
    "employer",
    "last_contact_at",
    "next_revisit_at",
    "risk_flags",
    "do_not_contact",
    "created_at",
)
"""What a customer list export holds, in order; `tags` follows them."""


def fetch_export_rows(session: Session, seqs) -> list[tuple]:
    """The export columns (then the tags) of the given customers, in the order of `seqs`.

    Mobile and ID number are returned in full: the export decides what to mask.
    """
    seqs = list(seqs)
    if not seqs:
        return []
    columns = ", ".join(f"c.{name}" for name in EXPORT_COLUMNS)
    tags = (
        "(SELECT group_concat(t.name, '、') FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.customer_id = c.id AND ct.deleted = 0)"
    )
    sql = (
        f"SELECT c.seq, {columns}, {tags} FROM customer c "
        f"WHERE c.deleted = 0 AND c.seq IN ({','.join('?' * len(seqs))})"
    )
    found = {row[0]: row[1:] for row in raw_connection(session).execute(sql, seqs)}
    return [found[seq] for seq in seqs if seq in found]
