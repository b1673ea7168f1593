"""Typed, versioned settings of the app, kept in an INI file in the profile folder.

Each option is declared once with its type and default (Picard's config.py habit). Nothing
personal goes here: layouts, times, the language, and at most a customer's opaque id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from desktop.notice_planner import NoticeSettings
from storage.rules.settings import RuleSettings

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Option:
    """One setting: its key, type and default."""

    key: str
    kind: type
    default: Any


IDLE_LOCK_MINUTES = Option("security/idle_lock_minutes", int, 10)
LANGUAGE = Option("ui/language", str, "")  # "" = follow the system locale
WINDOW_GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option("window/state", QByteArray, QByteArray())
CUSTOMER_LIST_HEADER = Option("customer_list/header", QByteArray, QByteArray())
LAST_CUSTOMER = Option("selection/last_customer_id", str, "")
NOTIFY_ENABLED = Option("notifications/enabled", bool, True)
NOTIFY_HIDE_NAMES = Option("notifications/hide_names", bool, False)
DIGEST_ENABLED = Option("notifications/digest_enabled", bool, True)
DIGEST_TIME = Option("notifications/digest_time", str, "08:30")
MINIMIZE_TO_TRAY = Option("window/minimize_to_tray", bool, True)
START_AT_LOGIN = Option("startup/at_login", bool, False)
RULES = Option("rules/settings", str, "")  # RuleSettings as JSON; "" = the defaults


class Settings:
    """Read and write declared options; upgrades older files on open."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qs = QSettings()  # tests: an in-memory-like default store
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._upgrade()

    def get(self, option: Option) -> Any:
        """The stored value, converted to the option's type, or its default."""
        value = self._qs.value(option.key, option.default)
        if option.kind is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value or b"")
        if option.kind is bool:  # an INI file gives back "true" / "false" as text
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        try:
            return option.kind(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option, value: Any) -> None:
        """Store a value (converted to the option's type)."""
        self._qs.setValue(option.key, value if option.kind is QByteArray else option.kind(value))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._qs.sync()

    def _upgrade(self) -> None:
        found = int(self._qs.value("meta/version", 0) or 0)
        # Version 1 is the first; later versions migrate renamed keys here.
        if found < SETTINGS_VERSION:
            self._qs.setValue("meta/version", SETTINGS_VERSION)


def rule_settings(settings: Settings) -> RuleSettings:
    """The revisit rules' settings (defaults where the file has none or a damaged value)."""
    try:
        return RuleSettings.from_dict(json.loads(settings.get(RULES) or "{}"))
    except (ValueError, TypeError):
        return RuleSettings()


def set_rule_settings(settings: Settings, rules: RuleSettings) -> None:
    """Store the revisit rules' settings."""
    settings.set(RULES, json.dumps(rules.to_dict(), ensure_ascii=False))


def notice_settings(settings: Settings) -> NoticeSettings:
    """How reminders are announced, from the settings."""
    digest_time = settings.get(DIGEST_TIME)
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", digest_time):
        digest_time = DIGEST_TIME.default  # a hand-edited file must not stop the scheduler
    return NoticeSettings(
        enabled=settings.get(NOTIFY_ENABLED),
        digest_enabled=settings.get(DIGEST_ENABLED),
        digest_time=digest_time,
    )
