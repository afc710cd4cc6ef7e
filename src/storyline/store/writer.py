"""Writing one analysed article: its row, its annotations, its near-duplicate keys.

Re-ingesting an article replaces all of its annotation rows inside the caller's transaction,
so a re-run can never double a record and a crash can never leave half of one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from storyline.link.dedup import SCHEME, THRESHOLD, Deduper, Signature
from storyline.model import Article, Doc
from storyline.store import search, storable
from storyline.store.base import Store


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def stable_id(prefix: str, *parts) -> str:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:14]}"


def known_hashes(store: Store) -> dict[str, str]:
    return {r["source_key"]: r["content_hash"] for r in store.rows("SELECT source_key, content_hash FROM articles")}


def find_duplicate(store: Store, article: Article, sig: Signature) -> str | None:
    """The earliest stored article (other than this one) that is the same text."""
    exact = store.scalar(
        "SELECT id FROM articles WHERE content_hash = ? AND id <> ? AND duplicate_of IS NULL ORDER BY id LIMIT 1",
        (article.content_hash, article.id),
    )
    if exact:
        return exact
    bands = sig.bands()
    # one query for all bands (each OR term uses the (band, hash) index), not one per band
    where = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
    candidates = {row["article_id"] for row in store.rows(
        f"SELECT article_id FROM article_bands WHERE {where}", [v for pair in bands for v in pair])}
    candidates.discard(article.id)
    best, best_sim = None, THRESHOLD
    for cand in sorted(candidates):
        row = store.rows(
            "SELECT m.signature FROM article_minhash m JOIN articles a ON a.id = m.article_id "
            "WHERE m.article_id = ? AND a.duplicate_of IS NULL",
            (cand,),
        )
        if not row:
            continue
        sim = sig.similarity(Signature.loads(row[0]["signature"]))
        if sim >= best_sim:
            best, best_sim = cand, sim
    return best


def upgrade_signatures(store: Store, deduper: Deduper, on_progress: Callable[[int, int], None] | None = None,
                       chunk: int = 500) -> int:
    """Re-sign stored articles whose MinHash signature is of an older hash scheme (link/dedup.py),
    from their stored paragraphs, so new articles can be matched against them. Returns how many
    were re-signed; `on_progress(done, total)` after each committed chunk. The `meta` row
    `minhash_scheme` records that the store is done, so this costs one lookup on every later
    ingest (an import re-signs an older export's signatures itself, serve/importing.py)."""
    if store.scalar("SELECT value FROM meta WHERE key = 'minhash_scheme'") == str(SCHEME):
        return 0
    ids = [r["article_id"] for r in store.rows(
        "SELECT article_id FROM article_minhash WHERE signature NOT LIKE ? ORDER BY article_id", (f"{SCHEME}:%",))]
    for n in range(0, len(ids), chunk):
        part = ids[n:n + chunk]
        rows = store.rows(f"SELECT id, paragraphs FROM articles WHERE id IN ({','.join('?' * len(part))})", part)
        with store.transaction():
            for r in rows:
                write_signature(store, r["id"], deduper.signature(json.loads(r["paragraphs"])))
        if on_progress:
            on_progress(n + len(part), len(ids))
    with store.transaction():
        mark_signed(store)
    return len(ids)


def mark_signed(store: Store) -> None:
    """Record in `meta` that every stored signature is of the current scheme (inside the
    caller's transaction)."""
    store.execute("DELETE FROM meta WHERE key = 'minhash_scheme'")
    store.execute("INSERT INTO meta (key, value) VALUES ('minhash_scheme', ?)", (str(SCHEME),))


def upsert_article(store: Store, a: Article, analysis: dict | None = None) -> None:
    store.execute("DELETE FROM articles WHERE id = ?", (a.id,))
    store.execute(
        "INSERT INTO articles (id, source_key, path, format, outlet, title, author, editor, published, "
        "published_inferred, url, language, encoding, paragraphs, categories, links, captions, content_hash, "
        "duplicate_of, analysis, published_clue) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            # the indexed columns capped to what an index row can hold (store/storable.py)
            a.id, storable.article_key(a.source_key), a.path, a.format, storable.short_value(a.outlet), a.title,
            a.author, a.editor, storable.short_value(a.published),
            int(a.published_inferred), a.url, a.language, a.encoding, dumps(a.paragraphs), dumps(a.categories),
            dumps(a.links), dumps(a.captions), a.content_hash, a.duplicate_of,
            dumps(analysis) if analysis is not None else None, a.published_clue,
        ),
    )


def write_signature(store: Store, article_id: str, sig: Signature) -> None:
    store.execute("DELETE FROM article_bands WHERE article_id = ?", (article_id,))
    store.execute("DELETE FROM article_minhash WHERE article_id = ?", (article_id,))
    store.executemany(
        "INSERT INTO article_bands (band, hash, article_id) VALUES (?,?,?)",
        [(band, key, article_id) for band, key in sig.bands()],
    )
    store.execute("INSERT INTO article_minhash (article_id, signature) VALUES (?,?)", (article_id, sig.dumps()))


ANNOTATION_TABLES = ("mentions", "times", "event_mentions", "quotes")


def delete_annotations(store: Store, article_id: str) -> None:
    for table in ANNOTATION_TABLES:
        store.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    search.unindex_article(store, article_id)  # the search index follows the annotations
    # and so does the dispute statements' cache built from them (migration 0007)
    store.execute("DELETE FROM dispute_statements WHERE article_id = ?", (article_id,))


def write_annotations(store: Store, doc: Doc, replace: bool = True, index: bool = True) -> None:
    """Store a doc's annotations. `replace=False` when the article is new to the store (it can
    have no rows yet: articles and annotations are written in one transaction), saving the
    writer six DELETEs per article. `index=False`: the caller indexes it for search later, with
    `index_docs` (see there why)."""
    aid = doc.article.id
    if replace:
        delete_annotations(store, aid)
    store.executemany(
        "INSERT INTO mentions (article_id, paragraph, start_pos, end_pos, text, type, entity_id, role_title, role_of) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        [(aid, m.paragraph, m.start, m.end, m.text, m.type, m.entity_id, m.role_title, m.role_of) for m in doc.mentions],
    )
    store.executemany(
        "INSERT INTO times (id, article_id, paragraph, start_pos, end_pos, text, type, value, mod, anchor, range_end) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (stable_id("t", aid, t.paragraph, t.start, t.end), aid, t.paragraph, t.start, t.end, t.text, t.type,
             t.value, t.mod, t.anchor, t.range_end)
            for t in _unique(doc.times)
        ],
    )
    store.executemany(
        "INSERT INTO event_mentions (id, article_id, paragraph, start_pos, end_pos, text, type, trigger_word, "
        "trigger_start, trigger_end, mode, status, date, date_end, location, duration_minutes, actors, event_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (event_mention_id(aid, e), aid, e.paragraph, e.start, e.end, e.text, e.type, e.trigger, e.trigger_start,
             e.trigger_end, e.mode, e.status, e.date, e.date_end, e.location, e.duration_minutes,
             dumps([_actor(a) for a in e.actors]), e.event_id)
            for e in _unique_events(aid, doc.events)
        ],
    )
    store.executemany(
        "INSERT INTO quotes (id, article_id, paragraph, start_pos, end_pos, text, cue, direct, stance, speaker_name, "
        "speaker_entity_id, via, date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (stable_id("q", aid, q.paragraph, q.start, q.end), aid, q.paragraph, q.start, q.end, q.text, q.cue,
             int(q.direct), q.stance, q.speaker_name, q.speaker_entity_id, q.via, q.date)
            for q in _unique(doc.quotes)
        ],
    )
    if index:
        search.index_doc(store, doc, replace=replace)


def index_docs(store: Store, items: list[tuple[Doc, bool]]) -> None:
    """Index a batch's articles for search, each (doc, replace) as write_annotations would have,
    after the batch's other writes. Why last: once a transaction has written to the FTS5 table,
    every later savepoint (ingest opens one per article) and every statement with a statement
    journal makes FTS5 flush its pending terms into a new segment (its xSavepoint), so indexing
    article by article wrote one tiny segment per article and merged them again; indexed last,
    the batch's terms go out in a few large segments at commit. The same rows, ids and matches."""
    for doc, replace in items:
        search.index_doc(store, doc, replace=replace)


def _unique(items: list) -> list:
    """Annotations keyed by (paragraph, start, end): keep the first of any exact repeat."""
    seen, out = set(), []
    for item in items:
        key = (item.paragraph, item.start, item.end)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _actor(actor) -> dict:
    return {"entity_id": actor.entity_id, "name": actor.name, "role": actor.role}


def event_mention_id(article_id: str, e) -> str:
    actors = "|".join(sorted(f"{a.role}:{a.name}" for a in e.actors))
    return stable_id("em", article_id, e.paragraph, e.trigger_start, e.type, actors)


def _unique_events(article_id: str, events: list) -> list:
    seen, out = set(), []
    for e in events:
        key = event_mention_id(article_id, e)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
