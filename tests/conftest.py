"""Shared fixtures: real encrypted profiles in temporary folders, a real in-memory keyring."""

from __future__ import annotations

import os
import time

# Without a display Qt aborts the whole process instead of failing a test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BRANCHDESK_LANG"] = "zh_CN"

import keyring
import pytest

from storage.keystore import ScryptParams
from storage.profile import create_profile
from tests.keyring_backends import MemoryKeyring

# A cheap scrypt for tests that only need *a* passphrase profile; the real cost is tested once.
FAST_SCRYPT = ScryptParams(n=2**12)
PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    for var in ("BRANCHDESK_PASSPHRASE", "BRANCHDESK_KEY_STORAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANCHDESK_HOME", str(tmp_path / "home"))


@pytest.fixture
def memory_keyring():
    """A working keyring for the duration of a test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def store(tmp_path, memory_keyring):
    """A fresh encrypted profile whose key is in the (in-memory) keyring."""
    opened = create_profile(tmp_path / "profile", manager_name="王经理")
    yield opened
    opened.close()


@pytest.fixture
def passphrase_profile(tmp_path):
    """The folder of a closed profile protected by PASSPHRASE (no keyring)."""
    folder = tmp_path / "locked"
    create_profile(folder, passphrase=PASSPHRASE, use_keyring=False, scrypt=FAST_SCRYPT).close()
    return folder


@pytest.fixture
def notification_server(tmp_path, monkeypatch):
    """A real notification server (dunst) on a private session bus, which the app will use."""
    from tests.desktop.notification_server import NotificationServer

    server = NotificationServer(tmp_path).start()
    for name, value in server.env.items():
        monkeypatch.setenv(name, value)
    yield server
    server.stop()


@pytest.fixture
def shanghai_time(monkeypatch):
    """Local time is China Standard Time (UTC+8), as in a branch (CI and branch PCs are POSIX)."""
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
