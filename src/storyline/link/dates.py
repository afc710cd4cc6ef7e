"""Date helpers shared by the linkers: ISO strings of mixed precision as stored in records."""

from __future__ import annotations

from datetime import date as Date, timedelta
from functools import lru_cache


def day_of(value: str | None) -> Date | None:
    """The calendar day of an ISO value with day precision ('2022-02-12', a timestamp), else None."""
    if value and len(value) >= 10:
        return _parsed_day(value[:10])  # timestamps of one day share the entry
    return None


@lru_cache(maxsize=1 << 16)  # a store holds a few thousand distinct dates; the writer's tail asks
def _parsed_day(value: str) -> Date | None:  # ~2.6 million times on the whole corpus (re-merge, disputes)
    try:
        return Date.fromisoformat(value)  # a date is immutable: one object can serve every caller
    except ValueError:
        return None


def day_range(value: str | None) -> tuple[int, int] | None:
    """The proleptic ordinals of the first and last day an ISO value of any precision covers
    ('2022-02-12', '2022-02', '2022'); None when there is no usable date."""
    day = day_of(value)
    if day is not None:
        return day.toordinal(), day.toordinal()
    try:
        if value and len(value) == 7:
            lo = Date(int(value[:4]), int(value[5:7]), 1)
            hi = Date(lo.year + (lo.month == 12), lo.month % 12 + 1, 1) - timedelta(days=1)
            return lo.toordinal(), hi.toordinal()
        if value and len(value) == 4:
            return Date(int(value), 1, 1).toordinal(), Date(int(value), 12, 31).toordinal()
    except ValueError:
        return None
    return None


def month_or_finer(value: str | None) -> tuple[int, int] | None:
    """`day_range` for dates at most a month wide; None for a bare year (a year-wide range would
    sit beside every event of that year)."""
    span = day_range(value)
    return span if span is not None and span[1] - span[0] <= 31 else None
