"""How a sync conflict reads in the Conflicts view: what happened, which field, the two values
(ID numbers and mobiles masked, codes as their labels) and when and where each edit was made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop import labels
from storage.masking import mask_id_number, mask_in_text, mask_mobile
from storage.messages import MESSAGES, label, render
from storage.sync.conflicts import ConflictView
from ui.formatting import local_datetime_text

# Bookkeeping a refused or lost record carries that means nothing to the manager.
HIDDEN_FIELDS = {"id", "customer_id", "owner_manager_id", "manager_id", "tag_id", "created_at", "updated_at"}
HIDDEN_FIELDS |= {"completed_by_call_id", "source", "version", "deleted"}

CODE_LABELS: dict[str, Callable[[], dict[str, str]]] = {
    "tier": labels.tier_labels,
    "lifecycle_stage": labels.lifecycle_labels,
    "preferred_channel": labels.channel_labels,
    "channel": labels.channel_labels,
    "purpose": labels.purpose_labels,
    "outcome": labels.outcome_labels,
    "direction": labels.direction_labels,
    "gender": labels.gender_labels,
    "income_band": labels.income_band_labels,
}
TABLE_CODE_LABELS: dict[tuple[str, str], Callable[[], dict[str, str]]] = {
    ("reminder", "kind"): labels.reminder_kind_labels,
    ("reminder", "status"): labels.reminder_status_labels,
    ("card", "status"): labels.card_status_labels,
}


def kind_text(conflict: ConflictView) -> str:
    """What happened to the edit, in words."""
    if conflict.kind == "conflict":
        return QCoreApplication.translate("ConflictWording", "Changed on both sides: the other edit was kept")
    if conflict.kind == "deleted":
        return QCoreApplication.translate("ConflictWording", "Deleted on another device")
    if conflict.kind == "reassigned":
        return QCoreApplication.translate("ConflictWording", "The customer was reassigned to another manager")
    if conflict.kind == "re-added":
        return QCoreApplication.translate("ConflictWording", "Added again on another device")
    if conflict.kind == "rejected":
        return QCoreApplication.translate("ConflictWording", "Refused by the server: %1").replace(
            "%1", reason_text(conflict.reason)
        )
    return conflict.kind


def reason_text(reason: dict | None) -> str:
    """Why the server refused a change, in the manager's language when the code is known."""
    if not reason:
        return ""
    code = str(reason.get("code", ""))
    params = {k: v for k, v in reason.items() if k not in ("code", "message")}
    if code in MESSAGES:
        try:
            return render(code, params)
        except (KeyError, IndexError, ValueError):
            pass  # parameters the message does not expect: the server's own words below
    return str(reason.get("message") or code)


def field_text(conflict: ConflictView) -> str:
    """The field's label, or the record's when the whole record is concerned."""
    if conflict.field:
        return label(conflict.field)
    whole = QCoreApplication.translate("ConflictWording", "%1 (whole record)")
    return whole.replace("%1", label(conflict.table))


def value_text(table: str, name: str | None, value: object) -> str:
    """A value as the manager may see it here: masked, labelled, in local time."""
    if isinstance(value, dict):
        shown = [
            f"{label(key)}: {value_text(table, key, item)}"
            for key, item in value.items()
            if key not in HIDDEN_FIELDS and item not in (None, "")
        ]
        return "; ".join(shown)
    if value is None or value == "":
        return QCoreApplication.translate("ConflictWording", "(empty)")
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("ConflictWording", "Yes")
            if value
            else QCoreApplication.translate("ConflictWording", "No")
        )
    if name == "id_number":
        return mask_id_number(str(value))
    if name == "mobile":
        return mask_mobile(str(value))
    codes = TABLE_CODE_LABELS.get((table, name or "")) or CODE_LABELS.get(name or "")
    if codes is not None:
        return labels.label_of(codes(), str(value))
    if name == "risk_flags":
        flags = labels.risk_flag_labels()
        return ", ".join(labels.label_of(flags, f) for f in str(value).split(",") if f)
    if isinstance(value, str) and _looks_like_time(value):
        return local_datetime_text(datetime.fromisoformat(value.replace("Z", "+00:00")))
    return mask_in_text(str(value)) or ""


def side_text(at: datetime | None, device: str | None, this_device: str) -> str:
    """'2026-11-20 14:05 · this laptop' — when an edit was made, and where."""
    if device is None:
        where = ""
    elif device == this_device:
        where = QCoreApplication.translate("ConflictWording", "this laptop")
    else:
        where = QCoreApplication.translate("ConflictWording", "another device")
    when = local_datetime_text(at) if at is not None else ""
    return " · ".join(part for part in (when, where) if part)


def _looks_like_time(value: str) -> bool:
    return len(value) > 10 and value[4:5] == "-" and value[10:11] == "T"
