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
search.rank's for common phrases, see FtsBackend.match); PostgreSQL uses search.pg.TsvectorBackend
(tsvector over the same `words`/`grams`); `ScanBackend` (plain SQL LIKE over the units table,
ranked in Python) is the portable fallback for any other dialect. The tables are created by this
package rather than a numbered migration because FTS5 DDL is SQLite-only and the index is derived
data that `reindex` rebuilds from the stored articles.

Highlights are computed in Python on the stored normalised span (same length as the original, see
model.py): FTS5's highlight() would mark up the segmented copy, not the text users read.

The package is one public entry point: import names from `storyline.store.search`. Inside it the
modules form a chain without circles: tokens, dates, rank -> units -> pg -> backends ->
indexing, query, rebuild.
"""

from __future__ import annotations

from storyline.store.search.backends import FtsBackend, ScanBackend, backend_for
from storyline.store.search.indexing import PREPARED, doc_units, index_doc, prepare_doc, unindex_article
from storyline.store.search.query import (
    _article_filter, _filters_sql, _hit, _unit_set, highlights, parse_query, search,
)
from storyline.store.search.rebuild import reindex, split_sentences
from storyline.store.search.dates import range_tokens
from storyline.store.search.tokens import Tokenizer, tokenizer
from storyline.store.search.units import (
    COUNT_CAP, HIT_COLUMNS, KINDS, RANK_WINDOW, SNIPPET, UNITS_DDL, SearchBackend, SearchFilters, SearchPage, Term,
    Unit, segmented,
)

__all__ = ["Tokenizer", "tokenizer", "Unit", "Term", "SearchFilters", "SearchPage", "SearchBackend", "FtsBackend",
           "ScanBackend", "backend_for", "doc_units", "prepare_doc", "index_doc", "unindex_article", "reindex",
           "split_sentences", "parse_query", "highlights", "search", "range_tokens", "segmented", "PREPARED", "COUNT_CAP",
           "HIT_COLUMNS", "KINDS", "RANK_WINDOW", "SNIPPET", "UNITS_DDL", "_article_filter", "_filters_sql", "_hit",
           "_unit_set"]
