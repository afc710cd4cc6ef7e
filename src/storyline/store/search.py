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

Backends sit behind `SearchBackend`: `FtsBackend` is SQLite FTS5 ranked by bm25(); PostgreSQL uses
search_pg.TsvectorBackend (tsvector over the same `words`/`grams`); `ScanBackend` (plain SQL LIKE
over the units table, ranked in Python) is the portable fallback for any other dialect. The tables are
created by this module rather than a numbered migration because FTS5 DDL is SQLite-only and the
index is derived data that `reindex` rebuilds from the stored articles.

Highlights are computed in Python on the stored normalised span (same length as the original, see
model.py): FTS5's highlight() would mark up the segmented copy, not the text users read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

import opencc
import rjieba

from storyline.model import Doc
from storyline.store.base import Store
from storyline.store.profiles import date_bound_after

UNITS_DDL = (
    "CREATE TABLE IF NOT EXISTS search_units (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, paragraph INTEGER NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, "
    "text TEXT NOT NULL, norm TEXT NOT NULL, words TEXT NOT NULL, grams TEXT NOT NULL, ref_id TEXT)",
    "CREATE INDEX IF NOT EXISTS search_units_article ON search_units (article_id)",
)
FTS_DDL = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(words, grams, tokenize = 'unicode61')"
KINDS = ("title", "sentence", "quote")
SNIPPET = 160  # characters shown of a long span, around its first highlight
RANK_WINDOW = 3000  # matches bm25 ranks at most (FtsBackend.match): ~10 ms of scoring, whatever the store
MAX_TERMS = 12
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w")
# sentence ends for `reindex` of articles stored without sentence spans; one character class, linear
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』\"']*")


class Tokenizer:
    """Read-only resources loaded once: a private jieba instance and an OpenCC converter."""

    def __init__(self) -> None:
        self.jieba = rjieba.Jieba()
        self.t2s = opencc.OpenCC("t2s")

    def normalise(self, text: str) -> str:
        """Simplified, width-folded, lower case, and the same length as `text` (offsets stay valid)."""
        simp = self.t2s.convert(text)
        if len(simp) != len(text):
            simp = "".join(c if len(c) == 1 else ch for ch, c in ((ch, self.t2s.convert(ch)) for ch in text))
        out = []
        for ch in simp:
            folded = unicodedata.normalize("NFKC", ch).lower()
            out.append(folded if len(folded) == 1 else ch)
        return "".join(out)

    def words(self, norm: str) -> list[str]:
        return [w.lower() for w in self.jieba.cut(norm) if _WORD.search(w)]

    @staticmethod
    def grams(norm: str) -> list[str]:
        out: list[str] = []
        for run in _CJK.findall(norm):
            out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        return out


@cache
def tokenizer() -> Tokenizer:
    """One per process: jieba takes ~2 s to load and is never modified after loading."""
    return Tokenizer()


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


HIT_COLUMNS = (
    "u.id, u.article_id, u.kind, u.paragraph, u.start_pos, u.end_pos, u.text, u.norm, u.ref_id, "
    "a.outlet, a.published, a.title"
)


class SearchBackend(Protocol):
    def ensure(self, store: Store) -> None: ...
    def exists(self, store: Store) -> bool: ...
    def add(self, store: Store, units: list[Unit], tok: Tokenizer) -> None: ...
    def remove(self, store: Store, article_id: str) -> None: ...
    def match(self, store: Store, terms: list[Term], where: str, params: list, limit: int,
              offset: int) -> tuple[int, list[dict]]: ...


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
        for ddl in (*UNITS_DDL, FTS_DDL):
            store.execute(ddl)

    def exists(self, store: Store) -> bool:
        return bool(store.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('search_units', 'search_fts')") == 2)

    def add(self, store: Store, units: list[Unit], tok: Tokenizer) -> None:
        store.executemany("INSERT INTO search_fts (rowid, words, grams) VALUES (?,?,?)", _insert_units(store, units, tok))

    def remove(self, store: Store, article_id: str) -> None:
        store.execute("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_units WHERE article_id = ?)",
                      (article_id,))
        store.execute("DELETE FROM search_units WHERE article_id = ?", (article_id,))

    @staticmethod
    def expression(terms: list[Term]) -> str:
        clauses = []
        for t in terms:
            options = []
            if t.words:
                options.append("words : " + _phrase(t.words))
            if len(t.grams) == 1 and len(t.grams[0]) == 1:  # one character: any bigram starting with it
                options.append("grams : " + _phrase(t.grams) + " *")
            elif t.grams:
                options.append("grams : " + _phrase(t.grams))
            if options:
                clauses.append("(" + " OR ".join(options) + ")")
        return " AND ".join(clauses)

    def __init__(self, window: int = RANK_WINDOW) -> None:
        self.window = window
        self.note: str | None = None  # set by match() when only a window of the matches was ranked

    def match(self, store, terms, where, params, limit, offset):
        """Count and rank in the FTS table alone (joined to the spans only when a filter needs
        them), then read spans and articles for the page's ids only.

        bm25 has to score every match before the best can be known, which grows with the store
        (a common name matches tens of thousands of spans). So only the most recently indexed
        `window` matches (or as many as the page reaches) are ranked -- FTS5 walks rowids
        backwards and stops there -- and `note` says so when there were more. One statement
        scores window+1 of them and counts them: when that is all of them (the usual case with
        a filter), it is also the total, and the matches are scanned (and a filter's id set
        built) once; otherwise a COUNT gives the total."""
        self.note = None
        expr = self.expression(terms)
        if not expr:
            return 0, []
        if re.search(r"\bu\.", where):  # a filter on span columns (kind, offsets): join the spans
            base = f"FROM search_fts JOIN search_units u ON u.id = search_fts.rowid WHERE search_fts MATCH ? {where}"
            key = "u.id"
        else:
            base, key = f"FROM search_fts WHERE search_fts MATCH ? {where}", "search_fts.rowid"
        window = max(self.window, offset + limit)
        ranked = store.rows(
            "SELECT id, score, n FROM (SELECT id, score, COUNT(*) OVER () AS n, ROW_NUMBER() OVER (ORDER BY id DESC) AS rn "
            f"FROM (SELECT {key} AS id, bm25(search_fts, 1.0, 0.5) AS score {base} ORDER BY {key} DESC LIMIT ?) AS recent"
            ") AS counted WHERE rn <= ? ORDER BY score, id LIMIT ? OFFSET ?",
            [expr, *params, window + 1, window, limit, offset])
        if ranked and ranked[0]["n"] <= window:
            total = int(ranked[0]["n"])
        elif not ranked and offset == 0:
            total = 0
        else:
            total = int(store.scalar(f"SELECT COUNT(*) {base}", [expr, *params]) or 0)
        if total > window:
            self.note = f"{total} matches: ranked by relevance among the {window} most recently indexed"
        return total, _page_rows(store, ranked)


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

    def add(self, store: Store, units: list[Unit], tok: Tokenizer) -> None:
        _insert_units(store, units, tok)

    def remove(self, store: Store, article_id: str) -> None:
        store.execute("DELETE FROM search_units WHERE article_id = ?", (article_id,))

    def match(self, store, terms, where, params, limit, offset):
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


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


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
    backend.add(store, units if units is not None else doc_units(doc, tok), tok)


def unindex_article(store: Store, article_id: str) -> None:
    """Drop an article's spans; called by writer.delete_annotations (re-ingest, duplicates)."""
    backend = backend_for(store)
    if backend.exists(store):
        backend.remove(store, article_id)


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def reindex(store: Store) -> int:
    """Rebuild the index from stored articles and quotes (stores ingested before search existed)."""
    import json

    backend, tok = backend_for(store), tokenizer()
    n = 0
    with store.transaction():
        backend.ensure(store)
        rows = store.rows("SELECT id, title, paragraphs FROM articles WHERE duplicate_of IS NULL ORDER BY id")
        for row in rows:
            aid = row["id"]
            backend.remove(store, aid)
            paras = json.loads(row["paragraphs"])
            units = [Unit(aid, "title", -1, 0, len(row["title"]), row["title"], tok.normalise(row["title"]))] \
                if row["title"] else []
            for i, text in enumerate(paras):
                norm = tok.normalise(text)
                units += [Unit(aid, "sentence", i, s, e, text[s:e], norm[s:e])
                          for s, e in split_sentences(text) if text[s:e].strip()]
            for q in store.rows("SELECT id, paragraph, start_pos, end_pos FROM quotes WHERE article_id = ?", (aid,)):
                if 0 <= q["paragraph"] < len(paras) and q["end_pos"] > q["start_pos"]:
                    text = paras[q["paragraph"]][q["start_pos"] : q["end_pos"]]
                    units.append(Unit(aid, "quote", q["paragraph"], q["start_pos"], q["end_pos"], text,
                                      tok.normalise(text), q["id"]))
            backend.add(store, units, tok)
            n += 1
    return n


# -- reading -------------------------------------------------------------------------------------
def parse_query(query: str, tok: Tokenizer) -> list[Term]:
    terms = []
    for raw in query.split()[:MAX_TERMS]:
        norm = tok.normalise(raw)
        term = Term(norm, tok.words(norm), tok.grams(norm))
        if term.words or term.grams:
            terms.append(term)
    return terms


def _article_filter(f: SearchFilters) -> tuple[str, list]:
    """WHERE over `articles` for the outlet and date filters ('' when there are none)."""
    article, params = [], []
    if f.outlet:
        article.append("outlet = ?")
        params.append(f.outlet)
    if f.date_from:  # published >= F bounds an index range; the prefix test is the rule
        article.append("published >= ? AND substr(published, 1, ?) >= ?")
        params += [f.date_from, len(f.date_from), f.date_from]
    if f.date_to:
        bound = date_bound_after(f.date_to)
        article.append(("published < ? AND " if bound else "") + "substr(published, 1, ?) <= ?")
        params += [*([bound] if bound else []), len(f.date_to), f.date_to]
    return " AND ".join(article), params


def _filters_sql(store: Store, f: SearchFilters, unit_set: str | None = None) -> tuple[str, list]:
    """AND-clauses over the matched spans `u`. An article filter tests `u.article_id` per match,
    or, given `unit_set` (the backend's name for a match's span id), tests that id against the
    set of the filtered articles' span ids (see _unit_set)."""
    clauses, params = [], []
    article, article_params = _article_filter(f)
    if article and unit_set:
        clauses.append(f"{unit_set} IN (SELECT id FROM search_units WHERE article_id IN "
                       f"(SELECT id FROM articles WHERE {article}))")
        params += article_params
    elif article:
        clauses.append(f"u.article_id IN (SELECT id FROM articles WHERE {article})")
        params += article_params
    if f.kind:
        clauses.append("u.kind = ?")
        params.append(f.kind)
    if f.entity_ids is not None:
        marks = ",".join("?" for _ in f.entity_ids) or "NULL"
        clauses.append(
            "(EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = u.article_id AND m.paragraph = u.paragraph "
            f"AND m.start_pos >= u.start_pos AND m.end_pos <= u.end_pos AND m.entity_id IN ({marks})) OR "
            f"u.ref_id IN (SELECT id FROM quotes WHERE speaker_entity_id IN ({marks})))")
        params += [*f.entity_ids, *f.entity_ids]
    if f.event_type:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_mentions em WHERE em.article_id = u.article_id AND em.paragraph = u.paragraph "
            "AND em.start_pos < u.end_pos AND em.end_pos > u.start_pos AND em.type = ?)")
        params.append(f.event_type)
    return "".join(" AND " + c for c in clauses), params


def _unit_set(store: Store, backend: SearchBackend, terms: list[Term], f: SearchFilters) -> str | None:
    """How to apply an outlet/date filter on FTS5: per match (look up its span's article: ~3 us a
    match, in the wide units table) or against the set of the filtered articles' span ids (~0.6 us
    a span to build, for ~70 spans an article, twice: count and rank). The set pays when matches
    outnumber the filtered articles about 15 to 1; counting matches stops at that number."""
    unit_id = getattr(backend, "unit_id", None)
    article, params = _article_filter(f)
    if unit_id is None or not article:
        return None
    n = int(store.scalar(f"SELECT COUNT(*) FROM articles WHERE {article}", params) or 0)
    return unit_id if backend.matches_at_least(store, terms, 15 * n + 1) else None


def highlights(norm: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Offsets (into the span) of each term, or of its words when the whole term is not there."""
    low = norm.lower()
    spans: list[tuple[int, int]] = []
    for t in terms:
        needles = [t.text] if t.text in low else t.words
        for needle in needles:
            pos = low.find(needle) if needle else -1
            while pos >= 0:
                spans.append((pos, pos + len(needle)))
                pos = low.find(needle, pos + len(needle))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _hit(row: dict, terms: list[Term]) -> dict:
    marks = highlights(row["norm"], terms)
    text, cut = row["text"], 0
    if len(text) > SNIPPET:
        cut = max(0, min((marks[0][0] if marks else 0) - 40, len(text) - SNIPPET))
        text = text[cut : cut + SNIPPET]
    base = row["start_pos"] + cut
    return {
        "article_id": row["article_id"], "kind": row["kind"], "paragraph": row["paragraph"],
        "start": row["start_pos"], "end": row["end_pos"], "snippet": text, "snippet_start": base,
        "highlights": [[base + s - cut, base + e - cut] for s, e in marks if s >= cut and e <= cut + len(text)],
        "quote_id": row["ref_id"], "outlet": row["outlet"], "published": row["published"], "title": row["title"],
        "score": round(-float(row["score"] or 0.0), 4),
    }


def search(store: Store, query: str, filters: SearchFilters | None = None, limit: int = 20,
           offset: int = 0) -> SearchPage:
    tok = tokenizer()
    terms = parse_query(query, tok)
    backend = backend_for(store)
    if not terms:
        return SearchPage(0, [], [], "empty query")
    if not backend.exists(store):
        return SearchPage(0, [], [t.text for t in terms], "no search index in this store: run `storyline search --reindex`")
    filters = filters or SearchFilters()
    where, params = _filters_sql(store, filters, _unit_set(store, backend, terms, filters))
    total, rows = backend.match(store, terms, where, params, limit, offset)
    return SearchPage(total, [_hit(r, terms) for r in rows], [t.text for t in terms], getattr(backend, "note", None))
