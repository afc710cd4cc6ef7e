"""The public Python API: analyse a text without a store, and read a store.

    import storyline
    result = storyline.analyse("美国总统拜登12日与俄罗斯总统普京通电话。", published="2022-02-13")
    result.events[0]["type"]          # 'CONSULT'
    with storyline.open_store("storyline.db") as store:
        store.events(entity="Vladimir Putin", date_from="2022-02")

Notebooks and benchmark scripts should use this module, not the stages' internals: the stage
classes may change, these names and record shapes are kept (docs/python-api.md). Records are
plain dicts in the shapes of ../shared/SPEC.md (what `storyline export` writes); offsets are
code-point offsets into `paragraphs[paragraph]`, end exclusive. Filters are checked by
serve/validate.py, so a bad one raises FilterError (a ValueError) with the CLI's and API's line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from storyline.model import Doc, RawRecord
from storyline.serve import validate
from storyline.serve.validate import FilterError
from storyline.store import Store, queries, resolve_target
from storyline.store import open_store as _open_raw

_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n")  # paragraph breaks: one class, no nesting


@dataclass
class Analysis:
    """One analysed text. `doc` is the pipeline's full model (storyline.model.Doc); the lists
    are its annotations as plain records, each with `paragraph`, `start`, `end`."""

    paragraphs: list[str]
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]  # the date relative times were resolved against
    entities: list[dict] = field(default_factory=list)
    times: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    doc: Optional[Doc] = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Everything but `doc`, JSON-serialisable."""
        return {k: getattr(self, k) for k in ("paragraphs", "title", "outlet", "published", "entities", "times",
                                               "events", "quotes")}


class Analyzer:
    """The per-article stages (clean, analyse, extract) loaded once: reuse one to analyse many
    texts (loading the models takes a few seconds; each text then takes milliseconds)."""

    def __init__(self) -> None:
        from storyline.analyse import Analyser
        from storyline.extract import Extractor
        from storyline.pipeline import StageTimer

        self._analyser = Analyser()
        self._extractor = Extractor()
        self._timer = StageTimer()

    def __call__(self, text: str, published: str | None = None, outlet: str | None = None,
                 title: str | None = None) -> Analysis:
        from storyline.clean.build import clean_record

        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if published is not None:
            published = validate.iso_date(published[:10], "published")
        blocks = [b.strip() for b in _BLANK_LINES.split(text.replace("\r\n", "\n"))]
        blocks = [line.strip() for b in blocks for line in (b.split("\n") if "\n" in b else [b]) if line.strip()]
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        raw = RawRecord(path="<text>", source_key=f"text:{key}", format="text", encoding="utf-8", body_blocks=blocks,
                        title=title, outlet=outlet, published=published, raw_bytes_sha1=key)
        doc = clean_record(raw)
        if doc.paragraphs:
            self._analyser(doc, self._timer)
            self._extractor(doc, self._timer)
        return _analysis(doc)


@lru_cache(maxsize=1)  # the models are read-only once loaded: one Analyzer serves every call
def _default_analyzer() -> Analyzer:
    return Analyzer()


def analyse(text: str, published: str | None = None, outlet: str | None = None, title: str | None = None) -> Analysis:
    """Analyse one article's text (paragraphs separated by line breaks) without a store.

    `published` (YYYY[-MM[-DD]]) anchors relative dates (12日, 昨天); `outlet` is recorded as
    given. The first call loads the models (seconds); later calls reuse them."""
    return _default_analyzer()(text, published, outlet, title)


def _analysis(doc: Doc) -> Analysis:
    art = doc.article
    return Analysis(
        paragraphs=[p.text for p in doc.paragraphs], title=art.title, outlet=art.outlet,
        published=doc.anchor or art.published,
        entities=[{"paragraph": m.paragraph, "start": m.start, "end": m.end, "text": m.text, "type": m.type,
                   "canonical": m.canonical_hint or m.norm, "english": m.english, "role_title": m.role_title,
                   "role_of": m.role_of, "country": m.country, "cluster": m.local_id} for m in doc.mentions],
        times=[{"paragraph": t.paragraph, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
                "value": t.value, "mod": t.mod, "range_end": t.range_end} for t in doc.times],
        events=[{"paragraph": e.paragraph, "start": e.start, "end": e.end, "text": e.text, "type": e.type,
                 "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "mode": e.mode,
                 "status": e.status, "date": e.date, "date_end": e.date_end, "date_from_context": e.date_from_context,
                 "location": e.location,
                 "duration_minutes": e.duration_minutes,
                 "actors": [{"name": a.name, "role": a.role, **_span(a.mention)} for a in e.actors]}
                for e in doc.events],
        quotes=[{"paragraph": q.paragraph, "start": q.start, "end": q.end, "text": q.text, "cue": q.cue,
                 "direct": q.direct, "stance": q.stance, "via": q.via, "date": q.date,
                 "speaker": {"name": q.speaker_name, **_span(q.speaker_mention)}} for q in doc.quotes],
        doc=doc,
    )


def _span(mention) -> dict:
    """Where an actor or speaker is written, when it is a recognised mention."""
    if mention is None:
        return {"paragraph": None, "start": None, "end": None}
    return {"paragraph": mention.paragraph, "start": mention.start, "end": mention.end}


class StoreReader:
    """Read queries over a store (SQLite file or postgresql:// URL), opened read-only. The same
    records the CLI, `export` and the HTTP API show; filters validated as they validate them."""

    def __init__(self, url: str | None = None) -> None:
        target = resolve_target(url)
        validate.store_target(target, readonly=True)
        self._store: Store = _open_raw(target, readonly=True)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> "StoreReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def store(self) -> Store:
        """The underlying connection, for queries this class does not offer (SQL, read-only)."""
        return self._store

    def articles(self, outlet: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Article summaries, newest first."""
        return queries.list_articles(self._store, limit, offset, outlet)

    def article(self, article_id: str) -> dict | None:
        """One article (a unique id prefix is enough) with mentions, times, events and quotes."""
        art = queries.get_article(self._store, article_id)
        return None if art is None else {**art, **queries.article_annotations(self._store, art["id"])}

    def entities(self, type: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Canonical entities, most mentioned first; `q`: names or aliases containing it."""
        return queries.page_entities(self._store, validate.entity_type(type), q, limit, offset)[1]

    def entity(self, name: str) -> dict | None:
        """An entity by any name (alias, English name, gazetteer variant, id) with its profile:
        recent events and quotes."""
        from storyline.store import profiles

        rec = queries.find_entity(self._store, name)
        return None if rec is None else {**rec, **profiles.entity_profile(self._store, rec["id"])}

    def events(self, type: str | None = None, entity: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Merged events by date (undated last)."""
        return self._events(type, entity, date_from, date_to, limit, offset, dated_only=False)

    def timeline(self, entity: str | None = None, type: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Dated merged events in date order."""
        return self._events(type, entity, date_from, date_to, limit, offset, dated_only=True)

    def _events(self, type, entity, date_from, date_to, limit, offset, dated_only) -> list[dict]:
        from storyline.store import profiles

        type = validate.event_type(type)
        validate.date_range(date_from, date_to)
        validate.entity_ids(self._store, entity)
        return profiles.filter_events(self._store, type=type, entity=entity, date_from=date_from, date_to=date_to,
                                      limit=limit, offset=offset, dated_only=dated_only)

    def quotes(self, speaker: str | None = None, article: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict]:
        """Quotes in date order; `speaker`: any name of the speaker (or the name as written)."""
        return queries.page_quotes(self._store, speaker, article, limit, offset)

    def disputes(self, entity: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Claims and the counter-claims that contest them; `entity`: by either side."""
        return queries.page_disputes(self._store, limit, offset, validate.entity_ids(self._store, entity))[1]

    def stories(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Storylines (threads of related events), by start date."""
        return queries.page_stories(self._store, limit, offset)

    def search(self, query: str, outlet: str | None = None, date_from: str | None = None,
               date_to: str | None = None, entity: str | None = None, type: str | None = None,
               kind: str | None = None, limit: int = 20, offset: int = 0) -> dict:
        """Full-text search (BM25): {"total", "exact", "terms", "note", "hits"}."""
        from storyline.store import search as search_index

        validate.date_range(date_from, date_to)
        validate.search_kind(kind, search_index.KINDS)
        filters = search_index.SearchFilters(outlet, date_from, date_to, validate.entity_ids(self._store, entity),
                                             validate.event_type(type), kind)
        page = search_index.search(self._store, query, filters, limit, offset)
        return {"total": page.total, "exact": page.exact, "terms": page.terms, "note": page.note, "hits": page.hits}


def open_store(url: str | None = None) -> StoreReader:
    """A read-only reader over a store: a SQLite path or a postgresql:// URL (default: the
    STORYLINE_DB variable, else storyline.db). Use it in a `with` block or call close()."""
    return StoreReader(url)


__all__ = ["Analysis", "Analyzer", "FilterError", "StoreReader", "analyse", "open_store"]
