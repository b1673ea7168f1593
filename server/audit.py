"""The server's security audit log: logins, failures, device revocations, reassignments, exports
reported by clients. Append-only; no customer data in it."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from server.database import Base, UTCTime, utc_now


class ServerAuditEvent(Base):
    __tablename__ = "server_audit"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now, index=True)
    action: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[str | None] = mapped_column(String(32))
    username: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")


def record(
    *,
    session: Session,
    action: str,
    user_id: str | None = None,
    username: str | None = None,
    address: str | None = None,
    **detail: object,
) -> None:
    """Append one event (in the caller's transaction)."""
    session.add(
        ServerAuditEvent(
            action=action,
            user_id=user_id,
            username=username,
            address=address,
            detail=json.dumps(detail, ensure_ascii=False, default=str),
        )
    )
