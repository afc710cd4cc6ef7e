"""Re-merge: merged events as a function of the set of reports, not of the order they were read.

The event linker (link/events.py) merges greedily: a report joins the best event among those that
exist when it is read, and an event's consensus (its date, actors, roles) moves as reports join.
Read in another order (folders that sort differently, or the same files split across two
ingests), a few reports join differently. So after the last batch of an ingest, every event the
ingest touched is merged again with its **neighbourhood** in one canonical order:

* the neighbourhood of an event is the closure of "could take one of its reports": stored events
  of the same type that share an entity with one of its reports and are dated within two days of
  one of them (or carry no day-precise date, like an undated report), found through the event
  linker's own (type, entity, day) index and store look-ups, then theirs in turn;
* its reports are replayed in publication order, ties by the article's text hash, paragraph and
  position (`events.mention_order`), through the same matching rule (`events.best_event`) and the
  same consensus (`events.refresh`); event ids derive from each new event's first report. A copy
  of a report (same type, text, source and actors) goes to the event of its earliest copy: a
  greedy run drops copies it folds in, so only the earliest copy is sure to be there (two
  reports of one clause with other actors, 普京 calling 马克龙 and 卢卡申科, are not copies);
* what changed is written: new and re-formed events saved, emptied ones deleted, and every stored
  event mention pointed at its event again (the dropped copies of a repeated sentence follow the
  copy that stands for them).

The replay reaches the same events a single ingest of all the reports in that order would, so
ingest A then B equals ingest A+B, in whatever order or folders, as long as the closure holds
everything a report could have joined. An undated report could join any event of its (type,
entity) keys, so its key is taken whole: on a large store a busy key (俄罗斯 ASSAULT) makes a
large neighbourhood, which costs replay time only after ingests that touch it.

Hand-written: a replay of the linker's own rule, no library applies here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date as Date

from storyline.link import consensus
from storyline.link.dates import day_of
from storyline.link.events import (EventLinker, Probe, add_entry, is_copy, best_event, event_id_for, mention_order,
                                   new_event, refresh, sentence_key)
from storyline.store import linked

REACH = 2  # days either side of a report's date whose events join its neighbourhood


@dataclass
class Outcome:
    events: set[str] = field(default_factory=set)  # event ids saved or deleted
    articles: set[str] = field(default_factory=set)  # articles whose mentions changed event
    renamed: dict[str, str] = field(default_factory=dict)  # event mention id -> its new event


class Remerger:
    def __init__(self, linker: EventLinker) -> None:
        self.linker = linker
        self._by_day: dict[tuple[str, int | None], dict[str, list[str]]] = {}  # see _reports
        self._rows: dict[str, list] = {}  # event mention id -> [its event id, its entity ids]

    def run(self, seeds: set[str], name_of) -> Outcome:
        """Re-merge the neighbourhoods of the `seeds` event ids (in the caller's transaction)."""
        out = Outcome()
        done: set[str] = set()
        for seed in sorted(seeds):
            if seed in done:
                continue
            group = self._neighbourhood(seed)
            done |= group
            if len(group) == 1 and len(self._event(seed)["mentions"]) == 1:
                continue  # one report alone: the replay would give it back as it is
            if group:
                self._replay(sorted(group), name_of, out)
        return out

    # -- the neighbourhood -----------------------------------------------------------------
    def _event(self, eid: str) -> dict | None:
        event = self.linker.loaded.get(eid)
        if event is None:
            rows = self.linker.store.rows("SELECT record FROM events WHERE id = ?", (eid,))
            if not rows:
                return None
            event = self.linker.loaded[eid] = json.loads(rows[0]["record"])
            self.linker._index(event)
        return event if event["mentions"] else None

    def _neighbourhood(self, seed: str) -> set[str]:
        if self._event(seed) is None:
            return set()
        group, todo, asked = {seed}, [seed], set()
        while todo:
            event = self._event(todo.pop())
            if event is None:
                continue
            keys = _keys(event) - asked
            asked |= keys
            self._preload(keys)
            dates: dict[tuple[str, str], set[int | None]] = {}
            for type_, entity, date in keys:
                day = day_of(date)
                dates.setdefault((type_, entity), set()).add(day.toordinal() if day else None)
            for (type_, entity), days in sorted(dates.items()):
                for found in sorted(self._near(type_, entity, days) - group):
                    group.add(found)
                    todo.append(found)
        return group

    def _near(self, type_: str, entity: str, days: set[int | None]) -> set[str]:
        """Events of `type_` one of whose reports (or whose merged actors) name `entity`, dated
        within a day of one of `days` (ordinals; None: any day) or without a day-precise date: the
        linker's (type, entity) index finds them by their merged actors (what its `_candidates`
        gives for each day, taken once for all of them: `_keys` asks three consecutive days of
        each report), the stored reports of those days by any report's (an outlying report's
        entity may have been merged actor for a while, in another order)."""
        linker = self.linker
        for day in sorted(days, key=lambda d: -1 if d is None else d):
            linker._load(type_, {entity}, day)  # as `_candidates` does for each
        linker._recent_keys.add((type_, entity))
        near = {d + k for d in days if d is not None for k in (-1, 0, 1)}
        index = linker._by_actor.get((type_, entity), {})
        if None in days:
            ids = set().union(*index.values())
        else:
            ids = set().union(*(index.get(d, ()) for d in near | {None}))
        # an id may outlive its event in the index (dates move, `remerge` renames): skipped
        found = {e for e in ids if e in linker.loaded and linker.loaded[e]["mentions"]}
        for day in sorted(near) + [None]:
            for row in self._reports(type_, day).get(entity, ()):
                found.add(self._rows[row][0])
        return found

    def _preload(self, keys: set[tuple[str, str, str | None]]) -> None:
        """What `_candidates` would read for the dated `keys` (each day within a day of theirs),
        read in one query per (type, entity) instead of one per date: `_keys` asks three
        consecutive dates of each report, whose three-day reads overlap. Same events, same
        `_days_loaded` after the calls; `_candidates` then finds its days loaded and reads nothing
        (the loose events and undated keys it still reads itself). Likewise the stored reports of
        the days `_near` scans, in one query per type. No events are read while the linker holds
        them all (`EventLinker.complete`); the reports still are."""
        linker = self.linker
        days: dict[tuple[str, str], set[int]] = {}
        report_days: dict[str, set[int]] = {}  # the days `_near` will scan with `_reports`
        for type_, entity, date in keys:
            day = day_of(date)
            if day is None:
                continue
            o = day.toordinal()
            report_days.setdefault(type_, set()).update((o - 1, o, o + 1))
            if (type_, entity) not in linker._keys_loaded:
                days.setdefault((type_, entity), set()).update(d for d in (o - 1, o, o + 1) if d >= 1)
        for (type_, entity), want in sorted(days.items()) if not linker.complete else ():
            if len(want) <= 3:
                continue  # one date's read: `_candidates` does exactly this one itself
            missing = want - linker._days_loaded.get((type_, entity), set())
            if not missing:
                continue
            if type_ not in linker._loose_types:  # read before the dated ones, as `_load` does
                linker._read_loose(type_)
                linker._loose_types.add(type_)
            values = tuple(Date.fromordinal(d).isoformat() for d in sorted(missing))
            linker._read(type_, [entity], f" AND e.date IN ({','.join('?' * len(values))})", values, by_day=True)
            linker._days_loaded.setdefault((type_, entity), set()).update(missing)
        for type_, want in sorted(report_days.items()):
            self._read_days(type_, sorted(d for d in want if (type_, d) not in self._by_day))

    def _read_days(self, type_: str, days: list[int]) -> None:
        """`_reports` of several days of `type_` in one query (the same rows, grouped by day)."""
        if not days:
            return
        values = tuple(Date.fromordinal(d).isoformat() for d in days)
        for d in days:
            self._by_day[(type_, d)] = {}
        rows = self.linker.store.rows(
            f"SELECT id, event_id, actors, date FROM event_mentions WHERE type = ? AND date IN "
            f"({','.join('?' * len(values))}) AND event_id IS NOT NULL", (type_, *values))
        for r in rows:
            self._take_report(self._by_day[(type_, Date.fromisoformat(r["date"]).toordinal())], r)

    def _reports(self, type_: str, day: int | None) -> dict[str, list[str]]:
        """Stored event mention ids of `type_` dated `day` (None: without a day-precise date) by
        each entity they name, read once per remerge; `_rows` holds each one's current event and
        entities."""
        key = (type_, day)
        if key not in self._by_day:
            if day is None:
                where, params = "(date IS NULL OR length(date) <> 10)", ()
            else:
                where, params = "date = ?", (Date.fromordinal(day).isoformat(),)
            rows = self.linker.store.rows(
                f"SELECT id, event_id, actors FROM event_mentions WHERE type = ? AND {where} AND event_id IS NOT NULL",
                (type_, *params))
            ids: dict[str, list[str]] = {}
            for r in rows:
                self._take_report(ids, r)
            self._by_day[key] = ids
        return self._by_day[key]

    def _take_report(self, ids: dict[str, list[str]], r) -> None:
        ents = {a.get("entity_id") for a in json.loads(r["actors"] or "[]")} - {None}
        self._rows[r["id"]] = [r["event_id"], ents]
        for e in ents:
            ids.setdefault(e, []).append(r["id"])

    # -- the replay --------------------------------------------------------------------------
    def _replay(self, ids: list[str], name_of, out: Outcome) -> None:
        old = {eid: e for eid in ids if (e := self._event(eid)) is not None}
        # a report's own dict is copied (add_entry sets its `copies`); its actors are only read
        reports = sorted(((e["type"], dict(m), eid) for eid, e in old.items() for m in e["mentions"]),
                         key=lambda r: (mention_order(r[1]), r[0], r[1].get("key") or ""))
        events: dict[str, dict] = {}
        index: dict[tuple[str, str], set[str]] = {}
        moved: dict[tuple, str] = {}  # (old event, article, paragraph, start, end) -> new event
        by_key: dict[tuple[str, str], str] = {}  # (old event, sentence key) -> new event
        sentences: dict[tuple, list[tuple[dict, str]]] = {}  # (type, sentence, source) -> first copies' events
        for type_, entry, was in reports:
            sentence = (type_, entry.get("key") or sentence_key(entry["text"]), consensus.source_of(entry))
            # a later copy goes where its first copy went (add_entry folds it in)
            event = next((events[e] for first, e in sentences.get(sentence, []) if is_copy(first, entry)), None)
            if event is None:
                probe = Probe.of_entry(type_, entry)
                found: set[str] = set()
                for i in probe.ids:
                    found |= index.get((type_, i), set())
                event = best_event(probe, [events[e] for e in sorted(found)])
            if event is None:
                eid = event_id_for(type_, entry)
                while eid in events or (eid not in old and self._taken(eid)):
                    eid += "+"  # two events whose first reports share a clause
                event = events[eid] = new_event(eid, type_, entry["status"])
            if not any(is_copy(first, entry) for first, _ in sentences.get(sentence, [])):
                sentences.setdefault(sentence, []).append((entry, event["id"]))
            stands = add_entry(event, entry)
            if stands:
                refresh(event, name_of)
                for a in event["actors"]:
                    if a["entity_id"]:
                        index.setdefault((type_, a["entity_id"]), set()).add(event["id"])
            moved[(was, entry["article_id"], entry["paragraph"], entry["start"], entry["end"])] = event["id"]
            by_key.setdefault((was, entry.get("key") or sentence_key(entry["text"])), event["id"])
        self._write(old, events, moved, by_key, out)

    def _taken(self, eid: str) -> bool:
        return eid in self.linker.loaded or bool(self.linker.store.rows("SELECT 1 FROM events WHERE id = ?", (eid,)))

    def _write(self, old: dict[str, dict], events: dict[str, dict], moved: dict, by_key: dict,
               out: Outcome) -> None:
        linker = self.linker
        for eid, event in events.items():
            event["summary"] = linker.summary(event)
            before = old.get(eid)
            if before is not None:
                if "story_id" in before:
                    event["story_id"] = before["story_id"]  # kept until its story is recomputed
                if before == event:
                    continue
            linked.save_event(linker.store, event)
            out.events.add(eid)
        for eid, event in old.items():
            if eid not in events:
                event["mentions"] = []  # stays in memory as an empty record: its index entries lead nowhere
                linked.save_event(linker.store, event)
                out.events.add(eid)
        for eid, event in events.items():
            linker.loaded[eid] = event
            linker._index(event)
        updates = []
        for r in linker.store.rows_in(
                "SELECT id, article_id, paragraph, start_pos, end_pos, text, event_id FROM event_mentions "
                "WHERE event_id IN ({in})", sorted(old)):
            new = moved.get((r["event_id"], r["article_id"], r["paragraph"], r["start_pos"], r["end_pos"]))
            new = new or by_key.get((r["event_id"], sentence_key(r["text"])))
            if new and new != r["event_id"]:
                updates.append((new, r["id"]))
                out.articles.add(r["article_id"])
                out.renamed[r["id"]] = new
                if r["id"] in self._rows:
                    self._rows[r["id"]][0] = new
        linker.store.executemany("UPDATE event_mentions SET event_id = ? WHERE id = ?", updates)


def _keys(event: dict) -> set[tuple[str, str, str | None]]:
    """(type, entity, date) look-ups that find every event one of `event`'s reports could join:
    each report's entities on each day within REACH of its date (or undated: the whole key)."""
    keys = set()
    for m in event["mentions"]:
        dates = _around(m.get("date"))
        for a in m.get("actors", []):
            if a.get("entity_id"):
                keys.update((event["type"], a["entity_id"], d) for d in dates)
    dates = _around(event.get("date"))
    for a in event["actors"]:
        if a.get("entity_id"):
            keys.update((event["type"], a["entity_id"], d) for d in dates)
    return keys


def _around(value: str | None) -> list[str | None]:
    """Dates whose look-up (a day either side) covers REACH days around `value`; a value that is
    not day-precise looks up the whole key (as `EventLinker._candidates` does)."""
    day = day_of(value)
    if day is None:
        return [None]
    o = day.toordinal()
    return [Date.fromordinal(o + k).isoformat() for k in range(-(REACH - 1), REACH)]
