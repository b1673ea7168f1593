"""Masking of personal data for display and export (PIPL: show only what the task needs)."""

from __future__ import annotations

import re


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


# A mobile or an ID number typed into free text (a call's summary), not part of a longer number.
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")


def mask_in_text(text: str | None) -> str | None:
    """Free text with every mobile and ID number in it masked (138****8000, 110101********1234)."""
    if not text:
        return text
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group()), text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_mobile(m.group()), text)
