"""Coverage of the same merged events: who reports an event, who is silent, and per outlet how much
of what it reports others report too.

An outlet's silence says something only where it was looking: an event reported by at least
`min_reporting_outlets` other compared outlets is a *blind spot* of an outlet only when that outlet published within `window_days` of the
event's date (the period) and those articles name every actor of the event (the topic; an event
without actors: an entity of its mentions' paragraphs). Undated events and events that did not
happen (planned, conditional, denied) are never blind spots: a period is needed, and a silence
about something that did not happen is no omission. `only_here` keeps the events that only one
outlet reports among those another compared outlet was covering. The records carry the event's
summary, date and type (the key is the event id, for links; never shown as such).

Hand-written: the window look-ups are sets of entity ids per (outlet, day).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date as Date, timedelta

from storyline.link.framing.corpus import Corpus, FramingSettings, record
from storyline.store import Store

HAPPENED = (None, "occurred")


def coverage(store: Store, corpus: Corpus, settings: FramingSettings) -> list[dict]:
    if len(corpus.outlets) < 2:
        return []  # a blind spot needs someone else to compare with
    seen = _entities_by_day(store, corpus)
    blind: dict[str, list[dict]] = defaultdict(list)
    only: list[dict] = []
    reported: dict[str, int] = defaultdict(int)
    shared: dict[str, int] = defaultdict(int)
    for r in store.iter_rows("SELECT record FROM events ORDER BY date IS NULL, date, id"):
        event = json.loads(r["record"])
        mentions = [m for m in event["mentions"] if m["article_id"] in corpus.outlet_of]
        by_outlet = sorted({corpus.outlet_of[m["article_id"]] for m in mentions})
        for o in by_outlet:
            reported[o] += 1
            shared[o] += len(by_outlet) > 1
        day = _day(event.get("date"))
        if not by_outlet or day is None or event.get("status") not in HAPPENED:
            continue
        actors = {a["entity_id"] for a in event.get("actors") or [] if a.get("entity_id")}
        named = {o: _named(seen, o, day, settings.window_days) for o in corpus.outlets if o not in by_outlet}
        named = {o: n for o, n in named.items() if n}  # the outlets that published in the period
        if named and not actors:  # read only for the events that need them
            actors_any = _paragraph_entities(store, mentions)
            looking = [o for o in named if actors_any & named[o]]
        else:
            looking = [o for o in named if actors <= named[o]]
        if not looking:
            continue
        extra = {"date": event.get("date"), "type": event["type"], "summary": event.get("summary", ""),
                 "event_id": event["id"], "reported_by": by_outlet}
        examples = [{"article_id": m["article_id"], "paragraph": m["paragraph"], "text": m["text"],
                     "outlet": corpus.outlet_of[m["article_id"]]} for m in mentions]
        if len(by_outlet) == 1:
            only.append(record(by_outlet[0], "only_here", event["id"], len(mentions), examples,
                               silent=looking, **extra))
        for o in looking if len(by_outlet) >= settings.blind_min_outlets else ():
            blind[o].append(record(o, "blind_spot", event["id"], len(by_outlet), examples,
                                   mentions=len(mentions), **extra))
    out = []
    for o in corpus.outlets:
        spots = sorted(blind.get(o, []), key=lambda r: (-r["value"], -r["mentions"], r["date"] or "", r["key"]))
        n = reported.get(o, 0)
        out.append(record(o, "coverage", "events reported", n, []))
        out.append(record(o, "coverage", "also reported by another outlet", shared.get(o, 0), [],
                          percent=round(100 * shared.get(o, 0) / n, 1) if n else None))
        out.append(record(o, "coverage", "blind spots", len(spots), []))
        out += spots[:settings.blind_per_outlet]
    only.sort(key=lambda r: (-len(r["silent"]), -r["value"], r["date"] or "", r["key"]))
    return out + only


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _named(seen: dict, outlet: str, day: Date, window: int) -> set[str]:
    """The entities the outlet's articles published within `window` days of `day` name."""
    named: set[str] = set()
    for k in range(-window, window + 1):
        named |= seen.get((outlet, day + timedelta(days=k)), set())
    return named


def _entities_by_day(store: Store, corpus: Corpus) -> dict[tuple[str, Date], set[str]]:
    """(outlet, publication day) -> the entity ids its articles of that day name."""
    out: dict[tuple[str, Date], set[str]] = defaultdict(set)
    for r in store.iter_rows("SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id IS NOT NULL"):
        day = _day(corpus.published.get(r["article_id"]))
        if day is not None:
            out[(corpus.outlet_of[r["article_id"]], day)].add(r["entity_id"])
    return out


def _paragraph_entities(store: Store, mentions: list[dict]) -> set[str]:
    """The entity ids named in the paragraphs of an event's mentions."""
    out: set[str] = set()
    for m in mentions:
        out |= {r["entity_id"] for r in store.rows(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND paragraph = ? AND entity_id IS NOT NULL",
            (m["article_id"], m["paragraph"]))}
    return out
