"""The keys of this device's sync bookkeeping in `sync_state` (see storage.local_state)."""

CURSOR = "sync_cursor"  # the server's cursor after the last applied page (commits with the page)
EPOCH = "sync_epoch"  # the server's epoch when last seen (a change means it was restored)
RESYNC = "sync_resync"  # "1" while a full pull from no cursor is owed
DEFERRED_REMOVALS = "sync_deferred_removals"  # removals waiting for the customer's pending edits
DRIFT = "sync_drift"  # "<server count>/<local count>" seen once; seen twice in a row means re-sync
LAST_SYNC = "sync_last_ok"  # ISO time of the last sync that completed
