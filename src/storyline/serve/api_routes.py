"""Read-only routes under /api/: thin wrappers over storyline.store.queries / profiles / search.

Every route gets its own read-only store connection (`store_dep`), so requests served by
FastAPI's thread pool never share a cursor, and a PostgreSQL target works the same way.
"""

from __future__ import annotations

import json
from typing import Annotated, Iterator, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from storyline.serve import api_models as m
from storyline.serve import validate
from storyline.store import Store, StoreError, open_store, profiles, queries
from storyline.store import search as search_index

# every route may find the store unavailable; the ones that look one thing up may not find it
router = APIRouter(prefix="/api", responses={503: {"description": "The store cannot be opened (the reason)."}})
NOT_FOUND = {404: {"description": "No such record."}}

Limit = Annotated[int, Query(ge=1, le=500, description="Page size, 1..500.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _checked(check, field: str):
    """A pydantic validator running one of serve/validate.py's checks: a bad value is a 422 whose
    `msg` is the line the CLI prints for the same mistake."""
    def run(value):
        try:
            return check(value, field)
        except validate.FilterError as exc:
            raise PydanticCustomError("bad_filter", "{message}", {"message": exc.message}) from None
    return run


def _unprocessable(exc: validate.FilterError, value) -> RequestValidationError:
    """A filter checked against the store (an entity, a date range): the same 422 shape."""
    return RequestValidationError([{"type": "bad_filter", "loc": ("query", exc.field), "msg": exc.message,
                                    "input": value}])


def _entity_ids(store: Store, name: str | None) -> list[str] | None:
    try:
        return validate.entity_ids(store, name)
    except validate.FilterError as exc:
        raise _unprocessable(exc, name) from None


def _dates(date_from: str | None, date_to: str | None) -> None:
    try:
        validate.date_range(date_from, date_to)
    except validate.FilterError as exc:
        raise _unprocessable(exc, {"from": date_from, "to": date_to}) from None


# The schema still says what is accepted (pattern, enum), but the check is validate.py's, so the
# message is the CLI's: a `pattern=` constraint would answer first with pydantic's own wording.
_DATE_SCHEMA = WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
                               "maxLength": 10, "x-format": "partial ISO 8601 date"})
_DATE_HELP = "ISO date: YYYY, YYYY-MM or YYYY-MM-DD."
From = Annotated[Optional[Annotated[str, AfterValidator(_checked(validate.iso_date, "from")), _DATE_SCHEMA]],
                 Query(alias="from", description=_DATE_HELP)]
To = Annotated[Optional[Annotated[str, AfterValidator(_checked(validate.iso_date, "to")), _DATE_SCHEMA]],
               Query(alias="to", description=_DATE_HELP)]
EventTypeQ = Annotated[Optional[Annotated[str, AfterValidator(_checked(validate.event_type, "type")), WithJsonSchema(
    {"type": "string", "enum": list(validate.event_types()), "maxLength": 16})]], Query()]
EntityTypeQ = Annotated[Optional[Annotated[str, AfterValidator(_checked(validate.entity_type, "type")), WithJsonSchema(
    {"type": "string", "enum": list(validate.ENTITY_TYPES), "maxLength": 8})]], Query()]
KindQ = Annotated[Optional[Annotated[str, AfterValidator(_checked(
    lambda value, field: validate.search_kind(value, search_index.KINDS, field), "kind")), WithJsonSchema(
    {"type": "string", "enum": list(search_index.KINDS)})]], Query()]
Ident = Annotated[str, Path(min_length=1, max_length=128)]
NameQ = Annotated[Optional[m.Name], Query()]
# An unauthenticated request must stay cheap: 100,000 keys per feature cost 5 s of CPU to select and
# serialise on a large store; everything is still one `storyline export framing` away.
MAX_PER_FEATURE = 200


def store_dep(request: Request) -> Iterator[Store]:
    try:
        store = open_store(request.app.state.db, readonly=True)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from None
    except Exception as exc:  # not a database, unreadable file
        raise HTTPException(503, f"cannot open store: {type(exc).__name__}") from None
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(store_dep)]


def _table_exists(store: Store, table: str) -> bool:
    try:
        store.scalar(f"SELECT 1 FROM {table} LIMIT 1")
        return True
    except Exception:
        if store.dialect == "postgres":
            store.conn.rollback()
        return False


@router.get("/stats", response_model=m.Stats, summary="统计 Counts and outlets")
def stats(store: StoreDep, request: Request):
    outlets = store.rows("SELECT outlet AS name, COUNT(*) AS articles FROM articles WHERE outlet IS NOT NULL "
                         "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet")
    return m.Stats(articles=queries.count(store, "articles"), entities=queries.count(store, "entities"),
                   events=queries.count(store, "events"), quotes=queries.count(store, "quotes"),
                   disputes=queries.count(store, "disputes"), outlets=outlets,
                   uploads=request.app.state.token is not None)


@router.get("/articles", response_model=m.Page[m.ArticleSummary], summary="文章 Articles, newest first")
def articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0, outlet: NameQ = None,
             date_from: From = None, date_to: To = None):
    _dates(date_from, date_to)
    if not (date_from or date_to):  # the shared query covers the common case
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        total = int(store.scalar(f"SELECT COUNT(*) FROM articles {where}", params) or 0)
        return m.Page(total=total, limit=limit, offset=offset, items=queries.list_articles(store, limit, offset, outlet))
    clauses, params = [], []
    if outlet:
        clauses.append("outlet = ?")
        params.append(outlet)
    if date_from:
        clauses += ["substr(published, 1, ?) >= ?"]
        params += [len(date_from), date_from]
    if date_to:
        clauses += ["substr(published, 1, ?) <= ?"]
        params += [len(date_to), date_to]
    where = "WHERE " + " AND ".join(clauses)
    total = int(store.scalar(f"SELECT COUNT(*) FROM articles {where}", params) or 0)
    rows = store.rows(f"SELECT id, outlet, title, published, published_inferred, published_clue, format, path, "
                      f"duplicate_of FROM articles {where} ORDER BY published DESC, id LIMIT ? OFFSET ?", [*params, limit, offset])
    return m.Page(total=total, limit=limit, offset=offset, items=rows)


@router.get("/articles/{article_id}", response_model=m.ArticleDetail, responses=NOT_FOUND, summary="文章详情 Article with all annotations")
def article(store: StoreDep, article_id: Ident):
    art = queries.get_article(store, article_id)
    if art is None:
        raise HTTPException(404, "no such article")
    return {**art, **queries.article_annotations(store, art["id"])}


@router.get("/entities", response_model=m.Page[m.Entity], summary="实体 Entities by mentions")
def entities(store: StoreDep, limit: Limit = 50, offset: Offset = 0,
             type: EntityTypeQ = None, q: NameQ = None):
    total, items = queries.page_entities(store, type, q, limit, offset)
    return m.Page(total=total, limit=limit, offset=offset, items=items)


@router.get("/entities/{name}", response_model=m.EntityProfile, responses=NOT_FOUND, summary="实体档案 Entity profile (any alias)")
def entity(store: StoreDep, name: Annotated[str, Path(min_length=1, max_length=100)],
           limit: Annotated[int, Query(ge=1, le=500, description="Most recent events and quotes shown.")]
           = profiles.PROFILE_ITEMS):
    rec = queries.find_entity(store, name)
    if rec is None:
        raise HTTPException(404, "no such entity")
    prof = profiles.entity_profile(store, rec["id"], limit, raw_events=True)
    return m.EntityProfile(**{**rec, **prof, "events": m.event_records(prof["events"])})


@router.get("/events", response_model=m.Page[m.EventRecord], summary="事件 Merged events")
def events(store: StoreDep, limit: Limit = 50, offset: Offset = 0,
           type: EventTypeQ = None, entity: NameQ = None,
           date_from: From = None, date_to: To = None):
    _dates(date_from, date_to)
    _entity_ids(store, entity)
    dated, undated = profiles.count_events(store, type, entity, date_from, date_to)
    items = m.event_records(profiles.filter_event_json(store, type, entity, date_from, date_to, limit, offset))
    return m.Page[m.EventRecord](total=dated + undated, limit=limit, offset=offset, items=items)


@router.get("/events/{event_id}", response_model=m.EventDetail, responses=NOT_FOUND, summary="事件详情 One event with its sources")
def event(store: StoreDep, event_id: Ident):
    rows = store.rows("SELECT record FROM events WHERE id = ?", (event_id,))
    if not rows:
        raise HTTPException(404, "no such event")
    rec = json.loads(rows[0]["record"])
    ids = sorted({mm["article_id"] for mm in rec.get("mentions", [])})
    meta = {}
    if ids:
        marks = ",".join("?" for _ in ids)
        meta = {r["id"]: r for r in store.rows(
            f"SELECT id, title, outlet, published FROM articles WHERE id IN ({marks})", ids)}
    rec["sources"] = [{**mm, "title": meta.get(mm["article_id"], {}).get("title"),
                       "outlet": meta.get(mm["article_id"], {}).get("outlet"),
                       "published": meta.get(mm["article_id"], {}).get("published")}
                      for mm in rec.get("mentions", [])]
    return rec


@router.get("/timeline", response_model=m.Timeline, summary="时间线 Dated events in order")
def timeline(store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 500, offset: Offset = 0,
             entity: NameQ = None, type: EventTypeQ = None,
             date_from: From = None, date_to: To = None):
    _dates(date_from, date_to)
    _entity_ids(store, entity)
    dated, undated = profiles.count_events(store, type, entity, date_from, date_to)
    items = profiles.filter_event_json(store, type, entity, date_from, date_to, limit, offset, dated_only=True)
    return m.Timeline(total=dated, undated=undated, items=m.event_records(items), limit=limit, offset=offset)


@router.get("/quotes", response_model=m.Page[m.QuoteRecord], summary="引语 Quotes")
def quotes(store: StoreDep, limit: Limit = 50, offset: Offset = 0, speaker: NameQ = None,
           article: Annotated[Optional[str], Query(max_length=128)] = None,
           stance: Annotated[Optional[str], Query(max_length=16, pattern=r"^[a-z]+$")] = None):
    clauses, params = [], []
    if speaker:
        ids = queries.entity_ids_for(store, speaker)
        clauses.append("(speaker_name = ?" + "".join(" OR speaker_entity_id = ?" for _ in ids) + ")")
        params += [speaker, *ids]
    if article:
        clauses.append("article_id = ?")
        params.append(article)
    if stance:
        clauses.append("stance = ?")
        params.append(stance)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(store.scalar(f"SELECT COUNT(*) FROM quotes {where}", params) or 0)
    rows = store.rows(f"SELECT * FROM quotes {where} ORDER BY date IS NULL, date, article_id, paragraph, start_pos "
                      "LIMIT ? OFFSET ?", [*params, limit, offset])
    speakers = sorted({r["speaker_entity_id"] for r in rows if r["speaker_entity_id"]})
    names = {r["id"]: r["name"] for r in store.rows(
        f"SELECT id, name FROM entities WHERE id IN ({','.join('?' for _ in speakers)})", speakers)} if speakers else {}
    return m.Page(total=total, limit=limit, offset=offset, items=[queries.quote_from_row(r, names) for r in rows])


@router.get("/disputes", response_model=m.Page[m.Dispute], summary="争议 Claims and counter-claims")
def disputes(store: StoreDep, limit: Limit = 50, offset: Offset = 0, entity: NameQ = None):
    ids = _entity_ids(store, entity)
    total, items = queries.page_disputes(store, limit, offset, ids)
    return m.Page(total=total, limit=limit, offset=offset, items=items)


@router.get("/compare", response_model=m.Compare, summary="媒体比较 Framing by outlet")
def compare(request: Request, store: StoreDep, outlets: Annotated[Optional[str], Query(max_length=400)] = None,
            per_feature: Annotated[int, Query(ge=1, le=MAX_PER_FEATURE, description="Keys kept per feature, "
                                              "first ones in framing order (all: `storyline export framing`).")] = 40):
    wanted = [o.strip() for o in outlets.split(",") if o.strip()] if outlets else []
    # an event's coverage record belongs to no one outlet: kept when a wanted outlet reports the event
    records = [r for r in request.app.state.framing.records(store) if not wanted or r.get("outlet") in wanted
               or (r["feature"] == "event_coverage" and set(r.get("reported_by") or ()) & set(wanted))]
    keys: dict[str, dict] = {}  # feature -> its first `per_feature` keys (dict: ordered set)
    for r in records:
        kept = keys.setdefault(r["feature"], {})
        if len(kept) < per_feature:
            kept.setdefault(str(r.get("key")), None)
    shown = [r for r in records if str(r.get("key")) in keys[r["feature"]]]
    note = (f"{len(shown)} of {len(records)} records: the first {per_feature} keys of each feature"
            if len(shown) < len(records) else None)
    return m.Compare(outlets=wanted or sorted({r.get("outlet") for r in records if r.get("outlet")}), records=shown,
                     note=note, total=len(records))


@router.get("/stories", response_model=m.Page[dict], summary="故事线 Stories (threads of events)")
def stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0):
    if not _table_exists(store, "stories"):
        return m.Page(total=0, limit=limit, offset=offset, items=[])
    total = int(store.scalar("SELECT COUNT(*) FROM stories") or 0)
    rows = store.rows("SELECT record FROM stories ORDER BY COALESCE(start, '9999'), id LIMIT ? OFFSET ?",
                      (limit, offset))
    return m.Page(total=total, limit=limit, offset=offset, items=[json.loads(r["record"]) for r in rows])


@router.get("/search", response_model=m.SearchResult, summary="搜索 Full-text search")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20,
           offset: Offset = 0, outlet: NameQ = None, date_from: From = None, date_to: To = None,
           entity: NameQ = None, type: EventTypeQ = None,
           kind: KindQ = None):
    _dates(date_from, date_to)
    ids = _entity_ids(store, entity)
    filters = search_index.SearchFilters(outlet, date_from, date_to, ids, type, kind)
    page = search_index.search(store, q, filters, limit, offset)
    return m.SearchResult(total=page.total, total_exact=page.exact, limit=limit, offset=offset, terms=page.terms,
                          note=page.note, items=page.hits)
