"""Masking of personal data for display and export (PIPL: show only what the task needs)."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """110101199001011234 → 110101********1234 (region code and last four kept)."""
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(value: str | None) -> str:
    """13800138000 → 138****8000."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
