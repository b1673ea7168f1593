"""Loading rows for a write, shared by the services."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import NotFoundError
from storage.ids import natural_id
from storage.models import Customer, CustomerTag
from storage.store import Tx


def raw_connection(session: Session):
    """The session's DB-API connection, for hand-written SQL over many rows: building SQLAlchemy
    rows costs 3-5x the query itself at a branch's size."""
    return session.connection().connection.driver_connection


def load_customer(session: Session, customer_id: str) -> Customer:
    """The live customer with this id, or NotFoundError."""
    row = session.scalar(select(Customer).where(Customer.id == customer_id, Customer.deleted.is_(False)))
    if row is None:
        raise NotFoundError("customer", customer_id)
    return row


def link_tag(tx: Tx, customer_id: str, tag_id: str) -> CustomerTag:
    """Put a tag on a customer, reviving an earlier removed link rather than making a second."""
    link = tx.session.scalar(
        select(CustomerTag).where(CustomerTag.customer_id == customer_id, CustomerTag.tag_id == tag_id)
    )
    if link is None:
        owner = tx.session.scalar(select(Customer.owner_manager_id).where(Customer.id == customer_id))
        link_id = natural_id("customer_tag", customer_id, tag_id)
        link = CustomerTag(id=link_id, customer_id=customer_id, tag_id=tag_id, owner_manager_id=owner)
        return tx.insert(link)
    tx.update(link, {"deleted": False})
    return link
