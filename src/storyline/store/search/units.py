"""Full-text search, the shared vocabulary: the units table, a span (`Unit`), a query term, the
filters and result page, the backend protocol, and inserting spans. Every other module of the
package imports this one and nothing imports back, so there is no import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from storyline.store.base import Store
from storyline.store.search.tokens import Tokenizer

UNITS_DDL = (
    "CREATE TABLE IF NOT EXISTS search_units (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, paragraph INTEGER NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, "
    "text TEXT NOT NULL, norm TEXT NOT NULL, words TEXT NOT NULL, grams TEXT NOT NULL, ref_id TEXT)",
    "CREATE INDEX IF NOT EXISTS search_units_article ON search_units (article_id)",
)
FTS_HASHSIZE = 8 * 1024 * 1024
FTS_DDL = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(words, grams, dates, tokenize = 'unicode61')"
KINDS = ("title", "sentence", "quote")
SNIPPET = 160  # characters shown of a long span, around its first highlight
COUNT_CAP = 10_000  # matches counted exactly at most (FtsBackend.match): ~4 ms; 乌克兰's 147k took ~50
RANK_WINDOW = 500  # matches ranked at most (FtsBackend.match): 1,000 cost ~10 ms more at 100k (p95 48 ms with a date filter)
MAX_TERMS = 12
OWN_SCORES_ABOVE = 150_000  # phrase matches bm25() would walk (estimated, summed) past which search.rank scores


@dataclass
class Unit:
    article_id: str
    kind: str
    paragraph: int
    start: int
    end: int
    text: str
    norm: str
    ref_id: str | None = None
    words: str | None = None  # segmented copies, when prepared ahead (see prepare_doc)
    grams: str | None = None


@dataclass
class Term:
    text: str  # normalised user term, used for highlighting
    words: list[str]
    grams: list[str]


@dataclass
class SearchFilters:
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity_ids: list[str] | None = None  # None: no filter; []: nothing can match
    event_type: str | None = None
    kind: str | None = None


@dataclass
class SearchPage:
    total: int
    hits: list[dict[str, Any]]
    terms: list[str] = field(default_factory=list)
    note: str | None = None
    exact: bool = True  # False: `total` is a lower bound (more matches were not counted)


HIT_COLUMNS = (
    "u.id, u.article_id, u.kind, u.paragraph, u.start_pos, u.end_pos, u.text, u.norm, u.ref_id, "
    "a.outlet, a.published, a.title"
)


class SearchBackend(Protocol):
    def ensure(self, store: Store) -> None: ...
    def exists(self, store: Store) -> bool: ...
    def add(self, store: Store, units: list[Unit], tok: Tokenizer, published: str | None) -> None: ...
    def remove(self, store: Store, article_id: str) -> None: ...
    def match(self, store: Store, terms: list[Term], where: str, params: list, limit: int,
              offset: int, dates: list[str] | None = None) -> tuple[int, list[dict]]: ...


def segmented(unit: Unit, tok: Tokenizer) -> tuple[str, str]:
    """What the engine indexes for one span: its words and its bigrams, space-joined. A unit
    prepared by `prepare_doc` (in a worker process) carries them already."""
    if unit.words is not None and unit.grams is not None:
        return unit.words, unit.grams
    return " ".join(tok.words(unit.norm)), " ".join(tok.grams(unit.norm))


def _insert_units(store: Store, units: list[Unit], tok: Tokenizer) -> list[tuple[int, str, str]]:
    """Rows in search_units; returns (id, words, grams) for the engine's own table.

    SQLite: one executemany with explicit ids MAX(id)+1, +2, ... -- exactly the rowids SQLite would
    pick one insert at a time (the writer is the only one inserting), without a round trip per
    span. PostgreSQL keeps RETURNING id per row (its sequence may not be contiguous)."""
    prepared = [(u, *segmented(u, tok)) for u in units]
    if store.dialect == "sqlite":
        base = int(store.scalar("SELECT MAX(id) FROM search_units") or 0)
        rows = [(base + i + 1, u.article_id, u.kind, u.paragraph, u.start, u.end, u.text, u.norm, words, grams,
                 u.ref_id) for i, (u, words, grams) in enumerate(prepared)]
        store.executemany(
            "INSERT INTO search_units (id, article_id, kind, paragraph, start_pos, end_pos, text, norm, words, grams, "
            "ref_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        return [(r[0], r[8], r[9]) for r in rows]
    out = []
    for u, words, grams in prepared:
        cur = store.execute(
            "INSERT INTO search_units (article_id, kind, paragraph, start_pos, end_pos, text, norm, words, grams, "
            "ref_id) VALUES (?,?,?,?,?,?,?,?,?,?)" + (" RETURNING id" if store.dialect == "postgres" else ""),
            (u.article_id, u.kind, u.paragraph, u.start, u.end, u.text, u.norm, words, grams, u.ref_id),
        )
        rowid = cur.fetchone()[0] if store.dialect == "postgres" else cur.lastrowid
        out.append((rowid, words, grams))
    return out
