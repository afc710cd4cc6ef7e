"""SQLite connection set-up: WAL so `serve` can read while `ingest` writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storyline.store.base import StoreError


def connect_sqlite(path: str, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        if not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `storyline ingest` first)")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        parent = Path(path).resolve().parent
        if not parent.exists():
            raise StoreError(f"{path}: folder {parent} does not exist")
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn
