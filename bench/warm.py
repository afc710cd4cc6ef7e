"""Fill a store's derived caches the way ingests fill them as they go, so that a benchmark of an
upgraded store measures the steady state rather than the first ingest after the upgrade.

    python bench/warm.py --db STORE

* the dispute statement cache (schema v7, link/dispute_cache.py): every non-duplicate article's
  claims and counters built once and stored;
* each story event's basis (story_events.basis, link/stories.py): its date and actor count, as
  `StoryLinker._save` writes them when it computes the story.

Prints what it did and how long it took (the first figure is what an upgraded store's first
appends pay, spread over the articles they reach).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from storyline.link.disputes import DisputeLinker
from storyline.link.story_relations import basis
from storyline.store import open_store

PAGE = 1000  # articles per transaction


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the store (changed in place)")
    args = ap.parse_args(argv)
    store = open_store(args.db)
    linker = DisputeLinker(store)
    ids = [r["id"] for r in store.rows("SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id")]
    start, built = time.perf_counter(), 0
    for i in range(0, len(ids), PAGE):
        with store.transaction():
            built += len(linker._statements_of(ids[i:i + PAGE]))
        linker.trim(0)
    print(f"dispute cache: {len(ids)} articles, {built} claims and counters, {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    rows = [(basis(json.loads(r["record"])), r["id"]) for r in store.rows(
        "SELECT e.id, e.record FROM events e JOIN story_events s ON s.event_id = e.id")]
    with store.transaction():
        store.executemany("UPDATE story_events SET basis = ? WHERE event_id = ?", rows)
    print(f"story bases: {len(rows)} events, {time.perf_counter() - start:.1f} s")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
