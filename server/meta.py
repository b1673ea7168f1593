"""Server-wide settings kept in the database, so every `serve` process shares them: the epoch
(changes when the database is restored from a backup) and the key that signs access tokens."""

from __future__ import annotations

import secrets

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from server.database import Base

EPOCH, TOKEN_KEY = "epoch", "token_key"


class ServerMeta(Base):
    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def read_meta(*, session: Session, key: str) -> str | None:
    return session.scalar(select(ServerMeta.value).where(ServerMeta.key == key))


def ensure_meta(*, session: Session) -> None:
    """Create the epoch and the token key on first start (kept afterwards)."""
    for key in (EPOCH, TOKEN_KEY):
        if read_meta(session=session, key=key) is None:
            session.add(ServerMeta(key=key, value=secrets.token_hex(32 if key == TOKEN_KEY else 8)))
    session.flush()


def new_epoch(*, session: Session) -> str:
    """A new epoch: what `restore` sets, so clients re-send what they had acknowledged."""
    value = secrets.token_hex(8)
    session.merge(ServerMeta(key=EPOCH, value=value))
    return value
