"""Composite read queries: entity profiles and event filters (CLI and API share them)."""

from __future__ import annotations

import json

from storyline.store import queries
from storyline.store.base import Store


def _date_ok(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Compare ISO dates of mixed precision by prefix: '2022-02' lies within --from 2022-02-01."""
    if date is None:
        return not (date_from or date_to)
    if date_from and date[: len(date_from)] < date_from[: len(date)]:
        return False
    if date_to and date[: len(date_to)] > date_to[: len(date)]:
        return False
    return True


def filter_events(
    store: Store,
    type: str | None = None,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict]:
    clauses, params = [], []
    if type:
        clauses.append("type = ?")
        params.append(type.upper())
    if entity:
        ids = queries.entity_ids_for(store, entity)
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        clauses.append(
            f"id IN (SELECT DISTINCT event_id FROM event_actors WHERE entity_id IN ({marks}))"
        )
        params.extend(ids)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.rows(f"SELECT record FROM events {where} ORDER BY date IS NULL, date, id", params)
    out = [json.loads(r["record"]) for r in rows]
    out = [e for e in out if _date_ok(e.get("date"), date_from, date_to)]
    if limit is not None:
        out = out[offset : offset + limit]
    return out


def entity_profile(store: Store, entity_id: str) -> dict:
    names = queries.entity_names(store)
    quotes = [
        queries.quote_from_row(r, names)
        for r in store.rows(
            "SELECT * FROM quotes WHERE speaker_entity_id = ? ORDER BY date IS NULL, date, article_id, paragraph",
            (entity_id,),
        )
    ]
    events = [
        json.loads(r["record"])
        for r in store.rows(
            "SELECT record FROM events WHERE id IN (SELECT event_id FROM event_actors WHERE entity_id = ?) "
            "ORDER BY date IS NULL, date, id",
            (entity_id,),
        )
    ]
    return {"events": events, "quotes": quotes}
