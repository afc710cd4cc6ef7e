"""Composite read queries: entity profiles and event filters (CLI and API share them)."""

from __future__ import annotations

import json

from storyline.store import queries
from storyline.store.base import Store


# ISO dates of mixed precision compare by their common prefix: '2022-02' lies within
# --from 2022-02-01, and '2022-02-12' within --to 2022-02. Written in SQL both backends accept,
# so filtering and paging happen in the database and only the page's records are parsed.
_FROM = "substr(date, 1, length(?)) >= substr(?, 1, length(date))"
_TO = "substr(date, 1, length(?)) <= substr(?, 1, length(date))"


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
        clauses.append(f"id IN (SELECT DISTINCT event_id FROM event_actors WHERE entity_id IN ({marks}))")
        params.extend(ids)
    if date_from:
        clauses.append(f"date IS NOT NULL AND {_FROM}")
        params.extend([date_from, date_from])
    if date_to:
        clauses.append(f"date IS NOT NULL AND {_TO}")
        params.extend([date_to, date_to])
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    page = ""
    if limit is not None:
        page = " LIMIT ? OFFSET ?"
        params.extend([limit, offset])
    rows = store.rows(f"SELECT record FROM events {where} ORDER BY date IS NULL, date, id{page}", params)
    return [json.loads(r["record"]) for r in rows]


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
