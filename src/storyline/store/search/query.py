"""Full-text search, the reading side: query parsing, filters, ranking, highlighted hits.

The package's __init__ re-exports `search`, `parse_query` and `highlights`.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.store.base import Store
from storyline.store.profiles import date_bound_after
from storyline.store.search.backends import FtsBackend, backend_for
from storyline.store.search.dates import range_tokens
from storyline.store.search.tokens import Tokenizer, tokenizer
from storyline.store.search.units import MAX_TERMS, SNIPPET, SearchBackend, SearchFilters, SearchPage, Term


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


def _has_dates(store: Store, backend: SearchBackend) -> bool:
    """Whether the index carries date tokens (search.dates; an index made before them does not
    until the next write rebuilds it)."""
    if not isinstance(backend, FtsBackend):
        return False
    sql = store.scalar("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
    return bool(sql) and "dates" in sql


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
    dates = range_tokens(filters.date_from, filters.date_to) if _has_dates(store, backend) else None
    if dates == []:  # an empty range
        return SearchPage(0, [], [t.text for t in terms])
    if dates:  # the engine applies the date range exactly (search.dates); the rest is tested here
        filters = replace(filters, date_from=None, date_to=None)
    where, params = _filters_sql(store, filters, _unit_set(store, backend, terms, filters))
    total, rows = backend.match(store, terms, where, params, limit, offset, dates)
    return SearchPage(total, [_hit(r, terms) for r in rows], [t.text for t in terms], getattr(backend, "note", None),
                      getattr(backend, "exact", True))
