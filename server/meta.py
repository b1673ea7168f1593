"""Server-wide settings kept in the database, so every `serve` process shares them: the epoch
(changes when the database is restored from a backup) and the key that signs access tokens."""

from __future__ import annotations

import secrets
import time

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from server.database import Base

EPOCH, TOKEN_KEY = "epoch", "token_key"
COMPACTED = "compacted_through"  # the newest cursor compaction may have dropped rows behind


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


class MetaCache:
    """The settings as one `serve` process read them: the token key (it never changes) and the
    epoch (re-read at most every 30 s, so a `restored` reaches every process quickly) — rather
    than a database read on every request."""

    EPOCH_SECONDS = 30.0

    def __init__(self, database) -> None:
        self._database = database
        self._token_key: str | None = None
        self._epoch: tuple[float, str] | None = None

    def token_key(self) -> str:
        if self._token_key is None:
            with self._database.snapshot() as session:
                self._token_key = read_meta(session=session, key=TOKEN_KEY)
        return self._token_key

    def epoch(self) -> str:
        now = time.monotonic()
        if self._epoch is None or now - self._epoch[0] > self.EPOCH_SECONDS:
            with self._database.snapshot() as session:
                self._epoch = (now, read_meta(session=session, key=EPOCH))
        return self._epoch[1]
