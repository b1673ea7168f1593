"""The open sync conflicts with their customers' names, for the Conflicts view.

Stands in for `storage.sync.conflicts.ConflictService.open_conflicts`, whose query joins the
customer table through `text()` and fails on SQLAlchemy 2 (AttributeError: 'TextClause' object has
no attribute 'selectable'); the same rows, in the same order, made into the same `ConflictView`s.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.models import Customer, SyncConflict
from storage.store import Store
from storage.sync.conflicts import ConflictView


def open_conflicts(store: Store) -> list[ConflictView]:
    """Unsettled conflicts, newest first."""
    query = (
        select(SyncConflict, Customer.name)
        .outerjoin(Customer, Customer.id == SyncConflict.customer_ref)
        .where(SyncConflict.resolved_at.is_(None), SyncConflict.deleted.is_(False))
        .order_by(SyncConflict.created_at.desc())
    )
    with store.read() as session:
        return [_view(row, name) for row, name in session.execute(query)]


def _view(row: SyncConflict, customer_name: str | None) -> ConflictView:
    def load(raw: str | None):
        return None if raw is None else json.loads(raw)

    return ConflictView(
        id=row.id,
        kind=row.kind,
        table=row.table_name,
        row_id=row.row_id,
        customer_id=row.customer_ref,
        customer_name=customer_name,
        field=row.field,
        kept=load(row.kept),
        lost=load(row.lost),
        kept_at=row.kept_at,
        kept_device=row.kept_device,
        lost_at=row.lost_at,
        lost_device=row.lost_device,
        reason=load(row.reason),
    )
