"""Full-text search backends: `FtsBackend` (SQLite FTS5, ranked by bm25 or by search.rank) and
`ScanBackend` (plain SQL LIKE, the portable fallback); `backend_for` picks one for a store
(PostgreSQL: search.pg.TsvectorBackend).
"""

from __future__ import annotations

import re

from storyline.store.base import Store
from storyline.store.search import rank as search_rank
from storyline.store.search.dates import DATES_SQL, date_tokens
from storyline.store.search.pg import TsvectorBackend
from storyline.store.search.rank import Phrase
from storyline.store.search.tokens import Tokenizer
from storyline.store.search.units import (
    COUNT_CAP, FTS_DDL, FTS_HASHSIZE, HIT_COLUMNS, OWN_SCORES_ABOVE, RANK_WINDOW, UNITS_DDL, SearchBackend, Term,
    Unit, _insert_units,
)


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
        month of spans), by search.rank from FTS5's stored statistics. The total is the window's
        size when that is all the matches, else a COUNT up to COUNT_CAP: counting walks every
        match too, and past COUNT_CAP the exact figure tells a reader nothing a "10000+" does
        not (`exact` is then False)."""
        self.note, self.exact = None, True
        expr = self.expression(terms)
        if not expr:
            return 0, []
        if dates:  # a date range: the engine keeps exactly the matches it allows (search.dates)
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
        return TsvectorBackend()
    return ScanBackend()
