"""The events a story search walks: their records, relation features and relations, read from
the store lazily and cached (link.stories searches them; split out to keep each file readable).

Relations come through an (entity, day) index of the events read lazily from `event_actors`
(link/stories/index.py) and the events reported in the same articles. The callers' contract is
that every event changed in the store is `forget`-ed before it is read again; a cached neighbour
list is kept symmetric, so an unchanged event learns a changed one's relations.
"""

from __future__ import annotations

import json

from storyline.link.stories.index import ActorDayIndex
from storyline.link.stories.relations import WINDOW_DAYS, Features, _actor_ids, _articles, _features, _related
from storyline.store import Store


class EventGraph:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.records: dict[str, dict | None] = {}
        self.features: dict[str, Features] = {}
        self.index = ActorDayIndex(store)
        self.nbrs: dict[str, set[str]] = {}  # event id -> related event ids (symmetric, see neighbours)
        self.by_article: dict[str, set[str]] = {}  # article id -> its events (see same_articles)
        self._periods: dict[str, str | None] = {}  # event id -> its story's month (see period)
        self._borrowed: set[str] = set()  # events whose month comes from their neighbours
        self._published: dict[str, str | None] = {}  # article id -> its publication month

    def event(self, eid: str) -> dict | None:
        if eid not in self.records:
            rows = self.store.rows("SELECT record FROM events WHERE id = ?", (eid,))
            event = self.records[eid] = json.loads(rows[0]["record"]) if rows else None
            if event is not None:
                self.features[eid] = _features(event)
        return self.records[eid]

    def load_many(self, ids: set[str]) -> None:
        """`_event` for many ids at once: one query per 500 uncached ids, not one per id."""
        todo = sorted(i for i in ids if i not in self.records)
        for n in range(0, len(todo), 500):
            chunk = todo[n:n + 500]
            rows = {r["id"]: r["record"] for r in self.store.rows(
                f"SELECT id, record FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
            for i in chunk:
                event = self.records[i] = json.loads(rows[i]) if i in rows else None
                if event is not None:
                    self.features[i] = _features(event)

    def neighbours(self, eid: str) -> set[str]:
        """Ids of the events related to `eid`, cached (see `_forget`). Symmetric: when an event's
        list is computed it is also added to the cached lists of its neighbours."""
        found = self.nbrs.get(eid)
        if found is not None:
            return found
        event = self.records[eid]
        candidates = self.same_articles(event) | self._sharing_two_actors(event) | self._same_day(event)
        candidates.discard(eid)
        self.load_many(candidates)
        mine, features, nbrs = self.features[eid], self.features, self.nbrs  # hot loop: locals
        found = set()
        for other in candidates:
            theirs = features.get(other)
            if theirs is None:
                if self.event(other) is None:
                    continue
                theirs = features[other]
            if _related(mine, theirs):
                found.add(other)
                if other in nbrs:
                    nbrs[other].add(eid)
                    self._neighbours_changed(other)
        self.nbrs[eid] = found
        return found

    def _sharing_two_actors(self, event: dict) -> set[str]:
        """Events in the windows of at least two of `event`'s actors. With `same_articles` these
        are all the events `_related` can accept: a relative shares two actors, or one actor and
        an article. Events reached through a single actor's window (thousands, for 美国 or
        俄罗斯 on a busy store) are never compared."""
        seen: set[str] = set()
        twice: set[str] = set()
        for entity in sorted(_actor_ids(event)):
            ids = self.index.events(entity, event.get("date"), WINDOW_DAYS)
            twice |= seen & ids
            seen |= ids
        return twice

    def _same_day(self, event: dict) -> set[str]:
        """Events of `event`'s day-precise date that share one of its actors (`_related` accepts
        those of its type where the actor has the same role)."""
        date = event.get("date")
        if not date or len(date) != 10:
            return set()
        return set().union(*(self.index.events(e, date, 0) for e in sorted(_actor_ids(event))))

    def same_articles(self, event: dict) -> set[str]:
        """Events reported in the articles of `event`: read from the store once per article and
        cached (`update` drops the articles of every changed event; a stale extra id costs a
        comparison, never a link: candidates are re-checked on their current records)."""
        todo = sorted(a for a in _articles(event) if a not in self.by_article)
        for n in range(0, len(todo), 500):
            chunk = todo[n:n + 500]
            found: dict[str, set[str]] = {a: set() for a in chunk}
            for r in self.store.rows(
                    "SELECT DISTINCT article_id, event_id FROM event_mentions WHERE event_id IS NOT NULL AND "
                    f"article_id IN ({','.join('?' * len(chunk))})", chunk):
                found[r["article_id"]].add(r["event_id"])
            self.by_article.update(found)
        return set().union(*(self.by_article[a] for a in _articles(event)))

    def forget(self, eid: str) -> None:
        """`eid` changed in the store: drop its cached record, features, index entries and
        neighbour list, and take it out of the cached lists of the events it was related to
        (they share an actor with its old record and lie in its old window)."""
        old = self.records.pop(eid, None)
        self.features.pop(eid, None)
        self.nbrs.pop(eid, None)
        self._periods.pop(eid, None)
        self._borrowed.discard(eid)
        if old is not None:
            for art in _articles(old):
                self.by_article.pop(art, None)
                self._published.pop(art, None)  # the article may be replaced
            for entity in sorted(_actor_ids(old)):
                for other in self.index.events(entity, old.get("date"), WINDOW_DAYS):
                    if other in self.nbrs:
                        self.nbrs[other].discard(eid)
                        self._neighbours_changed(other)
            for other in self.same_articles(old):
                if other in self.nbrs:
                    self.nbrs[other].discard(eid)
                    self._neighbours_changed(other)
        self.index.drop(eid)

    def period(self, eid: str) -> str | None:
        """The calendar month ('YYYY-MM') of a cached event's story: the month its date starts in;
        for an event with no usable date, the earliest publication month of its articles,
        else the earliest month of the dated events it is related to (same-report events: the
        only relatives an undated event has); None when none of those is known."""
        if eid in self._periods:
            return self._periods[eid]
        found = self._own_period(eid)
        if found is None:
            around = {self._own_period(o) for o in self.neighbours(eid)} - {None}
            found = min(around) if around else None
            self._borrowed.add(eid)  # recomputed whenever its neighbour list changes
        self._periods[eid] = found
        return found

    def _own_period(self, eid: str) -> str | None:
        event = self.records[eid]
        if self.features[eid][0] is not None:
            return event["date"][:7]
        # the earliest month its articles were published in: not the first article by id (a hash
        # of its path), which made the story depend on the folders the files were read from
        months = [m for m in self._published_months(sorted(_articles(event))).values() if m]
        return min(months) if months else None

    def _neighbours_changed(self, eid: str) -> None:
        if eid in self._borrowed:
            self._periods.pop(eid, None)

    def _published_months(self, articles: list[str]) -> dict[str, str | None]:
        """Each article's publication month, read from the store once and cached."""
        todo = [a for a in articles if a not in self._published]
        for n in range(0, len(todo), 500):
            chunk = todo[n:n + 500]
            found = {r["id"]: r["published"] for r in self.store.rows(
                f"SELECT id, published FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
            for a in chunk:
                value = found.get(a)
                self._published[a] = value[:7] if value and len(value) >= 7 else None
        return {a: self._published[a] for a in articles}
