"""`branchdesk-server migrate`: bring the database schema up to date (Alembic), then make sure
the server-wide settings exist. Safe to run again; `serve` refuses a database that is behind."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from server.database import Database
from server.errors import ServerError
from server.meta import ensure_meta

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(database: Database) -> str:
    """Apply every migration not yet applied; returns the schema revision now in place."""
    with database.engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    with database.transaction() as session:
        ensure_meta(session=session)
    return head_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def check_schema(database: Database) -> None:
    """ServerError unless the database has been migrated to this server's schema."""
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head_revision():
        raise ServerError(
            "schema", "The database schema is not up to date: run `branchdesk-server migrate` first."
        )
