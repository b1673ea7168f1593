"""Access tokens (short-lived, signed, checked without a lookup of their own) and refresh tokens
(random, stored only as a hash on the device row, replaced at every use)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from server.errors import ServerError

ACCESS_SECONDS = 15 * 60


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    device_id: str
    role: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_access(key: str, user_id: str, device_id: str, role: str, now: float | None = None) -> str:
    """A token for ACCESS_SECONDS: payload.signature (HMAC-SHA256 with the server's key)."""
    claims = {"u": user_id, "d": device_id, "r": role, "e": int((now or time.time()) + ACCESS_SECONDS)}
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    return f"{payload}.{_sign(key, payload)}"


def read_access(key: str, token: str, now: float | None = None) -> AccessClaims:
    """The claims of a valid, unexpired token; ServerError 401 otherwise."""
    payload, _, signature = token.partition(".")
    if not signature or not hmac.compare_digest(signature, _sign(key, payload)):
        raise ServerError("bad_token", "The access token is not valid; log in again.", status=401)
    try:
        claims = json.loads(_unb64(payload))
        result = AccessClaims(str(claims["u"]), str(claims["d"]), str(claims["r"]), int(claims["e"]))
    except (ValueError, KeyError, TypeError):
        raise ServerError("bad_token", "The access token is not valid; log in again.", status=401) from None
    if result.expires < (now or time.time()):
        raise ServerError("token_expired", "The access token has expired; refresh it.", status=401)
    return result


def _sign(key: str, payload: str) -> str:
    return _b64(hmac.new(bytes.fromhex(key), payload.encode(), hashlib.sha256).digest())


def new_refresh_token() -> tuple[str, str]:
    """(token for the device, hash for the database)."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
