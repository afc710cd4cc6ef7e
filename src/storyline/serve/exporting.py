"""Export writers: JSON Lines, CSV (nested values as JSON text) and Parquet (pyarrow)."""

from __future__ import annotations

import csv
import json
import sys
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
    if kind == "framing":
        from storyline.link.framing import framing_records

        return iter(framing_records(store))
    raise ValueError(kind)


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


def _flat(rec: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in rec.items()}


def _write_csv(records: Iterable[dict], handle) -> None:
    writer = None
    for rec in records:
        row = _flat(rec)
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)


def _write_parquet(records: list[dict], output: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SystemExit("storyline: parquet export needs pyarrow: pip install 'storyline[parquet]'")
    rows = [_flat(r) for r in records]
    pq.write_table(pa.Table.from_pylist(rows), output)
