"""Chinese public holidays a manager sends greetings for.

Lunar-calendar holidays move every year, so their dates are listed (from the State Council's
published calendars and the lunar calendar); extend the table each year.
"""

from __future__ import annotations

from datetime import date

FIXED = {"new_year": (1, 1), "national_day": (10, 1)}
LUNAR = {
    "spring_festival": {
        2025: date(2025, 1, 29),
        2026: date(2026, 2, 17),
        2027: date(2027, 2, 6),
        2028: date(2028, 1, 26),
        2029: date(2029, 2, 13),
        2030: date(2030, 2, 3),
    },
    "dragon_boat": {
        2025: date(2025, 5, 31),
        2026: date(2026, 6, 19),
        2027: date(2027, 6, 9),
        2028: date(2028, 5, 28),
        2029: date(2029, 6, 16),
        2030: date(2030, 6, 5),
    },
    "mid_autumn": {
        2025: date(2025, 10, 6),
        2026: date(2026, 9, 25),
        2027: date(2027, 9, 15),
        2028: date(2028, 10, 3),
        2029: date(2029, 9, 22),
        2030: date(2030, 9, 12),
    },
}


def holidays_between(start: date, end: date) -> list[tuple[str, date]]:
    """(holiday code, date) of every listed holiday from `start` to `end` inclusive, by date."""
    found = []
    for year in range(start.year, end.year + 1):
        days = {name: date(year, m, d) for name, (m, d) in FIXED.items()}
        days.update({name: by_year[year] for name, by_year in LUNAR.items() if year in by_year})
        found += [(name, day) for name, day in days.items() if start <= day <= end]
    return sorted(found, key=lambda item: item[1])
