"""Tags (多维度标签): the manager's own labels, put on and taken off customers."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.changes import Changes
from storage.errors import ValidationError
from storage.ids import natural_id
from storage.models import CustomerTag, Tag
from storage.services.rows import link_tag, load_customer
from storage.store import Store, Tx
from storage.validation import check_text


def clean_tag_name(name: str) -> str:
    """A tag name as stored: trimmed, 1-20 characters (ValidationError otherwise)."""
    cleaned = check_text(name, "tag", max_len=20, required=True)
    if not cleaned:
        raise ValidationError("tag", "tag_name")
    return cleaned


class TagService:
    """List tags for completion, and add or remove them on customers."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def all_tags(self) -> list[tuple[str, str, int]]:
        """Every live tag as (id, name, number of customers), by name — for completion and filters."""
        used = (
            select(CustomerTag.tag_id, func.count().label("n"))
            .where(CustomerTag.deleted.is_(False))
            .group_by(CustomerTag.tag_id)
            .subquery()
        )
        query = (
            select(Tag.id, Tag.name, func.coalesce(used.c.n, 0))
            .outerjoin(used, used.c.tag_id == Tag.id)
            .where(Tag.deleted.is_(False))
            .order_by(Tag.name)
        )
        with self.store.read() as session:
            return [tuple(row) for row in session.execute(query)]

    def tag_names(self) -> list[str]:
        """Every live tag's name, by name (cheap: for completion; `all_tags` also counts use)."""
        query = select(Tag.name).where(Tag.deleted.is_(False)).order_by(Tag.name)
        with self.store.read() as session:
            return list(session.scalars(query))

    def tags_of(self, customer_id: str) -> list[tuple[str, str]]:
        """The customer's tags as (id, name), by name."""
        query = (
            select(Tag.id, Tag.name)
            .join(CustomerTag, CustomerTag.tag_id == Tag.id)
            .where(CustomerTag.customer_id == customer_id, CustomerTag.deleted.is_(False))
            .order_by(Tag.name)
        )
        with self.store.read() as session:
            return [tuple(row) for row in session.execute(query)]

    def add(self, customer_id: str, name: str) -> Changes:
        """Put the tag called `name` on a customer, creating the tag on first use."""
        name = clean_tag_name(name)
        with self.store.write() as tx:
            load_customer(tx.session, customer_id)
            tag = self._tag_named(tx, name)
            link_tag(tx, customer_id, tag.id)
        return Changes(customers=frozenset({customer_id}), tags=frozenset({tag.id}))

    def remove(self, customer_id: str, tag_id: str) -> Changes:
        """Take a tag off a customer (no change if it was not on)."""
        with self.store.write() as tx:
            link = tx.session.scalar(
                select(CustomerTag).where(
                    CustomerTag.customer_id == customer_id,
                    CustomerTag.tag_id == tag_id,
                    CustomerTag.deleted.is_(False),
                )
            )
            if link is None:
                return Changes()
            tx.delete(link)
        return Changes(customers=frozenset({customer_id}), tags=frozenset({tag_id}))

    def _tag_named(self, tx: Tx, name: str) -> Tag:
        tag = tx.session.scalar(
            select(Tag).where(Tag.owner_manager_id == self.store.actor.id, Tag.name == name)
        )
        if tag is None:
            owner = self.store.actor.id
            return tx.insert(Tag(id=natural_id("tag", owner, name), owner_manager_id=owner, name=name))
        if tag.deleted:
            tx.update(tag, {"deleted": False})
        return tag
