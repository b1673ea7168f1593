"""Planning an import: every row validated as manual entry would be, matched to the book, nothing written.

A row becomes an UPDATE of the live customer with its ID number (else its mobile), otherwise a
CREATE. Cells the file leaves empty never blank a stored value. A card (product + last four) is
added unless the customer has a card with those last four digits, which is then updated; tags are
added, created on first use.

Two rows for the same person (same ID number; else the same mobile where at most one of them has
an ID number) are merged, because that is what a head-office list with one row per card means:
the later row is read as an edit of the customer as the earlier rows left it — its non-empty
cells win, its card is added (or updates the card with the same last four) and its tags are
added. A later row that fails validation is rejected on its own; the earlier rows still import.
A row whose mobile belongs to someone else (another customer, or another person in the file) is
rejected, as manual entry refuses a duplicate mobile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desktop.excel.import_existing import ExistingBook, ExistingCustomer, Lookups, read_existing
from desktop.excel.import_headers import CARD_FIELDS, TAGS, check_mapping, column_name, unmapped_columns
from desktop.excel.import_source import ImportSource
from desktop.excel.import_values import convert
from storage.errors import BranchDeskError, DuplicateCustomerError, ValidationError
from storage.record_validation import clean_card, clean_customer
from storage.validation import check_id_number, check_last4, check_mobile

# Record-cleaner field names that differ from the import's (a card's status; the tag cleaner's).
_IMPORT_FIELD = {"status": "card_status", "tag": TAGS}
_PROGRESS_EVERY = 2_000


@dataclass(frozen=True)
class RowProblem:
    """Why one row of the file was not imported; `name`/`id_number`/`mobile` are the row's own
    text (for the report, which masks them)."""

    row: int
    field: str | None
    column: str | None
    error: BranchDeskError
    name: str | None = None
    id_number: str | None = None
    mobile: str | None = None

    def reason(self, lang: str | None = None) -> str:
        """The reason in `lang` (default: the user's language)."""
        return self.error.message(lang)


@dataclass
class CardChange:
    """A card to add (`card_id` None: `values` complete) or to update (`values`: what changes)."""

    last4: str
    values: dict[str, object]
    current: dict[str, object]
    card_id: str | None = None
    version: int = 0
    base: dict[str, object] = field(default_factory=dict)


@dataclass
class CustomerChange:
    """What the file does to one person: create them (`existing` None) or update `existing`."""

    existing: ExistingCustomer | None
    current: dict[str, object]  # the values once the rows so far are applied
    cards: dict[str, CardChange] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)

    @property
    def changed(self) -> dict[str, object]:
        """The customer values to write: all of them for a new customer, else those that differ."""
        if self.existing is None:
            return self.current
        before = self.existing.values
        return {k: v for k, v in self.current.items() if before.get(k) != v}

    @property
    def has_changes(self) -> bool:
        """Whether writing this change would change anything at all."""
        return bool(self.existing is None or self.changed or self.tags or any(_card_changes(self)))


def _card_changes(change: CustomerChange):
    return (c for c in change.cards.values() if c.card_id is None or c.values)


@dataclass
class ImportPlan:
    """What an import would do, row by row; `apply_import` writes it. Nothing is written here."""

    source: ImportSource
    mapping: dict[int, str]
    creates: list[CustomerChange]
    updates: list[CustomerChange]
    unchanged: int
    problems: list[RowProblem]
    new_tags: list[str]
    lookups: Lookups  # what was looked up in the book
    stamp: str  # and what the book held then (see import_existing)
    dry_run: bool = True  # a plan on its own has written nothing (the report says so)

    @property
    def created(self) -> int:
        return len(self.creates)

    @property
    def updated(self) -> int:
        return len(self.updates)

    @property
    def rejected(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def source_name(self) -> str:
        return self.source.name

    @property
    def sheet(self) -> str | None:
        return self.source.sheet

    @property
    def unmapped(self) -> list[str]:
        """Names of the file's columns that are not imported."""
        headers = self.source.headers
        return [column_name(headers, i) for i in unmapped_columns(headers, self.mapping)]


@dataclass
class _Row:
    """One row's cells converted, before it is matched and validated against the book."""

    number: int
    customer: dict[str, object]
    card: dict[str, object]
    tags: list[str]
    id_number: str | None
    mobile: str | None
    cells: list[str | None]  # the row as read (kept for the report, should the row be rejected)


def build_plan(
    session: Session,
    owner_id: str,
    source: ImportSource,
    mapping: Mapping[int, str],
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Validate and match every row of `source` under `mapping` (column index → field)."""
    mapping = dict(mapping)
    check_mapping(source.headers, mapping)
    planner = _Planner(source, mapping)
    rows = planner.converted_rows()
    book = read_existing(session, owner_id, planner.lookups)
    return planner.plan(rows, book, progress)


class _Planner:
    """Reads the rows in two passes: their cells, then against the book and each other."""

    def __init__(self, source: ImportSource, mapping: dict[int, str]) -> None:
        self.source, self.mapping = source, mapping
        self.columns = {f: column_name(source.headers, i) for i, f in mapping.items()}
        self.problems: list[RowProblem] = []
        self.lookups = Lookups()
        self.book = ExistingBook()
        self.by_customer: dict[str, CustomerChange] = {}  # existing customer id → its change
        self.by_id_number: dict[str, CustomerChange] = {}  # the people of the file so far, by key
        self.by_mobile: dict[str, CustomerChange] = {}
        self.creates: list[CustomerChange] = []
        self.new_tags: dict[str, None] = {}  # tag names to create (or revive), in order

    # Pass 1: cells → values, without the book ------------------------------------------------

    def converted_rows(self) -> list[_Row]:
        rows = []
        keys: dict[str, set[str]] = {
            "id_numbers": set(),
            "mobiles": set(),
            "last4s": set(),
            "tag_names": set(),
        }
        for number, cells in zip(self.source.row_numbers, self.source.rows, strict=True):
            try:
                row = self._converted(number, cells)
            except BranchDeskError as error:
                self._reject(number, cells, error)
                continue
            rows.append(row)
            keys["id_numbers"].add(row.id_number)
            keys["mobiles"].add(row.mobile)
            keys["last4s"].add(row.card.get("last4"))
            keys["tag_names"].update(row.tags)
        self.lookups = Lookups(**{name: frozenset(found - {None}) for name, found in keys.items()})
        return rows

    def _converted(self, number: int, cells: list[str | None]) -> _Row:
        customer: dict[str, object] = {}
        card: dict[str, object] = {}
        tags: list[str] = []
        for index, field_name in self.mapping.items():
            text = cells[index]
            if text is None or not text.strip():
                continue  # an empty cell never blanks a stored value
            value = convert(field_name, text)
            if field_name == TAGS:
                tags = value
            elif field_name in CARD_FIELDS:
                card[CARD_FIELDS[field_name]] = value
            else:
                customer[field_name] = value
        if not customer and not card and not tags:
            raise ValidationError("name", "import_no_identity")
        # Checked now (the record cleaners check them again) because they are the keys to match on.
        id_number = check_id_number(customer.get("id_number"))
        mobile = check_mobile(customer.get("mobile"))
        if "last4" in card:
            card["last4"] = check_last4(card["last4"])
        return _Row(number, customer, card, tags, id_number, mobile, cells)

    # Pass 2: rows matched to the book and to each other, then validated ------------------------

    def plan(self, rows: list[_Row], book: ExistingBook, progress) -> ImportPlan:
        self.book = book
        for done, row in enumerate(rows, start=1):
            try:
                self._apply_row(row)
            except BranchDeskError as error:
                self._reject(row.number, row.cells, error)
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(done, len(rows))
        touched = list(self.by_customer.values())
        updates = [c for c in touched if c.has_changes]
        self.problems.sort(key=lambda p: p.row)
        return ImportPlan(
            source=self.source,
            mapping=self.mapping,
            creates=self.creates,
            updates=updates,
            unchanged=len(touched) - len(updates),
            problems=self.problems,
            new_tags=list(self.new_tags),
            lookups=self.lookups,
            stamp=book.stamp,
        )

    def _apply_row(self, row: _Row) -> None:
        change = self._person(row)
        fields = row.customer
        if change is None:  # a new person: validated as a new customer, defaults filled
            current = clean_customer(fields)
        else:
            current = {**change.current, **clean_customer(fields, change.current)}
        cards = self._cards_after(change, row.card)
        tags = self._tags_after(change, row.tags)
        # The row is valid as a whole: only now does it change the plan.
        if change is None:
            change = CustomerChange(existing=None, current={})
            self.creates.append(change)
        elif change.existing is not None:
            self.by_customer[change.existing.id] = change
        change.current, change.cards, change.tags = current, cards, tags
        change.rows.append(row.number)
        for tag in row.tags:
            if self.book.tags.get(tag, (None, True))[1]:  # not there, or removed: (re)created
                self.new_tags[tag] = None
        if current.get("id_number"):
            self.by_id_number[current["id_number"]] = change
        if current.get("mobile"):
            self.by_mobile[current["mobile"]] = change

    def _person(self, row: _Row) -> CustomerChange | None:
        """The change this row belongs to (None: a new person); raises why it cannot be matched."""
        found = None
        if row.id_number:
            found = self.by_id_number.get(row.id_number)
            if found is None and row.id_number in self.book.by_id_number:
                found = self._change_of(self.book.by_id_number[row.id_number])
        if found is None and row.mobile:
            found = self._by_mobile(row)
        if row.mobile:
            self._refuse_mobile_of_others(row, found)
        return found

    def _by_mobile(self, row: _Row) -> CustomerChange | None:
        in_file = self.by_mobile.get(row.mobile)
        if in_file is not None:
            other_id = in_file.current.get("id_number")
            if row.id_number and other_id and other_id != row.id_number:
                raise ValidationError("mobile", "import_same_mobile_row", row=in_file.rows[0])
            return in_file
        existing = self.book.by_mobile.get(row.mobile, [])
        if len(existing) > 1:
            raise ValidationError("mobile", "import_mobile_shared", count=len(existing))
        if not existing:
            return None
        other_id = existing[0].values.get("id_number")
        if row.id_number and other_id and other_id != row.id_number:
            raise DuplicateCustomerError("mobile", existing[0].id, existing[0].values["name"])
        return self._change_of(existing[0])

    def _refuse_mobile_of_others(self, row: _Row, change: CustomerChange | None) -> None:
        in_file = self.by_mobile.get(row.mobile)
        if in_file is not None and in_file is not change:
            raise ValidationError("mobile", "import_same_mobile_row", row=in_file.rows[0])
        mine = change.existing.id if change is not None and change.existing is not None else None
        others = [c for c in self.book.by_mobile.get(row.mobile, []) if c.id != mine]
        if others:
            raise DuplicateCustomerError("mobile", others[0].id, others[0].values["name"])

    def _change_of(self, customer: ExistingCustomer) -> CustomerChange:
        found = self.by_customer.get(customer.id)
        return found or CustomerChange(existing=customer, current=dict(customer.values))

    def _cards_after(self, change: CustomerChange | None, fields: dict) -> dict[str, CardChange]:
        """The person's cards once this row's card is added, or merged into the one with its last four."""
        cards = {k: _copy(c) for k, c in change.cards.items()} if change is not None else {}
        if not fields:
            return cards
        known = cards.get(fields.get("last4")) or self._stored_card(change, fields.get("last4"))
        if known is None:
            values = clean_card(fields)
            cards[values["last4"]] = CardChange(values["last4"], values, dict(values))
            return cards
        known.current = {**known.current, **clean_card(fields, known.current)}
        if known.card_id is None:  # added by an earlier row: still a new card, now with more
            known.values = dict(known.current)
        else:
            stored = self.book.cards[(change.existing.id, known.last4)].values
            known.values = {k: v for k, v in known.current.items() if stored.get(k) != v}
            known.base = {k: stored.get(k) for k in known.values}
        cards[known.last4] = known
        return cards

    def _stored_card(self, change: CustomerChange | None, last4: str | None) -> CardChange | None:
        """The existing customer's live card with these last four digits, as a change to make."""
        if last4 is None or change is None or change.existing is None:
            return None
        stored = self.book.cards.get((change.existing.id, last4))
        if stored is None:
            return None
        return CardChange(last4, {}, dict(stored.values), stored.id, stored.version)

    def _tags_after(self, change: CustomerChange | None, names: list[str]) -> list[str]:
        tags = list(change.tags) if change is not None else []
        owner = change.existing.id if change is not None and change.existing is not None else None
        for name in names:
            if name in tags:
                continue
            tag = self.book.tags.get(name)
            link = self.book.links.get((owner, tag[0])) if owner and tag else None
            if link is None or link[1]:  # not on the customer yet (or taken off): put it on
                tags.append(name)
        return tags

    def _reject(self, number: int, cells: list[str | None], error: BranchDeskError) -> None:
        raw = {f: cells[i] for i, f in self.mapping.items()}
        name = getattr(error, "field", None)
        name = _IMPORT_FIELD.get(name, name)
        self.problems.append(
            RowProblem(
                row=number,
                field=name,
                column=self.columns.get(name),
                error=error,
                name=raw.get("name"),
                id_number=raw.get("id_number"),
                mobile=raw.get("mobile"),
            )
        )


def _copy(card: CardChange) -> CardChange:
    return CardChange(
        card.last4, dict(card.values), dict(card.current), card.card_id, card.version, dict(card.base)
    )
