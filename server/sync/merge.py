"""Field-by-field merge of an incoming edit with the row the server holds (pure functions).

An incoming change carries, for each field it changed, the new value and the value it started
from (its base). Per field:
- the server still holds the base → the edit applies (nobody else changed it);
- the server holds something else, i.e. both sides changed it (a clash):
  - identity fields (name, ID number, mobile) keep the server's value; the incoming one is
    returned as a conflict for the manager to review;
  - other fields: the later edit wins by hybrid logical clock stamp (the stamp of the server's
    value is the stamp of the edit that set it); the losing value is returned as a conflict.
Stamps are compared as text: they sort by time (storage.hlc).
"""

from __future__ import annotations

from dataclasses import dataclass, field

APPLIED, MERGED, CONFLICT = "applied", "merged", "conflict"


@dataclass(frozen=True)
class FieldConflict:
    field: str
    kept: object  # what the server holds now
    lost: object  # the value that did not win
    lost_side: str  # "incoming" (the pusher's edit lost) or "server" (another device's lost)
    # The HLC stamps of the edits that set the kept and the lost value ("" for values older than
    # stamps): when, and on which device, each was made — what the manager reviewing it wants.
    kept_stamp: str = ""
    lost_stamp: str = ""


@dataclass
class MergeResult:
    values: dict[str, object]  # the changed fields to store
    stamps: dict[str, str]  # their new stamps
    conflicts: list[FieldConflict] = field(default_factory=list)


def merge_fields(
    *,
    current: dict[str, object],
    stamps: dict[str, str],
    incoming: dict[str, object],
    base: dict[str, object],
    stamp: str,
    identity: frozenset[str],
) -> MergeResult:
    """What of `incoming` (changed fields, with their `base` values) to write over `current`."""
    result = MergeResult({}, {})
    for name, value in incoming.items():
        held = current.get(name)
        if held == value:
            continue  # both sides made the same edit
        if name not in base or base[name] == held:
            result.values[name], result.stamps[name] = value, stamp
            continue
        held_stamp = stamps.get(name, "")
        if name in identity:
            result.conflicts.append(FieldConflict(name, held, value, "incoming", held_stamp, stamp))
        elif stamp > held_stamp:
            result.values[name], result.stamps[name] = value, stamp
            result.conflicts.append(FieldConflict(name, value, held, "server", stamp, held_stamp))
        else:
            result.conflicts.append(FieldConflict(name, held, value, "incoming", held_stamp, stamp))
    return result
