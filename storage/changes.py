"""What a write changed, so each pane refreshes only what it shows (like Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Ids of the records a write created, changed or removed; `new_id` is the record it made."""

    customers: frozenset[str] = field(default_factory=frozenset)
    cards: frozenset[str] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)
    calls: frozenset[str] = field(default_factory=frozenset)
    reminders: frozenset[str] = field(default_factory=frozenset)
    new_id: str | None = None

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            customers=self.customers | other.customers,
            cards=self.cards | other.cards,
            tags=self.tags | other.tags,
            calls=self.calls | other.calls,
            reminders=self.reminders | other.reminders,
            new_id=self.new_id or other.new_id,
        )

    def __bool__(self) -> bool:
        return bool(self.customers or self.cards or self.tags or self.calls or self.reminders)
