"""Persistence of cross-article (linked) state: canonical entities, and the link queue (work
queued by one batch and done after the last, see migration 0004)."""

from __future__ import annotations

import json

from storyline.store.base import Store
from storyline.store.writer import dumps


def load_entities(store: Store) -> list[dict]:
    return [json.loads(r["record"]) for r in store.rows("SELECT record FROM entities ORDER BY id")]


def entity_mentions_of_article(store: Store, article_id: str) -> dict[str, int]:
    """Linked entity -> its stored mentions in one article."""
    return {r["entity_id"]: int(r["n"]) for r in store.rows(
        "SELECT entity_id, COUNT(*) AS n FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL "
        "GROUP BY entity_id", (article_id,))}


def save_entities(store: Store, records: list[dict], recount: bool = True) -> None:
    """Upsert entity records. `recount`: their mention and article counts are recomputed from
    the stored mentions, which reads every mention of each entity (fine for a few records). The
    ingest writer passes False: its registry keeps the counts of the stored mentions as it
    links and replaces articles, and a batch of a large store must not read them all again."""
    for rec in records:
        if recount:
            row = store.rows(
                "SELECT COUNT(*) AS n, COUNT(DISTINCT article_id) AS a FROM mentions WHERE entity_id = ?", (rec["id"],))
            rec = {**rec, "mentions": int(row[0]["n"]), "articles": int(row[0]["a"])}
        store.execute("DELETE FROM entities WHERE id = ?", (rec["id"],))
        store.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (rec["id"],))
        store.execute(
            "INSERT INTO entities (id, name, type, record) VALUES (?,?,?,?)",
            (rec["id"], rec["name"], rec["type"], dumps(rec)),
        )
        store.executemany(
            "INSERT INTO entity_aliases (alias, entity_id) VALUES (?,?)",
            [(alias, rec["id"]) for alias in sorted(set(rec.get("aliases", [])) | {rec["name"]})],
        )


def save_event(store: Store, event: dict) -> None:
    """Upsert one merged event and its actor index; an event left with no mentions is removed."""
    store.execute("DELETE FROM events WHERE id = ?", (event["id"],))
    store.execute("DELETE FROM event_actors WHERE event_id = ?", (event["id"],))
    if not event["mentions"]:
        return
    corroboration = event.get("corroboration") or {}
    unconfirmed = event.get("unconfirmed")
    store.execute(
        "INSERT INTO events (id, type, date, record, sources, unconfirmed) VALUES (?,?,?,?,?,?)",
        (event["id"], event["type"], event["date"], dumps(event), corroboration.get("outlets"),
         None if unconfirmed is None else int(unconfirmed)),
    )
    ids = sorted({a["entity_id"] for a in event["actors"] if a["entity_id"]})
    store.executemany("INSERT INTO event_actors (event_id, entity_id) VALUES (?,?)", [(event["id"], i) for i in ids])


def save_story(store: Store, story: dict, basis: dict[str, str] | None = None,
               links: dict[str, str | None] | None = None) -> None:
    """Upsert one story record and its event index (the record's `event_ids`, each with the
    `basis` its story was computed from and its `links`, if given: link.stories)."""
    store.execute("DELETE FROM stories WHERE id = ?", (story["id"],))
    store.execute("DELETE FROM story_events WHERE story_id = ?", (story["id"],))
    store.execute("INSERT INTO stories (id, period, start, record) VALUES (?,?,?,?)",
                  (story["id"], story.get("period"), story.get("start"), dumps(story)))
    basis, links = basis or {}, links or {}
    store.executemany("INSERT INTO story_events (story_id, event_id, basis, links) VALUES (?,?,?,?)",
                      [(story["id"], e, basis.get(e), links.get(e)) for e in story["event_ids"]])


def queued(store: Store, kind: str) -> list[str]:
    return [r["item_id"] for r in store.rows("SELECT item_id FROM link_queue WHERE kind = ? ORDER BY item_id", (kind,))]


def enqueue(store: Store, kind: str, ids: list[str]) -> None:
    dequeue(store, kind, ids)  # portable "insert if absent"
    store.executemany("INSERT INTO link_queue (kind, item_id) VALUES (?,?)", [(kind, i) for i in ids])


def dequeue(store: Store, kind: str, ids: list[str]) -> None:
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        store.execute(f"DELETE FROM link_queue WHERE kind = ? AND item_id IN ({','.join('?' * len(chunk))})",
                      (kind, *chunk))
