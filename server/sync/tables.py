"""What the server knows of each synced table: how its values are validated, which of its fields
the server itself keeps (ids, ownership, times), and how clashes on it are settled."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from storage.record_validation import (
    clean_audit_event,
    clean_call,
    clean_card,
    clean_customer,
    clean_customer_tag,
    clean_sync_conflict,
    clean_synced_reminder,
    clean_tag,
)

Cleaner = Callable[[Mapping[str, object], Mapping[str, object] | None], dict]


@dataclass(frozen=True)
class SyncTable:
    name: str
    clean: Cleaner
    # Facts (calls, audit events) are appended, never edited, merged or deleted.
    fact: bool = False
    # Fields whose clash keeps the server's value (the manager reviews the other as a conflict).
    identity: frozenset[str] = frozenset()
    # The field naming the customer a dependent row belongs to (its owner is the customer's).
    customer_field: str | None = None
    # An upsert brings a deleted row back, and a delete loses to a re-add it had not seen
    # (a tag added on one device and removed on another stays added).
    add_wins: bool = False
    # Values of "status" that end a row's life: they win over any other status, whatever the
    # clocks say (a reminder done on one device and snoozed on another ends done).
    terminal_status: frozenset[str] = frozenset()


# Fields every synced row carries that the server sets or checks rather than validates as values.
STRUCTURAL = frozenset({"id", "owner_manager_id", "manager_id", "customer_id", "created_at", "updated_at"})

TABLES: dict[str, SyncTable] = {
    table.name: table
    for table in (
        SyncTable("customer", clean_customer, identity=frozenset({"name", "id_number", "mobile"})),
        SyncTable("card", clean_card, customer_field="customer_id"),
        SyncTable("tag", clean_tag),
        SyncTable("customer_tag", clean_customer_tag, customer_field="customer_id", add_wins=True),
        SyncTable("call_log", clean_call, fact=True, customer_field="customer_id"),
        SyncTable(
            "reminder",
            clean_synced_reminder,
            customer_field="customer_id",
            terminal_status=frozenset({"done", "cancelled"}),
        ),
        SyncTable("audit_event", clean_audit_event, fact=True),
        # What a device noted from a push answer: the manager's, so all their devices list it.
        SyncTable("sync_conflict", clean_sync_conflict),
    )
}
