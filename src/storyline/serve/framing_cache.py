"""Framing records for the API, computed once per state of the store.

`framing_records` reads every article of the store (scare quotes are counted over all the text),
which takes seconds on a large store (~20 s at 10k articles): far too slow for a request. The app
keeps the last result with a fingerprint of the store and recomputes only when the store changed;
a background thread warms it at start-up, so the first visitor of the comparison page does not
pay for it either.

Fingerprint: for SQLite, the size and modification time of the database file and its WAL (any
committed write changes one of them); for PostgreSQL, the article count and the newest article
id, plus a one-minute clock bucket (updated articles keep their id), so a served comparison is at
most a minute stale there.

Per-event framing groups the merged events several outlets report; a tag file of events (TSV:
relative_path, event, as ../shared/corpus2/EVENTS.tsv) named by the STORYLINE_EVENT_TAGS
environment variable of the server replaces them (the server's setting, never a request's: a
request does not name files to read).
"""

from __future__ import annotations

import gc
import os
import threading
import time

from storyline.link.framing import framing_records, read_groups
from storyline.store import Store, open_store


def fingerprint(store: Store) -> tuple:
    if store.dialect == "sqlite":
        out = []
        for path in (store.target, store.target + "-wal"):
            try:
                st = os.stat(path)
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)
    row = store.rows("SELECT COUNT(*) AS n, MAX(id) AS last FROM articles")[0]
    return (row["n"], row["last"], int(time.time() // 60))


class FramingCache:
    def __init__(self, tags_path: str | None = None) -> None:
        self._tags_path = tags_path or os.environ.get("STORYLINE_EVENT_TAGS") or None
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._records: list[dict] = []

    def records(self, store: Store) -> list[dict]:
        key = fingerprint(store)
        with self._lock:  # one computation at a time; waiting requests then reuse it
            if key != self._key:
                self._records = (framing_records(store, tags=read_groups(self._tags_path)) if self._tags_path
                                 else framing_records(store))
                self._key = key
                # tens of thousands of long-lived dicts: keep them out of the collector's scans
                # (as create_app does for the app), else every full collection pays for them
                gc.freeze()
            return self._records

    def warm(self, target: str) -> threading.Thread:
        """Compute for the store as it is now, in a daemon thread (start-up must not wait)."""
        def run() -> None:
            try:
                store = open_store(target, readonly=True)
            except Exception:  # noqa: BLE001 -- no store yet, or not readable: requests will say why
                return
            try:
                self.records(store)
            except Exception:  # noqa: BLE001 -- a request will compute again and report the error
                pass
            finally:
                store.close()

        thread = threading.Thread(target=run, name="framing-warm", daemon=True)
        thread.start()
        return thread
