"""Every server test runs on both databases the server supports: an SQLite file and a real
PostgreSQL (BRANCHDESK_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/test). Each test
gets a database of its own; PostgreSQL not answering is a failure, never a skip."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import psycopg
import pytest
from fastapi.testclient import TestClient

from server.accounts.service import add_user
from server.app import create_app
from server.database import Database
from server.migrate import migrate
from server.org.service import add_branch

PROTOCOL = {"X-BranchDesk-Protocol": "1"}  # what every sync request carries
PG_URL = os.environ.get("BRANCHDESK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
PASSWORD = "correct horse battery"


@contextmanager
def scratch_database_url(kind: str, folder) -> Iterator[str]:
    """The URL of a new, empty database of `kind` ("sqlite" in `folder`, or "postgresql"),
    dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'server.db'}"
        return
    name = f"bd_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is needed at {PG_URL} (BRANCHDESK_TEST_PG_URL): {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    with scratch_database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def database(database_url) -> Iterator[Database]:
    db = Database(database_url)
    migrate(db)
    yield db
    db.dispose()


USERS = {
    "wang": ("manager", "0101", "王芳"),
    "li": ("manager", "0101", "李娜"),
    "zhou": ("supervisor", "0101", "周杰"),
    "chen": ("manager", "0202", "陈静"),
    "root": ("admin", None, "管理员"),
}


def add_branch_users(database: Database) -> dict[str, str]:
    """Branch 0101 with managers wang and li and supervisor zhou; an admin; branch 0202 with chen.
    Returns user ids by name.

    A transaction per user: each hashes its password (Argon2, a good part of a second) before it
    writes, so no transaction holds a transaction id that long. One that did would hold back
    every pull in the PostgreSQL cluster meanwhile (the snapshot horizon, `server/sync/cursor.py`)
    — other test runs' pulls too.
    """
    with database.transaction() as session:
        add_branch(session=session, code="0101", name="南京路支行")
        add_branch(session=session, code="0202", name="淮海路支行")
    ids = {}
    for name, (role, branch, shown) in USERS.items():
        with database.transaction() as session:
            user = add_user(
                session=session,
                username=name,
                display_name=shown,
                role=role,
                branch_code=branch,
                password=PASSWORD,
            )
            ids[name] = user.id
    return ids


@pytest.fixture
def branch_users(database) -> dict[str, str]:
    """Branch 0101 with managers wang and li and supervisor zhou; an admin; branch 0202 with chen."""
    return add_branch_users(database)


@pytest.fixture
def client(database, branch_users) -> Iterator[TestClient]:
    app = create_app(database.url)
    with TestClient(app) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(*args: str, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """A real `branchdesk-server [args] serve` on a loopback port (a free one unless given),
    answering its health check."""
    port = port or free_port()
    command = [sys.executable, "-c", "from server.cli import main; raise SystemExit(main())", *args]
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/v1/health", timeout=2)
            return process, url
        except httpx.TransportError:
            assert process.poll() is None and time.monotonic() < deadline, process.stdout.read().decode()
            time.sleep(0.1)


def login(client: TestClient, username: str, device: str = "laptop-1", password: str = PASSWORD):
    return client.post(
        "/v1/login",
        json={"username": username, "password": password, "device_id": device, "device_name": device},
    )


def bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}
