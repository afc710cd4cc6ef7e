"""Cross-document event linking: many reports of one call become one event with many sources.

A new event mention joins a stored event when they agree on type, on the participating
entities (one set contains the other, or they share at least two), and on date (the same day,
or one date is a coarser prefix of the other, or at most one day apart for time-zone slips).
Candidates come from an in-memory index by (type, entity id), filled from the store once per
(type, entity) key on first use and kept up to date as events change, so linking is incremental:
a new mention is compared only with the stored events of its type that share one of its entities
(actors must share at least one entity to be compatible), never with every event of the type.
Memory stays bounded on long runs: after a flush, once more than a cap of events is held, `trim`
keeps only the events of the keys the latest batch used (the store has all of it by then; the
other keys are read again when next used).

Hand-written because no maintained library does event coreference for Chinese news; the rules
follow the usual cross-document practice (type + arguments + time compatibility).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date as Date
from importlib import resources

import yaml

from storyline.link import consensus
from storyline.link.dates import day_of
from storyline.link.matching import (  # noqa: F401  (re-exported: tests and callers use them here)
    SYMMETRIC_TYPES, Probe, actors_compatible, best_event, dates_compatible, modes_compatible,
    sources_compatible, statuses_compatible)
from storyline.model import Doc, EventMention
from storyline.store import Store
from storyline.store import linked

STATUS_RANK = {"occurred": 3, "denied": 2, "planned": 1, "conditional": 0}




def explicit_date(doc: Doc, m: EventMention) -> bool:
    """Whether the clause itself states its date (else the date was inherited from context)."""
    return any(
        t.paragraph == m.paragraph and m.start <= t.start < m.end and t.type in ("DATE", "TIME")
        for t in doc.times
    )


LOOSE = "e.date IS NULL OR length(e.date) <> 10"  # no plain day: see _load and migration 0009
SUMMARY_CHARS = 40


def clause_summary(mentions: list[dict]) -> str:
    """The shortest reporting clause that still says something, cut to SUMMARY_CHARS."""
    texts = sorted({m["text"].strip("，,。 ") for m in mentions}, key=lambda t: (len(t) < 8, len(t), t))
    text = texts[0] if texts else ""
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _loose(event: dict) -> bool:
    """The Python side of LOOSE."""
    return event["date"] is None or len(event["date"]) != 10


def sentence_key(text: str) -> str:
    return hashlib.sha1("".join(text.split()).encode("utf-8")).hexdigest()[:16]


def mention_order(m: dict) -> tuple:
    """A merged event's mentions in publication order, ties by the article's text (not its id,
    which hashes its path), so the stored record does not depend on the order of reading."""
    # then the rest of what the report is: two triggers of one clause are one sentence twice, and
    # which of them stands for it must not depend on which was read first
    return (m.get("published") or "", m.get("content_hash") or m["article_id"], m["paragraph"], m["start"],
            m.get("end") or 0, m.get("trigger_start") or 0, copy_actors(m))


def event_id_for(type_: str, first: dict) -> str:
    """An event's id from its first report in reading order (`mention_order`): that report's
    article text hash (not its id, a hash of its path), place and sentence."""
    seed = (f"{first.get('content_hash') or first['article_id']}|{first['paragraph']}|{first['start']}|"
            f"{first.get('end')}|{first.get('trigger_start')}|{type_}|{first.get('key')}|{copy_actors(first)}")
    return "ev_" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:14]


def new_event(eid: str, type_: str, status: str) -> dict:
    return {
        "id": eid, "type": type_, "mode": None, "date": None, "date_end": None, "status": status,
        "actors": [], "location": None, "duration_minutes": None, "summary": "", "mentions": [],
        "outlets": [], "history": [], "repeats": 0,
    }


def copy_actors(entry: dict) -> tuple:
    """The actors that make two reports of one sentence copies (one clause that names two calls,
    普京 with 马克龙 and with 卢卡申科, is two reports)."""
    return tuple(sorted((a.get("entity_id") or a.get("name") or "", a.get("role") or "")
                        for a in entry.get("actors", [])))


def is_copy(a: dict, b: dict) -> bool:
    """The same sentence from the same source whose actors are one within the other (a stray
    extra actor in one copy); other actors entirely make another report."""
    if a.get("key") != b.get("key") or consensus.source_of(a) != consensus.source_of(b):
        return False
    x, y = set(copy_actors(a)), set(copy_actors(b))
    return x <= y or y <= x


def add_entry(event: dict, entry: dict) -> bool:
    """Add a report (a mention entry) to `event`; False when it is a copy (`is_copy`) of one it
    holds: the same sentence again from the same source (a repeated paragraph, a copied article): one report,
    whose earliest copy stands for it whichever was read first, and whose `copies` count the others."""
    for i, x in enumerate(event["mentions"]):
        if is_copy(x, entry):
            kept, other = (entry, x) if mention_order(entry) < mention_order(x) else (x, entry)
            kept["copies"] = kept.get("copies", 0) + other.get("copies", 0) + 1
            event["mentions"][i] = kept
            event["repeats"] = sum(m.get("copies", 0) for m in event["mentions"])
            return kept is entry
    event["mentions"].append(entry)
    return True


def refresh(event: dict, name_of=None) -> None:
    """Recompute the merged fields from the mentions by consensus of their sources (link.consensus)."""
    event["mentions"].sort(key=mention_order)
    ms = event["mentions"]
    consensus.apply(event, name_of)
    event["repeats"] = sum(m.get("copies", 0) for m in ms)
    event["history"] = [{"status": x["status"], "article_id": x["article_id"], "published": x.get("published")}
                        for x in ms]
    event["status"] = max((x["status"] for x in ms), key=lambda s: STATUS_RANK.get(s, 0))
    event["outlets"] = sorted({x["outlet"] for x in ms if x.get("outlet")})


class EventLinker:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.loaded: dict[str, dict] = {}
        self.dirty: set[str] = set()
        self._keys_loaded: set[tuple[str, str]] = set()  # (type, entity id) whose stored events are in `loaded`
        # ... or part of them (see _load): those without a day-precise date, and those of some days
        self._loose_types: set[str] = set()  # types whose events without a plain day are all loaded
        self._days_loaded: dict[tuple[str, str], set[int]] = {}
        self._recent_keys: set[tuple[str, str]] = set()  # keys looked up since the last `trim`
        # (type, entity id) -> day ordinal (None: no day-precise date) -> event ids. An event is
        # re-indexed whenever its date may have changed; entries under an old date stay behind
        # (candidates are re-checked with dates_compatible), so no compatible event is missed.
        self._by_actor: dict[tuple[str, str], dict[int | None, set[str]]] = {}
        # True while `loaded` holds every stored event: the store had none when this linker
        # began, and `trim` has dropped none since. Every event stored after that is one this
        # linker saved (the ingest holds the store's writer lock), so a read of stored events
        # could only return ids `_take` skips: `_load` (and the re-merge's `_preload`) read
        # nothing then: with every event held, the re-merge of the whole corpus's 12,523 events
        # took 6.7-7.3 s of thread CPU instead of 12.4-12.8 s (docs/performance.md, session 18).
        self.complete = store.scalar("SELECT 1 FROM events LIMIT 1") is None
        self.templates = yaml.safe_load(
            (resources.files("storyline.link") / "data" / "summaries.yaml").read_text(encoding="utf-8"))

    # -- linking ---------------------------------------------------------------------------
    def link_doc(self, doc: Doc, name_of) -> None:
        """`name_of(entity_id)` gives the canonical display name of a linked actor."""
        self.name_of = name_of
        for mention in doc.events:
            ids = {a.entity_id for a in mention.actors if a.entity_id}
            event = self._find(mention, ids)
            if event is None:
                event = self._new(doc, mention)
            self._add(event, doc, mention)
            mention.event_id = event["id"]

    def _index(self, event: dict) -> None:
        day = day_of(event["date"])
        ordinal = day.toordinal() if day else None
        for a in event["actors"]:
            if a["entity_id"]:
                days = self._by_actor.setdefault((event["type"], a["entity_id"]), {})
                days.setdefault(ordinal, set()).add(event["id"])

    def _load(self, type_: str, ids: set[str], day: int | None) -> None:
        """The stored events `_candidates` can return for a mention of `type_` with entities `ids`
        into memory: for a day-precise mention (`day`, an ordinal) those dated within a day of it
        and every event of the type without a day-precise date ("loose": undated, a year or a
        month, a few percent of them), else every event of each (type, entity) key. A busy key
        (美国, 俄罗斯 meeting) holds thousands of events on a large store, and most mentions are
        dated: reading the whole key for each cost more than the comparisons, and so did sifting
        each key's events for its loose ones (now read per type from a partial index, 0009).
        Nothing to read while `loaded` is `complete`."""
        if self.complete:
            return
        todo = sorted(i for i in ids if (type_, i) not in self._keys_loaded)
        if day is None:
            self._read(type_, todo, "", ())
            self._keys_loaded.update((type_, i) for i in todo)
            return
        if not todo:
            return
        if type_ not in self._loose_types:
            self._read_loose(type_)
            self._loose_types.add(type_)
        days = tuple(d for d in (day - 1, day, day + 1) if d >= 1)
        partial = [i for i in todo if not self._days_loaded.get((type_, i), set()).issuperset(days)]
        values = tuple(Date.fromordinal(d).isoformat() for d in days)
        # from the few events of three days to their actors (SQLite keeps a CROSS JOIN's order),
        # not from the thousands of events of a busy entity to their dates
        self._read(type_, partial, f" AND e.date IN ({','.join('?' * len(values))})", values, by_day=True)
        for i in partial:
            self._days_loaded.setdefault((type_, i), set()).update(days)

    def _read(self, type_: str, ids: list[str], where: str, params: tuple, by_day: bool = False) -> None:
        """Stored events of `type_` with any of the entities `ids` matching `where` into `loaded`."""
        tables = "events e CROSS JOIN event_actors a" if by_day else "event_actors a JOIN events e ON e.id = a.event_id"
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            self._take(self.store.rows(
                f"SELECT DISTINCT e.id, e.record FROM {tables} WHERE e.id = a.event_id AND e.type = ? "
                f"AND a.entity_id IN ({','.join('?' * len(chunk))}){where}", (type_, *chunk, *params)))

    def _read_loose(self, type_: str) -> None:
        # the condition is the partial index's own (0009), so both backends can use it
        self._take(self.store.rows(
            f"SELECT e.id, e.record FROM events e WHERE e.type = ? AND ({LOOSE})", (type_,)))

    def _take(self, rows) -> None:
        for r in rows:
            if r["id"] not in self.loaded:  # one in memory is newer than its stored record: kept
                event = self.loaded[r["id"]] = json.loads(r["record"])
                self._index(event)

    def trim(self, max_events: int) -> bool:
        """Between batches (all changes are stored), once more than `max_events` are held: keep
        the events of the (type, entity) keys the latest batch looked up (all of them, so those
        keys stay complete) and forget the rest, whose keys are read again when next used.
        Returns whether anything was dropped."""
        recent, self._recent_keys = self._recent_keys, set()
        if self.dirty or len(self.loaded) <= max_events:
            return False
        # the loose events stay: their types are marked loaded (and they are few)
        keep = {eid: e for eid, e in self.loaded.items()
                if _loose(e) or any((e["type"], a["entity_id"]) in recent for a in e["actors"] if a["entity_id"])}
        if len(keep) == len(self.loaded):
            return False
        self.complete = False  # the dropped ones are read again when next needed
        self.loaded = keep
        self._keys_loaded &= recent
        self._days_loaded = {k: v for k, v in self._days_loaded.items() if k in recent}
        self._by_actor.clear()
        for event in keep.values():
            self._index(event)
        return True

    def _candidates(self, type_: str, ids: set[str], date: str | None) -> list[dict]:
        """Events of `type_` with mentions that share an entity with `ids` (else incompatible)
        and, for a day-precise `date`, dated within a day of it or not to the day (else
        `dates_compatible` fails)."""
        day = day_of(date)
        self._load(type_, ids, day.toordinal() if day else None)
        self._recent_keys.update((type_, i) for i in ids)
        found: set[str] = set()
        for i in ids:
            days = self._by_actor.get((type_, i))
            if not days:
                continue
            if day is None:
                found = found.union(*days.values())
                continue
            d = day.toordinal()
            for key in (None, d - 1, d, d + 1):
                found |= days.get(key, set())
        # an id may outlive its event in the index (dates move, `remerge` renames): skipped
        return [self.loaded[e] for e in sorted(found) if e in self.loaded and self.loaded[e]["mentions"]]

    def _find(self, mention: EventMention, ids: set[str]) -> dict | None:
        probe = Probe.of(mention.type, mention.status, mention.mode, mention.date,
                         [(a.entity_id, a.role) for a in mention.actors])
        return best_event(probe, self._candidates(mention.type, ids, mention.date))

    def _new(self, doc: Doc, m: EventMention) -> dict:
        # from the article's text, not its id (a hash of its path): the same articles give the
        # same ids whatever folder they are read from
        eid = event_id_for(m.type, {"content_hash": doc.article.content_hash, "article_id": doc.article.id,
                                    "paragraph": m.paragraph, "start": m.start, "end": m.end,
                                    "trigger_start": m.trigger_start, "key": sentence_key(m.text),
                                    "actors": [{"entity_id": a.entity_id, "name": a.name, "role": a.role}
                                               for a in m.actors]})
        event = new_event(eid, m.type, m.status)
        self.loaded[eid] = event
        return event

    def _add(self, event: dict, doc: Doc, m: EventMention) -> None:
        key = sentence_key(m.text)
        entry = {
            "article_id": doc.article.id, "paragraph": m.paragraph, "start": m.start, "end": m.end,
            "trigger_start": m.trigger_start, "text": m.text, "key": key, "status": m.status, "date": m.date,
            "date_explicit": explicit_date(doc, m),
            "published": doc.article.published, "outlet": doc.article.outlet,
            "content_hash": doc.article.content_hash,
            # the name this article writes, not the registry's display name at this moment (which
            # depends on the articles read before): the merged event's actors take the display name
            "actors": [{"entity_id": a.entity_id, "role": a.role, "name": a.name} for a in m.actors],
            **{f: getattr(m, f) for f in consensus.DETAILS},
        }
        if add_entry(event, entry):
            self._refresh(event)
            self._index(event)  # new actors, maybe a new date
        self.dirty.add(event["id"])

    def _refresh(self, event: dict) -> None:
        refresh(event, getattr(self, "name_of", None))

    def summary(self, event: dict) -> str:
        """A short Chinese line. Interactions between named parties read best from a template
        (拜登与普京通电话); for other types a template says too little (普京要求北约), so the
        clearest reporting clause is used, trimmed."""
        # the place of the event (访问基辅: 基辅 is often also an actor, the host) neither visits nor
        # meets itself: with no source role, the first other actor leads, and the place is no partner
        place = event["location"]
        names = [a["name"] for a in event["actors"]]
        sources = [a["name"] for a in event["actors"] if a["role"] == "source"] or self._first_named(event, names, place)
        others = [n for n in names if n not in sources and n != place]
        status = self.templates["status"].get(event["status"], "")
        if event["type"] in SYMMETRIC_TYPES and sources and others:
            tpl = self.templates[event["type"]]
            if isinstance(tpl, dict):
                tpl = tpl.get(event["mode"] or "default", tpl["default"])
            loc = event["location"] or "、".join(others)
            return tpl.format(a="、".join(sources), b="、".join(others), loc=loc) + status
        return clause_summary(event["mentions"]) + status

    @staticmethod
    def _first_named(event: dict, names: list[str], place: str | None) -> list[str]:
        """With no source role, the actor the first report names first leads (日本外务大臣…抵达堪培拉，
        与澳大利亚外长佩恩举行会谈: 日本 visits): the actors are kept in a consensus order (support,
        then id) that says nothing about who acts."""
        text = event["mentions"][0]["text"] if event["mentions"] else ""
        named = [n for n in names if n != place]
        named.sort(key=lambda n: text.find(n) if n in text else len(text))  # stable: ties keep their order
        return named[:1]

    # -- replacing an article --------------------------------------------------------------
    def forget(self, article_id: str) -> None:
        ids = [r["event_id"] for r in self.store.rows(
            "SELECT DISTINCT event_id FROM event_mentions WHERE article_id = ? AND event_id IS NOT NULL", (article_id,))]
        for eid in ids:
            rows = self.store.rows("SELECT record FROM events WHERE id = ?", (eid,))
            if not rows:
                continue
            event = self.loaded.get(eid)
            if event is None:
                event = self.loaded[eid] = json.loads(rows[0]["record"])
                self._index(event)
            event["mentions"] = [x for x in event["mentions"] if x["article_id"] != article_id]
            # it may lose relations: its story is recomputed whole (link.stories._grown)
            self.store.execute("UPDATE story_events SET basis = NULL WHERE event_id = ?", (eid,))
            if event["mentions"]:
                self._refresh(event)
                self._index(event)
            self.dirty.add(eid)

    def flush(self) -> None:
        for eid in sorted(self.dirty):
            event = self.loaded[eid]
            if event["mentions"]:
                event["summary"] = self.summary(event)
            linked.save_event(self.store, event)
        self.dirty.clear()

