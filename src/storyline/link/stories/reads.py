"""Reading stories back: the thread of one event and its continuation in the months around it.

Stories are bounded to a calendar month (storyline.link.stories); a thread that goes on is
found again here, at read time, from the stored story records of the neighbouring months, so
nothing stored has to change when a later month is linked.
"""

from __future__ import annotations

import json

from storyline.store import Store


def story_for_event(store: Store, event_id: str) -> dict | None:
    """The thread an event belongs to, with its events in date order, and `previous` / `next`:
    the stories of the nearest months before and after that go on with the same lead actors."""
    sid = store.scalar("SELECT story_id FROM story_events WHERE event_id = ?", (event_id,))
    if sid is None:
        return None
    rows = store.rows("SELECT record FROM stories WHERE id = ?", (sid,))
    if not rows:
        return None
    story = json.loads(rows[0]["record"])
    marks = ",".join("?" for _ in story["event_ids"])
    events = {r["id"]: json.loads(r["record"]) for r in store.rows(
        f"SELECT id, record FROM events WHERE id IN ({marks})", story["event_ids"])}
    story["events"] = [events[i] for i in story["event_ids"] if i in events]
    story["previous"] = continuations(store, story, -1)
    story["next"] = continuations(store, story, +1)
    return story


def continuations(store: Store, story: dict, step: int, limit: int = 3, reach: int = 3) -> list[dict]:
    """Stories that go on with `story`'s lead actors (two of them, or its only one) in the nearest
    month before (`step` -1) or after (+1) it that has any, at most `reach` months away (a thread
    may pause for a quiet month); most shared actors, then most events first:
    {id, title, period, events, first_event}."""
    period, mine = story.get("period"), set(story.get("actors") or ())
    if not period or not mine:
        return []
    for distance in range(1, reach + 1):
        year, month = divmod(int(period[:4]) * 12 + int(period[5:7]) - 1 + step * distance, 12)
        found = []
        for r in store.rows("SELECT record FROM stories WHERE period = ?", (f"{year:04d}-{month + 1:02d}",)):
            other = json.loads(r["record"])
            theirs = set(other.get("actors") or ())
            shared = len(mine & theirs)
            if shared and shared >= min(2, len(mine), len(theirs)):
                found.append((-shared, -len(other["event_ids"]), other["id"], other))
        if found:
            return [{"id": o["id"], "title": o["title"], "period": o["period"], "events": len(o["event_ids"]),
                     "first_event": o["event_ids"][0]} for *_, o in sorted(found)[:limit]]
    return []
