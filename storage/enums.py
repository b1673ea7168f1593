"""The closed vocabularies of the domain. Values are stored as these short English codes."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Tier(StrEnum):
    PRIVATE_BANKING = "private_banking"
    HIGH_VALUE = "high_value"
    STANDARD = "standard"
    YOUNG = "young"
    BASIC = "basic"


class Lifecycle(StrEnum):
    PROSPECT = "prospect"
    APPLIED = "applied"
    NEW = "new"
    ACTIVE = "active"
    DORMANT = "dormant"
    CHURN_RISK = "churn_risk"
    CLOSED = "closed"


class IncomeBand(StrEnum):
    UNDER_5K = "under_5k"
    FROM_5K_TO_10K = "5k_10k"
    FROM_10K_TO_20K = "10k_20k"
    FROM_20K_TO_50K = "20k_50k"
    OVER_50K = "over_50k"


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    VISIT = "visit"
    EMAIL = "email"


class RiskFlag(StrEnum):
    OVERDUE_REPAYMENT = "overdue_repayment"
    UNUSUAL_CARD_USE = "unusual_card_use"
    DORMANT_CARD = "dormant_card"


class CardStatus(StrEnum):
    PENDING_ACTIVATION = "pending_activation"
    ACTIVE = "active"
    DORMANT = "dormant"
    FROZEN = "frozen"
    CLOSED = "closed"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Purpose(StrEnum):
    ACTIVATION_FOLLOW_UP = "activation_follow_up"
    PERIODIC_REVISIT = "periodic_revisit"
    PRODUCT_OFFER = "product_offer"
    COMPLAINT_HANDLING = "complaint_handling"
    REPAYMENT_REMINDER = "repayment_reminder"
    BIRTHDAY_GREETING = "birthday_greeting"
    HOLIDAY_GREETING = "holiday_greeting"
    CARE = "care"
    OTHER = "other"


class Outcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    CALL_BACK = "call_back"
    INTERESTED = "interested"
    DECLINED = "declined"
    COMPLAINT_RAISED = "complaint_raised"


class ReminderKind(StrEnum):
    ACTIVATION_CALL = "activation_call"
    CARE_CALL = "care_call"
    NEW_CUSTOMER_REVISIT = "new_customer_revisit"
    PERIODIC_REVISIT = "periodic_revisit"
    BIRTHDAY = "birthday"
    HOLIDAY = "holiday"
    COMPLAINT_FOLLOW_UP = "complaint_follow_up"
    DORMANT_REACTIVATION = "dormant_reactivation"
    FOLLOW_UP = "follow_up"
    CUSTOM = "custom"


class ReminderStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"


class Role(StrEnum):
    MANAGER = "manager"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


# Reminders still to act on: "open" and "snoozed" both count.
ACTIVE_REMINDER_STATUSES = (ReminderStatus.OPEN.value, ReminderStatus.SNOOZED.value)


class ConflictKind(StrEnum):
    """Why an edit did not land as made (storage.models.SyncConflict)."""

    CONFLICT = "conflict"  # another edit of the same field won
    DELETED = "deleted"  # the row was deleted on another device
    REASSIGNED = "reassigned"  # the customer went to another manager
    RE_ADDED = "re-added"  # a tag link removed here was added again elsewhere
    REJECTED = "rejected"  # the server refused the change


class ConflictResolution(StrEnum):
    """What the manager decided about a conflict."""

    USED_MINE = "used_mine"  # the lost value was entered again, as a new edit
    KEPT = "kept"  # the value that stands is right
