"""Full-text search over article titles, sentences and quotes, with Chinese segmentation.

The index unit is one *span*: an article title, one sentence, or one quote. Each span is kept in
table `search_units` with its original text, its normalised text and its offsets, so a hit can be
shown and highlighted in the original script. What the engine sees is pre-segmented text:

* `words`: rjieba tokens of the normalised (simplified, lower-cased) text, space-joined, and
* `grams`: character bigrams of every CJK run, for recall of names jieba splits unpredictably
  (an unknown transliterated name still matches as a phrase of bigrams).

Queries are segmented the same way. Each query term must match as a word phrase OR as a bigram
phrase; terms are ANDed. Every token reaches the engine inside a double-quoted string, so user input
is never read as query syntax.

Backends sit behind `SearchBackend`: `FtsBackend` is SQLite FTS5 ranked by bm25 (FTS5's own, or
search_rank's for common phrases, see FtsBackend.match); PostgreSQL uses search_pg.TsvectorBackend
(tsvector over the same `words`/`grams`); `ScanBackend` (plain SQL LIKE over the units table,
ranked in Python) is the portable fallback for any other dialect. The tables are created by this
module rather than a numbered migration because FTS5 DDL is SQLite-only and the index is derived
data that `reindex` rebuilds from the stored articles.

Highlights are computed in Python on the stored normalised span (same length as the original, see
model.py): FTS5's highlight() would mark up the segmented copy, not the text users read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol


from storyline.model import Doc
from storyline.store.base import Store

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
OWN_SCORES_ABOVE = 150_000  # phrase matches bm25() would walk (estimated, summed) past which search_rank scores
from storyline.store.search_tokens import Tokenizer, tokenizer  # noqa: F401  (re-exported)
from storyline.store.search_dates import DATES_SQL, date_tokens, range_tokens  # noqa: E402,F401
from storyline.store import search_rank  # noqa: E402
from storyline.store.search_rank import Phrase  # noqa: E402


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


class FtsBackend:
    """SQLite FTS5; rowid of search_fts = id of search_units."""

    # How an article filter may name a match's span id: the FTS rowid itself, tested against the
    # set of the filtered articles' span ids (no look-up in the wide units table per match). The
    # unary + keeps SQLite from handing that `IN (...)` to FTS5 as thousands of rowid probes.
    unit_id = "+search_fts.rowid"

    def matches_at_least(self, store: Store, terms: list[Term], n: int) -> bool:
        """Whether the query matches n spans or more, reading no further than the n-th."""
        expr = self.expression(terms)
        return bool(expr) and int(store.scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?) AS first", (expr, n)) or 0) >= n

    def ensure(self, store: Store) -> None:
        """Create the tables once (one look-up per article afterwards, not three DDL statements).
        A new index buffers up to FTS_HASHSIZE bytes of pending tokens before writing a segment
        (SQLite's default is 1 MB): fewer, larger segments to write and merge in a 200-article batch;
        the same matches and bm25 scores."""
        tables = {r["name"]: r["sql"] for r in store.rows(
            "SELECT name, sql FROM sqlite_master WHERE name IN ('search_units', 'search_fts', 'search_units_article')")}
        if len(tables) == 3 and "dates" in tables["search_fts"]:
            return
        if "search_fts" in tables and "dates" not in tables["search_fts"]:
            store.execute("DROP TABLE search_fts")  # made before the dates column: rebuilt below
        for ddl in (*UNITS_DDL, FTS_DDL):
            store.execute(ddl)
        store.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)", (FTS_HASHSIZE,))
        # the stored spans, if any, with their date tokens (the same rows: search_units is kept)
        store.execute(f"INSERT INTO search_fts (rowid, words, grams, dates) SELECT u.id, u.words, u.grams, {DATES_SQL} "
                      "FROM search_units u JOIN articles a ON a.id = u.article_id")

    def exists(self, store: Store) -> bool:
        return bool(store.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('search_units', 'search_fts')") == 2)

    def add(self, store: Store, units: list[Unit], tok: Tokenizer, published: str | None) -> None:
        dates = date_tokens(published)
        store.executemany("INSERT INTO search_fts (rowid, words, grams, dates) VALUES (?,?,?,?)",
                          [(*row, dates) for row in _insert_units(store, units, tok)])

    def remove(self, store: Store, article_id: str) -> None:
        store.execute("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_units WHERE article_id = ?)",
                      (article_id,))
        store.execute("DELETE FROM search_units WHERE article_id = ?", (article_id,))

    @staticmethod
    def clauses(terms: list[Term]) -> list[list[Phrase]]:
        """The phrases of each term (a term matches if any of its phrases does)."""
        out = []
        for t in terms:
            options = []
            if t.words:
                options.append(Phrase("words", tuple(t.words)))
            if len(t.grams) == 1 and len(t.grams[0]) == 1:  # one character: any bigram starting with it
                options.append(Phrase("grams", tuple(t.grams), prefix=True))
            elif t.grams:
                options.append(Phrase("grams", tuple(t.grams)))
            if options:
                out.append(options)
        return out

    @classmethod
    def expression(cls, terms: list[Term]) -> str:
        return " AND ".join("(" + " OR ".join(p.fts() for p in options) + ")" for options in cls.clauses(terms))

    def __init__(self, window: int | None = None, cap: int | None = None) -> None:
        self.window = RANK_WINDOW if window is None else window
        self.cap = COUNT_CAP if cap is None else cap
        self.note: str | None = None  # set by match() when only a window of the matches was ranked
        self.exact = True  # set by match(): False when the total stopped at COUNT_CAP

    def match(self, store, terms, where, params, limit, offset, dates=None):
        """Count and rank in the FTS table alone (joined to the spans only when a filter needs
        them), then read spans and articles for the page's ids only.

        Ranking has to score every match before the best can be known, which grows with the
        store (a common name matches tens of thousands of spans). So only the most recently
        indexed `window` matches (or as many as the page reaches) are ranked -- FTS5 walks
        rowids backwards and stops there -- and `note` says so when there were more. They are
        scored by bm25, in one of two ways with the same formula: FTS5's bm25() in the statement
        that selects them, or, when bm25() would first walk more than OWN_SCORES_ABOVE matches to
        count its phrases (a common name, or any date filter, whose date tokens each match a
        month of spans), by search_rank from FTS5's stored statistics. The total is the window's
        size when that is all the matches, else a COUNT up to COUNT_CAP: counting walks every
        match too, and past COUNT_CAP the exact figure tells a reader nothing a "10000+" does
        not (`exact` is then False)."""
        self.note, self.exact = None, True
        expr = self.expression(terms)
        if not expr:
            return 0, []
        if dates:  # a date range: the engine keeps exactly the matches it allows (search_dates)
            expr = f"({expr}) AND dates : ({' OR '.join(dates)})"
        if re.search(r"\bu\.", where):  # a filter on span columns (kind, offsets): join the spans
            base = f"FROM search_fts JOIN search_units u ON u.id = search_fts.rowid WHERE search_fts MATCH ? {where}"
            key = "u.id"
        else:
            base, key = f"FROM search_fts WHERE search_fts MATCH ? {where}", "search_fts.rowid"
        window = max(self.window, offset + limit)
        phrases = [p for options in self.clauses(terms) for p in options]
        known = search_rank.stats(store, phrases)
        if dates or known.walk() > OWN_SCORES_ABOVE:  # bm25() would count every match of each phrase
            ids = [r["id"] for r in store.rows(f"SELECT {key} AS id {base} ORDER BY {key} DESC LIMIT ?",
                                               [expr, *params, window + 1])]
            ranked = [{"id": span, "score": score} for score, span in
                      sorted(search_rank.scores(store, phrases, ids[:window], known))[offset:offset + limit]]
            found = len(ids)
        else:
            ranked = store.rows(
                "SELECT id, score, n FROM (SELECT id, score, COUNT(*) OVER () AS n, ROW_NUMBER() OVER (ORDER BY id DESC) AS rn "
                f"FROM (SELECT {key} AS id, bm25(search_fts, 1.0, 0.5, 0.0) AS score {base} ORDER BY {key} DESC LIMIT ?) "
                "AS recent) AS counted WHERE rn <= ? ORDER BY score, id LIMIT ? OFFSET ?",
                [expr, *params, window + 1, window, limit, offset])
            found = int(ranked[0]["n"]) if ranked else (0 if offset == 0 else window + 1)
        total = found if found <= window else self._count(store, base, [expr, *params])
        if total > window:
            self.note = (f"{total}{'' if self.exact else '+'} matches: ranked by relevance among the "
                         f"{window} most recently indexed")
        return total, _page_rows(store, ranked)

    def _count(self, store: Store, base: str, args: list) -> int:
        """The matches, counted up to the cap (`exact` says whether it stopped there)."""
        total = int(store.scalar(f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT ?) AS first", [*args, self.cap + 1]) or 0)
        if total > self.cap:
            total, self.exact = self.cap, False
        return total


class ScanBackend:
    """Portable fallback (PostgreSQL until its tsvector variant exists): LIKE on the normalised text."""

    def ensure(self, store: Store) -> None:
        for ddl in UNITS_DDL:
            store.execute(ddl.replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY")
                          if store.dialect == "postgres" else ddl)

    def exists(self, store: Store) -> bool:
        if store.dialect == "postgres":
            return store.scalar("SELECT to_regclass('search_units') IS NOT NULL") is True
        return bool(store.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_units'"))

    def add(self, store: Store, units: list[Unit], tok: Tokenizer, published: str | None) -> None:
        _insert_units(store, units, tok)

    def remove(self, store: Store, article_id: str) -> None:
        store.execute("DELETE FROM search_units WHERE article_id = ?", (article_id,))

    def match(self, store, terms, where, params, limit, offset, dates=None):
        likes, args = [], []
        for t in terms:
            likes.append("u.norm LIKE ? ESCAPE '!'")
            args.append("%" + re.sub(r"([!%_])", r"!\1", t.text) + "%")
        if not likes:
            return 0, []
        rows = store.rows(f"SELECT {HIT_COLUMNS}, 0.0 AS score FROM search_units u JOIN articles a ON a.id = u.article_id "
                          f"WHERE {' AND '.join(likes)} {where}", [*args, *params])
        for r in rows:
            r["score"] = -sum(r["norm"].count(t.text) for t in terms)
        rows.sort(key=lambda r: (r["score"], r["id"]))
        return len(rows), rows[offset : offset + limit]


def _page_rows(store: Store, ranked: list[dict]) -> list[dict]:
    """Hit rows (HIT_COLUMNS) of ranked (id, score) pairs, in their ranked order."""
    if not ranked:
        return []
    marks = ",".join("?" for _ in ranked)
    found = {r["id"]: r for r in store.rows(
        f"SELECT {HIT_COLUMNS} FROM search_units u LEFT JOIN articles a ON a.id = u.article_id WHERE u.id IN ({marks})",
        [r["id"] for r in ranked])}
    return [{**found[r["id"]], "score": r["score"]} for r in ranked if r["id"] in found]


def backend_for(store: Store) -> SearchBackend:
    if store.dialect == "sqlite":
        return FtsBackend()
    if store.dialect == "postgres":
        from storyline.store.search_pg import TsvectorBackend  # imports this module: import late

        return TsvectorBackend()
    return ScanBackend()


# -- writing -------------------------------------------------------------------------------------
def doc_units(doc: Doc, tok: Tokenizer) -> list[Unit]:
    from storyline.store.writer import stable_id  # writer imports this module

    aid, units = doc.article.id, []
    if doc.article.title:
        units.append(Unit(aid, "title", -1, 0, len(doc.article.title), doc.article.title,
                          tok.normalise(doc.article.title)))
    by_index = {}
    for para in doc.paragraphs:
        by_index[para.index] = para
        norm = para.norm.lower() if len(para.norm) == len(para.text) else tok.normalise(para.text)
        spans = [(s.start, s.end) for s in para.sentences] or [(0, len(para.text))]
        for start, end in spans:
            if para.text[start:end].strip():
                units.append(Unit(aid, "sentence", para.index, start, end, para.text[start:end], norm[start:end]))
    seen = set()
    for q in doc.quotes:
        para = by_index.get(q.paragraph)
        if para is None or (q.paragraph, q.start, q.end) in seen or q.end <= q.start:
            continue
        seen.add((q.paragraph, q.start, q.end))
        text = para.text[q.start : q.end]
        units.append(Unit(aid, "quote", q.paragraph, q.start, q.end, text, tok.normalise(text),
                          stable_id("q", aid, q.paragraph, q.start, q.end)))
    return units


PREPARED = "search_units"  # Doc.extras key of the units prepare_doc made


def prepare_doc(doc: Doc) -> None:
    """Build and segment an article's search spans ahead of storing (a pure function of the
    doc): the per-article workers run it, so the single writer only inserts rows."""
    tok = tokenizer()
    units = doc_units(doc, tok)
    for u in units:
        u.words, u.grams = segmented(u, tok)
    doc.extras[PREPARED] = units


def index_doc(store: Store, doc: Doc, replace: bool = True) -> None:
    """(Re)index one stored article; called by writer.write_annotations inside its transaction
    (`replace=False`: the article is new, it has no spans to remove)."""
    backend = backend_for(store)
    backend.ensure(store)
    if replace:
        backend.remove(store, doc.article.id)
    tok = tokenizer()
    units = doc.extras.pop(PREPARED, None)
    backend.add(store, units if units is not None else doc_units(doc, tok), tok, doc.article.published)


def unindex_article(store: Store, article_id: str) -> None:
    """Drop an article's spans; called by writer.delete_annotations (re-ingest, duplicates)."""
    backend = backend_for(store)
    if backend.exists(store):
        backend.remove(store, article_id)


# The reading side lives in search_query.py; re-exported here (imported last: it imports this module).
from storyline.store.search_query import (  # noqa: E402
    _article_filter, _filters_sql, _hit, _unit_set, highlights, parse_query, search,
)
from storyline.store.search_rebuild import reindex, split_sentences  # noqa: E402

__all__ = ["Tokenizer", "tokenizer", "Unit", "Term", "SearchFilters", "SearchPage", "SearchBackend", "FtsBackend",
           "ScanBackend", "backend_for", "doc_units", "prepare_doc", "index_doc", "unindex_article", "reindex",
           "split_sentences", "parse_query", "highlights", "search", "_article_filter", "_filters_sql", "_hit",
           "_unit_set"]
