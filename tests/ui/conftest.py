"""Fixtures shared by the pane tests."""

from __future__ import annotations

import pytest

from desktop.change_bus import ChangeBus
from storage.services.customers import CustomerService


@pytest.fixture
def bus():
    """A change bus of the test's own."""
    return ChangeBus()


@pytest.fixture
def customers(store):
    """The customer service on the test's profile."""
    return CustomerService(store)
