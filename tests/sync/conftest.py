"""Devices (real encrypted profiles) syncing with a real `branchdesk-server` process on a free
loopback port, on SQLite and on PostgreSQL (the server tests' database fixtures)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from storage.profile import create_profile
from storage.store import Store
from storage.sync.client import SyncClient
from tests.conftest import FAST_SCRYPT
from tests.server.conftest import PASSWORD, branch_users, database, database_url, start_server  # noqa: F401


@dataclass
class Device:
    """One laptop: its open profile and its sync client."""

    name: str
    store: Store
    client: SyncClient

    def sync(self):
        return self.client.sync()


@pytest.fixture
def server(database, branch_users) -> Iterator[str]:  # noqa: F811
    """The URL of a real server process on the test's database (branch 0101: wang, li, zhou)."""
    process, url = start_server("--database-url", database.url)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def make_device(folder, name: str, server: str, user: str = "wang", *, login: bool = True) -> Device:
    """A laptop: a new encrypted profile in `folder`/`name`, logged in to `server` as `user`."""
    store = create_profile(
        folder / name, passphrase="device passphrase", use_keyring=False, scrypt=FAST_SCRYPT
    )
    if login:
        SyncClient.login(store, server, user, PASSWORD, device_name=name)
    return Device(name, store, SyncClient(store))


@pytest.fixture
def devices(tmp_path, server) -> Iterator:
    """`devices(name, user)` makes a profile, logs it in as `user` and returns the Device."""
    made: list[Device] = []

    def make(name: str, user: str = "wang", *, login: bool = True) -> Device:
        device = make_device(tmp_path, name, server, user, login=login)
        made.append(device)
        return device

    yield make
    for device in made:
        device.client.close()
        device.store.close()
