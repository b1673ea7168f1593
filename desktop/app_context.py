"""Everything the window needs from one open profile, built once and handed to the panes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.change_bus import ChangeBus
from desktop.notifier import Notifier
from desktop.settings import Settings
from desktop.sync_runner import SyncRunner
from storage.services.calls import CallService
from storage.services.cards import CardService
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService
from storage.services.tags import TagService
from storage.store import Store

SETTINGS_FILE = "settings.ini"


@dataclass
class AppContext:
    """The open profile, its services, the change bus, the settings and the sync runner (which
    outlives a window rebuilt for another language: one runner, one sync client per profile)."""

    store: Store
    folder: Path
    is_demo: bool = False
    notifier: Notifier | None = None  # the desktop's notification service (None: in-window only)
    bus: ChangeBus = field(default_factory=ChangeBus)
    settings: Settings = field(init=False)
    customers: CustomerService = field(init=False)
    cards: CardService = field(init=False)
    tags: TagService = field(init=False)
    calls: CallService = field(init=False)
    reminders: ReminderService = field(init=False)
    sync_runner: SyncRunner = field(init=False)

    def __post_init__(self) -> None:
        self.settings = Settings(self.folder / SETTINGS_FILE)
        self.customers = CustomerService(self.store)
        self.cards = CardService(self.store)
        self.tags = TagService(self.store)
        self.calls = CallService(self.store)
        self.reminders = ReminderService(self.store)
        self.sync_runner = SyncRunner(self.store, self.bus)
