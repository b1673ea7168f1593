"""The encrypted profile: key storage, wrong passphrases, and no plaintext on disk."""

from __future__ import annotations

import hashlib
import json

import keyring
import pytest
from sqlalchemy import text

from storage import keystore
from storage.errors import (
    KeyMissingError,
    PassphraseRequiredError,
    ValidationError,
    WrongKeyError,
    WrongPassphraseError,
)
from storage.keystore import KEY_FILE, ScryptParams
from storage.profile import DB_FILE, change_passphrase, create_profile, key_storage, open_profile
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from tests.conftest import FAST_SCRYPT, PASSPHRASE
from tests.keyring_backends import MemoryKeyring

MOBILE = "13912345678"
ID_NUMBER = "11010519491231002X"


def folder_digest(folder):
    """sha256 of every file in the profile folder, by name."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_keyring_profile_keeps_no_secret_on_disk(tmp_path, memory_keyring):
    store = create_profile(tmp_path / "p", manager_name="李娜")
    store.close()
    kf = json.loads((tmp_path / "p" / KEY_FILE).read_text())
    assert kf["storage"] == "keyring"
    assert kf["wrapped_key"] == "" and kf["salt"] == ""
    stored = memory_keyring.secrets[(keystore.KEYRING_SERVICE, kf["profile_id"])]
    assert len(bytes.fromhex(stored)) == 32
    reopened = open_profile(tmp_path / "p")
    assert reopened.actor.name == "李娜"
    reopened.close()


def test_passphrase_profile_opens_only_with_the_passphrase(passphrase_profile):
    assert key_storage(passphrase_profile) == "passphrase"
    with pytest.raises(PassphraseRequiredError):
        open_profile(passphrase_profile)
    store = open_profile(passphrase_profile, passphrase=PASSPHRASE)
    store.close()


def test_wrong_passphrase_leaves_every_file_byte_identical(passphrase_profile):
    before = folder_digest(passphrase_profile)
    with pytest.raises(WrongPassphraseError) as err:
        open_profile(passphrase_profile, passphrase="not the passphrase")
    assert "口令错误" in err.value.message()
    assert "wrong" in err.value.message("en")
    assert folder_digest(passphrase_profile) == before


def test_passphrase_from_environment(passphrase_profile, monkeypatch):
    monkeypatch.setenv("BRANCHDESK_PASSPHRASE", PASSPHRASE)
    open_profile(passphrase_profile).close()


def test_change_passphrase_rewraps_without_reencrypting(passphrase_profile):
    db_before = hashlib.sha256((passphrase_profile / DB_FILE).read_bytes()).hexdigest()
    change_passphrase(passphrase_profile, PASSPHRASE, "a new long passphrase", scrypt=FAST_SCRYPT)
    assert hashlib.sha256((passphrase_profile / DB_FILE).read_bytes()).hexdigest() == db_before
    with pytest.raises(WrongPassphraseError):
        open_profile(passphrase_profile, passphrase=PASSPHRASE)
    open_profile(passphrase_profile, passphrase="a new long passphrase").close()


def test_change_passphrase_with_wrong_old_one_changes_nothing(passphrase_profile):
    before = folder_digest(passphrase_profile)
    with pytest.raises(WrongPassphraseError):
        change_passphrase(passphrase_profile, "wrong passphrase", "another passphrase")
    assert folder_digest(passphrase_profile) == before


def test_short_passphrase_is_refused(tmp_path):
    with pytest.raises(ValidationError) as err:
        create_profile(tmp_path / "p", passphrase="short", use_keyring=False, scrypt=FAST_SCRYPT)
    assert "8" in err.value.message()


def test_tampered_kdf_parameters_fail_like_a_wrong_passphrase(passphrase_profile):
    path = passphrase_profile / KEY_FILE
    data = json.loads(path.read_text())
    data["params"]["n"] = 2**10  # an attacker weakening the stored cost
    path.write_text(json.dumps(data))
    with pytest.raises(WrongPassphraseError):
        open_profile(passphrase_profile, passphrase=PASSPHRASE)


def test_real_scrypt_cost_is_recorded(tmp_path):
    store = create_profile(tmp_path / "p", passphrase=PASSPHRASE, use_keyring=False)
    store.close()
    params = json.loads((tmp_path / "p" / KEY_FILE).read_text())["params"]
    assert params == {"n": ScryptParams().n, "r": 8, "p": 1}
    assert params["n"] >= 2**17


def test_missing_keyring_entry_is_a_clear_error(tmp_path, memory_keyring):
    create_profile(tmp_path / "p").close()
    before = folder_digest(tmp_path / "p")
    memory_keyring.secrets.clear()
    with pytest.raises(KeyMissingError) as err:
        open_profile(tmp_path / "p")
    assert "密钥环" in err.value.message()
    assert folder_digest(tmp_path / "p") == before


def test_wrong_key_in_keyring_leaves_file_untouched(tmp_path, memory_keyring):
    create_profile(tmp_path / "p").close()
    before = folder_digest(tmp_path / "p")
    (entry,) = memory_keyring.secrets
    memory_keyring.secrets[entry] = "00" * 32
    with pytest.raises(WrongKeyError):
        open_profile(tmp_path / "p")
    assert folder_digest(tmp_path / "p") == before


def test_broken_keyring_falls_back_to_passphrase(tmp_path):
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring(broken=True))
    try:
        store = create_profile(tmp_path / "p", passphrase=PASSPHRASE, use_keyring=True, scrypt=FAST_SCRYPT)
    finally:
        keyring.set_keyring(previous)
    store.close()
    assert key_storage(tmp_path / "p") == "passphrase"


def test_database_and_wal_hold_no_plaintext(tmp_path, memory_keyring):
    store = create_profile(tmp_path / "p")
    customers = CustomerService(store)
    new = customers.create(
        {"name": "张伟", "mobile": MOBILE, "id_number": ID_NUMBER, "employer": "华为技术有限公司"}
    )
    CallService(store).log_call(
        new.new_id,
        {
            "occurred_at": "2026-01-05 10:00",
            "channel": "phone",
            "purpose": "periodic_revisit",
            "outcome": "reached",
            "summary": "客户对白金卡权益很满意",
        },
    )
    files = [p for p in (tmp_path / "p").iterdir() if p.name.startswith(DB_FILE)]
    assert any(p.name.endswith("-wal") for p in files)  # still open: the WAL holds the writes
    for path in files:
        raw = path.read_bytes()
        for secret in (MOBILE, ID_NUMBER, "张伟", "华为", "白金卡", "SQLite format 3"):
            assert secret.encode() not in raw, (secret, path.name)
    store.close()
    raw = (tmp_path / "p" / DB_FILE).read_bytes()
    assert MOBILE.encode() not in raw and "张伟".encode() not in raw


def test_connection_settings(store):
    with store.read() as session:
        pragmas = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "temp_store", "cipher_version")
        }
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert pragmas["temp_store"] == 2  # MEMORY
    assert pragmas["cipher_version"].startswith("4.")


def test_profile_exists_is_refused(tmp_path, memory_keyring):
    create_profile(tmp_path / "p").close()
    from storage.errors import ProfileError

    with pytest.raises(ProfileError):
        create_profile(tmp_path / "p")


def test_lock_forgets_the_engine_and_unlock_needs_the_passphrase(passphrase_profile):
    from storage.errors import LockedError
    from storage.profile import unlock

    store = open_profile(passphrase_profile, passphrase=PASSPHRASE)
    customer = CustomerService(store).create({"name": "张伟"}).new_id
    store.lock()
    assert store.locked
    with pytest.raises(LockedError):
        CustomerService(store).get(customer)
    with pytest.raises(WrongPassphraseError):
        unlock(store, passphrase="not the passphrase")
    assert store.locked
    unlock(store, passphrase=PASSPHRASE)
    assert CustomerService(store).get(customer).name == "张伟"
    store.close()
