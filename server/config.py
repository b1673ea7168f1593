"""Where the server keeps its data, and which database it uses."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "BRANCHDESK_SERVER_HOME"
DATABASE_ENV = "BRANCHDESK_SERVER_DATABASE_URL"


def data_dir(explicit: str | Path | None = None) -> Path:
    """--data-dir, else $BRANCHDESK_SERVER_HOME, else the platform's data folder."""
    chosen = explicit or os.environ.get(HOME_ENV)
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir("BranchDesk Server", "BranchDesk"))


def database_url(folder: Path, explicit: str | None = None) -> str:
    """--database-url, else $BRANCHDESK_SERVER_DATABASE_URL, else an SQLite file in `folder`
    (so the server runs with no setup). PostgreSQL URLs use the psycopg 3 driver."""
    url = explicit or os.environ.get(DATABASE_ENV) or f"sqlite:///{folder / 'server.db'}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url
