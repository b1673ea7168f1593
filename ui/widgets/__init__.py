"""Reusable widgets and helpers shared by the panes and dialogs."""
