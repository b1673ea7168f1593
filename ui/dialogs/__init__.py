"""Dialogs of the BranchDesk window."""
