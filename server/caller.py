"""Who is calling. The bearer token is checked (signature, expiry) without the database; the
account behind it is looked up in the request's own transaction, in one query that also reads
the server-wide settings an answer needs (the epoch, the compaction mark). Nothing about the
caller is cached between requests: a device logged out, or an account disabled, is refused by
the very next request, whichever `serve` process answers it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from server.accounts.tokens import AccessClaims, read_access
from server.errors import ServerError
from server.meta import COMPACTED, EPOCH


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


# The caller's account and device, with the settings an answer needs. SQL text, because a pull
# runs it as part of its own statement (`server/sync/pull.py`).
CALLER_SQL = (
    "SELECT app_user.id AS user_id, app_user.username, app_user.display_name, app_user.role, "
    "app_user.branch_id, app_user.disabled, device.revoked_at, "
    f"(SELECT value FROM server_meta WHERE key = '{EPOCH}') AS epoch, "
    f"(SELECT value FROM server_meta WHERE key = '{COMPACTED}') AS compacted_through "
    "FROM app_user JOIN device ON device.user_id = app_user.id "
    "WHERE app_user.id = :user_id AND device.id = :device_id"
)
_CALLER = text(CALLER_SQL)


def caller_params(claims: AccessClaims) -> dict[str, str]:
    return {"user_id": claims.user_id, "device_id": claims.device_id}


def identify(session: Session, claims: AccessClaims) -> Caller:
    """The caller of a valid token, with their device still registered and their account enabled
    (401 device_revoked otherwise), in `session`'s transaction."""
    return caller_from(session.connection().execute(_CALLER, caller_params(claims)).first(), claims)


def caller_from(found: Row | None, claims: AccessClaims) -> Caller:
    """The caller from a row of CALLER_SQL's columns (None: no such account and device)."""
    if found is None or found.revoked_at is not None or found.disabled:
        raise ServerError("device_revoked", "This device was logged out; log in again.", status=401)
    account = Account(found.user_id, found.username, found.display_name, found.role, found.branch_id)
    return Caller(account, claims, found.epoch, found.compacted_through)
