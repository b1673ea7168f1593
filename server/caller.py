"""Who is calling. The bearer token is checked (signature, expiry) without the database; the
account behind it is looked up in the request's own transaction, in one query that also reads
the server-wide settings an answer needs (the epoch, the compaction mark). Nothing about the
caller is cached between requests: a device logged out, or an account disabled, is refused by
the very next request, whichever `serve` process answers it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from server.accounts.models import Device, User
from server.accounts.tokens import AccessClaims, read_access
from server.errors import ServerError
from server.meta import COMPACTED, EPOCH, ServerMeta


@dataclass(frozen=True, slots=True)
class Account:
    """A user as a request sees them (no password hash)."""

    id: str
    username: str
    display_name: str
    role: str
    branch_id: str | None
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class Caller:
    user: Account
    claims: AccessClaims
    epoch: str | None  # the server's epoch as of this request
    compacted_through: str | None  # the compaction mark (a cursor), None before any compaction


def bearer_claims(authorization: str, token_key: str) -> AccessClaims:
    """The claims of an `Authorization: Bearer …` header (401 without a valid, unexpired token)."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ServerError("no_token", "Log in first: this needs an access token.", status=401)
    return read_access(token_key, token.strip())


def _setting(key: str):
    return select(ServerMeta.value).where(ServerMeta.key == key).scalar_subquery()


_LOOKUP = (
    select(
        User.id,
        User.username,
        User.display_name,
        User.role,
        User.branch_id,
        User.disabled,
        Device.revoked_at,
        _setting(EPOCH).label("epoch"),
        _setting(COMPACTED).label("compacted_through"),
    )
    .join(Device, Device.user_id == User.id)
    .where(User.id == bindparam("user_id"), Device.id == bindparam("device_id"))
)


def identify(session: Session, claims: AccessClaims) -> Caller:
    """The caller of a valid token, with their device still registered and their account enabled
    (401 device_revoked otherwise), in `session`'s transaction."""
    found = (
        session.connection()
        .execute(_LOOKUP, {"user_id": claims.user_id, "device_id": claims.device_id})
        .first()
    )
    if found is None or found.revoked_at is not None or found.disabled:
        raise ServerError("device_revoked", "This device was logged out; log in again.", status=401)
    account = Account(found.id, found.username, found.display_name, found.role, found.branch_id)
    return Caller(account, claims, found.epoch, found.compacted_through)
