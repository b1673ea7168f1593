"""The sync client the runner shares between its sync thread and its long poll.

Both may find the access token expired at the same moment, and a refresh token is spent by its
first use: refreshes go one at a time, and a second refresh with the token just spent gets the
first one's answer instead of signing the device out.
"""

from __future__ import annotations

import threading

from storage.store import Store
from storage.sync.api import SyncApi
from storage.sync.client import SyncClient


class SerialRefreshApi(SyncApi):
    """The server API with token refreshes one at a time (the second with the same token gets the
    first one's answer)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._refreshing = threading.Lock()
        self._last: tuple[str, object] | None = None

    def refresh(self, refresh_token: str):
        with self._refreshing:
            if self._last is not None and self._last[0] == refresh_token:
                return self._last[1]
            tokens = super().refresh(refresh_token)
            self._last = (refresh_token, tokens)
            return tokens


def shared_sync_client(store: Store) -> SyncClient:
    """The runner's sync client: shared by the sync and the long poll, refreshing tokens safely."""
    return SyncClient(store, api_factory=lambda a: SerialRefreshApi(a.server, ca_file=a.ca_file))
