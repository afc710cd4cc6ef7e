"""Which merged events an entity takes part in, by date: the story linker's neighbour look-up.

A story's breadth-first search asks, for every event it reaches, "which events share an actor
with this one and lie within WINDOW_DAYS of it". Asking the store each time costs one query
per event visited, and the answer grows with the store; here each entity's events are read from
the store once (lazily, on first use) and kept by the first day their date covers, day-precise
dates and month-precise ones apart, so a look-up walks only the days of the window
(widened by a month for the coarse ones). Events with no date are not indexed by entity: they
relate only to events reported in the same article, which `StoryLinker` reads by article.

The index may hold a stale entry (an event whose actors or date changed since it was read):
callers re-check every candidate against the event's current record, so a stale entry costs a
comparison, never a wrong link. Entries are dropped exactly when the story linker learns that an
event changed (`drop`) and re-added from its new record (`put`).
"""

from __future__ import annotations

from storyline.link.dates import month_or_finer
from storyline.store import Store

COARSE_SPAN = 31  # the longest range a coarse date covers (a month; bare years count as undated)
Entry = tuple[str, bool, int]  # entity, coarse?, first day


class ActorDayIndex:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._by: dict[str, tuple[dict[int, set[str]], dict[int, set[str]]]] = {}  # entity -> (exact, coarse)
        self._entries: dict[str, set[Entry]] = {}  # event id -> its entries

    def _add(self, entity: str, date: str | None, event_id: str) -> None:
        span = month_or_finer(date)
        if span is None:
            return
        coarse = span[0] != span[1]
        self._by[entity][coarse].setdefault(span[0], set()).add(event_id)
        self._entries.setdefault(event_id, set()).add((entity, coarse, span[0]))

    def _load(self, entity: str) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
        maps = self._by.get(entity)
        if maps is None:
            maps = self._by[entity] = ({}, {})
            for r in self.store.rows(
                    "SELECT a.event_id, e.date FROM event_actors a JOIN events e ON e.id = a.event_id "
                    "WHERE a.entity_id = ?", (entity,)):
                self._add(entity, r["date"], r["event_id"])
        return maps

    def drop(self, event_id: str) -> None:
        for entity, coarse, day in self._entries.pop(event_id, ()):
            days = self._by[entity][coarse]
            bucket = days.get(day)
            if bucket is not None:
                bucket.discard(event_id)
                if not bucket:
                    del days[day]

    def put(self, event_id: str, date: str | None, entities: set[str]) -> None:
        """An event's current actors and date; only entities already read need the entry (the
        others will read it from the store)."""
        for entity in entities:
            if entity in self._by:
                self._add(entity, date, event_id)

    def events(self, entity: str, date: str | None, window: int) -> set[str]:
        """Events of `entity` whose dates may lie within `window` days of `date` (a superset:
        coarse dates are matched by their first day, a month wide); none when `date` is None."""
        span = month_or_finer(date)
        if span is None:
            return set()
        exact, coarse = self._load(entity)
        out: set[str] = set()
        for days, lo in ((exact, span[0] - window), (coarse, span[0] - window - COARSE_SPAN)):
            hi = span[1] + window
            if len(days) <= hi - lo + 1:
                for k, ids in days.items():
                    if lo <= k <= hi:
                        out |= ids
            else:
                for k in range(lo, hi + 1):
                    ids = days.get(k)
                    if ids:
                        out |= ids
        return out
