"""What a laptop meets over months: a server restored from a backup, tombstones compacted while
it slept, an account disabled, an app too old for the server, an expired token, a certificate
it cannot check, and the manager editing while a pull is being written."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from sqlalchemy import text

from server.accounts.service import disable_user
from server.accounts.tokens import issue_access
from server.meta import TOKEN_KEY, read_meta
from storage.outbox import pending_count
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.sync import api as sync_api
from storage.sync.api import SyncError
from storage.sync.client import SyncClient
from tests.server.conftest import PASSWORD, PG_URL, free_port, start_server
from tests.sync.test_sync_client import CALL, NEW, book, customers


def server_cli(database_url: str, *args: str) -> str:
    command = [sys.executable, "-c", "from server.cli import main; raise SystemExit(main())"]
    done = subprocess.run(
        [*command, "--database-url", database_url, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def pending(device) -> int:
    with device.store.read() as session:
        return pending_count(session)


class Backup:
    """A copy of the server's database taken while it runs (SQLite's online backup, or pg_dump),
    put back later with the server stopped — what the bank's operator does."""

    def __init__(self, database, folder: Path) -> None:
        self.database, self.file = database, folder / "server-backup"
        if database.url.startswith("sqlite"):
            self.path = Path(database.url.removeprefix("sqlite:///"))
            with sqlite3.connect(self.path) as live, sqlite3.connect(self.file) as copy:
                live.backup(copy)
        else:
            self.name = database.url.rsplit("/", 1)[1]
            subprocess.run(["pg_dump", "-Fc", "-f", str(self.file), self._libpq_url()], check=True)

    def _libpq_url(self) -> str:
        return PG_URL.rsplit("/", 1)[0] + f"/{self.name}"

    def restore(self) -> None:
        self.database.dispose()
        if self.database.url.startswith("sqlite"):
            for leftover in (Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copyfile(self.file, self.path)
            return
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{self.name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.name}"')
        subprocess.run(["pg_restore", "-d", self._libpq_url(), str(self.file)], check=True)


def restore_while_stopped(process, url: str, backup: Backup):
    """Stop the server, put the backup back, run `restored`, start it again on the same port."""
    process.terminate()
    process.wait(timeout=10)
    backup.restore()
    server_cli(backup.database.url, "restored")
    return start_server("--database-url", backup.database.url, port=urlsplit(url).port)


def test_a_server_restored_from_a_backup_loses_nothing_devices_had_acknowledged(own_database, tmp_path):
    from tests.sync.conftest import make_device

    database = own_database
    process, url = start_server("--database-url", database.url)
    laptop = make_device(tmp_path, "laptop", url)
    try:
        before = CustomerService(laptop.store).create(NEW).new_id
        laptop.sync()
        backup = Backup(database, tmp_path)
        after = CustomerService(laptop.store).create({**NEW, "mobile": "13900001111"}).new_id
        CallService(laptop.store).log_call(before, CALL)
        laptop.sync()  # acknowledged by the server — then the server's disk dies
        assert pending(laptop) == 0
        process, url = restore_while_stopped(process, url, backup)
        report = laptop.sync()
        assert report.restored and report.resynced
        desktop = make_device(tmp_path, "desktop", url)
        desktop.sync()
        assert set(customers(desktop)) == {before, after}
        assert book(desktop) == book(laptop)
        report = laptop.sync()  # a second sync finds nothing more to re-send
        assert report.pushed == 0 and not report.restored
    finally:
        process.terminate()


def test_after_a_restore_a_call_on_a_customer_made_elsewhere_waits_for_it(own_database, tmp_path):
    """The desktop made a customer after the last backup; the laptop logged a call on it. The
    server is restored and the laptop syncs first: its call waits (kept, still pending) until
    the desktop has re-sent the customer, then goes through — it is neither lost nor refused."""
    from tests.sync.conftest import make_device

    database = own_database
    process, url = start_server("--database-url", database.url)
    laptop, desktop = make_device(tmp_path, "laptop", url), make_device(tmp_path, "desktop", url)
    try:
        backup = Backup(database, tmp_path)
        customer = CustomerService(desktop.store).create(NEW).new_id
        desktop.sync()
        laptop.sync()
        call = CallService(laptop.store).log_call(customer, CALL).new_id  # offline, not yet sent
        process, url = restore_while_stopped(process, url, backup)
        report = laptop.sync()
        assert report.restored and report.waiting == 1 and report.rejected == 0
        assert pending(laptop) == 1 and customer in customers(laptop)  # kept, with its customer
        desktop.sync()  # re-sends what the backup lacked: the customer
        report = laptop.sync()
        assert report.waiting == 0 and report.pushed == 1 and pending(laptop) == 0
        desktop.sync()
        with desktop.store.read() as session:
            assert session.scalar(text("SELECT count(*) FROM call_log WHERE id = :id"), {"id": call}) == 1
            assert session.scalar(text("SELECT count(*) FROM sync_conflict")) == 0
        assert book(desktop) == book(laptop)
    finally:
        process.terminate()
        laptop.client.close()
        desktop.client.close()


def test_a_laptop_asleep_past_the_tombstone_horizon_resyncs_and_keeps_its_edits(devices, database):
    laptop, desktop = devices("laptop"), devices("desktop")
    gone, kept = (
        CustomerService(laptop.store).create({**NEW, "mobile": m}).new_id
        for m in ("13800000001", "13800000002")
    )
    laptop.sync(), desktop.sync()
    CustomerService(laptop.store).delete(gone)
    laptop.sync()
    server_cli(database.url, "compact", "--horizon-days", "0")  # the desktop slept through it
    CustomerService(desktop.store).update(kept, {"occupation": "教师"})  # made while asleep
    report = desktop.sync()
    assert report.resynced
    laptop.sync()
    assert gone not in customers(desktop) and customers(laptop)[kept].occupation == "教师"
    assert book(desktop) == book(laptop)


def test_a_disabled_account_stops_syncing_with_a_clear_message_and_keeps_the_changes(devices, database):
    laptop = devices("laptop")
    laptop.sync()
    with database.transaction() as session:
        disable_user(session=session, username="wang")
    CustomerService(laptop.store).create(NEW)
    with pytest.raises(SyncError) as refused:
        laptop.sync()
    assert refused.value.code == "sync_signed_out" and not refused.value.retry
    assert "重新登录" in refused.value.message("zh_CN")
    assert pending(laptop) == 2  # the customer and its audit event wait


def test_an_app_too_old_for_the_server_is_told_to_update(devices, monkeypatch):
    laptop = devices("laptop")
    monkeypatch.setattr(sync_api, "HEADERS", {"X-BranchDesk-Protocol": "0"})  # as last year's app sends
    laptop.client.close()
    with pytest.raises(SyncError) as refused:
        laptop.sync()
    assert refused.value.code == "sync_client_too_old" and "升级" in refused.value.message("zh_CN")


def test_an_access_token_expiring_mid_sync_is_renewed(devices, database, branch_users):
    laptop = devices("laptop")
    laptop.sync()
    with database.snapshot() as session:
        key = read_meta(session=session, key=TOKEN_KEY)
    CustomerService(laptop.store).create(NEW)
    laptop.client._access = issue_access(
        key, branch_users["wang"], laptop.store.device_id, "manager", now=time.time() - 3600
    )
    assert laptop.sync().pushed == 2


def test_edits_made_while_a_pull_is_written_are_kept_and_sent(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    service = CustomerService(laptop.store)
    made = [service.create({**NEW, "mobile": f"138{i:08d}"}).new_id for i in range(600)]
    laptop.sync()
    target = made[-1]
    desktop.sync()
    for i, customer in enumerate(made):
        service.update(customer, {"occupation": f"批量{i}"})
    laptop.sync()
    stop, written = threading.Event(), []

    def manager_typing() -> None:
        n = 0
        while not stop.is_set():
            CustomerService(desktop.store).update(target, {"notes": f"边同步边编辑 {n}"})
            written.append(n)
            n += 1

    typist = threading.Thread(target=manager_typing)
    typist.start()
    try:
        desktop.sync()  # 600 edited rows come in while the manager keeps typing
    finally:
        stop.set()
        typist.join()
    last = f"边同步边编辑 {written[-1]}"
    assert len(written) > 1
    assert customers(desktop)[target].notes == last  # the pull did not write over the manager
    desktop.sync(), laptop.sync()
    assert customers(laptop)[target].notes == last and customers(laptop)[target].occupation == "批量599"


@pytest.fixture
def tls_server(database, branch_users, tmp_path):
    cert, key = tmp_path / "server.pem", tmp_path / "server.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    command = [sys.executable, "-c", "from server.cli import main; raise SystemExit(main())"]
    process = subprocess.Popen(
        [
            *command,
            "--database-url",
            database.url,
            "serve",
            "--port",
            str(port),
            "--tls-cert",
            str(cert),
            "--tls-key",
            str(key),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            import ssl

            import httpx

            httpx.get(f"{url}/v1/health", verify=ssl.create_default_context(cafile=str(cert)), timeout=2)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.2)
    yield url, cert
    process.terminate()
    process.wait(timeout=10)


def test_https_is_checked_against_the_system_store_or_the_banks_ca_file(tls_server, tmp_path):
    from storage.profile import create_profile
    from tests.conftest import FAST_SCRYPT

    url, cert = tls_server
    store = create_profile(
        tmp_path / "p", passphrase="device passphrase", use_keyring=False, scrypt=FAST_SCRYPT
    )
    try:
        with pytest.raises(SyncError) as unknown:
            SyncClient.login(store, url, "wang", PASSWORD)  # a self-signed certificate: not trusted
        assert unknown.value.code == "sync_certificate" and not unknown.value.retry
        assert "CA" in unknown.value.message("zh_CN")
        account = SyncClient.login(store, url, "wang", PASSWORD, ca_file=str(cert))
        client = SyncClient(store)
        CustomerService(store).create(NEW)
        assert client.sync().pushed == 2 and account.ca_file == str(cert)
        client.close()
    finally:
        store.close()
