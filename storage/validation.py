"""Validation in one place: every value a user or a sync peer supplies is checked and normalised here.

Field checkers (``check_*``) take a raw value and return the cleaned value, or raise
:class:`ValidationError` naming the field and a message code from ``messages.py``. The record
cleaners built on them live in ``record_validation.py``. Pure Python, no Qt.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import TypeVar

from dateutil.rrule import rrulestr

from storage.enums import (
    Gender,
    RiskFlag,
)
from storage.errors import ValidationError
from storage.timeutil import local_today

# GB/T 2260 province-level codes: the first two digits of a resident ID number.
ID_REGIONS = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    }
)
_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_ID_RE = re.compile(r"\d{17}[\dX]")
_MOBILE_RE = re.compile(r"1[3-9]\d{9}")
_EMAIL_RE = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_DATE_RE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})|(\d{4})(\d{2})(\d{2})")
_DATETIME_RE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_INT_RE = re.compile(r"[+-]?\d+")
_TRUE, _FALSE = frozenset({"1", "true", "yes", "y", "on"}), frozenset({"0", "false", "no", "n", "off", ""})
EARLIEST_BIRTH = date(1900, 1, 1)
T = TypeVar("T")

# RRULE parts: FREQ values we accept (revisits are daily at the finest) and numeric BY* ranges.
RRULE_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_RRULE_KEYS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYHOUR",
        "BYMINUTE",
        "WKST",
        "BYSETPOS",
    }
)
_RRULE_RANGES = {
    "INTERVAL": (1, 999),
    "COUNT": (1, 9999),
    "BYMONTH": (1, 12),
    "BYMONTHDAY": (-31, 31),
    "BYHOUR": (0, 23),
    "BYMINUTE": (0, 59),
    "BYSETPOS": (-366, 366),
}


def _s(value: object) -> str:
    """`value` as text with full-width digits/letters/punctuation folded to ASCII, stripped."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _optional(check: Callable[..., T]) -> Callable[..., T | None]:
    """`check`, except that None or blank text is returned as None unchecked."""

    @functools.wraps(check)
    def checked(value: object, *args: object, **kwargs: object) -> T | None:
        return None if _empty(value) else check(value, *args, **kwargs)

    return checked


def id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check digit ('0'-'9' or 'X') for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isdigit() or not first17.isascii():
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


@_optional
def check_id_number(value: object, field: str = "id_number") -> str | None:
    """An 18-character resident ID number, checked for region, birth date and check digit."""
    number = re.sub(r"\s+", "", _s(value)).upper()
    if not _ID_RE.fullmatch(number):
        raise ValidationError(field, "id_format")
    if int(number[:2]) not in ID_REGIONS:
        raise ValidationError(field, "id_region")
    try:
        born = birth_date_from_id(number)
    except ValueError:
        raise ValidationError(field, "id_birth_date") from None
    if born.year < EARLIEST_BIRTH.year or born > local_today():
        raise ValidationError(field, "id_birth_date")
    if id_check_digit(number[:17]) != number[17]:
        raise ValidationError(field, "id_checksum")
    return number


def birth_date_from_id(id_number: str) -> date:
    """The birth date written in an 18-digit ID number (ValueError if it is impossible)."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def gender_from_id(id_number: str) -> Gender:
    """The gender an ID number records: an odd 17th digit is male."""
    return Gender.MALE if int(id_number[16]) % 2 else Gender.FEMALE


def check_birth_matches_id(birth_date: object, id_number: object) -> None:
    """Refuse a birth date that differs from the one in the ID number (field: birth_date)."""
    born, number = check_date(birth_date, "birth_date"), check_id_number(id_number)
    if born is None or number is None:
        return
    id_date = birth_date_from_id(number)
    if id_date != born:
        raise ValidationError(
            "birth_date", "id_birth_mismatch", id_date=id_date.isoformat(), birth_date=born.isoformat()
        )


@_optional
def check_mobile(value: object, field: str = "mobile") -> str | None:
    """A mainland mobile number as 11 digits; spaces, hyphens and a +86/86/0086 prefix are dropped."""
    number = re.sub(r"[\s\-()]", "", _s(value))
    number = re.sub(r"^(\+86|0086)", "", number)
    if len(number) == 13 and number.startswith("86"):
        number = number[2:]
    if not (number.isascii() and _MOBILE_RE.fullmatch(number)):
        raise ValidationError(field, "mobile_format")
    return number


@_optional
def check_email(value: object, field: str = "email") -> str | None:
    """An e-mail address with its domain lowercased (at most 254 characters)."""
    address = _s(value)
    if len(address) > 254:
        raise ValidationError(field, "too_long", max=254)
    if not (address.isascii() and _EMAIL_RE.fullmatch(address)) or len(address.split("@")[0]) > 64:
        raise ValidationError(field, "email_format")
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def check_text(
    value: object, field: str, *, max_len: int, required: bool = False, multiline: bool = False
) -> str | None:
    """Free text: stripped, control characters removed, at most `max_len` characters."""
    text = "" if value is None else unicodedata.normalize("NFC", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        " " if c in "\n\t" and not multiline else c
        for c in text
        if c in "\n\t" or unicodedata.category(c) != "Cc"
    ).strip()
    if not text:
        if required:
            raise ValidationError(field, "required")
        return None
    if len(text) > max_len:
        raise ValidationError(field, "too_long", max=max_len)
    return text


@_optional
def check_date(
    value: object, field: str, *, min_value: date | None = None, max_value: date | None = None
) -> date | None:
    """A calendar date from a date or 'YYYY-MM-DD' / 'YYYY/MM/DD' / 'YYYYMMDD' text."""
    if isinstance(value, datetime) or not isinstance(value, date | str):
        raise ValidationError(field, "date_format")
    if isinstance(value, str):
        match = _DATE_RE.fullmatch(_s(value))
        if not match:
            raise ValidationError(field, "date_format")
        y, _, m, d, y2, m2, d2 = match.groups()
        try:
            value = date(int(y or y2), int(m or m2), int(d or d2))
        except ValueError:
            raise ValidationError(field, "date_format") from None
    if (min_value and value < min_value) or (max_value and value > max_value):
        raise ValidationError(
            field,
            "date_range",
            min=min_value.isoformat() if min_value else "…",
            max=max_value.isoformat() if max_value else "…",
        )
    return value


@_optional
def check_datetime(value: object, field: str) -> datetime | None:
    """An aware UTC datetime; naive datetimes and texts without an offset are local time."""
    if isinstance(value, str):
        value = _parse_datetime(_s(value), field)
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if not isinstance(value, datetime):
        raise ValidationError(field, "datetime_format")
    try:
        return value.astimezone(UTC)  # a naive value is taken as local time
    except (OverflowError, ValueError, OSError):
        raise ValidationError(field, "datetime_format") from None


def _parse_datetime(text: str, field: str) -> datetime:
    try:
        match = _DATETIME_RE.fullmatch(text)
        if match:
            y, _, mo, d, h, mi, s = match.groups()
            return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, "datetime_format") from None


@_optional
def check_time_of_day(value: object, field: str) -> str | None:
    """A time of day as 'HH:MM', from 'H:MM' / 'HH:MM' text or a time."""
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    match = _TIME_RE.fullmatch(_s(value)) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError(field, "time_format")
    return f"{int(match[1]):02d}:{match[2]}"


def check_choice(value: object, enum_cls: type[Enum], field: str, *, required: bool = False) -> str | None:
    """One of `enum_cls`'s values (a member or its text); returns the value text."""
    if _empty(value):
        if required:
            raise ValidationError(field, "required")
        return None
    values = [m.value for m in enum_cls]
    text = value.value if isinstance(value, enum_cls) else _s(value).lower() if isinstance(value, str) else ""
    if text not in values:
        raise ValidationError(field, "choice", choices=", ".join(values))
    return text


def check_int(
    value: object, field: str, *, min_value: int, max_value: int, required: bool = False
) -> int | None:
    """A whole number in [min_value, max_value], from an int or digit text."""
    if _empty(value):
        if required:
            raise ValidationError(field, "required")
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _INT_RE.fullmatch(text := _s(value).replace(",", "")):
        number = int(text)
    if number is None or not min_value <= number <= max_value:
        raise ValidationError(field, "number_range", min=min_value, max=max_value)
    return number


def check_bool(value: object, field: str) -> bool:
    """A yes/no value from a bool, 0/1 or text such as 'true'/'false' (None is False)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = _s(value).lower() if isinstance(value, str) else None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValidationError(field, "choice", choices="true, false")


@_optional
def check_last4(value: object, field: str = "last4") -> str | None:
    """The last four digits of a card number."""
    text = _s(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if len(text) != 4 or not (text.isascii() and text.isdigit()):
        raise ValidationError(field, "card_last4")
    return text


def check_risk_flags(value: object, field: str = "risk_flags") -> str:
    """Risk flags from a collection or comma-separated text, as sorted comma-separated text."""
    if _empty(value):
        return ""
    items = re.split(r"[,;\s]+", _s(value)) if isinstance(value, str) else value
    if not isinstance(items, list | set | tuple | frozenset):
        raise ValidationError(field, "choice", choices=", ".join(f.value for f in RiskFlag))
    flags = {check_choice(item, RiskFlag, field) for item in items}
    return ",".join(sorted(f for f in flags if f))


@_optional
def check_recurrence(value: object, field: str = "recurrence") -> str | None:
    """An RFC 5545 RRULE body such as 'FREQ=MONTHLY;INTERVAL=1' (an 'RRULE:' prefix is dropped)."""
    rule = re.sub(r"\s+", "", _s(value)).upper().removeprefix("RRULE:").strip(";")
    if len(rule) > 200:
        raise ValidationError(field, "too_long", max=200)
    parts = dict(p.partition("=")[::2] for p in rule.split(";"))
    ok = (
        len(parts) == rule.count(";") + 1
        and all(parts.values())
        and set(parts) <= _RRULE_KEYS
        and parts.get("FREQ") in RRULE_FREQS
        and not {"COUNT", "UNTIL"} <= set(parts)
        and all(_rrule_numbers_ok(parts[k], *_RRULE_RANGES[k]) for k in parts if k in _RRULE_RANGES)
    )
    if ok:
        try:
            rrulestr(rule, dtstart=datetime(2000, 1, 1, tzinfo=UTC))
        except (ValueError, TypeError):
            ok = False
    if not ok:
        raise ValidationError(field, "recurrence_format")
    return rule


def _rrule_numbers_ok(text: str, low: int, high: int) -> bool:
    return all(_INT_RE.fullmatch(i) and int(i) != 0 and low <= int(i) <= high for i in text.split(","))
