"""Which merged events an entity takes part in, by day: the story linker's neighbour look-up.

A story's breadth-first search asks, for every event it reaches, "which events share an actor
with this one and lie within WINDOW_DAYS of it". Asking the store each time costs one query
per event visited, and the answer grows with the store; here each entity's events are read from
the store once (lazily, on first use) and kept as {day: event ids}, so a look-up walks only the
days of the window. Events without a day-precise date sit under None and are always returned.

The index may hold a stale entry (an event whose actors or date changed since it was read):
callers re-check every candidate against the event's current record, so a stale entry costs a
comparison, never a wrong link. Entries are dropped exactly when the story linker learns that an
event changed (`drop`) and re-added from its new record (`put`).
"""

from __future__ import annotations

from storyline.link.dates import day_of
from storyline.store import Store


class ActorDayIndex:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._by: dict[str, dict[int | None, set[str]]] = {}  # entity id -> day ordinal -> event ids
        self._entries: dict[str, set[tuple[str, int | None]]] = {}  # event id -> its (entity, day) entries

    def _add(self, entity: str, day: int | None, event_id: str) -> None:
        self._by[entity].setdefault(day, set()).add(event_id)
        self._entries.setdefault(event_id, set()).add((entity, day))

    def _load(self, entity: str) -> dict[int | None, set[str]]:
        days = self._by.get(entity)
        if days is None:
            days = self._by[entity] = {}
            for r in self.store.rows(
                    "SELECT a.event_id, e.date FROM event_actors a JOIN events e ON e.id = a.event_id "
                    "WHERE a.entity_id = ?", (entity,)):
                day = day_of(r["date"])
                self._add(entity, day.toordinal() if day else None, r["event_id"])
        return days

    def drop(self, event_id: str) -> None:
        for entity, day in self._entries.pop(event_id, ()):
            bucket = self._by[entity].get(day)
            if bucket is not None:
                bucket.discard(event_id)
                if not bucket:
                    del self._by[entity][day]

    def put(self, event_id: str, date: str | None, entities: set[str]) -> None:
        """An event's current actors and date; only entities already read need the entry (the
        others will read it from the store)."""
        day = day_of(date)
        ordinal = day.toordinal() if day else None
        for entity in entities:
            if entity in self._by:
                self._add(entity, ordinal, event_id)

    def events(self, entity: str, date: str | None, window: int) -> set[str]:
        """Events of `entity` dated within `window` days of `date`, or undated; all of them when
        `date` is not day-precise."""
        days = self._load(entity)
        day = day_of(date)
        if day is None:
            return set().union(*days.values()) if days else set()
        d = day.toordinal()
        out = set(days.get(None, ()))
        if len(days) <= 2 * window + 1:
            for k, ids in days.items():
                if k is not None and d - window <= k <= d + window:
                    out |= ids
        else:
            for k in range(d - window, d + window + 1):
                ids = days.get(k)
                if ids:
                    out |= ids
        return out
