"""Fixtures shared by the pane tests."""

from __future__ import annotations

import pytest

from desktop.change_bus import ChangeBus
from storage.services.customers import CustomerService

# A real sync server and logged-in laptops for the sync tests (test_sync_runner, test_conflicts_dialog).
from tests.ui.sync_server import laptops, new_manager, slow_proxy, sync_database, sync_server  # noqa: F401


@pytest.fixture
def bus():
    """A change bus of the test's own."""
    return ChangeBus()


@pytest.fixture
def customers(store):
    """The customer service on the test's profile."""
    return CustomerService(store)
