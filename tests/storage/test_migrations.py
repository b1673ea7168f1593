"""Schema migrations: the models and the migrations agree, and old databases upgrade safely."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from storage.database import create_encrypted_engine
from storage.errors import ProfileError
from storage.migrate import backup, current_revision, ensure_current, head_revision, include_name, upgrade
from storage.models import Base


@pytest.fixture
def engine(tmp_path):
    engine = create_encrypted_engine(tmp_path / "old.db", os.urandom(32))
    yield engine
    engine.dispose()


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_migrations_create_what_the_models_describe(engine, tmp_path):
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    with engine.connect() as conn:
        objects = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
    assert {"customer_fts", "customer_bigram", "ix_customer_mobile_tail", "audit_event_no_update"} <= objects


def test_database_from_first_migration_upgrades_to_head_keeping_data(engine, tmp_path):
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO manager (id, username, display_name, role, created_at, updated_at, "
                "version, deleted) VALUES ('m1', 'wang', '王', 'manager', '2026-01-01', "
                "'2026-01-01', 0, 0)"
            )
        )
    ensure_current(engine, tmp_path / "old.db")
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM manager")).scalar() == "王"


def test_backup_is_a_complete_encrypted_copy(engine, tmp_path):
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sync_state (key, value) VALUES ('k', '13800138000')"))
    copy = backup(engine, tmp_path / "old.db", "before-0002")
    assert copy.parent.name == "backups"
    raw = copy.read_bytes()
    assert raw[:16] != b"SQLite format 3\x00" and b"13800138000" not in raw
    key = engine.url.password
    copy_engine = create_encrypted_engine(copy, bytes.fromhex(key[2:-1]))
    with copy_engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM sync_state")).scalar() == "13800138000"
    copy_engine.dispose()


def test_database_from_a_newer_app_is_refused(engine, tmp_path):
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(ProfileError) as err:
        ensure_current(engine, tmp_path / "old.db")
    assert "9999" in err.value.message()
