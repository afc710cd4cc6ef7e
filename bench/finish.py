"""Work through a store's link queue (stories, then disputes) and print each chunk's cost.

    python bench/finish.py --db STORE

An ingest queues the stories and disputes its batches changed and links them after the last
batch (storyline.link.linker.Linker.finish); a killed ingest leaves the rest queued. This runs
that tail alone on STORE (it writes to it: use a copy), one chunk per line: items done, wall
seconds of the chunk, and this process's resident memory, then the total and the peak.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from storyline.ingest import ingest
from storyline.store import open_store


def _rss_mb() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() // 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="the store whose queue to finish (written to)")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        print(f"{args.db}: no such store", file=sys.stderr)
        return 2
    store = open_store(str(args.db))
    started = last = time.time()
    done = 0

    def chunk(n: int) -> None:
        nonlocal done, last
        done += n
        now = time.time()
        print(f"{done:>8} +{n:<5} {now - last:7.1f} s  total {now - started:8.1f} s  rss {_rss_mb()} MB", flush=True)
        last = now

    with tempfile.TemporaryDirectory() as empty:  # nothing to read: the ingest only finishes the queue
        ingest(store, [empty], on_link_start=lambda n: print(f"queued {n}", flush=True), on_link=chunk)
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"done in {time.time() - started:.1f} s; peak RSS {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
