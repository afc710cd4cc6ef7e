"""Fill a store's derived caches the way ingests fill them as they go, so that a benchmark of an
upgraded store measures the steady state rather than the first ingest after the upgrade.

    python bench/warm.py --db STORE [--steps disputes,bases,links]

* `disputes`: the dispute statement cache (schema v7, link/disputes/cache.py): every
  non-duplicate article's claims and counters built once and stored;
* `bases`: each story event's basis (story_events.basis, link/stories/__init__.py): its date and actor
  count, as `StoryLinker._save` writes them when it computes the story;
* `links`: each story event's links (schema v8, story_events.links, link/stories/pieces.py) in
  the stories big enough to keep a piece of: the event it is reached through in a search of its
  story, and a few more related events of the story.

Prints what it did and how long it took (each figure is what an upgraded store's first appends
pay, spread over the articles and stories they reach).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from storyline.link.disputes import DisputeLinker
from storyline.link.stories.graph import EventGraph
from storyline.link.stories.pieces import EXTRA_LINKS, MIN_PIECE, encode
from storyline.link.stories.relations import basis
from storyline.store import Store, open_store

PAGE = 1000  # articles per transaction
GRAPH_MAX = 30_000  # event records cached while filling links (as the linker's cap)


def warm_disputes(store: Store) -> str:
    linker = DisputeLinker(store)
    ids = [r["id"] for r in store.rows("SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id")]
    built = 0
    for i in range(0, len(ids), PAGE):
        with store.transaction():
            built += len(linker._statements_of(ids[i:i + PAGE]))
        linker.trim(0)
    return f"{len(ids)} articles, {built} claims and counters"


def warm_bases(store: Store) -> str:
    rows = [(basis(json.loads(r["record"])), r["id"]) for r in store.rows(
        "SELECT e.id, e.record FROM events e JOIN story_events s ON s.event_id = e.id")]
    with store.transaction():
        store.executemany("UPDATE story_events SET basis = ? WHERE event_id = ?", rows)
    return f"{len(rows)} events"


def story_links(graph: EventGraph, members: set[str]) -> dict[str, set[str]]:
    """A search of one stored story through its own events, as `StoryLinker._component` links them."""
    graph.load_many(members)
    start = min(members)
    links: dict[str, set[str]] = {start: set()}
    queue = [start]
    while queue:
        eid = queue.pop()
        near = sorted(graph.neighbours(eid) & members)
        links[eid].update(near[:EXTRA_LINKS])
        for other in near:
            if other not in links:
                links[other] = {eid}
                queue.append(other)
    return links


def warm_links(store: Store) -> str:
    sids = [r["story_id"] for r in store.rows(
        "SELECT story_id FROM story_events GROUP BY story_id HAVING COUNT(*) >= ? AND MAX(links) IS NULL "
        "ORDER BY story_id", (MIN_PIECE,))]
    graph, events, split = EventGraph(store), 0, 0
    for n in range(0, len(sids), 100):
        with store.transaction():
            for sid in sids[n:n + 100]:
                members = {r["event_id"] for r in store.rows(
                    "SELECT event_id FROM story_events WHERE story_id = ?", (sid,))}
                links = story_links(graph, members)
                split += len(links) < len(members)  # not connected by its own events' relations: left as it is
                if len(links) == len(members):
                    store.executemany("UPDATE story_events SET links = ? WHERE event_id = ?",
                                      [(encode(found), e) for e, found in sorted(links.items())])
                    events += len(members)
                if len(graph.records) > GRAPH_MAX:
                    graph = EventGraph(store)
    return f"{len(sids)} stories of {MIN_PIECE}+ events, {events} events linked, {split} left unlinked"


STEPS = {"disputes": warm_disputes, "bases": warm_bases, "links": warm_links}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the store (changed in place)")
    ap.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of: {', '.join(STEPS)}")
    args = ap.parse_args(argv)
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        print(f"--steps: unknown step {', '.join(unknown)} (known: {', '.join(STEPS)})", file=sys.stderr)
        return 2
    store = open_store(args.db)
    for step in steps:
        start = time.perf_counter()
        did = STEPS[step](store)
        print(f"{step}: {did}, {time.perf_counter() - start:.1f} s", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
