"""An index from (feature, day) to keys, read one feature at a time over a window of days.

The dispute graph asks "which claims share this bigram / term and are dated within N days of
this one" tens of thousands of times per batch. A flat dict keyed by (feature, day) costs one
lookup per day of the window even when the feature was seen on one day only; here each feature
keeps its own small {day: keys} map, and a window is read by walking whichever is shorter: the
days the feature was seen on, or the days of the window. Same answers, far fewer lookups.
Days are proleptic ordinals (ints), or None for undated keys (never returned by a window).
"""

from __future__ import annotations

from datetime import date as Date
from typing import Hashable, Iterable, Iterator


def ordinal(day: Date | None) -> int | None:
    return day.toordinal() if day is not None else None


class DayIndex:
    def __init__(self) -> None:
        self._by: dict[Hashable, dict[int | None, list[str]]] = {}

    def add(self, features: Iterable[Hashable], day: int | None, key: str) -> None:
        by = self._by
        for f in features:
            days = by.get(f)
            if days is None:
                by[f] = {day: [key]}
            else:
                days.setdefault(day, []).append(key)

    def remove(self, features: Iterable[Hashable], day: int | None, key: str) -> None:
        for f in features:
            days = self._by.get(f)
            bucket = days.get(day) if days else None
            if bucket and key in bucket:
                bucket.remove(key)
                if not bucket:
                    del days[day]
                    if not days:
                        del self._by[f]

    def window(self, feature: Hashable, day: int, lo: int, hi: int) -> Iterator[list[str]]:
        """The key lists of `feature` dated day+lo .. day+hi (inclusive)."""
        days = self._by.get(feature)
        if not days:
            return
        if len(days) <= hi - lo + 1:
            first, last = day + lo, day + hi
            for d, keys in days.items():
                if d is not None and first <= d <= last:
                    yield keys
        else:
            for d in range(day + lo, day + hi + 1):
                keys = days.get(d)
                if keys:
                    yield keys
