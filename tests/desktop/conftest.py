"""Fixtures for desktop tests. `notification_server` (dunst on a private bus) is in tests/conftest.py."""

from __future__ import annotations

import pytest

from desktop.notifier import Notifier
from tests.desktop.notification_server import NotificationServer


@pytest.fixture
def notifier(notification_server):
    """A Notifier talking to the test's notification server."""
    notifier = Notifier("BranchDesk")
    yield notifier
    notifier.close()


@pytest.fixture
def bus_without_notifications(tmp_path, monkeypatch):
    """A working private session bus on which nobody offers org.freedesktop.Notifications."""
    bus = NotificationServer(tmp_path, with_daemon=False).start()
    for name, value in bus.env.items():
        monkeypatch.setenv(name, value)
    yield bus
    bus.stop()
