"""The sync wire format of a row's values: JSON-safe, and the same on device and server."""

from __future__ import annotations

from datetime import date, datetime

from storage.timeutil import as_utc


def encode_value(value: object) -> object:
    """A column value as JSON: datetimes as ISO 8601 UTC with 'Z', dates as ISO dates."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat(timespec="microseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def encode_fields(values: dict[str, object]) -> dict[str, object]:
    """Every value of a field dict in wire form."""
    return {name: encode_value(value) for name, value in values.items()}
