"""Columns this device derives for speed: kept in step inside the write that changes their source.

They are local-only (never synced): every device derives them from the rows it holds.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from storage.enums import ACTIVE_REMINDER_STATUSES
from storage.pinyin_names import name_pinyin
from storage.timeutil import month_day

_LAST_CONTACT = text(
    "UPDATE customer SET last_contact_at = (SELECT max(occurred_at) FROM call_log "
    "WHERE customer_id = :cid AND deleted = 0) WHERE id = :cid"
)


def name_columns(name: str) -> dict[str, str]:
    """Pinyin full spelling, initials and sort key of a customer's name."""
    p = name_pinyin(name)
    return {"name_pinyin": p.full, "name_initials": p.initials, "name_sort_key": p.sort_key}


def derived_customer_columns(values: dict[str, object]) -> dict[str, object]:
    """The derived columns that follow from `values` (only those whose source is in `values`)."""
    derived: dict[str, object] = {}
    if "name" in values:
        derived.update(name_columns(values["name"]))
    if "birth_date" in values:
        derived["birth_mmdd"] = month_day(values["birth_date"])
    return derived


def refresh_last_contact(session: Session, customer_id: str) -> None:
    """customer.last_contact_at = the time of their latest call."""
    session.flush()  # raw SQL does not autoflush pending ORM changes
    session.execute(_LAST_CONTACT, {"cid": customer_id})


def refresh_next_revisit(session: Session, customer_id: str) -> None:
    """customer.next_revisit_at = when their earliest open (or snoozed) reminder falls due."""
    refresh_next_revisit_many(session, [customer_id])


def refresh_next_revisit_many(session: Session, customer_ids) -> None:
    """refresh_next_revisit for many customers at once (rule evaluation, imports)."""
    session.flush()
    ids = list(customer_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join(f":c{n}" for n in range(len(chunk)))
        session.execute(
            text(
                "UPDATE customer SET next_revisit_at = (SELECT min(coalesce(snoozed_until, due_at)) "
                "FROM reminder WHERE customer_id = customer.id AND deleted = 0 "
                f"AND status IN {tuple(ACTIVE_REMINDER_STATUSES)!r}) WHERE id IN ({marks})"
            ),
            {f"c{n}": cid for n, cid in enumerate(chunk)},
        )
