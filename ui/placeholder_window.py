"""A placeholder main window until the four panes land: shows the open profile's book."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from storage.services.customer_query import CustomerFilter, count_customers
from storage.services.reminders import ReminderService
from storage.store import Store


class PlaceholderWindow(QMainWindow):
    """Title, the manager's name and the size of their book."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("BranchDesk — relationship manager's desk"))
        with store.read() as session:
            customers = count_customers(session, CustomerFilter())
        overdue = len(ReminderService(store).overdue())
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(self.tr("Manager: %1").replace("%1", store.actor.name)))
        layout.addWidget(QLabel(self.tr("%n customer(s)", "", customers)))
        layout.addWidget(QLabel(self.tr("%n overdue reminder(s)", "", overdue)))
        self.setCentralWidget(body)
        self.resize(640, 400)
