"""A branch (网点): the unit a supervisor oversees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from server.database import Base, UTCTime, utc_now
from server.ids import new_id


class Branch(Base):
    __tablename__ = "branch"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)
