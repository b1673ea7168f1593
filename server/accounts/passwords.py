"""Password hashing with Argon2id (argon2-cffi's defaults: 64 MiB, 3 passes, 4 lanes)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.errors import ServerError

MIN_LENGTH = 10
_HASHER = PasswordHasher()
# Verified against when the user does not exist, so an unknown name costs as long as a known one.
_DUMMY = _HASHER.hash("no such user: the time of a real check")


def hash_password(password: str) -> str:
    """An Argon2id hash of `password`; ServerError when it is too short to be a password."""
    if len(password) < MIN_LENGTH:
        raise ServerError("weak_password", f"A password needs at least {MIN_LENGTH} characters.")
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches; takes the same time when there is no user (`stored_hash` None)."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
