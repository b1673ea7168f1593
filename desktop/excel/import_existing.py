"""What the book already holds for the people in an import file, read in a few bulk queries.

One query finds every live customer whose ID number or mobile appears in the file (not one query
per row), one their live cards with a last four the file names, one their links to the tags the
file names, one the manager's tags. The queries go through the DB-API: building SQLAlchemy rows
for 25,000 customers cost more than the queries. A stamp (a digest of the ids, versions and edit
times read) lets the import tell whether the book changed between the preview and the write (a
sync, an edit in the window) without reading it all again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Boolean, Date, func, select
from sqlalchemy.orm import Session

from storage.models import Card, Customer, UTCDateTime
from storage.record_validation import CARD_RULES, CUSTOMER_RULES
from storage.services.rows import raw_connection

_CUSTOMER_VALUES = tuple(CUSTOMER_RULES)
_CARD_VALUES = tuple(CARD_RULES)
_IN = "IN (SELECT value FROM json_each(?))"
_STAMPED = "id, version, updated_at"  # the first columns of every query below


@dataclass(frozen=True)
class Lookups:
    """What a file names: the keys its rows are matched on and the cards and tags they carry."""

    id_numbers: frozenset[str] = frozenset()
    mobiles: frozenset[str] = frozenset()
    last4s: frozenset[str] = frozenset()
    tag_names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ExistingCustomer:
    """A live customer the file may update: its current editable values."""

    id: str
    seq: int
    version: int
    values: dict[str, object]


@dataclass(frozen=True)
class ExistingCard:
    """A live card of such a customer."""

    id: str
    version: int
    values: dict[str, object]


@dataclass
class ExistingBook:
    """The existing rows an import can touch, keyed the way the planner looks them up."""

    by_id_number: dict[str, ExistingCustomer] = field(default_factory=dict)
    by_mobile: dict[str, list[ExistingCustomer]] = field(default_factory=dict)
    cards: dict[tuple[str, str], ExistingCard] = field(default_factory=dict)  # (customer id, last4)
    tags: dict[str, tuple[str, bool]] = field(default_factory=dict)  # name → (tag id, deleted)
    links: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)  # → (link id, deleted)
    stamp: str = ""


def ids_in(values: Iterable[str]):
    """A subquery of `values` (one JSON parameter, however many: 50,000 ids bind as one)."""
    return select(func.json_each(json.dumps(sorted(set(values)))).table_valued("value").c.value)


def read_existing(session: Session, owner_id: str, lookups: Lookups) -> ExistingBook:
    """The live customers with one of the ID numbers or mobiles, their cards with one of the last
    fours, their links to the tags named, and the tags of `owner_id`."""
    queries = _Queries(session, owner_id, lookups)
    book = ExistingBook()
    stamps: list[tuple] = []
    typed = _typed_values(Customer, _CUSTOMER_VALUES)
    for row in queries.customers(f"seq, {', '.join(_CUSTOMER_VALUES)}"):
        customer = ExistingCustomer(row[0], row[3], row[1], typed(row[4:]))
        stamps.append(("customer", *row[:3]))
        if customer.values["id_number"]:
            book.by_id_number[customer.values["id_number"]] = customer
        if customer.values["mobile"]:
            book.by_mobile.setdefault(customer.values["mobile"], []).append(customer)
    typed = _typed_values(Card, _CARD_VALUES)
    for row in queries.cards(f"customer_id, {', '.join(_CARD_VALUES)}"):
        card = ExistingCard(row[0], row[1], typed(row[4:]))
        book.cards.setdefault((row[3], card.values["last4"]), card)  # the older of two, see below
        stamps.append(("card", *row[:3]))
    for row in queries.tags("name, deleted"):
        book.tags[row[3]] = (row[0], bool(row[4]))
        stamps.append(("tag", *row[:3]))
    for row in queries.links("customer_id, tag_id, deleted"):
        book.links[(row[3], row[4])] = (row[0], bool(row[5]))
        stamps.append(("link", *row[:3]))
    book.stamp = _digest(stamps)
    return book


def book_stamp(session: Session, owner_id: str, lookups: Lookups) -> str:
    """The stamp `read_existing` would give now, reading only ids, versions and edit times."""
    queries = _Queries(session, owner_id, lookups)
    stamps = [("customer", *row[:3]) for row in queries.customers()]
    stamps += [("card", *row[:3]) for row in queries.cards()]
    stamps += [("tag", *row[:3]) for row in queries.tags()]
    stamps += [("link", *row[:3]) for row in queries.links()]
    return _digest(stamps)


class _Queries:
    """The four reads, each selecting the stamped columns first and then `more`."""

    def __init__(self, session: Session, owner_id: str, lookups: Lookups) -> None:
        self.raw = raw_connection(session)
        self.owner_id, self.lookups = owner_id, lookups
        self.found: str | None = None  # the customers found, as JSON, once read

    def customers(self, more: str = "seq") -> list[tuple]:
        rows = self.raw.execute(
            f"SELECT {_STAMPED}, {more} FROM customer "
            f"WHERE deleted = 0 AND (id_number {_IN} OR mobile {_IN})",
            (_json(self.lookups.id_numbers), _json(self.lookups.mobiles)),
        ).fetchall()
        self.found = _json(row[0] for row in rows)
        return rows

    def cards(self, more: str = "customer_id") -> list[tuple]:
        # Of two live cards with the same last four digits, the older one is the one updated.
        return self.raw.execute(
            f"SELECT {_STAMPED}, {more} FROM card WHERE deleted = 0 AND customer_id {_IN} "
            f"AND last4 {_IN} ORDER BY created_at, id",
            (self.found, _json(self.lookups.last4s)),
        ).fetchall()

    def tags(self, more: str = "name") -> list[tuple]:
        return self.raw.execute(
            f"SELECT {_STAMPED}, {more} FROM tag WHERE owner_manager_id = ? AND name {_IN}",
            (self.owner_id, _json(self.lookups.tag_names)),
        ).fetchall()

    def links(self, more: str = "customer_id") -> list[tuple]:
        return self.raw.execute(
            f"SELECT {_STAMPED}, {more} FROM customer_tag WHERE customer_id {_IN} AND tag_id IN "
            f"(SELECT id FROM tag WHERE owner_manager_id = ? AND name {_IN})",
            (self.found, self.owner_id, _json(self.lookups.tag_names)),
        ).fetchall()


def _json(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))


def _digest(stamps: list[tuple]) -> str:
    return hashlib.sha256(repr(sorted(stamps)).encode()).hexdigest()


def _typed_values(model, names: tuple[str, ...]) -> Callable[[tuple], dict[str, object]]:
    """Stored text → the Python values the record cleaners compare with (dates, booleans, times)."""
    converters: list[tuple[int, Callable]] = []
    for at, name in enumerate(names):
        kind = model.__table__.c[name].type
        if isinstance(kind, UTCDateTime):
            converters.append((at, lambda v, k=kind: k.process_result_value(datetime.fromisoformat(v), None)))
        elif isinstance(kind, Date):
            converters.append((at, date.fromisoformat))
        elif isinstance(kind, Boolean):
            converters.append((at, bool))

    def typed(row: tuple) -> dict[str, object]:
        values = list(row)
        for at, convert in converters:
            if values[at] is not None:
                values[at] = convert(values[at])
        return dict(zip(names, values, strict=True))

    return typed
