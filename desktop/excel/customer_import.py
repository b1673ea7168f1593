"""The head-office customer import: plan it (a dry run writes nothing), then apply it in one transaction.

    source = read_source(path)                       # or ImportFileError, with a clear message
    mapping = guess_mapping(source.headers)           # the user may change it (a preview dialog)
    plan = plan_import(store, source, mapping)        # every row validated and matched; no writes
    result = apply_import(store, plan)                # all valid rows, or (cancel, crash) none

Everything is written in one transaction with set-based inserts and updates (`Tx.insert_many`,
`Tx.update_many`), each row with its outbox entry for the server. The search index is filled
once for the touched customers instead of by a trigger per row. One audit event records who
imported which file and the counts — no personal data. The revisit rules then run for the
customers created or updated, when the caller passes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select

from desktop.excel.import_existing import book_stamp, ids_in
from desktop.excel.import_plan import CustomerChange, ImportPlan, RowProblem, build_plan
from desktop.excel.import_source import ImportSource
from storage import search_schema
from storage.changes import Changes
from storage.database import set_search_triggers
from storage.errors import BranchDeskError
from storage.models import Card, Customer, CustomerTag, Tag
from storage.rules.revisit_rules import RevisitRules
from storage.services import derived
from storage.store import RowUpdate, Store, Tx

# What the search index holds of a customer (search_schema.insert_sql): only these need re-indexing.
INDEXED = frozenset({"name", "mobile", "id_number", "employer", "notes"})
CHUNK = 2_000  # customers written between two looks at `cancelled` and two progress calls


class ImportCancelled(BranchDeskError):
    """The user cancelled the import; the transaction was rolled back, nothing changed."""

    code = "import_cancelled"


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: customers created and updated, rows rejected (with their reasons)."""

    created: int
    updated: int
    rejected: int
    unchanged: int
    problems: tuple[RowProblem, ...]
    source_name: str
    sheet: str | None
    unmapped: tuple[str, ...]
    changes: Changes
    dry_run: bool = False


def plan_import(
    store: Store,
    source: ImportSource,
    mapping: Mapping[int, str],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Validate every row of `source` under `mapping` (column index → field) against the book.

    Reads only: this is the dry run and the preview. Raises BranchDeskError for a mapping that
    cannot work (a field mapped twice, no name / ID number / mobile column).
    """
    with store.read() as session:
        return build_plan(session, store.actor.id, source, mapping, progress)


def apply_import(
    store: Store,
    plan: ImportPlan,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    rules: RevisitRules | None = None,
) -> ImportResult:
    """Write the plan's valid rows in one transaction; ImportCancelled when `cancelled()` turns True.

    If the book changed since the plan was made (a sync, an edit), the rows are planned again
    inside the transaction, so what is written always matches the book it is written to.
    `progress(done, total)` counts customers written. `rules` (the manager's revisit rules, with
    their settings) are evaluated for the customers created or updated once the import is
    committed; the window leaves them out, as its RuleRunner evaluates the changes it publishes.
    """
    with store.write() as tx, _search_triggers_paused(tx):
        if book_stamp(tx.session, store.actor.id, plan.lookups) != plan.stamp:
            plan = build_plan(tx.session, store.actor.id, plan.source, plan.mapping)
        changes = _PlanWriter(tx, store.actor.id, progress, cancelled).write(plan)
        tx.audit(
            "import.customers",
            file=plan.source_name,
            sheet=plan.sheet,
            rows=len(plan.source),
            created=plan.created,
            updated=plan.updated,
            unchanged=plan.unchanged,
            rejected=plan.rejected,
        )
    if rules is not None and changes.customers:
        # After the commit, in a transaction of its own: should this fail, the import stays in
        # place (importing the file again finds nothing to change) and the daily run catches up.
        changes |= rules.evaluate(changes.customers)
    return ImportResult(
        created=plan.created,
        updated=plan.updated,
        rejected=plan.rejected,
        unchanged=plan.unchanged,
        problems=tuple(plan.problems),
        source_name=plan.source_name,
        sheet=plan.sheet,
        unmapped=tuple(plan.unmapped),
        changes=changes,
    )


@contextmanager
def _search_triggers_paused(tx: Tx):
    """The search-index triggers off on this transaction's connection (on again whatever happens).

    The writer indexes the touched customers once at the end instead: row-by-row triggers cost 5x
    (FINDINGS.md), and each tag link would re-index its customer again. The usual 64 MiB page cache
    is kept: 256 MiB saved ~1 s of 11 on 50,000 rows but added 200 MB to the peak memory.
    """
    info = tx.session.connection().connection.info
    set_search_triggers(info, False)
    try:
        yield
    finally:
        set_search_triggers(info, True)


class _PlanWriter:
    """Writes one plan inside an open transaction."""

    def __init__(self, tx: Tx, owner_id: str, progress, cancelled) -> None:
        self.tx, self.owner_id = tx, owner_id
        self.progress, self.cancelled = progress, cancelled
        self.tag_ids: dict[str, str] = {}
        self.cards: set[str] = set()
        self.done = 0

    def write(self, plan: ImportPlan) -> Changes:
        total = plan.created + plan.updated
        self._check_cancelled()
        self._tags(plan)
        first_seq = self._next_seq()
        created: list[str] = []
        for start in range(0, len(plan.creates), CHUNK):
            created += self._create(plan.creates[start : start + CHUNK])
            self._advance(min(CHUNK, len(plan.creates) - start), total)
        for start in range(0, len(plan.updates), CHUNK):
            self._update(plan.updates[start : start + CHUNK])
            self._advance(min(CHUNK, len(plan.updates) - start), total)
        self._reindex(
            first_seq, [c.existing.seq for c in plan.updates if c.tags or c.changed.keys() & INDEXED]
        )
        updated = [c.existing.id for c in plan.updates]
        return Changes(
            customers=frozenset(created + updated),
            cards=frozenset(self.cards),
            tags=frozenset(self.tag_ids.values()),
        )

    def _advance(self, count: int, total: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, total)
        self._check_cancelled()

    def _check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()  # inside the transaction: everything rolls back

    def _tags(self, plan: ImportPlan) -> None:
        """Create the plan's new tags (reviving removed ones) and learn every tag's id."""
        query = select(Tag).where(Tag.owner_manager_id == self.owner_id)
        existing = {tag.name: tag for tag in self.tx.session.scalars(query)}
        missing = [name for name in plan.new_tags if name not in existing]
        new_ids = self.tx.insert_many(Tag, [{"owner_manager_id": self.owner_id, "name": n} for n in missing])
        self.tag_ids = {name: tag.id for name, tag in existing.items()} | dict(
            zip(missing, new_ids, strict=True)
        )
        for name in plan.new_tags:
            if name in existing and existing[name].deleted:
                self.tx.update(existing[name], {"deleted": False})

    def _create(self, creates: list[CustomerChange]) -> list[str]:
        rows = []
        for change in creates:
            values = change.current
            rows.append(
                {**values, **derived.derived_customer_columns(values), "owner_manager_id": self.owner_id}
            )
        ids = self.tx.insert_many(Customer, rows)
        self._cards_and_tags(zip(ids, creates, strict=True), removed={})  # new: no old links
        return ids

    def _update(self, updates: list[CustomerChange]) -> None:
        rows = []
        for change in updates:
            values = change.changed
            if values:
                values = {**values, **derived.derived_customer_columns(values)}
                before = {k: change.existing.values.get(k) for k in values}
                rows.append(RowUpdate(change.existing.id, change.existing.version, values, before))
        self.tx.update_many(Customer, rows)
        pairs = [(c.existing.id, c) for c in updates]
        self._cards_and_tags(pairs, removed=self._removed_links(updates))

    def _removed_links(self, updates: list[CustomerChange]) -> dict[tuple[str, str], CustomerTag]:
        """The tag links once taken off these customers (revived, not made twice)."""
        if not any(c.tags for c in updates):
            return {}
        customers = ids_in(c.existing.id for c in updates if c.tags)
        query = select(CustomerTag).where(
            CustomerTag.customer_id.in_(customers), CustomerTag.deleted.is_(True)
        )
        return {(link.customer_id, link.tag_id): link for link in self.tx.session.scalars(query)}

    def _cards_and_tags(
        self, pairs: Iterable[tuple[str, CustomerChange]], removed: dict[tuple[str, str], CustomerTag]
    ) -> None:
        new_cards, card_updates, links = [], [], []
        for customer_id, change in pairs:
            for card in change.cards.values():
                if card.card_id is None:
                    new_cards.append(
                        {**card.values, "customer_id": customer_id, "owner_manager_id": self.owner_id}
                    )
                elif card.values:
                    card_updates.append(RowUpdate(card.card_id, card.version, card.values, card.base))
                    self.cards.add(card.card_id)
            links += [(customer_id, self.tag_ids[name]) for name in change.tags]
        self.cards.update(self.tx.insert_many(Card, new_cards))
        self.tx.update_many(Card, card_updates)
        self._link(links, removed)

    def _link(self, links: list[tuple[str, str]], removed: dict[tuple[str, str], CustomerTag]) -> None:
        """Put tags on customers, reviving a removed link rather than making a second one."""
        for key in links:
            if key in removed:
                self.tx.update(removed[key], {"deleted": False})
        rows = [
            {"customer_id": c, "tag_id": t, "owner_manager_id": self.owner_id}
            for c, t in links
            if (c, t) not in removed
        ]
        self.tx.insert_many(CustomerTag, rows)

    def _next_seq(self) -> int:
        self.tx.session.flush()
        return (
            self.tx.session.connection()
            .exec_driver_sql("SELECT coalesce(max(seq), 0) + 1 FROM customer")
            .scalar_one()
        )

    def _reindex(self, first_new_seq: int, updated_seqs: list[int]) -> None:
        """Index the new customers and re-index the updated ones (the triggers were paused)."""
        self.tx.session.flush()  # revived tags and links are ORM updates still pending
        connection = self.tx.session.connection()
        # The write lock is ours since BEGIN IMMEDIATE: the new customers are the seqs from first_new_seq.
        for sql in search_schema.insert_sql("c.seq >= ?"):
            connection.exec_driver_sql(sql, (first_new_seq,))
        if updated_seqs:
            seqs = "SELECT value FROM json_each(?)"
            for sql in search_schema.refill_sql(seqs):
                connection.exec_driver_sql(sql, (json.dumps(updated_seqs),))
