"""Read-side queries shared by the CLI, the exports and the HTTP API.

Each function returns plain dicts in the shape of ../shared/SPEC.md's exported records, so the
CLI, `export` and the API can never disagree about what a record is.
"""

from __future__ import annotations

import json
from typing import Iterator

from storyline.store.base import Store

ARTICLE_COLUMNS = (
    "id, path, format, outlet, title, author, editor, published, published_inferred, url, language, encoding, "
    "paragraphs, categories, links, captions, content_hash, duplicate_of, published_clue"
)


def article_from_row(row: dict) -> dict:
    return {
        "id": row["id"],
        "path": row["path"],
        "format": row["format"],
        "outlet": row["outlet"],
        "title": row["title"],
        "author": row["author"],
        "published": row["published"],
        "published_inferred": bool(row["published_inferred"]),
        "url": row["url"],
        "language": row["language"],
        "paragraphs": json.loads(row["paragraphs"]),
        "duplicate_of": row["duplicate_of"],
        "editor": row["editor"],
        "encoding": row["encoding"],
        "categories": json.loads(row["categories"]),
        "links": json.loads(row["links"]),
        "captions": json.loads(row["captions"]),
        "published_clue": row["published_clue"],  # the evidence of an inferred date (SPEC), else null
    }


def iter_articles(store: Store) -> Iterator[dict]:
    for row in store.rows(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY published IS NULL, published, id"):
        yield article_from_row(row)


def list_articles(store: Store, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict]:
    where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
    return store.rows(
        f"SELECT id, outlet, title, published, published_inferred, published_clue, format, path, duplicate_of "
        f"FROM articles {where} "
        "ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def count(store: Store, table: str) -> int:
    return int(store.scalar(f"SELECT COUNT(*) FROM {table}") or 0)


def get_article(store: Store, article_id: str) -> dict | None:
    rows = store.rows(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
    if not rows:
        rows = store.rows(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", (article_id + "%",))
        if len(rows) != 1:
            return None
    return article_from_row(rows[0])


def article_urls(store: Store, article_ids) -> dict[str, str]:
    """article id -> its original URL, for the articles that have one (asked in chunks: a
    timeline's sources can be thousands of ids, more than one statement's parameters)."""
    ids, out = sorted(article_ids), {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.rows(f"SELECT id, url FROM articles WHERE url IS NOT NULL AND id IN ({marks})", chunk):
            out[r["id"]] = r["url"]
    return out


def article_annotations(store: Store, article_id: str) -> dict[str, list[dict]]:
    entity_names = {r["id"]: r["name"] for r in store.rows(
        "SELECT DISTINCT e.id, e.name FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE m.article_id = ?",
        (article_id,),
    )}
    mentions = store.rows(
        "SELECT paragraph, start_pos AS start, end_pos AS end, text, type, entity_id FROM mentions "
        "WHERE article_id = ? ORDER BY paragraph, start_pos", (article_id,))
    for m in mentions:
        m["entity_name"] = entity_names.get(m["entity_id"])
    return {
        "mentions": mentions,
        "times": [time_from_row(r) for r in store.rows(
            "SELECT * FROM times WHERE article_id = ? ORDER BY paragraph, start_pos", (article_id,))],
        "events": [event_mention_from_row(r) for r in store.rows(
            "SELECT * FROM event_mentions WHERE article_id = ? ORDER BY paragraph, start_pos", (article_id,))],
        "quotes": [quote_from_row(r, {}) for r in store.rows(
            "SELECT * FROM quotes WHERE article_id = ? ORDER BY paragraph, start_pos", (article_id,))],
    }


def time_from_row(r: dict) -> dict:
    return {
        "id": r["id"], "article_id": r["article_id"], "paragraph": r["paragraph"], "start": r["start_pos"],
        "end": r["end_pos"], "text": r["text"], "type": r["type"], "value": r["value"], "mod": r["mod"],
        "anchor": r["anchor"], "range_end": r["range_end"],
    }


def event_mention_from_row(r: dict) -> dict:
    return {
        "id": r["id"], "event_id": r["event_id"], "article_id": r["article_id"], "paragraph": r["paragraph"],
        "start": r["start_pos"], "end": r["end_pos"], "text": r["text"], "type": r["type"],
        "trigger": r["trigger_word"], "trigger_start": r["trigger_start"], "trigger_end": r["trigger_end"],
        "mode": r["mode"], "status": r["status"], "date": r["date"], "date_end": r["date_end"],
        "location": r["location"], "duration_minutes": r["duration_minutes"], "actors": json.loads(r["actors"]),
    }


def quote_from_row(r: dict, names: dict[str, str]) -> dict:
    eid = r["speaker_entity_id"]
    return {
        "id": r["id"],
        "speaker": {"entity_id": eid, "name": names.get(eid, r["speaker_name"]) if eid else r["speaker_name"]},
        "speaker_text": r["speaker_name"],
        "via": r["via"], "cue": r["cue"], "text": r["text"], "direct": bool(r["direct"]), "stance": r["stance"],
        "date": r["date"], "article_id": r["article_id"], "paragraph": r["paragraph"], "start": r["start_pos"],
        "end": r["end_pos"],
    }


def entity_names(store: Store) -> dict[str, str]:
    return {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM entities")}


def iter_times(store: Store) -> Iterator[dict]:
    for r in store.rows("SELECT * FROM times ORDER BY article_id, paragraph, start_pos, id"):
        yield time_from_row(r)


def iter_quotes(store: Store) -> Iterator[dict]:
    names = entity_names(store)
    for r in store.rows("SELECT * FROM quotes ORDER BY article_id, paragraph, start_pos, id"):
        yield quote_from_row(r, names)


def entity_record(rec: dict) -> dict:
    n, a = rec.get("mentions", 0), rec.get("articles", 0)
    out = {
        "id": rec["id"], "name": rec["name"], "type": rec["type"], "aliases": rec.get("aliases", []),
        "english": rec.get("english"), "roles": rec.get("roles", []), "mentions": n, "articles": a,
    }
    for key, value in rec.items():  # extra fields (country, ...) are welcome after the SPEC ones
        out.setdefault(key, value)
    return out


def iter_entities(store: Store, type_: str | None = None) -> Iterator[dict]:
    where, params = ("WHERE type = ?", (type_,)) if type_ else ("", ())
    records = [json.loads(r["record"]) for r in store.rows(f"SELECT record FROM entities {where}", params)]
    records = [entity_record(rec) for rec in records]
    records.sort(key=lambda r: (-r["mentions"], r["id"]))
    yield from (r for r in records if r["mentions"] > 0)


def _record_int(store: Store, key: str) -> str:
    """SQL for an integer field of the JSON `record` column. SQLite and PostgreSQL share no JSON
    syntax, so this is the one place a query is written per backend."""
    if store.dialect == "postgres":
        return f"COALESCE(CAST(CAST(record AS json) ->> '{key}' AS INTEGER), 0)"
    return f"COALESCE(CAST(json_extract(record, '$.{key}') AS INTEGER), 0)"


def _contains(store: Store, column: str) -> str:
    return f"strpos({column}, ?) > 0" if store.dialect == "postgres" else f"instr({column}, ?) > 0"


def page_entities(store: Store, type_: str | None = None, q: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[dict]]:
    """(total, one page) of iter_entities' list, optionally only names or aliases containing q.

    Counted, sorted and paged in SQL, the mention count read by the database's own JSON
    functions: only the page's records are parsed in Python."""
    mentions = _record_int(store, "mentions")
    clauses, params = [], []
    if type_:
        clauses.append("type = ?")
        params.append(type_)
    if q:  # entity_aliases holds every alias and the canonical name (linked.save_entities)
        clauses.append(f"id IN (SELECT entity_id FROM entity_aliases WHERE {_contains(store, 'alias')})")
        params.append(q)
    where = "".join(" AND " + c for c in clauses)
    inner = f"SELECT id, record, {mentions} AS n FROM entities WHERE 1 = 1{where}"
    rows = store.rows(f"SELECT record, COUNT(*) OVER () AS total FROM ({inner}) AS counted WHERE n > 0 "
                      "ORDER BY n DESC, id LIMIT ? OFFSET ?", [*params, limit, offset])
    if rows:
        total = int(rows[0]["total"])
    else:
        total = int(store.scalar(f"SELECT COUNT(*) FROM ({inner}) AS counted WHERE n > 0", params) or 0)
    return total, [entity_record(json.loads(r["record"])) for r in rows]


def find_entity(store: Store, name: str) -> dict | None:
    """An entity by id, canonical name, any alias, its English name or a variant the entity
    stage's gazetteer lists (普丁 -> 普京); the most mentioned one when several match."""
    best = None
    for eid in entity_ids_for(store, name):
        rows = store.rows("SELECT record FROM entities WHERE id = ?", (eid,))
        if not rows:
            continue
        rec = entity_record(json.loads(rows[0]["record"]))
        if best is None or rec["mentions"] > best["mentions"]:
            best = rec
    return best


def entity_ids_for(store: Store, name: str) -> list[str]:
    """Every entity a name may denote (for filters: `--entity 沙利文` covers both).

    Stored aliases, ids and canonical names first; only when none matches, the English name
    (case-insensitive: `Vladimir Putin`), then the gazetteer's names for the same person or
    place (普丁 is listed as 普京's alias but no article wrote it, so the store never saw it)."""
    ids = {r["entity_id"] for r in store.rows("SELECT entity_id FROM entity_aliases WHERE alias = ?", (name,))}
    ids |= {r["id"] for r in store.rows("SELECT id FROM entities WHERE id = ? OR name = ?", (name, name))}
    if not ids and name.strip():
        english = _record_text(store, "english")
        ids = {r["id"] for r in store.rows(f"SELECT id FROM entities WHERE lower({english}) = ?",
                                           (" ".join(name.split()).lower(),))}
    if not ids and name.strip():
        ids = _gazetteer_ids(store, name.strip())
    return sorted(ids)


def _gazetteer_ids(store: Store, name: str) -> set[str]:
    """Stored entities under another name the entity stage's gazetteer gives for `name`."""
    from storyline.analyse.entities.resources import Resources  # only on a miss: ~1 s to import

    names: set[str] = set()
    for entry in Resources().alias.get(name, []):
        names |= {entry.name, *entry.aliases}
    names.discard(name)
    if not names:
        return set()
    marks = ",".join("?" for _ in names)
    ordered = sorted(names)
    return ({r["entity_id"] for r in store.rows(f"SELECT entity_id FROM entity_aliases WHERE alias IN ({marks})", ordered)}
            | {r["id"] for r in store.rows(f"SELECT id FROM entities WHERE name IN ({marks})", ordered)})


def page_disputes(store: Store, limit: int = 50, offset: int = 0,
                  entity_ids: list[str] | None = None) -> tuple[int, list[dict]]:
    """(total, one page) of the disputes in id order, optionally those whose claim or counter
    is by one of `entity_ids`. Paged in SQL: a dispute record lists every source of its cluster
    (hundreds of mentions for a widely copied claim), and parsing all of them took ~230 ms a
    request on the 100k store. With entities, the record text must contain one of the ids (a
    cheap test in SQL) and the database's JSON functions then read the speakers' ids."""
    if entity_ids is None:
        total = int(store.scalar("SELECT COUNT(*) FROM disputes") or 0)
        rows = store.rows("SELECT record FROM disputes ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
        return total, [json.loads(r["record"]) for r in rows]
    if not entity_ids:
        return 0, []
    marks = ",".join("?" * len(entity_ids))
    contains = " OR ".join(_contains(store, "record") for _ in entity_ids)  # cheap: skips most records unparsed
    by = " OR ".join(f"{_record_text(store, side, 'by', 'entity_id')} IN ({marks})" for side in ("claim", "counter"))
    where = f"({contains}) AND ({by})"
    params = [*entity_ids, *entity_ids, *entity_ids]
    # one pass counts and pages (reading the records' text is the cost); past the end, a count
    rows = store.rows(f"SELECT record, COUNT(*) OVER () AS total FROM disputes WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
                      [*params, limit, offset])
    if rows:
        total = int(rows[0]["total"])
    else:
        total = int(store.scalar(f"SELECT COUNT(*) FROM disputes WHERE {where}", params) or 0)
    return total, [json.loads(r["record"]) for r in rows]


def _record_text(store: Store, *path: str) -> str:
    """SQL for a text field of the JSON `record` column (see _record_int)."""
    if store.dialect == "postgres":
        return "CAST(record AS json)" + "".join(f" -> '{k}'" for k in path[:-1]) + f" ->> '{path[-1]}'"
    return f"json_extract(record, '$.{'.'.join(path)}')"


def _quote_where(store: Store, speaker: str | None, article: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if speaker:
        ids = entity_ids_for(store, speaker)
        clauses.append("(speaker_name = ?" + "".join(" OR speaker_entity_id = ?" for _ in ids) + ")")
        params += [speaker, *ids]
    if article:
        clauses.append("article_id = ?")
        params.append(article)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def page_quotes(store: Store, speaker: str | None = None, article: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict]:
    """Quotes by date (undated last), optionally of one speaker (any name of the entity, or the
    speaker as written) or one article."""
    where, params = _quote_where(store, speaker, article)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = store.rows(f"SELECT * FROM quotes {where} ORDER BY date IS NULL, date, article_id, paragraph, start_pos"
                      + page, [*params, *([limit, offset] if limit is not None else [])])
    names = entity_names(store) if rows else {}
    return [quote_from_row(r, names) for r in rows]


def count_quotes(store: Store, speaker: str | None = None, article: str | None = None) -> int:
    where, params = _quote_where(store, speaker, article)
    return int(store.scalar(f"SELECT COUNT(*) FROM quotes {where}", params) or 0)


def page_stories(store: Store, limit: int = 50, offset: int = 0) -> list[dict]:
    """Storylines by start date (none in a store written before stories existed)."""
    try:
        rows = store.rows("SELECT record FROM stories ORDER BY COALESCE(start, '9999'), id LIMIT ? OFFSET ?",
                          (limit, offset))
    except Exception:  # noqa: BLE001 -- no stories table
        if store.dialect == "postgres":
            store.conn.rollback()
        return []
    return [json.loads(r["record"]) for r in rows]


def iter_records(store: Store, table: str) -> Iterator[dict]:
    for r in store.iter_rows(f"SELECT record FROM {table} ORDER BY id"):  # exports: never the whole table at once
        yield json.loads(r["record"])
