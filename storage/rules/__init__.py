"""Revisit rules: reminders the book creates by itself (Qt-free)."""
