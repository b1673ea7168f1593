"""Schema migrations (Alembic) run on open, after a backup copy of the encrypted file."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from storage.database import writer
from storage.errors import ProfileError

MIGRATIONS = Path(__file__).with_name("migrations")


SEARCH_TABLES = ("customer_fts", "customer_bigram")


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Leave the search index's FTS5 tables (and their shadow tables) out of autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLES))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for our migrations, bound to `connection` when given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of BranchDesk knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` in one transaction."""
    with writer(engine).begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def backup(engine: Engine, db_path: Path, label: str) -> Path:
    """Copy the (still encrypted) database file aside after folding the WAL into it."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{label}-{stamp}.db"
    shutil.copy2(db_path, target)
    return target


def ensure_current(engine: Engine, db_path: Path) -> Path | None:
    """Bring the schema to head; returns the backup taken before upgrading an older schema."""
    found = current_revision(engine)
    head = head_revision()
    if found == head:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    if found is not None and found not in {rev.revision for rev in script.walk_revisions()}:
        raise ProfileError("schema_too_new", found=found)
    taken = backup(engine, db_path, f"before-{head}") if found is not None else None
    upgrade(engine)
    return taken
