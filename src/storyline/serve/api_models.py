"""Pydantic models at the HTTP edge: validated query values in, documented records out.

Record models mirror ../shared/SPEC.md; they allow extra fields because upstream stages are
welcome to add fields (SPEC: "extra fields are welcome") and the API should pass them through.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, Optional, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC")
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _iso_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date."""
    if not _ISO.fullmatch(value):
        raise ValueError("expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    date(parts[0], parts[1], parts[2])  # raises ValueError for 2022-13 or 2022-02-30
    return value


def _choice(options: tuple[str, ...]):
    def check(value: str) -> str:
        up = value.upper()
        if up not in options:
            raise ValueError("expected one of " + ", ".join(options))
        return up
    return check


# The schema says what is accepted (OpenAPI clients and schemathesis read it): the date's shape as
# a pattern (JSON Schema's "date" format would refuse YYYY and YYYY-MM), the types as an enum
# (matched case-insensitively).
IsoDate = Annotated[str, Field(max_length=10, pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
                               json_schema_extra={"x-format": "partial ISO 8601 date"}), AfterValidator(_iso_date)]
EventType = Annotated[str, Field(max_length=16, json_schema_extra={"enum": list(EVENT_TYPES)}),
                      AfterValidator(_choice(EVENT_TYPES))]
EntityType = Annotated[str, Field(max_length=8, json_schema_extra={"enum": list(ENTITY_TYPES)}),
                       AfterValidator(_choice(ENTITY_TYPES))]
Name = Annotated[str, Field(min_length=1, max_length=100)]

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class ArticleSummary(Open):
    id: str
    outlet: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    published_inferred: bool = False
    published_clue: Optional[str] = None  # the evidence of an inferred date (SPEC), else null
    format: Optional[str] = None
    path: Optional[str] = None
    duplicate_of: Optional[str] = None


class Mention(Open):
    paragraph: int
    start: int
    end: int
    text: str
    type: str
    entity_id: Optional[str] = None
    entity_name: Optional[str] = None


class TimeRecord(Open):
    id: str
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    type: str
    value: Optional[str] = None


class Actor(Open):
    entity_id: Optional[str] = None
    name: str
    role: str


class EventMention(Open):
    id: str
    event_id: Optional[str] = None
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    type: str
    trigger: Optional[str] = None
    trigger_start: Optional[int] = None
    trigger_end: Optional[int] = None
    actors: list[Actor] = []


class Speaker(Open):
    entity_id: Optional[str] = None
    name: Optional[str] = None


class QuoteRecord(Open):
    id: str
    speaker: Speaker
    via: Optional[str] = None
    cue: Optional[str] = None
    text: str
    direct: bool
    stance: Optional[str] = None
    date: Optional[str] = None
    article_id: str
    paragraph: int
    start: int
    end: int


class ArticleDetail(Open):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    published_inferred: bool = False
    published_clue: Optional[str] = None  # the evidence of an inferred date (SPEC), else null
    paragraphs: list[str]
    mentions: list[Mention]
    times: list[TimeRecord]
    events: list[EventMention]
    quotes: list[QuoteRecord]


class Entity(Open):
    id: str
    name: str
    type: str
    aliases: list[str] = []
    english: Optional[str] = None
    roles: list[dict[str, Any]] = []
    mentions: int = 0
    articles: int = 0


class SourceMention(Open):
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str


class EventRecord(Open):
    id: str
    type: str
    mode: Optional[str] = None
    date: Optional[str] = None
    date_end: Optional[str] = None
    status: Optional[str] = None
    actors: list[Actor] = []
    summary: Optional[str] = None
    mentions: list[SourceMention] = []
    outlets: list[str] = []


_EVENT_LIST = TypeAdapter(list[EventRecord])


def event_records(stored: list[str]) -> list[EventRecord]:
    """Stored event JSON texts validated straight into models: pydantic-core parses and checks
    them in one pass, without building Python dicts first (a timeline page is 500 records)."""
    return _EVENT_LIST.validate_json("[" + ",".join(stored) + "]")


class EventDetail(EventRecord):
    sources: list[dict[str, Any]] = []  # mentions with their article's title, outlet and date


class EntityProfile(Entity):
    """The entity with its most recent events and quotes (newest first, `limit` of each) and their totals."""

    events: list[EventRecord]
    quotes: list[QuoteRecord]
    events_total: Optional[int] = None
    quotes_total: Optional[int] = None


class DisputeSide(Open):
    quote_id: Optional[str] = None
    event_id: Optional[str] = None
    by: Speaker
    text: str
    date: Optional[str] = None
    article_id: Optional[str] = None


class Dispute(Open):
    id: str
    topic: Optional[str] = None
    claim: DisputeSide
    counter: DisputeSide
    outlets: list[str] = []


class Timeline(BaseModel):
    total: int  # dated events matching the filters; `items` is the page [offset, offset + limit) of them
    undated: int
    items: list[EventRecord]
    limit: Optional[int] = None
    offset: int = 0


class FramingRecord(Open):
    outlet: Optional[str] = None
    feature: str
    key: Optional[Any] = None
    value: Optional[Any] = None
    examples: list[dict[str, Any]] = []


class Compare(BaseModel):
    outlets: list[str]
    records: list[FramingRecord]
    note: Optional[str] = None
    total: Optional[int] = None  # records before `per_feature` trimmed them


class SearchHit(BaseModel):
    article_id: str
    kind: str
    paragraph: int
    start: int
    end: int
    snippet: str
    snippet_start: int
    highlights: list[list[int]]
    quote_id: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    score: float


class SearchResult(BaseModel):
    total: int
    total_exact: bool = Field(True, description="false: more matches than `total` (counting stopped there)")
    limit: int
    offset: int
    terms: list[str]
    note: Optional[str] = None
    items: list[SearchHit]


class Stats(BaseModel):
    articles: int
    entities: int
    events: int
    quotes: int
    disputes: int
    outlets: list[dict[str, Any]]
    uploads: bool


class IngestResult(BaseModel):
    files: int
    summary: str
    failures: list[str]
