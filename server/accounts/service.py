"""Accounts: adding and disabling users, login with rate limiting, refresh, device revocation.

Every function takes the caller's session (keyword-only) and leaves committing to the caller.
Login is split so a failure can be recorded and committed before the refusal is answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from server import audit
from server.accounts.models import Device, LoginFailure, Role, User
from server.accounts.passwords import hash_password, password_matches
from server.accounts.tokens import (
    ACCESS_SECONDS,
    hash_refresh_token,
    issue_access,
    new_refresh_token,
)
from server.database import utc_now
from server.errors import ServerError
from server.meta import TOKEN_KEY, read_meta
from server.org.service import branch_by_code

WINDOW = timedelta(minutes=15)
REUSE = timedelta(days=7)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20


# Users (the admin command line) ------------------------------------------------------------------


def add_user(
    *, session: Session, username: str, display_name: str, role: str, branch_code: str | None, password: str
) -> User:
    """A new user; managers and supervisors belong to a branch, admins need none."""
    username = username.strip()
    if not username or len(username) > 50:
        raise ServerError("invalid", "A user name has 1-50 characters.")
    if role not in set(Role):
        raise ServerError("invalid", f"The role must be one of: {', '.join(Role)}.")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise ServerError("exists", f"The user {username} exists already.")
    if role != Role.ADMIN and not branch_code:
        raise ServerError("invalid", "Managers and supervisors belong to a branch: give --branch.")
    branch = branch_by_code(session=session, code=branch_code) if branch_code else None
    user = User(
        username=username,
        display_name=(display_name or username).strip(),
        role=role,
        branch_id=branch.id if branch else None,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    audit.record(session=session, action="user.add", user_id=user.id, username=username, role=role)
    return user


def colleagues(*, session: Session, user: User) -> list[User]:
    """The users a device shows by name: everyone of the caller's branch (all users for an admin).

    Devices need these names and ids for the rows they hold (a customer's owner, who logged a call)
    and to say to whom a customer was reassigned; no customer data is involved.
    """
    query = select(User).order_by(User.username)
    if user.role != Role.ADMIN:
        query = query.where(User.branch_id == user.branch_id)
    return list(session.scalars(query))


def user_named(*, session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ServerError("not_found", f"No user called {username}.", status=404)
    return user


def disable_user(*, session: Session, username: str) -> None:
    """Disable the account and revoke every device of it: its tokens stop working at once."""
    user = user_named(session=session, username=username)
    user.disabled = True
    _revoke_all(session, user.id)
    audit.record(session=session, action="user.disable", user_id=user.id, username=username)


def reset_password(*, session: Session, username: str, password: str) -> None:
    """A new password (the old one stops working); every device must log in again."""
    user = user_named(session=session, username=username)
    user.password_hash = hash_password(password)
    user.password_changed_at = utc_now()
    _revoke_all(session, user.id)
    audit.record(session=session, action="user.reset_password", user_id=user.id, username=username)


def _revoke_all(session: Session, user_id: str) -> None:
    now = utc_now()
    for device in session.scalars(
        select(Device).where(Device.user_id == user_id, Device.revoked_at.is_(None))
    ):
        device.revoked_at, device.refresh_hash, device.previous_refresh_hash = now, None, None


# Login, refresh, logout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int
    user: User


def check_rate_limit(*, session: Session, username: str, address: str, now: datetime | None = None) -> None:
    """ServerError 429 while an account or an address has failed too often in the last 15 minutes."""
    now = now or utc_now()
    since = now - WINDOW
    for column, value, limit in (
        (LoginFailure.username, username, MAX_FAILURES_PER_ACCOUNT),
        (LoginFailure.address, address, MAX_FAILURES_PER_ADDRESS),
    ):
        failures = session.scalar(
            select(func.count()).select_from(LoginFailure).where(column == value, LoginFailure.at > since)
        )
        if failures >= limit:
            raise ServerError(
                "too_many_attempts",
                "Too many failed logins; wait 15 minutes and try again.",
                status=429,
                retry_after=int(WINDOW.total_seconds()),
            )


def authenticate(*, session: Session, username: str, password: str, address: str) -> User | None:
    """The user when the password is right and the account enabled; else None, with the failure
    recorded (commit it before answering, so the rate limit sees it)."""
    user = session.scalar(select(User).where(User.username == username))
    if (
        password_matches(user.password_hash if user else None, password)
        and user is not None
        and not user.disabled
    ):
        session.execute(delete(LoginFailure).where(LoginFailure.username == username))
        return user
    session.add(LoginFailure(username=username, address=address))
    session.execute(delete(LoginFailure).where(LoginFailure.at < utc_now() - timedelta(days=1)))
    reason = "disabled" if user is not None and user.disabled else "bad_credentials"
    audit.record(session=session, action="login.failed", username=username, address=address, reason=reason)
    return None


def open_session(*, session: Session, user: User, device_id: str, device_name: str, address: str) -> Tokens:
    """Register (or re-register) the device and give it a new token pair."""
    if not device_id or len(device_id) > 64:
        raise ServerError("invalid", "A device id of 1-64 characters is needed.", status=422)
    device = session.get(Device, (device_id, user.id))
    refresh, refresh_hash = new_refresh_token()
    if device is None:
        device = Device(id=device_id, user_id=user.id)
        session.add(device)
    device.name, device.refresh_hash, device.revoked_at, device.last_seen_at = (
        device_name[:100],
        refresh_hash,
        None,
        utc_now(),
    )
    device.previous_refresh_hash = None
    audit.record(
        session=session,
        action="login",
        user_id=user.id,
        username=user.username,
        address=address,
        device=device_id,
    )
    return _tokens(session, user, device_id, refresh)


def refresh(*, session: Session, refresh_token: str) -> Tokens:
    """A new token pair for a device's refresh token. The old token stops working once the new
    one is presented; until then (at most REUSE_DAYS) it may be presented again, because a
    device whose answer was lost on the way never received the new one."""
    presented = hash_refresh_token(refresh_token)
    device = session.scalar(select(Device).where(Device.refresh_hash == presented))
    if device is not None:
        device.previous_refresh_hash = None  # the device has the current token: the old one dies
    else:
        device = session.scalar(select(Device).where(Device.previous_refresh_hash == presented))
        if device is not None and (device.rotated_at is None or device.rotated_at < utc_now() - REUSE):
            device = None
    user = session.get(User, device.user_id) if device is not None else None
    if device is None or device.revoked_at is not None or user is None or user.disabled:
        raise ServerError("bad_refresh_token", "This device must log in again.", status=401)
    if device.previous_refresh_hash is None:
        device.previous_refresh_hash = presented
    token, device.refresh_hash = new_refresh_token()
    device.rotated_at = device.last_seen_at = utc_now()
    return _tokens(session, user, device.id, token)


def revoke_device(*, session: Session, user_id: str, device_id: str) -> None:
    """Log a device out: its refresh token and access tokens stop working."""
    device = session.get(Device, (device_id, user_id))
    if device is None:
        raise ServerError("not_found", "No such device.", status=404)
    device.revoked_at, device.refresh_hash, device.previous_refresh_hash = utc_now(), None, None
    audit.record(session=session, action="device.revoke", user_id=user_id, device=device_id)


def _tokens(session: Session, user: User, device_id: str, refresh_token: str) -> Tokens:
    key = read_meta(session=session, key=TOKEN_KEY)
    return Tokens(issue_access(key, user.id, device_id, user.role), refresh_token, ACCESS_SECONDS, user)
