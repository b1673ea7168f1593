"""What the server knows of each synced table: how its values are validated, which of its fields
the server itself keeps (ids, ownership, times), and whether its rows are records or facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from storage.record_validation import clean_call, clean_customer

Cleaner = Callable[[Mapping[str, object], Mapping[str, object] | None], dict]


@dataclass(frozen=True)
class SyncTable:
    name: str
    clean: Cleaner
    # Facts (calls, audit events) are appended, never edited or merged: a second push of the same
    # row is answered from the idempotency record, any other edit is refused.
    fact: bool = False
    # Fields whose clash keeps the server's value (the manager reviews the other as a conflict).
    identity: frozenset[str] = frozenset()
    # The field naming the customer a dependent row belongs to (its owner follows the customer's).
    customer_field: str | None = None


# Fields every synced row carries that the server sets or checks rather than validates as values.
STRUCTURAL = frozenset({"id", "owner_manager_id", "manager_id", "customer_id", "created_at", "updated_at"})

TABLES: dict[str, SyncTable] = {
    "customer": SyncTable("customer", clean_customer, identity=frozenset({"name", "id_number", "mobile"})),
    "call_log": SyncTable("call_log", clean_call, fact=True, customer_field="customer_id"),
}
