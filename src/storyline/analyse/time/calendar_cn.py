"""Chinese calendar days: holidays (data/holidays.yaml) and lunar dates, as Gregorian days.

Lunar conversion uses `lunardate` (PyPI, pure Python, no dependencies, offline tables for lunar
years 1900-2099): it was chosen over `zhdate` (same range, pulls nothing extra but its API takes
only full dates and raises on every out-of-range call) and `cnlunar` (an almanac with far more than
we need) because it converts both ways, knows leap months, and installs from PyPI with pip alone.
Outside its range a lunar date resolves to nothing rather than to a guess. The 清明 solar term is
computed with the usual 21st-century formula (4 or 5 April) and Easter with the Gregorian computus,
instead of an astronomy library.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lunardate import LunarDate

from storyline.analyse.time.dates import month_length, safe_date


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date | None:
    """Gregorian day of lunar year/month/day (leap: the intercalary month), None if there is none."""
    try:
        return LunarDate(year, month, day, leap).to_solar_date()
    except (ValueError, IndexError, KeyError, TypeError):
        return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, month_length(year, month))
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def qingming(year: int) -> date:
    """清明: 4 or 5 April; [Y*0.2422 + 4.81] - [Y/4] with Y the year within its century (1900-2099)."""
    y = year % 100
    day = int(y * 0.2422 + (4.81 if year >= 2000 else 5.59)) - y // 4
    return date(year, 4, day)


def easter(year: int) -> date:
    """Western Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


class HolidayCalendar:
    """Holiday names -> their day in a given (Gregorian) year."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.rules: dict[str, dict[str, Any]] = spec["holidays"]
        self.lunar_months: dict[str, int] = spec["lunar_months"]
        self.eras: dict[str, int] = spec["eras"]
        self._lunar: dict[tuple[int, int, int, bool], date | None] = {}  # conversions are slow-ish: once each

    def lunar(self, year: int, month: int, day: int, leap: bool = False) -> date | None:
        key = (year, month, day, leap)
        if key not in self._lunar:
            if len(self._lunar) > 4096:
                self._lunar.clear()
            self._lunar[key] = lunar_to_solar(year, month, day, leap)
        return self._lunar[key]

    def day(self, name: str, year: int) -> date | None:
        """The holiday's day in Gregorian `year` (for lunar holidays: of the lunar year that starts in it)."""
        rule = self.rules.get(name)
        if rule is None:
            return None
        if "solar" in rule:
            return safe_date(year, *rule["solar"])
        if "lunar" in rule:
            return self.lunar(year, *rule["lunar"])
        if "lunar_eve" in rule:  # the day before lunar new year
            first = self.lunar(year, 1, 1)
            return first - timedelta(days=1) if first else None
        if "nth_weekday" in rule:
            return _nth_weekday(year, *rule["nth_weekday"])
        if "easter" in rule:
            return easter(year) + timedelta(days=rule["easter"])
        if rule.get("solar_term") == "qingming":
            return qingming(year)
        return None
