"""The search index's tables and the triggers that keep it in step with customers and tags.

Two FTS5 tables, both keyed by `customer.seq`:
- `customer_fts` (trigram tokenizer): any fragment of 3+ characters of name, mobile, the last six
  characters of the ID number, employer, tags and notes;
- `customer_bigram` (one token per pair of adjacent characters, made by the SQL function
  `bd_bigrams`): the 2-character queries that trigram cannot answer — most Chinese names are 2-3
  characters long.
Triggers call `bd_fts_enabled()`; the bulk loader turns it off on its own connection and fills
the index once per batch with `refill_sql`, which is 5x faster than row-by-row triggers.
"""

from __future__ import annotations

TAGS_OF = (
    "(SELECT group_concat(t.name, ' ') FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
    "WHERE ct.customer_id = c.id AND ct.deleted = 0)"
)

CREATE_TABLES = (
    "CREATE VIRTUAL TABLE customer_fts USING fts5("
    "name, mobile, id_tail, employer, tags, notes, tokenize='trigram')",
    "CREATE VIRTUAL TABLE customer_bigram USING fts5(grams, tokenize='unicode61')",
)


def delete_sql(seq_expr: str) -> list[str]:
    """Statements removing the index rows of the customers whose seq is `seq_expr` (SQL)."""
    return [
        f"DELETE FROM customer_fts WHERE rowid IN ({seq_expr})",
        f"DELETE FROM customer_bigram WHERE rowid IN ({seq_expr})",
    ]


def insert_sql(where: str) -> list[str]:
    """Statements indexing the live customers `c` that match the SQL condition `where`."""
    return [
        "INSERT INTO customer_fts(rowid, name, mobile, id_tail, employer, tags, notes) "
        f"SELECT c.seq, c.name, c.mobile, substr(c.id_number, -6), c.employer, {TAGS_OF}, c.notes "
        f"FROM customer c WHERE c.deleted = 0 AND ({where})",
        "INSERT INTO customer_bigram(rowid, grams) "
        f"SELECT c.seq, bd_bigrams(c.name || ' ' || coalesce(c.employer, '') || ' ' || "
        f"coalesce({TAGS_OF}, '')) FROM customer c WHERE c.deleted = 0 AND ({where})",
    ]


def refill_sql(seq_expr: str) -> list[str]:
    """Statements re-indexing the customers whose seq is `seq_expr`."""
    return delete_sql(seq_expr) + insert_sql(f"c.seq IN ({seq_expr})")


def _trigger(name: str, event: str, body: list[str]) -> str:
    statements = "".join(f"  {s};\n" for s in body)
    return f"CREATE TRIGGER {name} {event} WHEN bd_fts_enabled() BEGIN\n{statements}END"


def create_statements() -> list[str]:
    """Everything the search index needs, in order (used by the first migration)."""
    by_tag_customer = "SELECT seq FROM customer WHERE id = {row}.customer_id"
    customers_with_tag = (
        "SELECT c2.seq FROM customer c2 JOIN customer_tag ct2 ON ct2.customer_id = c2.id "
        "WHERE ct2.tag_id = NEW.id"
    )
    return [
        *CREATE_TABLES,
        _trigger("customer_search_ai", "AFTER INSERT ON customer", insert_sql("c.seq = NEW.seq")),
        _trigger(
            "customer_search_au",
            "AFTER UPDATE OF name, mobile, id_number, employer, notes, deleted ON customer",
            refill_sql("NEW.seq"),
        ),
        _trigger("customer_search_ad", "AFTER DELETE ON customer", delete_sql("OLD.seq")),
        _trigger(
            "customer_tag_search_ai",
            "AFTER INSERT ON customer_tag",
            refill_sql(by_tag_customer.format(row="NEW")),
        ),
        _trigger(
            "customer_tag_search_au",
            "AFTER UPDATE OF deleted, tag_id ON customer_tag",
            refill_sql(by_tag_customer.format(row="NEW")),
        ),
        _trigger(
            "customer_tag_search_ad",
            "AFTER DELETE ON customer_tag",
            refill_sql(by_tag_customer.format(row="OLD")),
        ),
        _trigger("tag_search_au", "AFTER UPDATE OF name ON tag", refill_sql(customers_with_tag)),
    ]


DROP_STATEMENTS = [
    "DROP TRIGGER IF EXISTS customer_search_ai",
    "DROP TRIGGER IF EXISTS customer_search_au",
    "DROP TRIGGER IF EXISTS customer_search_ad",
    "DROP TRIGGER IF EXISTS customer_tag_search_ai",
    "DROP TRIGGER IF EXISTS customer_tag_search_au",
    "DROP TRIGGER IF EXISTS customer_tag_search_ad",
    "DROP TRIGGER IF EXISTS tag_search_au",
    "DROP TABLE IF EXISTS customer_fts",
    "DROP TABLE IF EXISTS customer_bigram",
]

# The audit trail is append-only: only the server-assigned version may change.
AUDIT_GUARDS = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF id, occurred_at, actor_id, actor_name, "
    "action, record_table, record_id, detail, deleted ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
]
AUDIT_GUARD_DROPS = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]


def bigrams(value: str | None) -> str:
    """Every pair of adjacent characters within each word of `value`, space-separated, lowercased.

    Single-character words are kept as they are so a one-character name still has a token.
    """
    if not value:
        return ""
    grams: list[str] = []
    for word in value.lower().split():
        if len(word) == 1:
            grams.append(word)
        grams.extend(word[i : i + 2] for i in range(len(word) - 1))
    return " ".join(grams)
