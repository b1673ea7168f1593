"""What the stored codes are called on screen and in exports, through Qt's translation system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tier_labels() -> dict[str, str]:
    """Tier code → label."""
    return {
        "private_banking": QCoreApplication.translate("Labels", "Private banking"),
        "high_value": QCoreApplication.translate("Labels", "High value"),
        "standard": QCoreApplication.translate("Labels", "Standard"),
        "young": QCoreApplication.translate("Labels", "Young"),
        "basic": QCoreApplication.translate("Labels", "Basic"),
    }


def lifecycle_labels() -> dict[str, str]:
    """Lifecycle stage code → label."""
    return {
        "prospect": QCoreApplication.translate("Labels", "Prospect"),
        "applied": QCoreApplication.translate("Labels", "Applied"),
        "new": QCoreApplication.translate("Labels", "New"),
        "active": QCoreApplication.translate("Labels", "Active"),
        "dormant": QCoreApplication.translate("Labels", "Dormant"),
        "churn_risk": QCoreApplication.translate("Labels", "Churn risk"),
        "closed": QCoreApplication.translate("Labels", "Closed"),
    }


def channel_labels() -> dict[str, str]:
    """Contact channel code → label."""
    return {
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "sms": QCoreApplication.translate("Labels", "SMS"),
        "wechat": QCoreApplication.translate("Labels", "WeChat"),
        "visit": QCoreApplication.translate("Labels", "Visit"),
        "email": QCoreApplication.translate("Labels", "E-mail"),
    }


def purpose_labels() -> dict[str, str]:
    """Call purpose code → label."""
    return {
        "activation_follow_up": QCoreApplication.translate("Labels", "Activation follow-up"),
        "periodic_revisit": QCoreApplication.translate("Labels", "Periodic revisit"),
        "product_offer": QCoreApplication.translate("Labels", "Product offer"),
        "complaint_handling": QCoreApplication.translate("Labels", "Complaint handling"),
        "repayment_reminder": QCoreApplication.translate("Labels", "Repayment reminder"),
        "birthday_greeting": QCoreApplication.translate("Labels", "Birthday greeting"),
        "holiday_greeting": QCoreApplication.translate("Labels", "Holiday greeting"),
        "care": QCoreApplication.translate("Labels", "Care"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }


def outcome_labels() -> dict[str, str]:
    """Call outcome code → label."""
    return {
        "reached": QCoreApplication.translate("Labels", "Reached"),
        "no_answer": QCoreApplication.translate("Labels", "No answer"),
        "call_back": QCoreApplication.translate("Labels", "Call back"),
        "interested": QCoreApplication.translate("Labels", "Interested"),
        "declined": QCoreApplication.translate("Labels", "Declined"),
        "complaint_raised": QCoreApplication.translate("Labels", "Complaint raised"),
    }


def direction_labels() -> dict[str, str]:
    """Call direction code → label."""
    return {
        "outbound": QCoreApplication.translate("Labels", "Outbound"),
        "inbound": QCoreApplication.translate("Labels", "Inbound"),
    }


def reminder_kind_labels() -> dict[str, str]:
    """Reminder kind code → label."""
    return {
        "activation_call": QCoreApplication.translate("Labels", "Activation call"),
        "care_call": QCoreApplication.translate("Labels", "Care call"),
        "new_customer_revisit": QCoreApplication.translate("Labels", "New customer revisit"),
        "periodic_revisit": QCoreApplication.translate("Labels", "Periodic revisit"),
        "birthday": QCoreApplication.translate("Labels", "Birthday"),
        "holiday": QCoreApplication.translate("Labels", "Holiday greeting"),
        "complaint_follow_up": QCoreApplication.translate("Labels", "Complaint follow-up"),
        "dormant_reactivation": QCoreApplication.translate("Labels", "Dormant card reactivation"),
        "follow_up": QCoreApplication.translate("Labels", "Follow-up"),
        "custom": QCoreApplication.translate("Labels", "Reminder"),
    }


def reminder_status_labels() -> dict[str, str]:
    """Reminder status code → label."""
    return {
        "open": QCoreApplication.translate("Labels", "Open"),
        "done": QCoreApplication.translate("Labels", "Done"),
        "snoozed": QCoreApplication.translate("Labels", "Snoozed"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }


def gender_labels() -> dict[str, str]:
    """Gender code → label."""
    return {
        "male": QCoreApplication.translate("Labels", "Male"),
        "female": QCoreApplication.translate("Labels", "Female"),
    }


def income_band_labels() -> dict[str, str]:
    """Income band code → label (monthly income, yuan)."""
    return {
        "under_5k": QCoreApplication.translate("Labels", "Under 5,000"),
        "5k_10k": QCoreApplication.translate("Labels", "5,000–10,000"),
        "10k_20k": QCoreApplication.translate("Labels", "10,000–20,000"),
        "20k_50k": QCoreApplication.translate("Labels", "20,000–50,000"),
        "over_50k": QCoreApplication.translate("Labels", "Over 50,000"),
    }


def card_status_labels() -> dict[str, str]:
    """Card status code → label."""
    return {
        "pending_activation": QCoreApplication.translate("Labels", "Not activated"),
        "active": QCoreApplication.translate("Labels", "Active"),
        "dormant": QCoreApplication.translate("Labels", "Dormant"),
        "frozen": QCoreApplication.translate("Labels", "Frozen"),
        "closed": QCoreApplication.translate("Labels", "Closed"),
    }


def risk_flag_labels() -> dict[str, str]:
    """Risk flag code → label."""
    return {
        "overdue_repayment": QCoreApplication.translate("Labels", "Overdue repayment"),
        "unusual_card_use": QCoreApplication.translate("Labels", "Unusual card use"),
        "dormant_card": QCoreApplication.translate("Labels", "Dormant card"),
    }


def label_of(labels: dict[str, str], code: str | None) -> str:
    """The label for `code` ('' for None, the code itself when unknown)."""
    if not code:
        return ""
    return labels.get(code, code)
