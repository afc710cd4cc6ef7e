"""JSON endpoints behind the web UI's overview pages, under /api/views/: coverage over time (articles
by outlet, events by type), the entity co-occurrence network, stories with their events, and the
original-article links of an event's sources.

All are aggregates computed in SQL over the read-only store (the same connection-per-request
dependency as the other routes). Their response models live here rather than in api_models.py
because they describe these views only, and nothing else imports them.

"Busy month": the UI opens the timeline and the stories on the newest month whose volume is at
least a quarter of the busiest month's. Neither the newest month (a stray mis-dated event in 2031
would win) nor the busiest one (possibly years back) is what a reader opening the page wants; the
oldest events (1812 first, as before) least of all.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Optional

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from storyline.serve import api_models as m
from storyline.serve.api_routes import EventTypeQ, From, NameQ, StoreDep, To, _dates, _entity_ids, _table_exists

router = APIRouter(prefix="/api/views", tags=["views"],
                   responses={503: {"description": "The store cannot be opened (the reason)."}})
BUSY_SHARE = 0.25  # a month is busy when it has at least this share of the busiest month's volume
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class Series(BaseModel):
    key: str  # an outlet's name or an event type ("" for the other outlets together)
    counts: list[int]  # aligned with Coverage.periods
    total: int


class Coverage(BaseModel):
    by: str
    periods: list[str]  # YYYY-MM, the months that have anything, in order
    series: list[Series]
    totals: list[int]  # per period, all series together
    busy: Optional[str] = None
    total: int


class Node(BaseModel):
    id: str
    name: str
    type: str
    english: Optional[str] = None
    events: int  # events with this entity as an actor (within the filters)


class Edge(BaseModel):
    source: str
    target: str
    weight: int  # events in which both are actors


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]
    note: Optional[str] = None


class Period(BaseModel):
    period: str
    stories: int
    events: int


class StoryWithEvents(m.Open):
    id: str
    title: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    actors: list[str] = []
    types: list[str] = []
    events_total: int
    events: list[m.EventRecord]


class Stories(BaseModel):
    periods: list[Period]
    busy: Optional[str] = None
    period: Optional[str] = None
    total: int
    limit: int
    offset: int
    items: list[StoryWithEvents]


class ArticleLink(BaseModel):
    id: str
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class Links(BaseModel):
    items: list[ArticleLink]


def busy_month(totals: dict[str, int]) -> Optional[str]:
    """The newest month with at least BUSY_SHARE of the busiest month's volume (None if empty)."""
    if not totals:
        return None
    floor = max(1, BUSY_SHARE * max(totals.values()))
    return max(p for p, n in totals.items() if n >= floor)


def _date_clauses(column: str, date_from: str | None, date_to: str | None) -> tuple[list[str], list[Any]]:
    """Partial ISO dates compared on their own length (2022-02 covers every day of February)."""
    clauses, params = [], []
    if date_from:
        clauses.append(f"substr({column}, 1, ?) >= ?")
        params += [len(date_from), date_from]
    if date_to:
        clauses.append(f"substr({column}, 1, ?) <= ?")
        params += [len(date_to), date_to]
    return clauses, params


def _marks(values: list) -> str:
    return ",".join("?" for _ in values)


@router.get("/coverage", response_model=Coverage, summary="报道量 Coverage over time by outlet or event type")
def coverage(store: StoreDep, by: Annotated[str, Query(pattern="^(outlet|type)$")] = "outlet",
             entity: NameQ = None, type: EventTypeQ = None,
             date_from: From = None, date_to: To = None,
             top: Annotated[int, Query(ge=1, le=30, description="Series kept; the rest are summed as \"\".")] = 10):
    """`by=outlet`: articles per month and outlet (by publication date; duplicates left out).
    `by=type`: merged events per month and event type (by the event's date), optionally only the
    events of one entity. Months without anything are left out, so a stray 1812 event does not
    stretch the axis over two centuries. Filters are checked as everywhere (serve/validate.py: 422)."""
    _dates(date_from, date_to)
    if by == "outlet":
        clauses, params = _date_clauses("published", date_from, date_to)
        clauses += ["published IS NOT NULL", "length(published) >= 7", "outlet IS NOT NULL", "duplicate_of IS NULL"]
        if entity:
            ids = _entity_ids(store, entity)
            clauses.append(f"id IN (SELECT article_id FROM mentions WHERE entity_id IN ({_marks(ids)}))")
            params += ids
        rows = store.rows(f"SELECT substr(published, 1, 7) AS p, outlet AS k, COUNT(*) AS n FROM articles "
                          f"WHERE {' AND '.join(clauses)} GROUP BY substr(published, 1, 7), outlet", params)
    else:
        clauses, params = _date_clauses("date", date_from, date_to)
        clauses += ["date IS NOT NULL", "length(date) >= 7"]
        if type:
            clauses.append("type = ?")
            params.append(type)
        if entity:
            ids = _entity_ids(store, entity)
            clauses.append(f"id IN (SELECT event_id FROM event_actors WHERE entity_id IN ({_marks(ids)}))")
            params += ids
        rows = store.rows(f"SELECT substr(date, 1, 7) AS p, type AS k, COUNT(*) AS n FROM events "
                          f"WHERE {' AND '.join(clauses)} GROUP BY substr(date, 1, 7), type", params)
    periods = sorted({r["p"] for r in rows})
    at = {p: i for i, p in enumerate(periods)}
    by_key: dict[str, list[int]] = {}
    for r in rows:
        by_key.setdefault(r["k"], [0] * len(periods))[at[r["p"]]] += int(r["n"])
    ranked = sorted(by_key.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    series = [Series(key=k, counts=c, total=sum(c)) for k, c in ranked[:top]]
    if len(ranked) > top:
        rest = [sum(c[i] for _, c in ranked[top:]) for i in range(len(periods))]
        series.append(Series(key="", counts=rest, total=sum(rest)))
    totals = [sum(c[i] for c in by_key.values()) for i in range(len(periods))]
    return Coverage(by=by, periods=periods, series=series, totals=totals,
                    busy=busy_month(dict(zip(periods, totals))), total=sum(totals))


@router.get("/network", response_model=Network,
            summary="关系网 Entity co-occurrence network (actors of the same events)")
def network(store: StoreDep, entity: NameQ = None, type: EventTypeQ = None,
            date_from: From = None, date_to: To = None,
            limit: Annotated[int, Query(ge=2, le=300, description="Most connected entities kept.")] = 60,
            min_weight: Annotated[int, Query(ge=1, le=1000, description="Edges with fewer shared events are left out.")] = 1):
    """Two entities are linked when both are actors of one merged event; an edge's weight is the
    number of such events. With `entity`, only the events that entity takes part in (its ego
    network). The `limit` entities with the largest weighted degree are kept."""
    _dates(date_from, date_to)
    clauses, params = _date_clauses("e.date", date_from, date_to)
    if type:
        clauses.append("e.type = ?")
        params.append(type)
    ids = _entity_ids(store, entity)
    if ids:
        clauses.append(f"a.event_id IN (SELECT event_id FROM event_actors WHERE entity_id IN ({_marks(ids)}))")
        params += ids
    join = "JOIN events e ON e.id = a.event_id " if (type or date_from or date_to) else ""
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    pairs = store.rows(
        f"SELECT a.entity_id AS s, b.entity_id AS t, COUNT(DISTINCT a.event_id) AS w FROM event_actors a "
        f"JOIN event_actors b ON b.event_id = a.event_id AND a.entity_id < b.entity_id {join}{where} "
        f"GROUP BY a.entity_id, b.entity_id HAVING COUNT(DISTINCT a.event_id) >= ?", [*params, min_weight])
    degree: dict[str, int] = {}
    for r in pairs:
        for key in (r["s"], r["t"]):
            degree[key] = degree.get(key, 0) + int(r["w"])
    keep = set(sorted(degree, key=lambda k: (-degree[k], k))[:limit])
    if ids:
        keep |= set(ids) & set(degree)  # the entity asked for stays in its own network
    edges = [Edge(source=r["s"], target=r["t"], weight=int(r["w"])) for r in pairs if r["s"] in keep and r["t"] in keep]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    kept = sorted(keep)
    nodes: list[Node] = []
    if kept:
        counts = {r["entity_id"]: int(r["n"]) for r in store.rows(
            f"SELECT a.entity_id, COUNT(DISTINCT a.event_id) AS n FROM event_actors a {join}"
            f"WHERE a.entity_id IN ({_marks(kept)})" + "".join(" AND " + c for c in clauses) + " GROUP BY a.entity_id",
            [*kept, *params])}
        for r in store.rows(f"SELECT id, name, type, record FROM entities WHERE id IN ({_marks(kept)})", kept):
            english = (json.loads(r["record"] or "{}") or {}).get("english")
            nodes.append(Node(id=r["id"], name=r["name"], type=r["type"], english=english, events=counts.get(r["id"], 0)))
    nodes.sort(key=lambda n: (-n.events, n.id))
    shown = {n.id for n in nodes}
    edges = [e for e in edges if e.source in shown and e.target in shown]
    note = f"{len(nodes)} of {len(degree)} connected entities: the most connected" if len(degree) > len(nodes) else None
    return Network(nodes=nodes, edges=edges, note=note)


@router.get("/stories", response_model=Stories, summary="故事线 Stories of a month with their events")
def stories(store: StoreDep, period: Annotated[Optional[str], Query(pattern=MONTH, description="YYYY-MM; "
                                                                    "default: the newest busy month")] = None,
            limit: Annotated[int, Query(ge=1, le=200)] = 20, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
            events: Annotated[int, Query(ge=1, le=200, description="Events shown per story, in date order.")] = 20):
    """Stories are threads of events within one calendar month (their `period`). The months come with
    their numbers of stories and events; the stories of the chosen month, biggest first."""
    if not _table_exists(store, "stories"):
        return Stories(periods=[], total=0, limit=limit, offset=offset, items=[])
    rows = store.rows("SELECT s.period AS period, COUNT(DISTINCT s.id) AS stories, COUNT(se.event_id) AS events "
                      "FROM stories s LEFT JOIN story_events se ON se.story_id = s.id WHERE s.period IS NOT NULL "
                      "GROUP BY s.period ORDER BY s.period")
    periods = [Period(period=r["period"], stories=int(r["stories"]), events=int(r["events"])) for r in rows]
    busy = busy_month({p.period: p.events for p in periods})
    chosen = period or busy
    if chosen is None:
        return Stories(periods=periods, total=0, limit=limit, offset=offset, items=[])
    total = int(store.scalar("SELECT COUNT(*) FROM stories WHERE period = ?", (chosen,)) or 0)
    picked = store.rows("SELECT s.id AS id, s.record AS record, COUNT(se.event_id) AS n FROM stories s "
                        "LEFT JOIN story_events se ON se.story_id = s.id WHERE s.period = ? "
                        "GROUP BY s.id, s.record ORDER BY COUNT(se.event_id) DESC, s.id LIMIT ? OFFSET ?",
                        (chosen, limit, offset))
    items = []
    for r in picked:
        rec = json.loads(r["record"])
        ids = list(rec.get("event_ids") or [])
        found = store.rows(f"SELECT record FROM events WHERE id IN ({_marks(ids)}) ORDER BY date IS NULL, date, id "
                           f"LIMIT ?", [*ids, events]) if ids else []
        rec.pop("event_ids", None)
        items.append(StoryWithEvents(**{**rec, "id": r["id"], "events_total": len(ids),
                                        "events": m.event_records([f["record"] for f in found])}))
    return Stories(periods=periods, busy=busy, period=chosen, total=total, limit=limit, offset=offset, items=items)


@router.get("/links", response_model=Links, responses={404: {"description": "No such event."}},
            summary="原文链接 Original-article links of an event's sources")
def links(store: StoreDep, event: Annotated[str, Query(min_length=1, max_length=128)]):
    """The URL, title and outlet of each article an event's mentions come from (a URL other than
    http(s) is left out: the page links to it)."""
    rows = store.rows("SELECT record FROM events WHERE id = ?", (event,))
    if not rows:
        raise HTTPException(404, "no such event")
    wanted = sorted({mm["article_id"] for mm in json.loads(rows[0]["record"]).get("mentions", [])})
    found = store.rows(f"SELECT id, url, title, outlet, published FROM articles WHERE id IN ({_marks(wanted)})",
                       wanted) if wanted else []
    return Links(items=[ArticleLink(**{**r, "url": r["url"] if str(r["url"] or "").startswith(("http://", "https://"))
                                       else None}) for r in found])
