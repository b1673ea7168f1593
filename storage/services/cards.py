"""A customer's credit cards."""

from __future__ import annotations

from sqlalchemy import select

from storage.changes import Changes
from storage.errors import NotFoundError
from storage.models import Card
from storage.record_validation import clean_card
from storage.services.rows import load_customer
from storage.store import Store, wire_fields


class CardService:
    """Add, edit and remove the cards a customer holds."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def cards_of(self, customer_id: str) -> list[Card]:
        """The customer's live cards, newest first."""
        with self.store.read() as session:
            query = select(Card).where(Card.customer_id == customer_id, Card.deleted.is_(False))
            return list(session.scalars(query.order_by(Card.open_date.desc().nulls_last(), Card.id)))

    def add(self, customer_id: str, fields: dict[str, object]) -> Changes:
        """Record a new card for a customer."""
        values = clean_card(fields)
        with self.store.write() as tx:
            customer = load_customer(tx.session, customer_id)
            card = tx.insert(
                Card(customer_id=customer_id, owner_manager_id=customer.owner_manager_id, **values)
            )
        return Changes(cards=frozenset({card.id}), customers=frozenset({customer_id}), new_id=card.id)

    def update(self, card_id: str, fields: dict[str, object]) -> Changes:
        """Edit a card (activation date, status, limit …)."""
        with self.store.write() as tx:
            card = self._load(tx.session, card_id)
            current = {k: v for k, v in wire_fields(card).items() if k in Card.__table__.c}
            changed = tx.update(card, clean_card(fields, current))
        return (
            Changes(cards=frozenset({card_id}), customers=frozenset({card.customer_id}))
            if changed
            else Changes()
        )

    def remove(self, card_id: str) -> Changes:
        """Remove a card recorded by mistake (soft delete)."""
        with self.store.write() as tx:
            card = self._load(tx.session, card_id)
            tx.delete(card)
        return Changes(cards=frozenset({card_id}), customers=frozenset({card.customer_id}))

    @staticmethod
    def _load(session, card_id: str) -> Card:
        card = session.scalar(select(Card).where(Card.id == card_id, Card.deleted.is_(False)))
        if card is None:
            raise NotFoundError("card", card_id)
        return card
