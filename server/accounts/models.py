"""Users (managers, supervisors, admins), the devices they registered, and failed logins."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.database import Base, UTCTime, utc_now
from server.ids import new_id


class Role(StrEnum):
    MANAGER = "manager"  # their own customers (and those customers' cards, calls, reminders, tags)
    SUPERVISOR = "supervisor"  # the whole branch; may reassign customers within it
    ADMIN = "admin"  # users and branches, no customer data


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(20))
    branch_id: Mapped[str | None] = mapped_column(ForeignKey("branch.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)
    password_changed_at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)


class Device(Base):
    """A laptop a user logged in from; its refresh token is kept hashed and can be revoked."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    refresh_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The token this one replaced, still honoured until the new one is first presented (at most
    # REUSE_DAYS): when the answer to a refresh is lost, the device only has the old one.
    previous_refresh_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    rotated_at: Mapped[datetime | None] = mapped_column(UTCTime)
    created_at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCTime)


class LoginFailure(Base):
    """One failed login, kept a day: the rate limit counts them per account and per address."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(50))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCTime, default=utc_now)

    __table_args__ = (
        Index("ix_login_failure_username_at", "username", "at"),
        Index("ix_login_failure_address_at", "address", "at"),
    )
