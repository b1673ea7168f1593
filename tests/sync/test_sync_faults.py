"""Fault injection: connections dropped at every point of a sync, and a client process killed
with SIGKILL mid-sync. After recovery every change the devices made is on the server, or listed
as a conflict or refusal — none lost, none applied twice, no duplicate customers or calls."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from storage.profile import open_profile
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.sync.api import SyncApi, SyncError
from storage.sync.client import SyncClient
from tests.sync.fault_proxy import FaultProxy
from tests.sync.test_sync_client import CALL, NEW, book, customers

DEVICE_PASSPHRASE = "device passphrase"


def no_keepalive(account):
    """One request per connection, so the proxy's fault hits exactly one request."""
    transport = httpx.HTTPTransport(
        limits=httpx.Limits(max_keepalive_connections=0), verify=False
    )  # http: no TLS
    return SyncApi(account.server, transport=transport)


@pytest.fixture
def proxy(server):
    made = FaultProxy(urlsplit(server).port, seed=int(os.environ.get("BRANCHDESK_FAULT_SEED", "7")))
    yield made
    made.close()


def ids(device, table: str) -> list[str]:
    with device.store.read() as session:
        return [row for (row,) in session.execute(text(f"SELECT id FROM {table} WHERE deleted = 0"))]


def sync_through_faults(device, attempts: int = 40) -> int:
    """Sync until one goes through; returns how many attempts failed on the way."""
    failed = 0
    for _ in range(attempts):
        try:
            device.sync()
            return failed
        except SyncError as exc:
            assert exc.retry, exc.code  # a dropped connection is always worth retrying
            failed += 1
    raise AssertionError("no sync got through")


def test_dropped_connections_lose_nothing_and_apply_nothing_twice(devices, proxy):
    laptop = devices("laptop", login=False)
    SyncClient.login(laptop.store, proxy.url, "wang", _password())
    laptop.client = SyncClient(laptop.store, api_factory=no_keepalive)
    desktop = devices("desktop")
    proxy.fault_rate = 0.45
    rng = random.Random(11)
    made, calls = [], 0
    failures = 0
    for step in range(30):
        if not made or rng.random() < 0.4:
            made.append(CustomerService(laptop.store).create({**NEW, "mobile": f"1390000{step:04d}"}).new_id)
        else:
            CallService(laptop.store).log_call(rng.choice(made), CALL)
            calls += 1
        if rng.random() < 0.3:
            CustomerService(laptop.store).update(rng.choice(made), {"occupation": f"职业{step}"})
        if step % 3 == 2:
            failures += sync_through_faults(laptop)
    proxy.fault_rate = 0.0
    laptop.sync(), desktop.sync()
    assert failures > 3 and all(proxy.counts[kind] > 0 for kind in ("refuse", "lost", "cut")), proxy.counts
    assert book(desktop) == book(laptop)
    assert sorted(customers(desktop)) == sorted(made)  # every customer, once
    assert len(ids(desktop, "call_log")) == calls  # every call, once
    with desktop.store.read() as session:
        mobiles = session.scalar(text("SELECT count(DISTINCT mobile) FROM customer"))
    assert mobiles == len(made)


WORKER = """
import sys, random
from storage.profile import open_profile
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.sync.client import SyncClient
from storage.sync.api import SyncError
from tests.sync.test_sync_faults import no_keepalive
from tests.sync.test_sync_client import NEW, CALL

store = open_profile(sys.argv[1], passphrase=sys.argv[2])
rng = random.Random(int(sys.argv[3]))
client = SyncClient(store, api_factory=no_keepalive)
made = [c for (c,) in store.engine.connect().exec_driver_sql("SELECT id FROM customer")]
for step in range(1000):
    if not made or rng.random() < 0.5:
        made.append(CustomerService(store).create({**NEW, "mobile": f"13{rng.randrange(10**9):09d}"}).new_id)
    else:
        CallService(store).log_call(rng.choice(made), CALL)
    print("wrote", flush=True)
    try:
        client.sync()
    except SyncError:
        pass
"""


def test_a_client_killed_mid_sync_recovers_without_loss(devices, proxy, tmp_path):
    laptop = devices("laptop", login=False)
    SyncClient.login(laptop.store, proxy.url, "wang", _password())
    laptop.store.close()
    proxy.delay = 0.01  # spread each request over time, so kills land inside syncs
    rng = random.Random(5)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for round_ in range(6):
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path / "laptop"), DEVICE_PASSPHRASE, str(round_)],
            stdout=subprocess.PIPE,
            env=env,
        )
        for _ in range(rng.randint(2, 6)):  # let it write a few records and sync a little
            assert worker.stdout.readline(), "the worker died by itself"
        time.sleep(rng.random() * 0.3)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    proxy.delay = 0.0
    store = open_profile(tmp_path / "laptop", passphrase=DEVICE_PASSPHRASE)
    client = SyncClient(store, api_factory=no_keepalive)
    try:
        client.sync()
        with store.read() as session:
            written = {t: set(_all_ids(session, t)) for t in ("customer", "call_log")}
            waiting = session.scalar(text("SELECT count(*) FROM outbox WHERE acked_at IS NULL"))
    finally:
        client.close()
        store.close()
    assert waiting == 0 and written["customer"] and written["call_log"]
    desktop = devices("desktop")
    desktop.sync()
    with desktop.store.read() as session:
        held = {t: _all_ids(session, t) for t in ("customer", "call_log")}
    for table in ("customer", "call_log"):
        assert len(held[table]) == len(set(held[table])) and set(held[table]) == written[table], table


def _all_ids(session, table: str) -> list[str]:
    return [row for (row,) in session.execute(text(f"SELECT id FROM {table}"))]


def _password() -> str:
    from tests.server.conftest import PASSWORD

    return PASSWORD
