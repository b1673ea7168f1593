"""Reading the outbox: how many local changes still wait for the server."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Outbox


def pending_count(session: Session) -> int:
    """Changes written locally that the server has not acknowledged yet."""
    return session.scalar(select(func.count()).select_from(Outbox).where(Outbox.acked_at.is_(None)))
