"""Stories: threads of related merged events over time.

Two events belong to one story when they lie in the same calendar month (the story's `period`,
see `StoryLinker.period`), the days their dates cover are at most `WINDOW_DAYS` apart
(a month-precise date covers its month; a bare year counts as no date) and either share an
actor pair (two entities in common: 普京 and 拜登 talking again), or share an actor and an article when one of them has fewer than
two linked actors or both happen within a day (one round of calls reported together: 普京 with
拜登, then with 马克龙). An event with no date at all belongs with the events that share an actor
and an article with it, nothing else: it used to count as near every date, and a few such events
chained years of unrelated events into one story (584 of 1,021 events on a 529-article sample,
11k of 19k on a 10k store, each recomputed whenever it grew). Stories are the connected
components of that relation; each event record gets a `story_id`.

Why a month: without a bound, actors reported every day (普京, 拜登, 乌克兰) chain a whole corpus
into one thread: 538 of 1,021 events on 200 corpus files (seeds included), 41,669 of 75,711 on a 100k-article
store, which every ingest had to walk again (3.5 min and 1.2 GB for the first chunk alone). A
fixed calendar period keeps ids independent of input order and bounds the work by the busiest
month; a thread that goes on is found again month by month (link/story_reads.py lists the
stories of the nearest months before and after with the same lead actors).

Incremental: at flush only the components reachable from the dirty events (and the events of
the stories they belonged to) are recomputed, through an (entity, day) index of the events read
lazily from `event_actors` (link/story_index.py). A story's id is
derived from its smallest event id, so the same input gives the same ids whatever the batch
order. Hand-written: a union of a few SQL look-ups and a breadth-first search is all it takes.

Deferred: the ingest writer queues each batch's dirty events (`queue`, link_queue kind
"story") and runs `update` once after the last batch, on date-ordered chunks (`chunks`): an
event reported in many batches, and a long story every batch extended, are then computed once
per chunk instead of once per batch.

Speed: parsed event records and the features `related` needs (day, actor ids, article ids) are
cached for the linker's lifetime; the callers' contract is that every event changed in the store
is passed in `dirty`, and exactly those are dropped from the cache at the start of `update`.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import yaml

from storyline.link.story_index import ActorDayIndex
from storyline.link.story_relations import (  # related: the public rule, re-exported
    WINDOW_DAYS, Features, _actor_ids, _articles, _features, _related, basis, related,
)

from storyline.store import Store, linked
from storyline.store.writer import dumps, stable_id

__all__ = ["StoryLinker", "related", "WINDOW_DAYS", "QUEUE", "CHUNK"]
QUEUE = "story"  # link_queue kind: events whose stories are not recomputed yet
CHUNK = 2_000  # queued events recomputed together




class StoryLinker:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.labels: dict[str, str] = yaml.safe_load(
            (resources.files("storyline.link") / "data" / "story.yaml").read_text(encoding="utf-8"))["type_labels"]
        self._cache: dict[str, dict | None] = {}
        self._features: dict[str, Features] = {}
        self.index = ActorDayIndex(store)
        self._nbrs: dict[str, set[str]] = {}  # event id -> related event ids (symmetric, see _neighbours)
        self._by_article: dict[str, set[str]] = {}  # article id -> its events (see _same_articles)
        self._periods: dict[str, str | None] = {}  # event id -> its story's month (see period)
        self._borrowed: set[str] = set()  # events whose month comes from their neighbours
        self._published: dict[str, str | None] = {}  # article id -> its publication month
        self._dropped: set[str] = set()  # stories deleted by the current update (never kept whole)
        self._units: dict[str, str] = {}  # the current update's changed events that keep their story
        self.pending: set[str] = set(linked.queued(store, QUEUE))  # queued: a killed run's, then ours

    def queue(self, dirty: set[str]) -> None:
        """Queue events changed in the store (in the caller's transaction) for `update` later."""
        linked.enqueue(self.store, QUEUE, sorted(set(dirty) - self.pending))
        self.pending |= set(dirty)

    def chunks(self, size: int = CHUNK) -> list[list[str]]:
        """The queued events in date order (undated and deleted last), `size` at a time."""
        ids = sorted(self.pending)
        dates: dict[str, str] = {}
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            dates.update((r["id"], r["date"]) for r in self.store.rows(
                f"SELECT id, date FROM events WHERE id IN ({','.join('?' * len(chunk))}) AND date IS NOT NULL", chunk))
        ordered = sorted(ids, key=lambda i: (i not in dates, dates.get(i, ""), i))
        return [ordered[n:n + size] for n in range(0, len(ordered), size)]

    def done(self, ids: list[str]) -> None:
        """These queued events' stories are stored (in the caller's transaction)."""
        linked.dequeue(self.store, QUEUE, ids)
        self.pending -= set(ids)

    def trim(self, max_events: int) -> bool:
        """Forget every cached record, neighbour list and index entry once more than `max_events`
        records are cached (between batches: the store holds all of it). Returns whether it did."""
        if len(self._cache) <= max_events:
            return False
        self._cache.clear()
        self._features.clear()
        self._nbrs.clear()
        self._by_article.clear()
        self._periods.clear()
        self._borrowed.clear()
        self._published.clear()
        self.index = ActorDayIndex(self.store)
        return True

    def _event(self, eid: str) -> dict | None:
        if eid not in self._cache:
            rows = self.store.rows("SELECT record FROM events WHERE id = ?", (eid,))
            event = self._cache[eid] = json.loads(rows[0]["record"]) if rows else None
            if event is not None:
                self._features[eid] = _features(event)
        return self._cache[eid]

    def _load_many(self, ids: set[str]) -> None:
        """`_event` for many ids at once: one query per 500 uncached ids, not one per id."""
        todo = sorted(i for i in ids if i not in self._cache)
        for n in range(0, len(todo), 500):
            chunk = todo[n:n + 500]
            rows = {r["id"]: r["record"] for r in self.store.rows(
                f"SELECT id, record FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
            for i in chunk:
                event = self._cache[i] = json.loads(rows[i]) if i in rows else None
                if event is not None:
                    self._features[i] = _features(event)

    def _neighbours(self, eid: str) -> set[str]:
        """Ids of the events related to `eid`, cached (see `_forget`). Symmetric: when an event's
        list is computed it is also added to the cached lists of its neighbours."""
        found = self._nbrs.get(eid)
        if found is not None:
            return found
        event = self._cache[eid]
        candidates = self._same_articles(event)  # the only relatives an undated event can have
        for entity in sorted(_actor_ids(event)):
            candidates |= self.index.events(entity, event.get("date"), WINDOW_DAYS)
        candidates.discard(eid)
        self._load_many(candidates)
        mine, features, nbrs = self._features[eid], self._features, self._nbrs  # hot loop: locals
        found = set()
        for other in candidates:
            theirs = features.get(other)
            if theirs is None:
                if self._event(other) is None:
                    continue
                theirs = features[other]
            if _related(mine, theirs):
                found.add(other)
                if other in nbrs:
                    nbrs[other].add(eid)
                    self._neighbours_changed(other)
        self._nbrs[eid] = found
        return found

    def _same_articles(self, event: dict) -> set[str]:
        """Events reported in the articles of `event`: read from the store once per article and
        cached (`update` drops the articles of every changed event; a stale extra id costs a
        comparison, never a link: candidates are re-checked on their current records)."""
        todo = sorted(a for a in _articles(event) if a not in self._by_article)
        for n in range(0, len(todo), 500):
            chunk = todo[n:n + 500]
            found: dict[str, set[str]] = {a: set() for a in chunk}
            for r in self.store.rows(
                    "SELECT DISTINCT article_id, event_id FROM event_mentions WHERE event_id IS NOT NULL AND "
                    f"article_id IN ({','.join('?' * len(chunk))})", chunk):
                found[r["article_id"]].add(r["event_id"])
            self._by_article.update(found)
        return set().union(*(self._by_article[a] for a in _articles(event)))

    def _forget(self, eid: str) -> None:
        """`eid` changed in the store: drop its cached record, features, index entries and
        neighbour list, and take it out of the cached lists of the events it was related to
        (they share an actor with its old record and lie in its old window)."""
        old = self._cache.pop(eid, None)
        self._features.pop(eid, None)
        self._nbrs.pop(eid, None)
        self._periods.pop(eid, None)
        self._borrowed.discard(eid)
        if old is not None:
            for art in _articles(old):
                self._by_article.pop(art, None)
                self._published.pop(art, None)  # the article may be replaced
            for entity in sorted(_actor_ids(old)):
                for other in self.index.events(entity, old.get("date"), WINDOW_DAYS):
                    if other in self._nbrs:
                        self._nbrs[other].discard(eid)
                        self._neighbours_changed(other)
            for other in self._same_articles(old):
                if other in self._nbrs:
                    self._nbrs[other].discard(eid)
                    self._neighbours_changed(other)
        self.index.drop(eid)

    def update(self, dirty: set[str], loaded: dict[str, dict] | None = None, changed: bool = True) -> list[dict]:
        """Recompute the stories touched by `dirty` event ids; returns the stories written.

        `loaded` is the event linker's in-memory records: they get the new story_id too, so a
        later save of the same event keeps it. `changed=False`: the events changed before
        anything was cached (the deferred queue: no event changes while it is worked through),
        so what is cached stays valid and each neighbour list is computed once, not per chunk."""
        if changed:
            for eid in sorted(dirty):  # changed in the store since they were cached
                self._forget(eid)
        for eid in sorted(dirty):
            event = self._event(eid)
            if event is not None:
                self.index.put(eid, event.get("date"), _actor_ids(event))
                if changed:
                    for art in _articles(event):  # it may be new in these articles
                        self._by_article.pop(art, None)
        seeds = set(dirty)
        unit = self._grown(dirty)  # changed events that keep their story -> it
        # the stories of the other changed events are recomputed whole: they may have lost relations
        broken = self._stories_of(seeds - set(unit))
        touch: dict[str, set[str]] = {}  # a story kept whole -> events to visit when it is taken
        # every dirty event's relations, before any search: cached lists of unchanged events learn them
        for eid in sorted(dirty):
            if self._cache.get(eid) is None:
                continue
            for other in self._neighbours(eid):
                sid = unit.get(other) or ((self._cache.get(other) or {}).get("story_id") if other not in dirty else None)
                if sid:
                    touch.setdefault(sid, set()).add(eid)
                    if self._features[other][0] is None:  # undated: its month may come from eid now
                        broken.add(sid)
                if eid in unit:
                    touch.setdefault(unit[eid], set()).add(other)
        self._dropped, self._units = set(broken), unit
        for sid in sorted(broken):
            seeds |= self._drop_story(sid)
        for eid in dirty - set(unit):  # removed events leave their story
            self.store.execute("DELETE FROM story_events WHERE event_id = ?", (eid,))
        done: set[str] = set()
        written = []
        todo = sorted(seeds, reverse=True)  # a stack, smallest id on top
        while todo:
            eid = todo.pop()
            if eid in done or self._event(eid) is None:
                continue
            component = self._component(eid, touch)
            ids = {e["id"] for e in component}
            done |= ids
            # a stored story not seen yet that this one reaches into (a dirty event bridged into
            # it, or an undated event moved to this month): recompute what is left of it too
            for sid in sorted(self._stories_of(ids)):
                todo.extend(sorted(self._drop_story(sid) - done, reverse=True))
            written.append(self._save(component, loaded or {}))
        return written

    def _grown(self, dirty: set[str]) -> dict[str, str]:
        """The changed events that can only have gained relations since their story was computed,
        with that story: same date, and no fewer actors or articles (the event linker only adds
        them, and clears the basis when it takes an article's reports out), and the few-actors
        clause of `_related` unchanged for them (two actors already, or as many as then)."""
        ids, kept = sorted(dirty), {}
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            kept.update((r["event_id"], (r["story_id"], r["basis"])) for r in self.store.rows(
                f"SELECT event_id, story_id, basis FROM story_events WHERE basis IS NOT NULL AND "
                f"event_id IN ({','.join('?' * len(chunk))})", chunk))
        out = {}
        for eid, (sid, value) in kept.items():
            event = self._event(eid)
            if event is None or event.get("date") is None:
                continue
            date, _, actors = value.rpartition("|")
            then, now = int(actors), len(self._features[eid][1])
            if date == event["date"] and now >= then and (then >= 2 or then == now):
                out[eid] = sid
        return out

    def _drop_story(self, sid: str) -> set[str]:
        """Delete a stored story; returns its event ids."""
        self._dropped.add(sid)
        members = {r["event_id"] for r in self.store.rows("SELECT event_id FROM story_events WHERE story_id = ?", (sid,))}
        self.store.execute("DELETE FROM stories WHERE id = ?", (sid,))
        self.store.execute("DELETE FROM story_events WHERE story_id = ?", (sid,))
        return members

    def _stories_of(self, event_ids: set[str]) -> set[str]:
        ids, out = sorted(event_ids), set()
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            out |= {r["story_id"] for r in self.store.rows(
                f"SELECT DISTINCT story_id FROM story_events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)}
        return out

    def _component(self, start: str, touch: dict[str, set[str]]) -> list[dict]:
        """The events related to `start` through a chain of related events of its period.

        A stored story none of whose events changed (and none dropped in this update) is still
        connected, and an edge leaving it goes to a changed event (two unchanged events of one
        month that are related were in one story already): reached through any of its events,
        it is taken whole, with the dirty events related to it (`touch`), without computing its
        events' neighbours, the bulk of the work when a few events join a busy month."""
        period = self.period(start)
        seen = {start}
        queue = [start]
        while queue:
            eid = queue.pop()
            members = self._intact(eid)
            if members is not None:
                seen |= members
                nexts = touch.get(self._units.get(eid) or self._cache[eid]["story_id"], set())
            else:
                nexts = self._neighbours(eid)
            for other in nexts:
                if other not in seen and self.period(other) == period:
                    seen.add(other)
                    queue.append(other)
        events = [self._cache[e] for e in seen]
        return sorted(events, key=lambda e: (e.get("date") is None, e.get("date") or "", e["id"]))

    def _intact(self, eid: str) -> set[str] | None:
        """The events of `eid`'s stored story, if it is kept whole (see `_component`)."""
        sid = self._units.get(eid) or self._cache[eid].get("story_id")
        if not sid or sid in self._dropped:
            return None
        members = {r["event_id"] for r in self.store.rows("SELECT event_id FROM story_events WHERE story_id = ?", (sid,))}
        if eid not in members:  # the record's story_id is stale: go by the relations
            return None
        self._load_many(members)
        return members

    def period(self, eid: str) -> str | None:
        """The calendar month ('YYYY-MM') of a cached event's story: the month its date starts in;
        for an event with no usable date, the publication month of its first article that has one,
        else the earliest month of the dated events it is related to (same-report events: the
        only relatives an undated event has); None when none of those is known."""
        if eid in self._periods:
            return self._periods[eid]
        found = self._own_period(eid)
        if found is None:
            around = {self._own_period(o) for o in self._neighbours(eid)} - {None}
            found = min(around) if around else None
            self._borrowed.add(eid)  # recomputed whenever its neighbour list changes
        self._periods[eid] = found
        return found

    def _own_period(self, eid: str) -> str | None:
        event = self._cache[eid]
        if self._features[eid][0] is not None:
            return event["date"][:7]
        articles = sorted(_articles(event))
        months = self._published_months(articles)
        return next((months[a] for a in articles if months[a]), None)

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

    def _save(self, events: list[dict], loaded: dict[str, dict]) -> dict:
        record = self.record(events)
        record["period"] = self.period(events[0]["id"])
        # what each event's relations were computed from (see _grown)
        linked.save_story(self.store, record, {e["id"]: basis(e) for e in events})
        for event in events:
            if event["id"] in loaded:
                loaded[event["id"]]["story_id"] = record["id"]
            if event.get("story_id") == record["id"]:  # the stored record says so already
                continue
            event["story_id"] = record["id"]
            self.store.execute("UPDATE events SET record = ? WHERE id = ?", (dumps(event), event["id"]))
        return record

    def record(self, events: list[dict]) -> dict:
        actors = Counter(a["name"] for e in events for a in e["actors"] if a.get("entity_id"))
        types = Counter(e["type"] for e in events)
        dates = sorted(e["date"] for e in events if e.get("date"))
        names = [n for n, _ in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        labels = [self.labels.get(t, t) for t, _ in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
        title = "、".join(names) or "（无名）"
        if labels:
            title += "：" + "、".join(labels)
        return {
            "id": stable_id("st", min(e["id"] for e in events)),
            "title": title,
            "event_ids": [e["id"] for e in events],
            "article_ids": sorted({a for e in events for a in _articles(e)}),
            "start": dates[0] if dates else None,
            "end": dates[-1] if dates else None,
            "actors": names,
            "types": sorted(types),
        }
