"""Record cleaners: what the services call to validate a dict of changes to one record.

Each runs a table of field checkers (``validation.py``) over the changes, fills defaults when
creating, and applies the rules that span several fields (the ID's birth date against the birth
date field, contact hours in order, activation after opening, a next step after the call).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from storage.enums import (
    CardStatus,
    Channel,
    ConflictKind,
    ConflictResolution,
    Direction,
    Gender,
    IncomeBand,
    Lifecycle,
    Outcome,
    Purpose,
    ReminderKind,
    ReminderStatus,
    Tier,
)
from storage.errors import ValidationError
from storage.timeutil import local_today, utc_now
from storage.validation import (
    EARLIEST_BIRTH,
    birth_date_from_id,
    check_birth_matches_id,
    check_bool,
    check_choice,
    check_date,
    check_datetime,
    check_email,
    check_id_number,
    check_int,
    check_last4,
    check_mobile,
    check_recurrence,
    check_risk_flags,
    check_text,
    check_time_of_day,
    gender_from_id,
)


@dataclass(frozen=True)
class Rule:
    """How one field of a record is checked; `required` fields may not be missing or empty."""

    check: Callable[[object, str], object]
    required: bool = False


def _text(max_len: int, *, required: bool = False, multiline: bool = False) -> Rule:
    return Rule(lambda v, f: check_text(v, f, max_len=max_len, multiline=multiline), required)


def _choice(enum_cls: type[Enum], *, required: bool = False) -> Rule:
    return Rule(lambda v, f: check_choice(v, enum_cls, f), required)


def _int(low: int, high: int) -> Rule:
    return Rule(lambda v, f: check_int(v, f, min_value=low, max_value=high))


def _date(**bounds: Callable[[], date]) -> Rule:
    return Rule(lambda v, f: check_date(v, f, **{k: get() for k, get in bounds.items()}))


_DATETIME, _BOOL, _TIME = Rule(check_datetime), Rule(check_bool), Rule(check_time_of_day)


def _clean(
    fields: Mapping[str, object],
    current: Mapping[str, object] | None,
    rules: Mapping[str, Rule],
    defaults: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """Check `fields` against `rules`; when creating (no `current`), fill `defaults` (values, or
    callables of the cleaned dict) and insist on the required fields."""
    for key in fields:
        if key not in rules:
            raise ValidationError(key, "unknown_field")
    cleaned = {key: rule.check(fields[key], key) for key, rule in rules.items() if key in fields}
    if current is None:
        for key, default in (defaults or {}).items():
            cleaned.setdefault(key, default(cleaned) if callable(default) else default)
    for key, rule in rules.items():
        if rule.required and (key in cleaned or current is None) and cleaned.get(key) is None:
            raise ValidationError(key, "required")
    return cleaned


def _merged(key: str, cleaned: Mapping[str, object], current: Mapping[str, object] | None) -> object:
    """The value `key` will have once the changes are applied."""
    return cleaned[key] if key in cleaned else (current or {}).get(key)


CUSTOMER_RULES: dict[str, Rule] = {
    "name": _text(50, required=True),
    "gender": _choice(Gender),
    "birth_date": _date(min_value=lambda: EARLIEST_BIRTH, max_value=local_today),
    "id_number": Rule(check_id_number),
    "mobile": Rule(check_mobile),
    "email": Rule(check_email),
    "wechat_id": _text(40),
    "address": _text(200),
    "occupation": _text(50),
    "employer": _text(100),
    "income_band": _choice(IncomeBand),
    "tier": _choice(Tier, required=True),
    "lifecycle_stage": _choice(Lifecycle, required=True),
    "preferred_channel": _choice(Channel),
    "do_not_contact": _BOOL,
    "contact_hours_start": _TIME,
    "contact_hours_end": _TIME,
    "max_contacts_per_week": _int(0, 50),
    "marketing_consent": _BOOL,
    "marketing_consent_at": _DATETIME,
    "risk_flags": Rule(check_risk_flags),
    "notes": _text(4000, multiline=True),
}
CUSTOMER_DEFAULTS = {
    "tier": Tier.STANDARD.value,
    "lifecycle_stage": Lifecycle.PROSPECT.value,
    "do_not_contact": False,
    "marketing_consent": False,
    "risk_flags": "",
}


def clean_customer(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """Validated customer values; birth date and gender are filled from a new ID number when unset."""
    cleaned = _clean(fields, current, CUSTOMER_RULES, CUSTOMER_DEFAULTS)
    number = cleaned.get("id_number")
    if number and _merged("birth_date", cleaned, current) is None:
        cleaned["birth_date"] = birth_date_from_id(number)
    if number and _merged("gender", cleaned, current) is None:
        cleaned["gender"] = gender_from_id(number).value
    if {"id_number", "birth_date"} & cleaned.keys():
        check_birth_matches_id(*(_merged(k, cleaned, current) for k in ("birth_date", "id_number")))
    if {"contact_hours_start", "contact_hours_end"} & cleaned.keys():
        start, end = (_merged(k, cleaned, current) for k in ("contact_hours_start", "contact_hours_end"))
        if start and end and not start < end:
            raise ValidationError("contact_hours_end", "contact_hours_order")
    return cleaned


CARD_RULES: dict[str, Rule] = {
    "product": _text(50, required=True),
    "last4": Rule(check_last4, required=True),
    "credit_limit": _int(0, 10_000_000),
    "open_date": _date(),
    "activation_date": _date(),
    "last_used_on": _date(),
    "status": _choice(CardStatus, required=True),
}
CARD_DEFAULTS = {
    "status": lambda c: (
        (CardStatus.ACTIVE if c.get("activation_date") else CardStatus.PENDING_ACTIVATION).value
    )
}


def clean_card(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """Validated card values; a card cannot be activated before it was opened."""
    cleaned = _clean(fields, current, CARD_RULES, CARD_DEFAULTS)
    if {"open_date", "activation_date"} & cleaned.keys():
        opened = check_date(_merged("open_date", cleaned, current), "open_date")
        activated = check_date(_merged("activation_date", cleaned, current), "activation_date")
        if opened and activated and activated < opened:
            raise ValidationError("activation_date", "activation_before_open", open_date=opened.isoformat())
    return cleaned


def _call_time(value: object, field: str) -> datetime | None:
    when = check_datetime(value, field)
    if when is not None and when > utc_now() + timedelta(days=1):
        raise ValidationError(field, "in_future")
    return when


CALL_RULES: dict[str, Rule] = {
    "occurred_at": Rule(_call_time, required=True),
    "channel": _choice(Channel, required=True),
    "direction": _choice(Direction, required=True),
    "purpose": _choice(Purpose, required=True),
    "outcome": _choice(Outcome, required=True),
    "satisfaction": _int(1, 5),
    "duration_seconds": _int(0, 86_400),
    "summary": _text(2000, multiline=True),
    "next_step": _text(500),
    "next_step_at": _DATETIME,
}


def clean_call(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """Validated call-log values; a next step must come after the call."""
    cleaned = _clean(fields, current, CALL_RULES, {"direction": Direction.OUTBOUND.value})
    if {"occurred_at", "next_step_at"} & cleaned.keys():
        occurred = check_datetime(_merged("occurred_at", cleaned, current), "occurred_at")
        following = check_datetime(_merged("next_step_at", cleaned, current), "next_step_at")
        if occurred and following and following <= occurred:
            raise ValidationError("next_step_at", "next_step_before_call")
    return cleaned


REMINDER_RULES: dict[str, Rule] = {
    "kind": _choice(ReminderKind, required=True),
    "due_at": Rule(check_datetime, required=True),
    "recurrence": Rule(check_recurrence),
    "notes": _text(1000, multiline=True),
}


def clean_reminder(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """Validated reminder values."""
    return _clean(fields, current, REMINDER_RULES)


# What sync carries beyond what a manager types: a reminder's state, tags and their links, and
# audit events. The server validates pushed rows with these, as the app does its own writes.
REMINDER_STATE_RULES: dict[str, Rule] = {
    "status": _choice(ReminderStatus, required=True),
    "snoozed_until": _DATETIME,
    "completed_at": _DATETIME,
    "completed_by_call_id": _text(32),
    "source": _text(40),
}


def clean_synced_reminder(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """A reminder as sync carries it: what the manager set, and its state (open, done …)."""
    own = {k: v for k, v in fields.items() if k not in REMINDER_STATE_RULES}
    state = {k: v for k, v in fields.items() if k in REMINDER_STATE_RULES}
    defaults = {"status": ReminderStatus.OPEN.value, "source": "manual"}
    return {**clean_reminder(own, current), **_clean(state, current, REMINDER_STATE_RULES, defaults)}


TAG_RULES: dict[str, Rule] = {"name": _text(20, required=True)}
CUSTOMER_TAG_RULES: dict[str, Rule] = {"tag_id": _text(32, required=True)}
AUDIT_RULES: dict[str, Rule] = {
    "occurred_at": Rule(check_datetime, required=True),
    "actor_id": _text(32),
    "actor_name": _text(50),
    "action": _text(40, required=True),
    "record_table": _text(30),
    "record_id": _text(32),
    "detail": _text(4000, multiline=True),
}


CONFLICT_RULES: dict[str, Rule] = {
    "change_id": _text(36, required=True),
    "kind": _choice(ConflictKind, required=True),
    "table_name": _text(30, required=True),
    "row_id": _text(32, required=True),
    "customer_ref": _text(32),
    "field": _text(50),
    "kept": _text(8000, multiline=True),
    "lost": _text(8000, multiline=True),
    "kept_at": _DATETIME,
    "kept_device": _text(64),
    "lost_at": _DATETIME,
    "lost_device": _text(64),
    "reason": _text(2000, multiline=True),
    "resolved_at": _DATETIME,
    "resolution": _choice(ConflictResolution),
}


def clean_sync_conflict(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """A conflict a device noted from the server's answer (synced among the manager's devices)."""
    return _clean(fields, current, CONFLICT_RULES)


def clean_tag(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """A tag: its name (1-20 characters)."""
    return _clean(fields, current, TAG_RULES)


def clean_customer_tag(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """A tag put on a customer: which tag."""
    return _clean(fields, current, CUSTOMER_TAG_RULES)


def clean_audit_event(fields: Mapping[str, object], current: Mapping[str, object] | None = None) -> dict:
    """An audit event as a device recorded it."""
    return _clean(fields, current, AUDIT_RULES)
