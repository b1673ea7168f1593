"""Writing rows that come from the server into the local database (raw SQL, inside the caller's
transaction): wire values to stored values, upserts that leave pending local edits alone, the
columns each device derives, and removing a customer's rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Date, DateTime, text
from sqlalchemy.orm import Session

from storage.models import LOCAL_ONLY_COLUMNS, SYNCED_MODELS, Base
from storage.services.derived import derived_customer_columns, refresh_next_revisit_many
from storage.timeutil import db_time, utc_now

# The tables the server syncs, parents first (a page is applied in this order).
TABLE_ORDER = (
    "customer",
    "tag",
    "card",
    "customer_tag",
    "call_log",
    "reminder",
    "audit_event",
    "sync_conflict",
)
FACTS = frozenset({"call_log", "audit_event"})  # appended, never edited: only version and owner move
MODELS: dict[str, type[Base]] = {m.__tablename__: m for m in SYNCED_MODELS}
ALL_FIELDS = "*"  # a pending local insert: every field of the row is the device's own

_LAST_CONTACT_MANY = text(
    "UPDATE customer SET last_contact_at = (SELECT max(occurred_at) FROM call_log "
    "WHERE customer_id = customer.id AND deleted = 0) WHERE id IN (SELECT value FROM json_each(:ids))"
)


def _kinds(table: str) -> dict[str, str]:
    """column -> 'datetime' | 'date' | 'bool' | '' for a synced table."""
    kinds = {}
    for column in MODELS[table].__table__.columns:
        impl = getattr(column.type, "impl", column.type)
        if isinstance(impl, DateTime):
            kinds[column.key] = "datetime"
        elif isinstance(impl, Date):
            kinds[column.key] = "date"
        else:
            kinds[column.key] = "bool" if getattr(column.type, "python_type", None) is bool else ""
    return kinds


def _stored_datetime(value: object) -> str:
    text_ = str(value)
    # The wire's own form (2026-11-20T02:00:00.000000Z) becomes SQLAlchemy's by slicing: an
    # initial pull converts a few hundred thousand of these.
    if len(text_) == 27 and text_[10] == "T" and text_[26] == "Z":
        return f"{text_[:10]} {text_[11:26]}"
    return db_time(datetime.fromisoformat(text_.replace("Z", "+00:00")))


def _stored_date(value: object) -> str:
    return date.fromisoformat(str(value)[:10]).isoformat()


def _stored_bool(value: object) -> int:
    return 1 if value else 0


_CONVERT = {"datetime": _stored_datetime, "date": _stored_date, "bool": _stored_bool}
_KINDS = {table: _kinds(table) for table in TABLE_ORDER}
# Per table: the columns a pulled row may set, each with its conversion (None: stored as sent).
_STORED = {
    table: {
        name: _CONVERT.get(kind)
        for name, kind in kinds.items()
        if name not in LOCAL_ONLY_COLUMNS.get(table, set()) and name not in ("version", "deleted", "seq")
    }
    for table, kinds in _KINDS.items()
}
_DEFAULTS = {
    table: {
        c.key: c.default.arg
        for c in MODELS[table].__table__.columns
        if c.default is not None and not callable(c.default.arg)
    }
    for table in TABLE_ORDER
}


def stored_value(table: str, column: str, value: object) -> object:
    """A wire value as the local database stores it (datetimes as SQLAlchemy's UTC text)."""
    convert = _CONVERT.get(_KINDS[table].get(column, ""))
    return value if value is None or convert is None else convert(value)


def python_value(table: str, column: str, value: object) -> object:
    """A wire value as the ORM holds it (for derived columns and comparisons)."""
    if value is None:
        return None
    kind = _KINDS[table].get(column, "")
    if kind == "datetime":
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if kind == "date":
        return date.fromisoformat(str(value)[:10])
    if kind == "bool":
        return bool(value)
    return value


def stored_fields(table: str, fields: dict[str, object]) -> dict[str, object]:
    """The columns of `fields` this device has (a newer server's extra fields are left out),
    local-only ones excluded — every device derives those itself."""
    stored = {}
    columns = _STORED[table]
    for name, value in fields.items():
        if name in columns:
            convert = columns[name]
            stored[name] = value if convert is None or value is None else convert(value)
    return stored


def upsert_rows(session: Session, table: str, rows: list[tuple[dict[str, object], set[str] | str]]) -> None:
    """Write pulled rows of one table: (stored values incl. id/version/deleted, pending fields).

    Fields the device still has pending (edits waiting in the outbox) keep the local value: the
    server merges them when they arrive. New rows take the table's defaults for absent columns.
    """
    raw = session.connection().connection.driver_connection
    session.flush()
    now = db_time(utc_now())  # for rows a server sent without their times (never, normally)
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[list]] = {}
    for values, pending in rows:
        if pending == ALL_FIELDS:
            updated = ("version",)
        elif table in FACTS:  # what happened never changes; whose book it is in does (reassigned)
            updated = ("version", "owner_manager_id") if "owner_manager_id" in values else ("version",)
        else:
            updated = tuple(sorted(k for k in values if k != "id" and k not in pending))
        full = {**_DEFAULTS[table], "created_at": now, "updated_at": now, **values}
        inserted = tuple(sorted(full))
        groups.setdefault((inserted, updated), []).append([full[name] for name in inserted])
    for (inserted, updated), params in groups.items():
        assignments = ", ".join(f"{name} = excluded.{name}" for name in updated) or "version = version"
        raw.executemany(
            f"INSERT INTO {table} ({', '.join(inserted)}) VALUES ({', '.join('?' * len(inserted))}) "
            f"ON CONFLICT(id) DO UPDATE SET {assignments}",
            params,
        )


def derive_customer_columns(session: Session, customers: dict[str, dict[str, object]]) -> None:
    """Pinyin, sort key and birthday of pulled customers (id -> their wire fields)."""
    raw = session.connection().connection.driver_connection
    for customer_id, fields in customers.items():
        source = {k: python_value("customer", k, fields[k]) for k in ("name", "birth_date") if k in fields}
        derived = derived_customer_columns(source)
        if derived:
            assignments = ", ".join(f"{name} = ?" for name in derived)
            raw.execute(f"UPDATE customer SET {assignments} WHERE id = ?", [*derived.values(), customer_id])


def refresh_contact_columns(session: Session, customer_ids: Iterable[str]) -> None:
    """Last contact and next revisit of customers whose calls or reminders were pulled."""
    ids = list(customer_ids)
    if ids:
        session.execute(_LAST_CONTACT_MANY, {"ids": json.dumps(ids)})
        refresh_next_revisit_many(session, ids)


CUSTOMER_ROWS = ("reminder", "call_log", "customer_tag", "card")  # a customer's own rows


def remove_customer_rows(session: Session, customer_id: str) -> None:
    """Take a customer and everything of theirs out of this device (reassigned away)."""
    session.flush()
    for table in (*CUSTOMER_ROWS, "customer"):
        column = "id" if table == "customer" else "customer_id"
        session.execute(text(f"DELETE FROM {table} WHERE {column} = :cid"), {"cid": customer_id})


def has_customer_rows(session: Session, customer_id: str) -> bool:
    """Whether any card, call, reminder or tag link of the customer is held here."""
    union = " UNION ALL ".join(f"SELECT 1 FROM {table} WHERE customer_id = :c" for table in CUSTOMER_ROWS)
    return session.execute(text(f"{union} LIMIT 1"), {"c": customer_id}).first() is not None


def customers_of_pending_rows(session: Session) -> set[str]:
    """Customers whose rows (a call, a card …) still have changes waiting to be sent."""
    found: set[str] = set()
    for table in CUSTOMER_ROWS:
        query = text(
            f"SELECT DISTINCT t.customer_id FROM outbox AS o JOIN {table} AS t ON t.id = o.row_id "
            "WHERE o.acked_at IS NULL AND o.table_name = :table"
        )
        found |= {customer for (customer,) in session.execute(query, {"table": table})}
    return found


def remove_row(session: Session, table: str, row_id: str) -> None:
    """Take one row out of this device (audit events never leave: they are append-only)."""
    if table == "customer":
        remove_customer_rows(session, row_id)
    elif table != "audit_event":
        session.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": row_id})
