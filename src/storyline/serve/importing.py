"""`storyline import FOLDER`: load `<kind>.jsonl` files written by `storyline export` into a store.

Round trip: export every kind (the SPEC kinds plus exporting.RESTORE_KINDS) to a folder, import it
into a fresh store, export again, and the SPEC kinds come out byte-identical. Records are upserted
by id (mentions, which have no id, are replaced per article), so importing into a non-empty store,
or importing twice, never doubles a record. The whole import is one transaction.

Derived indexes are rebuilt, not imported: event_actors from the events, entity_aliases from the
entities, dispute_articles and story_events from the dispute and story records, article_bands from
the MinHash signatures, the full-text index via search.reindex, and the dispute graph's state
by linking the imported articles again (their dispute records stay as imported).

`framing` is computed on read from articles, mentions, quotes and events, so its file is not read.
A folder holding only the SPEC kinds still imports: article keys then fall back to the path and a
hash of the paragraphs, and mentions/event mentions/stories stay empty.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator

from storyline.link.dedup import SCHEME, Deduper, Signature
from storyline.link.disputes.state import DisputeState
from storyline.link.disputes import DisputeLinker
from storyline.store import Store, StoreError, search
from storyline.store.linked import save_event, save_story
from storyline.store.writer import delete_annotations, dumps, upgrade_signatures, write_signature

# order matters: articles first (annotations point at them), entities after their mentions
ORDER = ("articles", "article_keys", "mentions", "times", "event_mentions", "quotes", "entities",
         "entity_records", "events", "disputes", "stories")


def _read(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise StoreError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise StoreError(f"{path}:{number}: not a JSON object")
            yield rec


def import_folder(store: Store, folder: Path) -> dict[str, int]:
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such folder")
    present = [k for k in ORDER if (folder / f"{k}.jsonl").is_file()]
    if not present:
        raise StoreError(f"{folder}: no <kind>.jsonl files to import")
    counts: dict[str, int] = {}
    # signatures already stored are brought to the current scheme first (and the store marked
    # so); `_articles` signs those of an older export itself
    upgrade_signatures(store, Deduper())
    with store.transaction():
        keys = {r["id"]: r for r in _read(folder / "article_keys.jsonl")} if "article_keys" in present else {}
        for kind in present:
            if kind == "article_keys":
                counts[kind] = len(keys)
                continue
            try:
                counts[kind] = IMPORTERS[kind](store, list(_read(folder / f"{kind}.jsonl")), keys)
            except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a record missing a field
                raise StoreError(f"{folder / kind}.jsonl: not an exported {kind} record ({exc!r})") from None
        if "articles" in present:
            _dispute_state(store, [a["id"] for a in _read(folder / "articles.jsonl")])
        search.reindex(store)
    return counts


def _dispute_state(store: Store, article_ids: list[str]) -> None:
    """The dispute graph's state (derived, like the other indexes): the imported articles are
    linked again with their disputes left as imported, so a later ingest links new articles
    against them."""
    linker = DisputeLinker(store)
    linker.write_records = False
    linker.cache.clear()  # the imported entity records replace those the cache was built with
    for aid in article_ids:
        linker.note(aid)
    linker.link_all()


def _articles(store: Store, records: list[dict], keys: dict[str, dict]) -> int:
    deduper: Deduper | None = None  # made only for an export with signatures of an older scheme
    for a in records:
        key = keys.get(a["id"], {})
        source_key = key.get("source_key") or a["path"]
        content_hash = key.get("content_hash") or hashlib.sha1(
            "\n".join(a["paragraphs"]).encode("utf-8")).hexdigest()
        # an article stored under another id for the same source is replaced by the imported one
        for row in store.rows("SELECT id FROM articles WHERE source_key = ? AND id <> ?", (source_key, a["id"])):
            delete_annotations(store, row["id"])
            DisputeState(store).delete_articles([row["id"]])
            store.execute("DELETE FROM articles WHERE id = ?", (row["id"],))
        store.execute("DELETE FROM articles WHERE id = ?", (a["id"],))
        store.execute(
            "INSERT INTO articles (id, source_key, path, format, outlet, title, author, editor, published, "
            "published_inferred, url, language, encoding, paragraphs, categories, links, captions, content_hash, "
            "duplicate_of, analysis, published_clue) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (a["id"], source_key, a["path"], a["format"], a.get("outlet"), a.get("title"), a.get("author"),
             a.get("editor"), a.get("published"), int(bool(a.get("published_inferred"))), a.get("url"),
             a.get("language"), a.get("encoding"), dumps(a["paragraphs"]), dumps(a.get("categories", [])),
             dumps(a.get("links", [])), dumps(a.get("captions", [])), content_hash, a.get("duplicate_of"),
             dumps(key["analysis"]) if key.get("analysis") is not None else None, a.get("published_clue")),
        )
        if key.get("signature"):
            sig = Signature.loads(key["signature"])
            if sig.scheme != SCHEME:  # an export of an older store: sign the text the way ingest does
                deduper = deduper or Deduper()
                sig = deduper.signature(a["paragraphs"])
            write_signature(store, a["id"], sig)
    return len(records)


def _mentions(store: Store, records: list[dict], _keys) -> int:
    for aid in sorted({m["article_id"] for m in records}):
        store.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
    store.executemany(
        "INSERT INTO mentions (article_id, paragraph, start_pos, end_pos, text, type, entity_id, role_title, role_of) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        [(m["article_id"], m["paragraph"], m["start"], m["end"], m["text"], m["type"], m.get("entity_id"),
          m.get("role_title"), m.get("role_of")) for m in records],
    )
    return len(records)


def _times(store: Store, records: list[dict], _keys) -> int:
    for t in records:
        store.execute("DELETE FROM times WHERE id = ?", (t["id"],))
    store.executemany(
        "INSERT INTO times (id, article_id, paragraph, start_pos, end_pos, text, type, value, mod, anchor, range_end) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(t["id"], t["article_id"], t["paragraph"], t["start"], t["end"], t["text"], t["type"], t.get("value"),
          t.get("mod"), t.get("anchor"), t.get("range_end")) for t in records],
    )
    return len(records)


def _event_mentions(store: Store, records: list[dict], _keys) -> int:
    for e in records:
        store.execute("DELETE FROM event_mentions WHERE id = ?", (e["id"],))
    store.executemany(
        "INSERT INTO event_mentions (id, article_id, paragraph, start_pos, end_pos, text, type, trigger_word, "
        "trigger_start, trigger_end, mode, status, date, date_end, location, duration_minutes, actors, event_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(e["id"], e["article_id"], e["paragraph"], e["start"], e["end"], e["text"], e["type"], e.get("trigger"),
          e.get("trigger_start"), e.get("trigger_end"), e.get("mode"), e.get("status"), e.get("date"),
          e.get("date_end"), e.get("location"), e.get("duration_minutes"), dumps(e.get("actors", [])),
          e.get("event_id")) for e in records],
    )
    return len(records)


def _quotes(store: Store, records: list[dict], _keys) -> int:
    for q in records:
        store.execute("DELETE FROM quotes WHERE id = ?", (q["id"],))
    store.executemany(
        "INSERT INTO quotes (id, article_id, paragraph, start_pos, end_pos, text, cue, direct, stance, speaker_name, "
        "speaker_entity_id, via, date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(q["id"], q["article_id"], q["paragraph"], q["start"], q["end"], q["text"], q.get("cue"),
          int(bool(q.get("direct"))), q.get("stance"), q.get("speaker_text", (q.get("speaker") or {}).get("name")),
          (q.get("speaker") or {}).get("entity_id"), q.get("via"), q.get("date")) for q in records],
    )
    return len(records)


def _entities(store: Store, records: list[dict], _keys) -> int:
    """Entity records as exported (counts kept as given), with their alias index rebuilt."""
    for rec in records:
        store.execute("DELETE FROM entities WHERE id = ?", (rec["id"],))
        store.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (rec["id"],))
        store.execute("INSERT INTO entities (id, name, type, record) VALUES (?,?,?,?)",
                      (rec["id"], rec["name"], rec["type"], dumps(rec)))
        store.executemany(
            "INSERT INTO entity_aliases (alias, entity_id) VALUES (?,?)",
            [(alias, rec["id"]) for alias in sorted(set(rec.get("aliases", [])) | {rec["name"]})],
        )
    return len(records)


def _events(store: Store, records: list[dict], _keys) -> int:
    for rec in records:
        save_event(store, rec)  # also rebuilds event_actors
    return len(records)


def _linked(table: str, index: str, column: str, targets) -> callable:
    """Records of a linked table (disputes, stories) plus their index table rebuilt from the record."""
    def load(store: Store, records: list[dict], _keys) -> int:
        for rec in records:
            store.execute(f"DELETE FROM {table} WHERE id = ?", (rec["id"],))
            store.execute(f"DELETE FROM {index} WHERE {column} = ?", (rec["id"],))
            store.execute(f"INSERT INTO {table} (id, record) VALUES (?,?)", (rec["id"], dumps(rec)))
            store.executemany(f"INSERT INTO {index} VALUES (?,?)", [(rec["id"], t) for t in targets(rec)])
        return len(records)
    return load


def _stories(store: Store, records: list[dict], _keys) -> int:
    for rec in records:
        save_story(store, rec)  # also rebuilds story_events
    return len(records)


IMPORTERS = {
    "articles": _articles,
    "mentions": _mentions,
    "times": _times,
    "event_mentions": _event_mentions,
    "quotes": _quotes,
    "entities": _entities,
    "entity_records": _entities,
    "events": _events,
    "disputes": _linked("disputes", "dispute_articles", "dispute_id",
                        lambda r: sorted({m["article_id"] for m in r.get("mentions", [])})),
    "stories": _stories,
}
