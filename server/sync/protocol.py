"""Which protocol versions of the devices this server speaks (docs/sync-protocol.md)."""

from __future__ import annotations

from server.errors import ServerError

PROTOCOL = 1
# The current version and the previous one: a device one release behind keeps syncing while IT
# rolls the update out. Version 1 is the first, so it is the only one yet.
ACCEPTED_PROTOCOLS = frozenset({PROTOCOL, PROTOCOL - 1} - {0})


def check_protocol(version: int | None) -> None:
    """Refuse (426) a request from a device whose protocol this server no longer speaks."""
    if version not in ACCEPTED_PROTOCOLS:
        raise ServerError(
            "client_too_old",
            "This BranchDesk is too old for the server: please update it to sync again.",
            status=426,
            server_protocol=PROTOCOL,
        )
