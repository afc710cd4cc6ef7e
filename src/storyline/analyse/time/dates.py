"""Calendar helpers for the time resolver (ISO formatting, month arithmetic, DST rules)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """TIMEX3 value at the precision given; an unknown year is XXXX."""
    out = "XXXX" if year is None else f"{year:04d}"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def parse_iso_date(text: str | None) -> tuple[date | None, str | None]:
    """(a date to compute with, the ISO string at its own precision) from a dateline.

    Only the date part of a timestamp is used: a GMT timestamp such as 2022-02-09T10:58:56+00:00
    carries the local publication date in its date part.
    """
    if not text:
        return None, None
    part = text[:10]
    bits = part.split("-")
    try:
        if len(bits) >= 3:
            d = date(int(bits[0]), int(bits[1]), int(bits[2][:2]))
            return d, d.isoformat()
        if len(bits) == 2:
            y, m = int(bits[0]), int(bits[1])
            return date(y, m, month_length(y, m)), f"{y:04d}-{m:02d}"
        y = int(bits[0][:4])
        return date(y, 12, 31), f"{y:04d}"
    except ValueError:
        return None, None


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    first_sunday = first + timedelta(days=(7 - first.isoweekday()) % 7)
    return first_sunday + timedelta(days=7 * (n - 1))


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, month_length(year, month))
    return last - timedelta(days=last.isoweekday() % 7)


def in_dst(rule: str | None, day: date) -> bool:
    """US: second Sunday of March to first Sunday of November; EU: last Sundays of March/October."""
    if rule == "us":
        return _nth_sunday(day.year, 3, 2) <= day < _nth_sunday(day.year, 11, 1)
    if rule == "eu":
        return _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return False


def shift_offset(offset: str, hours: int) -> str:
    sign = 1 if offset[0] == "+" else -1
    minutes = sign * (int(offset[1:3]) * 60 + int(offset[4:6])) + hours * 60
    out_sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{out_sign}{minutes // 60:02d}:{minutes % 60:02d}"
