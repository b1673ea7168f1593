"""What the stored codes are called on screen, through Qt's translation system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def tier_labels() -> dict[str, str]:
    """Tier code → label."""
    return {
        "private_banking": _t("Private banking"),
        "high_value": _t("High value"),
        "standard": _t("Standard"),
        "young": _t("Young"),
        "basic": _t("Basic"),
    }


def lifecycle_labels() -> dict[str, str]:
    """Lifecycle stage code → label."""
    return {
        "prospect": _t("Prospect"),
        "applied": _t("Applied"),
        "new": _t("New"),
        "active": _t("Active"),
        "dormant": _t("Dormant"),
        "churn_risk": _t("Churn risk"),
        "closed": _t("Closed"),
    }


def channel_labels() -> dict[str, str]:
    """Contact channel code → label."""
    return {
        "phone": _t("Phone"),
        "sms": _t("SMS"),
        "wechat": _t("WeChat"),
        "visit": _t("Visit"),
        "email": _t("E-mail"),
    }


def purpose_labels() -> dict[str, str]:
    """Call purpose code → label."""
    return {
        "activation_follow_up": _t("Activation follow-up"),
        "periodic_revisit": _t("Periodic revisit"),
        "product_offer": _t("Product offer"),
        "complaint_handling": _t("Complaint handling"),
        "repayment_reminder": _t("Repayment reminder"),
        "birthday_greeting": _t("Birthday greeting"),
        "holiday_greeting": _t("Holiday greeting"),
        "care": _t("Care"),
        "other": _t("Other"),
    }


def outcome_labels() -> dict[str, str]:
    """Call outcome code → label."""
    return {
        "reached": _t("Reached"),
        "no_answer": _t("No answer"),
        "call_back": _t("Call back"),
        "interested": _t("Interested"),
        "declined": _t("Declined"),
        "complaint_raised": _t("Complaint raised"),
    }


def direction_labels() -> dict[str, str]:
    """Call direction code → label."""
    return {"outbound": _t("Outbound"), "inbound": _t("Inbound")}


def reminder_kind_labels() -> dict[str, str]:
    """Reminder kind code → label."""
    return {
        "activation_call": _t("Activation call"),
        "care_call": _t("Care call"),
        "new_customer_revisit": _t("New customer revisit"),
        "periodic_revisit": _t("Periodic revisit"),
        "birthday": _t("Birthday"),
        "holiday": _t("Holiday greeting"),
        "complaint_follow_up": _t("Complaint follow-up"),
        "dormant_reactivation": _t("Dormant card reactivation"),
        "follow_up": _t("Follow-up"),
        "custom": _t("Reminder"),
    }


def reminder_status_labels() -> dict[str, str]:
    """Reminder status code → label."""
    return {"open": _t("Open"), "done": _t("Done"), "snoozed": _t("Snoozed"), "cancelled": _t("Cancelled")}


def gender_labels() -> dict[str, str]:
    """Gender code → label."""
    return {"male": _t("Male"), "female": _t("Female")}


def income_band_labels() -> dict[str, str]:
    """Income band code → label (monthly income, yuan)."""
    return {
        "under_5k": _t("Under 5,000"),
        "5k_10k": _t("5,000–10,000"),
        "10k_20k": _t("10,000–20,000"),
        "20k_50k": _t("20,000–50,000"),
        "over_50k": _t("Over 50,000"),
    }


def card_status_labels() -> dict[str, str]:
    """Card status code → label."""
    return {
        "pending_activation": _t("Not activated"),
        "active": _t("Active"),
        "dormant": _t("Dormant"),
        "frozen": _t("Frozen"),
        "closed": _t("Closed"),
    }


def risk_flag_labels() -> dict[str, str]:
    """Risk flag code → label."""
    return {
        "overdue_repayment": _t("Overdue repayment"),
        "unusual_card_use": _t("Unusual card use"),
        "dormant_card": _t("Dormant card"),
    }


def label_of(labels: dict[str, str], code: str | None) -> str:
    """The label for `code` ('' for None, the code itself when unknown)."""
    if not code:
        return ""
    return labels.get(code, code)
