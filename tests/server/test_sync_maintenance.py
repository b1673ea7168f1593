"""Tombstone compaction and the forced resync it implies; a server restored from a backup (a new
epoch) loses nothing the devices had acknowledged — on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import update

from server.accounts.models import User
from server.database import Database, utc_now
from server.errors import ServerError
from server.meta import EPOCH, read_meta
from server.sync.cursor import Cursor
from server.sync.maintenance import compact, compacted_through, mark_restored
from server.sync.models import SyncRow
from server.sync.pull import pull
from server.sync.push import Change, push
from tests.server.conftest import PG_URL
from tests.server.test_sync import change, customer


def wang_of(database: Database, branch_users) -> User:
    with database.snapshot() as session:
        return session.get(User, branch_users["wang"])


def push_all(database: Database, user: User, *changes: dict) -> list:
    with database.transaction() as session:
        return push(session=session, user=user, device_id="laptop", changes=[Change(**c) for c in changes])


def pull_all(database: Database, user: User, cursor: Cursor | None = None) -> tuple[dict, Cursor]:
    rows, cursor = {}, cursor or Cursor()
    while True:
        with database.snapshot() as session:
            page = pull(session=session, user=user, after=cursor, limit=500)
        rows.update({row["id"]: row for row in page.rows})
        cursor = page.cursor
        if not page.more:
            return rows, cursor


def test_old_tombstones_are_compacted_and_a_device_behind_them_resyncs(database, branch_users):
    wang = wang_of(database, branch_users)
    push_all(database, wang, customer("a" * 32, wang.id), customer("b" * 32, wang.id))
    _rows, behind = pull_all(database, wang)
    push_all(database, wang, change("customer", "a" * 32, {}, op="delete"))
    with database.transaction() as session:  # the deletion happened 200 days ago
        session.execute(
            update(SyncRow)
            .where(SyncRow.deleted.is_(True))
            .values(updated_at=utc_now() - timedelta(days=200))
        )
    _rows, current = pull_all(database, wang, behind)
    with database.transaction() as session:
        counts = compact(session=session, horizon_days=180)
    assert counts["tombstones"] == 1
    with database.snapshot() as session, pytest.raises(ServerError) as stale:
        pull(session=session, user=wang, after=behind)
    assert stale.value.status == 410 and stale.value.code == "resync"
    rows, resynced = pull_all(database, wang)  # a full resync from no cursor
    assert list(rows) == ["b" * 32]
    with database.snapshot() as session:  # its cursor is past the mark (b lies before it): no 410 again
        assert resynced >= compacted_through(session)
        assert pull(session=session, user=wang, after=resynced).rows == []
    with database.snapshot() as session:  # a device that had seen the deletion carries on
        assert pull(session=session, user=wang, after=current).rows == []


def backup(database_url: str, database: Database, tmp_path):
    """Take a backup now; returns a function that puts it back (as an operator would)."""
    database.dispose()
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        shutil.copyfile(path, tmp_path / "backup.db")
        return lambda: shutil.copyfile(tmp_path / "backup.db", path)
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}_bak" TEMPLATE "{name}"')

    def restore() -> None:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{name}_bak"')
            admin.execute(f'DROP DATABASE "{name}_bak"')

    return restore


def test_a_restored_server_loses_nothing_the_devices_had_acknowledged(
    database_url, database, branch_users, tmp_path
):
    wang = wang_of(database, branch_users)
    before = [customer("a" * 32, wang.id)]
    after = [
        customer("b" * 32, wang.id),
        change("customer", "a" * 32, {"tier": "young"}, base={"tier": "standard"}),
    ]
    push_all(database, wang, *before)
    with database.snapshot() as session:
        old_epoch = read_meta(session=session, key=EPOCH)
    restore = backup(database_url, database, tmp_path)
    answered = push_all(database, wang, *after)  # acknowledged by the server …
    database.dispose()
    restore()  # … which then loses its disk and comes back from last night's backup
    with database.transaction() as session:
        epoch = mark_restored(session=session)
    assert epoch != old_epoch
    # The device sees the new epoch and re-sends what it had acknowledged since (kept 30 days).
    again = push_all(database, wang, *before, *after)
    assert [o.status for o in again[1:]] == [o.status for o in answered] == ["applied", "applied"]
    rows, _cursor = pull_all(database, wang)
    assert set(rows) == {"a" * 32, "b" * 32} and rows["a" * 32]["fields"]["tier"] == "young"
    assert push_all(database, wang, *after)[1].status == "applied"  # answered from the change ids again
    assert pull_all(database, wang)[0]["a" * 32]["version"] == rows["a" * 32]["version"]  # not applied twice
