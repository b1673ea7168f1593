"""Customers: create, edit, soft-delete, find and merge duplicates, reveal masked fields."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.changes import Changes
from storage.enums import ACTIVE_REMINDER_STATUSES, ReminderStatus
from storage.errors import DuplicateCustomerError, InvalidStateError, ValidationError
from storage.models import CallLog, Card, Customer, CustomerTag, Reminder
from storage.record_validation import clean_customer
from storage.services import derived
from storage.services.rows import link_tag, load_customer
from storage.store import Store, Tx, wire_fields
from storage.timeutil import utc_now

REVEALABLE = ("id_number", "mobile")
# Fields a merge copies from the merged-away customer when the kept one has none.
MERGE_FILL = (
    "gender",
    "birth_date",
    "id_number",
    "mobile",
    "email",
    "wechat_id",
    "address",
    "occupation",
    "employer",
    "income_band",
    "preferred_channel",
    "contact_hours_start",
    "contact_hours_end",
    "max_contacts_per_week",
    "marketing_consent_at",
    "notes",
)


def customer_values(row: Customer) -> dict[str, object]:
    """The editable (synced) values of a customer."""
    return {k: v for k, v in wire_fields(row).items() if k not in ("id", "created_at", "updated_at")}


class CustomerService:
    """Create, read, edit and remove customers of the local manager's book."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, customer_id: str) -> Customer:
        """One customer (a detached row; NotFoundError if missing or deleted)."""
        with self.store.read() as session:
            return load_customer(session, customer_id)

    def create(self, fields: dict[str, object], *, allow_shared_mobile: bool = False) -> Changes:
        """Create a customer from validated `fields`; refuses a duplicate ID number (or mobile)."""
        values = clean_customer(fields)
        with self.store.write() as tx:
            self._refuse_duplicates(tx.session, values, None, allow_shared_mobile)
            if values.get("marketing_consent"):
                values.setdefault("marketing_consent_at", tx.now)
            row = Customer(owner_manager_id=self.store.actor.id, **values)
            for name, value in derived.derived_customer_columns(values).items():
                setattr(row, name, value)
            tx.insert(row)
            tx.audit("customer.create", row)
        return Changes(customers=frozenset({row.id}), new_id=row.id)

    def update(
        self, customer_id: str, fields: dict[str, object], *, allow_shared_mobile: bool = False
    ) -> Changes:
        """Apply validated edits; returns no changes when nothing differs."""
        with self.store.write() as tx:
            row = load_customer(tx.session, customer_id)
            values = clean_customer(fields, customer_values(row))
            if values.get("marketing_consent") and not row.marketing_consent:
                values.setdefault("marketing_consent_at", tx.now)
            self._refuse_duplicates(tx.session, values, customer_id, allow_shared_mobile)
            changed = tx.update(row, {**values, **derived.derived_customer_columns(values)})
            if changed & {"id_number", "mobile", "do_not_contact", "marketing_consent"}:
                tx.audit("customer.update_sensitive", row, fields=sorted(changed))
        return Changes(customers=frozenset({customer_id})) if changed else Changes()

    def delete(self, customer_id: str) -> Changes:
        """Soft-delete a customer and cancel their open reminders (calls stay, as facts)."""
        with self.store.write() as tx:
            row = load_customer(tx.session, customer_id)
            reminders = _cancel_open_reminders(tx, customer_id)
            tx.delete(row)
            tx.audit("customer.delete", row, name=row.name)
        return Changes(customers=frozenset({customer_id}), reminders=reminders)

    def find_duplicates(
        self, *, id_number: str | None = None, mobile: str | None = None, exclude_id: str | None = None
    ) -> list[tuple[str, str, str]]:
        """Live customers sharing the ID number or mobile: (id, name, matching field)."""
        with self.store.read() as session:
            return _duplicates(session, {"id_number": id_number, "mobile": mobile}, exclude_id)

    def merge(self, keep_id: str, merge_id: str) -> Changes:
        """Merge customer `merge_id` into `keep_id`: cards, calls, reminders and tags move over,
        empty fields of the kept customer are filled in, and the other is soft-deleted."""
        if keep_id == merge_id:
            raise InvalidStateError("merge_self")
        with self.store.write() as tx:
            keep, other = load_customer(tx.session, keep_id), load_customer(tx.session, merge_id)
            moved = _move_children(tx, merge_id, keep_id)
            fill = {
                k: getattr(other, k) for k in MERGE_FILL if getattr(keep, k) is None and getattr(other, k)
            }
            tx.delete(other)  # first, so the ID number / mobile it gives up is free
            tx.session.flush()
            tx.update(keep, {**fill, **derived.derived_customer_columns(fill)})
            derived.refresh_last_contact(tx.session, keep_id)
            derived.refresh_next_revisit(tx.session, keep_id)
            tx.audit("customer.merge", keep, merged_id=merge_id, merged_name=other.name)
        return moved | Changes(customers=frozenset({keep_id, merge_id}))

    def reveal(self, customer_id: str, field: str) -> str:
        """The unmasked ID number or mobile; every reveal is written to the audit trail."""
        if field not in REVEALABLE:
            raise ValidationError(field, "unknown_field")
        with self.store.write() as tx:
            row = load_customer(tx.session, customer_id)
            tx.audit("customer.reveal", row, field=field)
            return getattr(row, field) or ""

    @staticmethod
    def _refuse_duplicates(
        session: Session, values: dict, exclude_id: str | None, allow_shared_mobile: bool
    ) -> None:
        wanted = {"id_number": values.get("id_number")}
        if not allow_shared_mobile:
            wanted["mobile"] = values.get("mobile")
        found = _duplicates(session, wanted, exclude_id)
        if found:
            existing_id, name, field = found[0]
            raise DuplicateCustomerError(field, existing_id, name)


def _duplicates(session: Session, wanted: dict[str, str | None], exclude_id: str | None) -> list:
    found = []
    for field, value in wanted.items():
        if not value:
            continue
        query = select(Customer.id, Customer.name).where(
            getattr(Customer, field) == value, Customer.deleted.is_(False)
        )
        if exclude_id:
            query = query.where(Customer.id != exclude_id)
        found.extend((cid, name, field) for cid, name in session.execute(query))
    return found


def _cancel_open_reminders(tx: Tx, customer_id: str) -> frozenset[str]:
    rows = tx.session.scalars(
        select(Reminder).where(
            Reminder.customer_id == customer_id,
            Reminder.status.in_(ACTIVE_REMINDER_STATUSES),
            Reminder.deleted.is_(False),
        )
    ).all()
    for reminder in rows:
        tx.update(reminder, {"status": ReminderStatus.CANCELLED.value, "completed_at": utc_now()})
    tx.session.execute(update(Customer).where(Customer.id == customer_id).values(next_revisit_at=None))
    return frozenset(r.id for r in rows)


def _move_children(tx: Tx, from_id: str, to_id: str) -> Changes:
    """Re-point cards, calls, reminders and tags from one customer to another."""
    ids: dict[str, set[str]] = {"cards": set(), "calls": set(), "reminders": set()}
    for model, key in ((Card, "cards"), (CallLog, "calls"), (Reminder, "reminders")):
        for row in tx.session.scalars(
            select(model).where(model.customer_id == from_id, model.deleted.is_(False))
        ):
            tx.update(row, {"customer_id": to_id})
            ids[key].add(row.id)
    kept_tags = set(
        tx.session.scalars(
            select(CustomerTag.tag_id).where(CustomerTag.customer_id == to_id, CustomerTag.deleted.is_(False))
        )
    )
    for link in tx.session.scalars(
        select(CustomerTag).where(CustomerTag.customer_id == from_id, CustomerTag.deleted.is_(False))
    ).all():
        tx.delete(link)
        if link.tag_id not in kept_tags:
            link_tag(tx, to_id, link.tag_id)
    return Changes(
        cards=frozenset(ids["cards"]), calls=frozenset(ids["calls"]), reminders=frozenset(ids["reminders"])
    )
