"""Export writers: JSON Lines (records as they are), CSV for spreadsheets and Parquet (pyarrow).

CSV is written for Excel and LibreOffice: UTF-8 with a byte-order mark (without it Excel reads
the Chinese text as mojibake) and flat cells: a nested object becomes columns (`speaker_name`,
`corroboration_outlets`), a list becomes its items joined with "; ", an actor as `name (role)`,
a source mention as `article ¶paragraph`. JSON Lines keeps every nested value for programs.

Besides the SPEC kinds there are extra kinds (RESTORE_KINDS) that carry what `storyline import`
needs to rebuild a store faithfully: article keys and MinHash signatures (so a later ingest still
sees unchanged files and near-duplicates), entity mentions, event mentions, stories and every
stored entity record (the `entities` kind leaves out entities no longer mentioned).
"""

from __future__ import annotations

import csv
import json
import sys
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from storyline.store import Store, queries


def records_for(store: Store, kind: str) -> Iterator[dict]:
    if kind == "articles":
        return queries.iter_articles(store)
    if kind == "entities":
        return queries.iter_entities(store)
    if kind == "times":
        return queries.iter_times(store)
    if kind == "quotes":
        return queries.iter_quotes(store)
    if kind in ("events", "disputes"):
        return queries.iter_records(store, kind)
    if kind in RESTORE_KINDS:
        return _restore_records(store, kind)
    if kind == "framing":
        from storyline.link.framing import framing_records

        return iter(framing_records(store))
    raise ValueError(kind)


RESTORE_KINDS = ("article_keys", "mentions", "event_mentions", "stories", "entity_records")


def _restore_records(store: Store, kind: str) -> Iterator[dict]:
    if kind == "article_keys":
        for r in store.rows(
                "SELECT a.id, a.source_key, a.content_hash, a.analysis, m.signature FROM articles a "
                "LEFT JOIN article_minhash m ON m.article_id = a.id ORDER BY a.id"):
            yield {"id": r["id"], "source_key": r["source_key"], "content_hash": r["content_hash"],
                   "analysis": json.loads(r["analysis"]) if r["analysis"] else None, "signature": r["signature"]}
    elif kind == "mentions":
        for r in store.rows("SELECT * FROM mentions ORDER BY article_id, paragraph, start_pos, end_pos, type, "
                            "entity_id, text"):
            yield {"article_id": r["article_id"], "paragraph": r["paragraph"], "start": r["start_pos"],
                   "end": r["end_pos"], "text": r["text"], "type": r["type"], "entity_id": r["entity_id"],
                   "role_title": r["role_title"], "role_of": r["role_of"]}
    elif kind == "event_mentions":
        for r in store.rows("SELECT * FROM event_mentions ORDER BY article_id, paragraph, start_pos, id"):
            yield queries.event_mention_from_row(r)
    elif kind == "stories":
        yield from queries.iter_records(store, "stories")
    else:  # entity_records: as stored, including entities whose mentions are gone
        yield from queries.iter_records(store, "entities")


def write_records(records: Iterable[dict], fmt: str, output: Path | None) -> None:
    if fmt == "parquet":
        _write_parquet(list(records), output)
        return
    handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for rec in records:
                handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            _write_csv(records, handle)
    finally:
        if output:
            handle.close()


def _json_cells(rec: dict) -> dict:
    """Parquet: nested values as JSON text (a column keeps one type)."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in rec.items()}


SEPARATOR = "; "


def _item(value) -> str:
    """One list item as spreadsheet text."""
    if isinstance(value, dict):
        if value.get("name") is not None:  # an actor, a speaker, a participant
            return str(value["name"]) + (f" ({value['role']})" if value.get("role") else "")
        if value.get("article_id") is not None and value.get("paragraph") is not None:  # a source mention
            return f"{value['article_id']} ¶{value['paragraph']}"
        if value.get("title") is not None:  # a role: 俄罗斯总统
            return f"{value.get('of') or ''}{value['title']}"
        return ", ".join(f"{k} {_item(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return SEPARATOR.join(_item(v) for v in value)
    return "" if value is None else str(value)


def flat_row(rec: dict, prefix: str = "") -> dict:
    """A record as flat spreadsheet cells: nested objects become `parent_child` columns, lists
    their items joined with "; " (no JSON in a cell)."""
    out: dict = {}
    for key, value in rec.items():
        name = prefix + key
        if isinstance(value, dict):
            out.update(flat_row(value, name + "_"))
        elif isinstance(value, list):
            out[name] = _item(value)
        else:
            out[name] = value
    return out


HEADER_SAMPLE = 1000  # records read ahead to choose the CSV columns


def _write_csv(records: Iterable[dict], handle) -> None:
    """The columns are the union of the first HEADER_SAMPLE records' fields, in order of first
    appearance (an optional field such as `corroboration` may be missing from the first ones);
    a field first seen later is left out. Bounded memory: the rest is streamed."""
    records = iter(records)
    head = [flat_row(rec) for rec in islice(records, HEADER_SAMPLE)]
    if not head:
        return
    columns = list(dict.fromkeys(key for row in head for key in row))
    handle.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(head)
    for rec in records:
        writer.writerow(flat_row(rec))


def _write_parquet(records: list[dict], output: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SystemExit("storyline: parquet export needs pyarrow: pip install 'storyline[parquet]'")
    rows = [_json_cells(r) for r in records]
    pq.write_table(pa.Table.from_pylist(rows), output)
