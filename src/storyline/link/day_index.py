"""An index from (feature, day) to keys, read over a window of days.

The dispute graph asks "which claims share this bigram / term and are dated within N days of
this one" tens of thousands of times per batch. A flat dict keyed by (feature, day) costs one
lookup per day of the window even when the feature was seen on one day only; here each feature
keeps its own small {day: keys} map (a plain list while it has few entries, see DayIndex), and a window is read by walking whichever is shorter: the
days the feature was seen on, or the days of the window. Same answers, far fewer lookups.
Days are proleptic ordinals (ints), or None for undated keys (never returned by a window).
"""

from __future__ import annotations

from datetime import date as Date
from typing import Hashable, Iterable


def ordinal(day: Date | None) -> int | None:
    return day.toordinal() if day is not None else None


SMALL = 8  # entries a feature keeps as a plain (day, key) list before it gets a {day: keys} map


class DayIndex:
    """Most features (a claim's rare bigrams) are seen once or twice: one seen once keeps its
    (day, key) pair itself (the pair is shared by all of that claim's features), one seen a few
    times a short list of pairs, a fifth of the memory of a one-entry map; a feature seen more
    than SMALL times gets its {day: keys} map, so a common one is still read day by day."""

    def __init__(self) -> None:
        self._by: dict[Hashable, tuple | list[tuple[int | None, str]] | dict[int | None, list[str]]] = {}

    def add(self, features: Iterable[Hashable], day: int | None, key: str) -> None:
        by = self._by
        pair = (day, key)  # one tuple shared by every feature's entry (a claim has ~50 bigrams)
        for f in features:
            entry = by.get(f)
            if entry is None:
                by[f] = pair
            elif type(entry) is tuple:
                by[f] = [entry, pair]
            elif type(entry) is list:
                entry.append(pair)
                if len(entry) > SMALL:
                    days: dict[int | None, list[str]] = {}
                    for d, k in entry:
                        days.setdefault(d, []).append(k)
                    by[f] = days
            else:
                entry.setdefault(day, []).append(key)

    def remove(self, features: Iterable[Hashable], day: int | None, key: str) -> None:
        by = self._by
        pair = (day, key)
        for f in features:
            entry = by.get(f)
            if entry is None:
                continue
            if type(entry) is tuple:
                if entry == pair:
                    del by[f]
                continue
            if type(entry) is list:
                if pair in entry:
                    entry.remove(pair)
                    if len(entry) == 1:
                        by[f] = entry[0]
                continue
            bucket = entry.get(day)
            if bucket and key in bucket:
                bucket.remove(key)
                if not bucket:
                    del entry[day]
                    if not entry:
                        del by[f]

    def collect(self, features: Iterable[Hashable], day: int, lo: int, hi: int, into: set[str]) -> None:
        """Add to `into` the keys of every one of `features` dated day+lo .. day+hi (inclusive),
        in one loop: the dispute sweep probes ~40 bigrams per streamed claim, most of them
        absent here, and a generator per feature cost more than the look-ups."""
        by = self._by
        first, last = day + lo, day + hi
        span = hi - lo + 1
        for f in features:
            entry = by.get(f)
            if not entry:
                continue
            if type(entry) is tuple:
                d = entry[0]
                if d is not None and first <= d <= last:
                    into.add(entry[1])
            elif type(entry) is list:
                into.update([k for d, k in entry if d is not None and first <= d <= last])
            elif len(entry) <= span:
                for d, keys in entry.items():
                    if d is not None and first <= d <= last:
                        into.update(keys)
            else:
                for d in range(first, last + 1):
                    keys = entry.get(d)
                    if keys:
                        into.update(keys)
