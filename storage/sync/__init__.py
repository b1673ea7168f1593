"""The sync client: this device against the central server (docs/sync-protocol.md)."""
