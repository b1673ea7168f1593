"""A real `branchdesk-server` for the window's sync tests, one per module and database (SQLite and
PostgreSQL), with fresh managers per test so tests do not see each other's customers; laptops
(real encrypted profiles) logged in to it; and a slow TCP proxy on loopback to put a slow line
between a laptop and the real server."""

from __future__ import annotations

import contextlib
import itertools
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import psycopg
import pytest

from server.accounts.service import add_user
from server.database import Database
from server.migrate import migrate
from server.org.service import add_branch
from storage.profile import create_profile
from storage.store import Store
from storage.sync.client import SyncClient
from tests.conftest import FAST_SCRYPT
from tests.server.conftest import PASSWORD, PG_URL, free_port

DEVICE_PASSPHRASE = "device passphrase"
_names = itertools.count(1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sync_database(request, tmp_path_factory) -> Iterator[Database]:
    """A migrated server database with branch 0101 and supervisor zhou, for the whole module."""
    name = f"bd_ui_{uuid.uuid4().hex[:12]}"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.db'}"
    else:
        try:
            with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
        except psycopg.OperationalError as exc:
            pytest.fail(f"PostgreSQL is needed at {PG_URL} (BRANCHDESK_TEST_PG_URL): {exc}")
        url = PG_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    db = Database(url)
    migrate(db)
    with db.transaction() as session:
        add_branch(session=session, code="0101", name="南京路支行")
        add_user(
            session=session,
            username="zhou",
            display_name="周杰",
            role="supervisor",
            branch_code="0101",
            password=PASSWORD,
        )
    yield db
    db.dispose()
    if request.param == "postgresql":
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def serve(database: Database, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """A real `branchdesk-server serve` on `port` (a free one by default), answering its health check."""
    port = port or free_port()
    command = [sys.executable, "-c", "from server.cli import main; raise SystemExit(main())"]
    process = subprocess.Popen(
        [*command, "--database-url", database.url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/v1/health", timeout=2)
            return process, url
        except httpx.TransportError:
            assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def sync_server(sync_database) -> Iterator[str]:
    """The URL of the module's server process."""
    process, url = serve(sync_database)
    yield url
    stop(process)


@dataclass(frozen=True)
class Manager:
    username: str
    id: str


@pytest.fixture
def new_manager(sync_database):
    """`new_manager(display_name)` adds a manager of branch 0101 that no other test uses (password:
    PASSWORD)."""

    def add(display_name: str = "王芳") -> Manager:
        username = f"m{next(_names)}_{uuid.uuid4().hex[:6]}"
        with sync_database.transaction() as session:
            user = add_user(
                session=session,
                username=username,
                display_name=display_name,
                role="manager",
                branch_code="0101",
                password=PASSWORD,
            )
            return Manager(username, user.id)

    return add


@dataclass
class Laptop:
    """One device: its open profile and a sync client of its own (the test's hand on it)."""

    name: str
    store: Store
    client: SyncClient

    def sync(self):
        return self.client.sync()


@pytest.fixture
def laptops(tmp_path, sync_server) -> Iterator:
    """`laptops(name, user, server=None, login=True)` makes a passphrase profile, logs it in."""
    made: list[Laptop] = []

    def make(name: str, user: Manager, *, server: str | None = None, login: bool = True) -> Laptop:
        store = create_profile(
            tmp_path / name, passphrase=DEVICE_PASSPHRASE, use_keyring=False, scrypt=FAST_SCRYPT
        )
        if login:
            SyncClient.login(store, server or sync_server, user.username, PASSWORD, device_name=name)
        laptop = Laptop(name, store, SyncClient(store))
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.client.close()
        laptop.store.close()


def pull_until(laptop: Laptop, arrived, seconds: float = 15.0) -> None:
    """Sync `laptop` until `arrived()`: on PostgreSQL a pull shows a commit once every transaction
    older than it has ended (the server's gap-free cursor), which other work on the database delays."""
    deadline = time.monotonic() + seconds
    laptop.sync()
    while not arrived():
        assert time.monotonic() < deadline, "the change did not arrive"
        time.sleep(0.2)
        laptop.sync()


class SlowProxy:
    """A TCP proxy on loopback that holds every chunk the server sends for `delay` seconds: a slow
    line between a laptop and the real server (test infrastructure, not a fake server)."""

    def __init__(self, upstream: str, delay: float = 0.0) -> None:
        self.upstream = ("127.0.0.1", int(upstream.rsplit(":", 1)[1]))
        self.delay = delay
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._open: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self._open += [client, server]
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, slow: bool) -> None:
        try:
            while data := source.recv(65536):
                if slow and self.delay:
                    time.sleep(self.delay)
                target.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        for sock in self._open:
            with contextlib.suppress(OSError):
                sock.close()


@pytest.fixture
def slow_proxy(sync_server) -> Iterator[SlowProxy]:
    """A proxy to the module's server; set `.delay` to slow the answers down."""
    proxy = SlowProxy(sync_server)
    yield proxy
    proxy.close()
