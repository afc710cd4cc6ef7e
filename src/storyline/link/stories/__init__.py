"""Stories: threads of related merged events over time.

Two events belong to one story when they lie in the same calendar month (the story's `period`,
see `StoryLinker.period`), the days their dates cover are at most `WINDOW_DAYS` apart
(a month-precise date covers its month; a bare year counts as no date) and either share an
actor pair (two entities in common: 普京 and 拜登 talking again; at most `PAIR_APART_DAYS` apart
when both are day-precise and no article tells both), or share an actor and an article when one
of them has fewer than two linked actors or both happen within a day (one round of calls
reported together: 普京 with 拜登, then with 马克龙), or, with no actor in common, are told in
one article and happen within a day (one happening whose reports name different parties: the
raid on 立场新闻 by 警方 and the arrest of its editors), or are the same act (type) by or on the
same party in the same role on the same day (俄罗斯 bombing 敖德萨 and invading 乌克兰). An
event with no date at all belongs with the events that share an actor and an article with it,
nothing else: it used to count as near every date, and a few such events
chained years of unrelated events into one story (584 of 1,021 events on a 529-article sample,
11k of 19k on a 10k store, each recomputed whenever it grew). Stories are the connected
components of that relation; each event record gets a `story_id`.

Why a month: without a bound, actors reported every day (普京, 拜登, 乌克兰) chain a whole corpus
into one thread: 538 of 1,021 events on 200 corpus files (seeds included), 41,669 of 75,711 on a 100k-article
store, which every ingest had to walk again (3.5 min and 1.2 GB for the first chunk alone). A
fixed calendar period keeps ids independent of input order and bounds the work by the busiest
month; a thread that goes on is found again month by month (link/stories/reads.py lists the
stories of the nearest months before and after with the same lead actors).

Incremental: at flush only the components reachable from the dirty events (and the events of
the stories they belonged to) are recomputed, through the relations of link/stories/graph.py. A
stored story none of whose events changed is taken whole; one whose event changed its date or
lost an actor keeps its largest still-connected piece whole (link/stories/pieces.py). A story's id is
derived from its smallest event id, so the same input gives the same ids whatever the batch
order. Hand-written: a union of a few SQL look-ups and a breadth-first search is all it takes.

Deferred: the ingest writer queues each batch's dirty events (`queue`, link_queue kind
"story") and runs `update` once after the last batch, on date-ordered chunks (`chunks`): an
event reported in many batches, and a long story every batch extended, are then computed once
per chunk instead of once per batch.

Speed: parsed event records and the features `related` needs (day, actor ids, article ids) are
cached for the linker's lifetime (link/stories/graph.py); the callers' contract is that every event
changed in the store is passed in `dirty`, and exactly those are dropped from the cache at the
start of `update`.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import yaml

from storyline.link.stories.graph import EventGraph
from storyline.link.stories.pieces import EXTRA_LINKS, decode, encode, kept_piece
from storyline.link.stories.relations import WINDOW_DAYS, _actor_ids, _articles, basis, related  # related: re-exported
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
        self.graph = EventGraph(store)  # cached records, features and relations of events
        self._dropped: set[str] = set()  # stories deleted by the current update (never kept whole)
        self._units: dict[str, str] = {}  # the current update's changed events that keep their story
        self._pieces: dict[str, str] = {}  # the current update's events in a kept piece -> its key
        self._piece_members: dict[str, set[str]] = {}  # kept piece -> its events
        self._links: dict[str, list[str]] = {}  # event -> its stored links (read with its story)
        self._later: set[str] = set()  # queued events not in the current update
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
        if len(self.graph.records) <= max_events:
            return False
        self.graph = EventGraph(self.store)
        return True

    def update(self, dirty: set[str], loaded: dict[str, dict] | None = None, changed: bool = True) -> list[dict]:
        """Recompute the stories touched by `dirty` event ids; returns the stories written.

        `loaded` is the event linker's in-memory records: they get the new story_id too, so a
        later save of the same event keeps it. `changed=False`: the events changed before
        anything was cached (the deferred queue: no event changes while it is worked through),
        so what is cached stays valid and each neighbour list is computed once, not per chunk."""
        if changed:
            for eid in sorted(dirty):  # changed in the store since they were cached
                self.graph.forget(eid)
        for eid in sorted(dirty):
            event = self.graph.event(eid)
            if event is not None:
                self.graph.index.put(eid, event.get("date"), _actor_ids(event))
                if changed:
                    for art in _articles(event):  # it may be new in these articles
                        self.graph.by_article.pop(art, None)
        seeds = set(dirty)
        unit = self._grown(dirty)  # changed events that keep their story -> it
        # the stories of the other changed events are recomputed whole: they may have lost relations
        broken = self._stories_of(seeds - set(unit))
        pairs: list[tuple[str, str]] = []  # (event of a story that may be kept whole, changed event related to it)
        # every dirty event's relations, before any search: cached lists of unchanged events learn them
        for eid in sorted(dirty):
            if self.graph.records.get(eid) is None:
                continue
            for other in self.graph.neighbours(eid):
                sid = unit.get(other) or ((self.graph.records.get(other) or {}).get("story_id") if other not in dirty else None)
                if sid:
                    pairs.append((other, eid))
                    if self.graph.features[other][0] is None:  # undated: its month may come from eid now
                        broken.add(sid)
                if eid in unit:
                    pairs.append((eid, other))
        self._units, self._pieces, self._piece_members, self._links = unit, {}, {}, {}
        # queued for a later chunk: changed too, so never part of what is taken whole (its links
        # or its story's connectivity may no longer hold). Their stories are broken here as well:
        # their pieces are kept whole, and a later event is searched from, not its whole story
        self._later = self.pending - dirty
        broken |= self._stories_of(self._later)
        self._dropped = set(broken)
        rest: set[str] = set()  # events of broken stories outside the pieces kept whole
        for sid in sorted(broken):
            members = self._drop_story(sid)
            seeds |= members
            rest |= members - self._keep_piece(sid, members, (dirty - set(unit)) | self._later)
        # relations from the rest into a kept piece (link.stories.pieces: the only ones a kept piece
        # can have besides those of the dirty events)
        for eid in sorted(rest - dirty) if self._pieces else ():
            if self.graph.records.get(eid) is not None:
                pairs += [(other, eid) for other in self.graph.neighbours(eid) if other in self._pieces]
        touch: dict[str, dict[str, str]] = {}  # a unit kept whole -> events to visit when it is taken -> via
        for member, outside in pairs:
            key = self._unit_key(member)
            if key:
                via = touch.setdefault(key, {})
                via[outside] = min(via.get(outside, member), member)
        for eid in dirty - set(unit):  # removed events leave their story
            self.store.execute("DELETE FROM story_events WHERE event_id = ?", (eid,))
        owner: dict[str, str] = {}  # event -> the story this update wrote it in
        written: dict[str, tuple[dict, list[dict], dict[str, set[str]]]] = {}  # story id -> record, events, links
        todo = sorted(seeds, reverse=True)  # a stack, smallest id on top
        while todo:
            eid = todo.pop()
            if eid in owner or self.graph.event(eid) is None:
                continue
            component, links = self._component(eid, touch)
            # a story written earlier in this update that this one reaches is part of it (one
            # story, never an event in two): a safeguard, the units above are chosen so it is not needed
            for sid in sorted({owner[e["id"]] for e in component if e["id"] in owner}):
                _, events, more = written.pop(sid)
                component = _merged(component, events)
                for e, found in more.items():
                    links.setdefault(e, set()).update(found)
            ids = {e["id"] for e in component}
            # a stored story not seen yet that this one reaches into (a dirty event bridged into
            # it, or an undated event moved to this month): recompute what is left of it too
            for sid in sorted(self._stories_of(ids)):
                todo.extend(sorted(self._drop_story(sid) - ids - owner.keys(), reverse=True))
            record = self._save(component, links, loaded or {})
            written[record["id"]] = (record, component, links)
            owner.update(dict.fromkeys(ids, record["id"]))
        return [record for record, _, _ in written.values()]

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
            event = self.graph.event(eid)
            if event is None or event.get("date") is None:
                continue
            date, _, actors = value.rpartition("|")
            then, now = int(actors), len(self.graph.features[eid][1])
            if date == event["date"] and now >= then and (then >= 2 or then == now):
                out[eid] = sid
        return out

    def _drop_story(self, sid: str) -> set[str]:
        """Delete a stored story; returns its event ids (their stored links go to `_links`)."""
        self._dropped.add(sid)
        members = self._members(sid)
        self.store.execute("DELETE FROM stories WHERE id = ?", (sid,))
        self.store.execute("DELETE FROM story_events WHERE story_id = ?", (sid,))
        return members

    def _members(self, sid: str) -> set[str]:
        """A stored story's event ids; their stored links go to `_links`."""
        rows = self.store.rows("SELECT event_id, links FROM story_events WHERE story_id = ?", (sid,))
        self._links.update((r["event_id"], decode(r["links"])) for r in rows)
        return {r["event_id"] for r in rows}

    def _keep_piece(self, sid: str, members: set[str], changed: set[str]) -> set[str]:
        """The piece of broken story `sid` kept whole (link.stories.pieces), registered for
        `_component`; empty when none is. Its changed events, deleted ones and undated ones (their
        month may move) are left out."""
        links = {e: self._links.get(e, []) for e in members}
        if not any(links.values()):  # stored before links were kept (schema v8)
            return set()
        self.graph.load_many(members)
        removed = {e for e in members if e in changed or self.graph.records[e] is None or self.graph.features[e][0] is None}
        piece = kept_piece(links, removed)
        key = f"piece:{sid}"
        for e in piece:
            self._pieces[e] = key
        if piece:
            self._piece_members[key] = piece
        return piece

    def _unit_key(self, eid: str) -> str | None:
        """What `eid` would be taken whole with: a kept piece, else its stored story."""
        return self._pieces.get(eid) or self._units.get(eid) or (self.graph.records.get(eid) or {}).get("story_id")

    def _stories_of(self, event_ids: set[str]) -> set[str]:
        ids, out = sorted(event_ids), set()
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            out |= {r["story_id"] for r in self.store.rows(
                f"SELECT DISTINCT story_id FROM story_events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)}
        return out

    def _component(self, start: str, touch: dict[str, dict[str, str]]) -> tuple[list[dict], dict[str, set[str]]]:
        """The events related to `start` through a chain of related events of its period, and the
        links to save with them (story_pieces: the event each was reached through, a few more).

        A stored story none of whose events changed (and none dropped in this update) is still
        connected, and an edge leaving it goes to a changed event (two unchanged events of one
        month that are related were in one story already): reached through any of its events,
        it is taken whole, with the dirty events related to it (`touch`), without computing its
        events' neighbours, the bulk of the work when a few events join a busy month. The piece
        kept of a broken story is taken the same way (`_keep_piece`)."""
        period = self.graph.period(start)
        seen, queue, taken = {start}, [start], set()
        links: dict[str, set[str]] = {start: set()}
        while queue:
            eid = queue.pop()
            key, members = self._whole(eid, period)
            if members is not None:
                if key in taken:
                    continue
                taken.add(key)
                seen |= members
                for m in members:  # a link inside a unit kept whole still holds
                    links.setdefault(m, set()).update(o for o in self._links.get(m, ()) if o in members)
                nexts = {o: via for o, via in touch.get(key, {}).items() if self.graph.period(o) == period}
            else:
                near = sorted(o for o in self.graph.neighbours(eid) if self.graph.period(o) == period)
                links[eid].update(near[:EXTRA_LINKS])
                nexts = dict.fromkeys(near, eid)
            for other in sorted(nexts):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
                    links.setdefault(other, set()).add(nexts[other])
        return _ordered([self.graph.records[e] for e in seen]), links

    def _whole(self, eid: str, period: str | None) -> tuple[str | None, set[str] | None]:
        """The unit `eid` is taken whole with (see `_component`) by a search of `period`, as
        (key, events); (None, None) when its neighbours are to be searched."""
        key = self._pieces.get(eid)
        if key is not None:
            members = self._piece_members[key]
        else:
            key = self._units.get(eid) or self.graph.records[eid].get("story_id")
            if not key or key in self._dropped:
                return None, None
            members = self._members(key)
            if eid not in members or not self._later.isdisjoint(members):  # stale story_id, or changed later
                return None, None
        self.graph.load_many(members)
        if any(self.graph.period(m) != period for m in members):  # a safeguard: a story is one month
            return None, None
        return key, members

    def _save(self, events: list[dict], links: dict[str, set[str]], loaded: dict[str, dict]) -> dict:
        record = self.record(events)
        record["period"] = self.graph.period(events[0]["id"])
        # what each event's relations were computed from (see _grown), and its links (_keep_piece)
        linked.save_story(self.store, record, {e["id"]: basis(e) for e in events},
                          {e: encode(found) for e, found in links.items()})
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


def _ordered(events: list[dict]) -> list[dict]:
    """A component's events in story order: by date, undated last, then id."""
    return sorted(events, key=lambda e: (e.get("date") is None, e.get("date") or "", e["id"]))


def _merged(a: list[dict], b: list[dict]) -> list[dict]:
    """Two components' events as one."""
    return _ordered(list(({e["id"]: e for e in a} | {e["id"]: e for e in b}).values()))
