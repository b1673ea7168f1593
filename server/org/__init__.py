"""Branches: the bank's organisation as the server knows it."""
