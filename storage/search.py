"""Search-as-you-type over customers: one SQL condition per typed word, all of them ANDed.

What each kind of word matches (each path is an index lookup, measured in bench/store.py):
- Chinese, 3+ characters: the trigram FTS over name, mobile, ID tail, employer, tags, notes;
- Chinese, 2 characters: the bigram FTS (trigram cannot match 2 characters);
- Chinese, 1 character: names starting with it (the surname), via the index on name;
- latin letters: pinyin initials or full spelling starting with it (`zw`, `zhangw`), plus, from
  3 letters, the trigram FTS (employers, e-mail-like notes);
- digits: mobile numbers starting with them (1-2 digits), the last four digits of the mobile or
  the ID number (4 digits), and from 3 digits any fragment of the mobile or ID tail.
"""

from __future__ import annotations

import re
import unicodedata

MAX_WORDS = 5
_PREFIX_END = "\U0010ffff"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _prefix(column: str, word: str) -> tuple[str, list]:
    # A range instead of LIKE so SQLite can use the column's index, in a subquery so that an OR of
    # several prefixes still uses one index each instead of scanning the table.
    return (
        f"c.seq IN (SELECT seq FROM customer WHERE deleted = 0 AND {column} >= ? AND {column} < ?)",
        [word, word + _PREFIX_END],
    )


def _trigram(word: str, columns: str | None = None) -> tuple[str, list]:
    query = _fts_phrase(word) if columns is None else f"{{{columns}}} : {_fts_phrase(word)}"
    return "c.seq IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)", [query]


def _bigram(word: str) -> tuple[str, list]:
    return "c.seq IN (SELECT rowid FROM customer_bigram WHERE customer_bigram MATCH ?)", [_fts_phrase(word)]


def _any_of(*parts: tuple[str, list]) -> tuple[str, list]:
    sql = " OR ".join(p[0] for p in parts)
    return f"({sql})", [arg for p in parts for arg in p[1]]


def _digits(word: str) -> tuple[str, list]:
    if len(word) < 3:  # a third of the book can start "13": a plain range sorts faster than IN (...)
        return "(c.mobile >= ? AND c.mobile < ?)", [word, word + _PREFIX_END]
    parts = [_trigram(word, "mobile id_tail")]
    if len(word) == 4:
        parts += [("substr(c.mobile, 8, 4) = ?", [word]), ("substr(c.id_number, 15, 4) = ?", [word])]
    return _any_of(*parts)


def _latin(word: str) -> tuple[str, list]:
    parts = [_prefix("name_initials", word), _prefix("name_pinyin", word)]
    if len(word) >= 3:
        parts.append(_trigram(word))
    return _any_of(*parts)


def _chinese(word: str) -> tuple[str, list]:
    if len(word) >= 3:
        return _trigram(word)
    if len(word) == 2:
        return _bigram(word)
    return _prefix("name", word)


def normalise(text: str) -> str:
    """Full-width forms folded (ＺＷ → zw, １３８ → 138), lowercased, trimmed."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def word_condition(word: str) -> tuple[str, list]:
    """The SQL condition (on customer alias `c`) and its parameters for one typed word."""
    if word.isdigit() and word.isascii():
        return _digits(word)
    if word.isascii() and word.isalpha():
        return _latin(word)
    if _HAN.search(word):
        return _chinese(word)
    if len(word) >= 3:
        return _trigram(word)
    return _prefix("name", word)


def search_condition(text: str) -> tuple[str, list] | None:
    """The SQL condition for a whole query (None when there is nothing to search for)."""
    words = [w for w in re.split(r"[\s,，;；]+", normalise(text)) if w][:MAX_WORDS]
    if not words:
        return None
    parts = [word_condition(w) for w in words]
    return " AND ".join(p[0] for p in parts), [arg for p in parts for arg in p[1]]
