"""Composite read queries: entity profiles and event filters (CLI and API share them).

Everything is filtered, counted, sorted and paged in SQL both backends accept, so a request costs
about one page of records whatever the size of the store: only the page's JSON records are read
and parsed. Pages are chosen on narrow covering indexes (migration 0003) -- `id IN (SELECT id ...
ORDER BY ... LIMIT ?)` -- so the sort never touches the wide `record` column of rows left out.
"""

from __future__ import annotations

import json

from storyline.store import queries
from storyline.store.base import Store

# ISO dates of mixed precision compare by their common prefix: '2022-02' lies within
# --from 2022-02-01, and '2022-02-12' within --to 2022-02. These exact tests cannot use an
# index, so each comes with an equivalent-or-wider range test that can (see date_clauses).
_FROM = "substr(date, 1, length(?)) >= substr(?, 1, length(date))"
_TO = "substr(date, 1, length(?)) <= substr(?, 1, length(date))"
PROFILE_ITEMS = 50  # events and quotes an API profile shows (the most recent ones), with their totals


def date_bound_after(value: str) -> str | None:
    """The ISO date just after every date `value` covers ('2022-02' -> '2022-03', '2022-09-30'
    -> '2022-09-31', '2029' -> '2030'): for ISO dates d, `d[:len(value)] <= value` holds exactly
    when d < the bound. Counting in digits (not bumping the last character to ':') keeps the
    bound right under PostgreSQL's locale collations too, which ignore punctuation when
    comparing. None when `value` is not digits and hyphens, or its year would overflow."""
    digits = value.replace("-", "")
    if not digits.isascii() or not digits.isdigit():
        return None
    bumped = str(int(digits) + 1).zfill(len(digits))
    if len(bumped) != len(digits):
        return None
    out, it = [], iter(bumped)
    for ch in value:
        out.append("-" if ch == "-" else next(it))
    return "".join(out)


def date_clauses(date_from: str | None, date_to: str | None) -> tuple[list[str], list]:
    """WHERE clauses for a mixed-precision date range on column `date`.

    `d >= F` by common prefix holds when d >= F, or when d is a shorter prefix of F ('2022' and
    '2022-02' are within --from 2022-02-01): so d >= F[:4] (ISO dates start with a year) bounds
    an index range, and the exact prefix test stays as a filter; likewise d < date_bound_after(T)
    for `d <= T`."""
    clauses, params = [], []
    if date_from:
        shorter = [date_from[:k] for k in (4, 7) if k < len(date_from)]
        marks = "".join(" OR date = ?" for _ in shorter)
        clauses.append(f"date >= ? AND (date >= ?{marks}) AND {_FROM}")
        params += [date_from[:4], date_from, *shorter, date_from, date_from]
    if date_to:
        bound = date_bound_after(date_to)
        clauses.append(("date < ? AND " if bound else "") + _TO)
        params += [*([bound] if bound else []), date_to, date_to]
    return clauses, params


def _actor_events(store: Store, ids: list[str]) -> int:
    """Events the entities take part in, from the actor index alone: linked.save_event writes an
    event's actor rows with the event, one per distinct entity, and deletes them with it."""
    marks = ",".join("?" for _ in ids)
    return int(store.scalar(f"SELECT COUNT(DISTINCT event_id) FROM event_actors WHERE entity_id IN ({marks})", ids) or 0)


def _actors_clause(store: Store, ids: list[str], depth: int | None) -> str:
    """`events` rows with one of the entities as an actor, phrased for the cheaper plan.

    Two ways to find a page `depth` deep of an entity's events in date order: sort all its n
    events (on the covering index (id, date)), or walk the (date, id) index and probe the actor
    index per event, which meets a match every N/n events of N. The walk wins when n*n > depth*N
    (the most mentioned entities); SQLite follows the phrasing: IN drives from the actor index,
    a correlated EXISTS is probed from the walk. Both mean the same rows to any database."""
    marks = ",".join("?" for _ in ids)
    if depth is not None:
        n = _actor_events(store, ids)
        if n * n > depth * int(store.scalar("SELECT COUNT(*) FROM events") or 0):
            return f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = events.id AND ea.entity_id IN ({marks}))"
    return f"id IN (SELECT event_id FROM event_actors WHERE entity_id IN ({marks}))"


def _event_where(
    store: Store, type: str | None, entity: str | None, date_from: str | None, date_to: str | None,
    depth: int | None = None,
) -> tuple[str, list] | None:
    """WHERE over `events` for the filters; None when the entity is unknown (nothing matches).
    `depth`: how deep a page in date order will be read (chooses the entity clause's plan)."""
    clauses, params = [], []
    if type:
        clauses.append("type = ?")
        params.append(type.upper())
    if entity:
        ids = queries.entity_ids_for(store, entity)
        if not ids:
            return None
        clauses.append(_actors_clause(store, ids, depth))
        params.extend(ids)
    if date_from or date_to:
        dates, date_params = date_clauses(date_from, date_to)
        clauses += ["date IS NOT NULL", *dates]
        params += date_params
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _paged_json(store: Store, where: str, params: list, order: str, limit: int | None, offset: int) -> list[str]:
    if limit is None:
        rows = store.execute(f"SELECT record FROM events {where} ORDER BY {order}", params).fetchall()
    else:  # choose the page's ids on the narrow indexes, then read only those records
        rows = store.execute(f"SELECT record FROM events WHERE id IN (SELECT id FROM events {where} ORDER BY {order} "
                             f"LIMIT ? OFFSET ?) ORDER BY {order}", [*params, limit, offset]).fetchall()
    return [r[0] for r in rows]


def _paged_records(store: Store, where: str, params: list, order: str, limit: int | None, offset: int) -> list[dict]:
    return [json.loads(r) for r in _paged_json(store, where, params, order, limit, offset)]


def filter_event_json(
    store: Store,
    type: str | None = None,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    dated_only: bool = False,
) -> list[str]:
    """Merged events matching the filters, by date (undated last, or left out with dated_only),
    as their stored JSON text: the API validates that text straight into its models."""
    depth = offset + limit if limit is not None and dated_only else None
    found = _event_where(store, type, entity, date_from, date_to, depth)
    if found is None:
        return []
    where, params = found
    if dated_only:
        where = (where + " AND " if where else "WHERE ") + "date IS NOT NULL"
        return _paged_json(store, where, params, "date, id", limit, offset)
    return _paged_json(store, where, params, "date IS NULL, date, id", limit, offset)


def filter_events(store: Store, *args, **kwargs) -> list[dict]:
    """filter_event_json's records, parsed (same arguments)."""
    return [json.loads(r) for r in filter_event_json(store, *args, **kwargs)]


def count_events(
    store: Store,
    type: str | None = None,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> tuple[int, int]:
    """(dated, undated) numbers of events matching the filters, counted in SQL.

    Undated events are few, so the common cases count all from an index (the table's, or the
    actor index for one entity) and the undated on the (date, id) index's NULL range."""
    if not (type or date_from or date_to):
        if entity:
            ids = queries.entity_ids_for(store, entity)
            if not ids:
                return 0, 0
            marks = ",".join("?" for _ in ids)
            total = _actor_events(store, ids)
            undated = int(store.scalar(
                "SELECT COUNT(*) FROM events WHERE date IS NULL AND EXISTS (SELECT 1 FROM event_actors ea "
                f"WHERE ea.event_id = events.id AND ea.entity_id IN ({marks}))", ids) or 0)
        else:
            total = int(store.scalar("SELECT COUNT(*) FROM events") or 0)
            undated = int(store.scalar("SELECT COUNT(*) FROM events WHERE date IS NULL") or 0)
        return total - undated, undated
    found = _event_where(store, type, entity, date_from, date_to)
    if found is None:
        return 0, 0
    where, params = found
    row = store.execute(f"SELECT COUNT(date), COUNT(*) FROM events {where}", params).fetchone()
    dated, total = int(row[0] or 0), int(row[1] or 0)
    return dated, total - dated


def entity_profile(store: Store, entity_id: str, limit: int | None = None, raw_events: bool = False) -> dict:
    """An entity's events and the quotes it spoke.

    limit None (the CLI): all of them, in date order. With a limit (the API): the `limit` most
    recent of each, newest first (undated ones after the dated), plus `events_total` and
    `quotes_total`, so a profile costs the same for a minor figure and for the most quoted one.
    raw_events: events as their stored JSON text (for the API), not parsed."""
    name = store.scalar("SELECT name FROM entities WHERE id = ?", (entity_id,))
    names = {entity_id: name} if name is not None else {}
    actor_of = _actors_clause(store, [entity_id], limit)
    if limit is None:
        quote_rows = store.rows(
            "SELECT * FROM quotes WHERE speaker_entity_id = ? ORDER BY date IS NULL, date, article_id, paragraph",
            (entity_id,))
        return {"events": _paged_records(store, f"WHERE {actor_of}", [entity_id], "date IS NULL, date, id", None, 0),
                "quotes": [queries.quote_from_row(r, names) for r in quote_rows]}
    events = _paged_json(store, f"WHERE {actor_of} AND date IS NOT NULL", [entity_id], "date DESC, id DESC", limit, 0)
    if len(events) < limit:
        events += _paged_json(store, f"WHERE {actor_of} AND date IS NULL", [entity_id], "id", limit - len(events), 0)
    quote_rows = store.rows("SELECT * FROM quotes WHERE speaker_entity_id = ? AND date IS NOT NULL "
                            "ORDER BY date DESC, id DESC LIMIT ?", (entity_id, limit))
    if len(quote_rows) < limit:
        quote_rows += store.rows("SELECT * FROM quotes WHERE speaker_entity_id = ? AND date IS NULL ORDER BY id LIMIT ?",
                                 (entity_id, limit - len(quote_rows)))
    return {
        "events": events if raw_events else [json.loads(e) for e in events],
        "quotes": [queries.quote_from_row(r, names) for r in quote_rows],
        "events_total": _actor_events(store, [entity_id]),
        "quotes_total": int(store.scalar("SELECT COUNT(*) FROM quotes WHERE speaker_entity_id = ?", (entity_id,)) or 0),
    }
