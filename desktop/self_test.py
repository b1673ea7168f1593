"""`branchdesk self-test`: is this installation whole? (What IT runs after installing a package.)

Each check is one line of output, "ok" or "FAILED" with why; the exit status is 0 only when all
passed. The checks touch nothing of the user's: the profile is a temporary one, deleted after.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from storage.database import cipher_version
from storage.keystore import ScryptParams
from storage.profile import create_profile, open_profile
from storage.services.customers import CustomerService

Check = Callable[[], str]  # returns what it found (printed after "ok"); raises when it fails
PASSPHRASE = "self-test passphrase"


def check_encrypted_store() -> str:
    """A new encrypted profile: write a customer, close, reopen with the passphrase, read it back."""
    with tempfile.TemporaryDirectory(prefix="branchdesk-self-test-") as folder:
        profile = Path(folder) / "profile"
        fast = ScryptParams(n=2**12)  # a throw-away key: no need for the real work factor
        store = create_profile(profile, passphrase=PASSPHRASE, use_keyring=False, scrypt=fast)
        try:
            new_id = CustomerService(store).create({"name": "自检客户", "mobile": "13800138000"}).new_id
            version = cipher_version(store.engine)
        finally:
            store.close()
        if b"13800138000" in (profile / "branchdesk.db").read_bytes():
            raise RuntimeError("the database file holds plain text: it is not encrypted")
        store = open_profile(profile, passphrase=PASSPHRASE)
        try:
            customer = CustomerService(store).get(new_id)
        finally:
            store.close()
        if customer.name != "自检客户" or customer.mobile != "13800138000":
            raise RuntimeError("the customer read back differs from the one written")
        return f"encrypted profile written and read back (SQLCipher {version})"


def run_self_test(more_checks: dict[str, Check] | None = None, out=print) -> int:
    """Run the checks (the window's own — Qt platform, translations — come in `more_checks`)."""
    checks: dict[str, Check] = {"store": check_encrypted_store, **(more_checks or {})}
    out(f"BranchDesk {__version__} self-test")
    failed = 0
    for name, check in checks.items():
        try:
            out(f"ok      {name}: {check()}")
        except Exception as exc:  # every failure is reported, then the next check runs
            failed += 1
            out(f"FAILED  {name}: {type(exc).__name__}: {exc}")
    out("all checks passed" if not failed else f"{failed} check(s) failed")
    return 0 if not failed else 1
