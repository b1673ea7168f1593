"""Which server this profile syncs with, as whom, and where its refresh token is kept.

The account (server, user, role, CA file) lives in the profile's `sync_state`. The refresh token
goes to the OS keyring when the profile's own key is kept there; otherwise inside the encrypted
profile — never in a plain file. The short-lived access token is only ever held in memory.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass

import keyring
import keyring.errors

from storage import keystore
from storage.errors import ProfileError
from storage.local_state import read_state, write_state
from storage.store import Store

ACCOUNT = "sync_account"
TOKEN_IN_PROFILE = "sync_refresh_token"
TOKEN_SERVICE = "BranchDesk sync"


@dataclass(frozen=True)
class SyncAccount:
    """The server account this profile is bound to."""

    server: str
    username: str
    user_id: str
    display_name: str
    role: str
    ca_file: str | None = None
    token_in_keyring: bool = False


def load_account(store: Store) -> SyncAccount | None:
    """The account this profile syncs as, or None before the first login."""
    raw = read_state(store, ACCOUNT)
    return SyncAccount(**json.loads(raw)) if raw else None


def save_account(store: Store, account: SyncAccount) -> None:
    write_state(store, ACCOUNT, json.dumps(asdict(account), ensure_ascii=False))


def keep_refresh_token(store: Store, account: SyncAccount, token: str) -> SyncAccount:
    """Store `token` where this profile keeps secrets; returns the account saying where."""
    if _profile_key_in_keyring(store):
        try:
            keyring.set_password(TOKEN_SERVICE, store.device_id, token)
            write_state(store, TOKEN_IN_PROFILE, "")
            return _with(store, account, token_in_keyring=True)
        except keyring.errors.KeyringError:
            pass  # the keyring went away: keep it in the encrypted profile instead
    write_state(store, TOKEN_IN_PROFILE, token)
    return _with(store, account, token_in_keyring=False)


def refresh_token(store: Store, account: SyncAccount) -> str | None:
    """The stored refresh token, or None (signed out)."""
    if account.token_in_keyring:
        try:
            return keyring.get_password(TOKEN_SERVICE, store.device_id)
        except keyring.errors.KeyringError:
            return None
    return read_state(store, TOKEN_IN_PROFILE) or None


def forget_refresh_token(store: Store, account: SyncAccount) -> None:
    """Sign this device out locally (logout, or a token the server no longer accepts)."""
    if account.token_in_keyring:
        with contextlib.suppress(keyring.errors.KeyringError):  # nothing stored, or no keyring
            keyring.delete_password(TOKEN_SERVICE, store.device_id)
    write_state(store, TOKEN_IN_PROFILE, "")


def _with(store: Store, account: SyncAccount, **changes) -> SyncAccount:
    updated = SyncAccount(**{**asdict(account), **changes})
    if updated != account:
        save_account(store, updated)
    return updated


def _profile_key_in_keyring(store: Store) -> bool:
    try:
        return keystore.read_key_file(store.db_path.parent).storage == keystore.KEYRING
    except (ProfileError, OSError, ValueError):  # no readable key file: keep the token inside
        return False
