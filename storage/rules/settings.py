"""Which revisit rules run, and their tunables, with defaults from branch practice."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass
class RuleSettings:
    """Every rule can be switched off; times are local, intervals in days or months."""

    activation_call: bool = True
    activation_days: int = 3  # new card not activated → call within 3 days of opening
    care_call: bool = True
    care_days: int = 2  # card activated → care call within 2 days
    new_customer: bool = True
    new_customer_days: tuple[int, ...] = (7, 30)
    periodic: bool = True
    periodic_months: dict[str, int] = field(
        default_factory=lambda: {
            "private_banking": 1,
            "high_value": 1,
            "standard": 3,
            "young": 6,
            "basic": 6,
        }
    )
    birthday: bool = True
    holiday: bool = True
    greeting_hour: int = 9  # birthday and holiday greetings at 9:00 on the day
    look_ahead_days: int = 14  # greetings are created this far ahead, not a year of them at once
    complaint: bool = True
    complaint_hours: int = 24
    dormant_card: bool = True
    dormant_months: int = 6
    default_day_start: str = "09:00"  # when a rule reminder falls due unless the customer says otherwise

    def to_dict(self) -> dict:
        """A JSON-safe dict (for the settings file)."""
        data = asdict(self)
        data["new_customer_days"] = list(self.new_customer_days)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> RuleSettings:
        """Settings from a dict; unknown keys are ignored, missing ones take their defaults."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "new_customer_days" in values:
            values["new_customer_days"] = tuple(values["new_customer_days"])
        return cls(**values)
