"""Icons from resources/icons (SVG, so they stay sharp at any scale)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAMES = (
    "app", "overdue", "today", "upcoming", "done", "risk", "lock", "search", "add", "delete", "save",
    "revert", "reveal", "call", "reminder", "snooze", "reschedule", "cancel", "tag", "customer",
    "settings", "online", "offline", "about", "filter", "birthday", "card", "sync",
)


@cache
def icon(name: str) -> QIcon:
    """The icon called `name` (one of NAMES)."""
    if name not in NAMES:
        raise KeyError(name)
    return QIcon(str(ICONS / f"{name}.svg"))
