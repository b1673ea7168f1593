"""Row identifiers: UUIDs made on the device, stored as 32 hex digits."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A fresh random row id (UUID4 as 32 lowercase hex digits)."""
    return uuid.uuid4().hex
