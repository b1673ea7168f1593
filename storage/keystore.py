"""Where a profile's database key lives: the OS keyring, or wrapped by the manager's passphrase.

The database key is 32 random bytes. With a usable keyring (Windows Credential Manager, macOS
Keychain, Secret Service) it is stored there and nothing secret is on disk. Without one (a
headless Linux box), the key is encrypted with AES-256-GCM under a key derived from the
passphrase with scrypt; the scrypt parameters, salt, nonce and wrapped key are written to
`key.json` beside the database. Changing the passphrase re-wraps the same key, so the database
itself is never re-encrypted. The file's other fields are bound into the GCM tag, so a tampered
parameter fails like a wrong passphrase instead of silently weakening anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.errors import (
    KeyMissingError,
    PassphraseRequiredError,
    ProfileError,
    ValidationError,
    WrongPassphraseError,
)

KEYRING_SERVICE = "BranchDesk"
KEY_FILE = "key.json"
MIN_PASSPHRASE = 8
KEYRING = "keyring"
PASSPHRASE = "passphrase"


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost: n=2**17, r=8 is 128 MiB and about half a second here (OWASP's minimum)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        """The 32-byte key-encryption key for `passphrase`."""
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=256 * self.n * self.r + 2**20,
            dklen=32,
        )


@dataclass
class KeyFile:
    """The contents of key.json: how to obtain this profile's key."""

    profile_id: str
    storage: str
    kdf: str = "scrypt"
    params: dict = field(default_factory=dict)
    salt: str = ""
    nonce: str = ""
    wrapped_key: str = ""
    format: int = 1

    def associated_data(self) -> bytes:
        """The fields the GCM tag vouches for besides the key itself."""
        bound = {"profile_id": self.profile_id, "kdf": self.kdf, "params": self.params, "salt": self.salt}
        return json.dumps(bound, sort_keys=True).encode()


def keyring_usable() -> bool:
    """Whether a real keyring backend is available (not the 'fail' or 'null' placeholders)."""
    forced = os.environ.get("BRANCHDESK_KEY_STORAGE")
    if forced:
        return forced == KEYRING
    backend = keyring.get_keyring()
    return getattr(backend, "priority", 0) > 0 and type(backend).__module__ not in (
        "keyring.backends.fail",
        "keyring.backends.null",
    )


def new_key() -> bytes:
    """A fresh random database key."""
    return secrets.token_bytes(32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse passphrases too short to protect a lost laptop."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError("passphrase", "passphrase_too_short", min=MIN_PASSPHRASE)


def wrap_key(profile_id: str, key: bytes, passphrase: str, params: ScryptParams | None = None) -> KeyFile:
    """A KeyFile holding `key` encrypted under `passphrase`."""
    params = params or ScryptParams()
    kf = KeyFile(profile_id=profile_id, storage=PASSPHRASE, params=asdict(params), salt=_b64(os.urandom(16)))
    nonce = os.urandom(12)
    kek = params.derive(passphrase, _unb64(kf.salt))
    kf.nonce = _b64(nonce)
    kf.wrapped_key = _b64(AESGCM(kek).encrypt(nonce, key, kf.associated_data()))
    return kf


def unwrap_key(kf: KeyFile, passphrase: str) -> bytes:
    """The database key from a passphrase KeyFile; WrongPassphraseError if it does not open."""
    try:
        params = ScryptParams(**kf.params)
        kek = params.derive(passphrase, _unb64(kf.salt))
        return AESGCM(kek).decrypt(_unb64(kf.nonce), _unb64(kf.wrapped_key), kf.associated_data())
    except InvalidTag as exc:
        raise WrongPassphraseError() from exc
    except (TypeError, ValueError) as exc:
        raise ProfileError("profile_damaged", path=KEY_FILE, detail=str(exc)) from exc


def read_key_file(folder: Path) -> KeyFile:
    """Read key.json from a profile folder."""
    path = folder / KEY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return KeyFile(**data)
    except FileNotFoundError:
        raise ProfileError("profile_missing", path=str(folder)) from None
    except (ValueError, TypeError) as exc:
        raise ProfileError("profile_damaged", path=str(path), detail=str(exc)) from exc


def write_key_file(folder: Path, kf: KeyFile) -> None:
    """Write key.json atomically: a crash leaves either the old or the new file, never half."""
    path = folder / KEY_FILE
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(asdict(kf), fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def store_in_keyring(profile_id: str, key: bytes) -> None:
    """Put the key in the OS keyring (raises keyring.errors.KeyringError when it cannot)."""
    keyring.set_password(KEYRING_SERVICE, profile_id, key.hex())


def load_from_keyring(profile_id: str) -> bytes:
    """The key from the OS keyring; KeyMissingError when it is not there or unreadable."""
    try:
        stored = keyring.get_password(KEYRING_SERVICE, profile_id)
    except keyring.errors.KeyringError as exc:
        raise KeyMissingError(detail=type(exc).__name__) from exc
    if not stored:
        raise KeyMissingError(detail=f"{KEYRING_SERVICE}/{profile_id}")
    try:
        return bytes.fromhex(stored)
    except ValueError as exc:
        raise KeyMissingError(detail="unreadable entry") from exc


def obtain_key(kf: KeyFile, passphrase: str | None) -> bytes:
    """The database key described by `kf`, asking the keyring or unwrapping with `passphrase`."""
    if kf.storage == KEYRING:
        return load_from_keyring(kf.profile_id)
    if passphrase is None:
        passphrase = os.environ.get("BRANCHDESK_PASSPHRASE")
    if not passphrase:
        raise PassphraseRequiredError()
    return unwrap_key(kf, passphrase)
