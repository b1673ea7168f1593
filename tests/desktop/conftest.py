"""Fixtures for desktop tests: a notifier on the real notification server (tests/conftest.py)."""

from __future__ import annotations

import pytest

from desktop.notifier import Notifier


@pytest.fixture
def notifier(notification_server):
    notifier = Notifier("BranchDesk")
    yield notifier
    notifier.close()
