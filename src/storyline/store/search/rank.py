"""bm25 for a window of FTS5 matches, computed here instead of by FTS5's bm25().

FTS5's bm25() needs every query phrase's document count and gets it by walking every row the
phrase matches, however few matches are then ranked: on the 100k store the bigram phrase that
finds 乌克兰 inside other segmentations matches ~150k spans, ~45 ms of every such query. This
module scores the same formula (SQLite's ext/fts5/fts5_aux.c: k1 = 1.2, b = 0.75, per-column
weights, idf floored at 1e-6; the score is negated, lower is better) for the window's spans
only, from what FTS5 already stores:

- the row count and the column token totals: FTS5's averages record (`search_fts_data` id 1);
- a span's length in tokens, all columns: its `search_fts_docsize` row;
- a phrase's instances in a span: matches in its stored `words` / `grams` text of a pattern
  that sees tokens as FTS5's unicode61 tokenizer does (runs of letters and digits);
- a phrase's document count: counted exactly while the rowids reach at most SAMPLE, else
  estimated from the newest SAMPLE rowids (its share of them times all rowids). The ranked
  window is the newest matches anyway, so the estimate comes from the part being ranked.

Reading the window's texts (~10-15 ms for 500 spans spread over a 4 GB store) costs more than
bm25()'s walk until the phrases match ~150k rows in all (~50 ms), so FtsBackend.match lets
bm25() score the lighter queries without a date filter; the two agree: on an index of at most
SAMPLE rowids the scores here are bm25()'s (tests/api/test_search_rank.py compares them), on a
larger one only the idf is an estimate. Hand-written because FTS5's
auxiliary-function API cannot be reached from Python's sqlite3 module.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from storyline.store.base import Store

SAMPLE = 100_000  # newest rowids a document count is estimated from (~0.5-3 ms a phrase at 100k)
K1, B = 1.2, 0.75  # FTS5's bm25 constants
COLUMNS = ("words", "grams", "dates")  # search_fts's columns, in order
WEIGHTS = {"words": 1.0, "grams": 0.5, "dates": 0.0}  # a date token only filters
_TOKEN = re.compile(r"[^\W_]+")  # unicode61: letters and digits are token characters, all else separates


@dataclass(frozen=True)
class Phrase:
    """One phrase of a MATCH expression, restricted to one column."""

    column: str
    tokens: tuple[str, ...]
    prefix: bool = False  # the last token is a prefix ("乌" *)

    def fts(self) -> str:
        quoted = '"' + " ".join(t.replace('"', '""') for t in self.tokens) + '"'
        return f"{self.column} : {quoted}{' *' if self.prefix else ''}"

    def counter(self) -> re.Pattern | None:
        """A pattern with one match per instance of the phrase in a column's stored text (None:
        no token to match). Tokens are runs of letters and digits, as for FTS5's unicode61; a
        lookahead lets instances overlap, as FTS5 counts them."""
        want = [t for tok in self.tokens for t in _TOKEN.findall(tok)]
        if not want:
            return None
        # the first token's literal leads the pattern (the engine then scans for it, several
        # times faster than testing a lookbehind at every position); the token boundary before
        # it is checked behind it, the rest of the phrase ahead of it, so instances may overlap
        first = re.escape(want[0])
        start = first + rf"(?<=(?<![^\W_]){first})"
        if self.prefix and len(want) == 1:
            return re.compile(start)
        rest = "".join(r"[\W_]+" + re.escape(t) for t in want[1:])
        return re.compile(start + rf"(?={rest}(?![^\W_]))")


def _varints(blob: bytes) -> list[int]:
    """SQLite's big-endian varints (7 bits a byte, the ninth byte whole), as FTS5 writes them."""
    out, i = [], 0
    while i < len(blob):
        value = 0
        for j in range(9):
            byte = blob[i]
            i += 1
            if j == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        out.append(value)
    return out


def _totals(store: Store) -> tuple[int, int]:
    """(rows, tokens in all columns) of the index, from FTS5's averages record."""
    blob = store.scalar("SELECT block FROM search_fts_data WHERE id = 1")
    if not blob:
        return 0, 0
    values = _varints(bytes(blob))
    return values[0], sum(values[1:1 + len(COLUMNS)])


def _document_count(store: Store, phrase: Phrase, newest: int) -> float:
    cutoff = newest - SAMPLE
    if cutoff <= 0:  # the sample is the whole index: exact
        return float(store.scalar("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?", (phrase.fts(),)) or 0)
    hits = store.scalar("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ? AND rowid > ?", (phrase.fts(), cutoff))
    # the rows among the newest SAMPLE rowids, taken as their share of all rowids (counting
    # them would cost as much as the phrase itself); replaced articles leave gaps evenly
    return float(hits or 0) * newest / SAMPLE


def idf(rows: int, hits: float) -> float:
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0 else 1e-6


@dataclass(frozen=True)
class Stats:
    """What the scores of one query need from the whole index."""

    rows: int
    tokens: int  # in all columns
    hits: tuple[float, ...]  # each scored phrase's document count (estimated past SAMPLE)

    def walk(self) -> float:
        """The rows FTS5's bm25() would walk to count the phrases' matches (all of them)."""
        return sum(self.hits)


def stats(store: Store, phrases: list[Phrase]) -> Stats:
    """Index statistics for the scored phrases (those of a weighted column), in their order."""
    rows, tokens = _totals(store)
    newest = int(store.scalar("SELECT MAX(rowid) FROM search_fts") or 0)
    return Stats(rows, tokens, tuple(_document_count(store, p, newest) for p in _scored(phrases)))


def _scored(phrases: list[Phrase]) -> list[Phrase]:
    return [p for p in phrases if WEIGHTS[p.column]]


def scores(store: Store, phrases: list[Phrase], ids: list[int], known: Stats | None = None) -> list[tuple[float, int]]:
    """(bm25 score, span id) of each span in `ids`, lower is better, as FTS5's bm25(search_fts,
    1.0, 0.5, 0.0) scores them for a query made of `phrases` (see the module docstring)."""
    if not ids:
        return []
    known = known or stats(store, phrases)
    marks = ",".join("?" * len(ids))
    texts, sizes = {}, {}
    for r in store.rows(f"SELECT u.id, u.words, u.grams, z.sz FROM search_units u "
                        f"LEFT JOIN search_fts_docsize z ON z.id = u.id WHERE u.id IN ({marks})", ids):
        texts[r["id"]] = (r["words"], r["grams"])
        sizes[r["id"]] = _size(bytes(r["sz"])) if r["sz"] is not None else 0
    spans = [i for i in ids if i in texts]
    avgdl = known.tokens / known.rows if known.rows else 1.0
    norms = [K1 * (1 - B + B * sizes.get(i, 0) / avgdl) for i in spans]
    totals = [0.0] * len(spans)
    joined = {column: _joined([texts[i][c] for i in spans]) for c, column in enumerate(("words", "grams"))}
    for phrase, hits in zip(_scored(phrases), known.hits):
        counter = phrase.counter()
        if counter is None:
            continue
        weight, column_weight = idf(known.rows, hits), WEIGHTS[phrase.column]
        text, starts = joined[phrase.column]
        for row, n in _per_row(counter, text, starts).items():
            freq = column_weight * n
            totals[row] += weight * (freq * (K1 + 1)) / (freq + norms[row])
    return [(-total, span) for total, span in zip(totals, spans)]


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    """The texts joined by line breaks (a separator to any pattern), with each one's start:
    one pattern scan over all of them instead of one call per span."""
    starts, at = [], 0
    for t in texts:
        starts.append(at)
        at += len(t) + 1
    return "\n".join(texts), starts


def _per_row(counter: re.Pattern, text: str, starts: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for m in counter.finditer(text):
        row = bisect_right(starts, m.start()) - 1
        found[row] = found.get(row, 0) + 1
    return found


def _size(blob: bytes) -> int:
    """A row's tokens in all columns (its docsize record: one varint a column)."""
    return sum(blob) if max(blob, default=0) < 0x80 else sum(_varints(blob))
