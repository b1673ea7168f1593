"""`branchdesk doctor`: where the profile is, what it holds, and whether it is intact."""

from __future__ import annotations

from pathlib import Path

from storage.database import cipher_version
from storage.migrate import current_revision, head_revision
from storage.models import Base
from storage.profile import key_storage
from storage.store import Store


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table (all rows, tombstones included)."""
    with store.engine.connect() as conn:
        return {
            name: conn.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar_one()
            for name in Base.metadata.tables
        }


def integrity_problems(store: Store) -> list[str]:
    """What SQLCipher's page HMAC check and SQLite's integrity check report (empty when sound)."""
    with store.engine.connect() as conn:
        problems = [row[0] for row in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
        problems += [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {tuple(row)}" for row in conn.exec_driver_sql("PRAGMA foreign_key_check")]
    return problems


def doctor_report(store: Store, folder: Path) -> tuple[str, bool]:
    """The report text, and whether the profile is healthy."""
    revision, head = current_revision(store.engine), head_revision()
    lines = [
        f"profile: {folder.resolve()}",
        f"database: {store.db_path.name} ({store.db_path.stat().st_size:,} bytes)",
        f"schema version: {revision} (this app: {head})",
        f"cipher version: SQLCipher {cipher_version(store.engine)}",
        f"key storage: {key_storage(folder)}",
        f"local manager: {store.actor.name}",
    ]
    lines += [f"{table}: {n}" for table, n in table_counts(store).items()]
    problems = integrity_problems(store)
    lines.append("integrity: ok" if not problems else "integrity: PROBLEMS")
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines), not problems and revision == head
