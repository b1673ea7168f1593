"""The sync protocol: push (a device's outbox, applied at most once, merged field by field) and
pull (everything the caller may see after a gap-free cursor). See docs/sync-protocol.md."""
