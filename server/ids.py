"""Row ids made on the server: random UUIDs as 32 hex digits, like the devices' ids."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return uuid.uuid4().hex
