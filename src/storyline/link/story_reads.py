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
    the stories of the months before and after that go on with the same lead actors."""
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


def continuations(store: Store, story: dict, step: int, limit: int = 3) -> list[dict]:
    """Stories of the month `step` months from `story`'s that share its lead actors (two of them,
    or its only one), most shared actors and then most events first: {id, title, period, events}."""
    period, mine = story.get("period"), set(story.get("actors") or ())
    if not period or not mine:
        return []
    year, month = divmod(int(period[:4]) * 12 + int(period[5:7]) - 1 + step, 12)
    found = []
    for r in store.rows("SELECT record FROM stories WHERE period = ?", (f"{year:04d}-{month + 1:02d}",)):
        other = json.loads(r["record"])
        shared = len(mine & set(other.get("actors") or ()))
        if shared and shared >= min(2, len(mine), len(other.get("actors") or ())):
            found.append((-shared, -len(other["event_ids"]), other["id"], other))
    return [{"id": o["id"], "title": o["title"], "period": o["period"], "events": len(o["event_ids"])}
            for *_, o in sorted(found)[:limit]]
