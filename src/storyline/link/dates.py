"""Date helpers shared by the linkers: ISO strings of mixed precision as stored in records."""

from __future__ import annotations

from datetime import date as Date


def day_of(value: str | None) -> Date | None:
    """The calendar day of an ISO value with day precision ('2022-02-12', a timestamp), else None."""
    if value and len(value) >= 10:
        try:
            return Date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
