"""A manager's profile: one folder holding the encrypted database and how to find its key.

Layout of a profile folder:
    branchdesk.db (+ -wal, -shm)  the SQLCipher database
    key.json                       key storage in use; for "passphrase", the wrapped key
    backups/                       encrypted copies taken before schema upgrades
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import keyring.errors
import platformdirs
from sqlalchemy import select

from storage import keystore
from storage.database import create_encrypted_engine, verify_key, writer
from storage.errors import ProfileError
from storage.ids import new_id
from storage.keystore import KEYRING, PASSPHRASE, KeyFile, ScryptParams
from storage.migrate import ensure_current
from storage.models import Manager, SyncState
from storage.store import Actor, Store

DB_FILE = "branchdesk.db"
LOCAL_MANAGER = "local_manager_id"
DEVICE = "device_id"


def default_data_dir() -> Path:
    """Where the profile lives: $BRANCHDESK_HOME, else the platform's user data folder."""
    home = os.environ.get("BRANCHDESK_HOME")
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir("BranchDesk", "BranchDesk"))


def profile_exists(folder: Path) -> bool:
    """Whether `folder` holds a profile."""
    return (folder / keystore.KEY_FILE).exists() and (folder / DB_FILE).exists()


def key_storage(folder: Path) -> str:
    """'keyring' or 'passphrase': how this profile's key is kept."""
    return keystore.read_key_file(folder).storage


def create_profile(
    folder: Path,
    *,
    passphrase: str | None = None,
    manager_name: str | None = None,
    use_keyring: bool | None = None,
    scrypt: ScryptParams | None = None,
) -> Store:
    """Create a new encrypted profile in `folder` and return it open.

    The key goes to the OS keyring when one is usable (or `use_keyring` says so); otherwise it is
    wrapped with `passphrase` (or $BRANCHDESK_PASSPHRASE), which is then required.
    """
    folder = Path(folder)
    if profile_exists(folder):
        raise ProfileError("profile_exists", path=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    profile_id, key = new_id(), keystore.new_key()
    if use_keyring is None:
        use_keyring = keystore.keyring_usable()
    kf = _store_key(profile_id, key, passphrase, use_keyring, scrypt)
    db_path = folder / DB_FILE
    for leftover in (db_path, folder / f"{DB_FILE}-wal", folder / f"{DB_FILE}-shm"):
        leftover.unlink(missing_ok=True)  # from an init that died before key.json was written
    engine = create_encrypted_engine(db_path, key)
    ensure_current(engine, db_path)
    store = _open_store(engine, db_path, manager_name)
    keystore.write_key_file(folder, kf)
    return store


def _store_key(
    profile_id: str, key: bytes, passphrase: str | None, use_keyring: bool, scrypt: ScryptParams | None
) -> KeyFile:
    if use_keyring:
        try:
            keystore.store_in_keyring(profile_id, key)
            return KeyFile(profile_id=profile_id, storage=KEYRING)
        except keyring.errors.KeyringError:
            pass  # no working keyring after all: fall back to the passphrase
    passphrase = passphrase or os.environ.get("BRANCHDESK_PASSPHRASE")
    if not passphrase:
        raise keystore.PassphraseRequiredError()
    keystore.check_passphrase_strength(passphrase)
    return keystore.wrap_key(profile_id, key, passphrase, scrypt)


def open_profile(folder: Path, *, passphrase: str | None = None) -> Store:
    """Open an existing profile, upgrading its schema (after a backup) when it is older.

    Raises WrongPassphraseError / KeyMissingError / WrongKeyError without touching any file.
    """
    folder = Path(folder)
    db_path = folder / DB_FILE
    if not db_path.exists():
        raise ProfileError("profile_missing", path=str(folder))
    key = keystore.obtain_key(keystore.read_key_file(folder), passphrase)
    verify_key(db_path, key)
    engine = create_encrypted_engine(db_path, key)
    ensure_current(engine, db_path)
    return _open_store(engine, db_path, None)


def unlock(store: Store, *, passphrase: str | None = None) -> None:
    """Reopen a locked store: the key comes from the keyring or from `passphrase` again."""
    kf = keystore.read_key_file(store.db_path.parent)
    store.unlock(keystore.obtain_key(kf, passphrase))


def change_passphrase(folder: Path, old: str, new: str, *, scrypt: ScryptParams | None = None) -> None:
    """Re-wrap the profile's key under a new passphrase (the database is not re-encrypted)."""
    kf = keystore.read_key_file(Path(folder))
    if kf.storage != PASSPHRASE:
        raise ProfileError("profile_damaged", path=str(folder), detail="key is kept in the keyring")
    keystore.check_passphrase_strength(new)
    key = keystore.unwrap_key(kf, old)
    keystore.write_key_file(Path(folder), keystore.wrap_key(kf.profile_id, key, new, scrypt))


def _open_store(engine, db_path: Path, manager_name: str | None) -> Store:
    """Load (or on first open create) this device's id and its local manager."""
    with writer(engine).begin() as conn:
        state = dict(conn.execute(select(SyncState.key, SyncState.value)).all())
        if LOCAL_MANAGER not in state:
            name = manager_name or getpass.getuser() or "manager"
            state = {LOCAL_MANAGER: new_id(), DEVICE: new_id()}
            conn.execute(
                Manager.__table__.insert().values(
                    id=state[LOCAL_MANAGER],
                    username=name,
                    display_name=name,
                    role="manager",
                )
            )
            conn.execute(SyncState.__table__.insert(), [{"key": k, "value": v} for k, v in state.items()])
        name = conn.execute(
            select(Manager.display_name).where(Manager.id == state[LOCAL_MANAGER])
        ).scalar_one()
    return Store(engine, db_path, Actor(state[LOCAL_MANAGER], name), state[DEVICE])
