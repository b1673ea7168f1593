"""The one way the UI turns dates, times and scores into text: the user's locale (`QLocale()`, which
the app sets to the UI language), local time for stored UTC values, and no markup from customer text."""

from __future__ import annotations

import html
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale

from storage.timeutil import as_utc


def local_datetime_text(value: datetime | None, locale: QLocale | None = None) -> str:
    """A stored (UTC) datetime as the locale's short local date and time ('' for None)."""
    if value is None:
        return ""
    shown = QDateTime.fromSecsSinceEpoch(int(as_utc(value).timestamp()))
    return (locale or QLocale()).toString(shown, QLocale.FormatType.ShortFormat)


def local_date_text(value: date | datetime | None, locale: QLocale | None = None) -> str:
    """A date, or the local day of a stored (UTC) datetime, in the locale's short format ('' for None)."""
    if value is None:
        return ""
    day = as_utc(value).astimezone().date() if isinstance(value, datetime) else value
    return (locale or QLocale()).toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def date_display_format() -> str:
    """The locale's short date format, always with a four-digit year (for date editors)."""
    return _four_digit_year(QLocale().dateFormat(QLocale.FormatType.ShortFormat))


def date_time_display_format() -> str:
    """The locale's short date-and-time format, always with a four-digit year (for date-time editors)."""
    return _four_digit_year(QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat))


def _four_digit_year(fmt: str) -> str:
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def satisfaction_text(score: int | None) -> str:
    """A 1–5 satisfaction score as five stars and the number, e.g. 4 → "★★★★☆ 4" ('' for None)."""
    if score is None:
        return ""
    filled = max(0, min(5, score))
    return "★" * filled + "☆" * (5 - filled) + f" {score}"


def text_tooltip(text: str | None) -> str:
    """Customer text as a wrapping tooltip, escaped so it never renders as markup ('' for blank text)."""
    if not text or not text.strip():
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
