"""Date helpers shared by the linkers: ISO strings of mixed precision as stored in records."""

from __future__ import annotations

from datetime import date as Date, timedelta


def day_of(value: str | None) -> Date | None:
    """The calendar day of an ISO value with day precision ('2022-02-12', a timestamp), else None."""
    if value and len(value) >= 10:
        try:
            return Date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


Span = tuple[Date, Date]  # inclusive calendar-day range


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping, non-adjacent spans covering the same days."""
    out: list[Span] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def subtract_spans(wanted: list[Span], have: list[Span]) -> list[Span]:
    """The days of `wanted` not in `have` (both merged), as merged spans."""
    out: list[Span] = []
    for lo, hi in wanted:
        for a, b in have:
            if b < lo or a > hi:
                continue
            if a > lo:
                out.append((lo, a - timedelta(days=1)))
            lo = max(lo, b + timedelta(days=1))
            if lo > hi:
                break
        if lo <= hi:
            out.append((lo, hi))
    return out


def intersect_spans(a: list[Span], b: list[Span]) -> list[Span]:
    """The days in both (merged spans)."""
    return subtract_spans(a, subtract_spans(a, b))


def in_spans(day: Date, spans: list[Span]) -> bool:
    return any(lo <= day <= hi for lo, hi in spans)

