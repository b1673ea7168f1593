"""Devices (real encrypted profiles) syncing with a real `branchdesk-server` process on a free
loopback port, on SQLite and on PostgreSQL.

One server per test module and database kind (starting one, with its users, costs seconds);
each test starts from empty sync tables and enabled accounts, with laptops of its own. Tests that
need a server of their own (a restore, TLS) take `own_database` instead."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from server.database import Database
from server.migrate import migrate
from storage.profile import create_profile
from storage.store import Store
from storage.sync.client import SyncClient
from tests.conftest import FAST_SCRYPT
from tests.server.conftest import PASSWORD, add_branch_users, scratch_database_url, start_server


@dataclass
class Device:
    """One laptop: its open profile and its sync client."""

    name: str
    store: Store
    client: SyncClient

    def sync(self):
        return self.client.sync()


@dataclass
class SharedServer:
    url: str
    database: Database
    users: dict[str, str]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_server(request, tmp_path_factory) -> Iterator[SharedServer]:
    folder = tmp_path_factory.mktemp("server")
    with scratch_database_url(request.param, folder) as url:
        database = Database(url)
        migrate(database)
        users = add_branch_users(database)
        process, base = start_server("--database-url", url)
        try:
            yield SharedServer(base, database, users)
        finally:
            process.terminate()
            process.wait(timeout=10)
            database.dispose()


@pytest.fixture
def database(shared_server) -> Database:
    """The shared server's database, emptied of sync data for this test."""
    db = shared_server.database
    with db.transaction() as session:
        for table in ("sync_row", "sync_removal", "applied_change", "login_failure"):
            session.execute(text(f"DELETE FROM {table}"))
        session.execute(text("DELETE FROM server_meta WHERE key = 'compacted_through'"))
        session.execute(text("UPDATE app_user SET disabled = false"))
    return db


@pytest.fixture
def branch_users(shared_server, database) -> dict[str, str]:
    return shared_server.users


@pytest.fixture
def server(shared_server, database) -> str:
    """The URL of the real server process (branch 0101: wang, li, zhou; 0202: chen)."""
    return shared_server.url


@pytest.fixture(params=["sqlite", "postgresql"])
def own_database(request, tmp_path) -> Iterator[Database]:
    """A database of the test's own, with the branch's users, for a server the test runs itself."""
    with scratch_database_url(request.param, tmp_path) as url:
        db = Database(url)
        migrate(db)
        add_branch_users(db)
        yield db
        db.dispose()


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
